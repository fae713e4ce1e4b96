import { Page } from "../../components/Page";

export default function ProjectPage() {
  return <Page title="ProjectPage">{null}</Page>;
}

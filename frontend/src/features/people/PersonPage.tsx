import { Page } from "../../components/Page";

export default function PersonPage() {
  return <Page title="PersonPage">{null}</Page>;
}

import { Page } from "../../components/Page";

export default function TasksPage() {
  return <Page title="TasksPage">{null}</Page>;
}

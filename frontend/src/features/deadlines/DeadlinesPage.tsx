import { Page } from "../../components/Page";

export default function DeadlinesPage() {
  return <Page title="DeadlinesPage">{null}</Page>;
}

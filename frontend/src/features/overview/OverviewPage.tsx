import { Page } from "../../components/Page";

export default function OverviewPage() {
  return <Page title="OverviewPage">{null}</Page>;
}

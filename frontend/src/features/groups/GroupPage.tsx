import { Page } from "../../components/Page";

export default function GroupPage() {
  return <Page title="GroupPage">{null}</Page>;
}

import { Page } from "../../components/Page";

export default function PeoplePage() {
  return <Page title="PeoplePage">{null}</Page>;
}

import { Page } from "../../components/Page";

export default function InvolvementsPage() {
  return <Page title="InvolvementsPage">{null}</Page>;
}

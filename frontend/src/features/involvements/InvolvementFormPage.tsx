import { Page } from "../../components/Page";

export default function InvolvementFormPage() {
  return <Page title="InvolvementFormPage">{null}</Page>;
}

import { Link, Paragraph } from "@digdir/designsystemet-react";
import { Link as RouterLink } from "react-router-dom";
import { Page } from "../../components/Page";
import { useT } from "../../i18n";

export default function NotFoundPage() {
  const t = useT();
  return (
    <Page title={t("notFound.title")}>
      <Paragraph>{t("notFound.text")}</Paragraph>
      <Link asChild>
        <RouterLink to="/">{t("notFound.home")}</RouterLink>
      </Link>
    </Page>
  );
}

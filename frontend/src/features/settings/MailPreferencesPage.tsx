import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { publicMailPreferencesQuery } from "../../api/queries/settings";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { LanguageButtons } from "../ideas/LanguageButtons";
import { MailChoicesForm } from "./MailChoicesForm";
import "./messages";
import own from "./settings.module.css";
import { Footer } from "../../components/Footer";

/** The page every mail links to: the address's mail choices, without logging in. */
export default function MailPreferencesPage() {
  const { token = "" } = useParams();
  const { t } = useI18n();
  const mail = useQuery(publicMailPreferencesQuery(token));
  useEffect(() => {
    document.title = `${t("settings.public.title")} – ${t("app.name")}`;
  }, [t]);
  const unknown = mail.error instanceof ApiProblem && mail.error.status === 404;
  return (
    <>
    <main id="main" className={own.public}>
      <div className={own.languages}>
        <LanguageButtons />
      </div>
      <Heading level={1} data-size="lg">
        {t("settings.public.title")}
      </Heading>
      <Paragraph>{t("settings.public.intro")}</Paragraph>
      {mail.isPending ? (
        <Loading />
      ) : unknown ? (
        <Alert data-color="warning">
          <Paragraph>{t("settings.public.unknown")}</Paragraph>
        </Alert>
      ) : mail.isError ? (
        <ProblemAlert error={mail.error} />
      ) : (
        <MailChoicesForm saved={mail.data.record} etag={mail.data.etag} token={token} />
      )}
    </main>
    <Footer />
    </>
  );
}

import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { myMailPreferencesQuery } from "../../api/queries/settings";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { CalendarFeeds } from "./CalendarFeeds";
import { MailChoicesForm } from "./MailChoicesForm";
import "./messages";
import own from "./settings.module.css";

/** The signed-in user's own settings: what mail they get and in which language, and personal calendar feeds. */
export default function SettingsPage() {
  const { t } = useI18n();
  const mail = useQuery(myMailPreferencesQuery());
  return (
    <Page title={t("settings.title")}>
      <Paragraph className={own.narrow}>
        {t("settings.intro")} <Link to="/notifications">{t("settings.notificationsLink")}</Link>
      </Paragraph>
      <div className={own.sections}>
        <section className={own.section} aria-labelledby="mail-heading">
          <Heading level={2} data-size="sm" id="mail-heading">
            {t("settings.mail.title")}
          </Heading>
          <QueryState query={mail}>
            {({ record, etag }) => <MailChoicesForm saved={record} etag={etag} />}
          </QueryState>
        </section>
        <section className={own.section} aria-labelledby="feeds-heading">
          <Heading level={2} data-size="sm" id="feeds-heading">
            {t("settings.feeds.title")}
          </Heading>
          <CalendarFeeds />
        </section>
      </div>
    </Page>
  );
}

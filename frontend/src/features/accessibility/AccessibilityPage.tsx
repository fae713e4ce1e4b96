import { Heading, Link as DsLink, List, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link } from "react-router-dom";
import { accessibilityContactQuery } from "../../api/queries/accessibility";
import { Footer } from "../../components/Footer";
import { useI18n } from "../../i18n";
import { LanguageButtons } from "../ideas/LanguageButtons";
import "./messages";
import own from "./accessibility.module.css";

/** When this statement was written; change it with the statement's text. */
export const STATEMENT_DATE = "2026-12-03";
const UUTILSYNET = "https://www.uutilsynet.no/";

/**
 * The accessibility statement (tilgjengelighetserklæring) Norwegian public-sector web services
 * must publish: conformance, how it was tested, known issues, whom to tell, where to complain.
 * Public, in the chosen language.
 */
export default function AccessibilityPage() {
  const { t, formatDate } = useI18n();
  const contact = useQuery(accessibilityContactQuery());
  useEffect(() => {
    document.title = `${t("a11y.title")} – ${t("app.name")}`;
  }, [t]);
  return (
    <>
      <main id="main" className={own.page}>
        <div className={own.top}>
          <DsLink asChild>
            <Link to="/">{t("a11y.back")}</Link>
          </DsLink>
          <LanguageButtons />
        </div>
        <Heading level={1} data-size="lg">
          {t("a11y.title")}
        </Heading>
        <Paragraph>{t("a11y.intro")}</Paragraph>
        <section aria-labelledby="a11y-status">
          <Heading level={2} data-size="sm" id="a11y-status">
            {t("a11y.status.heading")}
          </Heading>
          <Paragraph>{t("a11y.status.text")}</Paragraph>
        </section>
        <section aria-labelledby="a11y-tested">
          <Heading level={2} data-size="sm" id="a11y-tested">
            {t("a11y.tested.heading")}
          </Heading>
          <List.Unordered>
            <List.Item>{t("a11y.tested.axe")}</List.Item>
            <List.Item>{t("a11y.tested.keyboard")}</List.Item>
            <List.Item>{t("a11y.tested.narrow")}</List.Item>
          </List.Unordered>
          <Paragraph>{t("a11y.tested.limits")}</Paragraph>
        </section>
        <section aria-labelledby="a11y-known">
          <Heading level={2} data-size="sm" id="a11y-known">
            {t("a11y.known.heading")}
          </Heading>
          <List.Unordered>
            <List.Item>{t("a11y.known.screenReaders")}</List.Item>
            <List.Item>{t("a11y.known.tables")}</List.Item>
            <List.Item>{t("a11y.known.uploads")}</List.Item>
            <List.Item>{t("a11y.known.exports")}</List.Item>
          </List.Unordered>
        </section>
        <section aria-labelledby="a11y-report">
          <Heading level={2} data-size="sm" id="a11y-report">
            {t("a11y.report.heading")}
          </Heading>
          <Paragraph>{t("a11y.report.text")}</Paragraph>
          <Paragraph>
            {contact.data ? (
              <DsLink href={contact.data.kind === "url" ? contact.data.contact : `mailto:${contact.data.contact}`}>
                {contact.data.contact}
              </DsLink>
            ) : contact.isError ? (
              t("a11y.report.unavailable")
            ) : (
              t("a11y.report.loading")
            )}
          </Paragraph>
        </section>
        <section aria-labelledby="a11y-complain">
          <Heading level={2} data-size="sm" id="a11y-complain">
            {t("a11y.complain.heading")}
          </Heading>
          <Paragraph>{t("a11y.complain.text")}</Paragraph>
          <Paragraph>
            <DsLink href={UUTILSYNET}>{t("a11y.complain.link")}</DsLink>
          </Paragraph>
        </section>
        <section aria-labelledby="a11y-about">
          <Heading level={2} data-size="sm" id="a11y-about">
            {t("a11y.about.heading")}
          </Heading>
          <Paragraph>{t("a11y.about.text", { date: formatDate(STATEMENT_DATE) })}</Paragraph>
        </section>
      </main>
      <Footer />
    </>
  );
}

import { Heading, Paragraph, Spinner } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useParams } from "react-router-dom";
import { receiptQuery } from "../../api/queries/ideas";
import { useI18n } from "../../i18n";
import { IdeaStatusTag } from "./IdeaStatusTag";
import { LanguageButtons } from "./LanguageButtons";
import { PublicProblem } from "./PublicIdeaPage";
import own from "./ideas.module.css";
import { Footer } from "../../components/Footer";

/**
 * An idea followed by its receipt, without an account: its title, where it stands, and every
 * status change with its date, comment, reason and the meeting where it was decided.
 */
export default function ReceiptPage() {
  const { token = "" } = useParams();
  const { t, formatDate, formatDateTime } = useI18n();
  const receipt = useQuery(receiptQuery(token));
  useEffect(() => {
    document.title = `${receipt.data?.title ?? t("ideas.receipt.title")} – ${t("app.name")}`;
  }, [receipt.data, t]);
  return (
    <>
    <main className={own.publicPage} id="main">
      <div className={own.publicCard}>
        <Heading level={1} data-size="lg">
          {receipt.data?.title ?? t("ideas.receipt.title")}
        </Heading>
        {receipt.isPending && <Spinner aria-label={t("common.loading")} data-size="md" />}
        {receipt.isError && <PublicProblem error={receipt.error} kind="receipt" />}
        {receipt.data && (
          <>
            <Paragraph>{t("ideas.receipt.intro")}</Paragraph>
            <dl className={own.facts}>
              <dt>{t("ideas.receipt.now")}</dt>
              <dd>
                <IdeaStatusTag status={receipt.data.status} />{" "}
                <span>{t(`ideas.statusMeaning.${receipt.data.status}`)}</span>
              </dd>
              {receipt.data.reason && (
                <>
                  <dt>{t("ideas.field.reason")}</dt>
                  <dd className={own.text}>{receipt.data.reason}</dd>
                </>
              )}
            </dl>
            <section aria-labelledby="receipt-history" className={own.section}>
              <Heading level={2} data-size="sm" id="receipt-history">
                {t("ideas.history.title")}
              </Heading>
              <ol className={own.history}>
                {receipt.data.status_changes.map((change, i) => (
                  <li key={i}>
                    <Paragraph>
                      <strong>{t(`ideas.status.${change.status}`)}</strong> – {formatDateTime(change.changed_at)}
                    </Paragraph>
                    {change.meeting && (
                      <Paragraph data-size="sm">
                        {t("ideas.history.decidedAt")}{" "}
                        {t("ideas.history.meeting", { title: change.meeting.title, date: formatDate(change.meeting.held_on) })}
                      </Paragraph>
                    )}
                    {change.comment && <Paragraph className={own.text}>{change.comment}</Paragraph>}
                    {change.reason && (
                      <Paragraph className={own.text}>
                        {t("ideas.field.reason")}: {change.reason}
                      </Paragraph>
                    )}
                  </li>
                ))}
              </ol>
            </section>
          </>
        )}
        <LanguageButtons />
      </div>
    </main>
    <Footer />
    </>
  );
}

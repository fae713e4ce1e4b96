import { Button, Heading, Link, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "react-router-dom";
import { decisionTrailQuery } from "../../api/queries/decisionTrail";
import { programmeQuery } from "../../api/queries/programmes";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { TrailEntries, TrailPlan } from "./TrailEntries";
import own from "./trail.module.css";

/**
 * A decision's trail as a page to print or save as PDF: documentation to the joint committee.
 * Printed, it has no navigation, only the heading (programme, decision, case number, day and
 * the time it was read) and the entries.
 */
export default function DecisionTrailPage() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { programmeId = "", decisionId = "" } = useParams();
  const trail = useQuery(decisionTrailQuery(decisionId));
  const programme = useQuery(programmeQuery(programmeId));
  const decisionUrl = `/p/${programmeId}/decisions/${decisionId}`;
  return (
    <div className={own.printable}>
      <Page title={t("trail.print.title", { title: trail.data?.title ?? t("decisions.decision") })}>
        <div className={own.screenOnly}>
          <Paragraph>
            <Link asChild>
              <RouterLink to={decisionUrl}>{t("trail.print.back")}</RouterLink>
            </Link>
          </Paragraph>
          <Button variant="secondary" onClick={() => window.print()}>
            {t("trail.print.print")}
          </Button>
        </div>
        <QueryState query={trail}>
          {(data) => (
            <>
              <dl className={own.printHeading}>
                <div>
                  <dt>{t("trail.print.programme")}</dt>
                  <dd>{programme.data?.name ?? ""}</dd>
                </div>
                <div>
                  <dt>{t("trail.print.decision")}</dt>
                  <dd>{data.title}</dd>
                </div>
                <div>
                  <dt>{t("trail.print.caseNumber")}</dt>
                  <dd>{data.case_number || t("trail.print.noCaseNumber")}</dd>
                </div>
                <div>
                  <dt>{t("trail.print.decidedOn")}</dt>
                  <dd>
                    <time dateTime={data.decided_on}>{formatDate(data.decided_on)}</time>
                    {" · "}
                    {t(`decisions.status.${data.status}`)}
                  </dd>
                </div>
                <div>
                  <dt>{t("trail.print.asOf")}</dt>
                  <dd>
                    <time dateTime={data.generated_at}>{formatDateTime(data.generated_at)}</time>
                  </dd>
                </div>
              </dl>
              <Heading level={2} data-size="sm">
                {t("trail.heading")}
              </Heading>
              <TrailEntries entries={data.entries} programmeId={programmeId} headingLevel={3} links={false} />
              <TrailPlan planned={data.planned} headingLevel={2} />
            </>
          )}
        </QueryState>
      </Page>
    </div>
  );
}

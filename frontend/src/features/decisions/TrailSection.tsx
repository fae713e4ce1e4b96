import { Alert, Button, Heading, Link, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link as RouterLink } from "react-router-dom";
import { decisionTrailQuery, downloadTrailCsv } from "../../api/queries/decisionTrail";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { useDecisionAccess } from "./access";
import { TrailEntries, TrailPlan } from "./TrailEntries";
import own from "./trail.module.css";

/** The file name of a decision's trail: its case number where it has one. */
export function trailFilename(caseNumber: string | null | undefined, decisionId: string): string {
  const key = (caseNumber || decisionId).replace(/[^\p{L}\p{N}_-]+/gu, "-");
  return `trail-${key}.csv`;
}

/**
 * On a decision's page: who was involved before it, how, when, what they said and what came of
 * it, oldest first, with the CSV and the printable page for the joint committee.
 */
export function TrailSection({
  decisionId,
  caseNumber,
  programmeId,
}: {
  decisionId: string;
  caseNumber: string | null;
  programmeId: string;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const trail = useQuery(decisionTrailQuery(decisionId));
  const { mayWrite } = useDecisionAccess(programmeId);
  const [downloading, setDownloading] = useState(false);
  const [refused, setRefused] = useState<unknown>(null);
  const download = () => {
    setRefused(null);
    setDownloading(true);
    downloadTrailCsv(decisionId, trailFilename(caseNumber, decisionId))
      .catch(setRefused)
      .finally(() => setDownloading(false));
  };
  return (
    <section aria-labelledby={headingId} className={own.section} id="trail">
      <Heading level={2} data-size="md" id={headingId}>
        {t("trail.heading")}
      </Heading>
      <Paragraph className={own.intro}>{t("trail.intro")}</Paragraph>
      <div className={own.actions}>
        <Button variant="secondary" onClick={download} aria-busy={downloading}>
          {t("trail.csv")}
        </Button>
        <Button variant="secondary" asChild>
          <RouterLink to={`/p/${programmeId}/decisions/${decisionId}/trail`}>{t("trail.printable")}</RouterLink>
        </Button>
        {mayWrite && (
          <Button variant="tertiary" asChild>
            <RouterLink to={`/p/${programmeId}/involvements/new?decision=${decisionId}`}>{t("trail.record")}</RouterLink>
          </Button>
        )}
      </div>
      {refused !== null && (
        <div role="alert">
          <Alert data-color="danger">
            <Paragraph>{t("trail.csvFailed")}</Paragraph>
          </Alert>
          <ProblemAlert error={refused} />
        </div>
      )}
      <QueryState query={trail}>
        {(data) => (
          <>
            <TrailEntries entries={data.entries} programmeId={programmeId} headingLevel={3} />
            <TrailPlan planned={data.planned} headingLevel={3} />
            {data.project_id && (
              <Paragraph data-size="sm">
                <Link asChild>
                  <RouterLink to={`/p/${programmeId}/projects/${data.project_id}/involvement-plan`}>
                    {t("trail.plan.open")}
                  </RouterLink>
                </Link>
              </Paragraph>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

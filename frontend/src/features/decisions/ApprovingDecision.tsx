import { Link } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink } from "react-router-dom";
import { decisionQuery } from "../../api/queries/decisions";
import { useI18n } from "../../i18n";

/** The decision that approved the mandate (seed 003: the board proposes, the joint committee approves). */
export function ApprovingDecision({ programmeId, decisionId }: { programmeId: string; decisionId: string }) {
  const { t } = useI18n();
  const decision = useQuery(decisionQuery(decisionId));
  if (!decision.data) return null;
  return (
    <span>
      {t("decisions.mandates.byDecision")}{" "}
      <Link asChild>
        <RouterLink to={`/p/${programmeId}/decisions/${decisionId}`}>{decision.data.record.title}</RouterLink>
      </Link>
    </span>
  );
}

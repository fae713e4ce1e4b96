import { Tag } from "@digdir/designsystemet-react";
import type { Finding } from "../../api/queries/compliance";
import type { Decision } from "../../api/queries/decisions";
import { useT } from "../../i18n";

export type Consultation = "notRequired" | "inOrder" | "missing" | "overridden" | "unknown";

/**
 * Whether a decision's consultation is in order, as the compliance report judges it: a
 * reorganisation decision it flags lacks the consultation, one it does not flag has it.
 */
export function consultationOf(decision: Decision, finding: Finding | undefined, reportLoaded: boolean): Consultation {
  if (!decision.reorganisation) return "notRequired";
  if (!reportLoaded) return "unknown";
  if (!finding) return "inOrder";
  return decision.status === "final" ? "overridden" : "missing";
}

const COLOR: Record<Consultation, string> = {
  notRequired: "neutral",
  inOrder: "success",
  missing: "danger",
  overridden: "warning",
  unknown: "neutral",
};

/** The consultation state in words; the colour only repeats them. */
export function ConsultationTag({ state }: { state: Consultation }) {
  const t = useT();
  if (state === "unknown") return <>—</>;
  return <Tag data-color={COLOR[state]}>{t(`decisions.consultation.${state}`)}</Tag>;
}

import type { PhaseStatus } from "../../api/queries/phases";
import type { Health, MandateStatus } from "../../api/queries/projects";

// Colours of the status tags. A tag always says its value in words too; colour only repeats it.
export const HEALTH_COLOR: Record<Health, string> = { on_track: "success", at_risk: "warning", off_track: "danger" };
export const MANDATE_COLOR: Record<MandateStatus, string> = {
  draft: "neutral",
  proposed: "info",
  approved: "success",
};
export const PHASE_COLOR: Record<PhaseStatus, string> = { not_started: "neutral", active: "info", completed: "success" };

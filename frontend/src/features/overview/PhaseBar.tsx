import type { Schemas } from "../../api/client";
import { useI18n, type Translate } from "../../i18n";
import styles from "./overview.module.css";

type Summary = Schemas["ProjectSummary"];

/**
 * The project's phase plan as a small bar: one segment per phase, filled when completed,
 * outlined and marked when current. The text beside it carries the meaning; the bar is a
 * picture of it with its own short name.
 */
export function PhaseBar({ project }: { project: Summary }) {
  const { t } = useI18n();
  const plan = project.phase_plan;
  if (plan.length === 0) return null;
  const current = project.current_phase?.position ?? 0;
  const done = plan.filter((s) => s === "completed").length;
  return (
    <span
      className={styles.phaseBar}
      role="img"
      aria-label={t("overview.phasePlan", { done, total: plan.length })}
    >
      {plan.map((status, i) => (
        <span
          key={i}
          className={styles.phaseStep}
          data-status={status}
          data-current={i + 1 === current ? "true" : undefined}
        />
      ))}
    </span>
  );
}

/** «2. Utarbeide kunnskapsgrunnlag», with why it is the current one when not plainly active. */
export function phaseText(project: Summary, t: Translate) {
  const phase = project.current_phase;
  if (!phase) return t("overview.noPhases");
  const base = t("overview.phaseOf", { position: phase.position, total: project.phase_plan.length, name: phase.name });
  return phase.basis === "active" ? base : `${base} (${t(`overview.basis.${phase.basis}`)})`;
}

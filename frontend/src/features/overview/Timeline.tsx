import { Link, Paragraph } from "@digdir/designsystemet-react";
import { Link as RouterLink } from "react-router-dom";
import type { Schemas } from "../../api/client";
import { useI18n } from "../../i18n";
import { osloDate } from "../../lib/time";
import styles from "./overview.module.css";

interface Entry {
  key: string;
  day: string;
  label: string;
  detail: string;
  href: string;
}

/** Phases (by their start and end) and deadlines of the programme, month by month. */
export function Timeline({ data, base }: { data: Schemas["ProgrammeOverview"]; base: string }) {
  const { t, locale } = useI18n();
  const projects = new Map(data.projects.map((p) => [p.id, p]));
  const entries: Entry[] = [];
  for (const phase of data.phases) {
    const project = projects.get(phase.project_id);
    const name = `${project?.code ?? ""} ${phase.position}. ${phase.name}`;
    const href = `${base}/projects/${phase.project_id}`;
    if (phase.starts_on)
      entries.push({ key: `${phase.id}-s`, day: phase.starts_on, label: name, detail: t("overview.phaseStarts"), href });
    if (phase.ends_on)
      entries.push({ key: `${phase.id}-e`, day: phase.ends_on, label: name, detail: t("overview.phaseEnds"), href });
  }
  for (const d of [...data.overdue, ...data.upcoming]) {
    entries.push({
      key: d.id,
      day: osloDate(d.due_at),
      label: d.title,
      detail: d.overdue ? t("overview.deadlineOverdue") : t("overview.deadline"),
      href: `${base}/deadlines`,
    });
  }
  if (entries.length === 0) return <Paragraph>{t("overview.noTimeline")}</Paragraph>;
  entries.sort((a, b) => a.day.localeCompare(b.day));
  const months = new Map<string, Entry[]>();
  for (const e of entries) months.set(e.day.slice(0, 7), [...(months.get(e.day.slice(0, 7)) ?? []), e]);
  const monthName = new Intl.DateTimeFormat({ nb: "nb-NO", nn: "nn-NO", en: "en-GB" }[locale], {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return (
    <ol className={styles.timeline}>
      {[...months.entries()].map(([month, items]) => (
        <li key={month}>
          <h3 className={styles.month}>{monthName.format(new Date(`${month}-15T12:00:00Z`))}</h3>
          <ul>
            {items.map((e) => (
              <li key={e.key}>
                <span className={styles.when}>{Number(e.day.slice(8, 10))}.</span> {e.detail}:{" "}
                <Link asChild>
                  <RouterLink to={e.href}>{e.label}</RouterLink>
                </Link>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

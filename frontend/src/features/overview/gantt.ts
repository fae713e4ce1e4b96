import type { Schemas } from "../../api/client";
import { osloDate } from "../../lib/time";

export type Timeline = Schemas["ProgrammeTimeline"];
export type Zoom = "all" | "year" | "quarter" | "month";
export const ZOOMS: Zoom[] = ["all", "year", "quarter", "month"];

const DAY = 86_400_000;

/** Days from `from` to `day` (both YYYY-MM-DD), as whole days in UTC. */
export function daysBetween(from: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** Pixels per day: the whole window fits `width`; a year, a quarter or a month fills it. */
export function pixelsPerDay(zoom: Zoom, windowDays: number, width: number): number {
  const span = { all: Math.max(windowDays, 1), year: 365, quarter: 91, month: 30 }[zoom];
  return Math.max(width, 240) / span;
}

export interface Row {
  key: string;
  label: string;
  projectId: string | null;
}

/** One row per project, then one for what belongs to the programme as a whole (if any). */
export function rowsOf(data: Timeline, wholeProgramme: string): Row[] {
  const rows: Row[] = data.projects.map((p) => ({ key: p.id, label: `${p.code} ${p.name}`, projectId: p.id }));
  const loose = data.deadlines.some((d) => !d.project_id) || data.decisions.some((d) => !d.project_id);
  if (loose) rows.push({ key: "programme", label: wholeProgramme, projectId: null });
  return rows;
}

export type Entry =
  | { kind: "phase"; id: string; day: string; end: string; title: string; projectId: string | null; status: string }
  | { kind: "deadline"; id: string; day: string; title: string; projectId: string | null; status: string; overdue: boolean }
  | { kind: "decision"; id: string; day: string; title: string; projectId: string | null; status: string };

/** Everything on the chart as one list by day, for the table that stands in for it. */
export function entriesOf(data: Timeline): Entry[] {
  const entries: Entry[] = [
    ...data.phases.map((p) => ({
      kind: "phase" as const,
      id: p.id,
      day: p.starts_on,
      end: p.ends_on,
      title: `${p.position}. ${p.name}`,
      projectId: p.project_id,
      status: p.status,
    })),
    ...data.deadlines.map((d) => ({
      kind: "deadline" as const,
      id: d.id,
      day: osloDate(d.due_at),
      title: d.title,
      projectId: d.project_id ?? null,
      status: d.status,
      overdue: d.overdue,
    })),
    ...data.decisions.map((d) => ({
      kind: "decision" as const,
      id: d.id,
      day: d.decided_on,
      title: d.title,
      projectId: d.project_id ?? null,
      status: d.status,
    })),
  ];
  return entries.sort((a, b) => a.day.localeCompare(b.day) || a.title.localeCompare(b.title));
}

/** The first day of each month (or of each year, when months would crowd) in the window. */
export function ticks(from: string, to: string, perDay: number): { day: string; year: boolean }[] {
  const out: { day: string; year: boolean }[] = [];
  const yearsOnly = perDay * 30 < 28;
  let [y, m] = from.split("-").map(Number) as [number, number];
  m += 1;
  if (m > 12) [y, m] = [y + 1, 1];
  for (;;) {
    const day = `${y}-${String(m).padStart(2, "0")}-01`;
    if (day > to) break;
    if (!yearsOnly || m === 1) out.push({ day, year: m === 1 });
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

import { TIME_ZONE } from "../i18n";

/** Today's date in Oslo as YYYY-MM-DD. */
export function osloToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(now);
}

/** The date in Oslo of an instant, as YYYY-MM-DD. */
export function osloDate(value: string | Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date(value));
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * An Oslo wall-clock time (from <input type="datetime-local">) as an RFC 3339 instant with
 * the offset Oslo had at that moment (+01:00 in winter, +02:00 in summer).
 */
export function osloLocalToInstant(local: string): string {
  const [day, time = "00:00"] = local.split("T");
  const guess = new Date(`${day}T${time}:00Z`);
  const offset = osloOffsetMinutes(guess);
  const instant = new Date(guess.getTime() - offset * 60_000);
  const again = osloOffsetMinutes(instant);
  const sign = again >= 0 ? "+" : "-";
  const hh = String(Math.floor(Math.abs(again) / 60)).padStart(2, "0");
  const mm = String(Math.abs(again) % 60).padStart(2, "0");
  return `${day}T${time}:00${sign}${hh}:${mm}`;
}

/** An instant as the value of <input type="datetime-local"> in Oslo time. */
export function instantToOsloLocal(value: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(value));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

function osloOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value ?? "GMT+00:00";
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(parts);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

import type { Translate } from "../../i18n";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How late a deadline was met, in its largest whole unit: "3 dager", "5 timer", "1 minutt". */
export function lateBy(t: Translate, seconds: number): string {
  const [unit, count] =
    seconds >= DAY
      ? ["days", Math.floor(seconds / DAY)]
      : seconds >= HOUR
        ? ["hours", Math.floor(seconds / HOUR)]
        : ["minutes", Math.max(1, Math.ceil(seconds / MINUTE))];
  return t(`deadlines.late.${unit}.${count === 1 ? "one" : "many"}`, { count });
}

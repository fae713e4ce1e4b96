import type { Locale } from "../../i18n";

const TAGS: Record<Locale, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

/** A measured value as the language writes it (nb and nn with a decimal comma), with its unit. */
export function formatValue(value: number | null | undefined, locale: Locale, unit?: string | null): string {
  if (value === null || value === undefined) return "—";
  const number = new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 2 }).format(value);
  if (!unit) return number;
  return unit === "%" ? `${number} %` : `${number} ${unit}`;
}

/** A change, always signed: +0,2, −0,1, 0. */
export function formatChange(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(value);
}

/** Progress from baseline (0) to target (1) as a whole percentage: 0,25 → 25 %. */
export function formatProgress(progress: number | null | undefined, locale: Locale): string {
  if (progress === null || progress === undefined) return "—";
  return new Intl.NumberFormat(TAGS[locale], { style: "percent", maximumFractionDigits: 0 }).format(progress);
}

/** A value typed in a form: a decimal comma or point, spaces as thousands separators. Null if not a number. */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, "").replace("−", "-").replace(",", ".");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** A number for a form's text field, written as the language writes it but without grouping. */
export function numberForInput(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return "";
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 6, useGrouping: false }).format(value);
}

/** Round ticks (…, 3, 3.5, 4, …) that leave room above and below the values. */
export function niceTicks(low: number, high: number): number[] {
  const span = high - low || Math.abs(high) || 1;
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const first = Math.floor((low - span * 0.05) / step) * step;
  const last = Math.ceil((high + span * 0.05) / step) * step;
  const ticks: number[] = [];
  for (let tick = first; tick <= last + step / 2; tick += step) ticks.push(Number(tick.toFixed(10)));
  return ticks;
}

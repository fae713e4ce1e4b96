import { useCallback } from "react";
import { useI18n } from "../i18n";
import type { ProblemItem } from "./problem";

/** What wording needs of the user's language: its strings and its date and number formats. */
export type Wording = Pick<ReturnType<typeof useI18n>, "t" | "formatDate" | "formatDateTime" | "formatNumber">;

/**
 * Better sentences for some fields, keyed by field and then by the item's code; the value is an
 * i18n key. A field is the item's JSON pointer without its leading slash and with list indices
 * as `*` ("title", "participants/*\/person_id"), or the name of a query parameter or header.
 */
export type Overrides = Record<string, Record<string, string>>;

/** Sentences that suit one field whatever the form. */
const SHARED: Overrides = {
  email: { value_error: "problem.field.email.value_error" },
};

/** The field an item is about, as Overrides name it. */
export function fieldOf(item: ProblemItem): string {
  if (item.pointer) {
    return item.pointer
      .replace(/^\//, "")
      .split("/")
      .map((part) => (/^\d+$/.test(part) ? "*" : part))
      .join("/");
  }
  return item.parameter ?? "";
}

// The API gives limits, dates and times as strings; they are shown as the user's language writes them.
function shown(value: string, w: Wording): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return w.formatDate(value);
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) {
    const instant = new Date(value.replace(" ", "T"));
    return Number.isNaN(instant.getTime()) ? value : w.formatDateTime(instant);
  }
  if (/^-?\d+$/.test(value)) return w.formatNumber(Number(value));
  return value;
}

/** Validator codes that say the same to a user as another code, which has the sentence. */
const SAME_AS: Record<string, string> = {
  int_type: "int_parsing",
  int_from_float: "int_parsing",
  float_type: "float_parsing",
  bool_type: "bool_parsing",
  literal_error: "enum",
  uuid_type: "uuid_parsing",
  date_type: "date_parsing",
  date_from_datetime_parsing: "date_parsing",
  date_from_datetime_inexact: "date_parsing",
  datetime_type: "datetime_parsing",
  datetime_from_date_parsing: "datetime_parsing",
  url_type: "url_parsing",
  url_scheme: "url_parsing",
  dict_type: "model_type",
  model_attributes_type: "model_type",
};

/** The code whose generic sentence fits: a text too short to have one character is simply missing. */
function genericCode(item: ProblemItem): string {
  const code = item.code ?? "";
  if (code === "string_too_short" && item.params?.min_length === "1") return "missing";
  return SAME_AS[code] ?? code;
}

/**
 * A problem item in the user's language, from its code: the form's own sentence for the field
 * where it has one, else the sentence for the code, else the API's English detail (a code this
 * app does not know yet).
 */
export function wordProblem(item: ProblemItem, w: Wording, overrides: Overrides = {}): string {
  if (!item.code) return item.detail;
  const { t } = w;
  const field = fieldOf(item);
  const vars = Object.fromEntries(Object.entries(item.params ?? {}).map(([name, value]) => [name, shown(String(value), w)]));
  for (const key of [overrides[field]?.[item.code], SHARED[field]?.[item.code], `problem.code.${genericCode(item)}`]) {
    if (key && t(key) !== key) return t(key, vars);
  }
  return item.detail;
}

/** wordProblem in the user's language, with a form's own sentences for some fields. */
export function useProblemWording(overrides?: Overrides): (item: ProblemItem) => string {
  const { t, formatDate, formatDateTime, formatNumber } = useI18n();
  return useCallback(
    (item: ProblemItem) => wordProblem(item, { t, formatDate, formatDateTime, formatNumber }, overrides),
    [t, formatDate, formatDateTime, formatNumber, overrides],
  );
}

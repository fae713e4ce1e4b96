import type { ProblemItem } from "../../api/problem";
import { wordProblem, type Wording } from "../../api/problemWording";
import type { RowError } from "../../api/queries/imports";

// Placeholders a sentence still has after wording: the row's error has no parameters to
// fill them with, so the API's own words are shown instead of a sentence with holes.
const UNFILLED = /\{\w+\}/;

/** A row's error in the user's language: by its code as the API's forms word it, else its detail. */
export function wordRowError(error: RowError, w: Wording): string {
  const item: ProblemItem = { pointer: error.column ? `/${error.column}` : null, code: error.code, detail: error.detail };
  const worded = wordProblem(item, w);
  return UNFILLED.test(worded) ? error.detail : worded;
}

/** The name a problem about the whole file is about (a column), from its parameters or its detail. */
export function columnOf(item: ProblemItem): string | null {
  const params = item.params ?? {};
  const named = params.column ?? params.name ?? params.columns;
  if (named) return String(named);
  const quoted = /[«"'`‘“]([^»"'`’”]+)[»"'`’”]/.exec(item.detail ?? "");
  return quoted ? quoted[1] : null;
}

/**
 * A problem with the whole file (an unknown or missing column, a file that cannot be read):
 * the sentence for its code and the column it names, else the API's own words.
 */
export function wordFileProblem(item: ProblemItem, w: Wording): string {
  const key = `imports.file.${item.code ?? ""}`;
  if (!item.code || w.t(key) === key) return wordProblem(item, w);
  const column = columnOf(item);
  return column ? `${w.t(key)} ${w.t("imports.file.column", { column })}` : w.t(key);
}

import type { ApiProblem, ProblemItem } from "../../api/problem";

/** A problem's messages by the JSON pointer they name, several at one pointer joined. */
export function errorsByPointer(problem: ApiProblem, word: (item: ProblemItem) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of problem.errors) {
    if (!item.pointer) continue;
    const message = word(item);
    out[item.pointer] = out[item.pointer] ? `${out[item.pointer]} ${message}` : message;
  }
  return out;
}

/** The list with the item at `index` moved `by` places (−1 up, +1 down); unchanged at an end. */
export function moved<T>(items: T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return items;
  const next = [...items];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** A section key as one token of a JSON pointer (RFC 6901), as the API writes it. */
export function pointerToken(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

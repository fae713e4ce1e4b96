import { authFetch } from "../client";
import { problemFrom } from "../problem";
import { osloToday } from "../../lib/time";

/** The file types every list of the API answers besides JSON. */
export type ExportFormat = "csv" | "xlsx";

type Scalar = string | number | boolean;
/** A list's filters as its JSON request sends them: a value, a list of values, or nothing. */
export type ListQuery = Record<string, Scalar | readonly Scalar[] | null | undefined>;

// A file holds the whole list, so paging parameters have no place in it (the API answers 400).
const PAGING = new Set(["limit", "cursor", "format"]);

/** The address of a list as a file: the same filters and order as its JSON, and the format. */
export function exportUrl(path: string, query: ListQuery, format: ExportFormat): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (PAGING.has(name) || value === undefined || value === null || value === "") continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, String(one));
  }
  params.append("format", format);
  return `${path}?${params}`;
}

/** The file name a Content-Disposition header names (RFC 6266, with RFC 5987's filename*), if any. */
export function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // A malformed encoding: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  const name = plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, "$1").trim() : "";
  // Only a name, never a path.
  return name ? name.split(/[\\/]/).pop() || null : null;
}

/** A name for the file when the answer names none: the list and today's date, `tasks-2026-12-03.xlsx`. */
export function fallbackFilename(path: string, format: ExportFormat, today: string = osloToday()): string {
  const resource = path.split("?")[0].split("/").filter(Boolean).pop() ?? "export";
  return `${resource}-${today}.${format}`;
}

/** Hand a fetched file to the browser as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Fetch a file with the session's token (a plain link would answer 401), save it under the
 * name the answer gives (else `fallback`), and return that name. A refusal is thrown as its
 * ApiProblem.
 */
export async function downloadWithToken(url: string, fallback: string): Promise<string> {
  const response = await authFetch(new Request(url));
  if (!response.ok) throw await problemFrom(response);
  const filename = filenameFrom(response.headers.get("content-disposition")) ?? fallback;
  saveBlob(await response.blob(), filename);
  return filename;
}

/** Download a list as CSV or XLSX with the filters it is shown with; returns the file's name. */
export function downloadList(path: string, query: ListQuery, format: ExportFormat): Promise<string> {
  return downloadWithToken(exportUrl(path, query, format), fallbackFilename(path, format));
}

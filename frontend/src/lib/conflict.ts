import { authFetch, type Versioned } from "../api/client";
import { problemFrom } from "../api/problem";

/** Someone else changed the record since it was read: both versions, for the user to choose. */
export class EditConflict<T = Record<string, unknown>> extends Error {
  constructor(
    readonly current: T,
    readonly etag: string,
    readonly mine: Record<string, unknown>,
  ) {
    super("edit conflict");
  }
}

/**
 * PATCH a record with If-Match. When the record changed meanwhile (412), read it as it is now
 * and throw EditConflict, so that nothing is lost and nothing is silently overwritten.
 */
export async function patchRecord<T>(url: string, etag: string, changes: Record<string, unknown>): Promise<Versioned<T>> {
  const response = await authFetch(
    new Request(url, {
      method: "PATCH",
      headers: { "content-type": "application/merge-patch+json", "If-Match": etag },
      body: JSON.stringify(changes),
    }),
  );
  if (response.status === 412) {
    const now = await authFetch(new Request(url));
    if (!now.ok) throw await problemFrom(now);
    throw new EditConflict<T>((await now.json()) as T, now.headers.get("etag") ?? "", changes);
  }
  if (!response.ok) throw await problemFrom(response);
  return { record: (await response.json()) as T, etag: response.headers.get("etag") ?? "" };
}

/** The fields of a form's values that differ from the saved record's: what a PATCH sends. */
export function changedFields<U extends object>(next: U, saved: object): Partial<U> {
  const before = saved as Record<string, unknown>;
  return Object.fromEntries(Object.entries(next).filter(([field, value]) => !same(value, before[field]))) as Partial<U>;
}

/** Equal as the API would store them: lists and objects by their contents, in order. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** GET a record with its ETag. */
export async function getRecord<T>(url: string): Promise<Versioned<T>> {
  const response = await authFetch(new Request(url));
  if (!response.ok) throw await problemFrom(response);
  return { record: (await response.json()) as T, etag: response.headers.get("etag") ?? "" };
}

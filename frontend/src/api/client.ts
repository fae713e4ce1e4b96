import createClient from "openapi-fetch";
import { ApiProblem } from "./problem";
import type { components, paths } from "./schema.gen";
import { readSession, sessionFromTokens, writeSession } from "./session";

export type Schemas = components["schemas"];

let refreshing: Promise<boolean> | null = null;

async function refresh(): Promise<boolean> {
  const session = readSession();
  if (!session) return false;
  const response = await fetch("/api/v1/auth/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "refresh_token", refresh_token: session.refreshToken }),
  });
  if (!response.ok) {
    writeSession(null);
    return false;
  }
  writeSession(sessionFromTokens(await response.json()));
  return true;
}

/** fetch with the session's token; one refresh and retry when the access token has expired. */
export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const withToken = (request: Request) => {
    const session = readSession();
    if (session) request.headers.set("Authorization", `Bearer ${session.accessToken}`);
    return fetch(request);
  };
  const response = await withToken(input);
  if (response.status !== 401 || !readSession()) return response;
  refreshing ??= refresh().finally(() => (refreshing = null));
  return (await refreshing) ? withToken(retry) : response;
}

// Lists also answer CSV and XLSX files; the typed client reads JSON, so only JSON media
// types shape its data and errors.
export const api = createClient<paths, `${string}/${string}json`>({ baseUrl: "", fetch: authFetch });

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The problem of a failed answer, from the body openapi-fetch has already parsed. */
function problemOf(response: Response, error: unknown): ApiProblem {
  const body = error && typeof error === "object" ? (error as Record<string, unknown>) : {};
  return new ApiProblem(response.status, { title: response.statusText, ...body });
}

/** The body of a successful answer, or an ApiProblem thrown for any other. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw problemOf(response, error);
  return data as T;
}

/** A record with the version its ETag names, for If-Match on the next change. */
export interface Versioned<T> {
  record: T;
  etag: string;
}

/** The ETag of a record read from a list: its version, as the API's ETag header names it. */
export const etagOf = (record: { version: number }) => `"${record.version}"`;

export async function unwrapVersioned<T>(call: Promise<Result<T>>): Promise<Versioned<T>> {
  const { data, error, response } = await call;
  if (!response.ok) throw problemOf(response, error);
  return { record: data as T, etag: response.headers.get("etag") ?? "" };
}

export { ApiProblem };

import { queryOptions } from "@tanstack/react-query";
import { api, authFetch, unwrap, type Schemas } from "../client";
import { problemFrom } from "../problem";

export type DecisionTrail = Schemas["DecisionTrail"];
export type TrailEntry = Schemas["TrailEntry"];
export type TrailPlanned = Schemas["TrailPlanned"];

export const trailKeys = {
  all: ["decision-trail"] as const,
  detail: (decisionId: string) => [...trailKeys.all, decisionId] as const,
};

/**
 * Who was involved before a decision, how, when, what they said and what came of it, oldest
 * first. Its records are kept on other pages, so it is read again whenever it is shown.
 */
export const decisionTrailQuery = (decisionId: string) =>
  queryOptions({
    queryKey: trailKeys.detail(decisionId),
    queryFn: () => unwrap(api.GET("/api/v1/decisions/{id}/trail", { params: { path: { id: decisionId } } })),
    staleTime: 0,
  });

/** The address of the trail as CSV (fetched with the session's token, see downloadTrailCsv). */
export const trailCsvUrl = (decisionId: string) => `/api/v1/decisions/${decisionId}/trail.csv`;

/** Fetch the trail's CSV with the session's token (a plain link answers 401) and hand it to the browser. */
export async function downloadTrailCsv(decisionId: string, filename: string): Promise<void> {
  const response = await authFetch(new Request(trailCsvUrl(decisionId)));
  if (!response.ok) throw await problemFrom(response);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

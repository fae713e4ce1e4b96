import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";

export type Compliance = Schemas["Compliance"];
export type ProjectCompliance = Schemas["ProjectCompliance"];
export type Finding = Schemas["Finding"];
export type FindingPage = Schemas["FindingPage"];

export type Rule = Schemas["RuleRead"];

/** Whose findings to list: every one, the programme's own (no project), or one project's. */
export type FindingScope = { kind: "all" } | { kind: "programme" } | { kind: "project"; projectId: string };

export const CONSULTATION_RULE = "reorganisation-consultation";
export const FINDINGS_PAGE_SIZE = 100;
// A programme has a handful of reorganisation decisions: the decision pages read them in one page.
const CONSULTATION_PAGE_SIZE = 500;

// Other modules invalidate the report after a change by the root key alone.
export const complianceKeys = {
  all: ["compliance"] as const,
  programme: (programmeId: string) => [...complianceKeys.all, programmeId] as const,
  findings: (programmeId: string, scope: FindingScope, rule?: string) =>
    [...complianceKeys.programme(programmeId), "findings", scope, rule ?? null] as const,
};

/**
 * The programme's compliance report: counts by project and by rule, the findings themselves
 * paged (findingsQuery). It is computed by the API on every read and changes whenever
 * something is fixed elsewhere, so it is never taken from the cache as fresh.
 */
export const complianceQuery = (programmeId: string) =>
  queryOptions({
    queryKey: complianceKeys.programme(programmeId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/programmes/{id}/compliance", { params: { path: { id: programmeId } } })),
    staleTime: 0,
  });

function findingPage(programmeId: string, scope: FindingScope, rule: string | undefined, limit: number, cursor?: string) {
  return unwrap(
    api.GET("/api/v1/programmes/{id}/compliance/findings", {
      params: {
        path: { id: programmeId },
        query: {
          limit,
          cursor,
          rule,
          project_id: scope.kind === "project" ? scope.projectId : undefined,
          scope: scope.kind === "programme" ? "programme" : undefined,
        },
      },
    }),
  );
}

/** The report's findings, by rule, a page at a time. */
export const findingsQuery = (programmeId: string, scope: FindingScope) =>
  infiniteQueryOptions({
    queryKey: complianceKeys.findings(programmeId, scope),
    queryFn: ({ pageParam }) => findingPage(programmeId, scope, undefined, FINDINGS_PAGE_SIZE, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
  });

/** The findings on reorganisation decisions that lack their consultation. */
export const consultationFindingsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: complianceKeys.findings(programmeId, { kind: "all" }, CONSULTATION_RULE),
    queryFn: async () =>
      (await findingPage(programmeId, { kind: "all" }, CONSULTATION_RULE, CONSULTATION_PAGE_SIZE)).items,
    staleTime: 0,
  });

import { queryOptions } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";

export type Compliance = Schemas["Compliance"];
export type ProjectCompliance = Schemas["ProjectCompliance"];
export type Finding = Schemas["Finding"];

export type Rule = Schemas["RuleRead"];

// Other modules invalidate the report after a change by the root key alone.
export const complianceKeys = {
  all: ["compliance"] as const,
  programme: (programmeId: string) => [...complianceKeys.all, programmeId] as const,
};

/**
 * The programme's compliance report. It is computed by the API on every read and changes
 * whenever something is fixed elsewhere, so it is never taken from the cache as fresh.
 */
export const complianceQuery = (programmeId: string) =>
  queryOptions({
    queryKey: complianceKeys.programme(programmeId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/programmes/{id}/compliance", { params: { path: { id: programmeId } } })),
    staleTime: 0,
  });

/** Every finding in the report, the projects' and the programme's. */
export function allFindings(report: Compliance): Finding[] {
  return [...report.projects.flatMap((p) => p.findings), ...report.programme_findings];
}

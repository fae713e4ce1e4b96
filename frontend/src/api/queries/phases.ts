import { infiniteQueryOptions, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, type Schemas, type Versioned, etagOf } from "../client";
import { programmeKeys } from "./programmes";

export type Phase = Schemas["PhaseRead"];
export type PhaseUpdate = Schemas["PhaseUpdate"];
export type PhaseStatus = Schemas["PhaseStatus"];
export type ExpectedResult = Schemas["ExpectedResultRead"];
type PhasePage = Schemas["PhasePage"];

export const phaseKeys = {
  all: ["phases"] as const,
  lists: () => [...phaseKeys.all, "list"] as const,
  ofProject: (projectId: string) => [...phaseKeys.lists(), { projectId }] as const,
};

// The phase model has five phases; one page holds a project's plan, a longer one gets "show more".
const PAGE_SIZE = 20;

/** The API's ETag is the record's version number. */
export { etagOf };

/** A project's phases in order, each with its expected-results checklist. */
export const projectPhasesQuery = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: phaseKeys.ofProject(projectId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/phases", {
          params: { query: { project_id: [projectId], sort: "position", limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

function replaceResult(data: InfiniteData<PhasePage> | undefined, saved: ExpectedResult) {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((phase) =>
        phase.id !== saved.phase_id
          ? phase
          : { ...phase, expected_results: phase.expected_results.map((r) => (r.id === saved.id ? saved : r)) },
      ),
    })),
  };
}

/**
 * Tick an expected result off, or untick it, with If-Match on the result's version; rejects
 * with EditConflict when someone else changed the result first.
 */
export function useTickResult(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ result, done }: { result: ExpectedResult; done: boolean }): Promise<Versioned<ExpectedResult>> =>
      patchRecord<ExpectedResult>(
        `/api/v1/phases/${result.phase_id}/expected-results/${result.id}`,
        etagOf(result),
        { done },
      ),
    onSuccess: ({ record }) => {
      client.setQueryData(phaseKeys.ofProject(projectId), (data: InfiniteData<PhasePage> | undefined) =>
        replaceResult(data, record),
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: phaseKeys.all }),
  });
}

/** A change to a phase (closing it, for one), with If-Match; the API may refuse it with a problem. */
export function useUpdatePhase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ phase, changes }: { phase: Phase; changes: PhaseUpdate }): Promise<Versioned<Phase>> =>
      patchRecord<Phase>(`/api/v1/phases/${phase.id}`, etagOf(phase), changes),
    onSettled: (_data, _error, { phase }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: phaseKeys.all }),
        // The overview shows each project's current phase and the timeline.
        client.invalidateQueries({ queryKey: programmeKeys.overview(phase.programme_id) }),
      ]),
  });
}

/** Waive an expected result that is not needed after all; the reason is required and kept. */
export function useWaiveResult() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ result, reason }: { result: ExpectedResult; reason: string }) =>
      patchRecord<ExpectedResult>(
        `/api/v1/phases/${result.phase_id}/expected-results/${result.id}`,
        etagOf(result),
        { waived: true, waived_reason: reason },
      ),
    onSettled: () => client.invalidateQueries({ queryKey: phaseKeys.all }),
  });
}

import { infiniteQueryOptions, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, type Schemas, type Versioned, etagOf } from "../client";
import { programmeKeys } from "./programmes";

export type Phase = Schemas["PhaseRead"];
export type PhaseUpdate = Schemas["PhaseUpdate"];
export type PhaseStatus = Schemas["PhaseStatus"];
export type PhaseCreate = Schemas["PhaseCreate"];
export type ExpectedResult = Schemas["ExpectedResultRead"];
export type ExpectedResultUpdate = Schemas["ExpectedResultUpdate"];

export const PHASE_STATUSES: PhaseStatus[] = ["not_started", "active", "completed"];
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

/** The project's phase plan and what shows it: the overview's current phase and its timeline. */
function invalidatePlan(client: ReturnType<typeof useQueryClient>, programmeId: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: phaseKeys.all }),
    client.invalidateQueries({ queryKey: programmeKeys.overview(programmeId) }),
  ]);
}

/**
 * A change to a phase (closing it, for one), with If-Match on the version it was read at, or
 * on `etag` when a conflict was resolved against a newer one; rejects with EditConflict when
 * someone else changed it first.
 */
export function useUpdatePhase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ phase, changes, etag }: { phase: Phase; changes: PhaseUpdate; etag?: string }): Promise<Versioned<Phase>> =>
      patchRecord<Phase>(`/api/v1/phases/${phase.id}`, etag ?? etagOf(phase), changes),
    onSettled: (_data, _error, { phase }) => invalidatePlan(client, phase.programme_id),
  });
}

/** Add a phase to a project, by default after its last one. */
export function useCreatePhase(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PhaseCreate) => unwrap(api.POST("/api/v1/phases", { body })),
    onSuccess: () => invalidatePlan(client, programmeId),
  });
}

/** Delete a phase and its expected results; 409 while tasks still refer to it. */
export function useDeletePhase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (phase: Phase) =>
      unwrap(
        api.DELETE("/api/v1/phases/{id}", { params: { path: { id: phase.id }, header: { "if-match": etagOf(phase) } } }),
      ),
    onSettled: (_data, _error, phase) => invalidatePlan(client, phase.programme_id),
  });
}

/** Add a line to a phase's checklist, last unless a position is given. */
export function useCreateResult() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ phase, text }: { phase: Phase; text: string }) =>
      unwrap(
        api.POST("/api/v1/phases/{phase_id}/expected-results", {
          params: { path: { phase_id: phase.id } },
          body: { text, done: false, waived: false },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: phaseKeys.all }),
  });
}

/** Change an expected result's text (or anything else of it) with If-Match; EditConflict when someone was first. */
export function useUpdateResult() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      result,
      changes,
      etag,
    }: {
      result: ExpectedResult;
      changes: ExpectedResultUpdate;
      etag?: string;
    }): Promise<Versioned<ExpectedResult>> =>
      patchRecord<ExpectedResult>(
        `/api/v1/phases/${result.phase_id}/expected-results/${result.id}`,
        etag ?? etagOf(result),
        changes,
      ),
    onSettled: () => client.invalidateQueries({ queryKey: phaseKeys.all }),
  });
}

/** Take a line off a phase's checklist, with If-Match on the version shown. */
export function useDeleteResult() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (result: ExpectedResult) =>
      unwrap(
        api.DELETE("/api/v1/phases/{phase_id}/expected-results/{id}", {
          params: { path: { phase_id: result.phase_id, id: result.id }, header: { "if-match": etagOf(result) } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: phaseKeys.all }),
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

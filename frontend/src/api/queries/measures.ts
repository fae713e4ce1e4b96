import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, type Schemas, type Versioned, etagOf } from "../client";
import { complianceKeys } from "./compliance";

export type Measure = Schemas["MeasureRead"];
export type MeasureCreate = Schemas["MeasureCreate"];
export type MeasureUpdate = Schemas["MeasureUpdate"];
export type MeasureStatus = Schemas["MeasureStatus"];
export type EvidenceLink = Schemas["EvidenceLink"];

export const MEASURE_STATUSES: MeasureStatus[] = ["planned", "in_progress", "done", "cancelled"];

export interface MeasureFilters {
  projectId?: string;
  goalId?: string;
  status?: MeasureStatus;
  overdueWithoutResult?: boolean;
}

export const measureKeys = {
  all: ["measures"] as const,
  list: (programmeId: string, filters: MeasureFilters) => [...measureKeys.all, "list", programmeId, filters] as const,
  goals: (programmeId: string) => [...measureKeys.all, "goals", programmeId] as const,
  tasks: (programmeId: string) => [...measureKeys.all, "tasks", programmeId] as const,
};

const PAGE_SIZE = 50;
// Pickers load one page of the API's largest size: a programme has tens of goals and some
// hundreds of tasks.
const PICKER_LIMIT = 500;

/** The list's filters and order as the API's query parameters (its JSON pages and its CSV and XLSX files). */
export const measureListQuery = (programmeId: string, filters: MeasureFilters) => ({
  programme_id: [programmeId],
  project_id: filters.projectId ? [filters.projectId] : undefined,
  goal_id: filters.goalId || undefined,
  status: filters.status ? [filters.status] : undefined,
  overdue_without_result: filters.overdueWithoutResult ? true : undefined,
  sort: "due_on" as const,
});

/** Measures of a programme, earliest due first, a page at a time. */
export const measuresQuery = (programmeId: string, filters: MeasureFilters) =>
  infiniteQueryOptions({
    queryKey: measureKeys.list(programmeId, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/measures", {
          params: {
            query: { ...measureListQuery(programmeId, filters), limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export interface GoalOption {
  id: string;
  title: string;
  kind: string;
}

/** The programme's goals a measure can be linked to (catalogue goals included). */
export const goalOptionsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: measureKeys.goals(programmeId),
    queryFn: async (): Promise<GoalOption[]> => {
      const page = await unwrap(
        api.GET("/api/v1/goals", {
          params: { query: { programme_id: [programmeId], limit: PICKER_LIMIT } },
        }),
      );
      return page.items.map((g) => ({ id: g.id, title: g.title, kind: g.kind }));
    },
    staleTime: 60_000,
  });

export interface TaskOption {
  id: string;
  title: string;
}

/** The programme's tasks a measure can be carried out through. */
export const taskOptionsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: measureKeys.tasks(programmeId),
    queryFn: async (): Promise<TaskOption[]> => {
      const page = await unwrap(
        api.GET("/api/v1/tasks", {
          params: { query: { programme_id: [programmeId], sort: "title", limit: PICKER_LIMIT } },
        }),
      );
      return page.items.map((task) => ({ id: task.id, title: task.title }));
    },
    staleTime: 60_000,
  });

export { etagOf };

export function useCreateMeasure() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeasureCreate) => unwrap(api.POST("/api/v1/measures", { body })),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: measureKeys.all });
      client.invalidateQueries({ queryKey: complianceKeys.all });
    },
  });
}

/** A change to a measure, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateMeasure() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      changes,
    }: {
      id: string;
      etag: string;
      changes: MeasureUpdate;
    }): Promise<Versioned<Measure>> => patchRecord<Measure>(`/api/v1/measures/${id}`, etag, changes),
    onSettled: () => {
      client.invalidateQueries({ queryKey: measureKeys.all });
      client.invalidateQueries({ queryKey: complianceKeys.all });
    },
  });
}

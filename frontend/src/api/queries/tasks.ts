import { infiniteQueryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, type Schemas, type Versioned, etagOf } from "../client";

export type Task = Schemas["TaskRead"];
export type TaskCreate = Schemas["TaskCreate"];
export type TaskUpdate = Schemas["TaskUpdate"];
export type TaskStatus = Schemas["TaskStatus"];
export type Priority = Schemas["Priority"];

export const TASK_STATUSES: TaskStatus[] = ["todo", "in_progress", "blocked", "done"];
export const PRIORITIES: Priority[] = ["low", "normal", "high", "urgent"];

/** The filters a task list can have; every one optional. */
export interface TaskFilters {
  projectId?: string;
  assigneeId?: string;
  status?: TaskStatus;
  dueBefore?: string;
  dueAfter?: string;
}

export const taskKeys = {
  all: ["tasks"] as const,
  lists: () => [...taskKeys.all, "list"] as const,
  list: (programmeId: string, filters: TaskFilters) => [...taskKeys.lists(), programmeId, filters] as const,
};

const PAGE_SIZE = 50;

/** The list's filters and order as the API's query parameters (its JSON pages and its CSV and XLSX files). */
export const taskListQuery = (programmeId: string, filters: TaskFilters) => ({
  programme_id: [programmeId],
  project_id: filters.projectId ? [filters.projectId] : undefined,
  assignee_id: filters.assigneeId ? [filters.assigneeId] : undefined,
  status: filters.status ? [filters.status] : undefined,
  due_before: filters.dueBefore || undefined,
  due_after: filters.dueAfter || undefined,
  sort: "due_on" as const,
});

/** Tasks of a programme, a page at a time, by the API's cursors. */
export const tasksQuery = (programmeId: string, filters: TaskFilters) =>
  infiniteQueryOptions({
    queryKey: taskKeys.list(programmeId, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/tasks", {
          params: {
            query: { ...taskListQuery(programmeId, filters), limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** The API's ETag is the record's version number (see RecordRead.version). */
export { etagOf };

export function useCreateTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TaskCreate) => unwrap(api.POST("/api/v1/tasks", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

/** A change to a task, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, changes }: { id: string; etag: string; changes: TaskUpdate }): Promise<Versioned<Task>> =>
      patchRecord<Task>(`/api/v1/tasks/${id}`, etag, changes),
    onSettled: () => client.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, type Schemas, type Versioned, etagOf } from "../client";

export type Deadline = Schemas["DeadlineRead"];
export type DeadlineCreate = Schemas["DeadlineCreate"];
export type DeadlineUpdate = Schemas["DeadlineUpdate"];
export type DeadlineKind = Schemas["DeadlineKind"];
export type DeadlineStatus = Schemas["DeadlineStatus"];

export const DEADLINE_KINDS: DeadlineKind[] = ["submission", "meeting", "decision", "hearing", "milestone"];
export const DEADLINE_STATUSES: DeadlineStatus[] = ["open", "submitted", "waived"];

export interface DeadlineFilters {
  projectId?: string;
  /** Only the tasks given at this gathering or meeting. */
  eventId?: string;
  status?: DeadlineStatus;
  kind?: DeadlineKind;
  overdue?: boolean;
  /** Only deadlines submitted after their due time. */
  submittedLate?: boolean;
  /** Due at or after this Oslo wall-clock time (YYYY-MM-DDTHH:MM:SS, no offset). */
  dueAfter?: string;
  /** Due before this Oslo wall-clock time. */
  dueBefore?: string;
}

export const deadlineKeys = {
  all: ["deadlines"] as const,
  lists: () => [...deadlineKeys.all, "list"] as const,
  list: (programmeId: string, filters: DeadlineFilters) => [...deadlineKeys.lists(), programmeId, filters] as const,
  event: (eventId: string) => [...deadlineKeys.all, "event", eventId] as const,
  overdue: (programmeId: string, projectId?: string) =>
    [...deadlineKeys.all, "overdue", programmeId, projectId ?? null] as const,
};

const PAGE_SIZE = 50;
// The calendar shows a month at once; a month rarely holds more than this.
const MONTH_PAGE_SIZE = 200;
// Overdue deadlines are counted up to this many; beyond it the page says "at least".
export const OVERDUE_COUNT_LIMIT = 100;

/** The list's filters and order as the API's query parameters (its JSON pages and its CSV and XLSX files). */
export const deadlineListQuery = (programmeId: string, filters: DeadlineFilters) => ({
  programme_id: [programmeId],
  project_id: filters.projectId ? [filters.projectId] : undefined,
  event_id: filters.eventId ? [filters.eventId] : undefined,
  status: filters.status ? [filters.status] : undefined,
  kind: filters.kind ? [filters.kind] : undefined,
  overdue: filters.overdue ? true : undefined,
  submitted_late: filters.submittedLate ? true : undefined,
  // Without an offset the API reads these as Oslo time.
  due_after: filters.dueAfter,
  due_before: filters.dueBefore,
  sort: "due_at" as const,
});

function listQuery(programmeId: string, filters: DeadlineFilters, limit: number, cursor?: string) {
  return unwrap(
    api.GET("/api/v1/deadlines", {
      params: {
        query: { ...deadlineListQuery(programmeId, filters), limit, cursor },
      },
    }),
  );
}

/** Deadlines of a programme, earliest first, a page at a time. */
export const deadlinesQuery = (programmeId: string, filters: DeadlineFilters, pageSize = PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: [...deadlineKeys.list(programmeId, filters), pageSize],
    queryFn: ({ pageParam }) => listQuery(programmeId, filters, pageSize, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** The deadlines of one month (YYYY-MM) in Oslo time. */
export const monthDeadlinesQuery = (programmeId: string, month: string, filters: DeadlineFilters) =>
  deadlinesQuery(
    programmeId,
    { ...filters, dueAfter: `${month}-01T00:00:00`, dueBefore: `${nextMonth(month)}-01T00:00:00` },
    MONTH_PAGE_SIZE,
  );

// A gathering gives a handful of tasks; this many are shown on its page, with a link to the rest.
export const EVENT_TASK_LIMIT = 100;

/** The tasks given at one gathering or meeting, earliest due first. */
export const eventTasksQuery = (programmeId: string, eventId: string) =>
  queryOptions({
    queryKey: deadlineKeys.event(eventId),
    queryFn: () => listQuery(programmeId, { eventId }, EVENT_TASK_LIMIT),
  });

/** How many open deadlines are past due, counted up to OVERDUE_COUNT_LIMIT. */
export const overdueCountQuery = (programmeId: string, projectId?: string) =>
  queryOptions({
    queryKey: deadlineKeys.overdue(programmeId, projectId),
    queryFn: async () => {
      const page = await listQuery(programmeId, { projectId, overdue: true }, OVERDUE_COUNT_LIMIT);
      return { count: page.items.length, more: Boolean(page.next_cursor) };
    },
  });

/** YYYY-MM of the month after the given one. */
export function nextMonth(month: string): string {
  return shiftMonth(month, 1);
}

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split("-").map(Number);
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The API's ETag is the record's version number (see RecordRead.version). */
export { etagOf };

export function useCreateDeadline() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DeadlineCreate) => unwrap(api.POST("/api/v1/deadlines", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: deadlineKeys.all }),
  });
}

/** A change to a deadline, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateDeadline() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      changes,
    }: {
      id: string;
      etag: string;
      changes: DeadlineUpdate;
    }): Promise<Versioned<Deadline>> => patchRecord<Deadline>(`/api/v1/deadlines/${id}`, etag, changes),
    onSettled: () => client.invalidateQueries({ queryKey: deadlineKeys.all }),
  });
}

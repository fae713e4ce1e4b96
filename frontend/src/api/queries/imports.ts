import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, authFetch, unwrap, type Schemas } from "../client";
import { problemFrom } from "../problem";
import { downloadWithToken } from "./exports";

export type ImportResource = Schemas["ImportResource"];
export type ImportMode = Schemas["ImportMode"];
export type ImportStatus = Schemas["ImportStatus"];
export type ImportOutcome = Schemas["ImportOutcome"];
export type ImportRead = Schemas["ImportRead"];
export type ImportRowRead = Schemas["ImportRowRead"];
export type ImportRowError = Schemas["ImportRowError"];
export type RowError = Schemas["RowError"];
export type ImportTemplate = Schemas["ImportTemplate"];
export type TemplateColumn = Schemas["TemplateColumn"];

/** The kinds of record a file can be imported into from the import page. */
export const IMPORT_RESOURCES = [
  "people",
  "groups",
  "group_members",
  "projects",
  "tasks",
  "deadlines",
  "involvements",
] as const satisfies readonly ImportResource[];
export type PageResource = (typeof IMPORT_RESOURCES)[number];

export const isPageResource = (value: string | undefined): value is PageResource =>
  IMPORT_RESOURCES.includes(value as PageResource);

/** Whether an import is still going: the page polls it until it is not. */
export const isRunning = (record: ImportRead | undefined) =>
  record !== undefined && (record.status === "queued" || record.status === "running");

export const importKeys = {
  all: ["imports"] as const,
  lists: () => [...importKeys.all, "list"] as const,
  list: (programmeId: string, resource: string) => [...importKeys.lists(), programmeId, resource] as const,
  detail: (id: string) => [...importKeys.all, "detail", id] as const,
  rows: (id: string, outcome: ImportOutcome) => [...importKeys.detail(id), "rows", outcome] as const,
  templates: () => [...importKeys.all, "templates"] as const,
};

// How often a running import is read again.
export const POLL_MS = 1000;

/** One import; read again every second while it is queued or running, and never once it has ended. */
export const importQuery = (id: string) =>
  queryOptions({
    queryKey: importKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/v1/imports/{id}", { params: { path: { id } } })),
    refetchInterval: (q) => (isRunning(q.state.data) ? POLL_MS : false),
    staleTime: (q) => (q.state.data && !isRunning(q.state.data) ? Infinity : 0),
  });

const ROWS_PAGE_SIZE = 100;

/** An import's rows with one outcome (its failed rows with their errors), by row, a page at a time. */
export const importRowsQuery = (id: string, outcome: ImportOutcome) =>
  infiniteQueryOptions({
    queryKey: importKeys.rows(id, outcome),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/imports/{id}/rows", {
          params: { path: { id }, query: { outcome: [outcome], limit: ROWS_PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

const RECENT_LIMIT = 10;

/** The programme's latest imports of one kind of record, newest first. */
export const recentImportsQuery = (programmeId: string, resource: ImportResource) =>
  queryOptions({
    queryKey: importKeys.list(programmeId, resource),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/imports", {
          params: {
            query: { programme_id: [programmeId], resource: [resource], sort: "-created_at", limit: RECENT_LIMIT },
          },
        }),
      ),
  });

/** What a file for each kind of record holds: its columns, which are required, accepted values. */
export const templatesQuery = () =>
  queryOptions({
    queryKey: importKeys.templates(),
    queryFn: () => unwrap(api.GET("/api/v1/imports/templates")),
    staleTime: Infinity,
  });

/** Download the template for a kind of record, as CSV or XLSX, with the session's token. */
export const downloadTemplate = (resource: ImportResource, format: "csv" | "xlsx") =>
  downloadWithToken(`/api/v1/imports/templates/${resource}.${format}`, `${resource}.${format}`);

export interface ImportRequest {
  programmeId: string;
  resource: ImportResource;
  mode: ImportMode;
  dryRun: boolean;
  file: File;
  /** Sent with a real import, so that a retry of the same request does not import twice. */
  idempotencyKey?: string;
}

/** The answer to a sent file: 201 done within the request, 202 queued for the background worker. */
export interface ImportStarted {
  status: number;
  record: ImportRead;
}

async function postImport(request: ImportRequest): Promise<ImportStarted> {
  const body = new FormData();
  body.append("file", request.file, request.file.name);
  const headers = new Headers();
  if (request.idempotencyKey) headers.set("Idempotency-Key", request.idempotencyKey);
  const url = `/api/v1/imports?${new URLSearchParams({
    programme_id: request.programmeId,
    resource: request.resource,
    mode: request.mode,
    dry_run: String(request.dryRun),
  })}`;
  const response = await authFetch(new Request(url, { method: "POST", body, headers }));
  if (!response.ok) throw await problemFrom(response);
  return { status: response.status, record: (await response.json()) as ImportRead };
}

/** Send a file to be checked (dry run) or imported; the import is then read by its own query. */
export function useStartImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: postImport,
    onSuccess: ({ record }) => {
      client.setQueryData(importKeys.detail(record.id), record);
      return client.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}

/** Ask a queued or running import to stop. */
export function useCancelImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/imports/{id}/cancel", { params: { path: { id } } })),
    onSuccess: (record) => {
      client.setQueryData(importKeys.detail(record.id), record);
      return client.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}

import { infiniteQueryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, authFetch, etagOf, unwrap, type Schemas, type Versioned } from "../client";
import { ApiProblem, problemFrom } from "../problem";
import { readSession } from "../session";
import { saveBlob } from "./exports";

export type DocumentRecord = Schemas["DocumentRead"];
export type DocumentCreate = Schemas["DocumentCreate"];
export type DocumentUpdate = Schemas["DocumentUpdate"];
export type DocumentKind = Schemas["DocumentKind"];
export type PublicAccess = Schemas["PublicAccess"];
export type StoredFile = Schemas["StoredFileRead"];

export const DOCUMENT_KINDS: DocumentKind[] = [
  "decision",
  "note",
  "agreement",
  "hearing_letter",
  "hearing_response",
  "minutes",
  "presentation",
  "plan",
  "report",
];
export const PUBLIC_ACCESS: PublicAccess[] = ["public", "exempt"];

export interface DocumentFilters {
  kind?: DocumentKind;
  publicAccess?: PublicAccess;
  projectId?: string;
  /** Dated on or after this day (YYYY-MM-DD). */
  dateFrom?: string;
  /** Dated on or before this day (YYYY-MM-DD). */
  dateTo?: string;
  q?: string;
}

export const documentKeys = {
  all: ["documents"] as const,
  list: (programmeId: string, filters: DocumentFilters) => [...documentKeys.all, "list", programmeId, filters] as const,
};

const PAGE_SIZE = 50;

/** The list's filters and order as the API's query parameters (its JSON pages and its CSV and XLSX files). */
export const documentListQuery = (programmeId: string, filters: DocumentFilters) => ({
  programme_id: [programmeId],
  kind: filters.kind ? [filters.kind] : undefined,
  public_access: filters.publicAccess ? [filters.publicAccess] : undefined,
  project_id: filters.projectId ? [filters.projectId] : undefined,
  date_from: filters.dateFrom || undefined,
  date_to: filters.dateTo || undefined,
  q: filters.q || undefined,
  sort: "-document_date" as const,
});

/** The programme's document register, newest first, a page at a time. */
export const documentsQuery = (programmeId: string, filters: DocumentFilters) =>
  infiniteQueryOptions({
    queryKey: documentKeys.list(programmeId, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/documents", {
          params: {
            query: { ...documentListQuery(programmeId, filters), limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useCreateDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DocumentCreate) => unwrap(api.POST("/api/v1/documents", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: documentKeys.all }),
  });
}

/** A change to a document, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, changes }: { id: string; etag: string; changes: DocumentUpdate }): Promise<Versioned<DocumentRecord>> =>
      patchRecord<DocumentRecord>(`/api/v1/documents/${id}`, etag, changes),
    onSettled: () => client.invalidateQueries({ queryKey: documentKeys.all }),
  });
}

export function useDeleteDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (document: DocumentRecord) =>
      unwrap(
        api.DELETE("/api/v1/documents/{id}", {
          params: { path: { id: document.id }, header: { "if-match": etagOf(document) } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: documentKeys.all }),
  });
}

/**
 * Upload a file to the programme with XMLHttpRequest, whose upload events report progress
 * (fetch cannot); `onProgress` gets the share sent, 0 to 1. Rejects with the API's problem.
 */
export function uploadFile(programmeId: string, file: File, onProgress: (share: number) => void): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/v1/files?${new URLSearchParams({ programme_id: programmeId })}`);
    const session = readSession();
    if (session) request.setRequestHeader("Authorization", `Bearer ${session.accessToken}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = { title: request.statusText };
      }
      if (request.status === 201) {
        onProgress(1);
        resolve(body as unknown as StoredFile);
      } else {
        reject(new ApiProblem(request.status, body));
      }
    };
    request.onerror = () => reject(new ApiProblem(0, { title: "Network error" }));
    const form = new FormData();
    form.append("file", file, file.name);
    request.send(form);
  });
}

/** Fetch a file with the session's token and hand it to the browser as a download. */
export async function downloadFile(fileId: string, filename: string): Promise<void> {
  const response = await authFetch(new Request(`/api/v1/files/${fileId}/content`));
  if (!response.ok) throw await problemFrom(response);
  saveBlob(await response.blob(), filename);
}

/** A file's metadata (its name, for the download and the list). */
export async function fileMetadata(fileId: string): Promise<StoredFile> {
  return unwrap(api.GET("/api/v1/files/{id}", { params: { path: { id: fileId } } }));
}

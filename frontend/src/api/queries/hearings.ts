import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, authFetch, unwrap, type Schemas, type Versioned } from "../client";
import { problemFrom } from "../problem";

export type Hearing = Schemas["HearingRead"];
export type HearingCreate = Schemas["HearingCreate"];
export type HearingParty = Schemas["HearingParty"];
export type HearingHandling = Schemas["HearingHandling"];
export type HearingStatus = Schemas["HearingStatus"];
export type HearingResponse = Schemas["HearingResponseRead"];
export type HearingResponseCreate = Schemas["HearingResponseCreate"];
export type HearingResponseUpdate = Schemas["HearingResponseUpdate"];
export type HearingSummary = Schemas["HearingSummary"];
export type InviteeInput = Schemas["InviteeInput"];

export const HEARING_PARTIES: HearingParty[] = [
  "union",
  "union_representatives",
  "safety_representatives",
  "joint_consultative_committee",
  "group",
  "person",
  "other",
];
export const HEARING_HANDLINGS: HearingHandling[] = ["accepted", "partly_accepted", "not_accepted"];

export const hearingKeys = {
  all: ["hearings"] as const,
  list: (programmeId: string) => [...hearingKeys.all, "list", programmeId] as const,
  one: (id: string) => [...hearingKeys.all, "one", id] as const,
  responses: (id: string) => [...hearingKeys.all, "responses", id] as const,
  summary: (id: string) => [...hearingKeys.all, "summary", id] as const,
};

/** The list's order as the API's query parameters (its JSON page and its CSV and XLSX files). */
export const hearingListQuery = (programmeId: string) => ({
  programme_id: [programmeId],
  sort: "-deadline_at" as const,
});

/** The programme's hearings, latest deadline first (up to 200). */
export const hearingsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: hearingKeys.list(programmeId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/hearings", {
          params: { query: { ...hearingListQuery(programmeId), limit: 200 } },
        }),
      ),
  });

export const hearingQuery = (id: string) =>
  queryOptions({
    queryKey: hearingKeys.one(id),
    queryFn: () => unwrap(api.GET("/api/v1/hearings/{id}", { params: { path: { id } } })),
  });

/** A hearing's responses in the order they came in (up to 500). */
export const responsesQuery = (hearingId: string) =>
  queryOptions({
    queryKey: hearingKeys.responses(hearingId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/hearing-responses", {
          params: { query: { hearing_id: [hearingId], sort: "received_at", limit: 500 } },
        }),
      ),
  });

export const summaryQuery = (hearingId: string) =>
  queryOptions({
    queryKey: hearingKeys.summary(hearingId),
    queryFn: () => unwrap(api.GET("/api/v1/hearings/{id}/summary", { params: { path: { id: hearingId } } })),
  });

export function useCreateHearing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: HearingCreate) => unwrap(api.POST("/api/v1/hearings", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: hearingKeys.all }),
  });
}

/** Open or close a hearing, sent with If-Match. */
export function useHearingAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ hearing, action }: { hearing: Hearing; action: "open" | "close" }) =>
      unwrap(
        api.POST(action === "open" ? "/api/v1/hearings/{id}/open" : "/api/v1/hearings/{id}/close", {
          params: { path: { id: hearing.id }, header: { "if-match": `"${hearing.version}"` } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: hearingKeys.all }),
  });
}

export function useCreateResponse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: HearingResponseCreate) => unwrap(api.POST("/api/v1/hearing-responses", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: hearingKeys.all }),
  });
}

/** A change to a response (its handling), sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateResponse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      changes,
    }: {
      id: string;
      etag: string;
      changes: HearingResponseUpdate;
    }): Promise<Versioned<HearingResponse>> => patchRecord<HearingResponse>(`/api/v1/hearing-responses/${id}`, etag, changes),
    onSettled: () => client.invalidateQueries({ queryKey: hearingKeys.all }),
  });
}

/** Fetch the summary as DOCX with the session's token and hand it to the browser as a download. */
export async function downloadSummary(hearingId: string, filename: string): Promise<void> {
  const response = await authFetch(new Request(`/api/v1/hearings/${hearingId}/summary.docx`));
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

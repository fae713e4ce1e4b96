import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { getRecord } from "../../lib/conflict";
import { api, authFetch, etagOf, unwrap, type Schemas, type Versioned } from "../client";
import { problemFrom } from "../problem";

export type Idea = Schemas["IdeaRead"];
export type IdeaCreate = Schemas["IdeaCreate"];
export type IdeaStatus = Schemas["IdeaStatus"];
export type IdeaAssess = Schemas["IdeaAssess"];
export type IdeaStatusChange = Schemas["IdeaStatusChangeRead"];
export type IdeaToMeasure = Schemas["IdeaToMeasure"];
export type IdeaToTask = Schemas["IdeaToTask"];
export type ParticipationLink = Schemas["ParticipationLinkRead"];
export type ParticipationLinkCreated = Schemas["ParticipationLinkCreated"];
export type ParticipationForm = Schemas["ParticipationForm"];
export type PublicIdeaSubmit = Schemas["PublicIdeaSubmit"];
export type IdeaReceipt = Schemas["IdeaReceipt"];
export type IdeaReceiptView = Schemas["IdeaReceiptView"];

/** The statuses in the order an idea goes through them. */
export const IDEA_STATUSES: IdeaStatus[] = ["received", "assessing", "accepted", "in_progress", "implemented", "not_pursued"];
/** The statuses an assessment can move an idea to (received is only where it starts). */
export const ASSESSED_STATUSES: IdeaStatus[] = IDEA_STATUSES.filter((s) => s !== "received");
/** From these an idea can become a measure or a task. */
export const CARRIED_OUT: IdeaStatus[] = ["accepted", "in_progress"];

export interface IdeaFilters {
  status?: IdeaStatus;
  projectId?: string;
  assessorPersonId?: string;
  assessorGroupId?: string;
  q?: string;
}

export const ideaKeys = {
  all: ["ideas"] as const,
  lists: () => [...ideaKeys.all, "list"] as const,
  list: (programmeId: string, filters: IdeaFilters) => [...ideaKeys.lists(), programmeId, filters] as const,
  counts: (programmeId: string, filters: IdeaFilters) => [...ideaKeys.all, "counts", programmeId, filters] as const,
  detail: (id: string) => [...ideaKeys.all, "detail", id] as const,
  changes: (id: string) => [...ideaKeys.all, "changes", id] as const,
  links: (programmeId: string) => [...ideaKeys.all, "links", programmeId] as const,
};

const PAGE_SIZE = 50;
// Ideas are counted per status up to this many; beyond it the page says "at least".
export const COUNT_LIMIT = 500;

/** The list's filters and order as the API's query parameters (its JSON pages and its CSV and XLSX files). */
export const ideaListQuery = (programmeId: string, filters: IdeaFilters) => ({
  programme_id: [programmeId],
  status: filters.status ? [filters.status] : undefined,
  project_id: filters.projectId ? [filters.projectId] : undefined,
  assessor_person_id: filters.assessorPersonId ? [filters.assessorPersonId] : undefined,
  assessor_group_id: filters.assessorGroupId ? [filters.assessorGroupId] : undefined,
  q: filters.q || undefined,
  sort: "-received_at" as const,
});

function listQuery(programmeId: string, filters: IdeaFilters, limit: number, cursor?: string) {
  return unwrap(
    api.GET("/api/v1/ideas", {
      params: {
        query: { ...ideaListQuery(programmeId, filters), limit, cursor },
      },
    }),
  );
}

/** The programme's current ideas, the latest first, a page at a time. */
export const ideasQuery = (programmeId: string, filters: IdeaFilters) =>
  infiniteQueryOptions({
    queryKey: ideaKeys.list(programmeId, filters),
    queryFn: ({ pageParam }) => listQuery(programmeId, filters, PAGE_SIZE, pageParam),
    // Ideas also come in through participation links, unseen by this app: read them on every visit.
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export interface StatusCounts {
  counts: Record<IdeaStatus, number>;
  /** More ideas than were counted: the counts are "at least". */
  more: boolean;
}

/** How many ideas have each status, under every filter but the status itself. */
export const ideaCountsQuery = (programmeId: string, filters: IdeaFilters) => {
  const rest = { ...filters, status: undefined };
  return queryOptions({
    queryKey: ideaKeys.counts(programmeId, rest),
    queryFn: async (): Promise<StatusCounts> => {
      const page = await listQuery(programmeId, rest, COUNT_LIMIT);
      const counts = Object.fromEntries(IDEA_STATUSES.map((s) => [s, 0])) as Record<IdeaStatus, number>;
      for (const idea of page.items) counts[idea.status] += 1;
      return { counts, more: Boolean(page.next_cursor) };
    },
    staleTime: 0,
  });
};

/** One idea with its ETag, for If-Match on the next action. */
export const ideaQuery = (id: string) =>
  queryOptions({ queryKey: ideaKeys.detail(id), queryFn: () => getRecord<Idea>(`/api/v1/ideas/${id}`) });

/** Every status change of an idea, oldest first, with the meeting where it was decided. */
export const statusChangesQuery = (id: string) =>
  queryOptions({
    queryKey: ideaKeys.changes(id),
    queryFn: () => unwrap(api.GET("/api/v1/ideas/{id}/status-changes", { params: { path: { id } } })),
  });

export function useCreateIdea() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IdeaCreate) => unwrap(api.POST("/api/v1/ideas", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ideaKeys.all }),
  });
}

async function act(id: string, action: "assess" | "measure" | "task", etag: string, body: object): Promise<Versioned<Idea>> {
  const response = await authFetch(
    new Request(`/api/v1/ideas/${id}/${action}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "If-Match": etag },
      body: JSON.stringify(body),
    }),
  );
  if (!response.ok) throw await problemFrom(response);
  return { record: (await response.json()) as Idea, etag: response.headers.get("etag") ?? "" };
}

function useIdeaAction<B extends object>(action: "assess" | "measure" | "task") {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, body }: { id: string; etag: string; body: B }) => act(id, action, etag, body),
    onSettled: () => client.invalidateQueries({ queryKey: ideaKeys.all }),
  });
}

/** Move an idea to a status, with a comment, a reason (not pursued) and the meeting. */
export const useAssessIdea = () => useIdeaAction<IdeaAssess>("assess");
/** Turn an accepted idea into a measure, new or existing. */
export const useIdeaToMeasure = () => useIdeaAction<IdeaToMeasure>("measure");
/** Turn an accepted idea into a task, new or existing. */
export const useIdeaToTask = () => useIdeaAction<IdeaToTask>("task");

/** Support an idea, or withdraw one's support (with the idea's ETag). */
export function useSupportIdea() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ idea, etag, support }: { idea: Idea; etag: string; support: boolean }) => {
      if (support) {
        await unwrap(api.POST("/api/v1/ideas/{id}/support", { params: { path: { id: idea.id } } }));
      } else {
        await unwrap(
          api.DELETE("/api/v1/ideas/{id}/support", {
            params: { path: { id: idea.id }, header: { "if-match": etag } },
          }),
        );
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: ideaKeys.all }),
  });
}

/** Archive an idea: it is kept, and no longer changes. */
export function useArchiveIdea() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag }: { id: string; etag: string }) =>
      unwrap(api.DELETE("/api/v1/ideas/{id}", { params: { path: { id }, header: { "if-match": etag } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ideaKeys.all }),
  });
}

// Participation links ---------------------------------------------------------------------------

// A programme hands out a handful of links; one page holds them.
const LINKS_LIMIT = 200;

/** The programme's participation links, the newest first (never their secrets). */
export const participationLinksQuery = (programmeId: string) =>
  queryOptions({
    queryKey: ideaKeys.links(programmeId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/participation-links", {
          params: { query: { programme_id: [programmeId], sort: "-created_at", limit: LINKS_LIMIT } },
        }),
      ),
  });

/** Make a link; the answer holds its secret and form address, shown this once. */
export function useCreateParticipationLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["ParticipationLinkCreate"]) => unwrap(api.POST("/api/v1/participation-links", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ideaKeys.all }),
  });
}

export function useCloseParticipationLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (link: ParticipationLink) =>
      unwrap(
        api.POST("/api/v1/participation-links/{id}/close", {
          params: { path: { id: link.id }, header: { "if-match": etagOf(link) } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ideaKeys.all }),
  });
}

/** The full address of a web app path, to hand out or to keep. */
export const fullAddress = (path: string) => `${window.location.origin}${path}`;

// Without an account: plain fetch, never the session's token ------------------------------------

async function publicGet<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: "omit" });
  if (!response.ok) throw await problemFrom(response);
  return (await response.json()) as T;
}

/** The idea form a participation link opens. */
export const participationFormQuery = (token: string) =>
  queryOptions({
    queryKey: ["participation", token],
    queryFn: () => publicGet<ParticipationForm>(`/api/v1/participation/${encodeURIComponent(token)}`),
    retry: false,
  });

export function useSubmitPublicIdea(token: string) {
  return useMutation({
    mutationFn: async (body: PublicIdeaSubmit): Promise<IdeaReceipt> => {
      const response = await fetch(`/api/v1/participation/${encodeURIComponent(token)}/ideas`, {
        method: "POST",
        credentials: "omit",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw await problemFrom(response);
      return (await response.json()) as IdeaReceipt;
    },
  });
}

/** An idea as its receipt shows it. */
export const receiptQuery = (token: string) =>
  queryOptions({
    queryKey: ["idea-receipts", token],
    queryFn: () => publicGet<IdeaReceiptView>(`/api/v1/idea-receipts/${encodeURIComponent(token)}`),
    retry: false,
  });

export { etagOf };

// Pickers take one page of the API's largest size: a programme has tens of meetings and
// measures a year, not thousands.
const PICKER_LIMIT = 500;

export interface MeetingOption {
  id: string;
  title: string;
  starts_at: string;
}

/** The meetings an assessment can name: the assessing group's, or all the programme's, latest first. */
export const meetingOptionsQuery = (programmeId: string, groupId?: string) =>
  queryOptions({
    queryKey: [...ideaKeys.all, "meetings", programmeId, groupId ?? null] as const,
    queryFn: async (): Promise<MeetingOption[]> => {
      const page = await unwrap(
        api.GET("/api/v1/events", {
          params: {
            query: {
              programme_id: [programmeId],
              group_id: groupId ? [groupId] : undefined,
              sort: "-starts_at",
              limit: PICKER_LIMIT,
            },
          },
        }),
      );
      return page.items.map((e) => ({ id: e.id, title: e.title, starts_at: e.starts_at }));
    },
    staleTime: 30_000,
  });

/** The programme's measures an idea can be linked to. */
export const measureOptionsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: [...ideaKeys.all, "measures", programmeId] as const,
    queryFn: async () => {
      const page = await unwrap(
        api.GET("/api/v1/measures", {
          params: { query: { programme_id: [programmeId], sort: "title", limit: PICKER_LIMIT } },
        }),
      );
      return page.items.map((m) => ({ id: m.id, name: m.title }));
    },
    staleTime: 30_000,
  });

/** Whether a person sits in a group (a member who assesses ideas as the assessor group). */
export const seatedInGroupQuery = (groupId: string, personId: string) =>
  queryOptions({
    queryKey: [...ideaKeys.all, "seated", groupId, personId] as const,
    queryFn: async () => {
      const page = await unwrap(
        api.GET("/api/v1/groups/{group_id}/members", {
          params: { path: { group_id: groupId }, query: { person_id: [personId], limit: 1 } },
        }),
      );
      return page.items.length > 0;
    },
    staleTime: 60_000,
  });

import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";
import type { Named } from "./lookups";

export type Involvement = Schemas["InvolvementRead"];
export type InvolvementCreate = Schemas["InvolvementCreate"];
export type StakeholderKind = Schemas["StakeholderKind"];
export type InvolvementForm = Schemas["InvolvementForm"];

export const STAKEHOLDER_KINDS: StakeholderKind[] = [
  "employees",
  "union_representatives",
  "safety_representatives",
  "users",
  "citizens",
  "elected_officials",
  "nav",
  "other",
];
export const INVOLVEMENT_FORMS: InvolvementForm[] = [
  "information",
  "consultation",
  "participation",
  "co_determination",
  "survey",
  "hearing",
  "workshop",
];

export interface InvolvementFilters {
  projectId?: string;
  stakeholderKind?: StakeholderKind;
  form?: InvolvementForm;
}

export const involvementKeys = {
  all: ["involvements"] as const,
  one: (id: string) => [...involvementKeys.all, "one", id] as const,
  linkable: (programmeId: string) => [...involvementKeys.all, "linkable", programmeId] as const,
  lists: () => [...involvementKeys.all, "list"] as const,
  list: (programmeId: string, filters: InvolvementFilters) =>
    [...involvementKeys.lists(), programmeId, filters] as const,
};

const PAGE_SIZE = 20;

/** The list's filters and order as the API's query parameters (its JSON pages and its CSV and XLSX files). */
export const involvementListQuery = (programmeId: string, filters: InvolvementFilters) => ({
  programme_id: [programmeId],
  project_id: filters.projectId ? [filters.projectId] : undefined,
  stakeholder_kind: filters.stakeholderKind ? [filters.stakeholderKind] : undefined,
  form: filters.form ? [filters.form] : undefined,
  sort: "-occurred_on" as const,
});

/** The involvement log of a programme, newest first, a page at a time. */
export const involvementsQuery = (programmeId: string, filters: InvolvementFilters) =>
  infiniteQueryOptions({
    queryKey: involvementKeys.list(programmeId, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/involvements", {
          params: {
            query: { ...involvementListQuery(programmeId, filters), limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** One involvement record, for a link that names it. */
export const involvementQuery = (id: string) =>
  queryOptions({
    queryKey: involvementKeys.one(id),
    queryFn: () => unwrap(api.GET("/api/v1/involvements/{id}", { params: { path: { id } } })),
  });

/** The kinds of record an involvement can concern, each with its field in the body. */
export const LINK_KINDS = ["decision", "event", "hearing", "submission", "goal", "idea"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const LINK_FIELDS = {
  decision: "decision_ids",
  event: "event_ids",
  hearing: "hearing_ids",
  submission: "submission_ids",
  goal: "goal_ids",
  idea: "idea_ids",
} as const satisfies Record<LinkKind, keyof Involvement>;

/** A record an involvement can name, with a day to tell records of the same name apart. */
export interface Linkable extends Named {
  day?: string | null;
}

// One page of the API's largest size per kind: a programme has tens or a few hundred of each.
const LINKABLE_LIMIT = 500;

/** The programme's records an involvement can concern, by kind, to choose among and to name. */
export const linkableRecordsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: involvementKeys.linkable(programmeId),
    queryFn: async (): Promise<Record<LinkKind, Linkable[]>> => {
      const query = { programme_id: [programmeId], limit: LINKABLE_LIMIT };
      const [decisions, events, hearings, submissions, goals, ideas] = await Promise.all([
        unwrap(api.GET("/api/v1/decisions", { params: { query: { ...query, sort: "-decided_on" } } })),
        unwrap(api.GET("/api/v1/events", { params: { query: { ...query, sort: "-starts_at" } } })),
        unwrap(api.GET("/api/v1/hearings", { params: { query: { ...query, sort: "-deadline_at" } } })),
        unwrap(api.GET("/api/v1/submissions", { params: { query: { ...query, sort: "title" } } })),
        unwrap(api.GET("/api/v1/goals", { params: { query: { ...query, sort: "title" } } })),
        unwrap(api.GET("/api/v1/ideas", { params: { query: { ...query, sort: "-received_at" } } })),
      ]);
      return {
        decision: decisions.items.map((d) => ({ id: d.id, name: d.title, day: d.decided_on })),
        event: events.items.map((e) => ({ id: e.id, name: e.title, day: e.starts_at })),
        hearing: hearings.items.map((h) => ({ id: h.id, name: h.title, day: h.deadline_at })),
        submission: submissions.items.map((s) => ({ id: s.id, name: s.title })),
        goal: goals.items.map((g) => ({ id: g.id, name: g.title })),
        idea: ideas.items.map((i) => ({ id: i.id, name: i.title, day: i.received_at })),
      };
    },
    staleTime: 60_000,
  });

export function useCreateInvolvement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InvolvementCreate) => unwrap(api.POST("/api/v1/involvements", { body })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: involvementKeys.all }),
        // Recording one can fulfil a planned involvement and lengthens decisions' trails.
        client.invalidateQueries({ queryKey: ["planned-involvements"] }),
        client.invalidateQueries({ queryKey: ["decision-trail"] }),
        client.invalidateQueries({ queryKey: ["compliance"] }),
      ]),
  });
}

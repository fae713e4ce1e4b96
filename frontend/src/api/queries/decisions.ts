import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, unwrapVersioned, type Schemas, type Versioned } from "../client";
import { complianceKeys, type Finding } from "./compliance";

export type Decision = Schemas["DecisionRead"];
export type DecisionCreate = Schemas["DecisionCreate"];
export type DecisionUpdate = Schemas["DecisionUpdate"];
export type DecisionStatus = Schemas["DecisionStatus"];
/** An event of kind consultation_meeting (drøftingsmøte), with its participants and protocol. */
export type ConsultationMeeting = Schemas["EventRead"];

export const DECISION_STATUSES: DecisionStatus[] = ["draft", "final"];

/** The rule a reorganisation decision without a valid consultation is reported under. */
export const CONSULTATION_RULE = "reorganisation-consultation";

export interface DecisionFilters {
  status?: DecisionStatus;
  reorganisation?: boolean;
  bodyGroupId?: string;
  projectId?: string;
}

export const decisionKeys = {
  all: ["decisions"] as const,
  lists: () => [...decisionKeys.all, "list"] as const,
  list: (programmeId: string, filters: DecisionFilters) => [...decisionKeys.lists(), programmeId, filters] as const,
  detail: (id: string) => [...decisionKeys.all, "detail", id] as const,
  consultationMeetings: (programmeId: string) => [...decisionKeys.all, "consultation-meetings", programmeId] as const,
  meeting: (eventId: string) => [...decisionKeys.all, "meeting", eventId] as const,
  overrider: (programmeId: string, userId: string) => [...decisionKeys.all, "overrider", programmeId, userId] as const,
  mandates: (id: string) => [...decisionKeys.all, "mandates", id] as const,
};

const PAGE_SIZE = 50;
// Consultation meetings are held per matter; a programme has tens of them, not hundreds.
const MEETINGS_LIMIT = 200;

/** The list's filters and order as the API's query parameters (its JSON pages and its CSV and XLSX files). */
export const decisionListQuery = (programmeId: string, filters: DecisionFilters) => ({
  programme_id: [programmeId],
  status: filters.status ? [filters.status] : undefined,
  reorganisation: filters.reorganisation === undefined ? undefined : [filters.reorganisation],
  body_group_id: filters.bodyGroupId ? [filters.bodyGroupId] : undefined,
  project_id: filters.projectId ? [filters.projectId] : undefined,
  sort: "-decided_on" as const,
});

/** The programme's decisions, newest first, a page at a time. */
export const decisionsQuery = (programmeId: string, filters: DecisionFilters) =>
  infiniteQueryOptions({
    queryKey: decisionKeys.list(programmeId, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/decisions", {
          params: {
            query: { ...decisionListQuery(programmeId, filters), limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** One decision with its ETag, for If-Match on the next change. */
export const decisionQuery = (id: string) =>
  queryOptions({
    queryKey: decisionKeys.detail(id),
    queryFn: () => unwrapVersioned(api.GET("/api/v1/decisions/{id}", { params: { path: { id } } })),
  });

/**
 * The programme's consultation meetings, latest first, to link a decision to. Meetings are
 * recorded on their own pages, which do not know this list, so it is read again on every use.
 */
export const consultationMeetingsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: decisionKeys.consultationMeetings(programmeId),
    queryFn: async () => {
      const page = await unwrap(
        api.GET("/api/v1/events", {
          params: {
            query: {
              programme_id: [programmeId],
              kind: ["consultation_meeting"],
              sort: "-starts_at",
              limit: MEETINGS_LIMIT,
            },
          },
        }),
      );
      return page.items;
    },
    staleTime: 0,
  });

/**
 * The meeting a decision names as its consultation. Its protocol may be signed on the meeting's
 * own page at any time, so it is read again whenever the decision is shown.
 */
export const consultationMeetingQuery = (eventId: string) =>
  queryOptions({
    queryKey: decisionKeys.meeting(eventId),
    queryFn: () => unwrap(api.GET("/api/v1/events/{id}", { params: { path: { id: eventId } } })),
    staleTime: 0,
  });

/**
 * The person in the programme behind the account that finalised a decision without its
 * consultation. Roles are visible to programme administrators only; for others this is unknown.
 */
export const overriderQuery = (programmeId: string, userId: string) =>
  queryOptions({
    queryKey: decisionKeys.overrider(programmeId, userId),
    queryFn: async () => {
      const page = await unwrap(
        api.GET("/api/v1/programmes/{programme_id}/memberships", {
          params: { path: { programme_id: programmeId }, query: { user_id: [userId], limit: 1 } },
        }),
      );
      return page.items[0]?.person_id ?? null;
    },
  });

// One decision of a joint committee approves the mandates of a handful of projects and boards.
const MANDATES_LIMIT = 100;

/** The projects and groups whose mandate the decision approved (seed 003: the committee approves). */
export const approvedMandatesQuery = (decisionId: string) =>
  queryOptions({
    queryKey: decisionKeys.mandates(decisionId),
    queryFn: async () => {
      const query = { mandate_decision_id: [decisionId], limit: MANDATES_LIMIT };
      const [projects, groups] = await Promise.all([
        unwrap(api.GET("/api/v1/projects", { params: { query: { ...query, sort: "code" } } })),
        unwrap(api.GET("/api/v1/groups", { params: { query: { ...query, sort: "name" } } })),
      ]);
      return { projects: projects.items, groups: groups.items };
    },
    // Mandates are approved on the project and group pages: read again whenever shown.
    staleTime: 0,
  });

/** The consultation finding of each reorganisation decision the compliance report flags. */
export function consultationFindings(findings: Finding[] | undefined): Map<string, Finding> {
  return new Map(
    (findings ?? [])
      .filter((f) => f.rule === CONSULTATION_RULE && f.record_type === "decision")
      .map((f) => [f.record_id, f]),
  );
}

export function useCreateDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionCreate) => unwrap(api.POST("/api/v1/decisions", { body })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: decisionKeys.all }),
        client.invalidateQueries({ queryKey: complianceKeys.all }),
      ]),
  });
}

/**
 * A change to a decision (finalising it included), sent with If-Match; rejects with
 * EditConflict when someone was first, and with the API's problem when the change is refused.
 */
export function useUpdateDecision(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, changes }: { etag: string; changes: DecisionUpdate }): Promise<Versioned<Decision>> =>
      patchRecord<Decision>(`/api/v1/decisions/${id}`, etag, changes),
    onSuccess: (saved) => client.setQueryData(decisionKeys.detail(id), saved),
    // A refused change leaves the decision as it was; a conflict means there is a newer version.
    onError: () => client.invalidateQueries({ queryKey: decisionKeys.detail(id) }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: decisionKeys.lists() }),
        // Projects pick the decision that approved their mandate among the final ones.
        client.invalidateQueries({ queryKey: [...decisionKeys.all, "final"] }),
        client.invalidateQueries({ queryKey: complianceKeys.all }),
      ]),
  });
}

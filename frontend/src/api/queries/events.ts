import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { osloToday } from "../../lib/time";
import { api, etagOf, unwrap, unwrapVersioned, type Schemas, type Versioned } from "../client";
import { attendanceQuery } from "./groups";
import { lookupKeys } from "./lookups";

// Not `Event`: that name is the DOM's, and pages handle both.
export type EventRecord = Schemas["EventRead"];
export type EventCreate = Schemas["EventCreate"];
export type EventUpdate = Schemas["EventUpdate"];
export type EventKind = Schemas["EventKind"];
export type Attendance = Schemas["Attendance"];
export type AgendaItem = Schemas["AgendaItem"];
export type Participant = Schemas["Participant"];
export type Protocol = Schemas["Protocol"];
export type PartyView = Schemas["PartyView"];
export type Affiliation = Schemas["Affiliation"];

export const EVENT_KINDS: EventKind[] = ["gathering", "meeting", "consultation_meeting", "workshop", "hearing_meeting"];
export const ATTENDANCES: Attendance[] = ["present", "excused", "absent"];
/** The order people are offered in when inviting: those whose presence the agreements require first. */
export const AFFILIATION_ORDER: Affiliation[] = [
  "union_representative",
  "safety_representative",
  "elected_official",
  "employee",
  "nav",
  "external",
];

/** Which events a list shows: by start, from now on, or before now. */
export type EventPeriod = "upcoming" | "past";
export const EVENT_PERIODS: EventPeriod[] = ["upcoming", "past"];

export interface EventFilters {
  kind?: EventKind;
  groupId?: string;
  projectId?: string;
  period?: EventPeriod;
}

export const eventKeys = {
  all: ["events"] as const,
  lists: () => [...eventKeys.all, "list"] as const,
  list: (programmeId: string, filters: EventFilters) => [...eventKeys.lists(), programmeId, filters] as const,
  details: () => [...eventKeys.all, "detail"] as const,
  detail: (id: string) => [...eventKeys.details(), id] as const,
};

// The compliance page's key is owned by its own module; every key under this prefix is
// invalidated, because a signed protocol or recorded attendance can settle a finding there.
const COMPLIANCE_PREFIX = ["compliance"] as const;

const PAGE_SIZE = 50;
// Pickers need everyone at once; a programme has some hundreds of people, not thousands.
const PEOPLE_LIMIT = 500;

/**
 * The list's filters and order as the API's query parameters (its JSON pages and its CSV and
 * XLSX files); upcoming and past are counted from `now`.
 */
export const eventListQuery = (programmeId: string, filters: EventFilters, now: string = new Date().toISOString()) => ({
  programme_id: [programmeId],
  kind: filters.kind ? [filters.kind] : undefined,
  group_id: filters.groupId ? [filters.groupId] : undefined,
  project_id: filters.projectId ? [filters.projectId] : undefined,
  starts_after: filters.period === "upcoming" ? now : undefined,
  starts_before: filters.period === "past" ? now : undefined,
  sort: filters.period === "past" ? ("-starts_at" as const) : ("starts_at" as const),
});

/** The events of a programme a page at a time: by start, past ones the latest first. */
export const eventsQuery = (programmeId: string, filters: EventFilters) =>
  infiniteQueryOptions({
    queryKey: eventKeys.list(programmeId, filters),
    queryFn: ({ pageParam }) => {
      // "Now" is read when the page is fetched, so that the key stays the same while the page is open.
      return unwrap(
        api.GET("/api/v1/events", {
          params: { query: { ...eventListQuery(programmeId, filters), limit: PAGE_SIZE, cursor: pageParam } },
        }),
      );
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** An event as a picker shows it: its title and when it starts. */
export interface EventName {
  id: string;
  name: string;
  starts_at: string;
}

// A programme holds tens of events a year; a picker takes them in one page.
const EVENT_NAMES_LIMIT = 500;

/** The programme's events for pickers, the latest first. */
export const eventNamesQuery = (programmeId: string) =>
  queryOptions({
    queryKey: [...eventKeys.all, "names", programmeId] as const,
    queryFn: async (): Promise<EventName[]> => {
      const page = await unwrap(
        api.GET("/api/v1/events", {
          params: { query: { programme_id: [programmeId], sort: "-starts_at", limit: EVENT_NAMES_LIMIT } },
        }),
      );
      return page.items.map((e) => ({ id: e.id, name: e.title, starts_at: e.starts_at }));
    },
    staleTime: 60_000,
  });

const getEvent = (id: string) => unwrapVersioned(api.GET("/api/v1/events/{id}", { params: { path: { id } } }));

/** One event with its ETag, for If-Match on the next change. */
export const eventQuery = (id: string) => queryOptions({ queryKey: eventKeys.detail(id), queryFn: () => getEvent(id) });

export interface Invitee {
  id: string;
  name: string;
  title: string | null;
  affiliation: Affiliation;
}

/** The programme's people with what they are (union representative, employee, …), for inviting. */
// The API's largest page; a group (a board, a forum, a working group) has far fewer members.
const GROUP_MEMBERS_LIMIT = 500;

/** The people who sit in the group today: whom a meeting of the group invites. */
export async function seatedMemberIds(groupId: string): Promise<string[]> {
  const page = await unwrap(
    api.GET("/api/v1/groups/{group_id}/members", {
      params: { path: { group_id: groupId }, query: { limit: GROUP_MEMBERS_LIMIT } },
    }),
  );
  const today = osloToday();
  const seated = page.items.filter(
    (m) => (!m.starts_on || m.starts_on <= today) && (!m.ends_on || m.ends_on >= today),
  );
  return [...new Set(seated.map((m) => m.person_id))];
}

export const inviteesQuery = (programmeId: string) =>
  queryOptions({
    // Under the people lookup, so that whatever refreshes the names refreshes these too.
    queryKey: [...lookupKeys.people(programmeId), "invitees"] as const,
    queryFn: async (): Promise<Invitee[]> => {
      const page = await unwrap(
        api.GET("/api/v1/people", {
          params: { query: { programme_id: [programmeId], sort: "name", limit: PEOPLE_LIMIT } },
        }),
      );
      return page.items.map((p) => ({ id: p.id, name: p.name, title: p.title, affiliation: p.affiliation }));
    },
    staleTime: 5 * 60_000,
  });

/** What else shows an event's participants: the attendance of the groups it belonged to. */
function invalidateAround(client: QueryClient, groupIds: (string | null | undefined)[]) {
  const groups = [...new Set(groupIds.filter((id): id is string => Boolean(id)))];
  return Promise.all([
    client.invalidateQueries({ queryKey: eventKeys.lists() }),
    client.invalidateQueries({ queryKey: COMPLIANCE_PREFIX }),
    ...groups.map((id) => client.invalidateQueries({ queryKey: attendanceQuery(id).queryKey })),
  ]);
}

export function useCreateEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EventCreate) => unwrap(api.POST("/api/v1/events", { body })),
    onSuccess: (created) => invalidateAround(client, [created.participants.length ? created.group_id : null]),
  });
}

/**
 * A change to an event, sent with If-Match; rejects with EditConflict when someone was first.
 * With nothing left to change (a conflict settled in favour of the saved version) it reads the
 * event as it is now.
 */
export function useUpdateEvent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ etag, changes }: { etag: string; changes: EventUpdate }): Promise<Versioned<EventRecord>> => {
      if (Object.keys(changes).length === 0) return getEvent(id);
      const saved = await patchRecord<EventRecord>(`/api/v1/events/${id}`, etag, changes);
      return { record: saved.record, etag: saved.etag || etagOf(saved.record) };
    },
    onMutate: () => ({
      groupBefore: client.getQueryData<Versioned<EventRecord>>(eventKeys.detail(id))?.record.group_id,
    }),
    onSuccess: (saved, { changes }, context) => {
      client.setQueryData(eventKeys.detail(id), saved);
      const attendanceMoved = "participants" in changes || "group_id" in changes;
      return invalidateAround(client, attendanceMoved ? [context?.groupBefore, saved.record.group_id] : []);
    },
  });
}

/** Delete an event with If-Match on the version shown; a stale one gives a 412 problem. */
export function useDeleteEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ event, etag }: { event: EventRecord; etag: string }) =>
      unwrap(api.DELETE("/api/v1/events/{id}", { params: { path: { id: event.id }, header: { "if-match": etag } } })),
    // The event's own query is left alone: its page is still open until the caller navigates away.
    onSuccess: (_, { event }) => invalidateAround(client, [event.participants.length ? event.group_id : null]),
  });
}

import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, unwrapVersioned, type Schemas, type Versioned } from "../client";
import { complianceKeys } from "./compliance";
import { decisionKeys } from "./decisions";
import { lookupKeys } from "./lookups";

export type Group = Schemas["GroupRead"];
export type GroupCreate = Schemas["GroupCreate"];
export type GroupUpdate = Schemas["GroupUpdate"];
export type GroupKind = Schemas["GroupKind"];
export type Member = Schemas["MemberRead"];
export type MemberCreate = Schemas["MemberCreate"];
export type MemberUpdate = Schemas["MemberUpdate"];
export type MemberRole = Schemas["MemberRole"];
export type Party = Schemas["Party"];

export const MEMBER_ROLES: MemberRole[] = ["chair", "deputy_chair", "member", "secretary", "observer"];
export const PARTIES: Party[] = ["administration", "employees", "politicians", "other"];
export const GROUP_KINDS: GroupKind[] = [
  "joint_committee",
  "steering_group",
  "project_board",
  "working_group",
  "expert_group",
  "reference_group",
  "development_team",
  "three_party_forum",
  "work_team",
  "consultation_forum",
  "joint_consultative_committee",
];

export const groupKeys = {
  all: ["groups"] as const,
  lists: () => [...groupKeys.all, "list"] as const,
  ofProject: (projectId: string) => [...groupKeys.lists(), { projectId }] as const,
  detail: (id: string) => [...groupKeys.all, "detail", id] as const,
  members: (groupId: string) => [...groupKeys.detail(groupId), "members"] as const,
};

const GROUPS_PAGE_SIZE = 50;
// Boards and forums have a handful of members, working groups a few dozen.
const MEMBERS_PAGE_SIZE = 100;

const getGroup = (id: string) => unwrapVersioned(api.GET("/api/v1/groups/{id}", { params: { path: { id } } }));

/** One group with its ETag. */
export const groupQuery = (id: string) =>
  queryOptions({
    queryKey: groupKeys.detail(id),
    queryFn: () => getGroup(id),
  });

/** The groups a project has set up, by name. */
export const projectGroupsQuery = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: groupKeys.ofProject(projectId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/groups", {
          params: { query: { project_id: [projectId], sort: "name", limit: GROUPS_PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** The programme's groups of one kind, by name. */
export const kindGroupsQuery = (programmeId: string, kind: GroupKind) =>
  infiniteQueryOptions({
    queryKey: [...groupKeys.lists(), { programmeId, kind }] as const,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/groups", {
          params: {
            query: { programme_id: [programmeId], kind: [kind], sort: "name", limit: GROUPS_PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** Set up a new group; the lists and pickers that show groups are read again. */
export function useCreateGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: GroupCreate) => unwrap(api.POST("/api/v1/groups", { body })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: groupKeys.lists() }),
        client.invalidateQueries({ queryKey: lookupKeys.all }),
        client.invalidateQueries({ queryKey: complianceKeys.all }),
      ]),
  });
}

/** The members of a group, chairs first. */
export const groupMembersQuery = (groupId: string) =>
  infiniteQueryOptions({
    queryKey: groupKeys.members(groupId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/groups/{group_id}/members", {
          params: {
            path: { group_id: groupId },
            query: { sort: "role", limit: MEMBERS_PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/**
 * A change to a group, sent with If-Match; rejects with EditConflict when someone was first.
 * With nothing left to change (a conflict resolved in favour of the saved version) it reads the
 * group as it is now.
 */
export function useUpdateGroup(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, changes }: { etag: string; changes: GroupUpdate }): Promise<Versioned<Group>> =>
      Object.keys(changes).length === 0 ? getGroup(id) : patchRecord<Group>(`/api/v1/groups/${id}`, etag, changes),
    onSuccess: (saved) => {
      client.setQueryData(groupKeys.detail(id), saved);
      return Promise.all([
        // What is read with the group, and the project pages' lists that show its mandate status.
        client.invalidateQueries({ queryKey: groupKeys.detail(id) }),
        client.invalidateQueries({ queryKey: groupKeys.lists() }),
        // The compliance report names groups, and a decision's page lists the mandates it approved.
        client.invalidateQueries({ queryKey: complianceKeys.all }),
        client.invalidateQueries({ queryKey: [...decisionKeys.all, "mandates"] }),
      ]);
    },
  });
}

export function useAddMember(groupId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MemberCreate) =>
      unwrap(
        api.POST("/api/v1/groups/{group_id}/members", { params: { path: { group_id: groupId } }, body }),
      ),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: groupKeys.members(groupId) }),
        client.invalidateQueries({ queryKey: [...groupKeys.detail(groupId), "composition"] }),
      ]),
  });
}

/** Remove a member, with If-Match on the version shown; a stale one gives a 412 problem. */
export function useRemoveMember(groupId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (member: Member) =>
      unwrap(
        api.DELETE("/api/v1/groups/{group_id}/members/{id}", {
          params: { path: { group_id: groupId, id: member.id }, header: { "if-match": `"${member.version}"` } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: groupKeys.members(groupId) }),
  });
}

/**
 * Change a member's seat (role, party, municipality, allocation, period) with If-Match on the
 * version shown; rejects with EditConflict when someone else changed it first.
 */
export function useUpdateMember(groupId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ member, changes, etag }: { member: Member; changes: MemberUpdate; etag?: string }) =>
      patchRecord<Member>(`/api/v1/groups/${groupId}/members/${member.id}`, etag ?? `"${member.version}"`, changes),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: groupKeys.members(groupId) }),
        // The composition findings are computed from the seats.
        client.invalidateQueries({ queryKey: [...groupKeys.detail(groupId), "composition"] }),
      ]),
  });
}

/**
 * Delete a group and its members' seats, with If-Match on the version shown; 409 while tasks,
 * deadlines, events or decisions still refer to it.
 */
export function useDeleteGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ group, etag }: { group: Group; etag: string }) =>
      unwrap(api.DELETE("/api/v1/groups/{id}", { params: { path: { id: group.id }, header: { "if-match": etag } } })),
    // The deleted group's own page is left at once (its detail is not read again).
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: groupKeys.lists() }),
        client.invalidateQueries({ queryKey: lookupKeys.all }),
        client.invalidateQueries({ queryKey: complianceKeys.all }),
      ]),
  });
}

/** Composition findings of the group, computed by the API on every read. */
export const compositionQuery = (id: string) =>
  queryOptions({
    queryKey: [...groupKeys.detail(id), "composition"] as const,
    queryFn: () => unwrap(api.GET("/api/v1/groups/{id}/composition", { params: { path: { id } } })),
  });

/** Each member's attendance at the group's events. */
export const attendanceQuery = (id: string) =>
  queryOptions({
    queryKey: [...groupKeys.detail(id), "attendance"] as const,
    queryFn: () => unwrap(api.GET("/api/v1/groups/{id}/attendance", { params: { path: { id } } })),
  });

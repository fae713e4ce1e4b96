import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, type Schemas } from "../client";
import { lookupKeys } from "./lookups";
import { peopleKeys } from "./people";
import { programmeKeys } from "./programmes";

export type OfficialMunicipality = Schemas["MunicipalityRead"];
export type ProgrammeTemplate = Schemas["ProgrammeTemplateRead"];
export type ProgrammeCreate = Schemas["ProgrammeCreate"];
export type Membership = Schemas["MembershipRead"];
export type ProgrammeRole = Schemas["ProgrammeRole"];
export type PersonCreate = Schemas["PersonCreate"];

export const PROGRAMME_ROLES: ProgrammeRole[] = ["programme_admin", "editor", "member", "observer"];

export const setupKeys = {
  municipalities: (q: string) => ["municipalities", q] as const,
  templates: ["programme-templates"] as const,
  memberships: (programmeId: string) => ["memberships", programmeId] as const,
  users: ["users"] as const,
};

/** The official municipalities whose name contains `q`, or whose number starts with it. */
export const municipalitiesQuery = (q: string) =>
  queryOptions({
    queryKey: setupKeys.municipalities(q),
    queryFn: () => unwrap(api.GET("/api/v1/municipalities", { params: { query: { q, limit: 20 } } })),
    enabled: q.trim().length > 0,
    staleTime: Infinity,
  });

export const programmeTemplatesQuery = () =>
  queryOptions({
    queryKey: setupKeys.templates,
    queryFn: () => unwrap(api.GET("/api/v1/programme-templates")),
    staleTime: Infinity,
  });

export function useCreateProgramme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgrammeCreate) => unwrap(api.POST("/api/v1/programmes", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: programmeKeys.all }),
  });
}

export const membershipsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: setupKeys.memberships(programmeId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/programmes/{programme_id}/memberships", {
          params: { path: { programme_id: programmeId }, query: { limit: 500 } },
        }),
      ),
  });

/** Every user account (system administrators only may list them). */
export const usersQuery = (enabled: boolean) =>
  queryOptions({
    queryKey: setupKeys.users,
    queryFn: () => unwrap(api.GET("/api/v1/users", { params: { query: { limit: 500, active: [true] } } })),
    enabled,
  });

export function useGrantRole(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { user_id: string; role: ProgrammeRole; person_id?: string | null }) =>
      unwrap(
        api.POST("/api/v1/programmes/{programme_id}/memberships", {
          params: { path: { programme_id: programmeId } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: setupKeys.memberships(programmeId) }),
  });
}

const etagOf = (m: Membership) => `"${m.version}"`;

export function useChangeRole(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ membership, role }: { membership: Membership; role: ProgrammeRole }) =>
      patchRecord<Membership>(`/api/v1/programmes/${programmeId}/memberships/${membership.id}`, etagOf(membership), {
        role,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: setupKeys.memberships(programmeId) }),
  });
}

export function useRevokeRole(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (membership: Membership) =>
      unwrap(
        api.DELETE("/api/v1/programmes/{programme_id}/memberships/{id}", {
          params: {
            path: { programme_id: programmeId, id: membership.id },
            header: { "if-match": etagOf(membership) },
          },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: setupKeys.memberships(programmeId) }),
  });
}

export function useCreatePerson(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonCreate) => unwrap(api.POST("/api/v1/people", { body })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: peopleKeys.lists() }),
        client.invalidateQueries({ queryKey: lookupKeys.people(programmeId) }),
      ]),
  });
}

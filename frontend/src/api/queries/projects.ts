import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, unwrapVersioned, type Schemas, type Versioned } from "../client";
import { complianceKeys } from "./compliance";
import { lookupKeys } from "./lookups";
import { programmeKeys } from "./programmes";

export type Project = Schemas["ProjectRead"];
export type ProjectUpdate = Schemas["ProjectUpdate"];
export type ProjectStatus = Schemas["ProjectStatus"];
export type Health = Schemas["Health"];
export type MandateStatus = Schemas["MandateStatus"];
export type ProjectCreate = Schemas["ProjectCreate"];
export type ProjectCategory = Schemas["ProjectCategory"];
export type PhaseTemplate = Schemas["PhaseTemplateRead"];

export const HEALTHS: Health[] = ["on_track", "at_risk", "off_track"];
export const PROJECT_CATEGORIES: ProjectCategory[] = ["administrative", "political"];
export const PROJECT_STATUSES: ProjectStatus[] = ["planned", "active", "on_hold", "completed", "cancelled"];
export const MANDATE_STATUSES: MandateStatus[] = ["draft", "proposed", "approved"];

// The moves the API allows (samskap/governance/mandates.py): a mandate is proposed before it is approved,
// and a proposed or approved one can go back to draft.
const MANDATE_MOVES: Record<MandateStatus, MandateStatus[]> = {
  draft: ["draft", "proposed"],
  proposed: ["draft", "proposed", "approved"],
  approved: ["draft", "approved"],
};

/** The statuses a mandate can be given next, its current one included. */
export const mandateStatusesFrom = (current: MandateStatus) => MANDATE_MOVES[current];

export const projectKeys = {
  all: ["projects"] as const,
  lists: () => [...projectKeys.all, "list"] as const,
  detail: (id: string) => [...projectKeys.all, "detail", id] as const,
};

const getProject = (id: string) => unwrapVersioned(api.GET("/api/v1/projects/{id}", { params: { path: { id } } }));

/** One project with its ETag, for If-Match on the next change. */
export const projectQuery = (id: string) =>
  queryOptions({ queryKey: projectKeys.detail(id), queryFn: () => getProject(id) });

/**
 * A change to a project, sent with If-Match; rejects with EditConflict when someone was first.
 * With nothing left to change (a conflict resolved in favour of the saved version) it reads the
 * project as it is now.
 */
export function useUpdateProject(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, changes }: { etag: string; changes: ProjectUpdate }): Promise<Versioned<Project>> =>
      Object.keys(changes).length === 0
        ? getProject(id)
        : patchRecord<Project>(`/api/v1/projects/${id}`, etag, changes),
    onSuccess: (saved) => {
      client.setQueryData(projectKeys.detail(id), saved);
      // Lists, pickers, the overview and the compliance report show its code, name, leader and health.
      return invalidateProjectLists(client, saved.record.programme_id);
    },
  });
}

/** The programme's final decisions: an approved mandate names the one that approved it. */
export const finalDecisionsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: ["decisions", "final", programmeId] as const,
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/decisions", {
          params: { query: { programme_id: [programmeId], status: ["final"], limit: 200 } },
        }),
      ),
  });

/**
 * Everything that shows a programme's projects: the project lists and pickers, the overview
 * (its table and timeline) and the compliance report (a project without a board is a finding).
 */
function invalidateProjectLists(client: ReturnType<typeof useQueryClient>, programmeId: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: projectKeys.lists() }),
    client.invalidateQueries({ queryKey: lookupKeys.projects(programmeId) }),
    client.invalidateQueries({ queryKey: programmeKeys.overview(programmeId) }),
    client.invalidateQueries({ queryKey: complianceKeys.programme(programmeId) }),
  ]);
}

/** The built-in phase plans a project can start from (the five-phase model of seed 000). */
export const phaseTemplatesQuery = () =>
  queryOptions({
    queryKey: ["phase-templates"] as const,
    queryFn: () => unwrap(api.GET("/api/v1/phase-templates")),
    // Built into the API: they change only with a new release.
    staleTime: Infinity,
  });

/** Create a project, with its phases from a template when one is named. */
export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectCreate) => unwrap(api.POST("/api/v1/projects", { body })),
    onSuccess: (project) => invalidateProjectLists(client, project.programme_id),
  });
}

/**
 * Delete a project (and its phases) with If-Match on the version shown; the API refuses with
 * 409 while other records (groups, tasks, deadlines, …) still refer to it.
 */
export function useDeleteProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ project, etag }: { project: Project; etag: string }) =>
      unwrap(
        api.DELETE("/api/v1/projects/{id}", { params: { path: { id: project.id }, header: { "if-match": etag } } }),
      ),
    // The deleted project's own page is left at once (its detail is not read again).
    onSuccess: (_data, { project }) => invalidateProjectLists(client, project.programme_id),
  });
}

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, unwrapVersioned, type Schemas, type Versioned } from "../client";
import { complianceKeys } from "./compliance";
import { involvementKeys } from "./involvements";
import { trailKeys } from "./decisionTrail";

export type PlannedInvolvement = Schemas["PlannedInvolvementRead"];
export type PlannedInvolvementCreate = Schemas["PlannedInvolvementCreate"];
export type PlannedInvolvementUpdate = Schemas["PlannedInvolvementUpdate"];
export type InvolvementPlan = Schemas["InvolvementPlan"];
export type PlanEntry = Schemas["PlanEntry"];

export const planKeys = {
  all: ["planned-involvements"] as const,
  plan: (projectId: string) => [...planKeys.all, "plan", projectId] as const,
  open: (programmeId: string, projectId: string) => [...planKeys.all, "open", programmeId, projectId] as const,
  detail: (id: string) => [...planKeys.all, "detail", id] as const,
};

/** A project's involvement plan against what happened; read again whenever shown. */
export const involvementPlanQuery = (projectId: string) =>
  queryOptions({
    queryKey: planKeys.plan(projectId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/projects/{id}/involvement-plan", { params: { path: { id: projectId } } })),
    staleTime: 0,
  });

// A project plans tens of involvements, not hundreds.
const OPEN_LIMIT = 200;

/** The planned involvements still to be held (of one project, or of the programme), by day. */
export const openPlannedQuery = (programmeId: string, projectId: string) =>
  queryOptions({
    queryKey: planKeys.open(programmeId, projectId),
    queryFn: async () => {
      const page = await unwrap(
        api.GET("/api/v1/planned-involvements", {
          params: {
            query: {
              programme_id: [programmeId],
              project_id: projectId ? [projectId] : undefined,
              status: ["planned"],
              sort: "planned_on",
              limit: OPEN_LIMIT,
            },
          },
        }),
      );
      return page.items;
    },
    staleTime: 0,
  });

/** One planned involvement with its ETag. */
export const plannedQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.detail(id),
    queryFn: () => unwrapVersioned(api.GET("/api/v1/planned-involvements/{id}", { params: { path: { id } } })),
  });

function useInvalidatePlans() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: planKeys.all }),
      client.invalidateQueries({ queryKey: involvementKeys.all }),
      client.invalidateQueries({ queryKey: trailKeys.all }),
      client.invalidateQueries({ queryKey: complianceKeys.all }),
    ]);
}

export function useCreatePlanned() {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (body: PlannedInvolvementCreate) => unwrap(api.POST("/api/v1/planned-involvements", { body })),
    onSuccess: invalidate,
  });
}

/** A change sent with If-Match; rejects with EditConflict when someone else was first. */
export function useUpdatePlanned() {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      changes,
    }: {
      id: string;
      etag: string;
      changes: PlannedInvolvementUpdate;
    }): Promise<Versioned<PlannedInvolvement>> =>
      patchRecord<PlannedInvolvement>(`/api/v1/planned-involvements/${id}`, etag, changes),
    onSettled: invalidate,
  });
}

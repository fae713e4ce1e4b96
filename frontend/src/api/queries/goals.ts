import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, authFetch, etagOf, unwrap, type Schemas, type Versioned } from "../client";
import { problemFrom } from "../problem";

export type Goal = Schemas["GoalRead"];
export type GoalCreate = Schemas["GoalCreate"];
export type GoalUpdate = Schemas["GoalUpdate"];
export type GoalKind = Schemas["GoalKind"];
export type GoalStatus = Schemas["GoalStatus"];
export type GoalNode = Schemas["GoalNode"];
export type GoalTree = Schemas["GoalTree"];
export type IndicatorSummary = Schemas["IndicatorSummary"];
export type SelectionSummary = Schemas["SelectionSummary"];
export type GoalSelection = Schemas["GoalSelectionRead"];
export type GoalSelectionRevision = Schemas["GoalSelectionRevisionRead"];

export const GOAL_KINDS: GoalKind[] = ["societal", "effect", "result"];
export const GOAL_STATUSES: GoalStatus[] = ["proposed", "active", "achieved", "dropped"];

/** The kind of goal a goal of each kind sits under (Digdir's project model). */
export const PARENT_KIND: Record<GoalKind, GoalKind | null> = { societal: null, effect: "societal", result: "effect" };

/** A project or a group: the area that selects catalogue goals. */
export interface Area {
  kind: "project" | "group";
  id: string;
}

export const goalKeys = {
  all: ["goals"] as const,
  tree: (programmeId: string, projectId?: string) => [...goalKeys.all, "tree", programmeId, projectId ?? null] as const,
  catalogue: (programmeId: string) => [...goalKeys.all, "catalogue", programmeId] as const,
  selections: (programmeId: string, area: Area) => [...goalKeys.all, "selections", programmeId, area.kind, area.id] as const,
  history: (selectionId: string) => [...goalKeys.all, "history", selectionId] as const,
};

// A programme's catalogue has tens of goals (the municipal plan's 19); one page of the largest size holds it.
const CATALOGUE_LIMIT = 500;

/** The goals of a programme (or of one project) as a tree, with indicators and selections. */
export const goalTreeQuery = (programmeId: string, projectId?: string) =>
  queryOptions({
    queryKey: goalKeys.tree(programmeId, projectId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/goal-tree", { params: { query: { programme_id: programmeId, project_id: projectId } } })),
  });

/** The goals of a programme (or of one project) as the API's list parameters, for its CSV and XLSX files. */
export const goalListQuery = (programmeId: string, projectId?: string) => ({
  programme_id: [programmeId],
  project_id: projectId ? [projectId] : undefined,
  sort: "title" as const,
});

/** The programme's catalogue goals, in their order. */
export const catalogueQuery = (programmeId: string) =>
  queryOptions({
    queryKey: goalKeys.catalogue(programmeId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/goals", {
            params: {
              query: { programme_id: [programmeId], in_catalogue: true, sort: "sort_order", limit: CATALOGUE_LIMIT },
            },
          }),
        )
      ).items,
  });

/** The catalogue goals one area has selected. */
export const areaSelectionsQuery = (programmeId: string, area: Area) =>
  queryOptions({
    queryKey: goalKeys.selections(programmeId, area),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/goal-selections", {
            params: {
              query: {
                programme_id: [programmeId],
                project_id: area.kind === "project" ? [area.id] : undefined,
                group_id: area.kind === "group" ? [area.id] : undefined,
                limit: CATALOGUE_LIMIT,
              },
            },
          }),
        )
      ).items,
  });

/** Every state of one selection, newest first; kept also after it was withdrawn. */
export const selectionHistoryQuery = (selectionId: string) =>
  queryOptions({
    queryKey: goalKeys.history(selectionId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/goal-selection-revisions", {
            params: { query: { selection_id: [selectionId], limit: 100 } },
          }),
        )
      ).items,
  });

export function useCreateGoal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: GoalCreate) => unwrap(api.POST("/api/v1/goals", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: goalKeys.all }),
  });
}

/** A change to a goal, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateGoal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, changes }: { id: string; etag: string; changes: GoalUpdate }): Promise<Versioned<Goal>> =>
      patchRecord<Goal>(`/api/v1/goals/${id}`, etag, changes),
    onSettled: () => client.invalidateQueries({ queryKey: goalKeys.all }),
  });
}

export interface SelectionText {
  rationale: string;
  meaning: string;
  operationalisation: string;
}

/** What saving the selection form does: create the newly ticked, change the edited, withdraw the unticked. */
export interface SelectionPlan {
  create: ({ goal_id: string } & SelectionText)[];
  update: { selection: GoalSelection; changes: Partial<SelectionText> }[];
  remove: GoalSelection[];
}

const orNull = (text: string) => text.trim() || null;

/** Compare the ticked goals and their texts with the saved selections. */
export function planSelections(saved: GoalSelection[], ticked: Map<string, SelectionText>): SelectionPlan {
  const byGoal = new Map(saved.map((s) => [s.goal_id, s]));
  const plan: SelectionPlan = { create: [], update: [], remove: [] };
  for (const [goalId, text] of ticked) {
    const existing = byGoal.get(goalId);
    if (!existing) {
      plan.create.push({ goal_id: goalId, ...text });
      continue;
    }
    const changes: Partial<SelectionText> = {};
    for (const field of ["rationale", "meaning", "operationalisation"] as const) {
      if (orNull(text[field]) !== (existing[field] ?? null)) changes[field] = text[field];
    }
    if (Object.keys(changes).length) plan.update.push({ selection: existing, changes });
  }
  for (const selection of saved) if (!ticked.has(selection.goal_id)) plan.remove.push(selection);
  return plan;
}

/** Save an area's selections; each change is its own request, the changes with If-Match. */
export function useSaveSelections(programmeId: string, area: Area) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (plan: SelectionPlan) => {
      const areaField = area.kind === "project" ? { project_id: area.id } : { group_id: area.id };
      for (const item of plan.remove) {
        const response = await authFetch(
          new Request(`/api/v1/goal-selections/${item.id}`, { method: "DELETE", headers: { "If-Match": etagOf(item) } }),
        );
        if (!response.ok) throw await problemFrom(response);
      }
      for (const { selection, changes } of plan.update) {
        const body = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, orNull(v ?? "")]));
        await patchRecord(`/api/v1/goal-selections/${selection.id}`, etagOf(selection), body);
      }
      for (const item of plan.create) {
        await unwrap(
          api.POST("/api/v1/goal-selections", {
            body: {
              goal_id: item.goal_id,
              ...areaField,
              rationale: orNull(item.rationale),
              meaning: orNull(item.meaning),
              operationalisation: orNull(item.operationalisation),
            },
          }),
        );
      }
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: goalKeys.all });
      void client.invalidateQueries({ queryKey: goalKeys.selections(programmeId, area) });
    },
  });
}

import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, type Schemas, type Versioned, etagOf } from "../client";
import { complianceKeys } from "./compliance";

export type GroupCriterion = Schemas["GroupCriterionRead"];
export type GroupCriterionCreate = Schemas["GroupCriterionCreate"];
export type GroupCriterionUpdate = Schemas["GroupCriterionUpdate"];
export type CriterionPurpose = Schemas["CriterionPurpose"];
export type CriterionFulfilment = Schemas["CriterionFulfilment"];
export type CriterionAssessment = Schemas["CriterionAssessmentRead"];
export type CriterionAssessmentCreate = Schemas["CriterionAssessmentCreate"];
export type GroupCriteria = Schemas["GroupCriteria"];
export type GroupKind = Schemas["GroupKind"];

export const CRITERION_PURPOSES: CriterionPurpose[] = ["setup", "evaluation"];
export const FULFILMENTS: CriterionFulfilment[] = ["met", "partly_met", "not_met"];

export const criteriaKeys = {
  all: ["criteria"] as const,
  list: (programmeId: string, groupKind?: GroupKind) => [...criteriaKeys.all, "list", programmeId, groupKind ?? null] as const,
  ofGroup: (groupId: string) => [...criteriaKeys.all, "group", groupId] as const,
};

const PAGE_SIZE = 200;

/** The programme's criteria, for one kind of group or all, in their set order. */
export const criteriaQuery = (programmeId: string, groupKind?: GroupKind) =>
  infiniteQueryOptions({
    queryKey: criteriaKeys.list(programmeId, groupKind),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/group-criteria", {
          params: {
            query: {
              programme_id: [programmeId],
              group_kind: groupKind ? [groupKind] : undefined,
              sort: "sort_order",
              limit: PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** A group against the criteria for its kind: latest assessment, history and how many are met. */
export const groupCriteriaQuery = (groupId: string) =>
  queryOptions({
    queryKey: criteriaKeys.ofGroup(groupId),
    queryFn: () => unwrap(api.GET("/api/v1/groups/{id}/criteria", { params: { path: { id: groupId } } })),
  });

function useInvalidate() {
  const client = useQueryClient();
  return () => {
    client.invalidateQueries({ queryKey: criteriaKeys.all });
    client.invalidateQueries({ queryKey: complianceKeys.all });
  };
}

export function useCreateCriterion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: GroupCriterionCreate) => unwrap(api.POST("/api/v1/group-criteria", { body })),
    onSuccess: invalidate,
  });
}

/** A change to a criterion, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateCriterion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      changes,
    }: {
      id: string;
      etag: string;
      changes: GroupCriterionUpdate;
    }): Promise<Versioned<GroupCriterion>> => patchRecord<GroupCriterion>(`/api/v1/group-criteria/${id}`, etag, changes),
    onSettled: invalidate,
  });
}

/** Delete a criterion (and the assessments made against it), with If-Match. */
export function useDeleteCriterion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (criterion: GroupCriterion) =>
      unwrap(
        api.DELETE("/api/v1/group-criteria/{id}", {
          params: { path: { id: criterion.id }, header: { "if-match": etagOf(criterion) } },
        }),
      ),
    onSettled: invalidate,
  });
}

export function useAssessCriterion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CriterionAssessmentCreate) => unwrap(api.POST("/api/v1/criterion-assessments", { body })),
    onSuccess: invalidate,
  });
}

export { etagOf };

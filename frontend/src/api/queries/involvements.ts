import { infiniteQueryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";

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
  lists: () => [...involvementKeys.all, "list"] as const,
  list: (programmeId: string, filters: InvolvementFilters) =>
    [...involvementKeys.lists(), programmeId, filters] as const,
};

const PAGE_SIZE = 20;

/** The involvement log of a programme, newest first, a page at a time. */
export const involvementsQuery = (programmeId: string, filters: InvolvementFilters) =>
  infiniteQueryOptions({
    queryKey: involvementKeys.list(programmeId, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/involvements", {
          params: {
            query: {
              programme_id: [programmeId],
              project_id: filters.projectId ? [filters.projectId] : undefined,
              stakeholder_kind: filters.stakeholderKind ? [filters.stakeholderKind] : undefined,
              form: filters.form ? [filters.form] : undefined,
              sort: "-occurred_on",
              limit: PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useCreateInvolvement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InvolvementCreate) => unwrap(api.POST("/api/v1/involvements", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: involvementKeys.all }),
  });
}

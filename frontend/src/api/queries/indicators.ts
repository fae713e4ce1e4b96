import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, etagOf, unwrap, type Schemas, type Versioned } from "../client";

export type Indicator = Schemas["IndicatorRead"];
export type IndicatorCreate = Schemas["IndicatorCreate"];
export type IndicatorUpdate = Schemas["IndicatorUpdate"];
export type IndicatorDirection = Schemas["IndicatorDirection"];
export type IndicatorMethod = Schemas["IndicatorMethod"];
export type IndicatorSeries = Schemas["IndicatorSeries"];
export type SeriesPoint = Schemas["SeriesPoint"];
export type Measurement = Schemas["MeasurementRead"];
export type MeasurementCreate = Schemas["MeasurementCreate"];
export type MeasurementUpdate = Schemas["MeasurementUpdate"];

export const INDICATOR_DIRECTIONS: IndicatorDirection[] = ["higher_is_better", "lower_is_better"];
export const INDICATOR_METHODS: IndicatorMethod[] = ["survey", "user_survey", "register_data", "manual_count"];

/** A goal an indicator can measure: an effect or a result goal of the programme. */
export interface MeasurableGoal {
  id: string;
  title: string;
  kind: "effect" | "result";
}

export const indicatorKeys = {
  all: ["indicators"] as const,
  lists: () => [...indicatorKeys.all, "list"] as const,
  list: (programmeId: string) => [...indicatorKeys.lists(), programmeId] as const,
  series: (id: string) => [...indicatorKeys.all, "series", id] as const,
  goals: (programmeId: string) => ["goals", "measurable", programmeId] as const,
};

const PAGE_SIZE = 50;
// A programme's effect and result goals are few; one page holds them.
const GOALS_LIMIT = 500;

/** The indicators of a programme, by name, a page at a time. */
export const indicatorsQuery = (programmeId: string) =>
  infiniteQueryOptions({
    queryKey: indicatorKeys.list(programmeId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/indicators", {
          params: { query: { programme_id: [programmeId], sort: "name", limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** One indicator with every measurement, oldest first: all the chart and its table need. */
export const seriesQuery = (indicatorId: string) =>
  queryOptions({
    queryKey: indicatorKeys.series(indicatorId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/indicators/{id}/series", { params: { path: { id: indicatorId } } })),
  });

/** The effect and result goals of a programme, which indicators measure. */
export const measurableGoalsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: indicatorKeys.goals(programmeId),
    queryFn: async (): Promise<MeasurableGoal[]> => {
      const page = await unwrap(
        api.GET("/api/v1/goals", {
          params: {
            query: { programme_id: [programmeId], kind: ["effect", "result"], sort: "title", limit: GOALS_LIMIT },
          },
        }),
      );
      return page.items.map((g) => ({ id: g.id, title: g.title, kind: g.kind as "effect" | "result" }));
    },
  });

export function useCreateIndicator() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IndicatorCreate) => unwrap(api.POST("/api/v1/indicators", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}

/** A change to an indicator, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateIndicator() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, changes }: { id: string; etag: string; changes: IndicatorUpdate }): Promise<Versioned<Indicator>> =>
      patchRecord<Indicator>(`/api/v1/indicators/${id}`, etag, changes),
    onSettled: () => client.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}

export function useCreateMeasurement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeasurementCreate) => unwrap(api.POST("/api/v1/measurements", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}

/** A change to a measurement (its version from the series), with If-Match. */
export function useUpdateMeasurement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      changes,
    }: {
      id: string;
      etag: string;
      changes: MeasurementUpdate;
    }): Promise<Versioned<Measurement>> => patchRecord<Measurement>(`/api/v1/measurements/${id}`, etag, changes),
    onSettled: () => client.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}

export function useDeleteMeasurement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (point: { measurement_id: string; version: number }) =>
      unwrap(
        api.DELETE("/api/v1/measurements/{id}", {
          params: { path: { id: point.measurement_id }, header: { "if-match": etagOf(point) } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}

export { etagOf };

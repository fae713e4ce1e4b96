import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../client";

export const programmeKeys = {
  all: ["programmes"] as const,
  list: () => [...programmeKeys.all, "list"] as const,
  detail: (id: string) => [...programmeKeys.all, "detail", id] as const,
  overview: (id: string) => [...programmeKeys.all, "overview", id] as const,
};

export const overviewQuery = (id: string) =>
  queryOptions({
    queryKey: programmeKeys.overview(id),
    queryFn: () => unwrap(api.GET("/api/v1/programmes/{id}/overview", { params: { path: { id } } })),
  });

export const programmesQuery = () =>
  queryOptions({
    queryKey: programmeKeys.list(),
    queryFn: () => unwrap(api.GET("/api/v1/programmes", { params: { query: { limit: 100 } } })),
  });

export const programmeQuery = (id: string) =>
  queryOptions({
    queryKey: programmeKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/v1/programmes/{id}", { params: { path: { id } } })),
  });

export const timelineQuery = (id: string) =>
  queryOptions({
    queryKey: [...programmeKeys.all, "timeline", id] as const,
    queryFn: () => unwrap(api.GET("/api/v1/programmes/{id}/timeline", { params: { path: { id } } })),
  });

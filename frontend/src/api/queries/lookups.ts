import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../client";

/** A record reduced to what a select or a table cell needs: its id and what people call it. */
export interface Named {
  id: string;
  name: string;
}

// Lookups are for pickers, so one page of the API's largest size is enough; programmes have
// tens of projects and groups and some hundreds of people, not thousands.
const LOOKUP_LIMIT = 500;

export const lookupKeys = {
  all: ["lookups"] as const,
  projects: (programmeId: string) => [...lookupKeys.all, "projects", programmeId] as const,
  people: (programmeId: string) => [...lookupKeys.all, "people", programmeId] as const,
  groups: (programmeId: string) => [...lookupKeys.all, "groups", programmeId] as const,
};

export const projectNamesQuery = (programmeId: string) =>
  queryOptions({
    queryKey: lookupKeys.projects(programmeId),
    queryFn: async (): Promise<Named[]> => {
      const page = await unwrap(
        api.GET("/api/v1/projects", {
          params: { query: { programme_id: [programmeId], sort: "code", limit: LOOKUP_LIMIT } },
        }),
      );
      return page.items.map((p) => ({ id: p.id, name: `${p.code} ${p.name}` }));
    },
    staleTime: 5 * 60_000,
  });

export const peopleNamesQuery = (programmeId: string) =>
  queryOptions({
    queryKey: lookupKeys.people(programmeId),
    queryFn: async (): Promise<Named[]> => {
      const page = await unwrap(
        api.GET("/api/v1/people", {
          params: { query: { programme_id: [programmeId], sort: "name", limit: LOOKUP_LIMIT } },
        }),
      );
      return page.items.map((p) => ({ id: p.id, name: p.name }));
    },
    staleTime: 5 * 60_000,
  });

export const groupNamesQuery = (programmeId: string) =>
  queryOptions({
    queryKey: lookupKeys.groups(programmeId),
    queryFn: async (): Promise<Named[]> => {
      const page = await unwrap(
        api.GET("/api/v1/groups", {
          params: { query: { programme_id: [programmeId], sort: "name", limit: LOOKUP_LIMIT } },
        }),
      );
      return page.items.map((g) => ({ id: g.id, name: g.name }));
    },
    staleTime: 5 * 60_000,
  });

/** id → name, for showing references in lists. */
export function namesById(items: Named[] | undefined): Map<string, string> {
  return new Map((items ?? []).map((item) => [item.id, item.name]));
}

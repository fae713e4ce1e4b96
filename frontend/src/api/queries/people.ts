import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, unwrap, unwrapVersioned, type Schemas, type Versioned } from "../client";
import { lookupKeys } from "./lookups";

export type Person = Schemas["PersonRead"];
export type PersonUpdate = Schemas["PersonUpdate"];
export type Affiliation = Schemas["Affiliation"];

export const AFFILIATIONS: Affiliation[] = [
  "employee",
  "elected_official",
  "union_representative",
  "safety_representative",
  "nav",
  "external",
];

export interface PeopleFilters {
  q?: string;
  affiliation?: Affiliation;
}

export const peopleKeys = {
  all: ["people"] as const,
  lists: () => [...peopleKeys.all, "list"] as const,
  list: (programmeId: string, filters: PeopleFilters) => [...peopleKeys.lists(), programmeId, filters] as const,
  detail: (id: string) => [...peopleKeys.all, "detail", id] as const,
};

export const PEOPLE_PAGE_SIZE = 25;

/** The list's filters and order as the API's query parameters (its JSON pages and its CSV and XLSX files). */
export const peopleListQuery = (programmeId: string, filters: PeopleFilters) => ({
  programme_id: [programmeId],
  q: filters.q || undefined,
  affiliation: filters.affiliation ? [filters.affiliation] : undefined,
  sort: "name" as const,
});

/** The people of a programme by name, searched and filtered, a page at a time. */
export const peopleQuery = (programmeId: string, filters: PeopleFilters) =>
  infiniteQueryOptions({
    queryKey: peopleKeys.list(programmeId, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/people", {
          params: {
            query: { ...peopleListQuery(programmeId, filters), limit: PEOPLE_PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

const getPerson = (id: string) => unwrapVersioned(api.GET("/api/v1/people/{id}", { params: { path: { id } } }));

/** One person with the ETag; the union only when the caller may see it. */
export const personQuery = (id: string) =>
  queryOptions({ queryKey: peopleKeys.detail(id), queryFn: () => getPerson(id) });

/**
 * A change to a person, sent with If-Match; rejects with EditConflict when someone was first.
 * With nothing left to change it reads the person as they are now.
 */
export function useUpdatePerson(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, changes }: { etag: string; changes: PersonUpdate }): Promise<Versioned<Person>> =>
      Object.keys(changes).length === 0 ? getPerson(id) : patchRecord<Person>(`/api/v1/people/${id}`, etag, changes),
    onSuccess: (saved) => {
      client.setQueryData(peopleKeys.detail(id), saved);
      return Promise.all([
        client.invalidateQueries({ queryKey: peopleKeys.lists() }),
        // Names shown in other pages' lists and pickers.
        client.invalidateQueries({ queryKey: lookupKeys.people(saved.record.programme_id) }),
      ]);
    },
  });
}

/**
 * Helpers for the component tests of the project, group and people pages: a page rendered with
 * its providers at a URL, and a fake of the API's JSON answers that records every call.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { vi } from "vitest";
import type { Schemas } from "../../api/client";
import type { ProblemItem } from "../../api/problem";
import { I18nProvider } from "../../i18n";

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  ifMatch: string | null;
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
  etag?: string;
}

type Route = Reply | ((call: ApiCall) => Reply);

/**
 * Stub the global fetch with answers by "METHOD /path" (the path without its query). A route
 * not listed answers 404 as a problem, so that a missing fake shows up as an error on the page.
 */
export function fakeApi(routes: Record<string, Route>) {
  const calls: ApiCall[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === "GET" ? "" : await request.text();
    const call: ApiCall = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      ifMatch: request.headers.get("if-match"),
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const reply: Reply = route === undefined
      ? { status: 404, body: { type: "about:blank", title: "Not Found", status: 404 } }
      : typeof route === "function"
        ? route(call)
        : route;
    const status = reply.status ?? 200;
    if (status === 204) return new Response(null, { status });
    const headers: Record<string, string> = {
      "content-type": status >= 400 ? "application/problem+json" : "application/json",
    };
    if (reply.etag) headers.etag = reply.etag;
    return new Response(JSON.stringify(reply.body ?? {}), { status, headers });
  });
  vi.stubGlobal("fetch", fetch);
  return {
    calls,
    /** The calls with this method to this path. */
    made: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}

/** Render a page at a URL under its route, with a fresh query cache and bokmål. */
export function renderPage(page: ReactElement, { route, url }: { route: string; url: string }) {
  return renderRoutes(url, { [route]: page });
}

/**
 * Render the app's routes given by path (a page and the pages it leads to), at a URL, with a
 * fresh query cache and bokmål.
 */
export function renderRoutes(url: string, routes: Record<string, ReactElement>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            {Object.entries(routes).map(([path, element]) => (
              <Route key={path} path={path} element={element} />
            ))}
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

/** A problem+json answer with errors at JSON pointers, each with its code as the API gives it. */
export function problem(status: number, errors: ProblemItem[] = [], detail?: string): Reply {
  return {
    status,
    body: { type: "https://samskap.no/problems/validation", title: "Invalid input", status, detail, errors },
  };
}

export const PROGRAMME_ID = "00000000-0000-7000-8000-000000000001";

const stamp = { created_at: "2026-01-01T10:00:00Z", updated_at: "2026-01-01T10:00:00Z", version: 1 };

/** The logged-in user: an editor in the programme. */
export const me = (role: Schemas["ProgrammeRole"] = "editor") => ({
  body: {
    id: "00000000-0000-7000-8000-0000000000aa",
    email: "programkontor@nordrefollo.example",
    name: "Ingrid Haugland",
    system_admin: false,
    via: "session",
    memberships: [{ programme_id: PROGRAMME_ID, role, person_id: null }],
    token_expires_at: null,
  },
});

export const aProgramme = (): Schemas["ProgrammeRead"] => ({
  ...stamp,
  id: PROGRAMME_ID,
  name: "Nordre Follo 2020",
  description: null,
  vision: null,
  owner_organisation: null,
  municipalities: [
    { name: "Ski", number: "0213" },
    { name: "Oppegård", number: "0217" },
  ],
  starts_on: null,
  target_on: null,
  status: "active",
  external_id: null,
  reminder_days_before: 3,
});

export const aPerson = (overrides: Partial<Schemas["PersonRead"]> = {}): Schemas["PersonRead"] => ({
  ...stamp,
  id: "00000000-0000-7000-8000-0000000000p1",
  programme_id: PROGRAMME_ID,
  name: "Line Aasheim",
  email: null,
  title: "Kommunalsjef",
  organisation_unit: "Oppvekst og utdanning",
  municipality_number: "0217",
  affiliation: "employee",
  union: null,
  erased_at: null,
  external_id: null,
  ...overrides,
});

export const aProject = (overrides: Partial<Schemas["ProjectRead"]> = {}): Schemas["ProjectRead"] => ({
  ...stamp,
  id: "00000000-0000-7000-8000-0000000000c1",
  programme_id: PROGRAMME_ID,
  code: "VO1",
  name: "Oppvekst og utdanning",
  description: null,
  category: "administrative",
  mandate_text: "Organisere virksomhetsområdet.",
  mandate_status: "approved",
  mandate_approved_at: "2018-08-20T08:00:00Z",
  mandate_approved_by_id: null,
  mandate_decision_id: null,
  leader_id: "00000000-0000-7000-8000-0000000000p1",
  leader_allocation_percent: 80,
  owner_id: null,
  status: "active",
  health: "on_track",
  health_explanation: null,
  concerns_nav: false,
  starts_on: "2018-08-15",
  ends_on: "2027-06-30",
  external_id: null,
  ...overrides,
});

export const aResult = (overrides: Partial<Schemas["ExpectedResultRead"]> = {}): Schemas["ExpectedResultRead"] => ({
  ...stamp,
  id: "00000000-0000-7000-8000-0000000000r1",
  phase_id: "00000000-0000-7000-8000-0000000000f5",
  position: 1,
  text: "Evalueringsrapport er lagt fram for styringsgruppen",
  done: false,
  done_at: null,
  done_by_id: null,
  waived: false,
  waived_reason: null,
  ...overrides,
});

export const aPhase = (overrides: Partial<Schemas["PhaseRead"]> = {}): Schemas["PhaseRead"] => ({
  ...stamp,
  id: "00000000-0000-7000-8000-0000000000f5",
  programme_id: PROGRAMME_ID,
  project_id: "00000000-0000-7000-8000-0000000000c1",
  position: 5,
  name: "Evaluere og tilpasse",
  description: "Modellen evalueres og tilpasses etter erfaringene.",
  activities: [],
  starts_on: "2025-09-01",
  ends_on: "2027-06-30",
  status: "active",
  completed_at: null,
  completed_by_id: null,
  external_id: null,
  expected_results: [aResult()],
  ...overrides,
});

export const page = <T,>(items: T[], next_cursor: string | null = null) => ({ body: { items, next_cursor } });

/**
 * A record the fake API keeps as the real one does: `get` answers it as it is now with its
 * version as ETag; `patch` refuses a stale If-Match (412) and otherwise saves the changes on
 * the next version. Set `current` to play someone else's save.
 *   const kept = keptRecord(project);
 *   fakeApi({ [`GET ${PROJECT}`]: kept.get, [`PATCH ${PROJECT}`]: kept.patch });
 */
export function keptRecord<T extends { version: number }>(start: T) {
  const kept = {
    current: start,
    get: (): Reply => ({ body: kept.current, etag: `"${kept.current.version}"` }),
    patch: (call: ApiCall): Reply => {
      if (call.ifMatch !== `"${kept.current.version}"`) return problem(412);
      kept.current = { ...kept.current, ...(call.body as object), version: kept.current.version + 1 };
      return kept.get();
    },
  };
  return kept;
}

/** The answers a project's page needs to show `project`; `overrides` replaces or adds some. */
export function projectPageApi(project: Schemas["ProjectRead"], overrides: Record<string, Route> = {}) {
  return fakeApi({
    "GET /api/v1/auth/me": me(),
    [`GET /api/v1/programmes/${PROGRAMME_ID}`]: { body: aProgramme() },
    [`GET /api/v1/projects/${project.id}`]: { body: project, etag: '"1"' },
    "GET /api/v1/people": page([aPerson()]),
    "GET /api/v1/groups": page([]),
    "GET /api/v1/phases": page([aPhase()]),
    "GET /api/v1/tasks": page([]),
    "GET /api/v1/deadlines": page([]),
    "GET /api/v1/involvements": page([]),
    "GET /api/v1/submissions": page([]),
    "GET /api/v1/goal-tree": { body: { programme_id: PROGRAMME_ID, project_id: project.id, goals: [] } },
    ...overrides,
  });
}

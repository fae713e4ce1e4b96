import { vi } from "vitest";
import type { Idea, IdeaStatusChange } from "../../api/queries/ideas";

export const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
export const PERSON = "0193a0e4-7c1e-7000-8000-000000000003";
export const FORUM = "0193a0e4-7c1e-7000-8000-0000000000f1";
export const MEETING = "0193a0e4-7c1e-7000-8000-0000000000e1";
export const PROJECT = "0193a0e4-7c1e-7000-8000-0000000000a1";

let serial = 0;
export function anIdea(overrides: Partial<Idea> = {}): Idea {
  serial += 1;
  return {
    id: `0193a0e4-7c1e-7000-8000-0000000002${String(serial).padStart(2, "0")}`,
    created_at: "2026-11-02T10:00:00Z",
    updated_at: "2026-11-02T10:00:00Z",
    version: 1,
    programme_id: PROGRAMME,
    title: "Felles vaktbytte",
    description: "Vakter byttes på papir.\nEn felles app sparer tid.",
    project_id: null,
    group_id: null,
    status: "received",
    channel: "link",
    received_at: "2026-11-02T10:00:00Z",
    anonymous: false,
    submitter_person_id: null,
    submitter_name: "Ola Ansatt",
    assessor_person_id: null,
    assessor_group_id: null,
    assessment: null,
    reason: null,
    measure_id: null,
    task_id: null,
    support_count: 0,
    supported: false,
    archived_at: null,
    external_id: null,
    ...overrides,
  };
}

export function aChange(overrides: Partial<IdeaStatusChange> = {}): IdeaStatusChange {
  serial += 1;
  return {
    id: `0193a0e4-7c1e-7000-8000-0000000003${String(serial).padStart(2, "0")}`,
    idea_id: "",
    status: "received",
    changed_at: "2026-11-02T10:00:00Z",
    comment: null,
    reason: null,
    event_id: null,
    meeting: null,
    ...overrides,
  };
}

export const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(body === null ? null : JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });

export type Handler = (request: Request, url: URL) => Response | Promise<Response> | undefined;

/**
 * A stand-in for the API over fetch: each handler may answer a request; the names and lists
 * every page reads answer with these defaults. Every request is kept, with its body read.
 */
export function stubApi(handler: Handler, role: "editor" | "member" | "observer" = "editor") {
  const calls: { method: string; url: URL; body: unknown; headers: Headers }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
      const url = new URL(request.url);
      const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.clone().text();
      calls.push({ method: request.method, url, body: text ? JSON.parse(text) : null, headers: request.headers });
      const answer = await handler(request, url);
      if (answer) return answer;
      switch (url.pathname) {
        case "/api/v1/auth/me":
          return json({
            id: "0193a0e4-7c1e-7000-8000-00000000aaaa",
            email: "kontor@example.no",
            name: "Kontoret",
            system_admin: false,
            memberships: [{ programme_id: PROGRAMME, role, person_id: PERSON }],
          });
        case "/api/v1/people":
          return json({ items: [{ id: PERSON, name: "Kari Kontor" }], next_cursor: null });
        case "/api/v1/groups":
          return json({ items: [{ id: FORUM, name: "Trepartsforum" }], next_cursor: null });
        case "/api/v1/projects":
          return json({ items: [{ id: PROJECT, code: "P1", name: "Helse" }], next_cursor: null });
        case "/api/v1/events":
          return json({
            items: [{ id: MEETING, title: "Trepartsforum november", starts_at: "2026-11-12T13:00:00Z" }],
            next_cursor: null,
          });
        case "/api/v1/participation-links":
        case "/api/v1/goals":
        case "/api/v1/measures":
        case "/api/v1/tasks":
          return json({ items: [], next_cursor: null });
      }
      return json({ title: "Not found", status: 404 }, { status: 404 });
    }),
  );
  return calls;
}

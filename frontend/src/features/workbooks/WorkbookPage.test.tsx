import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Submission, Template, Version } from "../../api/queries/workbooks";
import { I18nProvider } from "../../i18n";
import { moved } from "./editing";
import TemplatesPage from "./TemplatesPage";
import WorkbookPage from "./WorkbookPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const TEMPLATE = "0193a0e4-7c1e-7000-8000-000000000002";
const SUBMISSION = "0193a0e4-7c1e-7000-8000-000000000003";

const record = { created_at: "2018-08-01T10:00:00Z", updated_at: "2018-08-01T10:00:00Z", version: 1 };

const template: Template = {
  ...record,
  id: TEMPLATE,
  programme_id: PROGRAMME,
  title: "Mal for innspill",
  guidance: null,
  sections: [
    { key: "organisering", title: "Organisering", guidance: null, max_length: 200 },
    { key: "ansvar", title: "Ansvar", guidance: null, max_length: null },
  ],
  required_attachments: [],
  external_id: null,
};

function version(overrides: Partial<Version>): Version {
  return {
    ...record,
    id: "0193a0e4-7c1e-7000-8000-000000000010",
    programme_id: PROGRAMME,
    submission_id: SUBMISSION,
    label: "1",
    position: 1,
    deadline_id: null,
    sections: {},
    files: [],
    status: "draft",
    submitted_at: null,
    submitted_by_id: null,
    recipient_id: null,
    due_at: null,
    delivery: null,
    late_by_seconds: null,
    ...overrides,
  };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });

function stubApi(versions: Version[], answers: Record<string, (request: Request) => Promise<Response>> = {}) {
  const submission: Submission = {
    ...record,
    id: SUBMISSION,
    programme_id: PROGRAMME,
    title: "Arbeidsbok Oppvekst",
    template_id: TEMPLATE,
    project_id: null,
    group_id: "0193a0e4-7c1e-7000-8000-000000000004",
    external_id: null,
    versions: [],
  };
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      calls.push(request.clone());
      const url = new URL(request.url);
      const own = answers[`${request.method} ${url.pathname}`];
      if (own) return own(request);
      if (url.pathname === `/api/v1/submissions/${SUBMISSION}`) return json(submission);
      if (url.pathname === "/api/v1/templates") return json({ items: [template], next_cursor: null });
      if (url.pathname === "/api/v1/submission-versions") return json({ items: versions, next_cursor: null });
      if (url.pathname === "/api/v1/deadlines" || url.pathname === "/api/v1/files") {
        return json({ items: [], next_cursor: null });
      }
      if (url.pathname === "/api/v1/submission-versions/compare") {
        return json({
          from_id: versions[0].id,
          to_id: versions[1].id,
          from_label: "1",
          to_label: "2",
          sections: [
            {
              key: "organisering",
              title: "Organisering",
              change: "changed",
              from_text: "Fire enheter.",
              to_text: "Fem enheter.",
              diff: ["-Fire enheter.", "+Fem enheter."],
            },
          ],
        });
      }
      return json({ title: "Not found", status: 404 }, { status: 404 });
    }),
  );
  return calls;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/p/:programmeId/submissions/:submissionId" element={<WorkbookPage />} />
            <Route path="/p/:programmeId/templates" element={<TemplatesPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("WorkbookPage", () => {
  it("shows each version's delivery: on time, late by how much, missing", async () => {
    stubApi([
      version({ label: "1", status: "submitted", delivery: "on_time", due_at: "2018-09-20T10:00:00Z" }),
      version({
        id: "0193a0e4-7c1e-7000-8000-000000000011",
        label: "2",
        position: 2,
        status: "submitted",
        delivery: "late",
        late_by_seconds: 3 * 86400 + 60,
        due_at: "2018-10-04T10:00:00Z",
      }),
      version({
        id: "0193a0e4-7c1e-7000-8000-000000000012",
        label: "3",
        position: 3,
        delivery: "missing",
        due_at: "2018-11-01T11:00:00Z",
      }),
    ]);
    renderAt(`/p/${PROGRAMME}/submissions/${SUBMISSION}`);
    const table = await screen.findByRole("table", { name: "Versjoner" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(within(rows[0]).getByText("I tide")).toBeInTheDocument();
    expect(within(rows[1]).getByText("3 dager for sent")).toBeInTheDocument();
    expect(within(rows[2]).getByText("Mangler")).toBeInTheDocument();
    expect(await screen.findByText("-Fire enheter.", { exact: false })).toBeInTheDocument();
  });

  it("counts characters against the maximum and shows the API's refusal at the section", async () => {
    const calls = stubApi([], {
      "POST /api/v1/submission-versions": async () =>
        json(
          {
            title: "Invalid input",
            status: 422,
            errors: [
              {
                pointer: "/sections/organisering",
                code: "section_too_long",
                detail: "201 characters",
                params: { max_length: "200", length: "201" },
              },
            ],
          },
          { status: 422, headers: { "content-type": "application/problem+json" } },
        ),
    });
    renderAt(`/p/${PROGRAMME}/submissions/${SUBMISSION}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ny versjon" }));
    const field = await screen.findByRole("textbox", { name: "Organisering" });
    await user.click(field);
    await user.paste("x".repeat(201));
    expect(screen.getByText("201 av 200 tegn")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Opprett versjonen" }));
    await waitFor(() =>
      expect(screen.getByText("Teksten er 201 tegn; seksjonen tar høyst 200.")).toBeInTheDocument(),
    );
    expect(field).toHaveAttribute("aria-invalid", "true");
    const sent = calls.find((c) => c.method === "POST")!;
    expect(await sent.json()).toMatchObject({ submission_id: SUBMISSION, label: "1" });
  });
});

describe("TemplatesPage", () => {
  it("orders sections with move up and down and sends them in that order", async () => {
    const calls = stubApi([], {
      "POST /api/v1/templates": async (request) => json({ ...template, ...(await request.json()) }, { status: 201 }),
    });
    renderAt(`/p/${PROGRAMME}/templates`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ny mal" }));
    await user.type(screen.getByRole("textbox", { name: "Tittel" }), "Mal for innspill");
    await user.type(screen.getByRole("textbox", { name: "Overskrift" }), "Ansvar");
    await user.type(screen.getByRole("textbox", { name: /Nøkkel/ }), "ansvar");
    await user.click(screen.getByRole("button", { name: "Legg til seksjon" }));
    const headings = screen.getAllByRole("textbox", { name: "Overskrift" });
    await user.type(headings[1], "Organisering");
    await user.type(screen.getAllByRole("textbox", { name: /Nøkkel/ })[1], "organisering");
    await user.type(screen.getAllByRole("textbox", { name: /Største lengde/ })[1], "200");
    await user.click(screen.getByRole("button", { name: "Flytt «Organisering» opp" }));
    await user.click(screen.getByRole("button", { name: "Lagre malen" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const body = await calls.find((c) => c.method === "POST")!.json();
    expect(body.sections.map((s: { key: string }) => s.key)).toEqual(["organisering", "ansvar"]);
    expect(body.sections[0].max_length).toBe(200);
  });

  it("moves nothing past either end", () => {
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 1, 1)).toEqual([1, 3, 2]);
  });
});

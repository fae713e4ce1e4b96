import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../../i18n";
import InvolvementFormPage from "./InvolvementFormPage";
import InvolvementsPage from "./InvolvementsPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const PROJECT = "0193a0e4-7c1e-7000-8000-000000000002";
const DECISION = "0193a0e4-7c1e-7000-8000-0000000000d1";
const IDEA = "0193a0e4-7c1e-7000-8000-0000000000a1";
const PLANNED = "0193a0e4-7c1e-7000-8000-0000000000b1";
const RECORD = "0193a0e4-7c1e-7000-8000-0000000000c1";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
const page = (items: unknown[]) => json({ items, next_cursor: null });

const planned = {
  id: PLANNED,
  version: 2,
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
  programme_id: PROGRAMME,
  project_id: PROJECT,
  stakeholder_kind: "union_representatives",
  form: "consultation",
  planned_on: "2018-10-11",
  matter: "Drøfting av ny organisering",
  responsible_person_id: null,
  decision_id: DECISION,
  status: "planned",
  cancelled_reason: null,
  involvement_id: null,
  overdue: false,
  external_id: null,
};

const involvement = {
  id: RECORD,
  version: 1,
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
  programme_id: PROGRAMME,
  project_id: PROJECT,
  group_id: null,
  matter: "Drøftet med de tillitsvalgte",
  stakeholder_kind: "union_representatives",
  form: "consultation",
  occurred_on: "2018-10-11",
  participant_ids: [],
  participant_count: 0,
  head_count: 5,
  statements: null,
  outcome: null,
  documents: [],
  decision_ids: [DECISION],
  event_ids: [],
  hearing_ids: [],
  submission_ids: [],
  goal_ids: [],
  idea_ids: [IDEA],
  archived_at: null,
  external_id: null,
};

function stubApi(answerPost: (body: Record<string, unknown>) => Response) {
  const posted: Record<string, unknown>[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      switch (url.pathname) {
        case "/api/v1/projects":
          return page([{ id: PROJECT, code: "HV1", name: "Helse og velferd" }]);
        case "/api/v1/decisions":
          return page([{ id: DECISION, title: "Ny organisering av hjemmetjenestene", decided_on: "2018-12-14" }]);
        case "/api/v1/ideas":
          return page([{ id: IDEA, title: "Felles vaktbytte", received_at: "2018-09-01T10:00:00Z" }]);
        case "/api/v1/planned-involvements":
          return page([planned]);
        case `/api/v1/planned-involvements/${PLANNED}`:
          return json(planned, 200, { etag: '"2"' });
        case `/api/v1/involvements/${RECORD}`:
          return json(involvement);
        case "/api/v1/involvements":
          if (request.method === "POST") {
            const body = await request.json();
            posted.push(body);
            return answerPost(body);
          }
          return page([involvement]);
        default:
          if (url.pathname.startsWith("/api/v1/")) return page([]);
          return json({ title: "Not found", status: 404 }, 404);
      }
    }),
  );
  return posted;
}

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/p/:programmeId/involvements/new" element={<InvolvementFormPage />} />
            <Route path="/p/:programmeId/involvements" element={<InvolvementsPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("the records an involvement concerns", () => {
  it("starts from the planned involvement it fulfils and sends it with the records chosen", async () => {
    const posted = stubApi((body) => json({ ...involvement, ...body }, 201));
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/involvements/new?planned=${PLANNED}`);

    const plannedSelect = await screen.findByLabelText("Oppfyller planlagt medvirkning");
    await waitFor(() => expect(plannedSelect).toHaveValue(PLANNED));
    expect(screen.getByLabelText("Hvem ble involvert")).toHaveValue("union_representatives");
    expect(screen.getByLabelText("Medvirkningsform")).toHaveValue("consultation");
    expect(screen.getByRole("textbox", { name: /^Saken/ })).toHaveValue("Drøfting av ny organisering");
    // The decision the plan names is chosen; an idea is found by searching.
    expect(screen.getByText(/^Vedtak \(1 valgt\)/)).toBeInTheDocument();
    await user.click(screen.getByText("Forbedringsforslag", { selector: "summary" }));
    await user.type(screen.getByRole("searchbox", { name: "Søk i forslagene" }), "vakt");
    await user.click(screen.getByRole("checkbox", { name: /Felles vaktbytte/ }));
    await user.type(screen.getByLabelText(/^Antall deltakere/), "5");
    await user.click(screen.getByRole("button", { name: "Lagre medvirkningen" }));

    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({
      project_id: PROJECT,
      planned_involvement_id: PLANNED,
      decision_ids: [DECISION],
      idea_ids: [IDEA],
      event_ids: [],
      hearing_ids: [],
      submission_ids: [],
      goal_ids: [],
    });
  });

  it("names the decision it was opened from", async () => {
    stubApi(() => json({}, 201));
    renderAt(`/p/${PROGRAMME}/involvements/new?decision=${DECISION}`);
    expect(await screen.findByText(/^Vedtak \(1 valgt\)/, { selector: "summary" })).toBeInTheDocument();
    expect(await screen.findByRole("checkbox", { name: /Ny organisering av hjemmetjenestene/, hidden: true })).toBeChecked();
  });

  it("words a planned involvement that was cancelled meanwhile at its field", async () => {
    stubApi(() =>
      json(
        {
          title: "Conflict",
          status: 409,
          detail: "the planned involvement is cancelled",
          errors: [{ pointer: "/planned_involvement_id", code: "planned_cancelled", detail: "cancelled" }],
        },
        409,
      ),
    );
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/involvements/new?planned=${PLANNED}`);
    await waitFor(() => expect(screen.getByLabelText("Oppfyller planlagt medvirkning")).toHaveValue(PLANNED));
    await user.type(screen.getByLabelText(/^Antall deltakere/), "5");
    await user.click(screen.getByRole("button", { name: "Lagre medvirkningen" }));
    const select = screen.getByLabelText("Oppfyller planlagt medvirkning");
    await waitFor(() => expect(select).toHaveAttribute("aria-invalid", "true"));
    expect(
      within(select.closest("ds-field") as HTMLElement).getByText("Den planlagte medvirkningen er avlyst."),
    ).toBeInTheDocument();
  });

  it("shows the records an involvement concerns, and one record alone when a link names it", async () => {
    stubApi(() => json({}, 201));
    renderAt(`/p/${PROGRAMME}/involvements?record=${RECORD}`);
    const decision = await screen.findByRole("link", { name: "Ny organisering av hjemmetjenestene" });
    expect(decision).toHaveAttribute("href", `/p/${PROGRAMME}/decisions/${DECISION}`);
    expect(screen.getByRole("link", { name: "Felles vaktbytte" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/ideas/${IDEA}`,
    );
    expect(screen.getByRole("link", { name: "Vis hele medvirkningsloggen" })).toBeInTheDocument();
    expect(screen.getAllByRole("article")).toHaveLength(1);
  });
});

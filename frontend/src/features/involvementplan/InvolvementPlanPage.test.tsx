import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { I18nProvider } from "../../i18n";
import InvolvementPlanPage from "./InvolvementPlanPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const PROJECT = "0193a0e4-7c1e-7000-8000-000000000002";
const DECISION = "0193a0e4-7c1e-7000-8000-0000000000d1";

const planned = (overrides: Partial<Schemas["PlannedInvolvementRead"]>): Schemas["PlannedInvolvementRead"] => ({
  id: "0193a0e4-7c1e-7000-8000-0000000000b1",
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
  ...overrides,
});

const OVERDUE = planned({
  id: "0193a0e4-7c1e-7000-8000-0000000000b2",
  matter: "Informasjonsmøte for de ansatte",
  stakeholder_kind: "employees",
  form: "information",
  planned_on: "2018-09-01",
  decision_id: null,
  overdue: true,
});
const CANCELLED = planned({
  id: "0193a0e4-7c1e-7000-8000-0000000000b3",
  matter: "Spørreundersøkelse",
  status: "cancelled",
  cancelled_reason: "Erstattet av allmøtet",
  decision_id: null,
});

const plan = (entries: Schemas["PlannedInvolvementRead"][]): Schemas["InvolvementPlan"] => ({
  project_id: PROJECT,
  as_of: "2026-12-03",
  generated_at: "2026-12-03T08:00:00Z",
  entries: entries.map((p) => ({ planned: p, involvement: null, happened_on: null, late_by_days: null })),
  unplanned: [],
  counts: { planned: 2, done: 0, cancelled: 1, overdue: 1, unplanned: 0 },
});

function stubApi(answerPatch: (request: Request, body: Record<string, unknown>) => Response) {
  const patched: { ifMatch: string | null; body: Record<string, unknown> }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (request.method === "PATCH") {
        const body = await request.json();
        patched.push({ ifMatch: request.headers.get("If-Match"), body });
        return answerPatch(request, body);
      }
      switch (url.pathname) {
        case "/api/v1/auth/me":
          return Response.json({
            id: "u1",
            name: "Admin",
            system_admin: false,
            memberships: [{ programme_id: PROGRAMME, role: "editor" }],
          });
        case `/api/v1/projects/${PROJECT}`:
          return Response.json({ id: PROJECT, code: "HV1", name: "Helse og velferd" }, { headers: { etag: '"1"' } });
        case `/api/v1/projects/${PROJECT}/involvement-plan`:
          return Response.json(plan([planned({}), OVERDUE, CANCELLED]));
        case "/api/v1/decisions":
          return Response.json({
            items: [{ id: DECISION, title: "Ny organisering av hjemmetjenestene", decided_on: "2018-12-14" }],
            next_cursor: null,
          });
        default:
          return Response.json({ items: [], next_cursor: null });
      }
    }),
  );
  return patched;
}

function renderPlan() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[`/p/${PROGRAMME}/projects/${PROJECT}/involvement-plan`]}>
          <Routes>
            <Route path="/p/:programmeId/projects/:projectId/involvement-plan" element={<InvolvementPlanPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("a project's involvement plan", () => {
  it("holds each planned involvement against what happened, and records one from the plan", async () => {
    stubApi(() => Response.json({}));
    renderPlan();
    expect(
      await screen.findByRole("heading", { level: 1, name: "Medvirkningsplan: HV1 Helse og velferd" }),
    ).toBeInTheDocument();
    const entries = await screen.findAllByRole("article");
    expect(entries).toHaveLength(3);
    const [first, overdue, cancelled] = entries;
    expect(within(first).getByText("Planlagt")).toBeInTheDocument();
    expect(await within(first).findByRole("link", { name: "Ny organisering av hjemmetjenestene" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/decisions/${DECISION}`,
    );
    expect(within(overdue).getByText("Forfalt")).toBeInTheDocument();
    expect(within(cancelled).getByText("Avlyst")).toBeInTheDocument();
    expect(within(cancelled).getByText("Erstattet av allmøtet")).toBeInTheDocument();
    expect(within(cancelled).queryByRole("button")).toBeNull();
    expect(await within(overdue).findByRole("link", { name: /Registrer den nå/ })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/involvements/new?planned=${OVERDUE.id}`,
    );
  });

  it("cancels only with a reason, sent with If-Match", async () => {
    const patched = stubApi((_, body) => Response.json({ ...OVERDUE, ...body, version: 3 }, { headers: { etag: '"3"' } }));
    const user = userEvent.setup();
    renderPlan();
    const entries = await screen.findAllByRole("article");
    await user.click(await within(entries[1]).findByRole("button", { name: /Avlys/ }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Avlys medvirkningen" }));
    expect(await within(dialog).findByText("Skriv hvorfor medvirkningen avlyses.")).toBeInTheDocument();
    expect(patched).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/Hvorfor den er avlyst/), "Holdt som allmøte i stedet");
    await user.click(within(dialog).getByRole("button", { name: "Avlys medvirkningen" }));
    await waitFor(() => expect(patched).toHaveLength(1));
    expect(patched[0]).toEqual({
      ifMatch: '"2"',
      body: { status: "cancelled", cancelled_reason: "Holdt som allmøte i stedet" },
    });
    expect(await screen.findByText("«Informasjonsmøte for de ansatte» er avlyst, med begrunnelsen.")).toBeInTheDocument();
  });

  it("words a refusal at the field it concerns", async () => {
    stubApi(() =>
      Response.json(
        {
          title: "Conflict",
          status: 422,
          detail: "say why",
          errors: [{ pointer: "/cancelled_reason", code: "reason_required", detail: "say why" }],
        },
        { status: 422, headers: { "content-type": "application/problem+json" } },
      ),
    );
    const user = userEvent.setup();
    renderPlan();
    const entries = await screen.findAllByRole("article");
    await user.click(await within(entries[0]).findByRole("button", { name: /Avlys/ }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText(/Hvorfor den er avlyst/), " x");
    await user.click(within(dialog).getByRole("button", { name: "Avlys medvirkningen" }));
    expect(await within(dialog).findByText("Skriv hvorfor medvirkningen avlyses.")).toBeInTheDocument();
  });
});

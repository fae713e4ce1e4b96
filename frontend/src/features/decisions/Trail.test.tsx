import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { writeSession } from "../../api/session";
import { I18nProvider, type Locale } from "../../i18n";
import DecisionTrailPage from "./DecisionTrailPage";
import { trailWho } from "./TrailEntries";
import { TrailSection, trailFilename } from "./TrailSection";
import { translate } from "../../i18n";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const DECISION = "0193a0e4-7c1e-7000-8000-0000000000d1";
const HEARING = "0193a0e4-7c1e-7000-8000-0000000000h1";

const entry = (overrides: Partial<Schemas["TrailEntry"]>): Schemas["TrailEntry"] => ({
  kind: "involvement",
  record_type: "involvement",
  record_id: "0193a0e4-7c1e-7000-8000-000000000101",
  occurred_on: "2018-10-01",
  occurred_at: null,
  before_decision: true,
  via: ["decision"],
  matter: "Informasjon om omorganiseringen",
  form: "information",
  stakeholder_kind: "employees",
  group: null,
  parties: [],
  people: [],
  head_count: 40,
  attendance: null,
  statements: null,
  outcome: null,
  agreed: null,
  handling: null,
  hearing_id: null,
  idea_status: null,
  documents: [],
  ...overrides,
});

const trail: Schemas["DecisionTrail"] = {
  decision_id: DECISION,
  title: "Ny organisering av hjemmetjenestene",
  case_number: "18/00232",
  decided_on: "2018-12-14",
  status: "final",
  reorganisation: true,
  project_id: "0193a0e4-7c1e-7000-8000-000000000002",
  consultation_event_id: "0193a0e4-7c1e-7000-8000-0000000000e1",
  generated_at: "2026-12-03T08:00:00Z",
  entries: [
    entry({
      kind: "idea",
      record_type: "idea",
      record_id: "0193a0e4-7c1e-7000-8000-0000000000a1",
      occurred_on: "2018-09-01",
      occurred_at: "2018-09-01T08:00:00Z",
      via: ["record"],
      matter: "Felles vaktbytte",
      form: "participation",
      people: ["Ola Ansatt"],
      head_count: 1,
      statements: "Spar tid.",
      outcome: "Akseptert",
      idea_status: "accepted",
    }),
    entry({ statements: "Spør om bemanning", outcome: "Tatt inn i forslaget" }),
    entry({
      kind: "consultation_meeting",
      record_type: "event",
      record_id: "0193a0e4-7c1e-7000-8000-0000000000e1",
      occurred_on: "2018-11-20",
      occurred_at: "2018-11-20T08:00:00Z",
      via: ["consultation_meeting"],
      matter: "Organisering av hjemmetjenestene",
      form: "consultation",
      stakeholder_kind: null,
      parties: ["administration", "employees"],
      people: ["Lars Leder", "Tone Tillitsvalgt"],
      head_count: 2,
      attendance: { invited: 3, present: 2, absent: 1, unknown: 0 },
      statements: "Arbeidstakerne: Ønsker to ledernivåer",
      outcome: "Uenighet",
      agreed: false,
    }),
    entry({
      kind: "hearing_response",
      record_type: "hearing_response",
      record_id: "0193a0e4-7c1e-7000-8000-0000000000r1",
      occurred_on: "2018-11-28",
      occurred_at: "2018-11-28T09:00:00Z",
      via: ["project_hearing"],
      matter: "Høring: organisering",
      form: "hearing",
      stakeholder_kind: null,
      parties: ["Fagforbundet"],
      people: ["Kari Nordmann"],
      head_count: 1,
      statements: "Vi støtter modellen med forbehold.",
      outcome: "Delvis tatt til følge: Bemanning utredes",
      handling: "partly_accepted",
      hearing_id: HEARING,
    }),
    entry({
      record_id: "0193a0e4-7c1e-7000-8000-000000000102",
      occurred_on: "2019-01-10",
      before_decision: false,
      matter: "Oppfølging etter vedtaket",
    }),
  ],
  planned: [],
};

const requests: Request[] = [];

function stubApi() {
  requests.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      requests.push(request);
      const url = new URL(request.url);
      if (url.pathname === `/api/v1/decisions/${DECISION}/trail`) return Response.json(trail);
      if (url.pathname === `/api/v1/decisions/${DECISION}/trail.csv`) {
        return new Response("\ufeffoccurred_on,kind\r\n", { headers: { "content-type": "text/csv" } });
      }
      if (url.pathname === "/api/v1/auth/me") {
        return Response.json({
          id: "u1",
          name: "Redaktør",
          system_admin: false,
          memberships: [{ programme_id: PROGRAMME, role: "editor" }],
        });
      }
      if (url.pathname === `/api/v1/programmes/${PROGRAMME}`) {
        return Response.json({ id: PROGRAMME, name: "Nordre Follo 2020" }, { headers: { etag: '"1"' } });
      }
      return Response.json({ title: "Not found", status: 404 }, { status: 404 });
    }),
  );
}

function renderAt(path: string, locale: Locale = "nb") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route
              path="/p/:programmeId/decisions/:decisionId"
              element={<TrailSection decisionId={DECISION} caseNumber="18/00232" programmeId={PROGRAMME} />}
            />
            <Route path="/p/:programmeId/decisions/:decisionId/trail" element={<DecisionTrailPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  writeSession(null);
});

describe("a decision's trail", () => {
  it("names a body that answered on its own behalf once", () => {
    const t = (key: string, vars?: Record<string, string | number>) => translate("nb", key, vars);
    const response = entry({ kind: "hearing_response", stakeholder_kind: null, parties: ["Drøftingsforum"], people: ["Drøftingsforum"] });
    expect(trailWho(t, response)).toBe("Drøftingsforum");
  });

  it("lists who was involved, how, when, what they said and what came of it, oldest first", async () => {
    stubApi();
    renderAt(`/p/${PROGRAMME}/decisions/${DECISION}`);
    const list = await screen.findByRole("list", { name: "Medvirkningssporet, eldst først" });
    const items = within(list).getAllByRole("article");
    expect(items.map((a) => within(a).getByRole("heading").textContent)).toEqual([
      "Felles vaktbytte",
      "Informasjon om omorganiseringen",
      "Organisering av hjemmetjenestene",
      "Høring: organisering",
      "Oppfølging etter vedtaket",
    ]);
    const [idea, informed, meeting, response, after] = items;
    expect(within(idea).getByText("Innspill fra ansatte")).toBeInTheDocument();
    expect(within(idea).getByRole("link", { name: /Åpne forslaget/ })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/ideas/0193a0e4-7c1e-7000-8000-0000000000a1`,
    );
    expect(within(informed).getByText("Spør om bemanning")).toBeInTheDocument();
    expect(within(informed).getByRole("link", { name: /Åpne medvirkningen/ })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/involvements?record=0193a0e4-7c1e-7000-8000-000000000101`,
    );
    expect(within(meeting).getByText(/2 av 3 innkalte til stede/)).toBeInTheDocument();
    expect(within(meeting).getByText("Uenighet")).toBeInTheDocument();
    expect(within(response).getByText("Delvis tatt til følge: Bemanning utredes")).toBeInTheDocument();
    expect(within(response).getByRole("link", { name: /Åpne høringen/ })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/hearings/${HEARING}`,
    );
    expect(within(after).getByText("Etter vedtaket")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Utskriftsvennlig side" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/decisions/${DECISION}/trail`,
    );
    // An editor records involvement before the decision from here, the form naming it.
    expect(await screen.findByRole("link", { name: "Registrer medvirkning før vedtaket" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/involvements/new?decision=${DECISION}`,
    );
  });

  it("words what came of an entry in the reader's language, keeping the comment as written", async () => {
    stubApi();
    renderAt(`/p/${PROGRAMME}/decisions/${DECISION}`, "en");
    expect(await screen.findByText("Partly accepted: Bemanning utredes")).toBeInTheDocument();
    expect(screen.getByText("Disagreed")).toBeInTheDocument();
    expect(screen.getByText("Accepted")).toBeInTheDocument();
  });

  it("downloads the CSV with the session's token", async () => {
    stubApi();
    writeSession({ accessToken: "secret-token", refreshToken: "r", expiresAt: Date.now() + 60_000 });
    const created = vi.fn(() => "blob:trail");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/decisions/${DECISION}`);
    await user.click(await screen.findByRole("button", { name: "Last ned sporet (CSV)" }));
    await waitFor(() => expect(created).toHaveBeenCalled());
    const csv = requests.find((r) => r.url.endsWith("/trail.csv"))!;
    expect(csv.headers.get("Authorization")).toBe("Bearer secret-token");
    expect(trailFilename("18/00232", DECISION)).toBe("trail-18-00232.csv");
  });

  it("prints with a heading naming the programme, decision, case number, day and time of reading", async () => {
    stubApi();
    renderAt(`/p/${PROGRAMME}/decisions/${DECISION}/trail`);
    expect(
      await screen.findByRole("heading", { level: 1, name: "Medvirkningsspor: Ny organisering av hjemmetjenestene" }),
    ).toBeInTheDocument();
    expect(await screen.findByText("Nordre Follo 2020")).toBeInTheDocument();
    expect(screen.getByText("18/00232")).toBeInTheDocument();
    expect(screen.getByText("Per")).toBeInTheDocument();
    expect(screen.getAllByRole("article")).toHaveLength(5);
    // The printed document has no links out of it, only the records' own words.
    expect(screen.queryByRole("link", { name: /Åpne/ })).toBeNull();
  });
});

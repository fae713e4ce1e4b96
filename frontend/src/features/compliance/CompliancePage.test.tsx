import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { I18nProvider } from "../../i18n";
import {
  aDecision,
  aFindingPage,
  aReport,
  CONSULTATION_SOURCE,
  consultationFinding,
  consultationFindingInBokmal,
} from "../decisions/testing";
import { fakeApi, PROGRAMME_ID, type ApiCall } from "../projects/testing";
import CompliancePage from "./CompliancePage";

const HELSE = "00000000-0000-7000-8000-0000000000c2";
const OPPVEKST = "00000000-0000-7000-8000-0000000000c1";
const BOARD = "00000000-0000-7000-8000-0000000000g2";
const DEADLINE = "00000000-0000-7000-8000-0000000000f1";
const PERSON = "00000000-0000-7000-8000-0000000000p1";
const REPORT_URL = `/api/v1/programmes/${PROGRAMME_ID}/compliance`;
const FINDINGS_URL = `${REPORT_URL}/findings`;

const BOARD_SOURCE =
  "Fellesnemnda: prosjektstyrene har representanter for de tillitsvalgte (seed 003); Hovedavtalen del B § 1-4";

const decision = aDecision({ project_id: HELSE });
const boardFinding: Schemas["Finding"] = {
  rule: "board-union-representative",
  title: "A project board has at least one union representative",
  source: BOARD_SOURCE,
  message: "Prosjektstyre Helse og velferd: no union representative",
  facts: { group: "Prosjektstyre Helse og velferd" },
  record_type: "group",
  record_id: BOARD,
  project_id: HELSE,
};
const deadlineFinding: Schemas["Finding"] = {
  rule: "overdue-deadline",
  title: "Deadlines are met or waived",
  source: "Seed 002: frister for innsending av arbeidsbok til navngitt mottaker",
  message: "«Arbeidsbok versjon 2» was due 2018-10-04 12:00",
  facts: { deadline: "Arbeidsbok versjon 2", due_at: "2018-10-04T12:00:00+02:00" },
  record_type: "deadline",
  record_id: DEADLINE,
  project_id: HELSE,
};
const allocationFinding: Schemas["Finding"] = {
  rule: "allocation-over-100",
  title: "No one is allocated more than 100 % across groups and projects",
  source: "Seed 002: roller med tidsbruk (HR 50 %, økonomi 20 %); seed 003: prosjektleder 60–100 %",
  message: "Line Aasheim: 120 %",
  facts: { person: "Line Aasheim", total: 120 },
  record_type: "person",
  record_id: PERSON,
  project_id: null,
};

const report = aReport({
  rules: [
    { id: "board-union-representative", title: boardFinding.title, source: BOARD_SOURCE, count: 1 },
    { id: "overdue-deadline", title: deadlineFinding.title, source: deadlineFinding.source, count: 1 },
    { id: "allocation-over-100", title: allocationFinding.title, source: allocationFinding.source, count: 1 },
    {
      id: "reorganisation-consultation",
      title: consultationFinding(decision).title,
      source: CONSULTATION_SOURCE,
      count: 1,
    },
  ],
  projects: [
    {
      project_id: OPPVEKST,
      code: "VO1",
      name: "Oppvekst og utdanning",
      mandate_status: "approved",
      current_phase: "4. Gjennomføring",
      findings_count: 0,
    },
    {
      project_id: HELSE,
      code: "HV1",
      name: "Helse og velferd",
      mandate_status: "proposed",
      current_phase: null,
      findings_count: 3,
    },
  ],
  programme_findings_count: 1,
  total: 4,
});

const HELSE_FINDINGS = [boardFinding, consultationFinding(decision), deadlineFinding];
const EVERY_FINDING = [...HELSE_FINDINGS, allocationFinding];

/** The findings API: by the scope asked for, two to a page, the cursor the offset. */
function findingsApi(call: ApiCall) {
  const project = call.query.get("project_id");
  const scoped =
    call.query.get("scope") === "programme"
      ? [allocationFinding]
      : project
        ? EVERY_FINDING.filter((f) => f.project_id === project)
        : EVERY_FINDING;
  const from = Number(call.query.get("cursor") ?? 0);
  const items = scoped.slice(from, from + 2);
  return { body: { items, next_cursor: from + 2 < scoped.length ? String(from + 2) : null } };
}

const api = (body = report) => ({ [`GET ${REPORT_URL}`]: { body }, [`GET ${FINDINGS_URL}`]: findingsApi });
const inOrder = () => ({
  [`GET ${REPORT_URL}`]: { body: aReport({ projects: [report.projects[0]] }) },
  [`GET ${FINDINGS_URL}`]: { body: aFindingPage() },
});

// As in the app (main.tsx), answers are otherwise taken as fresh for half a minute.
const appClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });

function renderPage(client = appClient(), search = "") {
  const view = render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[`/p/${PROGRAMME_ID}/compliance${search}`]}>
          <Routes>
            <Route path="/p/:programmeId/compliance" element={<CompliancePage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { ...view, client };
}

// The findings as the page words them in bokmål, from their facts.
const BOARD_MESSAGE = "Prosjektstyre Helse og velferd: ingen tillitsvalgt";
const DEADLINE_MESSAGE = "«Arbeidsbok versjon 2» hadde frist 4. okt. 2018, 12:00";
const ALLOCATION_MESSAGE = "Line Aasheim: 120 %";

/** The list item of the finding whose message is this. */
async function findingWith(message: string) {
  return (await screen.findByText(message)).closest("li") as HTMLElement;
}

afterEach(() => vi.unstubAllGlobals());

describe("CompliancePage", () => {
  test("shows each finding with its rule, message in bokmål and source, and links to where it is fixed", async () => {
    fakeApi(api());
    renderPage();

    expect(await screen.findByRole("heading", { level: 2, name: "4 åpne funn" })).toBeInTheDocument();
    expect(await screen.findByText("Viser 2 av 4 funn")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Vis flere funn" }));
    expect(await screen.findByText("Viser 4 av 4 funn")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Vis flere funn" })).toBeNull();

    const board = await findingWith(BOARD_MESSAGE);
    expect(board).toHaveTextContent("Et prosjektstyre har minst én tillitsvalgt");
    expect(board).toHaveTextContent(`Kilde: ${BOARD_SOURCE}`);
    expect(within(board).getByRole("link", { name: "Åpne gruppen" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/groups/${BOARD}`,
    );

    const consultation = await findingWith(consultationFindingInBokmal(decision));
    expect(consultation).toHaveTextContent(`Kilde: ${CONSULTATION_SOURCE}`);
    expect(within(consultation).getByRole("link", { name: "Åpne vedtaket" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/decisions/${decision.id}`,
    );

    const deadline = await findingWith(DEADLINE_MESSAGE);
    expect(within(deadline).getByRole("link", { name: "Vis de forfalte fristene" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/deadlines?overdue=1&project=${HELSE}`,
    );

    const person = await findingWith(ALLOCATION_MESSAGE);
    expect(within(person).getByRole("link", { name: "Åpne personen" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/people/${PERSON}`,
    );
    // The API's English is not shown where the app can word the finding itself.
    expect(screen.queryByText(boardFinding.message)).toBeNull();
    expect(screen.queryByText(deadlineFinding.message)).toBeNull();
  });

  test("a project's count leads to its findings only, and the programme's own are a choice of their own", async () => {
    const calls = fakeApi(api());
    renderPage();
    const table = await screen.findByRole("table", { name: "Prosjektene med mandat, fase og funn" });
    await userEvent.click(within(table).getByRole("link", { name: "3 funn: HV1 Helse og velferd" }));
    const scope = screen.getByRole("combobox", { name: "Vis funn for" });
    expect(scope).toHaveValue(HELSE);
    expect(await screen.findByText("Viser 2 av 3 funn")).toBeInTheDocument();
    expect(screen.queryByText(ALLOCATION_MESSAGE)).toBeNull();
    expect(calls.made("GET", FINDINGS_URL).at(-1)?.query.get("project_id")).toBe(HELSE);

    await userEvent.selectOptions(scope, "programme");
    expect(await screen.findByText(ALLOCATION_MESSAGE)).toBeInTheDocument();
    expect(screen.getByText("Viser 1 av 1 funn")).toBeInTheDocument();
    expect(screen.queryByText(BOARD_MESSAGE)).toBeNull();
    expect(calls.made("GET", FINDINGS_URL).at(-1)?.query.get("scope")).toBe("programme");
  });

  test("opened at a project's findings, the page lists them", async () => {
    fakeApi(api());
    renderPage(appClient(), `?findings=${HELSE}`);
    expect(await screen.findByText(BOARD_MESSAGE)).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Vis funn for" })).toHaveValue(HELSE);
  });

  test("projects without findings are shown as in order, with mandate status and phase", async () => {
    fakeApi(api());
    renderPage();
    const table = await screen.findByRole("table", { name: "Prosjektene med mandat, fase og funn" });
    const oppvekst = within(table).getByRole("row", { name: /VO1 Oppvekst og utdanning/ });
    expect(within(oppvekst).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "Godkjent",
      "4. Gjennomføring",
      "I orden",
    ]);
    const helse = within(table).getByRole("row", { name: /HV1 Helse og velferd/ });
    expect(within(helse).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Foreslått", "Ingen aktiv fase", "3 funn"]);
  });

  test("the rules table lists every rule checked with its source and its number of findings", async () => {
    fakeApi(api());
    renderPage();
    const table = await screen.findByRole("table", { name: /Reglene som kontrolleres/ });
    const consultation = within(table).getByRole("row", { name: /signert drøfting med tillitsvalgte/ });
    expect(consultation).toHaveTextContent(CONSULTATION_SOURCE);
    expect(within(consultation).getAllByRole("cell").at(-1)).toHaveTextContent("1");
    expect(within(table).getAllByRole("row")).toHaveLength(1 + 4);
  });

  test("a programme in order says so", async () => {
    fakeApi(inOrder());
    renderPage();
    expect(
      await screen.findByRole("heading", { name: "Ingen åpne funn. Programmet følger reglene som kontrolleres." }),
    ).toBeInTheDocument();
    expect(await screen.findByText("I orden")).toBeInTheDocument();
  });

  test("says which day the programme is judged on when that is not today", async () => {
    fakeApi({ ...inOrder(), [`GET ${REPORT_URL}`]: { body: aReport({ as_of: "2020-01-01" }) } });
    renderPage();
    expect(await screen.findByText("Vurdert slik programmet sto 1. jan. 2020.")).toBeInTheDocument();
  });

  test("the report is read again every time the page is opened, so fixes made elsewhere show", async () => {
    fakeApi(api());
    const first = renderPage();
    await screen.findByRole("heading", { level: 2, name: "4 åpne funn" });
    first.unmount();

    const again = fakeApi(inOrder());
    renderPage(first.client);
    await waitFor(() =>
      expect(
        screen.getByRole("heading", { name: "Ingen åpne funn. Programmet følger reglene som kontrolleres." }),
      ).toBeInTheDocument(),
    );
    expect(again.made("GET", REPORT_URL)).toHaveLength(1);
  });
});

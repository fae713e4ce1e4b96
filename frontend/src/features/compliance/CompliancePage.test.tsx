import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { I18nProvider } from "../../i18n";
import {
  aDecision,
  aReport,
  CONSULTATION_SOURCE,
  consultationFinding,
  consultationFindingInBokmal,
} from "../decisions/testing";
import { fakeApi, PROGRAMME_ID } from "../projects/testing";
import CompliancePage from "./CompliancePage";

const HELSE = "00000000-0000-7000-8000-0000000000c2";
const OPPVEKST = "00000000-0000-7000-8000-0000000000c1";
const BOARD = "00000000-0000-7000-8000-0000000000g2";
const DEADLINE = "00000000-0000-7000-8000-0000000000f1";
const PERSON = "00000000-0000-7000-8000-0000000000p1";
const REPORT_URL = `/api/v1/programmes/${PROGRAMME_ID}/compliance`;

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
    { id: "board-union-representative", title: boardFinding.title, source: BOARD_SOURCE },
    { id: "overdue-deadline", title: deadlineFinding.title, source: deadlineFinding.source },
    { id: "allocation-over-100", title: allocationFinding.title, source: allocationFinding.source },
    { id: "reorganisation-consultation", title: consultationFinding(decision).title, source: CONSULTATION_SOURCE },
  ],
  projects: [
    {
      project_id: OPPVEKST,
      code: "VO1",
      name: "Oppvekst og utdanning",
      mandate_status: "approved",
      current_phase: "4. Gjennomføring",
      findings: [],
    },
    {
      project_id: HELSE,
      code: "HV1",
      name: "Helse og velferd",
      mandate_status: "proposed",
      current_phase: null,
      findings: [boardFinding, consultationFinding(decision), deadlineFinding],
    },
  ],
  programme_findings: [allocationFinding],
  total: 4,
});

// As in the app (main.tsx), answers are otherwise taken as fresh for half a minute.
const appClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });

function renderPage(client = appClient()) {
  const view = render(
    <I18nProvider locale="nb">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[`/p/${PROGRAMME_ID}/compliance`]}>
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
    fakeApi({ [`GET ${REPORT_URL}`]: { body: report } });
    renderPage();

    expect(await screen.findByRole("heading", { level: 2, name: "4 åpne funn" })).toBeInTheDocument();

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
    // The programme's own findings are under their own heading, not under a project's.
    const programmeSection = screen.getByRole("region", { name: "Funn for hele programmet" });
    expect(within(programmeSection).getByText(ALLOCATION_MESSAGE)).toBeInTheDocument();
    const helse = screen.getByRole("region", { name: "HV1 Helse og velferd" });
    expect(within(helse).queryByText(ALLOCATION_MESSAGE)).toBeNull();
    expect(within(helse).getAllByRole("listitem")).toHaveLength(3);
    // The API's English is not shown where the app can word the finding itself.
    expect(screen.queryByText(boardFinding.message)).toBeNull();
    expect(screen.queryByText(deadlineFinding.message)).toBeNull();
  });

  test("projects without findings are shown as in order, with mandate status and phase", async () => {
    fakeApi({ [`GET ${REPORT_URL}`]: { body: report } });
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
    fakeApi({ [`GET ${REPORT_URL}`]: { body: report } });
    renderPage();
    const table = await screen.findByRole("table", { name: /Reglene som kontrolleres/ });
    const consultation = within(table).getByRole("row", { name: /signert drøfting med tillitsvalgte/ });
    expect(consultation).toHaveTextContent(CONSULTATION_SOURCE);
    expect(within(consultation).getAllByRole("cell").at(-1)).toHaveTextContent("1");
    expect(within(table).getAllByRole("row")).toHaveLength(1 + 4);
  });

  test("a programme in order says so", async () => {
    fakeApi({ [`GET ${REPORT_URL}`]: { body: aReport({ projects: [report.projects[0]] }) } });
    renderPage();
    expect(
      await screen.findByRole("heading", { name: "Ingen åpne funn. Programmet følger reglene som kontrolleres." }),
    ).toBeInTheDocument();
    expect(screen.getByText("Alle prosjektene er i orden.")).toBeInTheDocument();
  });

  test("says which day the programme is judged on when that is not today", async () => {
    fakeApi({ [`GET ${REPORT_URL}`]: { body: aReport({ as_of: "2020-01-01" }) } });
    renderPage();
    expect(await screen.findByText("Vurdert slik programmet sto 1. jan. 2020.")).toBeInTheDocument();
  });

  test("the report is read again every time the page is opened, so fixes made elsewhere show", async () => {
    fakeApi({ [`GET ${REPORT_URL}`]: { body: report } });
    const first = renderPage();
    await screen.findByRole("heading", { level: 2, name: "4 åpne funn" });
    first.unmount();

    const again = fakeApi({ [`GET ${REPORT_URL}`]: { body: aReport({ projects: [report.projects[0]] }) } });
    renderPage(first.client);
    await waitFor(() =>
      expect(
        screen.getByRole("heading", { name: "Ingen åpne funn. Programmet følger reglene som kontrolleres." }),
      ).toBeInTheDocument(),
    );
    expect(again.made("GET", REPORT_URL)).toHaveLength(1);
  });
});

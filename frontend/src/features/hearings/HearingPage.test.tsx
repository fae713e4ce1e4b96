import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Hearing, HearingResponse, HearingSummary } from "../../api/queries/hearings";
import { I18nProvider, type Locale } from "../../i18n";
import HearingPage from "./HearingPage";
import HearingsPage from "./HearingsPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const HEARING = "0193a0e4-7c1e-7000-8000-000000000005";
const UNION = "0193a0e4-7c1e-7000-8000-000000000006";

const hearing: Hearing = {
  id: HEARING,
  created_at: "2018-10-01T10:00:00Z",
  updated_at: "2018-10-01T10:00:00Z",
  version: 2,
  programme_id: PROGRAMME,
  title: "Overordnet organisering",
  matter: "Valg av organisasjonsmodell",
  project_id: null,
  concerns_employees: true,
  document_id: null,
  submission_version_id: null,
  letter: "Forslaget sendes på høring.",
  letter_document_id: null,
  opens_on: null,
  deadline_at: "2018-11-30T11:00:00Z",
  invitees: [
    { id: UNION, party: "union_representatives", name: "Hovedtillitsvalgte", group_id: null, person_id: null },
    { id: "0193a0e4-7c1e-7000-8000-000000000007", party: "joint_consultative_committee", name: "PSU", group_id: null, person_id: null },
  ],
  status: "open",
  closed_at: null,
  external_id: null,
};

const response: HearingResponse = {
  id: "0193a0e4-7c1e-7000-8000-000000000008",
  created_at: "2018-11-28T10:00:00Z",
  updated_at: "2018-11-28T10:00:00Z",
  version: 3,
  programme_id: PROGRAMME,
  hearing_id: HEARING,
  from_name: "Kari Nordmann",
  from_person_id: null,
  on_behalf_of: "Hovedtillitsvalgte",
  invitee_id: UNION,
  text: "Færre ledernivåer.",
  file_ids: [],
  received_at: "2018-12-01T10:00:00Z",
  late: true,
  handling: null,
  handling_comment: null,
  involvement_id: null,
};

const summary: HearingSummary = {
  hearing_id: HEARING,
  title: hearing.title,
  matter: hearing.matter,
  status: "open",
  deadline_at: hearing.deadline_at,
  parties: [
    {
      party: "Hovedtillitsvalgte",
      invited: true,
      responses: [{ ...response, handling: null, handling_comment: null }],
    },
  ],
  silent_invitees: ["PSU"],
  handling_counts: { accepted: 0, partly_accepted: 0, not_accepted: 0, unhandled: 1 },
  total: 1,
};

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { status: 200, ...init, headers: { "content-type": "application/json", ...init.headers } });

function stubApi() {
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      calls.push(request.clone());
      const url = new URL(request.url);
      if (url.pathname === `/api/v1/hearings/${HEARING}`) return json(hearing, { headers: { etag: '"2"' } });
      if (url.pathname === `/api/v1/hearings/${HEARING}/summary`) return json(summary);
      if (url.pathname === "/api/v1/hearing-responses") return json({ items: [response], next_cursor: null });
      if (url.pathname === `/api/v1/hearing-responses/${response.id}` && request.method === "PATCH") {
        const changes = await request.json();
        return json({ ...response, ...changes, version: 4 }, { headers: { etag: '"4"' } });
      }
      return json({ title: "Not found", status: 404 }, { status: 404 });
    }),
  );
  return calls;
}

function renderPage(locale: Locale = "nb") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[`/p/${PROGRAMME}/hearings/${HEARING}`]}>
          <Routes>
            <Route path="/p/:programmeId/hearings/:hearingId" element={<HearingPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("HearingPage", () => {
  it("shows the letter, the invited parties, the responses and the summary", async () => {
    stubApi();
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Overordnet organisering" })).toBeInTheDocument();
    expect(screen.getByText("Forslaget sendes på høring.")).toBeInTheDocument();
    expect(screen.getByText("PSU (Partssammensatt utvalg)")).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Høringsuttalelser" });
    expect(within(table).getByText("Etter fristen")).toBeInTheDocument();
    expect(within(table).getByText("Ikke behandlet")).toBeInTheDocument();
    expect(await screen.findByText(/1 uttalelser: 0 tatt til følge/)).toBeInTheDocument();
    expect(screen.getByText("Har ikke svart: PSU")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Avslutt høringen" })).toBeInTheDocument();
  });

  it("handles a response with If-Match, refusing to save without a choice", async () => {
    const calls = stubApi();
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Behandle uttalelsen fra Hovedtillitsvalgte" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Lagre behandling" }));
    expect(within(dialog).getByText("Velg en behandling.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("radio", { name: "Delvis tatt til følge" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Kommentar" }), "Tas inn.");
    await user.click(within(dialog).getByRole("button", { name: "Lagre behandling" }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("if-match")).toBe('"3"');
    expect(await patch.json()).toEqual({ handling: "partly_accepted", handling_comment: "Tas inn." });
  });

  it("is worded in nynorsk and English too", async () => {
    stubApi();
    const { unmount } = renderPage("nn");
    expect(await screen.findByRole("heading", { name: "Høyringsfråsegner" })).toBeInTheDocument();
    unmount();
    renderPage("en");
    expect(await screen.findByRole("heading", { name: "Responses" })).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Download as Word (DOCX)" })).toBeInTheDocument();
  });
});

describe("a hearing of a submission's version", () => {
  const VERSION = "0193a0e4-7c1e-7000-8000-000000000030";
  const SUBMISSION = "0193a0e4-7c1e-7000-8000-000000000031";
  const record = { created_at: "2018-11-01T10:00:00Z", updated_at: "2018-11-01T10:00:00Z", version: 2, programme_id: PROGRAMME };

  function stubHeard(created: unknown[]) {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        const url = new URL(request.url);
        if (url.pathname === `/api/v1/submission-versions/${VERSION}`) {
          return json({ ...record, id: VERSION, submission_id: SUBMISSION, label: "endelig", status: "submitted" });
        }
        if (url.pathname === `/api/v1/submissions/${SUBMISSION}`) {
          return json({ ...record, id: SUBMISSION, title: "Arbeidsbok Oppvekst og utdanning" });
        }
        if (url.pathname === `/api/v1/hearings/${HEARING}`) {
          return json({ ...hearing, submission_version_id: VERSION }, { headers: { etag: '"2"' } });
        }
        if (url.pathname === `/api/v1/hearings/${HEARING}/summary`) return json(summary);
        if (url.pathname === "/api/v1/hearing-responses") return json({ items: [], next_cursor: null });
        if (url.pathname === "/api/v1/hearings" && request.method === "POST") {
          const body = await request.json();
          created.push(body);
          return json({ ...hearing, ...body }, { status: 201 });
        }
        if (url.pathname === "/api/v1/hearings") return json({ items: [], next_cursor: null });
        return json({ title: "Not found", status: 404 }, { status: 404 });
      }),
    );
  }

  it("names and links the version it hears on the hearing's page", async () => {
    stubHeard([]);
    renderPage();
    const link = await screen.findByRole("link", { name: "«Arbeidsbok Oppvekst og utdanning», versjon endelig" });
    expect(link).toHaveAttribute("href", `/p/${PROGRAMME}/submissions/${SUBMISSION}`);
    expect(screen.getByText("Det som høres:", { exact: false })).toBeInTheDocument();
  });

  it("opens the new-hearing dialog for the version sent from its workbook, and sends it", async () => {
    const created: Record<string, unknown>[] = [];
    stubHeard(created);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <I18nProvider locale="nb">
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[`/p/${PROGRAMME}/hearings?submission_version=${VERSION}`]}>
            <Routes>
              <Route path="/p/:programmeId/hearings" element={<HearingsPage />} />
              <Route path="/p/:programmeId/hearings/:hearingId" element={<p>hearing page</p>} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </I18nProvider>,
    );
    const dialog = await screen.findByRole("dialog", { name: "Ny høring" });
    expect(
      await within(dialog).findByRole("link", { name: "«Arbeidsbok Oppvekst og utdanning», versjon endelig" }),
    ).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(within(dialog).getByLabelText("Tittel"), "Høring av endelig innspill");
    await user.type(within(dialog).getByLabelText("Høringsfrist"), "2018-11-30T12:00");
    await user.type(within(dialog).getByLabelText("Part 1: navn"), "Hovedtillitsvalgte");
    await user.type(within(dialog).getByLabelText("Part 2: navn"), "Partssammensatt utvalg");
    await user.click(within(dialog).getByRole("button", { name: "Opprett høring" }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({ title: "Høring av endelig innspill", submission_version_id: VERSION });
    expect(await screen.findByText("hearing page")).toBeInTheDocument();
  });
});

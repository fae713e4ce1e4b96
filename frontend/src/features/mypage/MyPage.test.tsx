import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MyOverview, MyProgramme } from "../../api/queries/myPage";
import { I18nProvider, type Locale } from "../../i18n";
import MyPage from "./MyPage";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const MEETING = "0193a0e4-7c1e-7000-8000-0000000000e1";
const ROUND = "0193a0e4-7c1e-7000-8000-0000000000f1";

function programme(overrides: Partial<MyProgramme> = {}): MyProgramme {
  return {
    programme_id: PROGRAMME,
    programme_name: "Nordre Follo 2020",
    role: "member",
    person_id: "0193a0e4-7c1e-7000-8000-000000000003",
    person_name: "Hanne Tillitsvalgt",
    groups: [
      {
        group_id: "0193a0e4-7c1e-7000-8000-0000000000a1",
        name: "Trepartsforum Nordre Follo",
        kind: "three_party_forum",
        project_id: null,
        role: "member",
        party: "employees",
      },
    ],
    meetings: [
      {
        event_id: MEETING,
        title: "Møte i trepartsforum",
        kind: "meeting",
        starts_at: "2030-01-10T08:00:00Z",
        ends_at: "2030-01-10T10:00:00Z",
        location: "Ski rådhus",
        group_id: "0193a0e4-7c1e-7000-8000-0000000000a1",
        group_name: "Trepartsforum Nordre Follo",
        reply: null,
        replied_at: null,
      },
    ],
    tasks: [
      {
        task_id: "0193a0e4-7c1e-7000-8000-0000000000b1",
        title: "Skriv innspill",
        project_id: "0193a0e4-7c1e-7000-8000-0000000000c1",
        project_code: "ST1",
        project_name: "Stab",
        status: "todo",
        priority: "normal",
        due_on: "2020-01-02",
        overdue: true,
      },
    ],
    deadlines: [],
    hearings: [
      {
        hearing_id: "0193a0e4-7c1e-7000-8000-0000000000d1",
        title: "Høring om organisering",
        deadline_at: "2030-02-01T11:00:00Z",
        overdue: false,
        invitee_id: "0193a0e4-7c1e-7000-8000-0000000000d2",
        party: "group",
        group_id: "0193a0e4-7c1e-7000-8000-0000000000a1",
        group_name: "Trepartsforum Nordre Follo",
      },
    ],
    ideas: [],
    survey_rounds: [
      { round_id: ROUND, title: "Medarbeiderundersøkelse", description: null, opened_at: "2029-12-01T08:00:00Z" },
    ],
    ...overrides,
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function stubApi(page: MyOverview, replyStatus = 200) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const body = request.method === "POST" ? await request.clone().text() : "";
      calls.push({ method: request.method, path: url.pathname, body: body ? JSON.parse(body) : null });
      if (url.pathname === "/api/v1/me/overview") return json(page);
      if (url.pathname === `/api/v1/events/${MEETING}/reply`) {
        if (replyStatus !== 200) {
          return json(
            {
              title: "Conflict",
              status: 409,
              errors: [{ code: "meeting_started", detail: "started", params: { starts_at: "2030-01-10T08:00:00Z" } }],
            },
            409,
          );
        }
        const { reply } = JSON.parse(body) as { reply: "attending" | "declined" };
        page.programmes[0].meetings[0] = { ...page.programmes[0].meetings[0], reply, replied_at: "2029-12-20T09:00:00Z" };
        return json({ id: MEETING });
      }
      if (url.pathname === `/api/v1/survey-rounds/${ROUND}/my-link`) return json({ url: "/s/hemmelig-lenke-123" });
      return json({ title: "Not found", status: 404 }, 404);
    }),
  );
  return calls;
}

function renderPage(locale: Locale = "nb") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={["/me"]}>
          <Routes>
            <Route path="/me" element={<MyPage />} />
            <Route path="/s/:token" element={<p>Svarside</p>} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("MyPage", () => {
  it("shows the overdue first, then meetings and the rest, each linking to its record", async () => {
    stubApi({ generated_at: "2029-12-20T08:00:00Z", today: "2029-12-20", programmes: [programme()] });
    renderPage();
    await screen.findByRole("heading", { level: 2, name: "Nordre Follo 2020" });
    const headings = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual([
      "Forfalt (1)",
      "Neste møter",
      "Høringer som venter på svar",
      "Frister",
      "Oppgaver",
      "Kartlegginger du kan svare på",
      "Forslagene mine",
      "Gruppene mine",
    ]);
    const overdue = screen.getByRole("region", { name: "Forfalt (1)" });
    expect(within(overdue).getByRole("link", { name: "Skriv innspill" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/projects/0193a0e4-7c1e-7000-8000-0000000000c1`,
    );
    expect(within(screen.getByRole("region", { name: "Oppgaver" })).getByText("Ingen andre enn de forfalte over.")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Frister" })).getByText("Ingen åpne frister.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Møte i trepartsforum" })).toHaveAttribute("href", `/p/${PROGRAMME}/events/${MEETING}`);
    expect(screen.getByRole("link", { name: "Høring om organisering" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/hearings/0193a0e4-7c1e-7000-8000-0000000000d1`,
    );
    expect(screen.getByText("Du har ikke sendt inn forslag i eget navn.")).toBeInTheDocument();
  });

  it("confirms attendance with two buttons and announces it", async () => {
    const calls = stubApi({ generated_at: "2029-12-20T08:00:00Z", today: "2029-12-20", programmes: [programme()] });
    renderPage();
    const group = await screen.findByRole("group", { name: "Svar for Møte i trepartsforum" });
    const attend = within(group).getByRole("button", { name: "Jeg kommer" });
    expect(attend).toHaveAttribute("aria-pressed", "false");
    await userEvent.click(attend);
    await waitFor(() => expect(attend).toHaveAttribute("aria-pressed", "true"));
    expect(within(group).getByRole("button", { name: "Jeg kommer ikke" })).toHaveAttribute("aria-pressed", "false");
    expect(calls.find((c) => c.method === "POST")).toEqual({
      method: "POST",
      path: `/api/v1/events/${MEETING}/reply`,
      body: { reply: "attending" },
    });
    expect(screen.getByRole("status")).toHaveTextContent("Svaret ditt er lagret: Kommer på Møte i trepartsforum.");
    expect(screen.getByText(/Du har svart: Kommer/)).toBeInTheDocument();
  });

  it("words a refused answer by its code", async () => {
    stubApi({ generated_at: "2029-12-20T08:00:00Z", today: "2029-12-20", programmes: [programme()] }, 409);
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Jeg kommer ikke" }));
    expect(await screen.findByText(/Møtet har begynt/)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Svaret ditt på Møte i trepartsforum ble ikke lagret.");
  });

  it("opens a fresh survey link", async () => {
    const calls = stubApi({ generated_at: "2029-12-20T08:00:00Z", today: "2029-12-20", programmes: [programme()] });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Svar på Medarbeiderundersøkelse" }));
    expect(await screen.findByText("Svarside")).toBeInTheDocument();
    expect(calls.some((c) => c.path === `/api/v1/survey-rounds/${ROUND}/my-link`)).toBe(true);
  });

  it("says so briefly when a programme has no person, in nynorsk and English", async () => {
    const empty = programme({
      person_id: null,
      person_name: null,
      groups: [],
      meetings: [],
      tasks: [],
      hearings: [],
      survey_rounds: [],
    });
    stubApi({ generated_at: "2029-12-20T08:00:00Z", today: "2029-12-20", programmes: [empty] });
    const { unmount } = renderPage("nn");
    expect(await screen.findByText(/Brukaren din er ikkje kopla til ein person/)).toBeInTheDocument();
    expect(screen.queryAllByRole("heading", { level: 3 })).toEqual([]);
    unmount();
    stubApi({ generated_at: "2029-12-20T08:00:00Z", today: "2029-12-20", programmes: [] });
    renderPage("en");
    expect(await screen.findByText("You have no role in any programme yet.")).toBeInTheDocument();
  });
});

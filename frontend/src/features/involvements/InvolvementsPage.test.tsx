import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Involvement } from "../../api/queries/involvements";
import { I18nProvider } from "../../i18n";
import InvolvementsPage from "./InvolvementsPage";


const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const PROJECT = "0193a0e4-7c1e-7000-8000-000000000002";

const involvement: Involvement = {
  id: "0193a0e4-7c1e-7000-8000-0000000000aa",
  created_at: "2018-10-11T12:00:00Z",
  updated_at: "2018-10-11T12:00:00Z",
  version: 1,
  programme_id: PROGRAMME,
  project_id: PROJECT,
  group_id: null,
  matter: "Forslag til organisering av oppvekst",
  stakeholder_kind: "union_representatives",
  form: "consultation",
  occurred_on: "2018-10-11",
  participant_ids: [],
  participant_count: 3,
  head_count: 6,
  statements: "Ønsker tydeligere ledernivåer.",
  outcome: null,
  documents: [],
  decision_ids: [],
  event_ids: [],
  hearing_ids: [],
  submission_ids: [],
  goal_ids: [],
  idea_ids: [],
  archived_at: null,
  external_id: null,
};

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

function stubApi(next_cursor: string | null = null) {
  const lists: URL[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/projects") {
        return json({ items: [{ id: PROJECT, code: "VO1", name: "Oppvekst og utdanning" }], next_cursor: null });
      }
      if (url.pathname === "/api/v1/groups") return json({ items: [], next_cursor: null });
      if (url.pathname === "/api/v1/involvements") {
        lists.push(url);
        return json({ items: url.searchParams.has("cursor") ? [] : [involvement], next_cursor });
      }
      return new Response("{}", { status: 404 });
    }),
  );
  return lists;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale="nn">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/p/:programmeId/involvements" element={<InvolvementsPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("InvolvementsPage", () => {
  it("shows who, how, when, what was said and what came of it, in nynorsk", async () => {
    stubApi();
    renderAt(`/p/${PROGRAMME}/involvements`);
    const entry = await screen.findByRole("article", { name: "Forslag til organisering av oppvekst" });
    expect(entry).toHaveTextContent("Tillitsvalde · 3 namngitte deltakarar · 6 til stades i alt");
    expect(entry).toHaveTextContent("Drøfting");
    expect(entry).toHaveTextContent("11. okt. 2018");
    expect(entry).toHaveTextContent("VO1 Oppvekst og utdanning");
    expect(entry).toHaveTextContent("Ønsker tydeligere ledernivåer.");
    expect(within(entry).getByText("Ikkje registrert")).toBeInTheDocument();
  });

  it("asks the API for the filters in the URL, newest first, and pages by cursor", async () => {
    const lists = stubApi("next-page");
    const user = userEvent.setup();
    renderAt(`/p/${PROGRAMME}/involvements?project=${PROJECT}&kind=union_representatives&form=consultation`);
    await screen.findByRole("article");
    const first = lists[0];
    expect(first.searchParams.get("programme_id")).toBe(PROGRAMME);
    expect(first.searchParams.get("project_id")).toBe(PROJECT);
    expect(first.searchParams.get("stakeholder_kind")).toBe("union_representatives");
    expect(first.searchParams.get("form")).toBe("consultation");
    expect(first.searchParams.get("sort")).toBe("-occurred_on");

    await user.click(screen.getByRole("button", { name: "Vis fleire" }));
    await vi.waitFor(() => expect(lists).toHaveLength(2));
    expect(lists[1].searchParams.get("cursor")).toBe("next-page");
  });
});

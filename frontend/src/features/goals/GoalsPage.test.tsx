import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GoalNode, GoalTree } from "../../api/queries/goals";
import { fakeApi, problem, PROGRAMME_ID, renderPage } from "../projects/testing";
import GoalsPage from "./GoalsPage";

afterEach(() => vi.unstubAllGlobals());

const stamp = { version: 1 };
let serial = 0;
function node(overrides: Partial<GoalNode>): GoalNode {
  serial += 1;
  return {
    ...stamp,
    id: `00000000-0000-7000-8000-0000000002${String(serial).padStart(2, "0")}`,
    kind: "societal",
    title: "Mål",
    description: null,
    theme: null,
    status: "active",
    dropped_reason: null,
    owner_id: null,
    owner_name: null,
    project_id: null,
    group_id: null,
    parent_id: null,
    sort_order: 0,
    in_catalogue: false,
    indicators: [],
    selections: [],
    children: [],
    ...overrides,
  };
}

const INDICATOR = "00000000-0000-7000-8000-000000000301";
const SELECTION = "00000000-0000-7000-8000-000000000401";

function tree(): GoalTree {
  const result = node({ kind: "result", title: "Arbeidslag er etablert", status: "achieved" });
  const effect = node({
    kind: "effect",
    title: "Bedre samarbeid på tvers",
    owner_name: "Kari Nordmann",
    children: [result],
    indicators: [
      {
        id: INDICATOR,
        name: "Trivsel",
        unit: "poeng",
        direction: "higher_is_better",
        baseline_value: 3,
        baseline_on: "2013-03-01",
        target_value: 4.5,
        target_on: "2016-12-31",
        latest_value: 4,
        latest_on: "2015-03-01",
        measurement_count: 3,
        progress: 0.6667,
      },
    ],
  });
  const societal = node({ title: "Gode tjenester for innbyggerne", children: [effect] });
  const catalogue = node({
    title: "Barn og unge i Nordre Follo kommune opplever trygghet og mestring.",
    theme: "Trygg oppvekst",
    in_catalogue: true,
    selections: [
      {
        id: SELECTION,
        version: 2,
        project_id: "00000000-0000-7000-8000-000000000501",
        group_id: null,
        area_name: "OPP Oppvekst",
        rationale: "Vi møter barna hver dag",
        meaning: null,
        operationalisation: null,
      },
    ],
  });
  return { programme_id: PROGRAMME_ID, project_id: null, goals: [societal, catalogue] };
}

const empty = { body: { items: [], next_cursor: null } };

function render() {
  return renderPage(<GoalsPage />, { route: "/p/:programmeId/goals", url: `/p/${PROGRAMME_ID}/goals` });
}

describe("GoalsPage", () => {
  it("shows the tree as nested lists with each indicator against baseline and target", async () => {
    fakeApi({ "GET /api/v1/goal-tree": { body: tree() }, "GET /api/v1/projects": empty, "GET /api/v1/people": empty });
    render();
    const top = await screen.findByRole("list", { name: "Måltreet" });
    const societal = within(top).getAllByRole("listitem")[0];
    expect(societal).toHaveTextContent("Samfunnsmål");
    const under = within(societal).getByRole("list", { name: "Mål under «Gode tjenester for innbyggerne»" });
    expect(under).toHaveTextContent("Effektmål");
    expect(under).toHaveTextContent("Eier: Kari Nordmann");
    expect(within(under).getByRole("list", { name: "Mål under «Bedre samarbeid på tvers»" })).toHaveTextContent(
      "Resultatmål",
    );
    const link = screen.getByRole("link", { name: "Trivsel" });
    expect(link).toHaveAttribute("href", `/p/${PROGRAMME_ID}/indicators/${INDICATOR}`);
    const indicators = screen.getByRole("list", { name: "Indikatorer for «Bedre samarbeid på tvers»" });
    expect(indicators).toHaveTextContent("Sist målt: 4 poeng");
    expect(indicators).toHaveTextContent("utgangspunkt 3 poeng");
    expect(indicators).toHaveTextContent("mål 4,5 poeng");
    const bar = screen.getByRole("progressbar", { name: /Hvor langt «Trivsel» har kommet/ });
    expect(bar).toHaveAttribute("value", "67");
    expect(indicators).toHaveTextContent("67 % av veien");
    // The catalogue goal nothing hangs under is listed apart from the tree.
    expect(within(top).queryByText(/opplever trygghet og mestring/)).not.toBeInTheDocument();
    expect(screen.getByText("Målkatalogen (1 mål)")).toBeInTheDocument();
  });

  it("shows which areas chose which catalogue goals, and the history of a choice", async () => {
    const api = fakeApi({
      "GET /api/v1/goal-tree": { body: tree() },
      "GET /api/v1/projects": empty,
      "GET /api/v1/people": empty,
      "GET /api/v1/goal-selection-revisions": {
        body: {
          items: [
            {
              id: "r2",
              programme_id: PROGRAMME_ID,
              selection_id: SELECTION,
              goal_id: "g",
              project_id: null,
              group_id: null,
              action: "updated",
              selection_version: 2,
              rationale: "Vi møter barna hver dag",
              meaning: null,
              operationalisation: null,
              changed_at: "2018-09-07T10:00:00Z",
              changed_by: "Ingrid Haugland <ingrid@example.no>",
            },
            {
              id: "r1",
              programme_id: PROGRAMME_ID,
              selection_id: SELECTION,
              goal_id: "g",
              project_id: null,
              group_id: null,
              action: "created",
              selection_version: 1,
              rationale: "Første utkast",
              meaning: null,
              operationalisation: null,
              changed_at: "2018-09-06T10:00:00Z",
              changed_by: "Ingrid Haugland <ingrid@example.no>",
            },
          ],
          next_cursor: null,
        },
      },
    });
    render();
    const table = await screen.findByRole("table", { name: "Trygg oppvekst" });
    expect(table).toHaveTextContent("OPP Oppvekst: Vi møter barna hver dag");
    await userEvent.click(within(table).getByRole("button", { name: /Vis historikken for OPP Oppvekst/ }));
    const dialog = await screen.findByRole("dialog", { name: "Historikk for OPP Oppvekst" });
    await waitFor(() => expect(dialog).toHaveTextContent("Første utkast"));
    expect(within(dialog).getAllByRole("listitem").map((li) => li.textContent?.slice(0, 6))).toEqual([
      "Endret",
      "Valgt ",
    ]);
    expect(api.made("GET", "/api/v1/goal-selection-revisions")[0].query.get("selection_id")).toBe(SELECTION);
  });

  it("words the API's refusal of a goal's place in the tree at the field", async () => {
    const data = tree();
    const api = fakeApi({
      "GET /api/v1/goal-tree": { body: data },
      "GET /api/v1/projects": empty,
      "GET /api/v1/people": empty,
      "POST /api/v1/goals": problem(422, [
        {
          pointer: "/parent_id",
          code: "parent_kind_mismatch",
          detail: "an effect goal sits under a societal goal",
          params: { expected: "societal", actual: "result" },
        },
      ]),
    });
    render();
    await userEvent.click(await screen.findByRole("button", { name: "Nytt mål" }));
    const dialog = await screen.findByRole("dialog", { name: "Nytt mål" });
    await userEvent.type(within(dialog).getByLabelText("Mål", { selector: "input" }), "Bedre samarbeid");
    await userEvent.selectOptions(within(dialog).getByLabelText("Ligger under"), "Gode tjenester for innbyggerne");
    await userEvent.click(within(dialog).getByRole("button", { name: "Legg til mål" }));
    expect(
      await within(dialog).findByText(/Velg et mål på nivået over: effektmål ligger under samfunnsmål/),
    ).toBeInTheDocument();
    const sent = api.made("POST", "/api/v1/goals")[0].body as Record<string, unknown>;
    expect(sent).toMatchObject({ programme_id: PROGRAMME_ID, kind: "effect", title: "Bedre samarbeid" });
    expect(sent.parent_id).toBe(data.goals[0].id);
  });
});

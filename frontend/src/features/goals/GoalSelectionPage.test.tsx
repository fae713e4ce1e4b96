import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { planSelections, type Goal, type GoalSelection } from "../../api/queries/goals";
import { fakeApi, problem, PROGRAMME_ID, renderPage } from "../projects/testing";
import GoalSelectionPage from "./GoalSelectionPage";

afterEach(() => vi.unstubAllGlobals());

const PROJECT = "00000000-0000-7000-8000-000000000501";
const stamp = { created_at: "2026-01-01T10:00:00Z", updated_at: "2026-01-01T10:00:00Z", version: 1 };

function goal(n: number, title: string, theme: string): Goal {
  return {
    ...stamp,
    id: `00000000-0000-7000-8000-0000000006${String(n).padStart(2, "0")}`,
    programme_id: PROGRAMME_ID,
    project_id: null,
    group_id: null,
    parent_id: null,
    kind: "societal",
    title,
    description: null,
    theme,
    owner_id: null,
    status: "active",
    dropped_reason: null,
    sort_order: n,
    in_catalogue: true,
    external_id: null,
  };
}

const CATALOGUE = [
  goal(1, "Sammen utvikler vi Nordre Follo kommune.", "Sammen for ny kommune"),
  goal(2, "Nordre Follo kommune har en bærekraftig økonomi.", "Sammen for ny kommune"),
  goal(3, "Barn og unge i Nordre Follo kommune opplever trygghet og mestring.", "Trygg oppvekst"),
];

function selection(g: Goal, overrides: Partial<GoalSelection> = {}): GoalSelection {
  return {
    ...stamp,
    id: `sel-${g.id}`,
    programme_id: PROGRAMME_ID,
    goal_id: g.id,
    project_id: PROJECT,
    group_id: null,
    rationale: "Gammel begrunnelse",
    meaning: null,
    operationalisation: null,
    external_id: null,
    ...overrides,
  };
}

function render() {
  return renderPage(<GoalSelectionPage />, {
    route: "/p/:programmeId/goals/selection",
    url: `/p/${PROGRAMME_ID}/goals/selection?project=${PROJECT}`,
  });
}

const routes = (saved: GoalSelection[]) => ({
  "GET /api/v1/projects": { body: { items: [{ ...stamp, id: PROJECT, code: "OPP", name: "Oppvekst" }], next_cursor: null } },
  "GET /api/v1/groups": { body: { items: [], next_cursor: null } },
  "GET /api/v1/goals": { body: { items: CATALOGUE, next_cursor: null } },
  "GET /api/v1/goal-selections": { body: { items: saved, next_cursor: null } },
});

describe("GoalSelectionPage", () => {
  it("shows the catalogue by theme; ticking, writing and saving creates, changes and withdraws", async () => {
    const api = fakeApi({
      ...routes([selection(CATALOGUE[0]), selection(CATALOGUE[1])]),
      "POST /api/v1/goal-selections": { status: 201, body: {} },
      "PATCH /api/v1/goal-selections/sel-00000000-0000-7000-8000-000000000601": { body: {}, etag: '"2"' },
      "DELETE /api/v1/goal-selections/sel-00000000-0000-7000-8000-000000000602": { status: 204 },
    });
    render();
    const theme = await screen.findByRole("group", { name: "Trygg oppvekst" });
    expect(screen.getByRole("group", { name: "Sammen for ny kommune" })).toBeInTheDocument();
    await userEvent.click(within(theme).getByRole("checkbox", { name: CATALOGUE[2].title }));
    await userEvent.type(
      within(theme).getByLabelText(`Begrunnelse for «${CATALOGUE[2].title}»`),
      "Vi møter barna hver dag",
    );
    await userEvent.type(
      within(theme).getByLabelText(`Hvordan «${CATALOGUE[2].title}» kan operasjonaliseres`),
      "Felles kartlegging",
    );
    const rationale = screen.getByLabelText(`Begrunnelse for «${CATALOGUE[0].title}»`);
    await userEvent.clear(rationale);
    await userEvent.type(rationale, "Ny begrunnelse");
    await userEvent.click(screen.getByRole("checkbox", { name: CATALOGUE[1].title }));
    await userEvent.click(screen.getByRole("button", { name: "Lagre valgene" }));

    await waitFor(() => expect(api.made("POST", "/api/v1/goal-selections")).toHaveLength(1));
    expect(api.made("POST", "/api/v1/goal-selections")[0].body).toEqual({
      goal_id: CATALOGUE[2].id,
      project_id: PROJECT,
      rationale: "Vi møter barna hver dag",
      meaning: null,
      operationalisation: "Felles kartlegging",
    });
    const patch = api.calls.find((c) => c.method === "PATCH")!;
    expect(patch.ifMatch).toBe('"1"');
    expect(patch.body).toEqual({ rationale: "Ny begrunnelse" });
    const remove = api.calls.find((c) => c.method === "DELETE")!;
    expect(remove.path).toBe(`/api/v1/goal-selections/sel-${CATALOGUE[1].id}`);
    expect(remove.ifMatch).toBe('"1"');
  });

  it("words a second selection of the same goal by its code", async () => {
    fakeApi({
      ...routes([]),
      "POST /api/v1/goal-selections": problem(409, [
        { pointer: "/goal_id", code: "goal_already_selected", detail: "already selected", params: { selection_id: "x" } },
      ]),
    });
    render();
    await userEvent.click(await screen.findByRole("checkbox", { name: CATALOGUE[0].title }));
    await userEvent.click(screen.getByRole("button", { name: "Lagre valgene" }));
    expect(await screen.findByText("Området har allerede valgt dette målet.")).toBeInTheDocument();
  });

  it("asks for an area first", async () => {
    fakeApi(routes([]));
    renderPage(<GoalSelectionPage />, {
      route: "/p/:programmeId/goals/selection",
      url: `/p/${PROGRAMME_ID}/goals/selection`,
    });
    expect(await screen.findByText(/Velg området som skal velge mål/)).toBeInTheDocument();
    expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
  });
});

describe("planSelections", () => {
  it("creates the newly ticked, changes only what changed, withdraws the unticked", () => {
    const saved = [selection(CATALOGUE[0]), selection(CATALOGUE[1], { meaning: "M" })];
    const plan = planSelections(
      saved,
      new Map([
        [CATALOGUE[0].id, { rationale: "Gammel begrunnelse", meaning: "", operationalisation: "" }],
        [CATALOGUE[2].id, { rationale: "R", meaning: "", operationalisation: "" }],
      ]),
    );
    expect(plan.create.map((c) => c.goal_id)).toEqual([CATALOGUE[2].id]);
    expect(plan.update).toEqual([]);
    expect(plan.remove.map((s) => s.goal_id)).toEqual([CATALOGUE[1].id]);
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { CriterionAssessment, GroupCriteria, GroupCriterion } from "../../api/queries/criteria";
import { fakeApi, me, page, problem, PROGRAMME_ID, renderPage } from "../projects/testing";
import CriteriaPage from "./CriteriaPage";
import { GroupCriteriaSection } from "./GroupCriteriaSection";

const GROUP_ID = "00000000-0000-7000-8000-0000000000g1";
const stamp = { created_at: "2026-01-01T10:00:00Z", updated_at: "2026-01-01T10:00:00Z", version: 1 };

function aCriterion(overrides: Partial<GroupCriterion> = {}): GroupCriterion {
  return {
    ...stamp,
    id: "00000000-0000-7000-8000-0000000000c1",
    programme_id: PROGRAMME_ID,
    group_kind: "work_team",
    purpose: "setup",
    title: "Medlemmer fra minst to fagområder",
    description: null,
    sort_order: 0,
    external_id: null,
    ...overrides,
  };
}

function anAssessment(overrides: Partial<CriterionAssessment> = {}): CriterionAssessment {
  return {
    ...stamp,
    id: "00000000-0000-7000-8000-0000000000a1",
    programme_id: PROGRAMME_ID,
    group_id: GROUP_ID,
    criterion_id: aCriterion().id,
    assessed_on: "2014-03-01",
    fulfilment: "met",
    note: null,
    assessed_by_id: null,
    ...overrides,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("CriteriaPage", () => {
  test("lists the criteria per kind of group and purpose", async () => {
    fakeApi({
      "GET /api/v1/auth/me": me(),
      "GET /api/v1/group-criteria": page([
        aCriterion(),
        aCriterion({ id: "00000000-0000-7000-8000-0000000000c2", purpose: "evaluation", title: "Konkrete endringer" }),
        aCriterion({ id: "00000000-0000-7000-8000-0000000000c3", group_kind: "project_board", title: "Alle kommuner" }),
      ]),
    });
    renderPage(<CriteriaPage />, { route: "/p/:programmeId/criteria", url: `/p/${PROGRAMME_ID}/criteria` });
    const team = await screen.findByRole("region", { name: "Arbeidslag" });
    expect(within(team).getByRole("table", { name: "Kriterier for opprettelse" })).toHaveTextContent(
      "Medlemmer fra minst to fagområder",
    );
    expect(within(team).getByRole("table", { name: "Kriterier for evaluering av resultater" })).toHaveTextContent(
      "Konkrete endringer",
    );
    expect(screen.getByRole("region", { name: "Prosjektstyre" })).toHaveTextContent("Alle kommuner");
  });

  test("creates a criterion for a kind of group and purpose", async () => {
    const api = fakeApi({
      "GET /api/v1/auth/me": me(),
      "GET /api/v1/group-criteria": page([]),
      "POST /api/v1/group-criteria": { status: 201, body: aCriterion() },
    });
    renderPage(<CriteriaPage />, { route: "/p/:programmeId/criteria", url: `/p/${PROGRAMME_ID}/criteria` });
    await userEvent.click(await screen.findByRole("button", { name: "Nytt kriterium" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("radio", { name: "Evaluering" }));
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Kriterium" }), "Konkrete endringer");
    await userEvent.click(within(dialog).getByRole("button", { name: "Legg til kriterium" }));
    await waitFor(() => expect(api.made("POST", "/api/v1/group-criteria")).toHaveLength(1));
    expect(api.made("POST", "/api/v1/group-criteria")[0].body).toEqual({
      programme_id: PROGRAMME_ID,
      group_kind: "work_team",
      purpose: "evaluation",
      title: "Konkrete endringer",
      description: null,
      sort_order: 0,
    });
  });

  test("lists the groups of a kind and sets up a new one from its criteria", async () => {
    const team = { id: GROUP_ID, name: "Arbeidslag Sørum sentrum", kind: "work_team" };
    const api = fakeApi({
      "GET /api/v1/auth/me": me(),
      "GET /api/v1/group-criteria": page([aCriterion()]),
      "GET /api/v1/groups": page([{ ...team, id: "00000000-0000-7000-8000-0000000000g0", name: "Arbeidslag Blaker" }]),
      "GET /api/v1/projects": page([]),
      "POST /api/v1/groups": { status: 201, body: team },
    });
    renderPage(<CriteriaPage />, { route: "/p/:programmeId/criteria", url: `/p/${PROGRAMME_ID}/criteria` });
    const region = await screen.findByRole("region", { name: "Arbeidslag" });
    expect(await within(region).findByRole("link", { name: "Arbeidslag Blaker" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/groups/00000000-0000-7000-8000-0000000000g0`,
    );
    await userEvent.click(within(region).getByRole("button", { name: "Sett opp en ny gruppe av typen arbeidslag" }));
    const dialog = await screen.findByRole("dialog", { name: "Ny gruppe av typen arbeidslag" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Sett opp gruppen" }));
    expect(within(dialog).getByText("Skriv navnet på gruppen.")).toBeInTheDocument();
    expect(api.made("POST", "/api/v1/groups")).toHaveLength(0);
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Navn på gruppen" }), team.name);
    await userEvent.click(within(dialog).getByRole("button", { name: "Sett opp gruppen" }));
    await waitFor(() => expect(api.made("POST", "/api/v1/groups")).toHaveLength(1));
    expect(api.made("POST", "/api/v1/groups")[0].body).toEqual({
      programme_id: PROGRAMME_ID,
      kind: "work_team",
      name: team.name,
      project_id: null,
      description: null,
      mandate_status: "draft",
    });
  });
});

describe("GroupCriteriaSection", () => {
  const status = (assessments: CriterionAssessment[]): GroupCriteria => ({
    group_id: GROUP_ID,
    group_kind: "work_team",
    criteria: [{ criterion: aCriterion(), latest: assessments[0] ?? null, history: assessments }],
    summary: {
      total: 1,
      met: assessments[0]?.fulfilment === "met" ? 1 : 0,
      partly_met: 0,
      not_met: assessments[0]?.fulfilment === "not_met" ? 1 : 0,
      not_assessed: assessments.length ? 0 : 1,
    },
  });
  const render = () =>
    renderPage(<GroupCriteriaSection groupId={GROUP_ID} groupKind="work_team" programmeId={PROGRAMME_ID} mayEdit />, {
      route: "/p/:programmeId/groups/:groupId",
      url: `/p/${PROGRAMME_ID}/groups/${GROUP_ID}`,
    });

  test("shows the latest assessment with its date, the summary and the dated history", async () => {
    fakeApi({
      [`GET /api/v1/groups/${GROUP_ID}/criteria`]: {
        body: status([
          anAssessment(),
          anAssessment({ id: "00000000-0000-7000-8000-0000000000a2", assessed_on: "2013-09-01", fulfilment: "not_met", note: "Bare helse" }),
        ]),
      },
    });
    render();
    expect(await screen.findByRole("heading", { name: "Kriterier for arbeidslag" })).toBeInTheDocument();
    expect(await screen.findByText(/1 av 1 kriterier oppfylt/)).toBeInTheDocument();
    const row = within(screen.getByRole("table")).getAllByRole("row")[1];
    expect(row).toHaveTextContent("Oppfylt");
    expect(row).toHaveTextContent("1. mars 2014");
    expect(within(row).getByText("2 vurderinger")).toBeInTheDocument();
    expect(row).toHaveTextContent("1. sep. 2013: Ikke oppfylt – Bare helse");
  });

  test("assesses a criterion with fulfilment, date and note", async () => {
    const api = fakeApi({
      [`GET /api/v1/groups/${GROUP_ID}/criteria`]: { body: status([]) },
      "POST /api/v1/criterion-assessments": { status: 201, body: anAssessment({ fulfilment: "partly_met" }) },
    });
    render();
    await userEvent.click(await screen.findByRole("button", { name: "Vurder: Medlemmer fra minst to fagområder" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lagre vurdering" }));
    expect(within(dialog).getByText("Velg i hvilken grad kriteriet er oppfylt.")).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("radio", { name: "Delvis oppfylt" }));
    const date = within(dialog).getByLabelText("Vurdert dato");
    await userEvent.clear(date);
    await userEvent.type(date, "2014-01-15");
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Hva vurderingen bygger på" }), "Mangler helse");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lagre vurdering" }));
    await waitFor(() => expect(api.made("POST", "/api/v1/criterion-assessments")).toHaveLength(1));
    expect(api.made("POST", "/api/v1/criterion-assessments")[0].body).toEqual({
      group_id: GROUP_ID,
      criterion_id: aCriterion().id,
      fulfilment: "partly_met",
      assessed_on: "2014-01-15",
      note: "Mangler helse",
    });
  });

  test("a criterion for another kind is refused in words, by its code", async () => {
    fakeApi({
      [`GET /api/v1/groups/${GROUP_ID}/criteria`]: { body: status([]) },
      "POST /api/v1/criterion-assessments": problem(422, [
        { pointer: "/criterion_id", code: "criterion_kind_mismatch", detail: "the criterion is for groups of kind x" },
      ]),
    });
    render();
    await userEvent.click(await screen.findByRole("button", { name: /Vurder:/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("radio", { name: "Oppfylt" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Lagre vurdering" }));
    expect(await within(dialog).findByText("Kriteriet gjelder en annen type gruppe.")).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Measure } from "../../api/queries/measures";
import { aPerson, fakeApi, me, page, problem, PROGRAMME_ID, renderPage } from "../projects/testing";
import MeasuresPage from "./MeasuresPage";

const GOAL = "00000000-0000-7000-8000-0000000000f1";
const owner = aPerson();

function aMeasure(overrides: Partial<Measure> = {}): Measure {
  return {
    id: "00000000-0000-7000-8000-0000000000e1",
    created_at: "2026-01-01T10:00:00Z",
    updated_at: "2026-01-01T10:00:00Z",
    version: 2,
    programme_id: PROGRAMME_ID,
    project_id: null,
    group_id: null,
    title: "Kompetansetiltak for koordinatorene",
    description: null,
    owner_id: owner.id,
    status: "in_progress",
    starts_on: "2013-09-01",
    due_on: "2014-06-30",
    goal_ids: [GOAL],
    task_ids: [],
    tasks: [],
    result: null,
    result_on: null,
    evidence: [],
    external_id: null,
    overdue_without_result: true,
    ...overrides,
  };
}

function measuresApi(measures: Measure[], overrides = {}) {
  return fakeApi({
    "GET /api/v1/auth/me": me(),
    "GET /api/v1/people": page([owner]),
    "GET /api/v1/projects": page([]),
    "GET /api/v1/tasks": page([]),
    "GET /api/v1/goals": page([{ id: GOAL, title: "Mindre uutnyttet tverrfaglig potensial", kind: "effect" }]),
    "GET /api/v1/measures": (call) =>
      page(measures.filter((m) => call.query.get("overdue_without_result") !== "true" || m.overdue_without_result)),
    ...overrides,
  });
}

const render = () => renderPage(<MeasuresPage />, { route: "/p/:programmeId/measures", url: `/p/${PROGRAMME_ID}/measures` });

afterEach(() => vi.unstubAllGlobals());

describe("MeasuresPage", () => {
  test("shows status, owner, due date, linked goals and says a measure is past due without a result", async () => {
    measuresApi([aMeasure()]);
    render();
    const table = await screen.findByRole("table", { name: "Tiltak, tidligste frist først" });
    const row = within(table).getAllByRole("row")[1];
    expect(within(row).getByRole("rowheader")).toHaveTextContent("Kompetansetiltak for koordinatorene");
    expect(row).toHaveTextContent("Pågår");
    expect(row).toHaveTextContent("Forfalt, uten resultat");
    expect(row).toHaveTextContent("Line Aasheim");
    expect(row).toHaveTextContent("30. juni 2014");
    expect(await within(row).findByText("Mindre uutnyttet tverrfaglig potensial")).toBeInTheDocument();
    expect(row).toHaveTextContent("Ikke dokumentert");
    expect(await screen.findByText("Ett tiltak har passert fristen uten dokumentert resultat.")).toBeInTheDocument();
  });

  test("marking a measure done asks for its result before anything is sent", async () => {
    const api = measuresApi([aMeasure()]);
    render();
    await userEvent.click(await screen.findByRole("button", { name: /Endre eller dokumenter resultat: Kompetansetiltak/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Status" }), "done");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lagre" }));
    expect(
      within(dialog).getByText("Et gjennomført tiltak må ha et resultat: skriv hva som ble endret."),
    ).toBeInTheDocument();
    expect(api.made("PATCH", "/api/v1/measures/00000000-0000-7000-8000-0000000000e1")).toHaveLength(0);
  });

  test("documents the result with an evidence link, sending only the changes with If-Match", async () => {
    const measure = aMeasure();
    const path = `/api/v1/measures/${measure.id}`;
    const api = measuresApi([measure], {
      [`PATCH ${path}`]: { body: aMeasure({ status: "done", result: "Nye rutiner", version: 3 }), etag: '"3"' },
    });
    render();
    await userEvent.click(await screen.findByRole("button", { name: /Endre eller dokumenter resultat/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Status" }), "done");
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Resultat" }), "Nye rutiner for opptak av lærlinger");
    await userEvent.click(within(dialog).getByRole("button", { name: "Legg til lenke" }));
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Lenke 1: tittel" }), "Evaluering");
    await userEvent.type(
      within(dialog).getByRole("textbox", { name: "Lenke 1: adresse (https://…)" }),
      "https://example.no/evaluering",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Lagre" }));
    await waitFor(() => expect(api.made("PATCH", path)).toHaveLength(1));
    const [call] = api.made("PATCH", path);
    expect(call.ifMatch).toBe('"2"');
    expect(call.body).toEqual({
      status: "done",
      result: "Nye rutiner for opptak av lærlinger",
      evidence: [{ title: "Evaluering", url: "https://example.no/evaluering" }],
    });
  });

  test("a refusal from the API is worded by its code at the field", async () => {
    const measure = aMeasure({ status: "planned" });
    const path = `/api/v1/measures/${measure.id}`;
    measuresApi([measure], {
      [`PATCH ${path}`]: problem(422, [
        { pointer: "/goal_ids/0", code: "unknown_reference", detail: "no goal with this id in the programme" },
      ]),
    });
    render();
    await userEvent.click(await screen.findByRole("button", { name: /Endre eller dokumenter resultat/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Tiltak" }), " 2");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lagre" }));
    expect(await within(dialog).findByText("Finnes ikke i programmet.")).toBeInTheDocument();
  });

  test("a new measure needs a goal", async () => {
    const api = measuresApi([]);
    render();
    await userEvent.click(await screen.findByRole("button", { name: "Nytt tiltak" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Tiltak" }), "Informasjonstiltak");
    await userEvent.click(within(dialog).getByRole("button", { name: "Legg til tiltak" }));
    expect(within(dialog).getByText("Kryss av for minst ett mål.")).toBeInTheDocument();
    expect(api.made("POST", "/api/v1/measures")).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole("checkbox", { name: /Mindre uutnyttet/ }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Legg til tiltak" }));
    await waitFor(() => expect(api.made("POST", "/api/v1/measures")).toHaveLength(1));
    expect(api.made("POST", "/api/v1/measures")[0].body).toMatchObject({
      programme_id: PROGRAMME_ID,
      title: "Informasjonstiltak",
      goal_ids: [GOAL],
      status: "planned",
    });
  });
});

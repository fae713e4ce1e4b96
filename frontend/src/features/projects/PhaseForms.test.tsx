import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import ProjectPage from "./ProjectPage";
import {
  aPhase,
  aProject,
  aResult,
  me,
  page,
  problem,
  PROGRAMME_ID,
  projectPageApi,
  renderPage,
  type ApiCall,
  type Reply,
} from "./testing";

type Phase = Schemas["PhaseRead"];

const project = aProject();
const url = `/p/${PROGRAMME_ID}/projects/${project.id}`;
const first = aPhase({
  id: "00000000-0000-7000-8000-0000000000f1",
  position: 1,
  name: "Oppstart",
  status: "active",
  starts_on: "2018-08-15",
  ends_on: "2018-09-30",
  expected_results: [],
});
const second = aPhase({
  id: "00000000-0000-7000-8000-0000000000f2",
  position: 2,
  name: "Utarbeide kunnskapsgrunnlag",
  status: "not_started",
  starts_on: null,
  ends_on: null,
  expected_results: [],
});

afterEach(() => vi.unstubAllGlobals());

/** The project page with a phase plan the fake keeps: `plan` is read on every GET of the phases. */
function phasesApi(plan: { phases: Phase[] }, overrides: Record<string, Reply | ((call: ApiCall) => Reply)> = {}) {
  return projectPageApi(project, { "GET /api/v1/phases": () => page(plan.phases), ...overrides });
}

const render = () => renderPage(<ProjectPage />, { route: "/p/:programmeId/projects/:projectId", url });

describe("the phase plan", () => {
  test("a phase is added after the last one, and its heading takes focus", async () => {
    const plan = { phases: [first] };
    const api = phasesApi(plan, {
      "POST /api/v1/phases": (call: ApiCall) => {
        const added = aPhase({ ...(call.body as object), id: "00000000-0000-7000-8000-0000000000f3", position: 2, expected_results: [] });
        plan.phases = [first, added];
        return { status: 201, body: added, etag: '"1"' };
      },
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Legg til fase" }));
    const form = screen.getByRole("form", { name: "Ny fase" });
    const name = within(form).getByRole("textbox", { name: "Navn på fasen" });
    expect(name).toHaveFocus();
    expect(name).toBeRequired();
    await user.click(within(form).getByRole("button", { name: "Legg til fasen" }));
    expect(name).toHaveAccessibleDescription("Skriv navnet på fasen.");
    expect(api.made("POST", "/api/v1/phases")).toHaveLength(0);

    await user.type(name, "Gjennomføring");
    await user.type(within(form).getByLabelText("Startdato"), "2019-01-01");
    await user.click(within(form).getByRole("button", { name: "Legg til fasen" }));
    const heading = await screen.findByRole("heading", { level: 3, name: "Fase 2: Gjennomføring" });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(api.made("POST", "/api/v1/phases")[0].body).toEqual({
      project_id: project.id,
      name: "Gjennomføring",
      description: null,
      starts_on: "2019-01-01",
      ends_on: null,
      status: "not_started",
    });
  });

  test("a phase's dates are changed with If-Match, and an end before the start is shown at the end date", async () => {
    const plan = { phases: [first, second] };
    const path = `/api/v1/phases/${first.id}`;
    const api = phasesApi(plan, {
      [`PATCH ${path}`]: (call: ApiCall) => {
        const changes = call.body as Partial<Phase>;
        const starts = changes.starts_on ?? first.starts_on!;
        if (changes.ends_on && changes.ends_on < starts) {
          return problem(422, [
            {
              pointer: "/ends_on",
              code: "before_start",
              detail: `must not be before starts_on (${starts})`,
              params: { field: "starts_on", value: starts },
            },
          ]);
        }
        const saved = { ...first, ...changes, version: 2 };
        plan.phases = [saved, second];
        return { body: saved, etag: '"2"' };
      },
    });
    const user = userEvent.setup();
    render();
    const edit = await screen.findByRole("button", { name: "Rediger fasen «Oppstart»" });
    await user.click(edit);
    const form = screen.getByRole("form", { name: "Rediger fasen «Oppstart»" });
    expect(within(form).getByRole("textbox", { name: "Navn på fasen" })).toHaveFocus();
    const ends = within(form).getByLabelText("Sluttdato");
    await user.clear(ends);
    await user.type(ends, "2018-08-01");
    await user.click(within(form).getByRole("button", { name: "Lagre" }));
    await waitFor(() => expect(ends).toHaveAttribute("aria-invalid", "true"));
    expect(ends).toHaveAccessibleDescription("Kan ikke være før starten (15. aug. 2018).");
    await waitFor(() => expect(ends).toHaveFocus());

    await user.clear(ends);
    await user.type(ends, "2018-10-31");
    await user.click(within(form).getByRole("button", { name: "Lagre" }));
    expect(await screen.findByText("15. aug. 2018–31. okt. 2018")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("heading", { level: 3, name: "Fase 1: Oppstart" })).toHaveFocus());
    const patches = api.made("PATCH", path);
    expect(patches.map((p) => p.ifMatch)).toEqual(['"1"', '"1"']);
    expect(patches[1].body).toEqual({ ends_on: "2018-10-31" });
  });

  test("a phase is moved in the plan by its place, and its status is chosen", async () => {
    const plan = { phases: [first, second] };
    const path = `/api/v1/phases/${second.id}`;
    const api = phasesApi(plan, {
      [`PATCH ${path}`]: (call: ApiCall) => ({ body: { ...second, ...(call.body as object), version: 2 }, etag: '"2"' }),
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger fasen «Utarbeide kunnskapsgrunnlag»" }));
    const form = screen.getByRole("form", { name: "Rediger fasen «Utarbeide kunnskapsgrunnlag»" });
    const place = within(form).getByRole("spinbutton", { name: "Plass i faseplanen" });
    expect(place).toHaveValue(2);
    await user.clear(place);
    await user.type(place, "1");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Status" }), "Pågår");
    await user.click(within(form).getByRole("button", { name: "Lagre" }));
    await waitFor(() => expect(api.made("PATCH", path)).toHaveLength(1));
    expect(api.made("PATCH", path)[0].body).toEqual({ status: "active", position: 1 });
  });

  test("an empty phase is deleted after asking, with If-Match, and focus stays in the plan", async () => {
    const plan = { phases: [first, second] };
    const path = `/api/v1/phases/${second.id}`;
    const api = phasesApi(plan, {
      [`DELETE ${path}`]: () => {
        plan.phases = [first];
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Slett fasen «Utarbeide kunnskapsgrunnlag»" }));
    const dialog = await screen.findByRole("dialog", { name: "Slette fasen?" });
    expect(dialog).toHaveTextContent("Fasen «Utarbeide kunnskapsgrunnlag» slettes.");
    await user.click(within(dialog).getByRole("button", { name: "Slett fasen" }));

    await waitFor(() =>
      expect(screen.queryByRole("heading", { name: "Fase 2: Utarbeide kunnskapsgrunnlag" })).not.toBeInTheDocument(),
    );
    expect(api.made("DELETE", path)[0].ifMatch).toBe('"1"');
    await waitFor(() => expect(screen.getByRole("heading", { level: 2, name: "Faser" })).toHaveFocus());
    expect(screen.getByText("Fasen «Utarbeide kunnskapsgrunnlag» er slettet.")).toBeInTheDocument();
  });

  test("expected results are added, reworded and deleted", async () => {
    let results = [aResult({ phase_id: first.id })];
    const plan = {
      get phases() {
        return [{ ...first, expected_results: results }];
      },
    };
    const RESULTS = `/api/v1/phases/${first.id}/expected-results`;
    const one = `${RESULTS}/${aResult().id}`;
    const api = phasesApi(plan as { phases: Phase[] }, {
      [`POST ${RESULTS}`]: (call: ApiCall) => {
        const added = aResult({
          id: "00000000-0000-7000-8000-0000000000r2",
          phase_id: first.id,
          position: 2,
          text: (call.body as { text: string }).text,
        });
        results = [...results, added];
        return { status: 201, body: added, etag: '"1"' };
      },
      [`PATCH ${one}`]: (call: ApiCall) => {
        results = results.map((r) => (r.id === aResult().id ? { ...r, ...(call.body as object), version: 2 } : r));
        return { body: results[0], etag: '"2"' };
      },
      [`DELETE ${one}`]: () => {
        results = results.filter((r) => r.id !== aResult().id);
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    render();
    const add = await screen.findByRole("form", { name: "Nytt forventet resultat i «Oppstart»" });
    const field = within(add).getByRole("textbox", { name: "Nytt forventet resultat" });
    await user.type(field, "Arbeidsplan er vedtatt");
    await user.click(within(add).getByRole("button", { name: "Legg til resultatet" }));
    expect(await screen.findByRole("checkbox", { name: "Arbeidsplan er vedtatt" })).toBeInTheDocument();
    expect(field).toHaveValue("");
    expect(field).toHaveFocus();
    expect(api.made("POST", RESULTS)[0].body).toEqual({ text: "Arbeidsplan er vedtatt", done: false, waived: false });

    const editButton = screen.getByRole("button", { name: `Rediger «${aResult().text}»` });
    await user.click(editButton);
    const form = screen.getByRole("form", { name: "Rediger forventet resultat" });
    const text = within(form).getByRole("textbox", { name: "Forventet resultat" });
    expect(text).toHaveFocus();
    await user.clear(text);
    await user.type(text, "Evalueringsrapporten er lagt fram");
    await user.click(within(form).getByRole("button", { name: "Lagre" }));
    expect(await screen.findByRole("checkbox", { name: "Evalueringsrapporten er lagt fram" })).toBeInTheDocument();
    expect(api.made("PATCH", one)[0]).toMatchObject({ ifMatch: '"1"', body: { text: "Evalueringsrapporten er lagt fram" } });
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Rediger «Evalueringsrapporten er lagt fram»" })).toHaveFocus(),
    );

    await user.click(screen.getByRole("button", { name: "Slett «Evalueringsrapporten er lagt fram»" }));
    const dialog = await screen.findByRole("dialog", { name: "Slette det forventede resultatet?" });
    await user.click(within(dialog).getByRole("button", { name: "Slett resultatet" }));
    await waitFor(() =>
      expect(screen.queryByRole("checkbox", { name: "Evalueringsrapporten er lagt fram" })).not.toBeInTheDocument(),
    );
    expect(api.made("DELETE", one)[0].ifMatch).toBe('"2"');
  });

  test("an observer gets no phase or result controls", async () => {
    phasesApi({ phases: [{ ...first, expected_results: [aResult({ phase_id: first.id })] }] }, {
      "GET /api/v1/auth/me": me("observer"),
    });
    render();
    await screen.findByRole("heading", { level: 3, name: "Fase 1: Oppstart" });
    await waitFor(() => expect(screen.getByRole("checkbox", { name: aResult().text })).toBeDisabled());
    expect(screen.queryByRole("button", { name: "Legg til fase" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Rediger fasen/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("form", { name: /Nytt forventet resultat/ })).not.toBeInTheDocument();
  });
});

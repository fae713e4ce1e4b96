import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import ProjectPage from "./ProjectPage";
import {
  aPerson,
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

const project = aProject();
const url = `/p/${PROGRAMME_ID}/projects/${project.id}`;
const PROJECT = `/api/v1/projects/${project.id}`;

/** The answers the project page needs; `overrides` replaces some of them. */
const projectApi = (overrides: Record<string, Reply | ((call: ApiCall) => Reply)> = {}) =>
  projectPageApi(project, overrides);

const render = () => renderPage(<ProjectPage />, { route: "/p/:programmeId/projects/:projectId", url });

afterEach(() => vi.unstubAllGlobals());

describe("ProjectPage", () => {
  test("a section's table scrolls in a region the keyboard reaches, named by the section's heading", async () => {
    projectApi({
      "GET /api/v1/tasks": page([
        { id: "t1", title: "Kartlegge lederstrukturen", status: "todo", due_on: "2018-11-01", assignee_id: null },
      ] as never[]),
    });
    render();
    const table = await screen.findByRole("table", { name: "Oppgaver" });
    expect(table).toHaveTextContent("Kartlegge lederstrukturen");
    const box = table.parentElement!;
    expect(box).toHaveAttribute("role", "region");
    expect(box).toHaveAttribute("tabindex", "0");
    expect(box).toHaveAccessibleName("Oppgaver");
  });

  test("shows the project's facts, its leader by name and its phases in order", async () => {
    projectApi({
      "GET /api/v1/phases": page([
        aPhase({ id: "f1", position: 1, name: "Oppstart", status: "completed", expected_results: [] }),
        aPhase(),
      ]),
    });
    render();
    expect(await screen.findByRole("heading", { level: 1, name: "VO1 Oppvekst og utdanning" })).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Line Aasheim" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/people/${aPerson().id}`,
    );
    expect(screen.getByText("I rute")).toBeInTheDocument();
    const phases = await screen.findAllByRole("heading", { level: 3 });
    expect(phases.map((h) => h.textContent)).toEqual(["Fase 1: Oppstart", "Fase 5: Evaluere og tilpasse"]);
  });

  test("the mandate form shows the API's field errors next to the fields", async () => {
    const api = projectApi({
      [`PATCH ${PROJECT}`]: problem(422, [
        { pointer: "/health_explanation", code: "explanation_required", detail: "say why the project is at_risk" },
      ]),
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger mandat og tilstand" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Tilstand" }), "at_risk");
    await user.click(screen.getByRole("button", { name: "Lagre" }));

    const explanation = await screen.findByRole("textbox", { name: "Begrunnelse for tilstanden" });
    await waitFor(() => expect(explanation).toHaveAttribute("aria-invalid", "true"));
    expect(explanation).toHaveAccessibleDescription(expect.stringContaining("Forklar hvorfor prosjektet ikke er i rute."));
    expect(screen.getByRole("combobox", { name: "Tilstand" })).not.toHaveAttribute("aria-invalid");
    // The message is at its field; the alert above the form does not read it out again.
    expect(screen.getByRole("alert")).toHaveTextContent("Noen felt må rettes.");
    expect(screen.getByRole("alert")).not.toHaveTextContent("Forklar");
    const [patch] = api.made("PATCH", PROJECT);
    expect(patch.ifMatch).toBe('"1"');
    expect(patch.body).toEqual({ health: "at_risk" });
  });

  test("on 412 the conflict dialog shows both versions and saves the chosen values on the newest", async () => {
    let current = project;
    const theirs = { ...project, version: 2, mandate_text: "Deres tekst" };
    const api = projectApi({
      [`GET ${PROJECT}`]: () => ({ body: current, etag: `"${current.version}"` }),
      [`PATCH ${PROJECT}`]: (call: ApiCall) => {
        if (call.ifMatch !== `"${current.version}"`) {
          // Someone else saved meanwhile.
          current = theirs;
          return problem(412);
        }
        current = { ...current, ...(call.body as object), version: current.version + 1 };
        return { body: current, etag: `"${current.version}"` };
      },
    });
    // The page was read at version 1; the other save happens while the form is open.
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger mandat og tilstand" }));
    const text = screen.getByRole("textbox", { name: "Mandattekst" });
    await user.clear(text);
    await user.type(text, "Min tekst");
    current = { ...project, version: 2, mandate_text: "Deres tekst" };
    await user.click(screen.getByRole("button", { name: "Lagre" }));

    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByRole("radio", { name: "Lagret nå: Deres tekst" })).not.toBeChecked();
    expect(within(dialog).getByRole("radio", { name: "Din endring: Min tekst" })).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Lagre valgene" }));

    await waitFor(() => expect(api.made("PATCH", PROJECT)).toHaveLength(2));
    const [first, second] = api.made("PATCH", PROJECT);
    expect(first.ifMatch).toBe('"1"');
    expect(second.ifMatch).toBe('"2"');
    expect(second.body).toEqual({ mandate_text: "Min tekst" });
    expect(await screen.findByText("Min tekst")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  test("choosing the saved version in the conflict dialog keeps it and sends nothing more", async () => {
    const theirs = { ...project, version: 2, mandate_text: "Deres tekst" };
    let current = project;
    const api = projectApi({
      [`GET ${PROJECT}`]: () => ({ body: current, etag: `"${current.version}"` }),
      [`PATCH ${PROJECT}`]: () => {
        current = theirs;
        return problem(412);
      },
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger mandat og tilstand" }));
    const text = screen.getByRole("textbox", { name: "Mandattekst" });
    await user.clear(text);
    await user.type(text, "Min tekst");
    await user.click(screen.getByRole("button", { name: "Lagre" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("radio", { name: "Lagret nå: Deres tekst" }));
    await user.click(within(dialog).getByRole("button", { name: "Lagre valgene" }));

    expect(await screen.findByText("Deres tekst")).toBeInTheDocument();
    expect(api.made("PATCH", PROJECT)).toHaveLength(1);
  });

  test("ticking an expected result sends done with If-Match to the API", async () => {
    let result = aResult();
    const path = `/api/v1/phases/${result.phase_id}/expected-results/${result.id}`;
    const api = projectApi({
      "GET /api/v1/phases": () => page([aPhase({ expected_results: [result] })]),
      [`PATCH ${path}`]: (call: ApiCall) => {
        result = { ...result, ...(call.body as object), version: 2, done_at: "2026-11-22T10:00:00Z" };
        return { body: result, etag: '"2"' };
      },
    });
    const user = userEvent.setup();
    render();
    const box = await screen.findByRole("checkbox", { name: aResult().text });
    expect(box).not.toBeChecked();
    await user.click(box);

    await waitFor(() => expect(api.made("PATCH", path)).toHaveLength(1));
    const [tick] = api.made("PATCH", path);
    expect(tick.body).toEqual({ done: true });
    expect(tick.ifMatch).toBe('"1"');
    await waitFor(() => expect(box).toBeChecked());
    expect(await screen.findByText("Krysset av 22. nov. 2026")).toBeInTheDocument();
  });

  test("closing a phase sends the status, and the API's refusal is shown", async () => {
    const phase = aPhase();
    const api = projectApi({
      [`PATCH /api/v1/phases/${phase.id}`]: problem(
        409,
        [],
        "The phase cannot be closed while expected results are open.",
      ),
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Avslutt fasen «Evaluere og tilpasse»" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The phase cannot be closed while expected results are open.");
    const [close] = api.made("PATCH", `/api/v1/phases/${phase.id}`);
    expect(close.body).toEqual({ status: "completed" });
    expect(close.ifMatch).toBe('"1"');
  });

  test("an observer sees the checklist but no edit controls", async () => {
    projectApi({ "GET /api/v1/auth/me": me("observer") });
    render();
    const box = await screen.findByRole("checkbox", { name: aResult().text });
    await waitFor(() => expect(box).toBeDisabled());
    expect(screen.queryByRole("button", { name: "Rediger mandat og tilstand" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Avslutt fasen/ })).not.toBeInTheDocument();
  });
});

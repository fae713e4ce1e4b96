import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { NewProjectButton } from "./NewProjectDialog";
import ProjectPage from "./ProjectPage";
import {
  aPerson,
  aProject,
  fakeApi,
  keptRecord,
  me,
  page,
  problem,
  PROGRAMME_ID,
  projectPageApi,
  renderPage,
  renderRoutes,
  type ApiCall,
  type Reply,
} from "./testing";

const FIVE_PHASES: Schemas["PhaseTemplateRead"] = {
  key: "reorganisation-five-phases",
  name: "Organisering og tverrfaglig samarbeid: fem faser",
  source: "Nasjonal veileder",
  phases: ["Oppstart", "Utarbeide kunnskapsgrunnlag", "Forslag til modell", "Gjennomføring", "Evaluere og tilpasse"].map(
    (name) => ({ name, description: "", activities: [], expected_results: [] }),
  ),
};

const line = aPerson();
const created = aProject({
  id: "00000000-0000-7000-8000-0000000000c9",
  code: "VO9",
  name: "Kultur og fritid",
  mandate_status: "draft",
  mandate_approved_at: null,
  leader_id: null,
  leader_allocation_percent: null,
  status: "planned",
});

afterEach(() => vi.unstubAllGlobals());

/** The overview's set-up button, and the project page the new project opens on (its heading only). */
const renderOverview = () =>
  renderRoutes(`/p/${PROGRAMME_ID}`, {
    "/p/:programmeId": <NewProjectButton programmeId={PROGRAMME_ID} />,
    "/p/:programmeId/projects/:projectId": <h1>VO9 Kultur og fritid</h1>,
  });

function overviewApi(overrides: Record<string, Reply | ((call: ApiCall) => Reply)> = {}) {
  return fakeApi({
    "GET /api/v1/auth/me": me(),
    "GET /api/v1/people": page([line]),
    "GET /api/v1/phase-templates": { body: [FIVE_PHASES] },
    "POST /api/v1/projects": { status: 201, body: created, etag: '"1"' },
    ...overrides,
  });
}

describe("NewProjectDialog", () => {
  test("opens on its first field, says what is required, and sends nothing without code and name", async () => {
    const api = overviewApi();
    const user = userEvent.setup();
    renderOverview();
    await user.click(await screen.findByRole("button", { name: "Nytt prosjekt" }));
    const dialog = await screen.findByRole("dialog", { name: "Nytt prosjekt" });
    const code = within(dialog).getByRole("textbox", { name: "Kode" });
    expect(code).toHaveFocus();
    expect(code).toBeRequired();
    expect(within(dialog).getByRole("textbox", { name: "Navn" })).toBeRequired();
    expect(within(dialog).getByRole("textbox", { name: "Beskrivelse" })).not.toBeRequired();
    expect(dialog).toHaveTextContent("Felt merket med * må fylles ut.");

    await user.click(within(dialog).getByRole("button", { name: "Opprett prosjektet" }));
    expect(code).toHaveAttribute("aria-invalid", "true");
    expect(code).toHaveAccessibleDescription(expect.stringContaining("Skriv prosjektets kode."));
    expect(within(dialog).getByRole("textbox", { name: "Navn" })).toHaveAccessibleDescription(
      "Skriv prosjektets navn.",
    );
    await waitFor(() => expect(code).toHaveFocus());
    expect(api.made("POST", "/api/v1/projects")).toHaveLength(0);
  });

  test("creates the project from the five-phase template with its leader and period, then opens it", async () => {
    const api = overviewApi();
    const user = userEvent.setup();
    renderOverview();
    await user.click(await screen.findByRole("button", { name: "Nytt prosjekt" }));
    const dialog = await screen.findByRole("dialog", { name: "Nytt prosjekt" });
    await user.type(within(dialog).getByRole("textbox", { name: "Kode" }), "VO9");
    await user.type(within(dialog).getByRole("textbox", { name: "Navn" }), "Kultur og fritid");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Kategori" }), "Politisk");
    // The people are offered as leader and as owner.
    expect(await within(dialog).findAllByRole("option", { name: line.name })).toHaveLength(2);
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Prosjektleder" }), line.name);
    await user.type(within(dialog).getByLabelText("Startdato"), "2018-09-01");
    await user.type(within(dialog).getByLabelText("Sluttdato"), "2019-12-31");
    // The template is the start offered first; the empty plan is the other choice.
    const template = await within(dialog).findByRole("radio", { name: FIVE_PHASES.name });
    expect(template).toBeChecked();
    expect(within(dialog).getByRole("radio", { name: "Uten faser" })).not.toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Opprett prosjektet" }));

    const heading = await screen.findByRole("heading", { level: 1, name: "VO9 Kultur og fritid" });
    await waitFor(() => expect(heading).toHaveFocus());
    const [post] = api.made("POST", "/api/v1/projects");
    expect(post.body).toMatchObject({
      programme_id: PROGRAMME_ID,
      code: "VO9",
      name: "Kultur og fritid",
      category: "political",
      leader_id: line.id,
      owner_id: null,
      starts_on: "2018-09-01",
      ends_on: "2019-12-31",
      phase_template: "reorganisation-five-phases",
    });
  });

  test("an empty start sends no template, and the API's objection is shown at the code", async () => {
    const api = overviewApi({
      "POST /api/v1/projects": {
        status: 409,
        body: {
          type: "https://samskap.no/problems/conflict",
          title: "Conflict",
          status: 409,
          detail: "The programme already has a project with code VO1.",
          errors: [{ pointer: "/code", code: "already_in_use", detail: "already in use" }],
        },
      },
    });
    const user = userEvent.setup();
    renderOverview();
    await user.click(await screen.findByRole("button", { name: "Nytt prosjekt" }));
    const dialog = await screen.findByRole("dialog", { name: "Nytt prosjekt" });
    await user.type(within(dialog).getByRole("textbox", { name: "Kode" }), "VO1");
    await user.type(within(dialog).getByRole("textbox", { name: "Navn" }), "Oppvekst");
    await within(dialog).findByRole("radio", { name: FIVE_PHASES.name });
    await user.click(within(dialog).getByRole("radio", { name: "Uten faser" }));
    await user.click(within(dialog).getByRole("button", { name: "Opprett prosjektet" }));

    const code = within(dialog).getByRole("textbox", { name: "Kode" });
    await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"));
    expect(code).toHaveAccessibleDescription(
      expect.stringContaining("Programmet har allerede et prosjekt med denne koden."),
    );
    await waitFor(() => expect(code).toHaveFocus());
    expect(api.made("POST", "/api/v1/projects")[0].body).toMatchObject({ phase_template: null });
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });

  test("is not offered to a member or an observer", async () => {
    for (const role of ["member", "observer"] as const) {
      overviewApi({ "GET /api/v1/auth/me": me(role) });
      const { unmount } = renderOverview();
      await waitFor(() => expect(screen.queryByRole("button", { name: "Nytt prosjekt" })).not.toBeInTheDocument());
      unmount();
    }
  });
});

const project = aProject();
const PROJECT = `/api/v1/projects/${project.id}`;
const url = `/p/${PROGRAMME_ID}/projects/${project.id}`;

const projectApi = (overrides: Record<string, Reply | ((call: ApiCall) => Reply)> = {}) =>
  projectPageApi(project, { "GET /api/v1/people": page([line]), "GET /api/v1/decisions": page([]), ...overrides });

const renderProject = () => renderPage(<ProjectPage />, { route: "/p/:programmeId/projects/:projectId", url });

describe("the project's facts", () => {
  test("are edited in place: the form opens on its first field, dates the API refuses are shown at their field", async () => {
    let current = project;
    const api = projectApi({
      [`GET ${PROJECT}`]: () => ({ body: current, etag: `"${current.version}"` }),
      [`PATCH ${PROJECT}`]: (call: ApiCall) => {
        const changes = call.body as Partial<typeof project>;
        if (changes.ends_on && changes.ends_on < (changes.starts_on ?? current.starts_on ?? "")) {
          return problem(422, [
            {
              pointer: "/ends_on",
              code: "before_start",
              detail: "must not be before starts_on (2018-08-15)",
              params: { field: "starts_on", value: "2018-08-15" },
            },
          ]);
        }
        current = { ...current, ...changes, version: current.version + 1 };
        return { body: current, etag: `"${current.version}"` };
      },
    });
    const user = userEvent.setup();
    renderProject();
    const edit = await screen.findByRole("button", { name: "Rediger prosjektet" });
    await user.click(edit);
    const form = screen.getByRole("form", { name: "Rediger prosjektet" });
    const name = within(form).getByRole("textbox", { name: "Navn" });
    expect(within(form).getByRole("textbox", { name: "Kode" })).toHaveFocus();
    await user.clear(name);
    await user.type(name, "Oppvekst, utdanning og kultur");
    const ends = within(form).getByLabelText("Sluttdato");
    await user.clear(ends);
    await user.type(ends, "2018-01-31");
    await user.click(within(form).getByRole("button", { name: "Lagre" }));

    await waitFor(() => expect(ends).toHaveAttribute("aria-invalid", "true"));
    expect(ends).toHaveAccessibleDescription(expect.stringContaining("Kan ikke være før starten (15. aug. 2018)."));
    await waitFor(() => expect(ends).toHaveFocus());

    await user.clear(ends);
    await user.type(ends, "2027-12-31");
    await user.click(within(form).getByRole("button", { name: "Lagre" }));
    expect(await screen.findByRole("heading", { level: 1, name: "VO1 Oppvekst, utdanning og kultur" })).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Rediger prosjektet" })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Rediger prosjektet" })).toHaveFocus());
    const patches = api.made("PATCH", PROJECT);
    expect(patches).toHaveLength(2);
    expect(patches[1].ifMatch).toBe('"1"');
    expect(patches[1].body).toEqual({ name: "Oppvekst, utdanning og kultur", ends_on: "2027-12-31" });
  });

  test("a change someone else saved first is offered side by side and saved on the newest version", async () => {
    const kept = keptRecord(project);
    const api = projectApi({ [`GET ${PROJECT}`]: kept.get, [`PATCH ${PROJECT}`]: kept.patch });
    const user = userEvent.setup();
    renderProject();
    await user.click(await screen.findByRole("button", { name: "Rediger prosjektet" }));
    const form = screen.getByRole("form", { name: "Rediger prosjektet" });
    const name = within(form).getByRole("textbox", { name: "Navn" });
    await user.clear(name);
    await user.type(name, "Mitt navn");
    kept.current = { ...project, version: 2, name: "Deres navn" };
    await user.click(within(form).getByRole("button", { name: "Lagre" }));

    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByRole("radio", { name: "Lagret nå: Deres navn" })).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Lagre valgene" }));
    await waitFor(() => expect(api.made("PATCH", PROJECT)).toHaveLength(2));
    expect(api.made("PATCH", PROJECT)[1].ifMatch).toBe('"2"');
    expect(api.made("PATCH", PROJECT)[1].body).toEqual({ name: "Mitt navn" });
  });

  test("deleting asks first, and a project other records refer to is refused with the reason in bokmål", async () => {
    let refuse = true;
    const api = projectApi({
      [`DELETE ${PROJECT}`]: () =>
        refuse
          ? {
              status: 409,
              body: {
                type: "https://samskap.no/problems/conflict",
                title: "Conflict",
                status: 409,
                detail: "The project is still referred to by other records; remove or move those first.",
              },
            }
          : { status: 204 },
    });
    const user = userEvent.setup();
    renderProject();
    await user.click(await screen.findByRole("button", { name: "Slett prosjektet" }));
    const dialog = await screen.findByRole("dialog", { name: "Slette prosjektet?" });
    expect(dialog).toHaveTextContent("VO1 Oppvekst og utdanning slettes med fasene");
    expect(api.made("DELETE", PROJECT)).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Slett prosjektet" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("Prosjektet har fortsatt grupper, oppgaver, frister eller annet knyttet til seg.");
    expect(alert).not.toHaveTextContent("referred");

    refuse = false;
    await user.click(within(dialog).getByRole("button", { name: "Slett prosjektet" }));
    await waitFor(() => expect(api.made("DELETE", PROJECT)).toHaveLength(2));
    expect(api.made("DELETE", PROJECT)[1].ifMatch).toBe('"1"');
    // The deleted project's page is left for the programme's (not rendered here).
    await waitFor(() => expect(screen.queryByRole("heading", { level: 1 })).not.toBeInTheDocument());
  });

  test("a member gets no set-up buttons", async () => {
    projectApi({ "GET /api/v1/auth/me": me("member") });
    renderProject();
    await screen.findByRole("heading", { level: 1, name: "VO1 Oppvekst og utdanning" });
    await screen.findByRole("button", { name: "Rediger mandat og tilstand" });
    expect(screen.queryByRole("button", { name: "Rediger prosjektet" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Slett prosjektet" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Ny gruppe" })).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import {
  aPerson,
  aProgramme,
  aProject,
  fakeApi,
  keptRecord,
  me,
  page,
  problem,
  PROGRAMME_ID,
  renderRoutes,
  type ApiCall,
  type Reply,
} from "../projects/testing";
import { NewGroupButton } from "./GroupDialog";
import GroupPage from "./GroupPage";

const GROUP_ID = "00000000-0000-7000-8000-0000000000g1";
const GROUP = `/api/v1/groups/${GROUP_ID}`;
const MEMBERS = `${GROUP}/members`;
const project = aProject();
const line = aPerson();

const group: Schemas["GroupRead"] = {
  id: GROUP_ID,
  created_at: "2026-01-01T10:00:00Z",
  updated_at: "2026-01-01T10:00:00Z",
  version: 1,
  programme_id: PROGRAMME_ID,
  project_id: project.id,
  kind: "project_board",
  name: "Prosjektstyre Oppvekst og utdanning",
  description: null,
  mandate_text: null,
  mandate_status: "draft",
  mandate_decision_id: null,
  external_id: null,
};

const seat: Schemas["MemberRead"] = {
  id: "00000000-0000-7000-8000-0000000000m1",
  created_at: "2026-01-01T10:00:00Z",
  updated_at: "2026-01-01T10:00:00Z",
  version: 3,
  programme_id: PROGRAMME_ID,
  group_id: GROUP_ID,
  person_id: line.id,
  role: "member",
  party: "administration",
  municipality_number: "0217",
  allocation_percent: 20,
  starts_on: "2018-08-15",
  ends_on: null,
};

afterEach(() => vi.unstubAllGlobals());

function groupApi(overrides: Record<string, Reply | ((call: ApiCall) => Reply)> = {}) {
  return fakeApi({
    "GET /api/v1/auth/me": me(),
    [`GET /api/v1/programmes/${PROGRAMME_ID}`]: { body: aProgramme() },
    [`GET /api/v1/projects/${project.id}`]: { body: project, etag: '"1"' },
    "GET /api/v1/projects": page([project]),
    [`GET ${GROUP}`]: { body: group, etag: '"1"' },
    [`GET ${MEMBERS}`]: page([seat]),
    "GET /api/v1/people": page([line]),
    [`GET ${GROUP}/composition`]: { body: [] },
    [`GET ${GROUP}/attendance`]: { body: [] },
    [`GET ${GROUP}/criteria`]: {
      body: {
        group_id: GROUP_ID,
        group_kind: "project_board",
        criteria: [],
        summary: { total: 0, met: 0, partly_met: 0, not_met: 0, not_assessed: 0 },
      },
    },
    ...overrides,
  });
}

/** The group page, and the project page a deleted group's page gives way to (its heading only). */
const renderApp = (url: string, start = <GroupPage />) =>
  renderRoutes(url, {
    "/p/:programmeId/groups/:groupId": <GroupPage />,
    "/p/:programmeId/projects/:projectId": start,
  });

describe("NewGroupDialog", () => {
  test("creates a board of the project with its mandate's draft, then opens the new group", async () => {
    const api = groupApi({
      "POST /api/v1/groups": (call: ApiCall) => ({
        status: 201,
        body: { ...group, ...(call.body as object) },
        etag: '"1"',
      }),
    });
    const user = userEvent.setup();
    renderApp(
      `/p/${PROGRAMME_ID}/projects/${project.id}`,
      <NewGroupButton programmeId={PROGRAMME_ID} projectId={project.id} />,
    );
    await user.click(await screen.findByRole("button", { name: "Ny gruppe" }));
    const dialog = await screen.findByRole("dialog", { name: "Ny gruppe" });
    const kind = within(dialog).getByRole("combobox", { name: "Type gruppe" });
    expect(kind).toHaveFocus();
    expect(kind).toBeRequired();
    await user.click(within(dialog).getByRole("button", { name: "Opprett gruppen" }));
    expect(kind).toHaveAccessibleDescription("Velg hva slags gruppe det er.");
    expect(within(dialog).getByRole("textbox", { name: "Navn" })).toHaveAccessibleDescription(
      expect.stringContaining("Skriv gruppens navn."),
    );
    expect(api.made("POST", "/api/v1/groups")).toHaveLength(0);

    await user.selectOptions(kind, "Prosjektstyre");
    await user.type(within(dialog).getByRole("textbox", { name: "Navn" }), "Prosjektstyre Oppvekst og utdanning");
    // The project whose page it was opened from is chosen already.
    await waitFor(() =>
      expect(within(dialog).getByRole("combobox", { name: "Prosjekt" })).toHaveDisplayValue("VO1 Oppvekst og utdanning"),
    );
    await user.type(within(dialog).getByRole("textbox", { name: /Mandat/ }), "Styret følger opp prosjektet.");
    await user.click(within(dialog).getByRole("button", { name: "Opprett gruppen" }));

    const heading = await screen.findByRole("heading", { level: 1, name: group.name });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(api.made("POST", "/api/v1/groups")[0].body).toEqual({
      programme_id: PROGRAMME_ID,
      kind: "project_board",
      name: "Prosjektstyre Oppvekst og utdanning",
      project_id: project.id,
      description: null,
      mandate_text: "Styret følger opp prosjektet.",
      mandate_status: "draft",
    });
  });
});

describe("the group page", () => {
  const url = `/p/${PROGRAMME_ID}/groups/${GROUP_ID}`;

  test("edits the group's facts with If-Match, and focus returns to the button", async () => {
    const kept = keptRecord(group);
    const api = groupApi({ [`GET ${GROUP}`]: kept.get, [`PATCH ${GROUP}`]: kept.patch });
    const user = userEvent.setup();
    renderApp(url);
    const edit = await screen.findByRole("button", { name: "Rediger gruppen" });
    await user.click(edit);
    const dialog = await screen.findByRole("dialog", { name: `Rediger ${group.name}` });
    expect(within(dialog).getByRole("combobox", { name: "Type gruppe" })).toHaveFocus();
    // The mandate has its own form on the page.
    expect(within(dialog).queryByRole("textbox", { name: /Mandat/ })).not.toBeInTheDocument();
    const name = within(dialog).getByRole("textbox", { name: "Navn" });
    await user.clear(name);
    await user.type(name, "Styringsgruppe Oppvekst");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Type gruppe" }), "Styringsgruppe");
    await user.click(within(dialog).getByRole("button", { name: "Lagre" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Styringsgruppe Oppvekst" })).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Rediger gruppen" })).toHaveFocus());
    const [patch] = api.made("PATCH", GROUP);
    expect(patch.ifMatch).toBe('"1"');
    expect(patch.body).toEqual({ kind: "steering_group", name: "Styringsgruppe Oppvekst" });
  });

  test("deletes the group after asking, then opens its project", async () => {
    const api = groupApi({
      [`DELETE ${GROUP}`]: { status: 204 },
    });
    const user = userEvent.setup();
    renderApp(url, <h1>VO1 Oppvekst og utdanning</h1>);
    await user.click(await screen.findByRole("button", { name: "Slett gruppen" }));
    const dialog = await screen.findByRole("dialog", { name: "Slette gruppen?" });
    expect(dialog).toHaveTextContent(`${group.name} slettes med medlemmene sine.`);
    await user.click(within(dialog).getByRole("button", { name: "Slett gruppen" }));
    expect(await screen.findByRole("heading", { level: 1, name: "VO1 Oppvekst og utdanning" })).toBeInTheDocument();
    expect(api.made("DELETE", GROUP)[0].ifMatch).toBe('"1"');
  });

  test("a group other records refer to is not deleted, and the dialog says why in bokmål", async () => {
    groupApi({
      [`DELETE ${GROUP}`]: {
        status: 409,
        body: {
          type: "https://samskap.no/problems/conflict",
          title: "Conflict",
          status: 409,
          detail: "The group is still referred to by other records; remove or move those first.",
        },
      },
    });
    const user = userEvent.setup();
    renderApp(url);
    await user.click(await screen.findByRole("button", { name: "Slett gruppen" }));
    const dialog = await screen.findByRole("dialog", { name: "Slette gruppen?" });
    await user.click(within(dialog).getByRole("button", { name: "Slett gruppen" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Møter, oppgaver, frister, vedtak eller annet er fortsatt knyttet til gruppen.",
    );
  });

  test("a member's role and seat are changed with If-Match, and the table shows the change", async () => {
    let current = seat;
    const path = `${MEMBERS}/${seat.id}`;
    const api = groupApi({
      [`GET ${MEMBERS}`]: () => page([current]),
      [`PATCH ${path}`]: (call: ApiCall) => {
        current = { ...current, ...(call.body as object), version: current.version + 1 };
        return { body: current, etag: `"${current.version}"` };
      },
    });
    const user = userEvent.setup();
    renderApp(url);
    const change = await screen.findByRole("button", { name: "Endre vervet til Line Aasheim" });
    await user.click(change);
    const dialog = await screen.findByRole("dialog", { name: "Endre vervet til Line Aasheim" });
    const role = within(dialog).getByRole("combobox", { name: "Rolle" });
    expect(role).toHaveFocus();
    await user.selectOptions(role, "Leder");
    const allocation = within(dialog).getByRole("spinbutton", { name: "Stillingsandel" });
    await user.clear(allocation);
    await user.type(allocation, "40");
    await user.click(within(dialog).getByRole("button", { name: "Lagre" }));

    const table = await screen.findByRole("table", { name: `Medlemmer av ${group.name}` });
    await waitFor(() => expect(within(table).getAllByRole("row")[1]).toHaveTextContent("Leder"));
    expect(within(table).getAllByRole("row")[1]).toHaveTextContent("40 %");
    await waitFor(() => expect(screen.getByRole("button", { name: "Endre vervet til Line Aasheim" })).toHaveFocus());
    const [patch] = api.made("PATCH", path);
    expect(patch.ifMatch).toBe('"3"');
    expect(patch.body).toEqual({ role: "chair", allocation_percent: 40 });
  });

  test("a seat the API refuses shows the objection at its field", async () => {
    const path = `${MEMBERS}/${seat.id}`;
    groupApi({
      [`PATCH ${path}`]: problem(422, [
        {
          pointer: "/ends_on",
          code: "before_start",
          detail: "must not be before starts_on (2018-08-15)",
          params: { field: "starts_on", value: "2018-08-15" },
        },
      ]),
    });
    const user = userEvent.setup();
    renderApp(url);
    await user.click(await screen.findByRole("button", { name: "Endre vervet til Line Aasheim" }));
    const dialog = await screen.findByRole("dialog");
    const ends = within(dialog).getByLabelText("Til");
    await user.type(ends, "2018-01-01");
    await user.click(within(dialog).getByRole("button", { name: "Lagre" }));
    await waitFor(() => expect(ends).toHaveAttribute("aria-invalid", "true"));
    expect(ends).toHaveAccessibleDescription("Kan ikke være før starten (15. aug. 2018).");
    await waitFor(() => expect(ends).toHaveFocus());
  });

  test("a seat someone else changed first is offered side by side", async () => {
    const kept = keptRecord(seat);
    const path = `${MEMBERS}/${seat.id}`;
    const api = groupApi({ [`GET ${path}`]: kept.get, [`PATCH ${path}`]: kept.patch });
    const user = userEvent.setup();
    renderApp(url);
    await user.click(await screen.findByRole("button", { name: "Endre vervet til Line Aasheim" }));
    const dialog = await screen.findByRole("dialog", { name: "Endre vervet til Line Aasheim" });
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Rolle" }), "Sekretær");
    kept.current = { ...seat, version: 4, role: "deputy_chair" };
    await user.click(within(dialog).getByRole("button", { name: "Lagre" }));

    const conflict = await screen.findByRole("dialog", { name: "Noen andre har endret dette" });
    expect(within(conflict).getByRole("radio", { name: "Lagret nå: Nestleder" })).toBeInTheDocument();
    expect(within(conflict).getByRole("radio", { name: "Din endring: Sekretær" })).toBeChecked();
    await user.click(within(conflict).getByRole("button", { name: "Lagre valgene" }));
    await waitFor(() => expect(api.made("PATCH", path)).toHaveLength(2));
    expect(api.made("PATCH", path)[1]).toMatchObject({ ifMatch: '"4"', body: { role: "secretary" } });
  });

  test("a member of the programme gets no group set-up buttons", async () => {
    groupApi({ "GET /api/v1/auth/me": me("member") });
    renderApp(url);
    await screen.findByRole("heading", { level: 1, name: group.name });
    await screen.findByRole("button", { name: "Rediger mandat" });
    expect(screen.queryByRole("button", { name: "Rediger gruppen" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Slett gruppen" })).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import {
  aPerson,
  aProgramme,
  aProject,
  fakeApi,
  me,
  page,
  problem,
  PROGRAMME_ID,
  renderPage,
  type ApiCall,
  type Reply,
} from "../projects/testing";
import { aDecision } from "../decisions/testing";
import GroupPage from "./GroupPage";

const GROUP_ID = "00000000-0000-7000-8000-0000000000g1";
const GROUP = `/api/v1/groups/${GROUP_ID}`;
const MEMBERS = `/api/v1/groups/${GROUP_ID}/members`;
// Seed 003: the joint committee approves the mandates the boards propose.
const approval = aDecision({
  id: "00000000-0000-7000-8000-0000000000d7",
  project_id: null,
  case_number: null,
  title: "Godkjenning av mandater for prosjektene",
  status: "final",
  reorganisation: false,
  finalised_at: "2018-08-20T10:00:00Z",
});
const line = aPerson();
const sindre = aPerson({
  id: "00000000-0000-7000-8000-0000000000p2",
  name: "Sindre Aune",
  municipality_number: "0213",
});

const group: Schemas["GroupRead"] = {
  id: GROUP_ID,
  created_at: "2026-01-01T10:00:00Z",
  updated_at: "2026-01-01T10:00:00Z",
  version: 1,
  programme_id: PROGRAMME_ID,
  project_id: aProject().id,
  kind: "working_group",
  name: "Arbeidsgruppe Oppvekst og utdanning",
  description: null,
  mandate_text: "Virksomhetslederne bidrar i faggrupper.",
  mandate_status: "proposed",
  mandate_decision_id: null,
  external_id: null,
};

const chair: Schemas["MemberRead"] = {
  id: "00000000-0000-7000-8000-0000000000m1",
  created_at: "2026-01-01T10:00:00Z",
  updated_at: "2026-01-01T10:00:00Z",
  version: 3,
  programme_id: PROGRAMME_ID,
  group_id: GROUP_ID,
  person_id: line.id,
  role: "chair",
  party: "administration",
  municipality_number: "0217",
  allocation_percent: 20,
  starts_on: "2018-08-15",
  ends_on: null,
};

function groupApi(overrides: Record<string, Reply | ((call: ApiCall) => Reply)> = {}) {
  return fakeApi({
    "GET /api/v1/auth/me": me(),
    [`GET /api/v1/programmes/${PROGRAMME_ID}`]: { body: aProgramme() },
    [`GET /api/v1/projects/${aProject().id}`]: { body: aProject(), etag: '"1"' },
    [`GET ${GROUP}`]: { body: group, etag: '"1"' },
    [`GET ${MEMBERS}`]: page([chair]),
    "GET /api/v1/people": page([line, sindre]),
    [`GET ${GROUP}/criteria`]: {
      body: {
        group_id: GROUP_ID,
        group_kind: "working_group",
        criteria: [],
        summary: { total: 0, met: 0, partly_met: 0, not_met: 0, not_assessed: 0 },
      },
    },
    ...overrides,
  });
}

const render = () =>
  renderPage(<GroupPage />, { route: "/p/:programmeId/groups/:groupId", url: `/p/${PROGRAMME_ID}/groups/${GROUP_ID}` });

afterEach(() => vi.unstubAllGlobals());

describe("GroupPage", () => {
  test("shows kind, mandate status and members with names, roles, parties and municipality names", async () => {
    groupApi();
    render();
    expect(await screen.findByRole("heading", { level: 1, name: group.name })).toBeInTheDocument();
    expect(screen.getByText("Arbeidsgruppe")).toBeInTheDocument();
    expect(screen.getByText("Foreslått")).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "VO1 Oppvekst og utdanning" })).toBeInTheDocument();

    const table = await screen.findByRole("table", { name: `Medlemmer av ${group.name}` });
    const row = within(table).getAllByRole("row")[1];
    const cells = within(row).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells.slice(0, 7)).toEqual([
      "Line Aasheim",
      "Leder",
      "Administrasjon",
      "Oppegård",
      "20 %",
      "15. aug. 2018",
      "—",
    ]);
    expect(within(row).getByRole("link", { name: "Line Aasheim" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/people/${line.id}`,
    );
  });

  test("the composition findings are worded in bokmål from their facts, with rule and source", async () => {
    const board = { ...group, kind: "project_board" as const, name: "Prosjektstyre Oppvekst og utdanning" };
    const source = "Fellesnemnda: prosjektstyrene består av administrative ledere fra alle tre kommuner (seed 003)";
    groupApi({
      [`GET ${GROUP}`]: { body: board, etag: '"1"' },
      [`GET /api/v1/groups/${GROUP_ID}/composition`]: {
        body: [
          {
            rule: "board-municipalities",
            title: "A project board has a leader from every participating municipality",
            source,
            message: `${board.name}: no leader from Ski`,
            facts: { group: board.name, municipalities: ["Ski"] },
            record_type: "group",
            record_id: GROUP_ID,
            project_id: board.project_id,
          },
        ] satisfies Schemas["Finding"][],
      },
    });
    render();
    const section = await screen.findByRole("region", { name: "Sammensetning" });
    const [finding] = await within(section).findAllByRole("listitem");
    expect(finding).toHaveTextContent(`${board.name}: ingen leder fra Ski.`);
    expect(finding).toHaveTextContent(`Kilde: ${source}`);
    expect(finding).toHaveTextContent("Et prosjektstyre har en leder fra hver kommune som deltar.");
    expect(finding).not.toHaveTextContent("no leader");
    expect(finding).not.toHaveTextContent("A project board");
  });

  test("the mandate form sends only the changed fields with If-Match, and the page shows the saved mandate", async () => {
    let current: Schemas["GroupRead"] = { ...group, mandate_status: "draft" };
    const api = groupApi({
      [`GET ${GROUP}`]: () => ({ body: current, etag: `"${current.version}"` }),
      [`PATCH ${GROUP}`]: (call: ApiCall) => {
        current = { ...current, ...(call.body as object), version: current.version + 1 };
        return { body: current, etag: `"${current.version}"` };
      },
      "GET /api/v1/decisions": page([approval]),
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger mandat" }));
    const form = screen.getByRole("form", { name: "Rediger mandatet" });
    const text = within(form).getByRole("textbox", { name: "Mandattekst" });
    expect(text).toHaveValue(group.mandate_text);
    const status = within(form).getByRole("combobox", { name: "Status for mandatet" });
    // From draft a mandate can only be proposed.
    expect(within(status).getAllByRole("option").map((o) => o.textContent)).toEqual(["Utkast", "Foreslått"]);
    await user.clear(text);
    await user.type(text, "Styret foreslår mandatet.");
    await user.selectOptions(status, "Foreslått");
    await user.click(within(form).getByRole("button", { name: "Lagre" }));

    const mandate = screen.getByRole("region", { name: "Mandat" });
    expect(await within(mandate).findByText("Styret foreslår mandatet.")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Rediger mandatet" })).not.toBeInTheDocument();
    expect(within(mandate).getByText("Foreslått")).toBeInTheDocument();
    expect(within(mandate).getByRole("status")).toHaveTextContent("Lagret");
    const [patch] = api.made("PATCH", GROUP);
    expect(patch.ifMatch).toBe('"1"');
    expect(patch.body).toEqual({ mandate_text: "Styret foreslår mandatet.", mandate_status: "proposed" });
  });

  test("approving without a decision shows the API's objection at the decision, then the decision is named", async () => {
    let current = group;
    const api = groupApi({
      [`GET ${GROUP}`]: () => ({ body: current, etag: `"${current.version}"` }),
      [`PATCH ${GROUP}`]: (call: ApiCall) => {
        const changes = call.body as Partial<Schemas["GroupRead"]>;
        if (!changes.mandate_decision_id) {
          return problem(422, [
            {
              pointer: "/mandate_decision_id",
              code: "mandate_decision_required",
              detail: "an approved mandate names the decision that approved it",
            },
          ]);
        }
        current = { ...current, ...changes, version: current.version + 1 };
        return { body: current, etag: `"${current.version}"` };
      },
      "GET /api/v1/decisions": page([approval]),
      [`GET /api/v1/decisions/${approval.id}`]: { body: approval, etag: '"3"' },
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger mandat" }));
    expect(screen.queryByRole("combobox", { name: "Godkjent ved vedtak" })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Status for mandatet" }), "Godkjent");
    await user.click(screen.getByRole("button", { name: "Lagre" }));

    const decision = screen.getByRole("combobox", { name: "Godkjent ved vedtak" });
    await waitFor(() => expect(decision).toHaveAttribute("aria-invalid", "true"));
    expect(decision).toHaveAccessibleDescription(
      expect.stringContaining("Velg vedtaket som godkjente mandatet."),
    );
    expect(screen.getByRole("combobox", { name: "Status for mandatet" })).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Noen felt må rettes.");
    expect(screen.getByRole("alert")).not.toHaveTextContent("an approved mandate");
    const [refused] = api.made("PATCH", GROUP);
    expect(refused.ifMatch).toBe('"1"');
    expect(refused.body).toEqual({ mandate_status: "approved" });

    await user.selectOptions(decision, approval.title);
    await user.click(screen.getByRole("button", { name: "Lagre" }));
    const mandate = screen.getByRole("region", { name: "Mandat" });
    const link = await within(mandate).findByRole("link", { name: approval.title });
    expect(link).toHaveAttribute("href", `/p/${PROGRAMME_ID}/decisions/${approval.id}`);
    expect(within(mandate).getByText("Godkjent")).toBeInTheDocument();
    const [, approved] = api.made("PATCH", GROUP);
    expect(approved.ifMatch).toBe('"1"');
    expect(approved.body).toEqual({ mandate_status: "approved", mandate_decision_id: approval.id });
  });

  test("on 412 the conflict dialog shows the mandate's status in words and the decision by its title", async () => {
    let current = group;
    groupApi({
      [`GET ${GROUP}`]: () => ({ body: current, etag: `"${current.version}"` }),
      [`PATCH ${GROUP}`]: () => {
        // Someone else sent the mandate back to draft meanwhile.
        current = { ...group, version: 2, mandate_status: "draft" };
        return problem(412);
      },
      "GET /api/v1/decisions": page([approval]),
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger mandat" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Status for mandatet" }), "Godkjent");
    await user.selectOptions(await screen.findByRole("combobox", { name: "Godkjent ved vedtak" }), approval.title);
    await user.click(screen.getByRole("button", { name: "Lagre" }));

    const dialog = await screen.findByRole("dialog");
    const status = within(dialog).getByRole("group", { name: "Status for mandatet" });
    expect(within(status).getByRole("radio", { name: "Lagret nå: Utkast" })).not.toBeChecked();
    expect(within(status).getByRole("radio", { name: "Din endring: Godkjent" })).toBeChecked();
    const decision = within(dialog).getByRole("group", { name: "Godkjent ved vedtak" });
    expect(within(decision).getByRole("radio", { name: "Lagret nå: —" })).toBeInTheDocument();
    expect(within(decision).getByRole("radio", { name: `Din endring: ${approval.title}` })).toBeChecked();
  });

  test("an observer sees the mandate but not the form", async () => {
    groupApi({ "GET /api/v1/auth/me": me("observer") });
    render();
    expect(await screen.findByText(group.mandate_text!)).toBeInTheDocument();
    await screen.findByRole("table", { name: `Medlemmer av ${group.name}` });
    expect(screen.queryByRole("button", { name: "Rediger mandat" })).not.toBeInTheDocument();
  });

  test("adding a member without person and party is stopped before the API", async () => {
    const api = groupApi();
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Legg til medlem" }));
    // stringContaining: SelectField names its message twice (its own aria-describedby and ds-field's).
    expect(await screen.findByRole("combobox", { name: "Person" })).toHaveAccessibleDescription(
      expect.stringContaining("Velg hvem som skal bli medlem."),
    );
    expect(screen.getByRole("combobox", { name: "Part" })).toHaveAccessibleDescription(
      expect.stringContaining("Velg hvilken part medlemmet representerer."),
    );
    expect(api.made("POST", MEMBERS)).toHaveLength(0);
  });

  test("adding a member sends the seat, and the API's field errors are shown next to the fields", async () => {
    let answer: Reply = problem(422, [
      {
        pointer: "/allocation_percent",
        code: "less_than_equal",
        params: { le: "100" },
        detail: "Input should be less than or equal to 100",
      },
    ]);
    const api = groupApi({ [`POST ${MEMBERS}`]: () => answer });
    const user = userEvent.setup();
    render();
    await screen.findByRole("option", { name: "Sindre Aune" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Person" }), "Sindre Aune");
    await user.selectOptions(screen.getByRole("combobox", { name: "Part" }), "Arbeidstakere");
    await user.selectOptions(screen.getByRole("combobox", { name: "Kommune" }), "Ski");
    const allocation = screen.getByRole("spinbutton", { name: "Stillingsandel" });
    await user.type(allocation, "150");
    await user.click(screen.getByRole("button", { name: "Legg til medlem" }));

    await waitFor(() => expect(allocation).toHaveAttribute("aria-invalid", "true"));
    expect(allocation).toHaveAccessibleDescription("Kan være høyst 100.");
    expect(api.made("POST", MEMBERS)[0].body).toEqual({
      person_id: sindre.id,
      role: "member",
      party: "employees",
      municipality_number: "0213",
      allocation_percent: 150,
      starts_on: null,
      ends_on: null,
    });

    answer = { status: 201, body: { ...chair, id: "m2", person_id: sindre.id, role: "member" } };
    await user.clear(allocation);
    await user.type(allocation, "20");
    await user.click(screen.getByRole("button", { name: "Legg til medlem" }));
    expect(await screen.findByText("Sindre Aune er lagt til i gruppen.")).toBeInTheDocument();
    expect(api.made("POST", MEMBERS)[1].body).toMatchObject({ allocation_percent: 20 });
  });

  test("removing a member asks first, then deletes with If-Match", async () => {
    let members = [chair];
    const api = groupApi({
      [`GET ${MEMBERS}`]: () => page(members),
      [`DELETE ${MEMBERS}/${chair.id}`]: () => {
        members = [];
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Fjern Line Aasheim" }));

    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent(`Line Aasheim fjernes som leder i ${group.name}.`);
    expect(api.made("DELETE", `${MEMBERS}/${chair.id}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Fjern medlemmet" }));

    expect(await screen.findByText("Gruppen har ingen medlemmer ennå.")).toBeInTheDocument();
    const [removal] = api.made("DELETE", `${MEMBERS}/${chair.id}`);
    expect(removal.ifMatch).toBe('"3"');
  });

  test("a refused removal is shown in the dialog", async () => {
    groupApi({ [`DELETE ${MEMBERS}/${chair.id}`]: problem(403, [], "Your role may not delete this member.") });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Fjern Line Aasheim" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Fjern medlemmet" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Your role may not delete this member.");
  });
});

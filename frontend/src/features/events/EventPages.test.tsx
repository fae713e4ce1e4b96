import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import {
  aPerson,
  fakeApi,
  me,
  page,
  problem,
  PROGRAMME_ID,
  renderPage,
  type ApiCall,
  type Reply,
} from "../projects/testing";
import EventPage from "./EventPage";
import EventsPage from "./EventsPage";

type EventRecord = Schemas["EventRead"];
type Deadline = Schemas["DeadlineRead"];

const EVENT_ID = "00000000-0000-7000-8000-0000000000e1";
const EVENT = `/api/v1/events/${EVENT_ID}`;
const liv = aPerson({
  id: "00000000-0000-7000-8000-0000000000p7",
  name: "Liv Tveiten",
  title: "Hovedtillitsvalgt",
  affiliation: "union_representative",
});
const line = aPerson();
const forum = { id: "00000000-0000-7000-8000-0000000000g2", name: "Drøftingsforum Nordre Follo" };

function anEvent(overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    id: EVENT_ID,
    created_at: "2018-11-01T10:00:00Z",
    updated_at: "2018-11-01T10:00:00Z",
    version: 3,
    programme_id: PROGRAMME_ID,
    group_id: forum.id,
    project_id: null,
    title: "Drøftingsmøte: organisering av Oppvekst og utdanning",
    kind: "consultation_meeting",
    starts_at: "2018-11-20T08:00:00Z",
    ends_at: "2018-11-20T10:00:00Z",
    location: "Ski rådhus, møterom Follo",
    agenda: [],
    participants: [
      { person_id: liv.id, attendance: null, reply: null, replied_at: null },
      { person_id: line.id, attendance: null, reply: "declined", replied_at: "2018-11-19T08:00:00Z" },
    ],
    minutes: null,
    protocol: null,
    external_id: null,
    ...overrides,
  };
}

/** The API with one event that PATCH changes as the real one does: merged, one version on. */
function eventApi(
  event: EventRecord,
  {
    role = "editor",
    patch,
    routes = {},
  }: {
    role?: Schemas["ProgrammeRole"];
    /** More answers, by "METHOD /path". */
    routes?: Record<string, Reply | ((call: ApiCall) => Reply)>;
    /** An answer of its own to a PATCH, instead of saving it; it may replace the stored event. */
    patch?: (call: ApiCall, replace: (event: EventRecord) => void) => Reply | undefined;
  } = {},
) {
  let current = event;
  const api = fakeApi({
    "GET /api/v1/auth/me": me(role),
    "GET /api/v1/people": page([line, liv]),
    "GET /api/v1/groups": page([forum]),
    "GET /api/v1/projects": page([]),
    "GET /api/v1/deadlines": page([]),
    ...routes,
    [`GET ${EVENT}`]: () => ({ body: current, etag: `"${current.version}"` }),
    [`PATCH ${EVENT}`]: (call) => {
      const refused = patch?.(call, (next) => (current = next));
      if (refused) return refused;
      if (call.ifMatch !== `"${current.version}"`) return problem(412, [], "stale version");
      current = { ...current, ...(call.body as Partial<EventRecord>), version: current.version + 1 };
      return { body: current, etag: `"${current.version}"` };
    },
  });
  return { ...api, current: () => current };
}

const renderEvent = () =>
  renderPage(<EventPage />, { route: "/p/:programmeId/events/:eventId", url: `/p/${PROGRAMME_ID}/events/${EVENT_ID}` });

const renderList = (search = "") =>
  renderPage(<EventsPage />, { route: "/p/:programmeId/events", url: `/p/${PROGRAMME_ID}/events${search}` });

afterEach(() => vi.unstubAllGlobals());

describe("EventsPage", () => {
  test("lists the events by start with their kind, time in Oslo and whether the protocol is signed", async () => {
    const api = fakeApi({
      "GET /api/v1/auth/me": me(),
      "GET /api/v1/groups": page([forum]),
      "GET /api/v1/projects": page([]),
      "GET /api/v1/events": page([
        anEvent({
          id: "00000000-0000-7000-8000-0000000000e2",
          title: "Drøftingsmøte om Oppvekst",
          protocol: { matter: "Organisering", parties_present: ["employees"], signed_at: "2018-11-20T10:00:00Z" },
        }),
        anEvent({ id: "00000000-0000-7000-8000-0000000000e3", title: "Drøftingsmøte om Helse", group_id: null }),
        anEvent({
          id: "00000000-0000-7000-8000-0000000000e4",
          title: "Trepartsverksted",
          kind: "workshop",
          starts_at: "2018-12-01T08:00:00Z",
          ends_at: "2018-12-01T14:30:00Z",
        }),
      ]),
    });
    renderList();

    const table = await screen.findByRole("table", { name: "Møter, tidligste først" });
    const signed = within(table).getByRole("row", { name: /Drøftingsmøte om Oppvekst/ });
    expect(within(signed).getByText("Drøftingsmøte")).toBeInTheDocument();
    expect(within(signed).getByText("Signert")).toBeInTheDocument();
    expect(within(signed).getByText("20. nov. 2018, 11:00")).toBeInTheDocument();
    // 08:00 UTC is 09:00 in Oslo in November.
    expect(within(signed).getByText("20. nov. 2018, 09:00–11:00")).toBeInTheDocument();
    expect(await within(signed).findByText(forum.name)).toBeInTheDocument();
    expect(within(signed).getByRole("link", { name: "Drøftingsmøte om Oppvekst" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/events/00000000-0000-7000-8000-0000000000e2`,
    );

    const unsigned = within(table).getByRole("row", { name: /Drøftingsmøte om Helse/ });
    expect(within(unsigned).getByText("Ikke signert")).toBeInTheDocument();
    expect(within(unsigned).queryByText("Signert")).toBeNull();

    const workshop = within(table).getByRole("row", { name: /Trepartsverksted/ });
    expect(within(workshop).getByText("Verksted")).toBeInTheDocument();
    expect(within(workshop).queryByText(/signert/i)).toBeNull();

    const list = api.made("GET", "/api/v1/events")[0];
    expect(list.query.get("programme_id")).toBe(PROGRAMME_ID);
    expect(list.query.get("sort")).toBe("starts_at");
    expect(screen.getByRole("button", { name: "Nytt møte" })).toBeInTheDocument();
  });

  test("sends the filters in the URL to the API, past meetings latest first; observers cannot add", async () => {
    const api = fakeApi({
      "GET /api/v1/auth/me": me("observer"),
      "GET /api/v1/groups": page([forum]),
      "GET /api/v1/projects": page([]),
      "GET /api/v1/events": page([anEvent()]),
    });
    renderList(`?kind=consultation_meeting&group=${forum.id}&when=past`);

    expect(await screen.findByRole("table", { name: "Tidligere møter, siste først" })).toBeInTheDocument();
    const list = api.made("GET", "/api/v1/events")[0];
    expect(list.query.get("kind")).toBe("consultation_meeting");
    expect(list.query.get("group_id")).toBe(forum.id);
    expect(list.query.get("sort")).toBe("-starts_at");
    expect(list.query.get("starts_before")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(list.query.has("starts_after")).toBe(false);
    expect(screen.getByRole("combobox", { name: "Type" })).toHaveValue("consultation_meeting");
    await waitFor(() => expect(api.made("GET", "/api/v1/auth/me")).toHaveLength(1));
    expect(screen.queryByRole("button", { name: "Nytt møte" })).toBeNull();
  });

  test("shows the API's objection next to the field it concerns in the new-meeting form", async () => {
    const api = fakeApi({
      "GET /api/v1/auth/me": me(),
      "GET /api/v1/groups": page([forum]),
      "GET /api/v1/projects": page([]),
      "GET /api/v1/events": page([]),
      "POST /api/v1/events": problem(422, [
        { pointer: "/group_id", code: "unknown_reference", detail: "no group with this id in the programme" },
      ]),
    });
    const user = userEvent.setup();
    renderList();
    await user.click(await screen.findByRole("button", { name: "Nytt møte" }));
    const dialog = screen.getByRole("dialog", { name: "Nytt møte" });
    await user.type(within(dialog).getByRole("textbox", { name: "Tittel" }), "Drøftingsmøte om Helse");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Type" }), "consultation_meeting");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Gruppe" }), forum.id);
    // jsdom has no date picker to type into; the value is set as the picker would set it.
    fireEvent.change(within(dialog).getByLabelText("Starter (dato og klokkeslett, norsk tid)"), {
      target: { value: "2026-03-02T09:00" },
    });
    await user.click(within(dialog).getByRole("button", { name: "Opprett møtet" }));

    const group = within(dialog).getByRole("combobox", { name: "Gruppe" });
    await waitFor(() => expect(group).toHaveAttribute("aria-invalid", "true"));
    expect(group).toHaveAccessibleDescription(expect.stringContaining("Gruppen finnes ikke i programmet."));
    expect(within(dialog).getByRole("textbox", { name: "Tittel" })).not.toHaveAttribute("aria-invalid");
    const [sent] = api.made("POST", "/api/v1/events");
    expect(sent.body).toMatchObject({
      programme_id: PROGRAMME_ID,
      title: "Drøftingsmøte om Helse",
      kind: "consultation_meeting",
      group_id: forum.id,
      // Oslo is an hour ahead of UTC in March; the end is offered two hours after the start.
      starts_at: "2026-03-02T09:00:00+01:00",
      ends_at: "2026-03-02T11:00:00+01:00",
    });
  });
});

describe("EventPage", () => {
  test("fills in the protocol and signs it with If-Match; the page then shows it signed", async () => {
    const api = eventApi(anEvent());
    const user = userEvent.setup();
    renderEvent();

    const section = await screen.findByRole("region", { name: "Drøftingsprotokoll" });
    expect(within(section).getByText("Ikke signert")).toBeInTheDocument();
    await user.type(within(section).getByRole("textbox", { name: "Sak som ble drøftet" }), "Ny organisering");
    const parties = within(section).getByRole("group", { name: "Parter til stede" });
    await user.click(within(parties).getByRole("checkbox", { name: "Arbeidstakere" }));
    await user.click(within(parties).getByRole("checkbox", { name: "Administrasjon" }));
    await user.click(
      within(within(section).getByRole("group", { name: "Ble partene enige?" })).getByRole("radio", { name: "Ja" }),
    );
    await user.click(within(section).getByRole("button", { name: "Legg til et syn" }));
    const view = within(section).getByRole("group", { name: "Syn 1" });
    expect(within(view).getByRole("combobox", { name: "Part" })).toHaveValue("employees");
    await user.type(within(view).getByRole("textbox", { name: "Syn" }), "Enige i ledernivåene.");
    await user.click(within(section).getByRole("button", { name: "Signer protokollen" }));

    expect(await within(section).findByText("Signert")).toBeInTheDocument();
    const [sent] = api.made("PATCH", EVENT);
    expect(sent.ifMatch).toBe('"3"');
    expect(Object.keys(sent.body as object)).toEqual(["protocol"]);
    const protocol = (sent.body as { protocol: Schemas["Protocol"] }).protocol;
    expect(protocol).toMatchObject({
      matter: "Ny organisering",
      parties_present: ["administration", "employees"],
      agreed: true,
      views: [{ party: "employees", view: "Enige i ledernivåene." }],
    });
    expect(protocol.signed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    expect(new Date(protocol.signed_at!).getTime()).toBeLessThanOrEqual(Date.now());
    // Signed, the protocol is shown as it stands, with no form to change it.
    expect(within(section).queryByRole("textbox", { name: "Sak som ble drøftet" })).toBeNull();
    expect(within(section).getByText("Enige i ledernivåene.")).toBeInTheDocument();
    expect(within(section).getByRole("button", { name: "Trekk tilbake signaturen" })).toBeInTheDocument();
  });

  test("shows the API's objection to the signing time next to that field", async () => {
    eventApi(anEvent({ protocol: { matter: "Ny organisering", parties_present: ["employees"] } }), {
      patch: () => problem(422, [{ pointer: "/protocol/signed_at", code: "in_future", detail: "must not be in the future" }]),
    });
    const user = userEvent.setup();
    renderEvent();
    const section = await screen.findByRole("region", { name: "Drøftingsprotokoll" });
    expect(within(section).getByRole("textbox", { name: "Sak som ble drøftet" })).toHaveValue("Ny organisering");
    await user.click(within(section).getByRole("radio", { name: "Signert på et annet tidspunkt" }));
    const when = within(section).getByLabelText("Signert (dato og klokkeslett, norsk tid)");
    fireEvent.change(when, { target: { value: "2018-11-20T11:00" } });
    await user.click(within(section).getByRole("button", { name: "Signer protokollen" }));

    await waitFor(() => expect(when).toHaveAttribute("aria-invalid", "true"));
    expect(when).toHaveAccessibleDescription(expect.stringContaining("Tidspunktet kan ikke være fram i tid."));
    expect(within(section).getByRole("textbox", { name: "Sak som ble drøftet" })).not.toHaveAttribute("aria-invalid");
    expect(within(section).getByText("Ikke signert")).toBeInTheDocument();
  });

  test("records attendance row by row, each save with the version the one before left", async () => {
    const api = eventApi(anEvent());
    // The first answer is held back until the second click has been made.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const answer = vi.mocked(fetch).getMockImplementation()!;
    vi.mocked(fetch).mockImplementation(async (request: RequestInfo | URL) => {
      if ((request as Request).method === "PATCH") await held;
      return answer(request as Request);
    });
    const user = userEvent.setup();
    renderEvent();
    const livs = await screen.findByRole("group", { name: "Oppmøte for Liv Tveiten" });
    const lines = screen.getByRole("group", { name: `Oppmøte for ${line.name}` });
    await user.click(within(livs).getByRole("radio", { name: "Til stede" }));
    await user.click(within(lines).getByRole("radio", { name: "Meldt forfall" }));
    // The choices show at once, before they are saved.
    expect(within(livs).getByRole("radio", { name: "Til stede" })).toBeChecked();
    release();

    await waitFor(() => expect(api.made("PATCH", EVENT)).toHaveLength(2));
    const [first, second] = api.made("PATCH", EVENT);
    expect(first.ifMatch).toBe('"3"');
    expect(second.ifMatch).toBe('"4"');
    expect(second.body).toEqual({
      participants: [
        { person_id: liv.id, attendance: "present" },
        { person_id: line.id, attendance: "excused" },
      ],
    });
    await waitFor(() => expect(within(lines).getByRole("radio", { name: "Meldt forfall" })).toBeChecked());
    expect(within(livs).getByRole("radio", { name: "Til stede" })).toBeChecked();
    expect(screen.getByText(/2 invitert: 1 til stede, 1 meldt forfall/)).toBeInTheDocument();
  });

  test("a meeting that has not started offers no attendance to record, and says why", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    eventApi(anEvent({ starts_at: tomorrow, ends_at: tomorrow }));
    renderEvent();
    expect(await screen.findByText("Oppmøte registreres når møtet har begynt.")).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Oppmøte for Liv Tveiten" })).not.toBeInTheDocument();
    expect(screen.queryByRole("radio", { name: "Til stede" })).not.toBeInTheDocument();
  });

  test("invites the group's seated members who are not invited yet, in one save", async () => {
    const ola = aPerson({ id: "00000000-0000-7000-8000-0000000000p8", name: "Ola Berg" });
    const seat = (personId: string, overrides: Record<string, string | null> = {}) => ({
      id: `00000000-0000-7000-8000-0000000001${personId.slice(-2)}`,
      person_id: personId,
      group_id: forum.id,
      starts_on: "2018-01-01",
      ends_on: null,
      ...overrides,
    });
    const api = eventApi(anEvent({ participants: [{ person_id: liv.id, attendance: "present", reply: null, replied_at: null }] }), {
      routes: {
        "GET /api/v1/people": page([line, liv, ola]),
        [`GET /api/v1/groups/${forum.id}/members`]: page([
          seat(liv.id),
          seat(ola.id),
          seat(ola.id, { starts_on: "2017-01-01", ends_on: "2017-12-31" }),
          seat(line.id, { starts_on: "2017-01-01", ends_on: "2017-12-31" }),
        ]),
      },
    });
    const user = userEvent.setup();
    renderEvent();
    await user.click(await screen.findByRole("button", { name: "Inviter gruppens medlemmer" }));
    await waitFor(() => expect(api.made("PATCH", EVENT)).toHaveLength(1));
    const [invite] = api.made("PATCH", EVENT);
    expect(invite.ifMatch).toBe('"3"');
    expect(invite.body).toEqual({
      participants: [
        { person_id: liv.id, attendance: "present" },
        { person_id: ola.id, attendance: null },
      ],
    });
    expect(await screen.findByRole("group", { name: "Oppmøte for Ola Berg" })).toBeInTheDocument();
    const participants = screen.getByRole("region", { name: "Deltakere" });
    expect(within(participants).getByRole("status")).toHaveTextContent("1 av gruppens medlemmer er invitert.");
  });

  test("a save that meets a newer version opens the dialog with both versions", async () => {
    const theirs = anEvent({ version: 5, minutes: "Referat skrevet av en annen." });
    const api = eventApi(anEvent(), {
      // Someone else saved first: the API refuses the stale version and now holds theirs.
      patch: (_, replace) => {
        replace(theirs);
        return { status: 412, body: { type: "about:blank", title: "Precondition Failed", status: 412 } };
      },
    });
    const user = userEvent.setup();
    renderEvent();
    const minutes = await screen.findByRole("textbox", { name: "Referat fra møtet" });
    await user.type(minutes, "Mitt referat.");
    await user.click(screen.getByRole("button", { name: "Lagre referatet" }));

    const dialog = await screen.findByRole("dialog", { name: "Noen andre har endret dette" });
    const field = within(dialog).getByRole("group", { name: "Referat" });
    expect(within(field).getByRole("radio", { name: "Lagret nå: Referat skrevet av en annen." })).toBeInTheDocument();
    expect(within(field).getByRole("radio", { name: "Din endring: Mitt referat." })).toBeChecked();
    expect(api.made("PATCH", EVENT)[0].ifMatch).toBe('"3"');
  });

  test("a signed consultation meeting shows no empty minutes box; one opens in place, on its field, and closes back to its button", async () => {
    eventApi(
      anEvent({
        minutes: null,
        protocol: { matter: "Organisering", parties_present: ["employees"], agreed: true, signed_at: "2018-11-20T10:00:00Z" },
      }),
    );
    const user = userEvent.setup();
    renderEvent();
    const minutes = await screen.findByRole("region", { name: "Referat" });
    expect(within(minutes).getByText("Drøftingsprotokollen er signert og er møtets referat.")).toBeInTheDocument();
    expect(within(minutes).queryByRole("textbox")).toBeNull();
    await user.click(within(minutes).getByRole("button", { name: "Skriv et referat i tillegg" }));
    const field = within(minutes).getByRole("textbox", { name: "Referat fra møtet" });
    expect(document.activeElement).toBe(field);
    await user.click(within(minutes).getByRole("button", { name: "Avbryt" }));
    expect(within(minutes).queryByRole("textbox")).toBeNull();
    expect(document.activeElement).toBe(within(minutes).getByRole("button", { name: "Skriv et referat i tillegg" }));
  });

  test("the details form opens in place on its first field and gives focus back to its button when cancelled", async () => {
    eventApi(anEvent());
    const user = userEvent.setup();
    renderEvent();
    await user.click(await screen.findByRole("button", { name: "Endre detaljene" }));
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Tittel" }));
    const form = screen.getByRole("textbox", { name: "Tittel" }).closest("form")!;
    await user.click(within(form).getByRole("button", { name: "Avbryt" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Endre detaljene" })));
  });

  test("an unsigned meeting's minutes box is there at once, and does not take focus on its own", async () => {
    eventApi(anEvent({ minutes: null, protocol: null }));
    renderEvent();
    const minutes = await screen.findByRole("region", { name: "Referat" });
    const field = within(minutes).getByRole("textbox", { name: "Referat fra møtet" });
    expect(document.activeElement).not.toBe(field);
  });

  test("without edit rights everything is shown and nothing can be changed", async () => {
    eventApi(
      anEvent({
        agenda: [{ time: "09:00", title: "Høringsforslaget", responsible: "Kommunalsjef", room: null, documents: [] }],
        participants: [{ person_id: liv.id, attendance: "present", reply: null, replied_at: null }],
        minutes: "Partene gikk gjennom forslaget.",
        protocol: {
          matter: "Organisering av Oppvekst og utdanning",
          parties_present: ["administration", "employees"],
          agreed: true,
          views: [{ party: "employees", view: "Ber om en tydelig plan." }],
          signed_at: "2018-11-20T10:00:00Z",
        },
      }),
      { role: "observer" },
    );
    renderEvent();
    const protocol = await screen.findByRole("region", { name: "Drøftingsprotokoll" });
    expect(within(protocol).getByText("Signert")).toBeInTheDocument();
    expect(within(protocol).getByText("20. nov. 2018, 11:00")).toBeInTheDocument();
    expect(within(protocol).getByText("Administrasjon, Arbeidstakere")).toBeInTheDocument();
    expect(screen.getByRole("row", { name: /Høringsforslaget/ })).toHaveTextContent("Kommunalsjef");
    expect(await screen.findByRole("row", { name: /Liv Tveiten/ })).toHaveTextContent("Til stede");
    expect(screen.getByText("Partene gikk gjennom forslaget.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryAllByRole("button")).toHaveLength(0));
    expect(screen.queryAllByRole("textbox")).toHaveLength(0);
    expect(screen.queryAllByRole("radio")).toHaveLength(0);
  });
});

const gathering = () =>
  anEvent({
    title: "Samling 1: Samme visjon, samme mål!",
    kind: "gathering",
    group_id: null,
    starts_at: "2018-09-06T07:00:00Z",
    ends_at: "2018-09-07T13:00:00Z",
    location: "Kolben, Kolbotn",
    agenda: [
      { time: "09:00", title: "Inspirasjonsforedrag", responsible: "Prosjektleder", room: "Sal 1 i Kolben", documents: [] },
      { time: "10:30", title: "Oppgave 2b", responsible: "Gruppeledere", room: "Grupperom rådhuset", documents: [] },
    ],
    participants: [],
  });

let serial = 0;
function aTask(overrides: Partial<Deadline> = {}): Deadline {
  serial += 1;
  return {
    id: `00000000-0000-7000-8000-0000000001${String(serial).padStart(2, "0")}`,
    created_at: "2018-09-07T10:00:00Z",
    updated_at: "2018-09-07T10:00:00Z",
    version: 1,
    programme_id: PROGRAMME_ID,
    project_id: null,
    group_id: null,
    title: "Oppgave",
    description: null,
    due_at: "2018-09-20T10:00:00Z",
    responsible_person_id: line.id,
    responsible_group_id: null,
    recipient_id: liv.id,
    event_id: EVENT_ID,
    kind: "submission",
    status: "open",
    submitted_at: null,
    overdue: false,
    submitted_late: false,
    late_by_seconds: null,
    delivery: "pending",
    external_id: null,
    ...overrides,
  };
}

describe("The tasks given at an event", () => {
  test("a gathering lists its tasks with due time in Oslo, who delivers to whom, and each delivery in words", async () => {
    const api = eventApi(gathering(), {
      role: "observer",
      routes: {
        "GET /api/v1/deadlines": page([
          aTask({
            title: "Oppgave 2b: innspill til organisering",
            status: "submitted",
            submitted_at: "2018-09-19T12:00:00Z",
            delivery: "on_time",
          }),
          aTask({
            title: "Presentasjon fra samlingen",
            responsible_person_id: null,
            responsible_group_id: forum.id,
            recipient_id: null,
            due_at: "2018-09-14T10:00:00Z",
            status: "submitted",
            submitted_at: "2018-09-18T11:00:00Z",
            submitted_late: true,
            late_by_seconds: 4 * 86400 + 3600,
            delivery: "late",
          }),
          aTask({ title: "Arbeidsbok versjon 2", overdue: true, delivery: "missing" }),
        ]),
      },
    });
    renderEvent();
    const tasks = await screen.findByRole("region", { name: "Oppgaver gitt på samlingen" });
    const first = await within(tasks).findByRole("row", { name: /Oppgave 2b/ });
    // 10:00 UTC on 20 September is 12:00 in Oslo (summer time).
    expect(first).toHaveTextContent("20. sep. 2018, 12:00");
    expect(first).toHaveTextContent("Line Aasheim");
    expect(first).toHaveTextContent("Liv Tveiten");
    expect(first).toHaveTextContent("✓I tide");
    const late = within(tasks).getByRole("row", { name: /Presentasjon/ });
    expect(late).toHaveTextContent("Drøftingsforum Nordre Follo");
    expect(late).toHaveTextContent("!For sent (4 dager)");
    expect(within(tasks).getByRole("row", { name: /versjon 2/ })).toHaveTextContent("✕Mangler");
    expect(within(tasks).getByRole("link", { name: "Se oppgavene på fristsiden" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/deadlines?event=${EVENT_ID}`,
    );
    const [list] = api.made("GET", "/api/v1/deadlines");
    expect(list.query.getAll("event_id")).toEqual([EVENT_ID]);
    expect(list.query.getAll("programme_id")).toEqual([PROGRAMME_ID]);
    // The programme shows time, session, who leads and the room.
    expect(screen.getByRole("row", { name: /Inspirasjonsforedrag/ })).toHaveTextContent(
      "09:00InspirasjonsforedragProsjektlederSal 1 i Kolben",
    );
  });

  test("an event without tasks shows no such section to a reader, and a meeting says «møtet»", async () => {
    eventApi(anEvent({ kind: "meeting" }), { role: "observer" });
    const first = renderEvent();
    expect(await screen.findByRole("region", { name: "Dagsorden" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /Oppgaver gitt/ })).not.toBeInTheDocument();
    first.unmount();
    vi.unstubAllGlobals();

    eventApi(anEvent({ kind: "meeting" }));
    renderEvent();
    const tasks = await screen.findByRole("region", { name: "Oppgaver gitt på møtet" });
    expect(await within(tasks).findByText("Ingen oppgaver er gitt på dette møtet ennå.")).toBeInTheDocument();
  });

  test("a task added from the gathering's page is given at it", async () => {
    const api = eventApi(gathering(), {
      routes: {
        "GET /api/v1/events": page([gathering()]),
        "POST /api/v1/deadlines": (call) => ({ status: 201, body: aTask(call.body as Partial<Deadline>) }),
      },
    });
    const user = userEvent.setup();
    renderEvent();
    await user.click(await screen.findByRole("button", { name: "Ny oppgave med frist" }));
    const dialog = await screen.findByRole("dialog");
    const given = within(dialog).getByRole("combobox", { name: "Gitt som oppgave på (samling eller møte)" });
    await waitFor(() => expect(given).toHaveValue(EVENT_ID));
    expect(within(given).getByRole("option", { name: "Samling 1: Samme visjon, samme mål! (6. sep. 2018)" })).toBeInTheDocument();
    await user.type(within(dialog).getByRole("textbox", { name: /Hva skal leveres/ }), "Oppgave 2b");
    fireEvent.change(within(dialog).getByLabelText(/Frist \(dato og klokkeslett/), {
      target: { value: "2018-09-20T12:00" },
    });
    await user.selectOptions(within(dialog).getByRole("combobox", { name: /Ansvarlig person/ }), line.id);
    await user.click(within(dialog).getByRole("button", { name: "Legg til frist" }));
    await waitFor(() => expect(api.made("POST", "/api/v1/deadlines")).toHaveLength(1));
    const [sent] = api.made("POST", "/api/v1/deadlines");
    expect(sent.body).toMatchObject({
      programme_id: PROGRAMME_ID,
      title: "Oppgave 2b",
      due_at: "2018-09-20T12:00:00+02:00",
      responsible_person_id: line.id,
      event_id: EVENT_ID,
    });
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import type { ProblemItem } from "../../api/problem";
import { fakeApi, me, page, problem, PROGRAMME_ID, renderPage, type ApiCall, type Reply } from "../projects/testing";
import DecisionPage from "./DecisionPage";
import {
  aDecision,
  aMeeting,
  aFindingPage,
  COMMITTEE,
  consultationFinding,
  consultationFindingInBokmal,
  HELSE,
} from "./testing";

const decision = aDecision();
const URL_OF = `/api/v1/decisions/${decision.id}`;
const MISSING = "no consultation meeting (drøftingsmøte) on the matter is linked";
const DETAIL =
  "A reorganisation decision is final only after consultation with the union representatives. " +
  `Missing: ${MISSING}. (Hovedavtalen del B § 1-4)`;
const MISSING_NB = "ingen drøftingsmøte om saken er knyttet til vedtaket";

/** The API's refusal to finalise, with these items at the consultation meeting. */
const refusal = (errors: ProblemItem[]): Reply => ({
  status: 409,
  body: { type: "https://samskap.no/problems/conflict", title: "Conflict", status: 409, detail: DETAIL, errors },
});

function decisionApi(
  overrides: Record<string, Reply | ((call: ApiCall) => Reply)> = {},
  role: Schemas["ProgrammeRole"] = "editor",
) {
  return fakeApi({
    "GET /api/v1/auth/me": me(role),
    [`GET ${URL_OF}`]: { body: decision, etag: '"3"' },
    [`GET /api/v1/programmes/${PROGRAMME_ID}/compliance/findings`]: {
      body: aFindingPage([consultationFinding(decision)]),
    },
    "GET /api/v1/groups": page([COMMITTEE]),
    "GET /api/v1/projects": page([{ id: HELSE.id, code: HELSE.code, name: HELSE.name }]),
    "GET /api/v1/events": page([aMeeting()]),
    ...overrides,
  });
}

// A compliance report from before the consultation went wrong: the page offers «Gjør endelig»,
// and the API's refusal is what tells the user.
const REPORT_NOT_CAUGHT_UP = {
  [`GET /api/v1/programmes/${PROGRAMME_ID}/compliance/findings`]: { body: aFindingPage() },
};

const render = () =>
  renderPage(<DecisionPage />, {
    route: "/p/:programmeId/decisions/:decisionId",
    url: `/p/${PROGRAMME_ID}/decisions/${decision.id}`,
  });

afterEach(() => vi.unstubAllGlobals());

describe("DecisionPage", () => {
  test("shows the decision's facts, and that its consultation is missing", async () => {
    decisionApi();
    render();
    expect(await screen.findByRole("heading", { level: 1, name: decision.title })).toBeInTheDocument();
    expect(screen.getByText("Utkast")).toBeInTheDocument();
    expect(screen.getByText("Omorganisering")).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Fellesnemnda" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/groups/${COMMITTEE.id}`,
    );
    expect(screen.getByText("Inndelingslova § 26")).toBeInTheDocument();
    expect(await screen.findByText("Drøfting mangler")).toBeInTheDocument();
    expect(screen.getByText(/^Vedtaket kan ikke bli endelig før drøftingen er i orden/)).toHaveTextContent(
      `Etterlevelseskontrollen sier: ${consultationFindingInBokmal(decision)}`,
    );
  });

  test("«Gjør endelig» says beforehand why it cannot be used yet, and sends nothing when pressed", async () => {
    const api = decisionApi();
    const user = userEvent.setup();
    render();
    const button = await screen.findByRole("button", { name: "Gjør endelig" });
    await waitFor(() => expect(button).toHaveAttribute("aria-disabled", "true"));
    expect(button).toHaveAccessibleDescription(
      `«Gjør endelig» kan ikke brukes ennå. Drøftingen med de tillitsvalgte er ikke i orden: ${MISSING_NB}`,
    );
    await user.click(button);
    expect(api.made("PATCH", URL_OF)).toHaveLength(0);
    expect(screen.queryByRole("heading", { name: "Vedtaket ble ikke gjort endelig" })).toBeNull();
  });

  test("a refused finalisation shows what is missing at the button and the consultation field; the decision stays a draft", async () => {
    const api = decisionApi({
      ...REPORT_NOT_CAUGHT_UP,
      [`PATCH ${URL_OF}`]: refusal([
        { pointer: "/consultation_event_id", detail: MISSING, code: "no_consultation_linked" },
      ]),
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Gjør endelig" }));

    const heading = await screen.findByRole("heading", { level: 3, name: "Vedtaket ble ikke gjort endelig" });
    const alert = heading.parentElement!;
    expect(alert).toHaveTextContent("hovedavtalen del B § 1-4");
    expect(within(alert).getAllByRole("listitem").map((item) => item.textContent)).toEqual([MISSING_NB]);
    expect(alert).not.toHaveTextContent(DETAIL);
    const meeting = screen.getByRole("combobox", { name: "Drøftingsmøte" });
    await waitFor(() => expect(meeting).toHaveAttribute("aria-invalid", "true"));
    expect(meeting).toHaveAccessibleDescription(
      expect.stringContaining(`Vedtaket kan ikke gjøres endelig: ${MISSING_NB}.`),
    );

    const [patch] = api.made("PATCH", URL_OF);
    expect(patch.ifMatch).toBe('"3"');
    expect(patch.body).toEqual({ status: "final" });
    expect(screen.getByText("Utkast")).toBeInTheDocument();
    expect(screen.queryByText("Endelig")).toBeNull();
    expect(screen.getByRole("button", { name: "Gjør endelig" })).toBeInTheDocument();
    // An editor is not offered the administrator's way past the rule.
    expect(screen.queryByRole("button", { name: /uten drøfting/ })).toBeNull();
  });

  test("a refusal the app cannot fully word keeps the API's own words for what it does not know", async () => {
    decisionApi({
      ...REPORT_NOT_CAUGHT_UP,
      [`PATCH ${URL_OF}`]: refusal([
        {
          pointer: "/consultation_event_id",
          detail: "the protocol was signed 2018-12-20, after the decision (2018-12-14)",
          code: "protocol_signed_after_decision",
          params: { signed_on: "2018-12-20", decided_on: "2018-12-14" },
        },
        { pointer: "/consultation_event_id", detail: "the moon was not full", code: "moon_not_full" },
      ]),
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Gjør endelig" }));

    const heading = await screen.findByRole("heading", { level: 3, name: "Vedtaket ble ikke gjort endelig" });
    expect(heading.parentElement).toHaveTextContent(DETAIL);
    const meeting = screen.getByRole("combobox", { name: "Drøftingsmøte" });
    await waitFor(() => expect(meeting).toHaveAttribute("aria-invalid", "true"));
    expect(meeting).toHaveAccessibleDescription(
      expect.stringContaining(
        "Vedtaket kan ikke gjøres endelig: protokollen ble signert 20. des. 2018, etter vedtaksdatoen (14. des. 2018); the moon was not full.",
      ),
    );
  });

  test("a programme administrator finalises without consultation only with a reason, sent with If-Match", async () => {
    const reason = "Drøftingsmøtet ble holdt muntlig; protokollen ettersendes.";
    const admin = me("programme_admin").body;
    const api = decisionApi(
      {
        [`PATCH ${URL_OF}`]: (call) => ({
          body: {
            ...decision,
            ...(call.body as object),
            version: 4,
            finalised_at: "2026-03-02T10:00:00Z",
            overridden_by_id: admin.id,
          },
          etag: '"4"',
        }),
      },
      "programme_admin",
    );
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Gjør endelig uten drøfting …" }));
    const form = screen.getByRole("form", { name: "Gjør endelig uten drøfting" });
    await user.click(within(form).getByRole("button", { name: "Gjør endelig uten drøfting" }));

    const field = within(form).getByRole("textbox", { name: "Begrunnelse" });
    await waitFor(() => expect(field).toHaveAttribute("aria-invalid", "true"));
    expect(field).toHaveAccessibleDescription(expect.stringContaining("Skriv en begrunnelse."));
    expect(api.made("PATCH", URL_OF)).toHaveLength(0);

    await user.type(field, reason);
    await user.click(within(form).getByRole("button", { name: "Gjør endelig uten drøfting" }));

    expect(await screen.findByRole("heading", { level: 2, name: "Gjort endelig uten drøfting" })).toBeInTheDocument();
    expect(await screen.findByText("Vedtaket er endelig.")).toBeInTheDocument();
    const [patch] = api.made("PATCH", URL_OF);
    expect(patch.ifMatch).toBe('"3"');
    expect(patch.body).toEqual({ status: "final", override_reason: reason });
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(screen.getByText(/Gjort endelig av deg \(Ingrid Haugland\)/)).toBeInTheDocument();
    expect(screen.getByText("Endelig")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Gjør endelig" })).toBeNull();
  });

  test("linking the consultation meeting saves it with If-Match and links to the meeting's page", async () => {
    const meeting = aMeeting({
      protocol: {
        matter: "Hjemmetjenestene",
        parties_present: ["administration", "employees"],
        agreed: true,
        views: [],
        signed_at: "2018-11-20T10:00:00Z",
      },
    });
    let current = decision;
    const api = decisionApi({
      [`GET ${URL_OF}`]: () => ({ body: current, etag: `"${current.version}"` }),
      [`GET /api/v1/events/${meeting.id}`]: { body: meeting },
      "GET /api/v1/events": page([meeting]),
      [`PATCH ${URL_OF}`]: (call) => {
        current = { ...current, ...(call.body as object), version: 4 };
        return { body: current, etag: '"4"' };
      },
    });
    const user = userEvent.setup();
    render();
    await screen.findByRole("option", { name: /Drøftingsmøte: hjemmetjenestene/ });
    await user.selectOptions(screen.getByRole("combobox", { name: "Drøftingsmøte" }), meeting.id);
    await user.click(screen.getByRole("button", { name: "Lagre drøftingsmøtet" }));

    expect(await screen.findByText("Drøftingsmøtet er lagret.")).toBeInTheDocument();
    const [patch] = api.made("PATCH", URL_OF);
    expect(patch.ifMatch).toBe('"3"');
    expect(patch.body).toEqual({ consultation_event_id: meeting.id });
    expect(await screen.findByRole("link", { name: meeting.title })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/events/${meeting.id}`,
    );
    expect(screen.getByText(/^Signert /)).toBeInTheDocument();
  });

  test("an edit that meets someone else's newer version opens the conflict dialog", async () => {
    const newer = aDecision({ version: 4, title: "Hjemmetjenestene i to soner" });
    let current = decision;
    decisionApi({
      [`GET ${URL_OF}`]: () => ({ body: current, etag: `"${current.version}"` }),
      // Someone else saved first: the version the form started from is no longer the latest.
      [`PATCH ${URL_OF}`]: () => {
        current = newer;
        return { status: 412, body: { title: "Precondition Failed", status: 412 } };
      },
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger vedtaket" }));
    const title = screen.getByRole("textbox", { name: "Tittel" });
    await user.clear(title);
    await user.type(title, "Hjemmetjenestene samles");
    await user.click(screen.getByRole("button", { name: "Lagre" }));

    const dialog = await screen.findByRole("dialog", { name: "Noen andre har endret dette" });
    expect(within(dialog).getByRole("radio", { name: "Lagret nå: Hjemmetjenestene i to soner" })).toBeInTheDocument();
    expect(within(dialog).getByRole("radio", { name: "Din endring: Hjemmetjenestene samles" })).toBeChecked();
  });

  test("a field the API refuses on save is shown at the field", async () => {
    decisionApi({
      [`PATCH ${URL_OF}`]: problem(422, [
        {
          pointer: "/case_number",
          code: "string_too_long",
          params: { max_length: "64" },
          detail: "String should have at most 64 characters",
        },
      ]),
    });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Rediger vedtaket" }));
    await user.type(screen.getByRole("textbox", { name: "Saksnummer" }), "-tillegg");
    await user.click(screen.getByRole("button", { name: "Lagre" }));
    const caseNumber = screen.getByRole("textbox", { name: "Saksnummer" });
    await waitFor(() => expect(caseNumber).toHaveAttribute("aria-invalid", "true"));
    expect(caseNumber).toHaveAccessibleDescription(expect.stringContaining("Kan ha høyst 64 tegn."));
  });
  test("a final decision lists the mandates it approved, and only those", async () => {
    const final = aDecision({ status: "final", finalised_at: "2018-12-14T15:00:00+01:00" });
    const board = { id: "00000000-0000-7000-8000-0000000000b1", name: "Prosjektstyre Helse og velferd" };
    const approvedBy = (call: ApiCall, items: unknown[]): Reply =>
      call.query.get("mandate_decision_id") === final.id ? page(items) : page([]);
    decisionApi({
      [`GET ${URL_OF}`]: { body: final, etag: '"4"' },
      "GET /api/v1/projects": (call) =>
        call.query.has("mandate_decision_id")
          ? approvedBy(call, [{ ...HELSE, programme_id: PROGRAMME_ID }])
          : page([{ id: HELSE.id, code: HELSE.code, name: HELSE.name }]),
      "GET /api/v1/groups": (call) =>
        call.query.has("mandate_decision_id") ? approvedBy(call, [board]) : page([COMMITTEE]),
    });
    render();
    const section = await screen.findByRole("region", { name: "Mandater godkjent ved vedtaket" });
    expect(await within(section).findByRole("link", { name: "HV1 Helse og velferd" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/projects/${HELSE.id}`,
    );
    expect(within(section).getByRole("link", { name: board.name })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/groups/${board.id}`,
    );
    expect(within(section).queryByRole("link", { name: COMMITTEE.name })).toBeNull();
  });

  test("a draft decision approves nothing yet, so it lists no mandates", async () => {
    const api = decisionApi();
    render();
    await screen.findByRole("heading", { level: 1, name: decision.title });
    expect(screen.queryByRole("region", { name: "Mandater godkjent ved vedtaket" })).toBeNull();
    expect(api.calls.some((c) => c.query.has("mandate_decision_id"))).toBe(false);
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useLocation } from "react-router-dom";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { fakeApi, me, page, problem, PROGRAMME_ID, renderPage, type ApiCall, type Reply } from "../projects/testing";
import DecisionsPage from "./DecisionsPage";
import { aDecision, aMeeting, aFindingPage, COMMITTEE, consultationFinding, HELSE } from "./testing";

const missing = aDecision();
const consulted = aDecision({
  id: "00000000-0000-7000-8000-0000000000d2",
  title: "Organisering av Oppvekst og utdanning",
  case_number: "18/00231",
  status: "final",
  consultation_event_id: aMeeting().id,
  finalised_at: "2018-12-14T12:00:00Z",
});
const ordinary = aDecision({
  id: "00000000-0000-7000-8000-0000000000d3",
  title: "Mandat for Helse og velferd",
  case_number: null,
  reorganisation: false,
});

function decisionsApi(
  overrides: Record<string, Reply | ((call: ApiCall) => Reply)> = {},
  role: Schemas["ProgrammeRole"] = "editor",
) {
  return fakeApi({
    "GET /api/v1/auth/me": me(role),
    "GET /api/v1/decisions": page([missing, consulted, ordinary]),
    [`GET /api/v1/programmes/${PROGRAMME_ID}/compliance/findings`]: {
      body: aFindingPage([consultationFinding(missing)]),
    },
    "GET /api/v1/groups": page([COMMITTEE]),
    "GET /api/v1/projects": page([{ id: HELSE.id, code: HELSE.code, name: HELSE.name }]),
    "GET /api/v1/events": page([aMeeting()]),
    ...overrides,
  });
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname}</p>;
}

const render = (query = "") =>
  renderPage(
    <Routes>
      <Route path="/p/:programmeId/decisions" element={<DecisionsPage />} />
      <Route path="/p/:programmeId/decisions/:decisionId" element={<Where />} />
    </Routes>,
    { route: "/*", url: `/p/${PROGRAMME_ID}/decisions${query}` },
  );

afterEach(() => vi.unstubAllGlobals());

describe("DecisionsPage", () => {
  test("lists decisions with status, reorganisation and whether consultation is in order", async () => {
    decisionsApi();
    render();
    const table = await screen.findByRole("table", { name: "Vedtak, nyeste først" });
    const row = (title: string) => within(table).getByRole("row", { name: new RegExp(title) });

    await waitFor(() => expect(within(row(missing.title)).getByText("Drøfting mangler")).toBeInTheDocument());
    expect(within(row(missing.title)).getByText("Utkast")).toBeInTheDocument();
    expect(within(row(missing.title)).getByRole("link", { name: missing.title })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME_ID}/decisions/${missing.id}`,
    );
    expect(within(row(missing.title)).getByText("Fellesnemnda")).toBeInTheDocument();
    expect(within(row(consulted.title)).getByText("Drøfting i orden")).toBeInTheDocument();
    expect(within(row(consulted.title)).getByText("Endelig")).toBeInTheDocument();
    expect(within(row(ordinary.title)).getByText("Ikke påkrevd")).toBeInTheDocument();
    expect(within(row(ordinary.title)).getByText("Nei")).toBeInTheDocument();
  });

  test("filters are read from the address and sent to the API", async () => {
    const api = decisionsApi();
    const user = userEvent.setup();
    render(`?status=draft&reorganisation=1&body=${COMMITTEE.id}`);
    await screen.findByRole("table", { name: "Vedtak, nyeste først" });
    const first = api.made("GET", "/api/v1/decisions")[0].query;
    expect(first.get("status")).toBe("draft");
    expect(first.get("reorganisation")).toBe("true");
    expect(first.get("body_group_id")).toBe(COMMITTEE.id);
    expect(screen.getByRole("combobox", { name: "Status" })).toHaveValue("draft");

    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "Endelig");
    await waitFor(() =>
      expect(api.made("GET", "/api/v1/decisions").some((c) => c.query.get("status") === "final")).toBe(true),
    );
  });

  test("a new decision is created as a draft; the API's field errors are shown at their fields, then it opens", async () => {
    let answer: Reply = problem(422, [
      {
        pointer: "/case_number",
        code: "string_too_long",
        params: { max_length: "64" },
        detail: "String should have at most 64 characters",
      },
    ]);
    const api = decisionsApi({ "POST /api/v1/decisions": () => answer });
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole("button", { name: "Nytt vedtak" }));
    const dialog = await screen.findByRole("dialog", { name: "Nytt vedtak" });

    await user.click(within(dialog).getByRole("button", { name: "Lagre som utkast" }));
    expect(within(dialog).getByRole("textbox", { name: "Tittel" })).toHaveAttribute("aria-invalid", "true");
    expect(api.made("POST", "/api/v1/decisions")).toHaveLength(0);

    await user.type(within(dialog).getByRole("textbox", { name: "Tittel" }), "Ny organisering av hjemmetjenestene");
    await user.type(within(dialog).getByLabelText("Vedtaksdato"), "2018-12-14");
    await user.type(within(dialog).getByRole("textbox", { name: "Saksnummer" }), "18/00232");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Vedtatt av" }), "Fellesnemnda");
    await user.click(within(dialog).getByRole("checkbox", { name: /endrer hvordan arbeidet er organisert/ }));
    await user.selectOptions(
      within(dialog).getByRole("combobox", { name: "Drøftingsmøte" }),
      within(dialog).getByRole("option", { name: /Drøftingsmøte: hjemmetjenestene/ }),
    );
    await user.click(within(dialog).getByRole("button", { name: "Lagre som utkast" }));

    const caseNumber = within(dialog).getByRole("textbox", { name: "Saksnummer" });
    await waitFor(() => expect(caseNumber).toHaveAttribute("aria-invalid", "true"));
    expect(caseNumber).toHaveAccessibleDescription(expect.stringContaining("Kan ha høyst 64 tegn."));
    expect(api.made("POST", "/api/v1/decisions")[0].body).toEqual({
      programme_id: PROGRAMME_ID,
      title: "Ny organisering av hjemmetjenestene",
      decided_on: "2018-12-14",
      case_number: "18/00232",
      body_group_id: COMMITTEE.id,
      project_id: null,
      legal_basis: null,
      text: null,
      reorganisation: true,
      consultation_event_id: aMeeting().id,
      status: "draft",
    });

    answer = { status: 201, body: aDecision({ id: "00000000-0000-7000-8000-0000000000d9" }) };
    await user.click(within(dialog).getByRole("button", { name: "Lagre som utkast" }));
    expect(await screen.findByTestId("where")).toHaveTextContent(
      `/p/${PROGRAMME_ID}/decisions/00000000-0000-7000-8000-0000000000d9`,
    );
  });

  test("observers and members are not offered a new decision", async () => {
    decisionsApi({}, "member");
    render();
    await screen.findByRole("table", { name: "Vedtak, nyeste først" });
    expect(screen.queryByRole("button", { name: "Nytt vedtak" })).toBeNull();
  });
});

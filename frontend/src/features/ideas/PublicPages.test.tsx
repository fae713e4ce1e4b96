import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IdeaReceiptView, ParticipationForm } from "../../api/queries/ideas";
import { renderWithApp } from "../../test/render";
import PublicIdeaPage from "./PublicIdeaPage";
import ReceiptPage from "./ReceiptPage";
import { json, PROJECT, stubApi } from "./testApi";

const TOKEN = "k3Jq0v1mZ8Yb2Xc4Wd6Ve8Uf0Tg2Sh4Ri6Qj8Pk0Ol2Nm";
const RECEIPT = "r9Zp1q2W3e4R5t6Y7u8I9o0PaSdFgHjKlZxCvBnM12345";

const FORM: ParticipationForm = {
  programme_name: "Nordre Follo 2020",
  label: "Forslag fra ansatte i helse",
  project_id: null,
  projects: [{ id: PROJECT, code: "P1", name: "Helse" }],
  statuses: [],
};

function formApi(submitted: () => Response) {
  return stubApi((request, url) => {
    if (url.pathname === `/api/v1/participation/${TOKEN}` && request.method === "GET") return json(FORM);
    if (url.pathname === `/api/v1/participation/${TOKEN}/ideas`) return submitted();
    return undefined;
  });
}

function renderAt(route: string, locale: "nb" | "nn" | "en" = "nb") {
  return renderWithApp(
    <Routes>
      <Route path="/i/:token" element={<PublicIdeaPage />} />
      <Route path="/r/:token" element={<ReceiptPage />} />
    </Routes>,
    { route, locale },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("the idea form behind a participation link", () => {
  it("sends a named idea without the session's token and shows the receipt address once", async () => {
    const calls = formApi(() =>
      json(
        { receipt_token: RECEIPT, receipt_path: `/r/${RECEIPT}`, title: "Felles vaktbytte", status: "received" },
        { status: 201 },
      ),
    );
    renderAt(`/i/${TOKEN}`);
    expect(await screen.findByText(/Til Nordre Follo 2020\./)).toBeInTheDocument();
    expect(screen.getByText(/Vi lagrer ikke IP-adressen/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Tittel"), "Felles vaktbytte");
    await userEvent.type(screen.getByLabelText(/Forslaget, og hva det vil gjøre bedre/), "Spar tid");
    await userEvent.selectOptions(screen.getByLabelText(/Hva gjelder det/), PROJECT);
    await userEvent.type(screen.getByLabelText("Navnet ditt"), "Ola Ansatt");
    await userEvent.click(screen.getByRole("button", { name: "Send forslaget" }));
    const address = await screen.findByLabelText("Adressen til kvitteringen");
    expect(address).toHaveValue(`${window.location.origin}/r/${RECEIPT}`);
    expect(screen.getByText(/Den vises bare nå/)).toBeInTheDocument();
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.body).toEqual({
      title: "Felles vaktbytte",
      description: "Spar tid",
      project_id: PROJECT,
      anonymous: false,
      name: "Ola Ansatt",
    });
    expect(post.headers.get("Authorization")).toBeNull();
  });

  it("asks for a name unless anonymous, and sends an anonymous idea without one", async () => {
    const calls = formApi(() =>
      json({ receipt_token: RECEIPT, receipt_path: `/r/${RECEIPT}`, title: "T", status: "received" }, { status: 201 }),
    );
    renderAt(`/i/${TOKEN}`);
    await userEvent.type(await screen.findByLabelText("Tittel"), "T");
    await userEvent.type(screen.getByLabelText(/Forslaget, og hva/), "D");
    await userEvent.click(screen.getByRole("button", { name: "Send forslaget" }));
    expect(screen.getByLabelText("Navnet ditt")).toHaveAccessibleDescription(
      "Skriv navnet ditt, eller velg å sende anonymt.",
    );
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await userEvent.click(screen.getByLabelText("Anonymt, uten navn"));
    expect(screen.queryByLabelText("Navnet ditt")).not.toBeInTheDocument();
    expect(screen.getByText(/ingen kan se hvem som sendte forslaget/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Send forslaget" }));
    await screen.findByLabelText("Adressen til kvitteringen");
    expect(calls.find((c) => c.method === "POST")?.body).toMatchObject({ anonymous: true, name: null });
  });

  it("words a closed link, an unknown one and too many attempts", async () => {
    stubApi(() => json({ title: "Gone", status: 410, errors: [{ code: "link_closed" }] }, { status: 410 }));
    const { unmount } = renderAt(`/i/${TOKEN}`);
    expect(await screen.findByRole("alert")).toHaveTextContent("Denne lenken er stengt");
    unmount();
    vi.unstubAllGlobals();
    stubApi(() => json({ title: "Not found", status: 404 }, { status: 404 }));
    const second = renderAt(`/i/${TOKEN}`, "en");
    expect(await screen.findByRole("alert")).toHaveTextContent("The form was not found");
    second.unmount();
    vi.unstubAllGlobals();
    formApi(() => json({ title: "Too many", status: 429 }, { status: 429 }));
    renderAt(`/i/${TOKEN}`, "nn");
    await userEvent.type(await screen.findByLabelText("Tittel"), "T");
    await userEvent.type(screen.getByLabelText(/Forslaget, og kva/), "D");
    await userEvent.click(screen.getByLabelText("Anonymt, utan namn"));
    await userEvent.click(screen.getByRole("button", { name: "Send forslaget" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("For mange forsøk frå denne adressa");
  });

  it("switches language on the page", async () => {
    formApi(() => json({}, { status: 500 }));
    renderAt(`/i/${TOKEN}`);
    await screen.findByText(/Til Nordre Follo 2020\./);
    await userEvent.click(within(screen.getByRole("group", { name: "Språk" })).getByRole("button", { name: /English/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "Send an improvement idea" })).toBeInTheDocument();
  });
});

describe("the receipt", () => {
  it("shows every status change with its date, comment, reason and meeting", async () => {
    const view: IdeaReceiptView = {
      title: "Felles vaktbytte",
      status: "accepted",
      reason: null,
      status_changes: [
        { status: "received", changed_at: "2026-11-02T10:00:00Z", comment: null, reason: null, meeting: null },
        {
          status: "assessing",
          changed_at: "2026-11-12T14:00:00Z",
          comment: "Tas opp i forumet",
          reason: null,
          meeting: { title: "Trepartsforum november", held_on: "2026-11-12" },
        },
        {
          status: "accepted",
          changed_at: "2026-11-12T14:30:00Z",
          comment: "Vedtatt",
          reason: null,
          meeting: { title: "Trepartsforum november", held_on: "2026-11-12" },
        },
      ],
    };
    stubApi((_request, url) => (url.pathname === `/api/v1/idea-receipts/${RECEIPT}` ? json(view) : undefined));
    renderAt(`/r/${RECEIPT}`);
    expect(await screen.findByRole("heading", { level: 1, name: "Felles vaktbytte" })).toBeInTheDocument();
    const steps = within(screen.getByRole("region", { name: "Slik er forslaget fulgt opp" })).getAllByRole("listitem");
    expect(steps).toHaveLength(3);
    expect(steps[1]).toHaveTextContent("Under vurdering");
    expect(steps[1]).toHaveTextContent("Bestemt i Trepartsforum november, 12. nov. 2026");
    expect(steps[1]).toHaveTextContent("Tas opp i forumet");
    expect(steps[2]).toHaveTextContent("Akseptert");
  });

  it("words an archived idea and an unknown receipt", async () => {
    stubApi(() => json({ title: "Gone", status: 410 }, { status: 410 }));
    const { unmount } = renderAt(`/r/${RECEIPT}`);
    expect(await screen.findByRole("alert")).toHaveTextContent("Forslaget er arkivert");
    unmount();
    vi.unstubAllGlobals();
    stubApi(() => json({ title: "Not found", status: 404 }, { status: 404 }));
    renderAt(`/r/${RECEIPT}`);
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Fant ingen kvittering"));
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../../test/render";
import IdeasPage from "./IdeasPage";
import { anIdea, FORUM, json, PROGRAMME, stubApi } from "./testApi";

const IDEAS = [
  anIdea({ title: "Felles vaktbytte", status: "received", submitter_name: "Ola Ansatt" }),
  anIdea({ title: "Kortere møter", status: "accepted", anonymous: true, submitter_name: null, assessor_group_id: FORUM, support_count: 3 }),
  anIdea({ title: "Ny turnus", status: "accepted", submitter_name: null, channel: "account" }),
];

function ideasApi(role: "editor" | "member" | "observer" = "editor") {
  return stubApi((request, url) => {
    if (url.pathname === "/api/v1/ideas" && request.method === "GET") {
      const status = url.searchParams.get("status");
      return json({ items: IDEAS.filter((i) => !status || i.status === status), next_cursor: null });
    }
    if (url.pathname === "/api/v1/ideas" && request.method === "POST") {
      return json(anIdea({ anonymous: true, submitter_name: null }), { status: 201 });
    }
    if (url.pathname === "/api/v1/participation-links" && request.method === "POST") {
      return json(
        {
          id: "0193a0e4-7c1e-7000-8000-0000000000c1",
          created_at: "2026-11-20T10:00:00Z",
          updated_at: "2026-11-20T10:00:00Z",
          version: 1,
          programme_id: PROGRAMME,
          label: "Intranettet",
          project_id: null,
          closed_at: null,
          token: "hemmelig-token-som-vises-en-gang-0123456789",
          form_path: "/i/hemmelig-token-som-vises-en-gang-0123456789",
        },
        { status: 201 },
      );
    }
    return undefined;
  }, role);
}

function renderPage(route = `/p/${PROGRAMME}/ideas`) {
  return renderWithApp(
    <Routes>
      <Route path="/p/:programmeId/ideas" element={<IdeasPage />} />
    </Routes>,
    { route },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("IdeasPage", () => {
  it("lists ideas with status, assessor and the submitter only when named, and counts each status", async () => {
    ideasApi();
    renderPage();
    const table = await screen.findByRole("table", { name: /Forbedringsforslag/ });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(4);
    expect(within(rows[1]).getByRole("link", { name: "Felles vaktbytte" })).toHaveAttribute(
      "href",
      expect.stringMatching(/\/ideas\/0193/),
    );
    expect(rows[1]).toHaveTextContent("Ola Ansatt");
    expect(rows[2]).toHaveTextContent("Anonym");
    expect(rows[2]).toHaveTextContent("Trepartsforum");
    expect(rows[3]).toHaveTextContent("Ikke oppgitt");
    const counts = screen.getByRole("list", { name: "Forslag per status" });
    expect(within(counts).getByRole("button", { name: "Akseptert: 2" })).toBeInTheDocument();
    expect(within(counts).getByRole("button", { name: "Mottatt: 1" })).toBeInTheDocument();
    expect(within(counts).getByRole("button", { name: "Ikke videreført: 0" })).toBeInTheDocument();
  });

  it("filters by a status count, and asks the API for that status", async () => {
    const calls = ideasApi();
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Akseptert: 2" }));
    await waitFor(() =>
      expect(calls.some((c) => c.url.pathname === "/api/v1/ideas" && c.url.searchParams.get("status") === "accepted")).toBe(true),
    );
    const table = await screen.findByRole("table");
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(3));
    expect(screen.getByRole("button", { name: "Akseptert: 2" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByLabelText("Status")).toHaveValue("accepted");
  });

  it("searches titles with q", async () => {
    const calls = ideasApi();
    renderPage();
    await userEvent.type(await screen.findByLabelText("Søk i tittel"), "turnus{Enter}");
    await waitFor(() =>
      expect(calls.some((c) => c.url.pathname === "/api/v1/ideas" && c.url.searchParams.get("q") === "turnus")).toBe(true),
    );
  });

  it("shows a new link's full address once, with the note that it is shown only now", async () => {
    const calls = ideasApi();
    renderPage();
    const links = await screen.findByRole("region", { name: "Deltakerlenker" });
    await userEvent.type(within(links).getByLabelText(/Hva lenken er til/), "Intranettet");
    await userEvent.click(within(links).getByRole("button", { name: "Lag lenke" }));
    const address = await within(links).findByLabelText("Adressen til skjemaet");
    expect(address).toHaveValue(`${window.location.origin}/i/hemmelig-token-som-vises-en-gang-0123456789`);
    expect(links).toHaveTextContent("Adressen vises bare nå");
    expect(within(links).getByRole("button", { name: "Kopier" })).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      programme_id: PROGRAMME,
      label: "Intranettet",
      project_id: null,
    });
  });

  it("offers observers no submitting and no links", async () => {
    ideasApi("observer");
    renderPage();
    await screen.findByRole("table");
    expect(screen.queryByRole("button", { name: "Nytt forslag" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Deltakerlenker" })).not.toBeInTheDocument();
  });

  it("submits an idea anonymously from the dialog, refusing one without a title at the field", async () => {
    const calls = ideasApi("member");
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Nytt forslag" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Send forslaget" }));
    expect(within(dialog).getByLabelText("Tittel")).toHaveAccessibleDescription("Gi forslaget en tittel.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await userEvent.type(within(dialog).getByLabelText("Tittel"), "Kortere møter");
    await userEvent.type(within(dialog).getByLabelText("Beskrivelse"), "Møter på 30 minutter.");
    await userEvent.click(within(dialog).getByLabelText("Send uten navn (anonymt)"));
    expect(dialog).toHaveTextContent("ikke navn, ikke brukerkonto");
    await userEvent.click(within(dialog).getByRole("button", { name: "Send forslaget" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      programme_id: PROGRAMME,
      title: "Kortere møter",
      description: "Møter på 30 minutter.",
      project_id: null,
      anonymous: true,
    });
  });
});

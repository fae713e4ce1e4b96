import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Idea } from "../../api/queries/ideas";
import { renderWithApp } from "../../test/render";
import IdeaPage from "./IdeaPage";
import { aChange, anIdea, FORUM, json, MEETING, PROGRAMME, stubApi } from "./testApi";

function ideaApi(idea: Idea, role: "editor" | "member" | "observer" = "editor", seated = false) {
  const changes = [aChange({ idea_id: idea.id, status: "received", changed_at: idea.received_at })];
  const calls = stubApi((request, url) => {
    if (url.pathname === `/api/v1/ideas/${idea.id}` && request.method === "GET") {
      return json(idea, { headers: { etag: `"${idea.version}"` } });
    }
    if (url.pathname === `/api/v1/ideas/${idea.id}/status-changes`) return json(changes);
    if (url.pathname === `/api/v1/groups/${FORUM}/members`) {
      return json({ items: seated ? [{ person_id: url.searchParams.get("person_id") }] : [], next_cursor: null });
    }
    if (url.pathname === `/api/v1/ideas/${idea.id}/assess` && request.method === "POST") {
      return request.json().then((body) => {
        Object.assign(idea, { status: body.status, version: idea.version + 1 });
        if (body.assessor_group_id) idea.assessor_group_id = body.assessor_group_id;
        changes.push(
          aChange({
            status: body.status,
            comment: body.comment,
            changed_at: "2026-11-12T14:00:00Z",
            event_id: body.event_id,
            meeting: body.event_id ? { title: "Trepartsforum november", held_on: "2026-11-12" } : null,
          }),
        );
        return json(idea, { headers: { etag: `"${idea.version}"` } });
      });
    }
    if (url.pathname === `/api/v1/ideas/${idea.id}` && request.method === "DELETE") {
      Object.assign(idea, { archived_at: "2026-11-20T10:00:00Z", version: idea.version + 1 });
      return new Response(null, { status: 204 });
    }
    if (url.pathname === `/api/v1/ideas/${idea.id}/support` && request.method === "POST") {
      Object.assign(idea, { supported: true, support_count: idea.support_count + 1 });
      return json({ idea_id: idea.id, supported: true, support_count: idea.support_count }, { status: 201 });
    }
    return undefined;
  }, role);
  return calls;
}

function renderPage(idea: Idea) {
  return renderWithApp(
    <Routes>
      <Route path="/p/:programmeId/ideas/:ideaId" element={<IdeaPage />} />
      <Route path="/p/:programmeId/ideas" element={<h1>Alle forslagene</h1>} />
    </Routes>,
    { route: `/p/${PROGRAMME}/ideas/${idea.id}` },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("IdeaPage", () => {
  it("refuses not pursued without a reason at the field, sending nothing", async () => {
    const idea = anIdea();
    const calls = ideaApi(idea);
    renderPage(idea);
    const assess = await screen.findByRole("region", { name: "Vurder" });
    await userEvent.selectOptions(within(assess).getByLabelText("Ny status"), "not_pursued");
    await userEvent.click(within(assess).getByRole("button", { name: "Lagre vurderingen" }));
    expect(within(assess).getByLabelText(/^Begrunnelse/)).toHaveAccessibleDescription(
      expect.stringContaining("Skriv hvorfor forslaget ikke videreføres."),
    );
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("assesses at a meeting of the assessing group, with If-Match, and shows it in the history", async () => {
    const idea = anIdea();
    const calls = ideaApi(idea);
    renderPage(idea);
    const assess = await screen.findByRole("region", { name: "Vurder" });
    await userEvent.selectOptions(within(assess).getByLabelText("Vurderes av"), `g:${FORUM}`);
    await waitFor(() =>
      expect(calls.some((c) => c.url.pathname === "/api/v1/events" && c.url.searchParams.get("group_id") === FORUM)).toBe(true),
    );
    await userEvent.selectOptions(await within(assess).findByLabelText("Møtet der det ble bestemt"), MEETING);
    await userEvent.type(within(assess).getByLabelText("Kommentar"), "Tas opp i forumet");
    await userEvent.click(within(assess).getByRole("button", { name: "Lagre vurderingen" }));
    const history = screen.getByRole("region", { name: "Slik er forslaget fulgt opp" });
    await within(history).findByText(/Trepartsforum november/);
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.url.pathname).toBe(`/api/v1/ideas/${idea.id}/assess`);
    expect(post.headers.get("If-Match")).toBe('"1"');
    expect(post.body).toEqual({
      status: "assessing",
      comment: "Tas opp i forumet",
      reason: null,
      event_id: MEETING,
      assessor_group_id: FORUM,
      assessor_person_id: null,
    });
    expect(within(history).getByRole("link", { name: /Trepartsforum november/ })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/events/${MEETING}`,
    );
    expect(history).toHaveTextContent("Tas opp i forumet");
  });

  it("supports the idea", async () => {
    const idea = anIdea({ support_count: 2 });
    const calls = ideaApi(idea, "member");
    renderPage(idea);
    const support = await screen.findByRole("region", { name: "Støtte" });
    expect(support).toHaveTextContent("2 støtter forslaget");
    await userEvent.click(within(support).getByRole("button", { name: "Støtt forslaget" }));
    await within(support).findByRole("button", { name: "Trekk støtten" });
    expect(support).toHaveTextContent("Du støtter forslaget, sammen med 3 i alt.");
    expect(calls.some((c) => c.method === "POST" && c.url.pathname.endsWith("/support"))).toBe(true);
  });

  it("offers an accepted idea to become a measure or a task", async () => {
    const idea = anIdea({ status: "accepted" });
    ideaApi(idea);
    renderPage(idea);
    const carry = await screen.findByRole("region", { name: "Gjør om til tiltak eller oppgave" });
    expect(within(carry).getByRole("button", { name: "Gjør om til tiltak" })).toBeInTheDocument();
    expect(within(carry).getByRole("button", { name: "Gjør om til oppgave" })).toBeInTheDocument();
  });

  it("shows observers the idea read-only, the anonymous submitter unnamed", async () => {
    const idea = anIdea({ anonymous: true, submitter_name: null });
    ideaApi(idea, "observer");
    renderPage(idea);
    await screen.findByRole("heading", { level: 1, name: "Felles vaktbytte" });
    expect(screen.getByText("Anonym")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Vurder" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Støtt forslaget" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Arkiver" })).not.toBeInTheDocument();
  });

  it("archives after asking, with If-Match, and returns to the list", async () => {
    const idea = anIdea();
    const calls = ideaApi(idea);
    renderPage(idea);
    await userEvent.click(await screen.findByRole("button", { name: "Arkiver" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Arkivere forslaget?");
    await userEvent.click(screen.getByRole("button", { name: "Ja, arkiver" }));
    expect(await screen.findByRole("heading", { name: "Alle forslagene" })).toBeInTheDocument();
    const deleted = calls.find((c) => c.method === "DELETE")!;
    expect(deleted.headers.get("If-Match")).toBe('"1"');
  });

  it("lets a member assess only an idea whose assessor group they sit in", async () => {
    const idea = anIdea({ assessor_group_id: FORUM });
    ideaApi(idea, "member", true);
    const { unmount } = renderPage(idea);
    expect(await screen.findByRole("region", { name: "Vurder" })).toBeInTheDocument();
    unmount();
    vi.unstubAllGlobals();
    ideaApi(idea, "member", false);
    renderPage(idea);
    await screen.findByRole("region", { name: "Støtte" });
    expect(screen.queryByRole("region", { name: "Vurder" })).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Webhook } from "../../api/queries/webhooks";
import { renderWithApp } from "../../test/render";
import { groupEventTypes } from "./eventTypes";
import WebhooksPage from "./WebhooksPage";
import { translate } from "../../i18n";
import "./messages";

const PROGRAMME = "0193a0e4-7c1e-7000-8000-000000000001";
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function webhook(overrides: Partial<Webhook> = {}): Webhook {
  return {
    id: "0193a0e4-7c1e-7000-8000-000000000b01",
    created_at: "2026-12-01T10:00:00Z",
    updated_at: "2026-12-01T10:00:00Z",
    version: 1,
    programme_id: PROGRAMME,
    url: "https://intranett.kommune.example/hooks/samskap",
    description: "Intranettet",
    event_types: [],
    project_id: null,
    active: true,
    disabled_at: null,
    disabled_reason: null,
    failing_since: null,
    secret_hint: "whsec_…LaSw",
    created_by_id: null,
    ...overrides,
  };
}

const CATALOGUE = [
  { type: "deadline.created", description: "A deadline was created" },
  { type: "deadline.updated", description: "A deadline was changed" },
  { type: "deadline.due_soon", description: "A deadline is due soon" },
  { type: "event.created", description: "A meeting was created" },
  { type: "webhook.ping", description: "A test event" },
];

function stubApi(hooks: Webhook[], refuse?: { pointer: string; code: string }) {
  const posted: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/auth/me") {
        return json({
          id: "0193a0e4-7c1e-7000-8000-00000000a001",
          system_admin: false,
          memberships: [{ programme_id: PROGRAMME, role: "programme_admin", person_id: null }],
        });
      }
      if (url.pathname === "/api/v1/webhooks/event-types") return json({ items: CATALOGUE });
      if (url.pathname === "/api/v1/projects") return json({ items: [], next_cursor: null });
      if (url.pathname === "/api/v1/webhooks" && request.method === "GET") return json({ items: hooks, next_cursor: null });
      if (url.pathname === "/api/v1/webhooks" && request.method === "POST") {
        const body = await request.json();
        posted.push(body);
        if (refuse) {
          return json(
            { title: "Unprocessable", status: 422, errors: [{ pointer: refuse.pointer, code: refuse.code, detail: "no" }] },
            422,
          );
        }
        const made = webhook({ id: "0193a0e4-7c1e-7000-8000-000000000b02", ...body, secret_hint: "whsec_…LaSw" });
        hooks.push(made);
        return json({ ...made, secret: SECRET }, 201);
      }
      return json({ title: "Not Found" }, 404);
    }),
  );
  return posted;
}

function renderPage(locale: "nb" | "en" = "nb") {
  return renderWithApp(
    <Routes>
      <Route path="/p/:programmeId/webhooks" element={<WebhooksPage />} />
    </Routes>,
    { route: `/p/${PROGRAMME}/webhooks`, locale },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("WebhooksPage", () => {
  it("lists webhooks with their status in words", async () => {
    stubApi([
      webhook(),
      webhook({ id: "0193a0e4-7c1e-7000-8000-000000000b03", url: "https://a.example/x", failing_since: "2026-12-02T10:00:00Z" }),
      webhook({
        id: "0193a0e4-7c1e-7000-8000-000000000b04",
        url: "https://b.example/y",
        active: false,
        disabled_reason: "failing_for_3_days",
        event_types: ["deadline.created", "deadline.updated"],
      }),
    ]);
    renderPage("en");
    const table = await screen.findByRole("table");
    const rows = within(table).getAllByRole("row");
    expect(within(rows[1]).getByRole("link", { name: "https://intranett.kommune.example/hooks/samskap" })).toHaveAttribute(
      "href",
      `/p/${PROGRAMME}/webhooks/0193a0e4-7c1e-7000-8000-000000000b01`,
    );
    expect(within(rows[1]).getByText("Active")).toBeInTheDocument();
    expect(within(rows[1]).getByText("All events")).toBeInTheDocument();
    expect(within(rows[2]).getByText(/^Failing since 2 Dec 2026/)).toBeInTheDocument();
    expect(within(rows[3]).getByText("Switched off")).toBeInTheDocument();
    expect(within(rows[3]).getByText("2 event types")).toBeInTheDocument();
  });

  it("creates a webhook for chosen events and shows its secret once, with a warning", async () => {
    const hooks: Webhook[] = [];
    const posted = stubApi(hooks);
    renderPage();
    await screen.findByText("Programmet har ingen webhooker ennå.");
    await userEvent.click(screen.getByRole("button", { name: "Ny webhook" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lag webhook" }));
    expect(within(dialog).getByText("Skriv adressen webhooken skal sende til.")).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText(/^Adresse \(URL\)/), "https://intranett.kommune.example/hooks");
    await userEvent.click(within(dialog).getByRole("radio", { name: "Bare hendelsene jeg velger" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Lag webhook" }));
    expect(within(dialog).getByText("Velg minst én hendelse, eller velg alle hendelser.")).toBeInTheDocument();

    const deadlines = within(dialog).getByRole("group", { name: "Frist" });
    expect(within(deadlines).getAllByRole("checkbox").map((c) => (c as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
      "opprettet",
      "endret",
      "frist nærmer seg",
    ]);
    // The test event is sent by "Send testhendelse" only; nobody subscribes to it.
    expect(within(dialog).queryByRole("group", { name: "Webhook" })).not.toBeInTheDocument();
    await userEvent.click(within(deadlines).getByRole("checkbox", { name: "frist nærmer seg" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Lag webhook" }));

    const secret = await screen.findByRole("dialog", { name: "Hemmeligheten til webhooken" });
    expect(within(secret).getByLabelText("Hemmelighet")).toHaveValue(SECRET);
    expect(within(secret).getByText(/Den vises bare denne ene gangen/)).toBeInTheDocument();
    expect(posted).toEqual([
      {
        programme_id: PROGRAMME,
        url: "https://intranett.kommune.example/hooks",
        description: null,
        event_types: ["deadline.due_soon"],
        project_id: null,
      },
    ]);
    await userEvent.click(within(secret).getByRole("button", { name: "Jeg har tatt vare på den" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "https://intranett.kommune.example/hooks" })).toBeInTheDocument();
  });

  it("says in the user's language why a private address is refused", async () => {
    stubApi([], { pointer: "/url", code: "private_target" });
    renderPage("en");
    await userEvent.click(await screen.findByRole("button", { name: "New webhook" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText(/^Address \(URL\)/), "http://127.0.0.1:9000/hook");
    await userEvent.click(within(dialog).getByRole("button", { name: "Create webhook" }));
    expect(
      await within(dialog).findByText("The address points to a private or local network. Samskap sends to public addresses only."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "The webhook's secret" })).not.toBeInTheDocument();
  });
});

describe("groupEventTypes", () => {
  it("groups the catalogue by record in its order, worded, with unknown ones in plain words", () => {
    const t = (key: string, vars?: Record<string, string | number>) => translate("en", key, vars);
    const groups = groupEventTypes(t, [
      ...CATALOGUE,
      { type: "survey_question.created", description: "A question was added" },
      { type: "compliance.finding_cleared", description: "A finding was cleared" },
      { type: "mystery_table.renamed", description: "Renamed" },
    ]);
    expect(groups.map((g) => [g.label, g.types.map((x) => x.label)])).toEqual([
      ["Deadline", ["created", "changed", "deadline coming up"]],
      ["Meeting", ["created"]],
      ["Webhook", ["test"]],
      ["survey question", ["created"]],
      ["Compliance", ["finding cleared"]],
      ["mystery table", ["Renamed"]],
    ]);
  });
});

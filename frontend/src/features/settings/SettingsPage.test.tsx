import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CalendarFeed } from "../../api/queries/settings";
import { renderWithApp } from "../../test/render";
import SettingsPage from "./SettingsPage";

const TOKEN = "smc_Q2FsZW5kYXJGZWVkVG9rZW5Gb3JUZXN0cw";
const FEED_URL = `http://127.0.0.1:8000/api/v1/calendar/${TOKEN}.ics`;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function stubApi(feeds: CalendarFeed[]) {
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      calls.push(request.clone());
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/me/mail-preferences") {
        return json(
          {
            email: "kari@kommune.example",
            language: "nb",
            deadline_reminders: true,
            meeting_invitations: true,
            hearing_invitations: true,
            notifications: false,
            daily_digest: false,
            version: 1,
          },
          200,
          { etag: '"1"' },
        );
      }
      if (url.pathname === "/api/v1/me/calendar-feeds" && request.method === "GET") {
        return json({ items: feeds });
      }
      if (url.pathname === "/api/v1/me/calendar-feeds" && request.method === "POST") {
        const { name } = await request.json();
        const feed: CalendarFeed = {
          id: "0193a0e4-7c1e-7000-8000-000000000f02",
          name,
          prefix: TOKEN.slice(0, 8),
          created_at: "2026-12-03T10:00:00Z",
          last_used_at: null,
          revoked_at: null,
        };
        feeds.push(feed);
        return json({ ...feed, token: TOKEN, url: FEED_URL }, 201);
      }
      const revoke = /^\/api\/v1\/me\/calendar-feeds\/([^/]+)\/revoke$/.exec(url.pathname);
      if (revoke && request.method === "POST") {
        const feed = feeds.find((f) => f.id === revoke[1])!;
        feed.revoked_at = "2026-12-03T11:00:00Z";
        return json(feed);
      }
      return json({ title: "Not Found" }, 404);
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("SettingsPage's calendar feeds", () => {
  it("makes a feed and shows its address once, with a copy button", async () => {
    const feeds: CalendarFeed[] = [];
    const calls = stubApi(feeds);
    renderWithApp(<SettingsPage />);
    expect(await screen.findByText("Du har ingen kalenderfeeder.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Lag kalenderfeed" }));
    expect(screen.getByText("Gi feeden et navn.")).toBeInTheDocument();
    expect(calls.filter((r) => r.method === "POST")).toHaveLength(0);

    await userEvent.type(screen.getByLabelText("Navn på feeden"), "Outlook på jobb");
    await userEvent.click(screen.getByRole("button", { name: "Lag kalenderfeed" }));
    expect(await screen.findByText("Kalenderfeeden «Outlook på jobb» er laget")).toBeInTheDocument();
    expect(screen.getByLabelText("Adressen til kalenderen")).toHaveValue(FEED_URL);
    expect(screen.getByText(/Den vises bare denne ene gangen/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Kopier" })).toBeInTheDocument();
    const list = await screen.findByRole("list", { name: "Kalenderfeedene dine" });
    expect(within(list).getByText("Outlook på jobb")).toBeInTheDocument();
    // The list itself never holds the address.
    expect(within(list).queryByText(TOKEN, { exact: false })).not.toBeInTheDocument();
  });

  it("revokes a feed only after a confirmation", async () => {
    const feeds: CalendarFeed[] = [
      {
        id: "0193a0e4-7c1e-7000-8000-000000000f01",
        name: "iPhone",
        prefix: "smc_AbCd",
        created_at: "2026-11-01T10:00:00Z",
        last_used_at: "2026-12-02T06:00:00Z",
        revoked_at: null,
      },
    ];
    const calls = stubApi(feeds);
    renderWithApp(<SettingsPage />, { locale: "en" });
    const list = await screen.findByRole("list", { name: "Your calendar feeds" });
    expect(within(list).getByText(/Starts with smc_AbCd/)).toBeInTheDocument();
    await userEvent.click(within(list).getByRole("button", { name: "Revoke iPhone" }));
    const dialog = await screen.findByRole("dialog", { name: "Revoke" });
    expect(within(dialog).getByText(/The address stops working at once/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.some((r) => r.url.endsWith("/revoke"))).toBe(false);

    await userEvent.click(within(list).getByRole("button", { name: "Revoke iPhone" }));
    await userEvent.click(within(await screen.findByRole("dialog", { name: "Revoke" })).getByRole("button", { name: "Revoke" }));
    expect(await screen.findByText("“iPhone” is revoked.")).toBeInTheDocument();
    expect(await within(list).findByText("Revoked")).toBeInTheDocument();
    expect(within(list).queryByRole("button", { name: "Revoke iPhone" })).not.toBeInTheDocument();
  });
});

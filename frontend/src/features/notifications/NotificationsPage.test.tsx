import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Notification } from "../../api/queries/notifications";
import { renderWithApp } from "../../test/render";
import Bell from "./Bell";
import NotificationsPage from "./NotificationsPage";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function notification(overrides: Partial<Notification>): Notification {
  return {
    id: "0193a0e4-7c1e-7000-8000-000000000a01",
    type: "deadline.due_soon",
    programme_id: "0193a0e4-7c1e-7000-8000-000000000001",
    record_type: "deadline",
    record_id: "0193a0e4-7c1e-7000-8000-000000000d01",
    facts: { title: "Budsjettinnspill", due_at: "2026-12-10T11:00:00Z", programme_name: "Nordre Follo 2020" },
    path: "/p/0193a0e4-7c1e-7000-8000-000000000001/deadlines",
    created_at: "2026-12-07T08:00:00Z",
    read_at: null,
    ...overrides,
  };
}

function stubApi(items: Notification[]) {
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      calls.push(request.clone());
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/me/notifications/unread-count") {
        return json({ unread: items.filter((n) => !n.read_at).length });
      }
      if (url.pathname === "/api/v1/me/notifications") {
        const unread = url.searchParams.get("unread") === "true";
        return json({ items: items.filter((n) => !unread || !n.read_at), next_cursor: null });
      }
      if (url.pathname === "/api/v1/me/notifications/read-all" && request.method === "POST") {
        const marked = items.filter((n) => !n.read_at).length;
        items.forEach((n) => (n.read_at = "2026-12-07T09:00:00Z"));
        return json({ marked });
      }
      const read = /^\/api\/v1\/me\/notifications\/([^/]+)\/read$/.exec(url.pathname);
      if (read && request.method === "POST") {
        const n = items.find((x) => x.id === read[1])!;
        n.read_at ??= "2026-12-07T09:00:00Z";
        return json(n);
      }
      return json({ title: "Not Found" }, 404);
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("Bell", () => {
  it("is named with the unread count in the user's language", async () => {
    stubApi([notification({}), notification({ id: "0193a0e4-7c1e-7000-8000-000000000a02" })]);
    renderWithApp(<Bell />);
    expect(await screen.findByRole("link", { name: "Varsler, 2 uleste" })).toHaveAttribute("href", "/notifications");
  });

  it("says one unread in nynorsk, and just the name when none is", async () => {
    const items = [notification({})];
    stubApi(items);
    const { unmount } = renderWithApp(<Bell />, { locale: "nn" });
    expect(await screen.findByRole("link", { name: "Varsel, 1 ulese" })).toBeInTheDocument();
    unmount();
    items[0].read_at = "2026-12-07T09:00:00Z";
    renderWithApp(<Bell />, { locale: "en" });
    await waitFor(() => expect(screen.getByRole("link", { name: "Notifications" })).toBeInTheDocument());
  });
});

describe("NotificationsPage", () => {
  it("lists notifications worded by type, links to the record, and marks one read", async () => {
    const items = [
      notification({}),
      notification({
        id: "0193a0e4-7c1e-7000-8000-000000000a02",
        type: "event.updated",
        facts: { title: "Fellesnemnd", cancelled: true },
        path: null,
        read_at: "2026-12-06T09:00:00Z",
      }),
    ];
    const calls = stubApi(items);
    renderWithApp(<NotificationsPage />, { locale: "en" });
    const list = await screen.findByRole("list", { name: "Your notifications, newest first" });
    const link = within(list).getByRole("link", { name: "The deadline “Budsjettinnspill” is due 10 Dec 2026, 12:00." });
    expect(link).toHaveAttribute("href", items[0].path);
    expect(within(list).getByText("The meeting “Fellesnemnd” is cancelled.")).toBeInTheDocument();
    expect(within(list).getAllByText("Unread")).toHaveLength(1);

    await userEvent.click(within(list).getByRole("button", { name: /^Mark as read: The deadline/ }));
    expect(await screen.findByText("The notification is marked as read.")).toBeInTheDocument();
    expect(calls.some((r) => r.method === "POST" && r.url.endsWith(`/me/notifications/${items[0].id}/read`))).toBe(true);
    await waitFor(() => expect(within(list).queryByText("Unread")).not.toBeInTheDocument());
  });

  it("filters to the unread ones and marks them all read", async () => {
    const items = [notification({}), notification({ id: "0193a0e4-7c1e-7000-8000-000000000a02" })];
    const calls = stubApi(items);
    renderWithApp(<NotificationsPage />, { route: "/notifications?show=unread" });
    await screen.findByRole("list", { name: "Varslene dine, nyeste først" });
    expect(calls.some((r) => new URL(r.url).searchParams.get("unread") === "true")).toBe(true);
    await userEvent.click(screen.getByRole("button", { name: "Merk alle som lest" }));
    expect(await screen.findByText("2 varsler er merket som lest.")).toBeInTheDocument();
    expect(await screen.findByText("Du har ingen uleste varsler.")).toBeInTheDocument();
  });
});

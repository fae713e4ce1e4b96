import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeliveryDetail } from "../../api/queries/webhooks";
import { renderWithApp } from "../../test/render";
import { DeliveryDialog } from "./DeliveryDialog";
import "./messages";

const WEBHOOK = "0193a0e4-7c1e-7000-8000-000000000b01";
const DELIVERY = "0193a0e4-7c1e-7000-8000-000000000c01";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const detail = (overrides: Partial<DeliveryDetail> = {}): DeliveryDetail => ({
  id: DELIVERY,
  webhook_id: WEBHOOK,
  message_id: "msg_0193a0e47c1e70008000000000000c01",
  event_type: "deadline.created",
  status: "delivered",
  attempts: 3,
  created_at: "2026-12-03T10:00:00Z",
  next_attempt_at: null,
  delivered_at: "2026-12-03T10:05:05Z",
  last_status_code: 200,
  payload: { type: "deadline.created", occurred_at: "2026-12-03T10:00:00Z", data: { title: "Budsjettinnspill" } },
  attempt_log: [
    { attempt: 1, started_at: "2026-12-03T10:00:00Z", duration_ms: 120, outcome: "failure", status_code: 503, error: null, response_excerpt: "busy" },
    { attempt: 2, started_at: "2026-12-03T10:00:05Z", duration_ms: null, outcome: "failure", status_code: null, error: "connection refused", response_excerpt: null },
    { attempt: 3, started_at: "2026-12-03T10:05:05Z", duration_ms: 80, outcome: "success", status_code: 200, error: null, response_excerpt: "ok" },
  ],
  ...overrides,
});

function stubApi(status: DeliveryDetail["status"] = "delivered") {
  const posts: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === `/api/v1/webhooks/${WEBHOOK}/deliveries/${DELIVERY}` && request.method === "GET") {
        return json(detail({ status }));
      }
      if (url.pathname === `/api/v1/webhooks/${WEBHOOK}/deliveries/${DELIVERY}/redeliver` && request.method === "POST") {
        posts.push(url.pathname);
        const pending = detail({ status: "pending" });
        return json({ ...pending, attempt_log: undefined, payload: undefined }, 202);
      }
      return json({ title: "Not Found" }, 404);
    }),
  );
  return posts;
}

afterEach(() => vi.unstubAllGlobals());

describe("DeliveryDialog", () => {
  it("shows every attempt with its answer, the body sent and the message id, and sends again", async () => {
    const posts = stubApi();
    renderWithApp(<DeliveryDialog webhookId={WEBHOOK} deliveryId={DELIVERY} onClose={() => undefined} />, { locale: "en" });
    const dialog = await screen.findByRole("dialog", { name: "Delivery: Deadline: created" });
    expect(within(dialog).getByText("msg_0193a0e47c1e70008000000000000c01")).toBeInTheDocument();
    const attempts = within(dialog).getByRole("table", { name: "Attempts to deliver" });
    const rows = within(attempts).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell").map((c) => c.textContent))).toEqual([
      ["1", "3 Dec 2026, 11:00", "Failed", "503", "120 ms", "busy"],
      ["2", "3 Dec 2026, 11:00", "Failed", "—", "—", "connection refused"],
      ["3", "3 Dec 2026, 11:05", "Succeeded", "200", "80 ms", "ok"],
    ]);
    expect(within(dialog).getByRole("region", { name: "The body sent" })).toHaveTextContent('"title": "Budsjettinnspill"');
    await userEvent.click(within(dialog).getByRole("button", { name: "Send again" }));
    expect(await within(dialog).findByText("The delivery is queued again.")).toBeInTheDocument();
    expect(posts).toHaveLength(1);
  });

  it("offers no second attempt while the next one is queued", async () => {
    stubApi("pending");
    renderWithApp(<DeliveryDialog webhookId={WEBHOOK} deliveryId={DELIVERY} onClose={() => undefined} />);
    const dialog = await screen.findByRole("dialog", { name: "Leveranse: Frist: opprettet" });
    expect(within(dialog).getByText("Venter")).toBeInTheDocument();
    expect(within(dialog).queryByRole("button", { name: "Send på nytt" })).not.toBeInTheDocument();
  });
});

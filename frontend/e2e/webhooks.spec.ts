import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 (the server is told to allow it): records every POST and answers 200. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("mottatt");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/samskap`, received };
}

/** The Standard Webhooks signature, checked independently: HMAC-SHA256 over "id.timestamp.body". */
function signatureIsValid(secret: string, { headers, body }: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key)
    .update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${body}`)
    .digest();
  return String(headers["webhook-signature"])
    .split(" ")
    .some((entry) => {
      const [version, signature] = entry.split(",");
      const given = Buffer.from(signature ?? "", "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

test("a programme administrator adds a webhook, keeps its secret, and sees a test event and a change delivered", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const receiver = await startReceiver();
  try {
    await login(page, "programmeAdmin");
    const programme = programmeId(page);
    await page.getByRole("link", { name: "Programinnstillinger" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Innstillinger for programmet" })).toBeVisible();
    await page.getByRole("link", { name: "Gå til webhookene" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooker" })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);

    await page.getByRole("button", { name: "Ny webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "Ny webhook" });
    await opened(dialog);
    await dialog.getByLabel("Adresse (URL)").fill(receiver.url);
    await dialog.getByLabel("Beskrivelse").fill("Intranettet");
    await dialog.getByRole("radio", { name: "Bare hendelsene jeg velger" }).check();
    const deadlines = dialog.getByRole("group", { name: "Frist", exact: true });
    await deadlines.getByRole("checkbox", { name: "opprettet" }).check();
    await deadlines.getByRole("checkbox", { name: "frist nærmer seg" }).check();
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Lag webhook" }).click();

    // The secret is shown once, with a warning and a copy button.
    const secretDialog = page.getByRole("dialog", { name: "Hemmeligheten til webhooken" });
    await opened(secretDialog);
    await expect(secretDialog.getByText(/Den vises bare denne ene gangen/)).toBeVisible();
    const secret = await secretDialog.getByLabel("Hemmelighet").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    await expect(secretDialog.getByRole("button", { name: "Kopier" })).toBeVisible();
    await expectAccessible(page);
    await secretDialog.getByRole("button", { name: "Jeg har tatt vare på den" }).click();
    await expect(secretDialog).toBeHidden();

    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: receiver.url }) });
    await expect(row.getByText("Aktiv")).toBeVisible();
    await expect(row.getByText("2 hendelsestyper")).toBeVisible();
    await row.getByRole("link", { name: receiver.url }).click();
    await expect(page.getByRole("heading", { level: 1, name: receiver.url })).toBeVisible();
    // Only a hint of the secret is shown again, never the secret itself.
    await expect(page.locator("body")).not.toContainText(secret);
    await expect(page.getByText(/^whsec_…/)).toBeVisible();

    await page.getByRole("button", { name: "Send testhendelse" }).click();
    const log = page.getByRole("table", { name: "Leveranser, nyeste først" });
    const ping = log.getByRole("row").filter({ hasText: "Webhook: test" });
    await expect(ping.getByText("Levert")).toBeVisible({ timeout: 60_000 });
    await expect(ping.getByRole("cell", { name: "200" })).toBeVisible();

    // A change of the kind it asked for: a new deadline in the programme.
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const people = await (
      await page.request.get(`/api/v1/people?programme_id=${programme}&limit=1`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
    const created = await page.request.post("/api/v1/deadlines", {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        programme_id: programme,
        title: `Innspill til budsjett ${Date.now()}`,
        due_at: "2027-03-01T12:00:00+01:00",
        kind: "submission",
        status: "open",
        responsible_person_id: people.items[0].id,
      },
    });
    expect(created.status()).toBe(201);
    const deadline = await created.json();
    // What arrived: signed with the secret shown once, a ping and the deadline, each with its own id.
    await expect.poll(() => receiver.received.length, { timeout: 60_000 }).toBe(2);
    // The log asks again by itself only while a delivery it shows is pending: a new page asks now.
    await page.reload();
    const change = log.getByRole("row").filter({ hasText: "Frist: opprettet" });
    await expect(change.getByText("Levert")).toBeVisible();
    for (const message of receiver.received) {
      expect(signatureIsValid(secret, message), message.body).toBe(true);
      expect(message.headers["content-type"]).toContain("application/json");
    }
    const bodies = receiver.received.map((m) => JSON.parse(m.body));
    expect(bodies.map((b) => b.type)).toEqual(["webhook.ping", "deadline.created"]);
    expect(bodies[1].data.id).toBe(deadline.id);
    expect(bodies[1].data.title).toBe(deadline.title);

    // The delivery's attempts, with the receiver's answer, and its message id as sent.
    await change.getByRole("button", { name: /^Vis leveransen/ }).click();
    const detail = page.getByRole("dialog", { name: "Leveranse: Frist: opprettet" });
    await opened(detail);
    await expect(detail.getByText(String(receiver.received[1].headers["webhook-id"]))).toBeVisible();
    const attempts = detail.getByRole("table", { name: "Forsøk på å levere" });
    await expect(attempts.getByRole("row")).toHaveCount(2);
    await expect(attempts.getByText("Vellykket")).toBeVisible();
    await expect(attempts.getByText("mottatt")).toBeVisible();
    await expectAccessible(page);
    await detail.getByRole("button", { name: "Send på nytt" }).click();
    await expect(detail.getByText("Leveransen er lagt i køen igjen.")).toBeAttached();
    await expect.poll(() => receiver.received.length, { timeout: 60_000 }).toBe(3);
    expect(receiver.received[2].headers["webhook-id"]).toBe(receiver.received[1].headers["webhook-id"]);
    await detail.getByRole("button", { name: "Lukk" }).first().click();
    await expect(detail).toBeHidden();

    await expectAccessible(page);
    await expectNoRawKeys(page);
    await page.screenshot({ path: "../docs/screenshots/webhooks.png", fullPage: true });

    // Switched off, it says so; then deleted, after a confirmation.
    await page.getByRole("button", { name: "Slå av" }).click();
    await expect(page.getByText(/^Slått av .*\.$/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Send testhendelse" })).toBeDisabled();
    await page.getByRole("button", { name: "Slå på" }).click();
    await expect(page.getByRole("button", { name: "Send testhendelse" })).toBeEnabled();
    await page.getByRole("button", { name: "Slett" }).click();
    const confirm = page.getByRole("dialog", { name: "Slett" });
    await opened(confirm);
    await confirm.getByRole("button", { name: "Slett" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooker" })).toBeVisible();
    await expect(page.getByRole("link", { name: receiver.url })).toHaveCount(0);
    await page.request.delete(`/api/v1/deadlines/${deadline.id}`, {
      headers: { Authorization: `Bearer ${token}`, "If-Match": `"${deadline.version}"` },
    });
  } finally {
    receiver.server.close();
  }
});

test("an editor sees neither the programme settings nor the webhooks", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  await expect(page.getByRole("link", { name: "Oppgaver", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Programinnstillinger" })).toHaveCount(0);
  await page.goto(`/p/${programme}/webhooks`);
  await expect(page.getByRole("heading", { level: 1, name: "Webhooker" })).toBeVisible();
  await expect(page.getByText(/^Du er ikke programadministrator/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Ny webhook" })).toHaveCount(0);
});

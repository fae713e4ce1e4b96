import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

/** An access token for another account, as another person's browser would hold it. */
async function tokenOf(request: APIRequestContext, account: keyof typeof ACCOUNTS): Promise<string> {
  const response = await request.post("/api/v1/auth/token", {
    data: { grant_type: "password", username: ACCOUNTS[account].email, password: ACCOUNTS[account].password },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).access_token;
}

async function ownToken(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
}

test("a meeting made and moved by someone else shows in the bell and on the notification page, read on opening", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await login(page, "member");
  const programme = programmeId(page);
  const mine = await ownToken(page);
  const me = await (await page.request.get("/api/v1/auth/me", { headers: { Authorization: `Bearer ${mine}` } })).json();
  const title = "Drøftingsmøte om bemanningsplanen";
  const person = me.memberships.find((m: { programme_id: string }) => m.programme_id === programme).person_id;
  expect(person).toBeTruthy();
  const headers = { Authorization: `Bearer ${mine}` };
  const unread = async () =>
    (await (await page.request.get("/api/v1/me/notifications/unread-count", { headers })).json()).unread as number;
  // The unread notifications about this test's meeting (the server's scans may tell of others).
  const aboutMeeting = async () => {
    const page1 = await (await page.request.get("/api/v1/me/notifications?unread=true&limit=100", { headers })).json();
    return page1.items.filter((n: { facts: { title?: string } }) => n.facts.title === title).length as number;
  };
  const bellName = (n: number) => (n === 0 ? "Varsler" : n === 1 ? "Varsler, 1 ulest" : `Varsler, ${n} uleste`);
  await page.request.post("/api/v1/me/notifications/read-all", { headers });
  await page.reload();
  await expect(page.getByRole("link", { name: "Varsler", exact: true })).toBeVisible();

  // The programme office invites the member's person to a meeting; the server's worker tells them.
  const editor = { Authorization: `Bearer ${await tokenOf(page.request, "editor")}` };
  const made = await page.request.post("/api/v1/events", {
    headers: editor,
    data: {
      programme_id: programme,
      title,
      kind: "meeting",
      starts_at: "2027-02-03T09:00:00+01:00",
      ends_at: "2027-02-03T11:00:00+01:00",
      location: "Rådhuset, møterom 2",
      participants: [{ person_id: person }],
    },
  });
  expect(made.status()).toBe(201);
  const event = await made.json();
  await expect.poll(aboutMeeting, { timeout: 60_000 }).toBe(1);

  // The bell asks every minute; a new page asks at once.
  let count = await unread();
  await page.reload();
  await expect(page.getByRole("link", { name: bellName(count), exact: true })).toBeVisible();
  await expectAccessible(page);

  // Then it is moved: those invited are told its new time.
  const moved = await page.request.patch(`/api/v1/events/${event.id}`, {
    headers: { ...editor, "If-Match": made.headers()["etag"], "content-type": "application/merge-patch+json" },
    data: { starts_at: "2027-02-04T12:00:00+01:00", ends_at: "2027-02-04T14:00:00+01:00" },
  });
  expect(moved.status()).toBe(200);
  await expect.poll(aboutMeeting, { timeout: 60_000 }).toBe(2);

  count = await unread();
  await page.reload();
  await page.getByRole("link", { name: bellName(count), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Varsler" })).toBeVisible();
  const list = page.getByRole("list", { name: "Varslene dine, nyeste først" });
  const invited = list.getByRole("link", { name: `Du er invitert til «${title}» 3. feb. 2027, 09:00.` });
  const changed = list.getByRole("link", { name: `Møtet «${title}» er endret: det er nå 4. feb. 2027, 12:00.` });
  await expect(invited).toBeVisible();
  await expect(changed).toBeVisible();
  const ours = list.getByRole("listitem").filter({ hasText: title });
  await expect(ours.getByText("Ulest")).toHaveCount(2);
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.screenshot({ path: "../docs/screenshots/notifications.png", fullPage: true });

  // Opening one goes to the meeting and reads it.
  await changed.click();
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/events/${event.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: bellName(count - 1), exact: true })).toBeVisible();
  await page.goBack();
  await expect(ours.getByText("Ulest")).toHaveCount(1);

  // Only the unread one, then none.
  await page.getByRole("radio", { name: "Uleste" }).click({ force: true });
  await expect(page).toHaveURL(/show=unread/);
  await expect(ours).toHaveCount(1);
  await page.getByRole("button", { name: "Merk alle som lest" }).click();
  await expect(page.getByText("Du har ingen uleste varsler.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Varsler", exact: true })).toBeVisible();
  expect(await unread()).toBe(0);

  // In nynorsk and English at 320 px, the page passes axe and fits.
  await page.setViewportSize({ width: 320, height: 720 });
  for (const [locale, heading, all] of [
    ["nn", "Varsel", "Alle"],
    ["en", "Notifications", "All"],
  ] as const) {
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.goto("/notifications");
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("radio", { name: all })).toBeChecked();
    await expect(page.getByRole("listitem").filter({ hasText: title })).toHaveCount(2);
    await expectAccessible(page);
    await expectNoRawKeys(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }
  await page.request.delete(`/api/v1/events/${event.id}`, {
    headers: { ...editor, "If-Match": moved.headers()["etag"] },
  });
});

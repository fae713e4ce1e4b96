import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

// The demo's participation link and one receipt of Nordre Follo (backend/samskap/demo/nordre_follo_participation.py).
const DEMO_FORM = "/i/nordre-follo-forbedringsforslag-demo";
const DEMO_RECEIPT = "/r/nordre-follo-kvittering-moteplasser-demo";

async function headersOf(page: Page) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  return { Authorization: `Bearer ${token}` };
}

test("a member submits an idea, supports another and withdraws the support; filters narrow the list", async ({ page }) => {
  await login(page, "member");
  const programme = programmeId(page);
  await page.goto(`/p/${programme}/ideas`);
  await expect(page.getByRole("heading", { level: 1, name: "Forbedringsforslag" })).toBeVisible();
  // A member does not hand out participation links.
  await expect(page.getByRole("region", { name: "Deltakerlenker" })).toHaveCount(0);

  const title = `Delt kalender for foreldremøter ${Date.now() % 1_000_000}`;
  await page.getByRole("button", { name: "Nytt forslag" }).click();
  const dialog = page.getByRole("dialog", { name: "Nytt forbedringsforslag" });
  await dialog.getByRole("button", { name: "Send forslaget" }).click();
  await expect(dialog.getByText("Gi forslaget en tittel.")).toBeVisible();
  await dialog.getByLabel("Tittel").fill(title);
  await dialog.getByLabel("Beskrivelse").fill("Én kalender for alle skolene, så foreldre med barn på flere skoler slipper kollisjoner.");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Send forslaget" }).click();
  await expect(dialog).toHaveCount(0);
  const mine = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
  await expect(mine).toContainText("Mottatt");

  // The status counts pick the filter; the text search finds the new idea.
  await page.getByRole("list", { name: "Forslag per status" }).getByRole("button", { name: /^Akseptert: / }).click();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("accepted");
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await page.getByRole("button", { name: "Fjern filtre" }).click();
  await page.getByLabel("Søk i tittel").fill(title);
  await page.getByLabel("Søk i tittel").press("Enter");
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);

  // Support an idea of the demo, then withdraw it.
  await page.goto(`/p/${programme}/ideas?status=received`);
  await page.getByRole("table").getByRole("link").first().click();
  const support = page.getByRole("region", { name: "Støtte" });
  const button = support.getByRole("button", { name: /Støtt forslaget|Trekk støtten/ });
  const before = (await button.textContent())?.trim();
  await button.click();
  await expect(support.getByRole("button", { name: before === "Støtt forslaget" ? "Trekk støtten" : "Støtt forslaget" })).toBeVisible();
  await support.getByRole("button").click();
  await expect(support.getByRole("button", { name: before! })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // Clean up: the office archives the member's idea.
  const headers = await headersOf(page);
  const found = await page.request.get("/api/v1/ideas", { headers, params: { programme_id: programme, q: title } });
  const [idea] = (await found.json()).items;
  await login(page, "editor");
  const office = await headersOf(page);
  const current = await page.request.get(`/api/v1/ideas/${idea.id}`, { headers: office });
  const archived = await page.request.delete(`/api/v1/ideas/${idea.id}`, {
    headers: { ...office, "If-Match": current.headers()["etag"] },
  });
  expect(archived.status()).toBe(204);
});

test("an observer reads the ideas and their history, and changes nothing", async ({ page }) => {
  await login(page, "observer");
  const programme = programmeId(page);
  await page.getByRole("navigation").getByRole("link", { name: "Forslag", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forbedringsforslag" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Nytt forslag" })).toHaveCount(0);
  await page.goto(`/p/${programme}/ideas?status=not_pursued`);
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Slik er forslaget fulgt opp" }).getByRole("listitem").last()).toContainText(
    "Ikke videreført",
  );
  await expect(page.getByText("Begrunnelse", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Vurder" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Arkiver" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Støtt forslaget" })).toHaveCount(0);
  await expectAccessible(page);
});

test("the demo's receipt shows its steps and meetings; a closed link answers that it is closed", async ({ page, browser, baseURL }) => {
  const visitor = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const phone = await visitor.newPage();
  await phone.goto(DEMO_RECEIPT);
  await expect(phone.getByRole("heading", { level: 1, name: "Faste møteplasser mellom skole og barnehage" })).toBeVisible();
  const steps = phone.getByRole("region", { name: "Slik er forslaget fulgt opp" }).getByRole("listitem");
  expect(await steps.count()).toBeGreaterThanOrEqual(3);
  await expect(steps.nth(1)).toContainText("Bestemt i");
  await expectAccessible(phone);

  await phone.goto("/r/no-such-receipt-at-all-0123456789");
  await expect(phone.getByRole("alert")).toContainText("Fant ingen kvittering");
  await phone.goto("/i/no-such-form-at-all-0123456789");
  await expect(phone.getByRole("alert")).toContainText("Fant ikke skjemaet");

  // The office's view of the demo's ideas, for the documentation.
  await login(page, "editor");
  const programme = programmeId(page);
  await page.goto(`/p/${programme}/ideas`);
  await expect(page.getByRole("region", { name: "Deltakerlenker" }).getByRole("table")).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: "../docs/screenshots/ideas.png", fullPage: true });

  // A link the office closes answers 410 on its form.
  const headers = await headersOf(page);
  const made = await page.request.post("/api/v1/participation-links", {
    headers,
    data: { programme_id: programme, label: `Stenges straks ${Date.now()}` },
  });
  expect(made.status()).toBe(201);
  const link = await made.json();
  await page.goto(`/p/${programme}/ideas`);
  const row = page.getByRole("region", { name: "Deltakerlenker" }).getByRole("row", { name: new RegExp(link.label) });
  await row.getByRole("button", { name: `Steng lenken «${link.label}»` }).click();
  await expect(row).not.toContainText("Åpen");
  await phone.goto(link.form_path);
  await expect(phone.getByRole("alert")).toContainText("Denne lenken er stengt");
  await phone.goto(DEMO_FORM);
  await expect(phone.getByRole("heading", { level: 1, name: "Send et forbedringsforslag" })).toBeVisible();
  await visitor.close();
});

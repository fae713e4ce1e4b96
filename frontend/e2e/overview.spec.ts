import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login } from "./fixtures";

/** The page is as wide as the window: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const [doc, view] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(doc).toBeLessThanOrEqual(view);
}

test("the overview answers where we are, what is late and where involvement is missing", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, "editor");
  await expect(page.getByRole("heading", { level: 1, name: "Nordre Follo 2020" })).toBeVisible();
  const projects = page.getByRole("table", { name: "Prosjekter" });

  // Where we are: every project has its current phase and its plan as a bar.
  const vo1 = projects.getByRole("row", { name: /VO1 Oppvekst og utdanning/ });
  await expect(vo1).toContainText("Fase 5 av 5: Evaluere og tilpasse");
  await expect(vo1.getByRole("img", { name: "Faseplan: 4 av 5 faser fullført" })).toBeVisible();
  const st1 = projects.getByRole("row", { name: /ST1 Økonomi/ });
  await expect(st1).toContainText("Fase 4 av 4: Innplassering og oppstart av Nordre Follo (alle fullført)");
  await expect(projects.getByRole("row")).toHaveCount(8);
  await expect(projects.getByText("Ingen faseplan")).toHaveCount(0);

  // Health never stands alone: each project says its findings beside it, with a link to them.
  for (const row of await projects.getByRole("row").all()) {
    if (!(await row.getByRole("cell").count())) continue;
    await expect(row).toContainText(/\d+ avvik|ingen avvik/);
  }
  const greenWithFindings = projects
    .getByRole("row")
    .filter({ hasText: "I rute" })
    .getByRole("link", { name: /^\d+ avvik/ });
  await expect(greenWithFindings.first()).toHaveAttribute("href", /\/p\/[0-9a-f-]+\/compliance\?findings=[0-9a-f-]+#findings$/);
  await expect(page.getByText(/^Etterlevelseskontrollen har \d+ åpne funn\./)).toBeVisible();

  // What is late comes first, the most recently missed on top (not 2018's).
  const overdue = page.getByRole("heading", { name: /Forfalte frister \(\d+\)/ });
  await expect(overdue).toBeVisible();
  const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
  expect(headings.findIndex((h) => h.startsWith("Forfalte frister"))).toBeLessThan(headings.indexOf("Prosjekter"));
  const firstOverdue = page.locator("#overdue-heading ~ ul li").first();
  await expect(firstOverdue).toContainText("2026");
  await expect(vo1.getByText(/\d+ forfalt/)).toBeVisible();

  // Where involvement is missing: every project is in the table, those with none marked.
  const involvement = page.getByRole("table", { name: "Antall medvirkninger per prosjekt og gruppe" });
  await expect(involvement.getByRole("row")).toHaveCount(9);
  await expect(page.getByText(/^\d+ av 7 prosjekter har ingen registrert medvirkning\.$/)).toBeVisible();
  // VO3 is a project no other browser test registers involvement for.
  await expect(involvement.getByRole("row", { name: /VO3 Samfunnsutvikling/ }).getByText("Ingen medvirkning")).toBeVisible();

  await expectAccessible(page);
  await expectNoRawKeys(page);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: "../docs/screenshots/overview.png", fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(vo1).toContainText("Fase 5 av 5");
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: "../docs/screenshots/overview-phone.png", fullPage: true });
  await page.setViewportSize({ width: 320, height: 700 });
  await expectNoSidewaysScroll(page);
});

test("the timeline draws phases, deadlines and decisions, zooms by keyboard and has a table", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, "observer");
  await page.getByRole("link", { name: "Åpne tidslinjen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tidslinje" })).toBeVisible();
  const chart = page.getByRole("region", { name: "Tidslinje over faser, frister og vedtak" });
  await expect(chart.getByRole("img", { name: /^Gantt-diagram med \d+ faser, \d+ frister og \d+ vedtak\./ })).toBeVisible();
  await expect(chart.getByText("I dag", { exact: true })).toBeVisible();

  const zoom = page.getByRole("group", { name: "Zoom" });
  await expect(zoom.getByRole("button", { name: "Hele programmet" })).toHaveAttribute("aria-pressed", "true");
  const wholeWidth = await chart.locator("svg").first().getAttribute("width");
  await chart.focus();
  await page.keyboard.press("+");
  await page.keyboard.press("+");
  await expect(zoom.getByRole("button", { name: "Kvartal" })).toHaveAttribute("aria-pressed", "true");
  await zoom.getByRole("button", { name: "Måned" }).focus();
  await page.keyboard.press("Enter");
  await expect(zoom.getByRole("button", { name: "Måned" })).toHaveAttribute("aria-pressed", "true");
  const monthWidth = await chart.locator("svg").first().getAttribute("width");
  expect(Number(monthWidth)).toBeGreaterThan(Number(wholeWidth) * 10);
  // The chart scrolls inside its own box, to today; the page does not.
  expect(await chart.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expectNoSidewaysScroll(page);

  await page.getByText("Vis tidslinjen som tabell").click();
  const table = page.getByRole("table", { name: "Faser, frister og vedtak etter dato" });
  await expect(table.getByRole("row", { name: /Fase .*Evaluere og tilpasse/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /Vedtak/ }).first()).toBeVisible();
  await expect(table.getByRole("row", { name: /Frist/ }).first()).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await zoom.getByRole("button", { name: "År" }).click();
  await page.screenshot({ path: "../docs/screenshots/timeline.png" });

  await page.setViewportSize({ width: 320, height: 700 });
  await expectNoSidewaysScroll(page);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel("Språk").selectOption("nn");
  await expect(page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "Heile programmet" })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.getByLabel("Språk").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Timeline" })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await expectNoSidewaysScroll(page);
});

test("switching language changes every label, and the pages stay accessible", async ({ page }) => {
  await login(page, "observer");
  const nav = page.getByRole("navigation", { name: "Nordre Follo 2020" });
  await expect(nav.getByRole("link", { name: "Oppgaver" })).toBeVisible();

  await page.getByLabel("Språk").selectOption("nn");
  await expect(nav.getByRole("link", { name: "Oppgåver" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Medverknad per prosjekt" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nn");
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByLabel("Språk").selectOption("en");
  await expect(nav.getByRole("link", { name: "Tasks" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Involvement per project" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Involvement per project" })).toBeVisible();
});

test("an involvement recorded in the form shows on the overview", async ({ page }) => {
  await login(page, "member");
  const overview = page.url();
  const chartTable = page.getByRole("table", { name: "Antall medvirkninger per prosjekt og gruppe" });
  const row = chartTable.getByRole("row", { name: /VO2 Helse og velferd/ });
  await expect(row.getByRole("cell").last()).toHaveText("0");

  await page.getByRole("link", { name: "Registrer medvirkning" }).click();
  await page.getByLabel("Hvem ble involvert", { exact: true }).selectOption("union_representatives");
  await page.getByLabel(/^Antall deltakere/).fill("4");
  await page.getByLabel("Medvirkningsform").selectOption("consultation");
  await page.getByRole("textbox", { name: /^Saken/ }).fill("Turnusordning i hjemmetjenesten etter sammenslåingen");
  await page.getByLabel("Prosjekt (valgfritt)").selectOption({ label: "VO2 Helse og velferd" });
  await page.getByRole("button", { name: "Lagre medvirkningen" }).click();
  await expect(page.getByText(/er registrert\./)).toBeVisible();

  await page.goto(overview);
  await expect(chartTable.getByRole("columnheader", { name: "Tillitsvalgte" })).toBeVisible();
  await expect(row.getByRole("cell").last()).toHaveText("1");
  await expectAccessible(page);
});

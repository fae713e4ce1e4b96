import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login } from "./fixtures";

test("the overview shows projects, deadlines, involvement and the timeline", async ({ page }) => {
  await login(page, "editor");
  await expect(page.getByRole("heading", { level: 1, name: "Nordre Follo 2020" })).toBeVisible();
  const projects = page.getByRole("table", { name: "Prosjekter" });
  await expect(projects.getByRole("link", { name: "Oppvekst og utdanning" })).toBeVisible();
  await expect(projects.getByText("5. Evaluere og tilpasse (4/5)")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Forfalte frister \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Medvirkning per prosjekt" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tidslinje" })).toBeVisible();
  await expect(page.getByText(/^Etterlevelseskontrollen har \d+ åpne funn\./)).toBeVisible();
  await expect(page.getByRole("link", { name: "Se funnene og hva som må rettes" })).toHaveAttribute(
    "href",
    /\/p\/[0-9a-f-]+\/compliance$/,
  );
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.screenshot({ path: "../docs/screenshots/overview.png", fullPage: true });
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

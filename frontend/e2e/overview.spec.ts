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

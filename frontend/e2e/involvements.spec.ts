import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

test("record an involvement through the form and find it in the log", async ({ page }) => {
  await login(page, "editor");
  const base = `/p/${programmeId(page)}/involvements`;
  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: "Medvirkning" })).toBeVisible();
  const log = page.getByRole("list", { name: "Medvirkningsloggen" });
  await expect(log.getByRole("article").first()).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByRole("link", { name: "Registrer medvirkning" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/new$`));
  await expect(page.getByRole("heading", { level: 1, name: "Registrer medvirkning" })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // Nothing filled in: the summary lists what is missing and links to each field.
  await page.getByRole("button", { name: "Lagre medvirkningen" }).click();
  const summary = page.getByRole("group", { name: "Rett opp dette før du lagrer:" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveCount(4);
  await summary.getByRole("link", { name: "Skriv hva saken gjaldt." }).click();
  await expect(page.getByRole("textbox", { name: /^Saken/ })).toBeFocused();
  await expectAccessible(page);

  // Each run has a fresh database, so the matter is unique without a timestamp in the screenshot.
  const matter = "Forslag til ny organisering av skolehelsetjenesten";
  await page.getByLabel("Hvem ble involvert", { exact: true }).selectOption("union_representatives");
  const people = page.getByRole("group", { name: "Deltakere" });
  await people.getByRole("checkbox").first().check();
  await page.getByLabel(/^Antall deltakere/).fill("6");
  await page.getByLabel("Medvirkningsform").selectOption("consultation");
  await page.getByRole("textbox", { name: /^Saken/ }).fill(matter);
  await page.getByLabel("Prosjekt (valgfritt)").selectOption({ index: 1 });
  await page.getByRole("textbox", { name: /^Hva ble sagt/ }).fill("Ønsker tydeligere ledernivåer og faste møteplasser.");
  await page.getByRole("textbox", { name: /^Hva kom ut av det/ }).fill("Ledernivåene ble beskrevet i høringsforslaget.");
  await expect(page.getByText("1 valgt deltaker:")).toBeVisible();
  await page.screenshot({ path: "../docs/screenshots/involvement-form.png", fullPage: true });

  await page.getByRole("button", { name: "Lagre medvirkningen" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  await expect(page.getByText(`Medvirkningen om «${matter}» er registrert.`)).toBeVisible();
  const entry = page.getByRole("article", { name: matter });
  await expect(entry).toContainText("Tillitsvalgte · 1 navngitt deltaker · 6 til stede i alt");
  await expect(entry.locator("dd").filter({ hasText: /^Drøfting$/ })).toBeVisible();
  await expect(entry).toContainText("Ønsker tydeligere ledernivåer og faste møteplasser.");
  await expect(entry).toContainText("Ledernivåene ble beskrevet i høringsforslaget.");
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // The filters narrow the log by the URL.
  await page.getByLabel("Hvem ble involvert", { exact: true }).selectOption("union_representatives");
  await page.getByLabel("Medvirkningsform").selectOption("consultation");
  await expect(page).toHaveURL(/kind=union_representatives/);
  await expect(page.getByRole("article", { name: matter })).toBeVisible();
  await page.getByLabel("Medvirkningsform").selectOption("survey");
  await expect(page.getByRole("article", { name: matter })).toHaveCount(0);
});

test("the involvement log and form in nynorsk and English", async ({ page }) => {
  await login(page, "editor");
  const base = `/p/${programmeId(page)}/involvements`;
  await page.getByLabel("Språk").selectOption("nn");
  await page.goto(`${base}/new`);
  await expect(page.getByRole("heading", { level: 1, name: "Registrer medverknad" })).toBeVisible();
  await expect(page.getByLabel("Kven vart involverte", { exact: true }).locator("option", { hasText: "Tillitsvalde" }))
    .toHaveCount(1);
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByLabel("Språk").selectOption("en");
  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: "Involvement" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Involvement log" }).getByRole("article").first()).toContainText(
    "What came of it",
  );
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

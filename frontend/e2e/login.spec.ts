import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./fixtures";

test("wrong password is explained, and logging in lands on the programme", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible(page);
  await page.getByLabel("E-postadresse").fill("programkontor@nordrefollo.example");
  await page.getByLabel("Passord").fill("feil passord");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("alert")).toContainText("Feil e-postadresse eller passord");
  await login(page, "editor");
  await expect(page.getByRole("navigation", { name: "Nordre Follo 2020" })).toBeVisible();
});

test("log out returns to the login page and the session is gone", async ({ page }) => {
  await login(page, "observer");
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

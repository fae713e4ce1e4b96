import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, expectNoRawKeys } from "./fixtures";

// The pages the other specs do not visit in every language: login, the programme list of an
// account with several programmes, and the page for an unknown address.
for (const [locale, title, programmes, notFound] of [
  ["nb", "Logg inn", "Programmer", "Siden finnes ikke"],
  ["nn", "Logg inn", "Program", "Sida finst ikkje"],
  ["en", "Log in", "Programmes", "Page not found"],
] as const) {
  test(`login, programme list and not-found page in ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.goto("/login");
    await expect(page).toHaveTitle(`${title} – Samskap`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectAccessible(page);
    await expectNoRawKeys(page);

    const form = page.locator("form");
    await form.locator('input[type="email"]').fill(ACCOUNTS.admin.email);
    await form.locator('input[type="password"]').fill(ACCOUNTS.admin.password);
    await form.getByRole("button", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: programmes })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nye Kristiansand 2020" })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);

    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { level: 1, name: notFound })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
  });
}

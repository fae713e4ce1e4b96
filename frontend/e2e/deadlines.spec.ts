import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

const MONTHS = [
  "januar", "februar", "mars", "april", "mai", "juni",
  "juli", "august", "september", "oktober", "november", "desember",
];

test("add a deadline and find it on the calendar in its month", async ({ page }) => {
  await login(page, "editor");
  await page.goto(`/p/${programmeId(page)}/deadlines`);
  await expect(page.getByRole("heading", { level: 1, name: "Frister" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Frister, tidligste først" })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // Two months ahead of now, late in the evening Oslo time, so a UTC slip would show.
  const now = new Date();
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 12));
  const month = `${due.getUTCFullYear()}-${String(due.getUTCMonth() + 1).padStart(2, "0")}`;
  const title = `Revidert arbeidsbok versjon 3 ${Date.now()}`;

  await page.getByRole("button", { name: "Ny frist" }).click();
  const dialog = page.getByRole("dialog", { name: "Ny frist" });
  await dialog.getByLabel("Hva skal leveres").fill(title);
  await dialog.getByLabel("Frist (dato og klokkeslett, norsk tid)").fill(`${month}-12T23:30`);
  await dialog.getByLabel("Type").selectOption("submission");
  await dialog.getByRole("radio", { name: "En gruppe" }).check();
  await dialog.getByLabel("Ansvarlig gruppe").selectOption({ index: 1 });
  await dialog.getByLabel("Sendes til").selectOption({ index: 1 });
  await dialog.getByLabel("Prosjekt").selectOption({ index: 1 });
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Legg til frist" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Fristen «${title}» er lagt til.`);

  // The view switch by arrow key: the chosen view is the one Tab stop.
  await page.getByRole("radio", { name: "Liste" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/view=calendar/);
  await expect(page.getByRole("radio", { name: "Kalender" })).toBeFocused();
  await page.getByRole("button", { name: "Neste måned" }).click();
  await page.getByRole("button", { name: "Neste måned" }).click();
  await expect(page).toHaveURL(new RegExp(`month=${month}`));
  const label = `${MONTHS[due.getUTCMonth()]} ${due.getUTCFullYear()}`;
  const calendar = page.getByRole("table", { name: `Frister i ${label}` });
  await expect(calendar.getByRole("columnheader").first()).toContainText("mandag");
  const day = calendar.locator(`td[data-date="${month}-12"]`);
  await expect(day.getByText(title)).toBeVisible();
  await expect(day.getByText("23:30")).toBeVisible();
  await expect(calendar.locator(`td[data-date="${month}-13"]`).getByText(title)).toHaveCount(0);
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // The month is in the URL: a reload (or a shared link) opens the same month.
  await page.reload();
  await expect(page.getByRole("table", { name: `Frister i ${label}` }).getByText(title)).toBeVisible();
});

test("overdue deadlines are flagged in words, and one can be marked submitted", async ({ page }) => {
  await login(page, "editor");
  await page.goto(`/p/${programmeId(page)}/deadlines`);
  const summary = page.getByText(/frister? har gått ut uten å være levert/);
  await expect(summary).toBeVisible();
  const before = Number((await summary.innerText()).match(/\d+/)?.[0] ?? 1);

  await page.getByRole("button", { name: "Vis de forfalte" }).click();
  await expect(page).toHaveURL(/overdue=1/);
  await expect(page.getByLabel("Bare forfalte")).toBeChecked();
  const table = page.getByRole("table", { name: "Frister, tidligste først" });
  const row = table.getByRole("row").nth(1);
  await expect(row.getByText("Forfalt")).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  const title = (await row.getByRole("rowheader").innerText()).trim();
  await row.getByRole("button", { name: `Marker som levert: ${title}` }).click();
  await expect(page.getByRole("status")).toContainText(`«${title}» er markert som levert.`);
  await expect(table.getByRole("rowheader", { name: title, exact: true })).toHaveCount(0);
  if (before > 1) {
    await expect(page.getByText(/har gått ut uten å være levert/)).not.toContainText(String(before));
  }

  await page.getByRole("button", { name: "Nullstill filtrene" }).click();
  const submitted = page
    .getByRole("table", { name: "Frister, tidligste først" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: title, exact: true }) });
  await expect(submitted.first()).toContainText("Levert");
  await expect(submitted.first().getByText("Forfalt")).toHaveCount(0);
});

test("the calendar and the list in nynorsk and English", async ({ page }) => {
  await login(page, "editor");
  const base = `/p/${programmeId(page)}/deadlines`;
  await page.getByLabel("Språk").selectOption("nn");
  await page.goto(`${base}?view=calendar&month=2018-09`);
  await expect(page.getByRole("heading", { level: 1, name: "Fristar" })).toBeVisible();
  const calendar = page.getByRole("table", { name: "Fristar i september 2018" });
  await expect(calendar.getByRole("columnheader").first()).toContainText("måndag");
  await expect(calendar.locator('td[data-date="2018-09-06"]').getByText("Levert").first()).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByLabel("Språk").selectOption("en");
  await page.goto(base);
  await expect(page.getByRole("table", { name: "Deadlines, earliest first" })).toBeVisible();
  await expect(page.getByText("Overdue", { exact: true }).first()).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

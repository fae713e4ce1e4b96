import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

/** The API as the logged-in user, for setting up what the test needs. */
async function api(page: Page, path: string, data?: Record<string, unknown>) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const response = await page.request.fetch(path, {
    method: data ? "POST" : "GET",
    headers: { Authorization: `Bearer ${token}` },
    data,
  });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.json();
}

/** An effect goal with an indicator (target 4.2 by the end of 2027, measured yearly), made through the API. */
async function goalWithIndicator(page: Page, name: string) {
  const programme = programmeId(page);
  const goal = await api(page, "/api/v1/goals", {
    programme_id: programme,
    kind: "effect",
    title: "Økt medvirkning i arbeidslagene",
  });
  const indicator = await api(page, "/api/v1/indicators", {
    programme_id: programme,
    goal_id: goal.id,
    name,
    unit: "snitt 1–5",
    method: "survey",
    direction: "higher_is_better",
    target_value: 4.2,
    target_on: "2027-12-31",
    interval_months: 12,
  });
  return { programme, goal, indicator };
}

async function addMeasurement(page: Page, value: string, date: string, respondents: string, baseline: boolean) {
  await page.getByRole("button", { name: "Legg til måling" }).click();
  const dialog = page.getByRole("dialog", { name: "Ny måling" });
  await opened(dialog);
  await dialog.getByLabel("Verdi (snitt 1–5)").fill(value);
  await dialog.getByLabel("Dato målt").fill(date);
  await dialog.getByLabel("Antall svar").fill(respondents);
  await dialog.getByLabel("Kilde").fill(`Kartlegging ${date.slice(0, 4)}`);
  if (baseline) {
    await dialog.getByRole("checkbox", { name: "Dette er utgangspunktet" }).check();
    await expectAccessible(page);
  }
  await dialog.getByRole("button", { name: "Legg til måling" }).click();
  await expect(dialog).toBeHidden();
}

test("a baseline and a follow-up measurement show in the table and on the chart against the target", async ({ page }) => {
  await login(page, "editor");
  // Each run has a fresh database, so the name is unique without a timestamp.
  const name = "Opplevd medvirkning i arbeidslaget";
  const { programme, indicator } = await goalWithIndicator(page, name);

  await page.goto(`/p/${programme}/indicators`);
  await expect(page.getByRole("heading", { level: 1, name: "Indikatorer" })).toBeVisible();
  const list = page.getByRole("table", { name: "Indikatorer med siste måling, utgangspunkt og mål" });
  await list.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/indicators/${indicator.id}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Ingen målinger ennå. Ingen utgangspunkt.")).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await addMeasurement(page, "3,1", "2024-10-15", "118", true);
  await expect(page.getByRole("status").filter({ hasText: "Målingen fra" })).toContainText("er lagt til");
  await addMeasurement(page, "3,65", "2025-10-15", "97", false);

  const table = page.getByRole("table", { name: `Målinger av ${name}, eldste først` });
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("3,1 snitt 1–5");
  await expect(rows.nth(1)).toContainText("Utgangspunkt");
  await expect(rows.nth(1)).toContainText("118");
  await expect(rows.nth(2)).toContainText("3,65 snitt 1–5");
  await expect(rows.nth(2)).toContainText("+0,55");

  // The chart: an svg with a dot per measurement and the baseline and target drawn.
  const chart = page.getByRole("application", { name: `Diagram: ${name} over tid` });
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-line-dot")).toHaveCount(2);
  await expect(chart.locator(".recharts-reference-line")).toHaveCount(3);
  await expect(chart.getByText("Utgangspunkt 3,1")).toBeVisible();
  await expect(chart.getByText("Mål 4,2")).toBeVisible();
  await expect(page.getByText(/2 målinger fra .* Fremgang fra utgangspunkt mot mål: 50\s%\./)).toBeVisible();
  // The keyboard steps through the points.
  await chart.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.locator(".recharts-tooltip-wrapper")).toContainText("3,65 snitt 1–5");
  await page.keyboard.press("ArrowLeft");
  await expect(page.locator(".recharts-tooltip-wrapper")).toContainText("3,1 snitt 1–5");
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // The list shows the latest value against baseline and target.
  await page.getByRole("link", { name: "Alle indikatorer" }).click();
  const row = page.getByRole("table", { name: "Indikatorer med siste måling, utgangspunkt og mål" }).getByRole("row", { name });
  await expect(row).toContainText("3,65 snitt 1–5");
  await expect(row).toContainText("50");
  await expectAccessible(page);
});

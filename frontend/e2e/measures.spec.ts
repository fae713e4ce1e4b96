import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

/** The API as the logged-in user, with the session's token, for setting up and tidying up. */
async function api(page: Page, path: string, method: "GET" | "POST" | "DELETE" = "GET", data?: Record<string, unknown>) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (method === "DELETE") {
    const current = await page.request.get(path, { headers });
    if (current.status() === 404) return null;
    headers["If-Match"] = current.headers()["etag"];
  }
  const response = await page.request.fetch(path, { method, headers, data });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

// What a test made through the API, deleted again after it (last made, first deleted).
let made: string[] = [];

test.afterEach(async ({ page }) => {
  const loggedIn = await page.evaluate(() => sessionStorage.getItem("samskap.session")).catch(() => null);
  if (!loggedIn) return;
  for (const path of made.reverse()) await api(page, path, "DELETE");
  made = [];
});

test("a work team is assessed against its criteria on the group page, with the date kept", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const stamp = Date.now();
  const criterion = await api(page, "/api/v1/group-criteria", "POST", {
    programme_id: programme,
    group_kind: "work_team",
    purpose: "setup",
    title: `Medlemmer fra minst to fagområder ${stamp}`,
  });
  made.push(`/api/v1/group-criteria/${criterion.id}`);
  const team = await api(page, "/api/v1/groups", "POST", {
    programme_id: programme,
    kind: "work_team",
    name: `Arbeidslag lærlinger ${stamp}`,
  });
  made.push(`/api/v1/groups/${team.id}`);

  await page.goto(`/p/${programme}/groups/${team.id}`);
  const section = page.getByRole("region", { name: "Kriterier for arbeidslag" });
  await expect(section.getByRole("rowheader", { name: criterion.title })).toBeVisible();
  const row = section.getByRole("row").filter({ hasText: criterion.title });
  await expect(row).toContainText("Ikke vurdert");
  await expectAccessible(page);

  await row.getByRole("button", { name: `Vurder: ${criterion.title}` }).click();
  const dialog = page.getByRole("dialog", { name: `Vurder: ${criterion.title}` });
  await opened(dialog);
  await dialog.getByRole("radio", { name: "Delvis oppfylt" }).check();
  await dialog.getByLabel("Vurdert dato").fill("2014-01-15");
  await dialog.getByRole("textbox", { name: "Hva vurderingen bygger på" }).fill("Mangler representant fra helse.");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Lagre vurdering" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Delvis oppfylt");
  await expect(row).toContainText("15. jan. 2014");
  await expect(section.getByText(/0 av 1 kriterier oppfylt \(1 delvis oppfylt/)).toBeVisible();

  // A later assessment counts; the first is kept in the history.
  await row.getByRole("button", { name: `Vurder: ${criterion.title}` }).click();
  await opened(dialog);
  await dialog.getByRole("radio", { name: "Oppfylt", exact: true }).check();
  await dialog.getByLabel("Vurdert dato").fill("2014-06-01");
  await dialog.getByRole("button", { name: "Lagre vurdering" }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByText(/1 av 1 kriterier oppfylt/)).toBeVisible();
  await row.getByText("2 vurderinger").click();
  await expect(row.getByRole("listitem")).toHaveText([
    "1. juni 2014: Oppfylt",
    "15. jan. 2014: Delvis oppfylt – Mangler representant fra helse.",
  ]);
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.goto(`/p/${programme}/criteria`);
  const kind = page.getByRole("region", { name: "Arbeidslag" });
  await expect(kind.getByRole("table", { name: "Kriterier for opprettelse" })).toContainText(criterion.title);
  await expectAccessible(page);
});

test("a measure linked to a goal is added, flagged past due, and its result documented", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const stamp = Date.now();
  const goal = await api(page, "/api/v1/goals", "POST", {
    programme_id: programme,
    kind: "effect",
    status: "active",
    title: `Mindre uutnyttet tverrfaglig potensial ${stamp}`,
  });
  made.push(`/api/v1/goals/${goal.id}`);
  const title = `Kompetansetiltak for koordinatorene ${stamp}`;

  await page.goto(`/p/${programme}/measures`);
  await expect(page.getByRole("heading", { level: 1, name: "Tiltak" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tiltak" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "Nytt tiltak" }).click();
  const dialog = page.getByRole("dialog", { name: "Nytt tiltak" });
  await opened(dialog);
  await dialog.getByRole("textbox", { name: "Tiltak", exact: true }).fill(title);
  await dialog.getByRole("checkbox", { name: `${goal.title} (effektmål)` }).check();
  await dialog.getByRole("combobox", { name: "Status" }).selectOption("in_progress");
  await dialog.getByLabel("Start", { exact: true }).fill("2013-09-01");
  await dialog.getByLabel("Frist", { exact: true }).fill("2014-06-30");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Legg til tiltak" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Tiltaket «${title}» er lagt til.`);

  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("Forfalt, uten resultat");
  await expect(row).toContainText(goal.title);
  await expect(row).toContainText("Ikke dokumentert");
  const measures = await api(page, `/api/v1/measures?programme_id=${programme}&q=${encodeURIComponent(title)}`);
  made.push(`/api/v1/measures/${measures.items[0].id}`);
  await expectAccessible(page);

  await row.getByRole("button", { name: `Endre eller dokumenter resultat: ${title}` }).click();
  const edit = page.getByRole("dialog", { name: `Tiltak: ${title}` });
  await opened(edit);
  await edit.getByRole("combobox", { name: "Status" }).selectOption("done");
  await edit.getByRole("button", { name: "Lagre" }).click();
  await expect(edit.getByText("Et gjennomført tiltak må ha et resultat: skriv hva som ble endret.")).toBeVisible();
  await edit.getByRole("textbox", { name: "Resultat", exact: true }).fill("Nye rutiner for opptak og oppfølging av lærlinger.");
  await edit.getByRole("button", { name: "Legg til lenke" }).click();
  await edit.getByLabel("Lenke 1: tittel").fill("Evalueringsrapport");
  await edit.getByLabel("Lenke 1: adresse (https://…)").fill("https://example.no/evaluering");
  await expectAccessible(page);
  await edit.getByRole("button", { name: "Lagre" }).click();
  await expect(edit).toBeHidden();

  await expect(row).toContainText("Gjennomført");
  await expect(row).not.toContainText("Forfalt, uten resultat");
  await expect(row).toContainText("Nye rutiner for opptak og oppfølging av lærlinger.");
  await expect(row.getByRole("link", { name: "Evalueringsrapport" })).toHaveAttribute("href", "https://example.no/evaluering");

  // Filtered to one goal, the measure is there; the filter is in the URL.
  await page.getByRole("combobox", { name: "Mål", exact: true }).selectOption(goal.id);
  await expect(page).toHaveURL(new RegExp(`goal=${goal.id}`));
  await expect(page.getByRole("row").filter({ hasText: title })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

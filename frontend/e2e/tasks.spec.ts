import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

test("create a task, then move it to done on the board", async ({ page }) => {
  await login(page, "editor");
  await page.goto(`/p/${programmeId(page)}/tasks`);
  await expect(page.getByRole("heading", { level: 1, name: "Oppgaver" })).toBeVisible();
  const table = page.getByRole("table", { name: "Oppgaver, sortert etter frist" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  const title = `Oppsummere innspill fra faggruppene ${Date.now()}`;
  await page.getByRole("button", { name: "Ny oppgave" }).click();
  const dialog = page.getByRole("dialog", { name: "Ny oppgave" });
  await expect(dialog).toBeVisible();
  // The dialog opens on its first field, not on its close button.
  await expect(dialog.getByLabel("Prosjekt")).toBeFocused();
  await dialog.getByRole("button", { name: "Opprett oppgave" }).click();
  await expect(dialog.getByText("Skriv en tittel.")).toBeVisible();
  await expect(dialog.getByText("Velg et prosjekt i programmet.")).toBeVisible();
  await expectAccessible(page);

  await dialog.getByLabel("Prosjekt").selectOption({ index: 1 });
  await dialog.getByLabel("Tittel").fill(title);
  await dialog.getByLabel("Beskrivelse").fill("Samle innspillene før neste samling.");
  await dialog.getByLabel("Ansvarlig").selectOption({ index: 1 });
  await dialog.getByLabel("Frist", { exact: true }).fill("2026-12-15");
  await dialog.getByLabel("Prioritet").selectOption("high");
  await dialog.getByRole("button", { name: "Opprett oppgave" }).click();
  await expect(dialog).toBeHidden();
  const row = table.getByRole("row", { name: new RegExp(title) });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Å gjøre");
  await expect(row).toContainText("Høy");
  // Focus follows the work: to the new task's own button once the list shows it.
  await expect(row.getByRole("button", { name: `Rediger ${title}` })).toBeFocused();

  // The view switch by arrow key: the chosen view is the one Tab stop.
  await page.getByRole("radio", { name: "Liste" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/view=board/);
  await expect(page.getByRole("radio", { name: "Tavle" })).toBeFocused();
  await expect(page.getByRole("radio", { name: "Tavle" })).toBeChecked();
  const todo = page.getByRole("region", { name: /^Å gjøre/ });
  const done = page.getByRole("region", { name: /^Ferdig/ });
  const card = todo.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(card).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Blokkert/ })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // By keyboard, with the card's one move control: open «Flytt til …», go to «Ferdig», press it.
  const move = card.getByRole("button", { name: /^Flytt til …/ });
  await move.focus();
  await page.keyboard.press("Enter");
  const target = card.getByRole("button", { name: "Ferdig", exact: true });
  await expect(target).toBeVisible();
  await expect(card.getByRole("button", { name: "Å gjøre", exact: true })).toHaveCount(0);
  await expectAccessible(page);
  for (let i = 0; i < 3 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(done.getByRole("heading", { name: title })).toBeVisible();
  await expect(todo.getByRole("heading", { name: title })).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText(`«${title}» er flyttet til Ferdig.`);
  await expect(page.getByRole("heading", { level: 2, name: /^Ferdig/ })).toBeFocused();

  await page.reload();
  await expect(page.getByRole("region", { name: /^Ferdig/ }).getByRole("heading", { name: title })).toBeVisible();
});

test("edit a task from the list; filters stay in the URL", async ({ page }) => {
  await login(page, "editor");
  await page.goto(`/p/${programmeId(page)}/tasks?status=done`);
  const table = page.getByRole("table", { name: "Oppgaver, sortert etter frist" });
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("done");
  const first = table.getByRole("row").nth(1);
  const original = (await first.getByRole("rowheader").innerText()).trim();
  await first.getByRole("button", { name: `Rediger ${original}` }).click();

  const dialog = page.getByRole("dialog", { name: "Rediger oppgave" });
  await expect(dialog.getByLabel("Tittel")).toHaveValue(original);
  await expectAccessible(page);
  const renamed = `${original} (revidert)`;
  await dialog.getByLabel("Tittel").fill(renamed);
  await dialog.getByRole("button", { name: "Lagre" }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole("rowheader", { name: renamed })).toBeVisible();

  await page.getByLabel("Status", { exact: true }).selectOption("blocked");
  await expect(page).toHaveURL(/status=blocked/);
  await expect(table.getByRole("rowheader", { name: renamed })).toHaveCount(0);
});

test("the task list and board in nynorsk and English", async ({ page }) => {
  await login(page, "editor");
  const base = `/p/${programmeId(page)}/tasks`;
  await page.getByLabel("Språk").selectOption("nn");
  await page.goto(`${base}?view=board`);
  await expect(page.getByRole("heading", { level: 1, name: "Oppgåver" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Å gjere/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Ferdig/ }).getByRole("listitem").first()).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByLabel("Språk").selectOption("en");
  await page.goto(base);
  await expect(page.getByRole("table", { name: "Tasks, earliest due first" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Assignee" })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

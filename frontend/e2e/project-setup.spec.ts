import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

/** The API as the logged-in user, for tidying up what the test made. */
async function api(page: Page, path: string, method: "GET" | "DELETE" = "GET", etag?: string) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const response = await page.request.fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(etag ? { "If-Match": etag } : {}) },
  });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

/** The document is no wider than the window: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(width);
}

// A code of its own for every run, so that a run that failed halfway does not block the next.
const code = `T${Date.now() % 100000}`;
const projectName = "Kultur og frivillighet";
const boardName = `Prosjektstyre ${code}`;

// The project and its board are removed again, also when the test fails halfway.
test.afterEach(async ({ page }) => {
  const loggedIn = await page.evaluate(() => sessionStorage.getItem("samskap.session")).catch(() => null);
  if (!loggedIn) return;
  const programmes = await api(page, "/api/v1/programmes");
  for (const programme of programmes.items) {
    const projects = await api(page, `/api/v1/projects?programme_id=${programme.id}&code=${code}`);
    for (const project of projects.items) {
      const groups = await api(page, `/api/v1/groups?project_id=${project.id}`);
      for (const group of groups.items) await api(page, `/api/v1/groups/${group.id}`, "DELETE", `"${group.version}"`);
      const current = await api(page, `/api/v1/projects/${project.id}`);
      await api(page, `/api/v1/projects/${project.id}`, "DELETE", `"${current.version}"`);
    }
  }
});

test("a project is set up in the app: template phases, dates, a result, a board with a member, an empty phase deleted", async ({
  page,
}) => {
  await login(page, "editor");
  const pid = programmeId(page);

  // The programme overview: «Nytt prosjekt» opens its dialog on the first field.
  const newProject = page.getByRole("button", { name: "Nytt prosjekt" });
  await newProject.click();
  const dialog = page.getByRole("dialog", { name: "Nytt prosjekt" });
  await opened(dialog);
  await expect(dialog.getByRole("textbox", { name: "Kode" })).toBeFocused();
  await expectAccessible(page);
  await dialog.getByRole("textbox", { name: "Kode" }).fill(code);
  await dialog.getByRole("textbox", { name: "Navn" }).fill(projectName);
  await dialog.getByRole("combobox", { name: "Kategori" }).selectOption({ label: "Administrativt" });
  await dialog.getByRole("combobox", { name: "Prosjektleder" }).selectOption({ label: "Line Aasheim" });
  await dialog.getByLabel("Startdato").fill("2018-09-01");
  await dialog.getByLabel("Sluttdato").fill("2019-12-31");
  await expect(dialog.getByRole("radio", { name: /fem faser/ })).toBeChecked();
  await dialog.getByRole("button", { name: "Opprett prosjektet" }).click();

  // The new project's page, with the five phases of the template, its heading focused.
  const heading = page.getByRole("heading", { level: 1, name: `${code} ${projectName}` });
  await expect(heading).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`/p/${pid}/projects/[0-9a-f-]+$`));
  await expect(page.getByRole("heading", { level: 3 })).toHaveText([
    "Fase 1: Oppstart",
    "Fase 2: Utarbeide kunnskapsgrunnlag",
    "Fase 3: Forslag til modell utarbeides og vedtas",
    "Fase 4: Gjennomføring",
    "Fase 5: Evaluere og tilpasse",
  ]);

  // The first phase's dates: an end before the start is the API's objection, at the end date.
  const first = page.getByRole("article", { name: "Fase 1: Oppstart" });
  await first.getByRole("button", { name: "Rediger fasen «Oppstart»" }).click();
  const phaseForm = first.getByRole("form", { name: "Rediger fasen «Oppstart»" });
  await expect(phaseForm.getByRole("textbox", { name: "Navn på fasen" })).toBeFocused();
  await phaseForm.getByLabel("Startdato").fill("2018-09-01");
  await phaseForm.getByLabel("Sluttdato").fill("2018-08-01");
  await phaseForm.getByRole("button", { name: "Lagre" }).click();
  const ends = phaseForm.getByLabel("Sluttdato");
  await expect(ends).toHaveAttribute("aria-invalid", "true");
  await expect(phaseForm).toContainText("Kan ikke være før starten (1. sep. 2018).");
  await expectAccessible(page);
  await ends.fill("2018-10-31");
  await phaseForm.getByRole("button", { name: "Lagre" }).click();
  await expect(phaseForm).toBeHidden();
  await expect(first).toContainText("1. sep. 2018–31. okt. 2018");

  // An expected result added to the first phase's checklist.
  const results = first.getByRole("form", { name: "Nytt forventet resultat i «Oppstart»" });
  await results.getByRole("textbox", { name: "Nytt forventet resultat" }).fill("Kulturtilbudet er kartlagt i begge kommuner");
  await results.getByRole("button", { name: "Legg til resultatet" }).click();
  await expect(first.getByRole("checkbox", { name: "Kulturtilbudet er kartlagt i begge kommuner" })).toBeVisible();
  await expect(first).toContainText("0 av 4 er oppnådd");

  // A board for the project, from its page; its page opens.
  await page.getByRole("button", { name: "Ny gruppe" }).click();
  const groupDialog = page.getByRole("dialog", { name: "Ny gruppe" });
  await opened(groupDialog);
  await expect(groupDialog.getByRole("combobox", { name: "Type gruppe" })).toBeFocused();
  await expect(groupDialog.getByRole("combobox", { name: "Prosjekt" })).toHaveValue(/[0-9a-f-]{36}/);
  await expectAccessible(page);
  await groupDialog.getByRole("combobox", { name: "Type gruppe" }).selectOption({ label: "Prosjektstyre" });
  await groupDialog.getByRole("textbox", { name: "Navn" }).fill(boardName);
  await groupDialog.getByRole("button", { name: "Opprett gruppen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: boardName })).toBeFocused();
  await expect(page.getByText("Prosjektstyre", { exact: true })).toBeVisible();

  // A member seated with the group page's form, then made the board's chair.
  const add = page.getByRole("form", { name: "Legg til medlem" });
  await add.getByRole("combobox", { name: "Person" }).selectOption({ label: "Line Aasheim" });
  await add.getByRole("combobox", { name: "Part" }).selectOption({ label: "Administrasjon" });
  await add.getByRole("button", { name: "Legg til medlem" }).click();
  const members = page.getByRole("table", { name: `Medlemmer av ${boardName}` });
  const row = members.getByRole("row").filter({ hasText: "Line Aasheim" });
  await expect(row).toContainText("Medlem");
  await row.getByRole("button", { name: "Endre vervet til Line Aasheim" }).click();
  const seat = page.getByRole("dialog", { name: "Endre vervet til Line Aasheim" });
  await opened(seat);
  await expect(seat.getByRole("combobox", { name: "Rolle" })).toBeFocused();
  await expectAccessible(page);
  await seat.getByRole("combobox", { name: "Rolle" }).selectOption({ label: "Leder" });
  await seat.getByRole("button", { name: "Lagre" }).click();
  await expect(seat).toBeHidden();
  await expect(row.getByRole("cell").nth(1)).toHaveText("Leder");
  await expect(row.getByRole("button", { name: "Endre vervet til Line Aasheim" })).toBeFocused();

  // Back on the project: the board is listed, and the empty second phase is deleted.
  await page.getByRole("link", { name: `${code} ${projectName}` }).click();
  await expect(page.getByRole("link", { name: boardName })).toBeVisible();
  const second = page.getByRole("article", { name: "Fase 2: Utarbeide kunnskapsgrunnlag" });
  await second.getByRole("button", { name: "Slett fasen «Utarbeide kunnskapsgrunnlag»" }).click();
  const confirm = page.getByRole("dialog", { name: "Slette fasen?" });
  await opened(confirm);
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Slett fasen" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { level: 3 })).toHaveText([
    "Fase 1: Oppstart",
    "Fase 3: Forslag til modell utarbeides og vedtas",
    "Fase 4: Gjennomføring",
    "Fase 5: Evaluere og tilpasse",
  ]);
  await expect(page.getByRole("heading", { level: 2, name: "Faser" })).toBeFocused();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // The project's own form, and the plan's, on a phone: nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 720 });
  await page.getByRole("button", { name: "Rediger prosjektet" }).click();
  await expect(page.getByRole("form", { name: "Rediger prosjektet" }).getByRole("textbox", { name: "Kode" })).toBeFocused();
  await page.getByRole("button", { name: "Legg til fase" }).click();
  await expect(page.getByRole("form", { name: "Ny fase" })).toBeVisible();
  await expectNoSidewaysScroll(page, "the project page with its forms open");
  await expectAccessible(page);
});

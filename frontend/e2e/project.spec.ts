import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

const OPEN_RESULTS = [
  "Evalueringsrapport er lagt fram for styringsgruppen",
  "Justeringer i organiseringen er drøftet med tillitsvalgte",
];

/** The API as the logged-in user, with the session's token, for finding ids and tidying up. */
async function api(page: Page, method: "GET" | "PATCH", path: string, data?: unknown, etag?: string) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const response = await page.request.fetch(path, {
    method,
    data,
    headers: { Authorization: `Bearer ${token}`, ...(etag ? { "If-Match": etag } : {}) },
  });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBeTruthy();
  return { body: await response.json(), etag: response.headers()["etag"] };
}

/** Put VO1 back as the demo has it: on track, phase 5 active with its two results open. */
async function restoreVO1(page: Page) {
  const { body: programmes } = await api(page, "GET", "/api/v1/programmes");
  const pid = programmes.items[0].id;
  const { body: projects } = await api(page, "GET", `/api/v1/projects?programme_id=${pid}&code=VO1`);
  const project = projects.items[0];
  if (project.health !== "on_track" || project.health_explanation !== null) {
    const changes = { health: "on_track", health_explanation: null };
    await api(page, "PATCH", `/api/v1/projects/${project.id}`, changes, `"${project.version}"`);
  }
  const { body: phases } = await api(page, "GET", `/api/v1/phases?project_id=${project.id}`);
  const fifth = phases.items.find((phase: { position: number }) => phase.position === 5);
  if (fifth.status !== "active") {
    await api(page, "PATCH", `/api/v1/phases/${fifth.id}`, { status: "active" }, `"${fifth.version}"`);
  }
  for (const result of fifth.expected_results) {
    if (OPEN_RESULTS.includes(result.text) && result.done) {
      const path = `/api/v1/phases/${fifth.id}/expected-results/${result.id}`;
      await api(page, "PATCH", path, { done: false }, `"${result.version}"`);
    }
  }
}

// Every test leaves the demo as it found it, also when it fails halfway.
test.afterEach(async ({ page }) => {
  const loggedIn = await page.evaluate(() => sessionStorage.getItem("samskap.session")).catch(() => null);
  if (loggedIn) await restoreVO1(page);
});

/** Log in as the programme office and open «Oppvekst og utdanning» (VO1). */
async function openVO1(page: Page) {
  await login(page, "editor");
  const pid = programmeId(page);
  const { body } = await api(page, "GET", `/api/v1/projects?programme_id=${pid}&code=VO1`);
  const project = body.items[0];
  await page.goto(`/p/${pid}/projects/${project.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "VO1 Oppvekst og utdanning" })).toBeVisible();
  return { pid, project };
}

test("the project shows its mandate, its five phases in order, groups, tasks, deadlines and involvement", async ({
  page,
}) => {
  await openVO1(page);
  await expect(page.getByRole("link", { name: "Line Aasheim" }).first()).toBeVisible();
  await expect(page.getByText("Godkjent", { exact: true })).toBeVisible();
  await expect(page.getByText(/^Godkjent \d/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Godkjenning av mandater for prosjektene" })).toHaveAttribute(
    "href",
    /\/decisions\/[0-9a-f-]+$/,
  );
  await expect(page.getByRole("heading", { level: 3 })).toHaveText([
    "Fase 1: Oppstart",
    "Fase 2: Utarbeide kunnskapsgrunnlag",
    "Fase 3: Forslag til modell utarbeides og vedtas",
    "Fase 4: Gjennomføring",
    "Fase 5: Evaluere og tilpasse",
  ]);
  await expect(page.getByRole("group", { name: "Forventede resultater" }).first()).toContainText("3 av 3 er oppnådd");
  for (const group of [
    "Arbeidsgruppe Oppvekst og utdanning",
    "Faggruppe barnehage og skole",
    "Styringsgruppe Oppvekst og utdanning",
    "Utviklingsteam Oppvekst og utdanning",
  ]) {
    await expect(page.getByRole("link", { name: group })).toBeVisible();
  }
  const tasks = page.getByRole("table", { name: "Oppgaver" });
  // Nine of the project's own and four carrying out employees' ideas the three-party forum accepted.
  await expect(tasks.getByRole("row")).toHaveCount(1 + 13);
  const deadlines = page.getByRole("table", { name: "Frister" });
  await expect(deadlines).toContainText("Forfalt");
  const involvement = page.getByRole("table", { name: "Medvirkning" });
  // With the allmøte on the hearing letter and the forum's meeting on employees' ideas.
  await expect(involvement.getByRole("row")).toHaveCount(1 + 7);
  await expect(involvement).toContainText("Spørreundersøkelse");
  await expect(page.getByRole("link", { name: "Alle oppgaver i prosjektet" })).toBeVisible();

  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.screenshot({ path: "../docs/screenshots/project.png", fullPage: true });
});

test("the mandate names the decision that approved it, and the decision lists the mandates", async ({ page }) => {
  await openVO1(page);
  await page.getByRole("link", { name: "Godkjenning av mandater for prosjektene" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Godkjenning av mandater for prosjektene" })).toBeVisible();
  const mandates = page.getByRole("region", { name: "Mandater godkjent ved vedtaket" });
  await expect(mandates.getByRole("link", { name: "VO1 Oppvekst og utdanning" })).toBeVisible();
  await expect(mandates.getByRole("link", { name: "ST1 Økonomi" })).toBeVisible();
  await expectAccessible(page);
  await mandates.getByRole("link", { name: "VO1 Oppvekst og utdanning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Oppvekst og utdanning/ })).toBeVisible();
});

test("an expected result is ticked off and on again, and it stays so after a reload", async ({ page }) => {
  await openVO1(page);
  const result = page.getByRole("checkbox", { name: OPEN_RESULTS[0] });
  await expect(result).not.toBeChecked();
  await result.check();
  await expect(result).toBeChecked();
  await expect(page.getByText(/^Krysset av \d/).last()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: OPEN_RESULTS[0] })).toBeChecked();
  await expectAccessible(page);

  await page.getByRole("checkbox", { name: OPEN_RESULTS[0] }).uncheck();
  await expect(page.getByRole("checkbox", { name: OPEN_RESULTS[0] })).not.toBeChecked();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: OPEN_RESULTS[0] })).not.toBeChecked();
  await expectNoRawKeys(page);
});

test("the mandate form shows the API's objection at the field, then saves the health", async ({ page }) => {
  await openVO1(page);
  await page.getByRole("button", { name: "Rediger mandat og tilstand" }).click();
  await page.getByLabel("Tilstand", { exact: true }).selectOption({ label: "I faresonen" });
  await page.getByRole("button", { name: "Lagre", exact: true }).click();

  // Explaining why a project is not on track is the API's rule, not the form's.
  const explanation = page.getByRole("textbox", { name: "Begrunnelse for tilstanden" });
  await expect(explanation).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Forklar hvorfor prosjektet ikke er i rute.", { exact: true })).toBeVisible();
  await expectAccessible(page);

  await explanation.fill("Evalueringsrapporten er forsinket.");
  await page.getByRole("button", { name: "Lagre", exact: true }).click();
  await expect(page.getByRole("button", { name: "Rediger mandat og tilstand" })).toBeVisible();
  await expect(page.getByText("I faresonen")).toBeVisible();
  await expect(page.getByText("Evalueringsrapporten er forsinket.")).toBeVisible();
  await expectNoRawKeys(page);
});

test("a phase whose results are met is closed", async ({ page }) => {
  await openVO1(page);
  for (const text of OPEN_RESULTS) {
    await page.getByRole("checkbox", { name: text }).check();
    await expect(page.getByRole("checkbox", { name: text })).toBeChecked();
  }
  const phase = page.getByRole("article", { name: "Fase 5: Evaluere og tilpasse" });
  await expect(phase).toContainText("3 av 3 er oppnådd");
  await phase.getByRole("button", { name: "Avslutt fasen «Evaluere og tilpasse»" }).click();
  await expect(phase.getByText("Avsluttet", { exact: true })).toBeVisible();
  await expect(phase.getByRole("button", { name: /Avslutt fasen/ })).toHaveCount(0);
  await expectAccessible(page);
});

test("the project page is translated and accessible in nynorsk and English", async ({ page }) => {
  await openVO1(page);
  await page.getByLabel("Språk").selectOption({ label: "Nynorsk" });
  await expect(page.getByRole("heading", { level: 2, name: "Fasar" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Oppgåver" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Medverknad" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Forventa resultat" }).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Fristar" })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByLabel("Språk").selectOption({ label: "English" });
  await expect(page.getByRole("heading", { level: 2, name: "Phases" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit mandate and health" })).toBeVisible();
  await expect(page.getByText("On track")).toBeVisible();
  await expect(page.getByRole("table", { name: "Involvement" })).toContainText("Survey");
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

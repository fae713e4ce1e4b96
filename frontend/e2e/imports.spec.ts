import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

// Nordre Follo's municipalities (backend/samskap/demo/nordre_follo.py).
const SKI = "0213";
const OPPEGARD = "0217";
const HEADER = "external_id;name;affiliation;municipality_number;title";

/** People as the HR system would send them: semicolons, as Excel in Norway writes CSV. */
function peopleCsv(rows: string[][]): Buffer {
  return Buffer.from([HEADER, ...rows.map((row) => row.join(";"))].join("\r\n") + "\r\n", "utf8");
}

/**
 * A programme of this run's own, made by the system administrator through the API, for the
 * 2,500 people: the demo programme, whose people other tests count and look up, stays as it
 * was. Returns its id and the administrator's headers.
 */
async function ownProgramme(page: Page, run: string) {
  const login = await page.request.post("/api/v1/auth/token", {
    data: { grant_type: "password", username: ACCOUNTS.admin.email, password: ACCOUNTS.admin.password },
  });
  expect(login.status()).toBe(200);
  const headers = { Authorization: `Bearer ${(await login.json()).access_token}` };
  const created = await page.request.post("/api/v1/programmes", {
    headers,
    data: {
      name: `Import ${run}`,
      municipalities: [
        { name: "Ski", number: SKI },
        { name: "Oppegård", number: OPPEGARD },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return { id: (await created.json()).id as string, headers };
}

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel("Fil", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer });
}

test("people are tried with their errors shown, imported in the background with progress, and the task list is downloaded as Excel", async ({
  page,
}) => {
  // Each run writes people with its own external ids, so that a run never updates the last one's.
  const run = `e2e-${Date.now().toString(36)}`;
  await login(page, "programmeAdmin");
  const pid = programmeId(page);

  // From the people page to its import.
  await page.getByRole("link", { name: "Personer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Personer" })).toBeVisible();
  await page.getByRole("link", { name: "Importer personer" }).click();
  await expect(page).toHaveURL(`/p/${pid}/import/people`);
  await expect(page.getByRole("heading", { level: 1, name: "Importer personer" })).toBeVisible();

  // The template's columns are listed; the template itself downloads as CSV.
  await page.locator("summary", { hasText: "Kolonnene" }).click();
  const columns = page.getByRole("table", { name: "Kolonnene" });
  await expect(columns.getByRole("row", { name: /affiliation/ })).toContainText("employee");
  const [template] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Mal som CSV" }).click()]);
  expect(template.suggestedFilename()).toMatch(/\.csv$/);
  expect(readFileSync(await template.path()).toString("utf8")).toContain("affiliation");

  // Four people, two of them wrong: an affiliation that does not exist and a municipality
  // outside the programme. The header is row 1, so they are rows 4 and 5.
  await chooseFile(
    page,
    "personer-1.csv",
    peopleCsv([
      [`${run}-1`, "Kari Nordmann", "employee", SKI, "Helsesykepleier"],
      [`${run}-2`, "Ola Hansen", "union_representative", OPPEGARD, "Hovedtillitsvalgt"],
      [`${run}-3`, "Per Berg", "sjef", SKI, "Enhetsleder"],
      [`${run}-4`, "Liv Dahl", "employee", "9999", "Konsulent"],
    ]),
  );
  await page.getByRole("button", { name: "Prøv (tørrkjøring)" }).click();
  const dryRun = page.getByRole("region", { name: "Resultat av tørrkjøringen" });
  await expect(dryRun.getByText("2 rader har feil. Ingenting er lagret.")).toBeVisible();
  // Focus goes to the result, where a screen reader reads on from.
  await expect(dryRun.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(dryRun.getByRole("definition")).toHaveText(["2", "0", "0", "2"]);
  const errors = dryRun.getByRole("table", { name: "Radene med feil: rad, kolonne og hva som er galt" });
  await expect(errors.getByRole("row")).toHaveCount(1 + 2);
  await expect(errors.getByRole("row").nth(1).getByRole("cell")).toHaveText(["4", "affiliation", "Velg en av de tillatte verdiene."]);
  await expect(errors.getByRole("row").nth(2).getByRole("cell")).toHaveText([
    "5",
    "municipality_number",
    "Er ikke en av kommunene i programmet.",
  ]);
  await expectAccessible(page);
  await expectNoRawKeys(page);
  // The screenshot shows the dry run's result; the columns are folded away again for it.
  await page.locator("summary", { hasText: "Kolonnene" }).click();
  await expect(columns).toBeHidden();
  await page.screenshot({ path: "../docs/screenshots/import.png", fullPage: true });

  // Nothing was written by the dry run.
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers = { Authorization: `Bearer ${token}` };
  const found = await page.request.get(`/api/v1/people?programme_id=${pid}&external_id=${run}-1`, { headers });
  expect((await found.json()).items).toEqual([]);

  // The corrected file, large enough (2,500 people) to run in the background, imported by the
  // system administrator into a programme of its own.
  const own = await ownProgramme(page, run);
  await page.goto("/login");
  await page.getByLabel("E-postadresse").fill(ACCOUNTS.admin.email);
  await page.getByLabel("Passord").fill(ACCOUNTS.admin.password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Programmer" })).toBeVisible();
  await page.goto(`/p/${own.id}/import/people`);
  await expect(page.getByRole("heading", { level: 1, name: "Importer personer" })).toBeVisible();
  const many = Array.from({ length: 2500 }, (_, i) => [
    `${run}-${i + 1}`,
    `Ansatt ${i + 1} ${run}`,
    i % 50 === 1 ? "union_representative" : "employee",
    i % 2 ? OPPEGARD : SKI,
    "Konsulent",
  ]);
  await chooseFile(page, "personer-2.csv", peopleCsv(many));
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  const result = page.getByRole("region", { name: "Resultat av importen" });
  await expect(result.getByRole("progressbar", { name: "Importen pågår" })).toBeVisible();
  await expect(result.getByText("Importen er ferdig.")).toBeVisible({ timeout: 120_000 });
  await expect(result.getByRole("progressbar")).toHaveCount(0);
  await expect(result.getByRole("definition")).toHaveText([/^2\s500$/, "0", "0", "0"]);
  const recent = page.getByRole("table", { name: "De siste importene av denne typen i programmet" });
  await expect(recent.getByRole("row").nth(1)).toContainText("personer-2.csv");
  await expect(recent.getByRole("row").nth(1)).toContainText("Ferdig");
  const imported = await page.request.get(`/api/v1/people?programme_id=${own.id}&external_id=${run}-2500`, {
    headers: own.headers,
  });
  expect((await imported.json()).items.map((p: { name: string }) => p.name)).toEqual([`Ansatt 2500 ${run}`]);

  // The demo programme's task list, as the page filters it, downloads as an Excel workbook.
  await page.goto(`/p/${pid}/tasks`);
  await expect(page.getByRole("heading", { level: 1, name: "Oppgaver" })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Last ned Excel" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = readFileSync(await download.path());
  expect(workbook.subarray(0, 2).toString("latin1")).toBe("PK");
});

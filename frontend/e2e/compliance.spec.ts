import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId, opened } from "./fixtures";

// The demo's reorganisation decision drafted before anyone consulted the union representatives
// (backend/samskap/demo/governance.py), and the project board set up without one.
const DECISION = "Ny organisering av hjemmetjenestene i Helse og velferd";
const BOARD = "Prosjektstyre Helse og velferd";
// The findings as the app words them in bokmål from the API's facts.
const BOARD_FINDING = `${BOARD}: ingen tillitsvalgt`;
const NOT_FINAL = `«${DECISION}» kan ikke gjøres endelig`;
const OVERRIDDEN = `«${DECISION}» ble gjort endelig uten drøfting`;
const MISSING = "ingen drøftingsmøte om saken er knyttet til vedtaket";

async function openCompliance(page: Page) {
  await page.getByRole("navigation").getByRole("link", { name: "Etterlevelse" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Etterlevelse" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Prosjektene med mandat, fase og funn" })).toBeVisible();
}

/** The finding on the compliance page that says this. */
const finding = (page: Page, text: string): Locator => page.getByRole("listitem").filter({ hasText: text });

// The refusal needs the decision still a draft; the override then makes it final for good.
test.describe.serial("a reorganisation decision without its consultation", () => {
  test("is flagged on the compliance page and refused when the editor finalises it", async ({ page }) => {
    await login(page, "editor");
    await openCompliance(page);
    await expect(page.getByRole("heading", { level: 2, name: /\d+ åpne funn/ })).toBeVisible();

    const board = finding(page, BOARD_FINDING);
    await expect(board).toContainText("Et prosjektstyre har minst én tillitsvalgt");
    await expect(board).toContainText("Kilde: Fellesnemnda: prosjektstyrene har representanter for de tillitsvalgte");
    const decision = finding(page, NOT_FINAL);
    await expect(decision).toContainText(MISSING);
    await expect(decision).toContainText("Kilde: Hovedavtalen del B § 1-4");
    await expect(finding(page, "Frister blir overholdt eller frafalt").first()).toContainText(
      /hadde frist \d{1,2}\. [a-zæøå]+\.? \d{4}, \d{2}:\d{2}/,
    );
    await expect(
      finding(page, "Frister blir overholdt eller frafalt").first().getByRole("link", { name: "Vis de forfalte fristene" }),
    ).toHaveAttribute("href", /\/deadlines\?overdue=1/);
    // The demo's workbooks: «Kultur og frivillighet» never sent version 3 and the final input
    // (their deadlines' overdue findings give way to these), «Digitalisering og kommunikasjon»
    // sent version 2 late.
    for (const version of ["3", "endelig"]) {
      await expect(
        finding(page, `VO4: versjon ${version} av «Arbeidsbok: Kultur og frivillighet» hadde frist`),
      ).toContainText("Hver versjon av et innspill leveres innen fristen");
    }
    await expect(finding(page, "Revidert arbeidsbok versjon 3 etter samling 2: Kultur og frivillighet")).toHaveCount(0);
    await expect(
      finding(page, "ST3: versjon 2 av «Arbeidsbok: Digitalisering og kommunikasjon» ble levert 3 dager for sent"),
    ).toContainText("En versjon av et innspill leveres i tide, ikke etter fristen");
    await expectAccessible(page);
    await expectNoRawKeys(page);
    await page.screenshot({ path: "../docs/screenshots/compliance.png", fullPage: true });

    await decision.getByRole("link", { name: "Åpne vedtaket" }).click();
    await expect(page).toHaveURL(/\/decisions\/[0-9a-f-]+$/);
    await expect(page.getByRole("heading", { level: 1, name: DECISION })).toBeVisible();
    await expect(page.getByText("Drøfting mangler")).toBeVisible();
    await expectAccessible(page);

    // «Gjør endelig» says beforehand what is missing, instead of failing after a click.
    const finalise = page.getByRole("button", { name: "Gjør endelig", exact: true });
    await expect(finalise).toHaveAttribute("aria-disabled", "true");
    await expect(finalise).toHaveAccessibleDescription(/^«Gjør endelig» kan ikke brukes ennå\. .*ingen drøftingsmøte om saken er knyttet til vedtaket$/);
    // Still in the Tab order, with its reason: pressing it sends nothing.
    await finalise.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 3, name: "Vedtaket ble ikke gjort endelig" })).toHaveCount(0);
    await expect(page.getByText("Utkast", { exact: true })).toBeVisible();
    // Only a programme administrator may go past the rule.
    await expect(page.getByRole("button", { name: /uten drøfting/ })).toHaveCount(0);
    await expectAccessible(page);

    await page.reload();
    await expect(page.getByText("Utkast", { exact: true })).toBeVisible();
  });

  test("is made final by the programme administrator with a reason, kept and shown", async ({ page }) => {
    const reason = `Drøftingsmøtet ble holdt muntlig 10. desember; protokollen ettersendes (${Date.now()}).`;
    await login(page, "programmeAdmin");
    await openCompliance(page);
    await finding(page, NOT_FINAL).getByRole("link", { name: "Åpne vedtaket" }).click();
    await expect(page.getByRole("heading", { level: 1, name: DECISION })).toBeVisible();

    await page.getByRole("button", { name: "Gjør endelig uten drøfting …" }).click();
    const form = page.getByRole("form", { name: "Gjør endelig uten drøfting" });
    const field = form.getByRole("textbox", { name: "Begrunnelse" });
    await expect(field).toBeFocused();
    await form.getByRole("button", { name: "Gjør endelig uten drøfting" }).click();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText("Skriv en begrunnelse.")).toBeVisible();
    await expectAccessible(page);

    await field.fill(reason);
    await form.getByRole("button", { name: "Gjør endelig uten drøfting" }).click();
    await expect(page.getByRole("status")).toHaveText("Vedtaket er endelig.");
    const record = page.getByRole("region", { name: "Gjort endelig uten drøfting" });
    await expect(record).toContainText(reason);
    await expect(record).toContainText("Gjort endelig av deg (Tor Erik Viken)");
    await expect(page.getByText("Endelig", { exact: true })).toBeVisible();
    await expect(page.getByText("Endelig uten drøfting", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Gjør endelig", exact: true })).toHaveCount(0);
    await expectAccessible(page);
    await expectNoRawKeys(page);

    // The report no longer says the decision cannot be made final; it keeps, for the record,
    // that it was made final without its consultation, and why.
    await openCompliance(page);
    await expect(finding(page, NOT_FINAL)).toHaveCount(0);
    await expect(finding(page, OVERRIDDEN)).toContainText(`(${MISSING}). Begrunnelse: ${reason}`);
  });
});

test("an overdue deadline is cleared by marking it submitted", async ({ page }) => {
  // A deadline of its own that passed yesterday: the demo's overdue deadlines are left as they
  // are for the tests after this one (those of the workbooks show as missing versions instead).
  const title = `Innspill fra faggruppen til ledergruppen ${Date.now()}`;
  await login(page, "editor");
  const programme = programmeId(page);
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers = { Authorization: `Bearer ${token}` };
  const get = async (path: string) => (await page.request.get(path, { headers })).json();
  const project = (await get(`/api/v1/projects?programme_id=${programme}&code=VO1`)).items.find(
    (p: { code: string }) => p.code === "VO1",
  );
  const response = await page.request.post("/api/v1/deadlines", {
    headers,
    data: {
      programme_id: programme,
      project_id: project.id,
      title,
      due_at: new Date(Date.now() - 86_400_000).toISOString(),
      responsible_person_id: project.leader_id,
    },
  });
  expect(response.status()).toBe(201);
  const deadline = await response.json();
  try {
    await openCompliance(page);
    const overdue = finding(page, `«${title}» hadde frist`);
    await expect(overdue).toContainText("Kilde: Seed 002");
    await overdue.getByRole("link", { name: "Vis de forfalte fristene" }).click();
    await expect(page).toHaveURL(/\/deadlines\?.*overdue=1/);
    await page.getByRole("button", { name: `Marker som levert: ${title}` }).click();
    await expect(page.getByRole("status")).toContainText(`«${title}» er markert som levert.`);

    await openCompliance(page);
    await expect(finding(page, "Frister blir overholdt eller frafalt").first()).toBeVisible();
    await expect(finding(page, `«${title}»`)).toHaveCount(0);
  } finally {
    const current = await page.request.get(`/api/v1/deadlines/${deadline.id}`, { headers });
    await page.request.delete(`/api/v1/deadlines/${deadline.id}`, {
      headers: { ...headers, "If-Match": current.headers()["etag"] },
    });
  }
});

test("the board without a union representative is cleared by seating one", async ({ page }) => {
  await login(page, "editor");
  await openCompliance(page);
  await finding(page, BOARD_FINDING).getByRole("link", { name: "Åpne gruppen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: BOARD })).toBeVisible();

  await page.getByRole("combobox", { name: "Person" }).selectOption({ label: "Liv Tveiten" });
  await page.getByRole("combobox", { name: "Part" }).selectOption({ label: "Arbeidstakere" });
  await page.getByRole("combobox", { name: "Kommune" }).selectOption({ label: "Ski" });
  await page.getByRole("button", { name: "Legg til medlem" }).click();
  await expect(page.getByText("Liv Tveiten er lagt til i gruppen.")).toBeVisible();

  await openCompliance(page);
  await expect(finding(page, NOT_FINAL).or(finding(page, `«${DECISION}»`)).first()).toBeVisible();
  await expect(finding(page, BOARD_FINDING)).toHaveCount(0);

  // Leave the board as the demo has it, for the other tests on the same server.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: BOARD })).toBeVisible();
  await page.getByRole("button", { name: "Fjern Liv Tveiten" }).click();
  const dialog = page.getByRole("dialog");
  await opened(dialog);
  await dialog.getByRole("button", { name: "Fjern medlemmet" }).click();
  await expect(dialog).toBeHidden();
  await openCompliance(page);
  await expect(finding(page, BOARD_FINDING)).toBeVisible();
});

test("a reorganisation decision consulted on in a signed meeting is recorded and made final", async ({ page }) => {
  const title = `Felles merkantil tjeneste i Oppvekst og utdanning ${Date.now()}`;
  await login(page, "editor");
  const pid = programmeId(page);
  await page.goto(`/p/${pid}/decisions`);
  await expect(page.getByRole("heading", { level: 1, name: "Vedtak" })).toBeVisible();
  const table = page.getByRole("table", { name: "Vedtak, nyeste først" });
  await expect(table.getByRole("row").filter({ hasText: "Organisering av virksomhetsområdet Oppvekst" })).toContainText(
    "Drøfting i orden",
  );
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByRole("combobox", { name: "Omorganisering" }).selectOption({ label: "Endrer organiseringen" });
  await expect(page).toHaveURL(/reorganisation=1/);
  await expect(table.getByRole("row").filter({ hasText: "18/00231" })).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Utkast" });
  await expect(page).toHaveURL(/status=draft/);
  await expect(table.getByRole("row").filter({ hasText: "18/00231" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("draft");
  await page.getByRole("button", { name: "Nullstill filtrene" }).click();

  await page.getByRole("button", { name: "Nytt vedtak" }).click();
  const dialog = page.getByRole("dialog", { name: "Nytt vedtak" });
  await opened(dialog);
  await expectAccessible(page);
  await dialog.getByRole("textbox", { name: "Tittel" }).fill(title);
  await dialog.getByLabel("Vedtaksdato").fill("2018-12-20");
  await dialog.getByRole("combobox", { name: "Vedtatt av" }).selectOption({ label: "Fellesnemnda for Nordre Follo" });
  // The consultation meeting was on Oppvekst og utdanning: the decision is about the same project.
  await dialog.getByRole("combobox", { name: "Prosjekt" }).selectOption({ label: "VO1 Oppvekst og utdanning" });
  await dialog.getByRole("checkbox", { name: "Vedtaket endrer hvordan arbeidet er organisert" }).check();
  await dialog
    .getByRole("combobox", { name: "Drøftingsmøte" })
    .selectOption({ label: "20. nov. 2018 – Drøftingsmøte: organisering av Oppvekst og utdanning" });
  await dialog.getByRole("button", { name: "Lagre som utkast" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: "Drøftingsmøte: organisering av Oppvekst og utdanning" })).toHaveAttribute(
    "href",
    /\/events\/[0-9a-f-]+$/,
  );
  await expect(page.getByText("Drøfting i orden")).toBeVisible();
  await page.getByRole("button", { name: "Gjør endelig", exact: true }).click();
  await expect(page.getByText("Vedtaket er endelig.")).toBeVisible();
  await expect(page.getByText("Endelig", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Gjort endelig uten drøfting" })).toHaveCount(0);
  await expectAccessible(page);
});

for (const [locale, decisions, compliance, caption, worded] of [
  ["nn", "Vedtak", "Etterleving", "Vedtak, nyaste først", `${BOARD}: ingen tillitsvald`],
  // The API's own English has the time as 2018-10-04 12:00.
  ["en", "Decisions", "Compliance", "Decisions, newest first", /was due \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}/],
] as const) {
  test(`the decision and compliance pages in ${locale}`, async ({ page }) => {
    await login(page, "editor");
    const base = `/p/${programmeId(page)}`;
    await page.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);

    await page.goto(`${base}/decisions`);
    await expect(page.getByRole("heading", { level: 1, name: decisions })).toBeVisible();
    const table = page.getByRole("table", { name: caption });
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);

    await table.getByRole("row").filter({ hasText: "18/00231" }).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: /Oppvekst og utdanning/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /Drøftingsmøte/ })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);

    await page.goto(`${base}/compliance`);
    await expect(page.getByRole("heading", { level: 1, name: compliance })).toBeVisible();
    await expect(page.getByRole("listitem").first()).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: worded }).first()).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
  });
}

test("a project's findings are listed on their own, from its count in the table, and the programme's apart", async ({ page }) => {
  await login(page, "editor");
  await openCompliance(page);
  const table = page.getByRole("table", { name: "Prosjektene med mandat, fase og funn" });
  await table.getByRole("link", { name: /^\d+ funn: VO2 / }).click();
  await expect(page).toHaveURL(/\/compliance\?findings=[0-9a-f-]+#findings$/);
  const scope = page.getByRole("combobox", { name: "Vis funn for" });
  await expect(scope).toHaveValue(/^[0-9a-f-]{36}$/);
  await expect(finding(page, `«${DECISION}»`)).toBeVisible();
  await expect(page.getByText(/^Viser \d+ av \d+ funn$/)).toBeVisible();
  await expect(finding(page, "VO4: versjon")).toHaveCount(0);
  await expectAccessible(page);

  await scope.selectOption("programme");
  await expect(page).toHaveURL(/\?findings=programme/);
  await expect(page.getByText("Funn som ikke hører til ett enkelt prosjekt", { exact: false })).toBeVisible();
  await expect(finding(page, `«${DECISION}»`)).toHaveCount(0);
  await scope.selectOption("");
  await expect(finding(page, "VO4: versjon 3")).toBeVisible();
  await expectNoRawKeys(page);
});

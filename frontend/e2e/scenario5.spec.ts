import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

// Scenario 5 of the brief (seed 004, three-party cooperation) in the demo's Nordre Follo
// programme: an employee without an account sends an idea through the programme's
// participation link from a phone, the three-party forum assesses it at a meeting with
// attendance, it is accepted and becomes a measure, and the receipt shows every step.

const FORUM = "Trepartsforum Nordre Follo";
const PHONE = { width: 390, height: 844 };

/** A phone without an account: a new browser context, nothing shared with the office's. */
async function phone(browser: Browser) {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
  });
  return { context, page: await context.newPage() };
}

/** Nothing on the page is wider than the screen: no sideways scrolling on a phone. */
async function expectFitsWidth(page: Page) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
}

/** The value of an option of a select, found by part of its text. */
async function optionValue(select: Locator, text: string): Promise<string> {
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  if (!value) throw new Error(`no option with ${text}`);
  return value;
}

async function apiOf(page: Page) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  return { Authorization: `Bearer ${token}` };
}

test("scenario 5: an employee's idea through the link, assessed by the three-party forum at a meeting, becomes a measure", async ({
  page,
  browser,
}) => {
  const stamp = Date.now() % 1_000_000;
  const title = `Felles app for vaktbytte ${stamp}`;
  const employee = "Ingrid Helsefagarbeider";

  // The programme office opens the ideas page and makes a participation link.
  await login(page, "programmeAdmin");
  const programme = programmeId(page);
  await page.getByRole("navigation").getByRole("link", { name: "Forslag", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forbedringsforslag" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Forslag per status" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Forbedringsforslag/ })).toBeVisible();

  const links = page.getByRole("region", { name: "Deltakerlenker" });
  await links.getByLabel("Hva lenken er til").fill(`Scenario 5: helse og omsorg ${stamp}`);
  await links.getByRole("button", { name: "Lag lenke" }).click();
  await expect(links.getByText("Adressen vises bare nå")).toBeVisible();
  const form = await links.getByLabel("Adressen til skjemaet").inputValue();
  expect(form).toMatch(/\/i\/[A-Za-z0-9_-]{40,}$/);
  await expect(links.getByRole("row", { name: new RegExp(`Scenario 5: helse og omsorg ${stamp}`) })).toContainText("Åpen");
  await expectAccessible(page);

  // The employee, on a phone and without an account, sends a named idea and keeps the receipt.
  const mobile = await phone(browser);
  const employeePage = mobile.page;
  await employeePage.goto(form);
  await expect(employeePage.getByRole("heading", { level: 1, name: "Send et forbedringsforslag" })).toBeVisible();
  await expect(employeePage.getByText("Til Nordre Follo 2020.")).toBeVisible();
  await expect(employeePage.getByText(/Vi lagrer ikke IP-adressen/)).toBeVisible();
  await expectFitsWidth(employeePage);
  await expectAccessible(employeePage);
  // By keyboard: the title field first, then tab through the form.
  await employeePage.getByLabel("Tittel").focus();
  await employeePage.keyboard.type(title);
  await employeePage.keyboard.press("Tab");
  await employeePage.keyboard.type("Vakter byttes i dag på papir og SMS. En felles app sparer tid og gir oversikt.");
  await employeePage.getByLabel("Navnet ditt").fill(employee);
  await employeePage.getByLabel("Navnet ditt").press("Enter");
  await expect(employeePage.getByRole("heading", { name: "Takk! Forslaget er sendt" })).toBeVisible();
  await expect(employeePage.getByText(/Den vises bare nå/)).toBeVisible();
  const receipt = await employeePage.getByLabel("Adressen til kvitteringen").inputValue();
  expect(receipt).toMatch(/\/r\/[A-Za-z0-9_-]{40,}$/);
  await expectFitsWidth(employeePage);
  await expectAccessible(employeePage);

  // The office plans a meeting of the forum, invites its members and records who came.
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const meeting = `Trepartsforum: ansattes forslag ${stamp}`;
  await page.getByRole("navigation").getByRole("link", { name: "Møter" }).click();
  await page.getByRole("button", { name: "Nytt møte" }).click();
  const dialog = page.getByRole("dialog", { name: "Nytt møte" });
  await opened(dialog);
  await dialog.getByLabel("Tittel").fill(meeting);
  await dialog.getByLabel("Type").selectOption("meeting");
  await dialog.getByLabel("Gruppe").selectOption({ label: FORUM });
  await dialog.getByLabel("Starter (dato og klokkeslett, norsk tid)").fill(`${day}T13:00`);
  await dialog.getByLabel("Sted").fill("Ski rådhus");
  await dialog.getByRole("button", { name: "Opprett møtet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: meeting })).toBeVisible();
  const participants = page.getByRole("region", { name: "Deltakere" });
  await participants.getByRole("button", { name: "Inviter gruppens medlemmer" }).click();
  await expect(participants.getByRole("status")).toContainText("av gruppens medlemmer er invitert");
  const attendance = participants.getByRole("group", { name: /^Oppmøte for / });
  expect(await attendance.count()).toBeGreaterThanOrEqual(3);
  await attendance.nth(0).getByRole("radio", { name: "Til stede" }).check();
  await expect(participants.getByRole("status")).toContainText("Til stede");
  await attendance.nth(1).getByRole("radio", { name: "Til stede" }).check();
  await expect(participants.getByText(/2 til stede/)).toBeVisible();
  await attendance.nth(2).getByRole("radio", { name: "Meldt forfall" }).check();
  await expect(participants.getByText(/1 meldt forfall/i)).toBeVisible();

  // The forum assesses the idea at that meeting: being assessed, then accepted.
  await page.getByRole("navigation").getByRole("link", { name: "Forslag", exact: true }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
  await expect(row).toContainText(employee);
  await expect(row).toContainText("Mottatt");
  await row.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Gjennom deltakerlenken, uten innlogging")).toBeVisible();
  const assess = page.getByRole("region", { name: "Vurder" });
  await assess.getByLabel("Vurderes av").selectOption(await optionValue(assess.getByLabel("Vurderes av"), FORUM));
  const meetingSelect = assess.getByLabel("Møtet der det ble bestemt");
  await expect(meetingSelect.locator("option", { hasText: meeting })).toHaveCount(1);
  await meetingSelect.selectOption(await optionValue(meetingSelect, meeting));
  await assess.getByLabel("Ny status").selectOption("assessing");
  await assess.getByLabel("Kommentar").fill("Tatt opp i trepartsforumet; administrasjonen utreder kostnadene.");
  await expectAccessible(page);
  await assess.getByRole("button", { name: "Lagre vurderingen" }).click();
  const history = page.getByRole("region", { name: "Slik er forslaget fulgt opp" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history.getByRole("listitem").nth(1)).toContainText("Under vurdering");
  await expect(history.getByRole("listitem").nth(1)).toContainText(meeting);
  await expect(page.getByText(FORUM).first()).toBeVisible();

  // Not pursued needs its reason: refused at the field, nothing sent.
  await assess.getByLabel("Ny status").selectOption("not_pursued");
  await assess.getByRole("button", { name: "Lagre vurderingen" }).click();
  await expect(assess.getByText("Skriv hvorfor forslaget ikke videreføres.")).toBeVisible();
  await expect(history.getByRole("listitem")).toHaveCount(2);

  await assess.getByLabel("Ny status").selectOption("accepted");
  await meetingSelect.selectOption(await optionValue(meetingSelect, meeting));
  await assess.getByLabel("Kommentar").fill("Vedtatt: appen prøves ut i hjemmetjenesten fra januar.");
  await assess.getByRole("button", { name: "Lagre vurderingen" }).click();
  await expect(history.getByRole("listitem")).toHaveCount(3);
  await expect(history.getByRole("listitem").nth(2)).toContainText("Akseptert");

  // The accepted idea becomes a measure, linked to it.
  const carry = page.getByRole("region", { name: "Gjør om til tiltak eller oppgave" });
  const goals = carry.getByRole("group", { name: "Målene tiltaket skal bidra til" });
  await goals.getByRole("checkbox").first().check();
  await expectAccessible(page);
  await carry.getByRole("button", { name: "Gjør om til tiltak" }).click();
  await expect(page.getByRole("link", { name: title }).last()).toBeVisible();
  await expect(page.getByText("Tiltak", { exact: true }).first()).toBeVisible();
  const ideaUrl = page.url();
  const ideaId = ideaUrl.split("/").pop()!;
  const headers = await apiOf(page);
  const idea = await (await page.request.get(`/api/v1/ideas/${ideaId}`, { headers })).json();
  expect(idea.measure_id).toBeTruthy();
  expect(idea.status).toBe("accepted");
  await expectNoRawKeys(page);

  // The receipt, on the phone: every status change, with the meeting where it was decided.
  await employeePage.goto(receipt);
  await expect(employeePage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const steps = employeePage.getByRole("region", { name: "Slik er forslaget fulgt opp" }).getByRole("listitem");
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText("Mottatt");
  await expect(steps.nth(1)).toContainText("Under vurdering");
  await expect(steps.nth(1)).toContainText(`Bestemt i ${meeting}`);
  await expect(steps.nth(1)).toContainText("administrasjonen utreder kostnadene");
  await expect(steps.nth(2)).toContainText("Akseptert");
  await expect(steps.nth(2)).toContainText(`Bestemt i ${meeting}`);
  await expect(steps.nth(2)).toContainText("prøves ut i hjemmetjenesten");
  await expect(employeePage.getByText(employee)).toHaveCount(0);
  await expectFitsWidth(employeePage);
  await expectAccessible(employeePage);

  // An anonymous idea through the same link shows no name anywhere in the office's view.
  const anonymousTitle = `Kortere morgenmøter ${stamp}`;
  await employeePage.goto(form);
  await employeePage.getByLabel("Tittel").fill(anonymousTitle);
  await employeePage.getByLabel(/Forslaget, og hva det vil gjøre bedre/).fill("Ti minutter holder.");
  await employeePage.getByLabel("Anonymt, uten navn").check();
  await expect(employeePage.getByLabel("Navnet ditt")).toHaveCount(0);
  await expect(employeePage.getByText(/ingen kan se hvem som sendte forslaget/)).toBeVisible();
  await employeePage.getByRole("button", { name: "Send forslaget" }).click();
  await expect(employeePage.getByRole("heading", { name: "Takk! Forslaget er sendt" })).toBeVisible();
  await mobile.context.close();

  await page.goto(`/p/${programme}/ideas?q=${encodeURIComponent(anonymousTitle)}`);
  const anonymousRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: anonymousTitle }) });
  await expect(anonymousRow).toContainText("Anonym");
  await anonymousRow.getByRole("link", { name: anonymousTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: anonymousTitle })).toBeVisible();
  await expect(page.locator("dl")).toContainText("Anonym");
  const anonymous = await (
    await page.request.get(`/api/v1/ideas/${page.url().split("/").pop()}`, { headers })
  ).json();
  expect(anonymous.submitter_name).toBeNull();
  expect(anonymous.submitter_person_id).toBeNull();
  expect(JSON.stringify(anonymous)).not.toContain(employee);

  // What the test made is archived or closed (ideas are kept for the record).
  await page.getByRole("button", { name: "Arkiver" }).click();
  await page.getByRole("button", { name: "Ja, arkiver" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/ideas$`));
  await page.goto(ideaUrl);
  await page.getByRole("button", { name: "Arkiver" }).click();
  await page.getByRole("button", { name: "Ja, arkiver" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/ideas$`));
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  const linkRow = page
    .getByRole("region", { name: "Deltakerlenker" })
    .getByRole("row", { name: new RegExp(`Scenario 5: helse og omsorg ${stamp}`) });
  await linkRow.getByRole("button", { name: /^Steng lenken/ }).click();
  await expect(linkRow).not.toContainText("Åpen");
});

import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

// Scenario 4 of the brief, as a programme office carries it out: a work team set up against the
// programme's criteria, an effect goal with an indicator, a baseline survey answered through its
// link by six people, closed into the baseline, and a follow-up round that moves the indicator.

const QUESTION = "Arbeidslaget mitt får til mer sammen enn hver for seg";
const UNIT = "snitt 1–5";

/** A survey round with one Likert question feeding the indicator, made and opened on the survey pages; its link. */
async function openRound(page: Page, programme: string, title: string, indicatorName: string) {
  await page.goto(`/p/${programme}/surveys`);
  await expect(page.getByRole("heading", { level: 1, name: "Kartlegginger" })).toBeVisible();
  await page.getByRole("button", { name: "Ny kartlegging" }).click();
  const dialog = page.getByRole("dialog", { name: "Ny kartlegging" });
  await opened(dialog);
  await dialog.getByLabel("Tittel").fill(title);
  await dialog.getByRole("button", { name: "Opprett" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.getByRole("textbox", { name: "Spørsmål", exact: true }).fill(QUESTION);
  await page.getByRole("combobox", { name: "Type svar" }).selectOption({ label: "Skala 1–5" });
  await page.getByRole("combobox", { name: "Gir tall til indikator" }).selectOption({ label: indicatorName });
  await page.getByRole("checkbox", { name: "Må besvares" }).check();
  await page.getByRole("button", { name: "Legg til spørsmål" }).click();
  const question = page.getByRole("listitem").filter({ hasText: QUESTION });
  await expect(question).toContainText(`Indikator: ${indicatorName}`);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Åpne kartleggingen" }).click();
  const link = page.getByRole("textbox", { name: "Lenke" });
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  return new URL(await link.inputValue()).pathname;
}

/**
 * Six people answer through the link, each in a browser of their own; the round page shows no
 * figures after the fourth answer and shows them after the fifth.
 */
async function answerSix(
  page: Page,
  browser: Browser,
  baseURL: string | undefined,
  link: string,
  title: string,
  answers: number[],
  meanOfFive: string,
) {
  for (const [index, value] of answers.entries()) {
    const context = await browser.newContext({ baseURL, locale: "nb-NO", timezoneId: "Europe/Oslo" });
    const respondent = await context.newPage();
    await respondent.goto(link);
    await expect(respondent.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const group = respondent.getByRole("group", { name: new RegExp(QUESTION) });
    await group.getByRole("radio", { name: new RegExp(`^${value} – `) }).check();
    await respondent.getByRole("button", { name: "Send svarene" }).click();
    await expect(respondent.getByRole("heading", { name: "Takk for svarene!" })).toBeVisible();
    await context.close();

    const count = index + 1;
    if (count === 4 || count === 5) {
      await page.reload();
      await expect(page.getByTestId("response-count")).toHaveText(String(count));
      const result = page.getByRole("article", { name: new RegExp(QUESTION) });
      if (count === 4) {
        await expect(result.getByText("Vises når minst 5 har svart.")).toBeVisible();
        await expect(result.getByText(/Gjennomsnitt/)).toHaveCount(0);
        await expect(result.getByRole("table")).toHaveCount(0);
      } else {
        await expect(result.getByText(`Gjennomsnitt: ${meanOfFive}`)).toBeVisible();
        await expect(result.getByRole("table")).toBeVisible();
      }
    }
  }
  await page.reload();
  await expect(page.getByTestId("response-count")).toHaveText(String(answers.length));
}

/** Close the round on its page, the measurements dated `measuredOn` (empty: today); the report line. */
async function closeRound(page: Page, title: string, measuredOn: string, written: string) {
  await page.getByRole("button", { name: "Avslutt kartleggingen" }).click();
  const confirm = page.getByRole("dialog", { name: `Avslutte «${title}»?` });
  await opened(confirm);
  await expect(confirm).toContainText("6 har svart.");
  if (measuredOn) await confirm.getByLabel("Dato for målingene").fill(measuredOn);
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Avslutt kartleggingen" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { name: "Kartleggingen er avsluttet" })).toBeVisible();
  await expect(page.getByText(`«${QUESTION}»: måling ${written} skrevet (6 svar).`)).toBeVisible();
}

test("scenario 4: a work team against its criteria, an effect goal measured by two survey rounds against baseline and target", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  await login(page, "editor");
  const programme = programmeId(page);
  const stamp = Date.now();
  const year = new Date().getFullYear();
  const baselineDay = `${year - 1}-10-15`;
  const targetDay = `${year + 1}-12-31`;

  // 1. A criterion for work teams, on the criteria page.
  const criterion = `Arbeidslaget har deltakere fra minst tre tjenester ${stamp}`;
  await page.goto(`/p/${programme}/criteria`);
  await expect(page.getByRole("heading", { level: 1, name: "Kriterier for grupper" })).toBeVisible();
  await page.getByRole("button", { name: "Nytt kriterium" }).click();
  const criterionDialog = page.getByRole("dialog", { name: "Nytt kriterium" });
  await opened(criterionDialog);
  await criterionDialog.getByRole("combobox", { name: "Type gruppe" }).selectOption({ label: "Arbeidslag" });
  await criterionDialog.getByRole("radio", { name: "Opprettelse" }).check();
  await criterionDialog.getByRole("textbox", { name: "Kriterium", exact: true }).fill(criterion);
  await expectAccessible(page);
  await criterionDialog.getByRole("button", { name: "Legg til kriterium" }).click();
  await expect(criterionDialog).toBeHidden();
  await expect(
    page.getByRole("region", { name: "Arbeidslag" }).getByRole("table", { name: "Kriterier for opprettelse" }),
  ).toContainText(criterion);

  // 2. The work team, set up from the criteria for its kind, and assessed on its own page.
  const teamName = `Arbeidslag Sørum sentrum ${stamp}`;
  const workTeams = page.getByRole("region", { name: "Arbeidslag" });
  await workTeams.getByRole("button", { name: "Sett opp en ny gruppe av typen arbeidslag" }).click();
  const groupDialog = page.getByRole("dialog", { name: "Ny gruppe av typen arbeidslag" });
  await opened(groupDialog);
  await groupDialog.getByRole("textbox", { name: "Navn på gruppen" }).fill(teamName);
  await groupDialog
    .getByRole("textbox", { name: "Hva gruppen skal gjøre" })
    .fill("Hjemmetjeneste, sykehjem og fysioterapi i Sørum sentrum samarbeider om brukerne de deler.");
  await expectAccessible(page);
  await groupDialog.getByRole("button", { name: "Sett opp gruppen" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/groups/[0-9a-f-]+$`));
  await expect(page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
  const criteria = page.getByRole("region", { name: "Kriterier for arbeidslag" });
  const row = criteria.getByRole("row").filter({ hasText: criterion });
  await expect(row).toContainText("Ikke vurdert");
  await row.getByRole("button", { name: `Vurder: ${criterion}` }).click();
  const assess = page.getByRole("dialog", { name: `Vurder: ${criterion}` });
  await opened(assess);
  await assess.getByRole("radio", { name: "Oppfylt", exact: true }).check();
  await assess.getByRole("textbox", { name: "Hva vurderingen bygger på" }).fill("Hjemmetjeneste, sykehjem og fysioterapi.");
  await assess.getByRole("button", { name: "Lagre vurdering" }).click();
  await expect(assess).toBeHidden();
  await expect(row).toContainText("Oppfylt");
  await expect(row).not.toContainText("Ikke vurdert");
  await expect(criteria.getByText(/1 av \d+ kriterier oppfylt/)).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);
  // The criteria page lists the team among the work teams, leading back to it.
  await page.goto(`/p/${programme}/criteria`);
  await expect(workTeams.getByRole("link", { name: teamName })).toBeVisible();

  // 3. An effect goal, on the goals page.
  const goal = `Bedre tverrfaglig samarbeid i arbeidslagene ${stamp}`;
  await page.goto(`/p/${programme}/goals`);
  await expect(page.getByRole("heading", { level: 1, name: "Mål" })).toBeVisible();
  await page.getByRole("button", { name: "Nytt mål" }).click();
  const goalDialog = page.getByRole("dialog", { name: "Nytt mål" });
  await opened(goalDialog);
  await goalDialog.getByRole("combobox", { name: "Nivå" }).selectOption({ label: "Effektmål" });
  await goalDialog.getByRole("textbox", { name: "Mål", exact: true }).fill(goal);
  await goalDialog.getByRole("combobox", { name: "Status" }).selectOption({ label: "Aktivt" });
  await goalDialog.getByRole("button", { name: "Legg til mål" }).click();
  await expect(goalDialog).toBeHidden();
  const tree = page.getByRole("list", { name: "Måltreet" });
  await expect(tree).toContainText(goal);

  // 4. An indicator on the goal, with a target, on the indicators page.
  const indicator = `Opplevd samarbeid i arbeidslaget ${stamp}`;
  await page.goto(`/p/${programme}/indicators`);
  await expect(page.getByRole("heading", { level: 1, name: "Indikatorer" })).toBeVisible();
  await page.getByRole("button", { name: "Ny indikator" }).click();
  const indicatorDialog = page.getByRole("dialog", { name: "Ny indikator" });
  await opened(indicatorDialog);
  await indicatorDialog.getByRole("textbox", { name: "Indikator", exact: true }).fill(indicator);
  await indicatorDialog.getByRole("combobox", { name: "Mål den måler" }).selectOption({ label: goal });
  await indicatorDialog.getByRole("combobox", { name: "Metode" }).selectOption({ label: "Kartlegging blant ansatte" });
  await indicatorDialog.getByRole("combobox", { name: "Retning" }).selectOption({ label: "Høyere er bedre" });
  await indicatorDialog.getByLabel("Enhet").fill(UNIT);
  await indicatorDialog.getByLabel("Mål (verdi)").fill("4,5");
  await indicatorDialog.getByLabel("Mål (dato)").fill(targetDay);
  await indicatorDialog.getByLabel("Måles hver (måneder)").fill("12");
  await expectAccessible(page);
  await indicatorDialog.getByRole("button", { name: "Opprett indikator" }).click();
  await expect(indicatorDialog).toBeHidden();
  const list = page.getByRole("table", { name: "Indikatorer med siste måling, utgangspunkt og mål" });
  const listed = list.getByRole("row").filter({ hasText: indicator });
  await expect(listed).toContainText(goal);
  await expect(listed).toContainText(`4,5 ${UNIT}`);

  // The goal leads to its indicator, which has no measurement yet.
  await page.goto(`/p/${programme}/goals`);
  const goalIndicators = page.getByRole("list", { name: `Indikatorer for «${goal}»` });
  await expect(goalIndicators).toContainText("Ikke målt ennå");
  await goalIndicators.getByRole("link", { name: indicator }).click();
  await expect(page.getByRole("heading", { level: 1, name: indicator })).toBeVisible();
  await expect(page.getByText("Ingen målinger ennå. Ingen utgangspunkt.")).toBeVisible();
  const indicatorUrl = page.url();

  // 5. The baseline round: six answer through the link, figures only from the fifth.
  const first = `Kartlegging av samarbeid, utgangspunkt ${stamp}`;
  const firstLink = await openRound(page, programme, first, indicator);
  // 3, 2, 4, 3, 2: mean 2,8 after five; with the sixth (4), 3.
  await answerSix(page, browser, baseURL, firstLink, first, [3, 2, 4, 3, 2, 4], "2,8");
  await expectAccessible(page);
  await closeRound(page, first, baselineDay, "3");

  // Closing wrote the baseline.
  await page.goto(indicatorUrl);
  const measurements = page.getByRole("table", { name: `Målinger av ${indicator}, eldste først` });
  await expect(measurements.getByRole("row")).toHaveCount(2);
  await expect(measurements.getByRole("row").nth(1)).toContainText(`3 ${UNIT}`);
  await expect(measurements.getByRole("row").nth(1)).toContainText("Utgangspunkt");
  await expect(measurements.getByRole("row").nth(1)).toContainText(first);
  await expect(page.getByText(/Utgangspunkt: 3 snitt 1–5 \(15\. okt\. \d{4}\)\./)).toBeVisible();

  // 6. The follow-up round, answered higher, closed today.
  const second = `Kartlegging av samarbeid, oppfølging ${stamp}`;
  const secondLink = await openRound(page, programme, second, indicator);
  // 4, 4, 5, 3, 4: mean 4 after five; with the sixth (5), 25 / 6 = 4,17.
  await answerSix(page, browser, baseURL, secondLink, second, [4, 4, 5, 3, 4, 5], "4");
  await closeRound(page, second, "", "4,17");

  // 7. The indicator page: both measurements in the table and on the chart, with baseline and target.
  await page.goto(indicatorUrl);
  await expect(measurements.getByRole("row")).toHaveCount(3);
  const followUp = measurements.getByRole("row").nth(2);
  await expect(followUp).toContainText(`4,17 ${UNIT}`);
  await expect(followUp).toContainText("+1,17");
  await expect(followUp).toContainText("6");
  await expect(followUp).toContainText(second);
  await expect(measurements.getByRole("row").nth(1)).toContainText("Utgangspunkt");

  // The chart is an svg, named for screen readers and described by the summary above it.
  const chart = page.getByRole("application", { name: `Diagram: ${indicator} over tid` });
  await expect(chart).toBeVisible();
  expect(await chart.evaluate((element) => element.tagName.toLowerCase())).toBe("svg");
  await expect(chart.locator(".recharts-line-curve")).toHaveCount(1);
  await expect(chart.locator(".recharts-line-dot")).toHaveCount(2);
  // The baseline and the target as horizontal lines, and the target's date as a vertical one.
  await expect(chart.locator(".recharts-reference-line")).toHaveCount(3);
  await expect(chart.getByText("Utgangspunkt 3", { exact: true })).toBeVisible();
  await expect(chart.getByText("Mål 4,5", { exact: true })).toBeVisible();
  // The follow-up dot stands higher (a smaller y) than the baseline dot, and nearer the target line.
  const dots = chart.locator(".recharts-line-dot");
  const baselineY = Number(await dots.nth(0).getAttribute("cy"));
  const followUpY = Number(await dots.nth(1).getAttribute("cy"));
  expect(followUpY).toBeLessThan(baselineY);
  await expect(page.getByText(/2 målinger fra .* Fremgang fra utgangspunkt mot mål: 78\s%\./)).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // 8. The goals page, reached from the indicator's goal: the latest value against baseline and target.
  await page.getByRole("link", { name: goal, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/goals#goal-[0-9a-f-]+$`));
  await expect(page.locator("li:focus")).toContainText(goal);
  const line = page.getByRole("list", { name: `Indikatorer for «${goal}»` });
  await expect(line).toContainText(`Sist målt: 4,17 ${UNIT}`);
  await expect(line).toContainText(`utgangspunkt 3 ${UNIT}`);
  await expect(line).toContainText(`mål 4,5 ${UNIT}`);
  await expect(line).toContainText("78 % av veien");
  await expect(line.getByRole("progressbar")).toHaveAttribute("value", "78");
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

test("the Sørum programme's goals against baseline and target, and one indicator over time (screenshots)", async ({
  page,
}) => {
  // The demo's Sørum programme, seed 001: its project manager sees only it, and lands on it.
  await page.goto("/login");
  await page.getByLabel("E-postadresse").fill("prosjektleder@sorum.example");
  await page.getByLabel("Passord").fill("demo-prosjektleder-sorum");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]+$/);
  const programme = programmeId(page);

  await page.goto(`/p/${programme}/goals`);
  const tree = page.getByRole("list", { name: "Måltreet" });
  await expect(tree).toContainText("Innbyggerne får tjenester av høy kvalitet");
  const name = "Andel ansatte som det siste året har løst en oppgave sammen med andre fagområder";
  const line = tree
    .getByRole("list", { name: /^Indikatorer for/ })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name }) });
  await expect(line).toContainText("Sist målt:");
  await expect(line.getByRole("progressbar")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "../docs/screenshots/goals.png", fullPage: true });

  await line.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const chart = page.getByRole("application", { name: `Diagram: ${name} over tid` });
  await expect(chart.locator(".recharts-line-dot")).toHaveCount(3);
  await expect(chart.getByText(/^Utgangspunkt /)).toBeVisible();
  await expect(chart.getByText(/^Mål /)).toBeVisible();
  await expect(page.getByRole("table", { name: `Målinger av ${name}, eldste først` }).getByRole("row")).toHaveCount(4);
  await expectAccessible(page);
  await page.screenshot({ path: "../docs/screenshots/indicator.png", fullPage: true });
});

import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

async function api(page: Page) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  return async (path: string, data: Record<string, unknown>) => {
    const response = await page.request.post(path, { headers: { Authorization: `Bearer ${token}` }, data });
    expect(response.status(), `${path}: ${await response.text()}`).toBe(201);
    return response.json();
  };
}

async function narrowEnough(page: Page, width: number, what: string) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  const wide = await page.evaluate(
    (w) =>
      [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > w)
        .slice(-3)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    width,
  );
  expect(scroll, `${what} is wider than the screen: ${wide.join(", ")}`).toBeLessThanOrEqual(width);
}

test("a survey answered through its link by six browsers shows results only from the fifth, and closing writes the measurement", async ({
  page,
  browser,
  baseURL,
}) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const post = await api(page);
  const stamp = Date.now();
  const goal = await post("/api/v1/goals", { programme_id: programme, kind: "effect", title: `Bedre samarbeid ${stamp}` });
  const indicator = await post("/api/v1/indicators", {
    programme_id: programme,
    goal_id: goal.id,
    name: `Opplevd samarbeid ${stamp}`,
    method: "survey",
    target_value: 4.5,
    target_on: "2027-12-31",
  });
  const title = `Kartlegging av samarbeid ${stamp}`;
  const round = await post("/api/v1/survey-rounds", { programme_id: programme, title, audience: "link" });
  const questionText = "Teamet mitt samarbeider godt";
  await post("/api/v1/survey-questions", {
    round_id: round.id,
    text: questionText,
    kind: "likert",
    required: true,
    indicator_id: indicator.id,
  });

  await page.goto(`/p/${programme}/surveys`);
  await expect(page.getByRole("heading", { level: 1, name: "Kartlegginger" })).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Indikator: ${indicator.name}`)).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByRole("button", { name: "Åpne kartleggingen" }).click();
  const link = page.getByRole("textbox", { name: "Lenke" });
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  const url = new URL(await link.inputValue());
  await expectAccessible(page);

  // Each answer from its own browser: a new context, with no receipt cookie.
  const answers = [4, 2, 5, 3, 1, 4];
  for (const [index, value] of answers.entries()) {
    const context = await browser.newContext({ baseURL, locale: "nb-NO" });
    const respondent = await context.newPage();
    await respondent.goto(url.pathname);
    await expect(respondent.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const question = respondent.getByRole("group", { name: new RegExp(questionText) });
    await question.getByRole("radio", { name: new RegExp(`^${value} – `) }).check();
    await respondent.getByRole("button", { name: "Send svarene" }).click();
    await expect(respondent.getByText("Takk for svarene!")).toBeVisible();
    if (index === 0) {
      // The same browser is refused a second answer.
      await respondent.reload();
      await expect(respondent.getByText("Du har allerede svart")).toBeVisible();
      await expectAccessible(respondent);
    }
    await context.close();

    const count = index + 1;
    if (count === 4 || count === 5) {
      await page.reload();
      await expect(page.getByTestId("response-count")).toHaveText(String(count));
      const result = page.getByRole("article", { name: new RegExp(questionText) });
      if (count === 4) {
        await expect(result.getByText("Vises når minst 5 har svart.")).toBeVisible();
        await expect(result.getByText(/Gjennomsnitt/)).toHaveCount(0);
      } else {
        await expect(result.getByText("Gjennomsnitt: 3")).toBeVisible();
        await expect(result.getByRole("table")).toBeVisible();
        await expectAccessible(page);
      }
    }
  }

  await page.reload();
  await expect(page.getByTestId("response-count")).toHaveText("6");
  await page.getByRole("button", { name: "Avslutt kartleggingen" }).click();
  const confirm = page.getByRole("dialog", { name: `Avslutte «${title}»?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Avslutt kartleggingen" }).click();
  await expect(page.getByRole("heading", { name: "Kartleggingen er avsluttet" })).toBeVisible();
  await expect(page.getByText(`«${questionText}»: måling 3,17 skrevet (6 svar).`)).toBeVisible();
  await expect(page.getByText("Avsluttet").first()).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // The closed link takes no more answers.
  const late = await browser.newContext({ baseURL });
  const latePage = await late.newPage();
  await latePage.goto(url.pathname);
  await expect(latePage.getByText("Kartleggingen er stengt")).toBeVisible();
  await late.close();
});

test("a new survey is created in the dialog, and the pages fit 320 px in every language", async ({ page, browser, baseURL }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  await page.goto(`/p/${programme}/surveys`);
  await page.getByRole("button", { name: "Ny kartlegging" }).click();
  const dialog = page.getByRole("dialog", { name: "Ny kartlegging" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Opprett" }).click();
  await expect(dialog.getByText("Skriv en tittel.")).toBeVisible();
  const title = `Oppfølging ${Date.now()}`;
  await dialog.getByLabel("Tittel").fill(title);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Opprett" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("textbox", { name: "Spørsmål", exact: true }).fill("Jeg får brukt kompetansen min");
  await page.getByRole("button", { name: "Legg til spørsmål" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Jeg får brukt kompetansen min" })).toBeVisible();
  const roundUrl = page.url();
  await page.getByRole("button", { name: "Åpne kartleggingen" }).click();
  const link = new URL(await page.getByRole("textbox", { name: "Lenke" }).inputValue());

  for (const [locale, surveys, submit, thanks] of [
    ["nb", "Kartlegginger", "Send svarene", "Takk for svarene!"],
    ["nn", "Kartleggingar", "Send svara", "Takk for svara!"],
    ["en", "Surveys", "Send the answers", "Thank you for answering!"],
  ] as const) {
    await page.setViewportSize({ width: 320, height: 720 });
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.goto(`/p/${programme}/surveys`);
    await expect(page.getByRole("heading", { level: 1, name: surveys })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    await narrowEnough(page, 320, "the survey list");
    await page.goto(roundUrl);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    await narrowEnough(page, 320, "the round page");

    const context = await browser.newContext({ baseURL, viewport: { width: 320, height: 720 } });
    const respondent = await context.newPage();
    await respondent.goto("/login");
    await respondent.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    await respondent.goto(link.pathname);
    await expect(respondent.getByRole("button", { name: submit })).toBeVisible();
    await expectAccessible(respondent);
    await expectNoRawKeys(respondent);
    await narrowEnough(respondent, 320, "the answer page");
    // By keyboard alone: into the first radio group, pick with the arrows, send with Enter.
    await respondent.getByRole("radio").first().focus();
    await respondent.keyboard.press("ArrowDown");
    await expect(respondent.getByRole("radio").nth(1)).toBeChecked();
    await respondent.getByRole("button", { name: submit }).focus();
    await respondent.keyboard.press("Enter");
    await expect(respondent.getByRole("heading", { name: thanks })).toBeVisible();
    await expectAccessible(respondent);
    await context.close();
  }
});

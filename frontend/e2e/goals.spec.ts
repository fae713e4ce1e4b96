import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";
import { api, ensureCatalogue, PLAN_GOALS } from "./goals-data";

test("an area ticks 3 of the 19 plan goals with a rationale, and the goals page shows which area chose which", async ({
  page,
}) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const catalogue = await ensureCatalogue(page, programme);
  expect(catalogue.length).toBeGreaterThanOrEqual(19);
  const projects = await api(page, `/api/v1/projects?programme_id=${programme}&sort=code&limit=1`);
  const area = projects.items[0];
  const areaName = `${area.code} ${area.name}`;
  // The area starts with nothing chosen, so that what is checked is what this test did.
  const before = await api(page, `/api/v1/goal-selections?project_id=${area.id}&limit=500`);
  for (const selection of before.items) await api(page, `/api/v1/goal-selections/${selection.id}`, "DELETE");

  await page.goto(`/p/${programme}/goals`);
  await expect(page.getByRole("heading", { level: 1, name: "Mål" })).toBeVisible();
  await page.getByRole("link", { name: "Velg mål for et område" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Velg mål for området" })).toBeVisible();
  await page.getByLabel("Område (prosjekt eller gruppe)").selectOption({ label: areaName });
  await expect(page).toHaveURL(new RegExp(`project=${area.id}`));

  const chosen = [
    ["Trygg oppvekst", PLAN_GOALS[1][1][0], "Vi møter barn og unge hver dag, og trygghet er grunnlaget for læring."],
    ["Sammen for ny kommune", PLAN_GOALS[0][1][2], "Tjenestene må utformes sammen med dem som bruker dem."],
    ["Aktiv hele livet", PLAN_GOALS[2][1][0], "Mestring i hverdagen gir færre og lettere tjenester senere."],
  ];
  for (const [theme, title, rationale] of chosen) {
    const group = page.getByRole("group", { name: theme });
    await group.getByRole("checkbox", { name: title }).check();
    await group.getByLabel(`Begrunnelse for «${title}»`).fill(rationale);
  }
  await page
    .getByLabel(`Hvordan «${chosen[0][1]}» kan operasjonaliseres`)
    .fill("Felles kartlegging av trivsel i barnehage og skole hvert år.");
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.getByRole("button", { name: "Lagre valgene" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lagret" })).toHaveText("Lagret. Området har valgt 3 mål.");
  // After saving, the form shows what is stored.
  await expect(page.getByRole("checkbox", { checked: true })).toHaveCount(3);

  await page.getByRole("link", { name: "Tilbake til målene" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Hvilke områder har valgt hvilke mål" })).toBeVisible();
  for (const [theme, title, rationale] of chosen) {
    const row = page.getByRole("table", { name: theme }).getByRole("row").filter({ hasText: title });
    await expect(row).toContainText(`${areaName}: ${rationale}`);
  }
  const untouched = page.getByRole("table", { name: "Byvekst med grønne kvaliteter" });
  await expect(untouched).not.toContainText(areaName);
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByRole("button", { name: `Vis historikken for ${areaName} sitt valg av «${chosen[0][1]}»` }).click();
  const history = page.getByRole("dialog", { name: `Historikk for ${areaName}` });
  await opened(history);
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText("Valgt");
  await expect(history).toContainText(chosen[0][2]);
  await expectAccessible(page);
  await history.getByRole("button", { name: "Lukk" }).click();

  // The project page shows the project's goals: the three it chose.
  await page.goto(`/p/${programme}/projects/${area.id}`);
  const section = page.getByRole("region", { name: "Mål" });
  for (const [, title] of chosen) await expect(section.getByText(title)).toBeVisible();
});

test("the goal tree shows each indicator's latest value against baseline and target", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const stamp = Date.now();
  const societal = await api(page, "/api/v1/goals", "POST", {
    programme_id: programme,
    kind: "societal",
    title: `Gode tjenester nær innbyggerne ${stamp}`,
    status: "active",
  });
  const effect = await api(page, "/api/v1/goals", "POST", {
    programme_id: programme,
    kind: "effect",
    parent_id: societal.id,
    title: `Bedre samarbeid på tvers i arbeidslagene ${stamp}`,
    status: "active",
  });
  const indicator = await api(page, "/api/v1/indicators", "POST", {
    programme_id: programme,
    goal_id: effect.id,
    name: `Opplevd samarbeid ${stamp}`,
    unit: "%",
    method: "survey",
    direction: "higher_is_better",
    target_value: 80,
    target_on: "2027-12-31",
    interval_months: 12,
  });
  for (const [value, measured_on] of [[60, "2024-10-15"], [70, "2025-10-15"]] as const) {
    await api(page, "/api/v1/measurements", "POST", { indicator_id: indicator.id, value, measured_on });
  }

  await page.goto(`/p/${programme}/goals`);
  const tree = page.getByRole("list", { name: "Måltreet" });
  const under = tree.getByRole("list", { name: `Mål under «${societal.title}»` });
  await expect(under).toContainText(effect.title);
  const indicators = under.getByRole("list", { name: `Indikatorer for «${effect.title}»` });
  await expect(indicators).toContainText("Sist målt: 70 %");
  await expect(indicators).toContainText("utgangspunkt 60 %");
  await expect(indicators).toContainText("mål 80 %");
  await expect(indicators).toContainText("50 % av veien");
  await expect(indicators.getByRole("progressbar")).toHaveAttribute("value", "50");
  await indicators.getByRole("link", { name: indicator.name }).click();
  await expect(page).toHaveURL(new RegExp(`/indicators/${indicator.id}$`));

  // Adding a result goal under the effect goal through the dialog, by keyboard.
  await page.goto(`/p/${programme}/goals`);
  await page.getByRole("button", { name: "Nytt mål" }).click();
  const dialog = page.getByRole("dialog", { name: "Nytt mål" });
  await opened(dialog);
  await dialog.getByLabel("Nivå").selectOption("result");
  await dialog.getByLabel("Ligger under").selectOption({ label: effect.title });
  await dialog.getByLabel("Mål", { exact: true }).fill(`Arbeidslagene er etablert ${stamp}`);
  await expectAccessible(page);
  await dialog.getByLabel("Mål", { exact: true }).press("Enter");
  await expect(dialog).toBeHidden();
  await expect(tree.getByRole("list", { name: `Mål under «${effect.title}»` })).toContainText(
    `Arbeidslagene er etablert ${stamp}`,
  );
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

// The pages the other specs do not visit in every language: login, the programme list of an
// account with several programmes, and the page for an unknown address.
for (const [locale, title, programmes, notFound] of [
  ["nb", "Logg inn", "Programmer", "Siden finnes ikke"],
  ["nn", "Logg inn", "Program", "Sida finst ikkje"],
  ["en", "Log in", "Programmes", "Page not found"],
] as const) {
  test(`login, programme list and not-found page in ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.goto("/login");
    await expect(page).toHaveTitle(`${title} – Samskap`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectAccessible(page);
    await expectNoRawKeys(page);

    const form = page.locator("form");
    await form.locator('input[type="email"]').fill(ACCOUNTS.admin.email);
    await form.locator('input[type="password"]').fill(ACCOUNTS.admin.password);
    await form.getByRole("button", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: programmes })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nye Kristiansand 2020" })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);

    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { level: 1, name: notFound })).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
  });
}

// The measures and criteria pages in every language, on a phone's 320 px: no WCAG violation,
// no raw keys, and nothing wider than the screen.
for (const [locale, measures, criteria] of [
  ["nb", "Tiltak", "Kriterier for grupper"],
  ["nn", "Tiltak", "Kriterium for grupper"],
  ["en", "Measures", "Criteria for groups"],
] as const) {
  test(`measures and criteria at 320 px in ${locale}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await login(page, "editor");
    await page.evaluate((l) => localStorage.setItem("samskap.locale", l), locale);
    const programme = programmeId(page);
    const base = `/p/${programme}`;
    // A goal, a measure with its result and a criterion, so that the tables are there to check.
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
    const headers = { Authorization: `Bearer ${token}` };
    const post = async (path: string, data: Record<string, unknown>) => {
      const response = await page.request.post(path, { headers, data });
      expect(response.status(), path).toBe(201);
      return response.json();
    };
    const goal = await post("/api/v1/goals", { programme_id: programme, kind: "effect", title: `Kvalitet ${Date.now()}` });
    const measure = await post("/api/v1/measures", {
      programme_id: programme,
      title: "Informasjons- og kommunikasjonstiltak for å synliggjøre arbeidslagene",
      goal_ids: [goal.id],
      status: "done",
      due_on: "2014-06-30",
      result: "Arbeidslagene presenterte seg på intranettet og i personalmøter.",
      evidence: [{ title: "Reportasje fra prosjektet", url: "https://example.no/reportasje-fra-arbeidslagene" }],
    });
    const criterion = await post("/api/v1/group-criteria", {
      programme_id: programme,
      group_kind: "work_team",
      purpose: "evaluation",
      title: "Laget kan vise til konkrete endringer i tjenesten",
    });
    try {
      for (const [path, title] of [
        ["measures", measures],
        ["criteria", criteria],
      ]) {
        await page.goto(`${base}/${path}`);
        await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
        await expect(page.getByRole("table").first()).toBeVisible();
        await expectAccessible(page);
        await expectNoRawKeys(page);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${path} is wider than the screen`).toBeLessThanOrEqual(320);
      }
    } finally {
      for (const record of [`/api/v1/measures/${measure.id}`, `/api/v1/goals/${goal.id}`, `/api/v1/group-criteria/${criterion.id}`]) {
        const current = await page.request.get(record, { headers });
        await page.request.delete(record, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
      }
    }
  });
}

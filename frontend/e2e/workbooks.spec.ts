import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

/** The API as the logged-in user, for what the test needs but does not test: a deadline. */
async function apiOf(page: Page) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers = { Authorization: `Bearer ${token}` };
  return {
    get: async (path: string) => {
      const response = await page.request.get(path, { headers });
      expect(response.status(), path).toBe(200);
      return response.json();
    },
    post: async (path: string, data: Record<string, unknown>) => {
      const response = await page.request.post(path, { headers, data });
      expect(response.status(), path).toBe(201);
      return response.json();
    },
  };
}

test("a workbook version follows its template, is refused at the section when too long, and is delivered on time", async ({
  page,
}) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const api = await apiOf(page);
  const stamp = Date.now();
  const project = (await api.get(`/api/v1/projects?programme_id=${programme}&limit=1`)).items[0];
  const people = (await api.get(`/api/v1/people?programme_id=${programme}&limit=2`)).items;
  const deadlineTitle = `Endelig innspill ${stamp}`;
  const deadline = await api.post("/api/v1/deadlines", {
    programme_id: programme,
    project_id: project.id,
    title: deadlineTitle,
    due_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    responsible_person_id: people[0].id,
    recipient_id: people[1].id,
  });

  // The template: one section of at most 200 characters.
  const templateTitle = `Mal for innspill ${stamp}`;
  await page.goto(`/p/${programme}/templates`);
  await expect(page.getByRole("heading", { level: 1, name: "Maler" })).toBeVisible();
  await page.getByRole("button", { name: "Ny mal" }).click();
  await page.getByLabel("Tittel", { exact: true }).fill(templateTitle);
  await page.getByLabel("Overskrift").fill("Organisasjons- og ledernivåer");
  await page.getByLabel(/^Nøkkel/).fill("organisering");
  await page.getByLabel(/^Største lengde/).fill("200");
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.getByRole("button", { name: "Lagre malen" }).click();
  await expect(page.getByRole("status")).toContainText("Malen er lagret.");
  await expect(page.getByRole("heading", { level: 2, name: templateTitle })).toBeVisible();
  await expectAccessible(page);

  // The submission, from the project page.
  await page.goto(`/p/${programme}/projects/${project.id}`);
  const section = page.getByRole("region", { name: "Arbeidsbok/innspill" });
  await section.getByRole("button", { name: "Nytt innspill" }).click();
  const submissionTitle = `Innspill ${stamp}`;
  await section.getByLabel("Tittel").fill(submissionTitle);
  await section.getByLabel("Mal").selectOption({ label: templateTitle });
  await section.getByRole("button", { name: "Opprett innspill" }).click();
  await expect(page.getByRole("heading", { level: 1, name: submissionTitle })).toBeVisible();
  await expect(page).toHaveURL(/\/submissions\/[0-9a-f-]+$/);

  // Version 1: refused at the section while over 200 characters.
  await page.getByRole("button", { name: "Ny versjon" }).click();
  await page.getByLabel("Frist den svarer på").selectOption({ label: deadlineTitle });
  const text = page.getByRole("textbox", { name: "Organisasjons- og ledernivåer" });
  await text.fill("To ledernivåer under kommunalsjef. ".repeat(6).slice(0, 201));
  await expect(page.getByText("201 av 200 tegn")).toBeVisible();
  await page.getByRole("button", { name: "Opprett versjonen" }).click();
  await expect(page.getByText("«Organisasjons- og ledernivåer»: Teksten er 201 tegn; seksjonen tar høyst 200.")).toBeVisible();
  await expect(text).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await text.fill("To ledernivåer under kommunalsjef, med enhetsledere for hver tjeneste.");
  await page.getByRole("button", { name: "Opprett versjonen" }).click();
  await expect(page.getByRole("status")).toContainText("Versjonen er lagret.");

  // Submitted after a confirmation; frozen, and on time.
  await page.getByRole("button", { name: "Send inn versjonen" }).click();
  await page.getByRole("button", { name: "Ja, send inn" }).click();
  await expect(page.getByRole("status")).toContainText("Versjon 1 er sendt inn.");
  await expect(page.getByText("Versjonen er sendt inn og kan ikke endres.")).toBeVisible();
  const row = page.getByRole("table", { name: "Versjoner" }).getByRole("row").nth(1);
  await expect(row.getByText("Sendt inn")).toBeVisible();
  await expect(row.getByText("I tide")).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // The deadline was met with it, on time.
  const met = await api.get(`/api/v1/deadlines/${deadline.id}`);
  expect([met.status, met.delivery, met.recipient_id]).toEqual(["submitted", "on_time", people[1].id]);
  await page.goto(`/p/${programme}/projects/${project.id}`);
  const listed = page.getByRole("region", { name: "Arbeidsbok/innspill" }).getByRole("listitem").filter({
    hasText: submissionTitle,
  });
  await expect(listed.getByText("I tide")).toBeVisible();
  await listed.getByRole("link", { name: submissionTitle }).click();
  await expect(page.getByRole("table", { name: "Versjoner" })).toBeVisible();
  await page.goBack();

  // At a phone's width, nothing is wider than the screen.
  await page.setViewportSize({ width: 320, height: 800 });
  await listed.getByRole("link", { name: submissionTitle }).click();
  await expect(page.getByRole("table", { name: "Versjoner" })).toBeVisible();
  await expectAccessible(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

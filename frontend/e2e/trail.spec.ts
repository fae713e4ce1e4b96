import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, login, opened, programmeId } from "./fixtures";

// A project's involvement plan kept by two people at once, and the trail of the demo's decisions.

async function apiOf(page: Page) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers = { Authorization: `Bearer ${token}` };
  return {
    headers,
    get: async (path: string) => {
      const response = await page.request.get(path, { headers });
      expect(response.status(), path).toBe(200);
      return response.json();
    },
    post: async (path: string, data: unknown) => {
      const response = await page.request.post(path, { headers, data });
      expect(response.status(), `${path}: ${await response.text()}`).toBe(201);
      return response.json();
    },
    /** Someone else's change, with the version they read. */
    patch: async (path: string, data: unknown) => {
      const current = await page.request.get(path, { headers });
      const response = await page.request.patch(path, {
        headers: { ...headers, "If-Match": current.headers()["etag"] },
        data,
      });
      expect(response.status(), path).toBe(200);
      return response.json();
    },
    remove: async (path: string) => {
      const current = await page.request.get(path, { headers });
      if (current.status() === 404) return;
      await page.request.delete(path, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
    },
  };
}

test("a planned involvement changed meanwhile by someone else is shown, not overwritten, and cancelled only with a reason", async ({
  page,
}) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const api = await apiOf(page);
  const project = (await api.get(`/api/v1/projects?programme_id=${programme}&sort=code&limit=1`)).items[0];
  const stamp = Date.now();
  const planned = await api.post("/api/v1/planned-involvements", {
    project_id: project.id,
    stakeholder_kind: "safety_representatives",
    form: "participation",
    planned_on: "2030-01-15",
    matter: `Verneombudene med i arbeidet med nye lokaler ${stamp}`,
  });
  const path = `/api/v1/planned-involvements/${planned.id}`;
  try {
    await page.goto(`/p/${programme}/projects/${project.id}/involvement-plan`);
    const entry = page.getByRole("article").filter({ hasText: planned.matter });
    await expect(entry.getByText("Planlagt", { exact: true })).toBeVisible();

    // The dialog opens on version 1; meanwhile someone moves the day.
    await entry.getByRole("button", { name: /Endre/ }).click();
    const dialog = page.getByRole("dialog", { name: "Endre planlagt medvirkning" });
    await opened(dialog);
    await api.patch(path, { planned_on: "2030-02-01" });
    await dialog.getByLabel("Om hva").fill(`Verneombudene med i arbeidet med nye lokaler og inventar ${stamp}`);
    await dialog.getByLabel("Planlagt dato").fill("2030-01-20");
    await dialog.getByRole("button", { name: "Lagre" }).click();
    const conflict = page.getByRole("dialog", { name: "Noen andre har endret dette" });
    await opened(conflict);
    const day = conflict.getByRole("group", { name: "Planlagt dato" });
    await expect(day.getByRole("radio", { name: /^Lagret nå: 1\. feb\. 2030/ })).toBeVisible();
    await day.getByRole("radio", { name: /^Lagret nå/ }).check();
    await expectAccessible(page);
    await conflict.getByRole("button", { name: "Lagre valgene" }).click();
    await expect(page.getByText(/Endringen av «Verneombudene med i arbeidet med nye lokaler og inventar/)).toBeVisible();
    const saved = await api.get(path);
    expect([saved.planned_on, saved.matter]).toEqual([
      "2030-02-01",
      `Verneombudene med i arbeidet med nye lokaler og inventar ${stamp}`,
    ]);

    const changed = page.getByRole("article").filter({ hasText: saved.matter });
    await changed.getByRole("button", { name: /Avlys/ }).click();
    const cancel = page.getByRole("dialog", { name: /^Avlys/ });
    await opened(cancel);
    await cancel.getByRole("button", { name: "Avlys medvirkningen" }).click();
    await expect(cancel.getByText("Skriv hvorfor medvirkningen avlyses.")).toBeVisible();
    expect((await api.get(path)).status).toBe("planned");
    await cancel.getByLabel(/Hvorfor den er avlyst/).fill("Lokalene utsettes til neste år");
    await cancel.getByRole("button", { name: "Avlys medvirkningen" }).click();
    await expect(cancel).toBeHidden();
    await expect(changed.getByText("Avlyst", { exact: true })).toBeVisible();
    await expect(changed).toContainText("Lokalene utsettes til neste år");
    await expect(changed.getByRole("button")).toHaveCount(0);
  } finally {
    await api.remove(path);
  }
});

test("the trail of the demo's decisions, and its picture", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const api = await apiOf(page);
  const decisions: { id: string; title: string }[] = (
    await api.get(`/api/v1/decisions?programme_id=${programme}&limit=100`)
  ).items;
  let best: { id: string; title: string; entries: number } | null = null;
  for (const d of decisions) {
    const trail = await api.get(`/api/v1/decisions/${d.id}/trail`);
    if (!best || trail.entries.length > best.entries) best = { id: d.id, title: d.title, entries: trail.entries.length };
  }
  // The demo's decisions with their consultation, hearing and employees' input.
  expect(best!.entries, "the demo has a decision with a trail").toBeGreaterThanOrEqual(3);
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.goto(`/p/${programme}/decisions/${best!.id}`);
  const section = page.getByRole("region", { name: "Medvirkningssporet" });
  await expect(section.getByRole("list", { name: "Medvirkningssporet, eldst først" }).getByRole("article")).toHaveCount(
    best!.entries,
  );
  await expectAccessible(page);
  // The trail from its heading down, as far as a tall screen reaches.
  await section.getByRole("heading", { level: 2 }).evaluate((heading) => heading.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: "../docs/screenshots/decision-trail.png" });
});

import { expect, test } from "@playwright/test";
import { expectAccessible, login, programmeId } from "./fixtures";

test("a phase closes only when its results are met or waived, and the next one starts", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const created = await page.request.post("/api/v1/projects", {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      programme_id: programme, code: `PG${Date.now() % 1_000_000}`, name: "Fasestyring (test)",
      phase_template: "reorganisation-five-phases",
    },
  });
  expect(created.status()).toBe(201);
  const project = await created.json();
  await page.goto(`/p/${programme}/projects/${project.id}`);
  const first = page.getByRole("article", { name: "Fase 1: Oppstart" });

  await first.getByRole("button", { name: "Avslutt fasen «Oppstart»" }).click();
  await expect(first.getByRole("alert")).toContainText("Mandat er utarbeidet");

  await first.getByRole("checkbox", { name: /^Arbeidet er forankret/ }).check();
  await first.getByRole("checkbox", { name: "Mandat er utarbeidet" }).check();
  await expect(first.getByText("2 av 3 er oppnådd")).toBeVisible();
  await first.getByRole("button", { name: "Frafall et forventet resultat …" }).click();
  await first.getByLabel("Begrunnelse").fill("Arbeidsplanen vedtas i styringsgruppen i fase 2");
  await first.getByRole("button", { name: "Frafall resultatet" }).click();
  await expect(first.getByText("Frafalt: Arbeidsplanen vedtas i styringsgruppen i fase 2")).toBeVisible();
  await expectAccessible(page);

  await first.getByRole("button", { name: "Avslutt fasen «Oppstart»" }).click();
  await expect(first.getByRole("button", { name: "Avslutt fasen «Oppstart»" })).toHaveCount(0);
  const second = page.getByRole("article", { name: "Fase 2: Utarbeide kunnskapsgrunnlag" });
  await expect(second).toContainText("Pågår");
});

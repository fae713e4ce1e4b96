import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";
import { fillMatrix } from "./deliveries-data";

test("the delivery matrix shows what is late or missing at a glance, and links to the workbook", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const cleanUp = await fillMatrix(page);
  try {
    await page.getByRole("link", { name: "Leveranser" }).click();
    await expect(page).toHaveURL(`/p/${programme}/deliveries`);
    const table = page.getByRole("table", { name: "Leveranser per område og versjon" });
    await expect(table).toBeVisible();
    await expect(table.getByText("Mangler").first()).toBeVisible();
    await expect(table.getByText(/For sent \(\d+ dager?\)/).first()).toBeVisible();
    await expectAccessible(page);
    await expectNoRawKeys(page);
    await page.screenshot({ path: "../docs/screenshots/delivery-matrix.png", fullPage: true });

    await page.getByRole("checkbox", { name: "Vis bare for sent eller mangler" }).check();
    const rows = table.getByRole("row");
    const count = await rows.count();
    for (let i = 1; i < count; i++) {
      await expect(rows.nth(i)).toContainText(/For sent|Mangler/);
    }
    await table.getByRole("link", { name: /versjon 2: For sent/ }).first().click();
    await expect(page).toHaveURL(new RegExp(`/p/${programme}/submissions/[0-9a-f-]+$`));
    await expect(page.getByRole("table", { name: "Versjoner" })).toBeVisible();
  } finally {
    await cleanUp();
  }
});

import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

test("register a document with an uploaded PDF, download it, and mark it exempt with its basis", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  await page.getByRole("link", { name: "Dokumenter" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/documents$`));
  await expect(page.getByRole("heading", { level: 1, name: "Dokumenter" })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  const title = `Høringsbrev om organisering ${Date.now()}`;
  await page.getByRole("button", { name: "Registrer dokument" }).click();
  const dialog = page.getByRole("dialog", { name: "Registrer dokument" });
  await opened(dialog);
  await dialog.getByLabel("Tittel").fill(title);
  await dialog.getByLabel("Type").selectOption("hearing_letter");
  await dialog.getByLabel("Dato").fill("2018-11-05");
  await dialog.getByLabel("Avsender (organ eller person)").fill("Rådmannen");
  await dialog.getByLabel("Fil", { exact: true }).setInputFiles({
    name: "Høringsbrev.pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Registrer" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Dokumentet «${title}» er registrert.`);

  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("Høringsbrev");
  await expect(row).toContainText("Rådmannen");
  await expect(row).toContainText("Offentlig");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("button", { name: `Last ned: ${title}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("Høringsbrev.pdf");
  expect(await readFile((await download.path())!)).toEqual(PDF);

  // Mark it exempt: the basis is asked for, and shown in the list.
  await row.getByRole("button", { name: `Endre: ${title}` }).click();
  const edit = page.getByRole("dialog", { name: "Endre dokument" });
  await opened(edit);
  await edit.getByRole("radio", { name: "Unntatt offentlighet" }).check();
  await edit.getByRole("button", { name: "Lagre" }).click();
  await expect(edit.getByText("Oppgi hjemmelen for unntaket, for eksempel offl. § 14.")).toBeVisible();
  await edit.getByLabel("Hjemmel for unntak").fill("offl. § 14");
  await expectAccessible(page);
  await edit.getByRole("button", { name: "Lagre" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("Unntatt offentlighet");
  await expect(row).toContainText("offl. § 14");

  // The filters find it, and not among the public ones.
  await page.getByRole("combobox", { name: "Offentlighet" }).selectOption("exempt");
  await expect(page).toHaveURL(/access=exempt/);
  await expect(page.getByRole("row").filter({ hasText: title })).toBeVisible();
  await page.getByRole("combobox", { name: "Offentlighet" }).selectOption("public");
  await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(0);
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // An observer sees the exempt document by its title and basis only, with no file to download.
  await page.evaluate(() => sessionStorage.clear());
  await login(page, "observer");
  await page.goto(`/p/${programmeId(page)}/documents`);
  const seen = page.getByRole("row").filter({ hasText: title });
  await expect(seen).toContainText("offl. § 14");
  await expect(seen).not.toContainText("Rådmannen");
  await expect(seen.getByRole("button", { name: `Last ned: ${title}` })).toHaveCount(0);
  await expect(seen.getByRole("button", { name: `Endre: ${title}` })).toHaveCount(0);
});

import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

test("a hearing collects two responses, both are handled, and the summary downloads as DOCX", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  await page.getByRole("link", { name: "Høringer", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/hearings$`));
  await expect(page.getByRole("heading", { level: 1, name: "Høringer" })).toBeVisible();
  await expectAccessible(page);

  const title = `Høring: Overordnet organisering ${Date.now()}`;
  await page.getByRole("button", { name: "Ny høring" }).click();
  const dialog = page.getByRole("dialog", { name: "Ny høring" });
  await opened(dialog);
  await dialog.getByLabel("Tittel").fill(title);
  await dialog.getByLabel("Hva høres").fill("Valg av organisasjonsmodell");
  await dialog.getByLabel("Høringsbrev").fill("Forslaget til overordnet organisering sendes på høring.");
  await dialog.getByLabel("Høringsfrist").fill("2018-11-30T12:00");
  await dialog.getByLabel("Part 1: navn").fill("Hovedtillitsvalgte");
  await dialog.getByLabel("Part 2: navn").fill("Partssammensatt utvalg");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Opprett høring" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Forslaget til overordnet organisering sendes på høring.")).toBeVisible();
  await expect(page.getByText("Hovedtillitsvalgte (Tillitsvalgte)")).toBeVisible();

  await page.getByRole("button", { name: "Send på høring" }).click();
  await expect(page.getByRole("button", { name: "Avslutt høringen" })).toBeVisible();

  const responses = [
    { from: "Kari Nordmann", party: "Hovedtillitsvalgte", text: "Vi ønsker færre ledernivåer.", at: "2018-11-28T10:00" },
    { from: "Ola Hansen", party: "Partssammensatt utvalg", text: "PSU slutter seg til modellen.", at: "2018-11-30T12:30" },
  ];
  for (const [n, r] of responses.entries()) {
    await page.getByRole("button", { name: "Registrer uttalelse" }).click();
    const register = page.getByRole("dialog", { name: "Registrer høringsuttalelse" });
    await opened(register);
    await register.getByLabel("Fra (navn)").fill(r.from);
    await register.getByLabel("Invitert part").selectOption({ label: r.party });
    await register.getByLabel("Uttalelse").fill(r.text);
    await register.getByLabel("Mottatt").fill(r.at);
    if (n === 0) {
      await register.getByLabel("Vedlegg (valgfritt)").setInputFiles({ name: "Uttalelse.pdf", mimeType: "application/pdf", buffer: PDF });
    }
    await expectAccessible(page);
    await register.getByRole("button", { name: "Registrer", exact: true }).click();
    await expect(register).toBeHidden();
    await expect(page.getByRole("status")).toContainText(`Uttalelsen fra ${r.from} er registrert.`);
  }
  const table = page.getByRole("table", { name: "Høringsuttalelser" });
  await expect(table.getByRole("row")).toHaveCount(3);
  // The second came in after the deadline.
  await expect(table.getByRole("row").filter({ hasText: "Ola Hansen" })).toContainText("Etter fristen");

  for (const [party, handling, comment] of [
    ["Hovedtillitsvalgte", "Delvis tatt til følge", "Ledernivåene beskrives i forslaget."],
    ["Partssammensatt utvalg", "Tatt til følge", ""],
  ]) {
    await table.getByRole("button", { name: `Behandle uttalelsen fra ${party}` }).click();
    const handle = page.getByRole("dialog", { name: `Behandling av uttalelsen fra ${party}` });
    await opened(handle);
    await handle.getByRole("radio", { name: handling, exact: true }).check();
    if (comment) await handle.getByLabel("Kommentar").fill(comment);
    await expectAccessible(page);
    await handle.getByRole("button", { name: "Lagre behandling" }).click();
    await expect(handle).toBeHidden();
    await expect(table.getByRole("row").filter({ hasText: party })).toContainText(handling);
  }

  const summary = page.getByRole("region", { name: "Sammenstilling" });
  await expect(summary).toContainText("2 uttalelser: 1 tatt til følge, 1 delvis, 0 ikke tatt til følge, 0 ikke behandlet.");
  await expect(summary.getByRole("heading", { name: "Hovedtillitsvalgte" })).toBeVisible();
  await expect(summary.getByRole("heading", { name: "Partssammensatt utvalg" })).toBeVisible();
  await expectNoRawKeys(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Last ned som Word (DOCX)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("sammenstilling.docx");
  const docx = await readFile((await download.path())!);
  // A DOCX is a ZIP holding word/document.xml; the API's tests read its text with python-docx.
  expect(docx.subarray(0, 2).toString()).toBe("PK");
  expect(docx.includes(Buffer.from("word/document.xml"))).toBe(true);

  await page.screenshot({ path: "../docs/screenshots/hearing.png", fullPage: true });

  await page.getByRole("button", { name: "Avslutt høringen" }).click();
  await expect(page.getByText("Avsluttet", { exact: true })).toBeVisible();
  await expectAccessible(page);
});

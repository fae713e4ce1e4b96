import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId } from "./fixtures";

// Nordre Follo's workbooks in the demo (backend/samskap/demo/nordre_follo_workbook.py): the seven
// service areas and staff units by versions 1, 2, 3 and the final input; «Digitalisering og
// kommunikasjon» sent version 2 late, «Kultur og frivillighet» never sent version 3 and the final
// input.
const AREAS = [
  "ST1 Økonomi",
  "ST2 Organisasjon og personal",
  "ST3 Digitalisering og kommunikasjon",
  "VO1 Oppvekst og utdanning",
  "VO2 Helse og velferd",
  "VO3 Samfunnsutvikling",
  "VO4 Kultur og frivillighet",
];

const row = (page: Page, area: string) =>
  page
    .getByRole("table", { name: "Leveranser per område og versjon" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: area, exact: true }) });

test("the demo's delivery matrix shows the late and the missing workbook versions at a glance, and links to the workbook", async ({
  page,
}) => {
  await login(page, "editor");
  const programme = programmeId(page);
  await page.getByRole("link", { name: "Leveranser" }).click();
  await expect(page).toHaveURL(`/p/${programme}/deliveries`);
  const table = page.getByRole("table", { name: "Leveranser per område og versjon" });
  await expect(table.getByRole("columnheader")).toHaveText([
    "Område",
    "Versjon 1",
    "Versjon 2",
    "Versjon 3",
    "Versjon endelig",
  ]);
  await expect(table.getByRole("rowheader")).toHaveText(AREAS);

  // 28 cells: one late, two missing, the rest on time.
  await expect(table.getByRole("link", { name: /: I tide\. Åpne arbeidsboken$/ })).toHaveCount(25);
  await expect(table.getByRole("link", { name: /: For sent/ })).toHaveCount(1);
  await expect(table.getByRole("link", { name: /: Mangler\./ })).toHaveCount(2);
  await expect(row(page, "ST3 Digitalisering og kommunikasjon").getByRole("cell")).toHaveText([
    /I tide$/,
    /For sent \(3 dager\)$/,
    /I tide$/,
    /I tide$/,
  ]);
  await expect(row(page, "VO4 Kultur og frivillighet").getByRole("cell")).toHaveText([
    /I tide$/,
    /I tide$/,
    /Mangler$/,
    /Mangler$/,
  ]);
  await expect(
    table.getByRole("link", { name: "ST3, versjon 2: For sent (3 dager). Åpne arbeidsboken" }),
  ).toBeVisible();
  await expect(table.getByRole("link", { name: "VO4, versjon endelig: Mangler. Åpne arbeidsboken" })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.mouse.move(0, 0); // no link left hovered in the picture
  await page.screenshot({ path: "../docs/screenshots/delivery-matrix.png", fullPage: true });

  // Only what needs attention: the two areas.
  await page.getByRole("checkbox", { name: "Vis bare for sent eller mangler" }).check();
  await expect(table.getByRole("rowheader")).toHaveText([
    "ST3 Digitalisering og kommunikasjon",
    "VO4 Kultur og frivillighet",
  ]);
  await expectAccessible(page);

  // The late cell opens the area's workbook: its versions, two compared, and the org chart.
  await table.getByRole("link", { name: /^ST3, versjon 2: For sent/ }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/submissions/[0-9a-f-]+$`));
  await expect(page.getByRole("heading", { level: 1, name: "Arbeidsbok: Digitalisering og kommunikasjon" })).toBeVisible();
  const versions = page.getByRole("table", { name: "Versjoner" });
  await expect(versions.getByRole("row")).toHaveCount(1 + 4);
  await expect(versions.getByRole("row").nth(1)).toContainText("I tide");
  await expect(versions.getByRole("row").nth(2)).toContainText("3 dager for sent");
  await expect(versions.getByRole("row").nth(2)).toContainText("8. okt. 2018");
  await expect(versions.getByRole("row").nth(4)).toContainText("Sendt inn");
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByRole("button", { name: "Åpne versjon endelig" }).click();
  const final = page.getByRole("region", { name: "Versjon endelig" });
  await expect(final).toContainText("Versjonen er sendt inn og kan ikke endres.");
  await expect(final.getByRole("heading", { level: 3 })).toHaveText([
    "Organisering og ledernivå",
    "Ansvar",
    "Møteplasser",
    "Annet",
    "Vedlegg",
  ]);
  await expect(final).toContainText("Servicetorgene på Ski rådhus og Kolbotn blir én avdeling");
  const chart = final.getByRole("link", { name: "Organisasjonskart Digitalisering og kommunikasjon endelig.pdf" });
  const [download] = await Promise.all([page.waitForEvent("download"), chart.click()]);
  expect(download.suggestedFilename()).toBe("Organisasjonskart Digitalisering og kommunikasjon endelig.pdf");
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
  await expectAccessible(page);

  // Version 1 against the final input: what the area added after the first gathering.
  const compare = page.getByRole("region", { name: "Sammenlign versjoner" });
  await compare.getByLabel("Fra versjon").selectOption({ label: "1" });
  await compare.getByLabel("Til versjon").selectOption({ label: "endelig" });
  const changes = compare.getByRole("listitem");
  await expect(changes).toHaveCount(4);
  await expect(changes.nth(0)).toContainText("Endret");
  await expect(changes.nth(0)).toContainText("+Digital utvikling får ansvar for porteføljen");
  await expect(changes.nth(1)).toContainText("Lagt til");
  await expect(changes.nth(3)).toContainText("-Svar på oppgave 2b: gruppens stabsleder er Nina Fossum.");
  await expectAccessible(page);
  // The demo's workbook of one area: four versions, one late, and what changed between two.
  await page.screenshot({ path: "../docs/screenshots/workbook.png", fullPage: true });
});

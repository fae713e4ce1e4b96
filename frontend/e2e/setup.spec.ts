import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, expectNoRawKeys } from "./fixtures";

// A system administrator sets up a merger programme entirely in the app (issue 14): three
// municipalities from the official list, the merger template's eight projects with their
// boards, people seated on a board, a role given to a user, and then the compliance report's
// findings on the boards that are not yet complete. The role is removed at the end, so that the
// user keeps the one programme the other specs expect.

const USER = { email: "programleder@kristiansand.example", name: "Vegard Åsland" };

async function signInAsAdmin(page: Page) {
  await page.goto("/login");
  await page.getByLabel("E-postadresse").fill(ACCOUNTS.admin.email);
  await page.getByLabel("Passord").fill(ACCOUNTS.admin.password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Programmer" })).toBeVisible();
}

async function addMunicipality(page: Page, search: string, name: string, number: string) {
  await page.getByLabel("Søk etter kommune").fill(search);
  await page.getByRole("button", { name: new RegExp(`^Legg til ${name} \\(${number}\\)`) }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} (${number}) er lagt til.` })).toBeVisible();
}

async function addPerson(
  page: Page,
  person: { name: string; title: string; municipality: string; affiliation: string; union?: string },
) {
  await page.getByRole("button", { name: "Ny person" }).click();
  const form = page.getByRole("form", { name: "Ny person" });
  await form.getByLabel("Navn", { exact: true }).fill(person.name);
  await form.getByLabel("Stillingstittel").fill(person.title);
  await form.getByLabel("Kommune", { exact: true }).selectOption({ label: person.municipality });
  await form.getByLabel("Tilknytning").selectOption({ label: person.affiliation });
  if (person.union) await form.getByLabel("Fagforening").fill(person.union);
  await form.getByRole("button", { name: "Legg til person" }).click();
  await expect(page.getByRole("link", { name: person.name })).toBeVisible();
}

async function seat(page: Page, person: string, party: string, municipality: string) {
  const form = page.getByRole("form", { name: "Legg til medlem" });
  await form.getByLabel("Person", { exact: true }).selectOption({ label: person });
  await form.getByLabel("Part", { exact: true }).selectOption({ label: party });
  await form.getByLabel("Kommune", { exact: true }).selectOption({ label: municipality });
  await form.getByRole("button", { name: "Legg til medlem" }).click();
  await expect(page.getByRole("cell", { name: person, exact: true })).toBeVisible();
}

test("a system administrator sets up a merger programme from the template in the app", async ({ page }) => {
  test.setTimeout(180_000);
  const name = `Nye Kristiansand ${Date.now()}`;
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Nytt program" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nytt program" })).toBeVisible();

  // The name is required: the form says so at the field and sends nothing.
  await page.getByRole("button", { name: "Opprett program" }).click();
  await expect(page.getByText("Skriv inn navnet på programmet.")).toBeVisible();

  await page.getByLabel("Navn på programmet").fill(name);
  await page.getByLabel("Eier", { exact: true }).fill("Fellesnemnda for nye Kristiansand");
  await page.getByLabel("Startdato").fill("2017-06-01");
  await page.getByLabel(/^Måldato/).fill("2020-01-01");
  // By name, by number, and a name with a letter of its own: each from the official list.
  await addMunicipality(page, "Kristiansand", "Kristiansand", "1001");
  await addMunicipality(page, "1017", "Songdalen", "1017");
  await addMunicipality(page, "Søgne", "Søgne", "1018");
  await expect(page.getByRole("list", { name: "Valgte kommuner" }).getByRole("listitem")).toHaveCount(3);
  await page.getByRole("radio", { name: "Mal for kommunesammenslåing" }).check();
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.screenshot({ path: "../docs/screenshots/programme-setup.png", fullPage: true });
  await page.getByRole("button", { name: "Opprett program" }).click();

  // The new programme opens: the template's eight projects.
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]+$/);
  const base = new URL(page.url()).pathname;
  for (const project of ["A1 Oppvekst og utdanning", "A2 Helse, omsorg og forvaltning", "A8 Administrasjon og ledelse"]) {
    await expect(page.getByRole("link", { name: project })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: /^A\d / })).toHaveCount(8);

  // People, from the programme's municipalities.
  await page.goto(`${base}/people`);
  await addPerson(page, { name: "Ragnhild Berge", title: "Direktør oppvekst", municipality: "Kristiansand", affiliation: "Ansatt" });
  await addPerson(page, { name: "Torunn Røyseland", title: "Kommunalsjef oppvekst", municipality: "Songdalen", affiliation: "Ansatt" });
  await addPerson(page, { name: "Anne Lise Try", title: "Kommunalsjef oppvekst", municipality: "Søgne", affiliation: "Ansatt" });
  await addPerson(page, {
    name: "Tove Ellefsen",
    title: "Hovedtillitsvalgt",
    municipality: "Kristiansand",
    affiliation: "Tillitsvalgt",
    union: "Utdanningsforbundet",
  });
  await expectAccessible(page);

  // The board of A1: a leader from each municipality and a union representative.
  await page.goto(base);
  await page.getByRole("link", { name: "A1 Oppvekst og utdanning" }).click();
  await page.getByRole("link", { name: "Prosjektstyre Oppvekst og utdanning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Prosjektstyre Oppvekst og utdanning" })).toBeVisible();
  await seat(page, "Ragnhild Berge", "Administrasjon", "Kristiansand");
  await seat(page, "Torunn Røyseland", "Administrasjon", "Songdalen");
  await seat(page, "Anne Lise Try", "Administrasjon", "Søgne");
  await seat(page, "Tove Ellefsen", "Arbeidstakere", "Kristiansand");

  // A role for a user, from the programme's settings.
  await page.goto(`${base}/settings`);
  await page.getByRole("link", { name: "Gi, endre og fjern roller" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Roller i programmet" })).toBeVisible();
  await page.getByLabel("Bruker", { exact: true }).selectOption({ label: `${USER.name} (${USER.email})` });
  await page.getByLabel("Rolle", { exact: true }).selectOption({ label: "Redaktør" });
  await page.getByRole("button", { name: "Gi rolle" }).click();
  await expect(page.getByText(`${USER.name} har fått rolle i programmet.`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(USER.email) });
  await expect(row).toBeVisible();
  await row.getByRole("combobox").selectOption({ label: "Programadministrator" });
  await expect(page.getByText("Rollen er endret.")).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // The compliance report: A1's board is complete, the other boards are empty, and the two
  // health projects have no NAV on theirs.
  await page.goto(`${base}/compliance`);
  await expect(page.getByRole("heading", { level: 1, name: "Etterlevelse" })).toBeVisible();
  await expect(page.getByText("Prosjektstyre Helse, omsorg og forvaltning: prosjektet berører NAV, men NAV er ikke med")).toBeVisible();
  await expect(page.getByText(/^Prosjektstyre Digitalisering: ingen leder fra/)).toBeVisible();
  await expect(page.getByText(/^Prosjektstyre Oppvekst og utdanning: ingen leder fra/)).toHaveCount(0);

  // The role is removed again, after asking.
  await page.goto(`${base}/access`);
  await page.getByRole("row", { name: new RegExp(USER.email) }).getByRole("button", { name: "Fjern rollen" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Fjern rollen" }).click();
  await expect(page.getByText(`Rollen til ${USER.name} (${USER.email}) er fjernet.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(USER.email) })).toHaveCount(0);
});

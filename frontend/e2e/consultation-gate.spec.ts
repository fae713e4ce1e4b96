import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./fixtures";

/** A day in Oslo as YYYY-MM-DD, `offset` days from today. */
function osloDay(offset = 0): string {
  const when = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Oslo" }).format(when);
}

// Hovedavtalen del B § 1-4: a decision that reorganises work is final only after a consultation
// meeting with the union representatives has a signed protocol. The whole way, in the app.
test("a reorganisation decision is refused until its consultation meeting has a signed protocol", async ({ page }) => {
  const stamp = Date.now();
  const title = `Felles vaktsentral for hjemmetjenestene ${stamp}`;
  const meetingTitle = `Drøftingsmøte om felles vaktsentral ${stamp}`;
  await login(page, "editor");

  await page.getByRole("navigation").getByRole("link", { name: "Vedtak" }).click();
  await page.getByRole("button", { name: "Nytt vedtak" }).click();
  const dialog = page.getByRole("dialog", { name: "Nytt vedtak" });
  await dialog.getByRole("textbox", { name: "Tittel" }).fill(title);
  await dialog.getByLabel("Vedtaksdato").fill(osloDay());
  await dialog.getByRole("combobox", { name: "Vedtatt av" }).selectOption({ label: "Fellesnemnda for Nordre Follo" });
  await dialog.getByRole("checkbox", { name: "Vedtaket endrer hvordan arbeidet er organisert" }).check();
  await dialog.getByRole("button", { name: "Lagre som utkast" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const decisionUrl = page.url();

  // Before any consultation: the button says what is missing, and pressing it changes nothing.
  const finalise = page.getByRole("button", { name: "Gjør endelig", exact: true });
  await expect(finalise).toHaveAttribute("aria-disabled", "true");
  await expect(finalise).toHaveAccessibleDescription(/ingen drøftingsmøte om saken er knyttet til vedtaket$/);
  // Still in the Tab order, with its reason: pressing it sends nothing.
  await finalise.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Utkast", { exact: true })).toBeVisible();
  await expectAccessible(page);

  // The consultation meeting, held yesterday with a chief union representative present.
  await page.getByRole("navigation").getByRole("link", { name: "Møter" }).click();
  await page.getByRole("button", { name: "Nytt møte" }).click();
  const meeting = page.getByRole("dialog", { name: "Nytt møte" });
  await meeting.getByLabel("Tittel").fill(meetingTitle);
  await meeting.getByLabel("Type").selectOption("consultation_meeting");
  await meeting.getByLabel("Starter (dato og klokkeslett, norsk tid)").fill(`${osloDay(-1)}T09:00`);
  await meeting.getByRole("button", { name: "Opprett møtet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: meetingTitle })).toBeVisible();

  const participants = page.getByRole("region", { name: "Deltakere" });
  await participants.getByLabel("Person å invitere").selectOption({ label: "Liv Tveiten (Hovedtillitsvalgt)" });
  await participants.getByRole("button", { name: "Inviter", exact: true }).click();
  await participants
    .getByRole("group", { name: "Oppmøte for Liv Tveiten" })
    .getByRole("radio", { name: "Til stede" })
    .check();
  await expect(participants.getByText("1 invitert: 1 til stede")).toBeVisible();

  const protocol = page.getByRole("region", { name: "Drøftingsprotokoll" });
  await protocol.getByLabel("Sak som ble drøftet").fill(title);
  const parties = protocol.getByRole("group", { name: "Parter til stede" });
  await parties.getByRole("checkbox", { name: "Arbeidstakere" }).check();
  await parties.getByRole("checkbox", { name: "Administrasjon" }).check();
  await protocol.getByRole("group", { name: "Ble partene enige?" }).getByRole("radio", { name: "Ja" }).check();
  await protocol.getByRole("button", { name: "Signer protokollen" }).click();
  await expect(protocol.getByText("Signert", { exact: true })).toBeVisible();

  // Linked to the decision, the same button now makes it final.
  await page.goto(decisionUrl);
  const select = page.getByRole("combobox", { name: "Drøftingsmøte" });
  const option = await select.locator("option", { hasText: meetingTitle }).getAttribute("value");
  await select.selectOption(option!);
  await page.getByRole("button", { name: "Lagre drøftingsmøtet" }).click();
  await expect(page.getByText("Drøfting i orden")).toBeVisible();
  await page.getByRole("button", { name: "Gjør endelig", exact: true }).click();
  await expect(page.getByText("Vedtaket er endelig.")).toBeVisible();
  await expect(page.getByText("Endelig", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: meetingTitle })).toHaveAttribute("href", /\/events\/[0-9a-f-]+$/);

  // Nothing is left to flag about this decision.
  await page.getByRole("navigation").getByRole("link", { name: "Etterlevelse" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /åpne funn/ })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
});

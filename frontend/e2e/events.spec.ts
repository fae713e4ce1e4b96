import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

const DEMO_MEETING = "Drøftingsmøte: organisering av Oppvekst og utdanning";

test("plan a consultation meeting, record a union representative present, and sign the protocol", async ({
  page,
}) => {
  await login(page, "editor");
  await page.getByRole("navigation").getByRole("link", { name: "Møter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Møter" })).toBeVisible();
  const list = page.getByRole("table", { name: "Møter, tidligste først" });
  const demo = list.getByRole("row").filter({ has: page.getByRole("link", { name: DEMO_MEETING }) });
  await expect(demo).toContainText("Drøftingsmøte");
  await expect(demo).toContainText("Signert");
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // Two days ago, so that the protocol is signed after the meeting.
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const title = `Drøftingsmøte om hjemmetjenestene ${Date.now()}`;
  await page.getByRole("button", { name: "Nytt møte" }).click();
  const dialog = page.getByRole("dialog", { name: "Nytt møte" });
  await opened(dialog);
  await dialog.getByLabel("Tittel").fill(title);
  await dialog.getByLabel("Type").selectOption("consultation_meeting");
  await dialog.getByLabel("Gruppe").selectOption({ label: "Drøftingsforum Nordre Follo" });
  await dialog.getByLabel("Starter (dato og klokkeslett, norsk tid)").fill(`${day}T09:00`);
  await expect(dialog.getByLabel("Slutter (dato og klokkeslett, norsk tid)")).toHaveValue(`${day}T11:00`);
  await dialog.getByLabel("Sted").fill("Ski rådhus, møterom Follo");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Opprett møtet" }).click();

  await expect(page).toHaveURL(/\/events\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Drøftingsforum Nordre Follo")).toBeVisible();

  const agenda = page.getByRole("region", { name: "Dagsorden" });
  await agenda.getByRole("button", { name: "Legg til punkt" }).click();
  await agenda.getByLabel("Klokkeslett").fill("09:00");
  await agenda.getByLabel("Punkt", { exact: true }).fill("Forslag til ny organisering av hjemmetjenestene");
  await agenda.getByLabel("Ansvarlig").fill("Kommunalsjef helse og velferd");
  await agenda.getByRole("button", { name: "Lagre punktet" }).click();
  await expect(agenda.getByRole("row", { name: /Forslag til ny organisering/ })).toContainText("09:00");
  await expect(agenda.getByRole("row", { name: /Forslag til ny organisering/ })).toContainText("Kommunalsjef");

  const participants = page.getByRole("region", { name: "Deltakere" });
  await participants.getByLabel("Person å invitere").selectOption({ label: "Liv Tveiten (Hovedtillitsvalgt)" });
  await participants.getByRole("button", { name: "Inviter", exact: true }).click();
  const liv = participants.getByRole("row").filter({ hasText: "Liv Tveiten" });
  await expect(liv).toContainText("Tillitsvalgt");
  await liv.getByRole("group", { name: "Oppmøte for Liv Tveiten" }).getByRole("radio", { name: "Til stede" }).check();
  await expect(participants.getByRole("status")).toHaveText("Oppmøte for Liv Tveiten: Til stede.");
  await expect(participants.getByText("1 invitert: 1 til stede")).toBeVisible();

  const protocol = page.getByRole("region", { name: "Drøftingsprotokoll" });
  await expect(protocol.getByText("Ikke signert")).toBeVisible();
  await protocol.getByLabel("Sak som ble drøftet").fill("Sammenslåing av hjemmetjenestene i Ski og Oppegård");
  const parties = protocol.getByRole("group", { name: "Parter til stede" });
  await parties.getByRole("checkbox", { name: "Arbeidstakere" }).check();
  await parties.getByRole("checkbox", { name: "Administrasjon" }).check();
  await protocol.getByRole("group", { name: "Ble partene enige?" }).getByRole("radio", { name: "Ja" }).check();
  await protocol.getByRole("button", { name: "Legg til et syn" }).click();
  const view = protocol.getByRole("group", { name: "Syn 1" });
  await expect(view.getByLabel("Part")).toHaveValue("employees");
  await view.getByLabel("Syn", { exact: true }).fill("Enige i to soner; ber om en plan for innplassering.");
  await expectAccessible(page);
  await protocol.getByRole("button", { name: "Signer protokollen" }).click();
  await expect(protocol.getByText("Signert", { exact: true })).toBeVisible();
  await expect(protocol.getByRole("button", { name: "Trekk tilbake signaturen" })).toBeVisible();

  // Saved, not just shown: a reload reads it back from the API.
  await page.reload();
  const reloaded = page.getByRole("region", { name: "Drøftingsprotokoll" });
  await expect(reloaded.getByText("Signert", { exact: true })).toBeVisible();
  await expect(reloaded.getByText("Ikke signert")).toHaveCount(0);
  await expect(reloaded.getByText("Sammenslåing av hjemmetjenestene i Ski og Oppegård")).toBeVisible();
  await page.screenshot({ path: "../docs/screenshots/consultation-meeting.png", fullPage: true });
  await expect(reloaded.getByText("Administrasjon, Arbeidstakere")).toBeVisible();
  await expect(
    page.getByRole("group", { name: "Oppmøte for Liv Tveiten" }).getByRole("radio", { name: "Til stede" }),
  ).toBeChecked();
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.screenshot({ path: "/tmp/event-page.png", fullPage: true });

  await page.getByRole("link", { name: "Alle møter" }).click();
  const row = page
    .getByRole("table", { name: "Møter, tidligste først" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: title }) });
  await expect(row).toContainText("Drøftingsmøte");
  await expect(row).toContainText("Signert");
  await expect(row).toContainText("Drøftingsforum Nordre Follo");
});

for (const [locale, heading, caption, protocolHeading] of [
  ["nn", "Møte", "Møte, tidlegaste først", "Drøftingsprotokoll"],
  ["en", "Meetings", "Meetings, earliest first", "Consultation protocol"],
] as const) {
  test(`the meetings list and a meeting's page in ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.goto("/login");
    const form = page.locator("form");
    await form.locator('input[type="email"]').fill(ACCOUNTS.editor.email);
    await form.locator('input[type="password"]').fill(ACCOUNTS.editor.password);
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/p\/[0-9a-f-]+$/);
    await page.getByRole("navigation").getByRole("link", { name: heading, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
    await expect(page.getByRole("table", { name: caption })).toBeVisible();
    await expectNoRawKeys(page);
    await expectAccessible(page);

    await page.getByRole("link", { name: DEMO_MEETING }).click();
    await expect(page.getByRole("heading", { level: 1, name: DEMO_MEETING })).toBeVisible();
    await expect(page.getByRole("region", { name: protocolHeading })).toBeVisible();
    await expectNoRawKeys(page);
    await expectAccessible(page);
  });
}

test("a meeting of a group invites the group's members in one step", async ({ page }) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers = { Authorization: `Bearer ${token}` };
  const groups = await page.request.get("/api/v1/groups", {
    headers,
    params: { programme_id: programme, q: "Drøftingsforum Nordre Follo" },
  });
  const [forum] = (await groups.json()).items;
  const members = await page.request.get(`/api/v1/groups/${forum.id}/members`, { headers, params: { limit: 500 } });
  const seated = new Set((await members.json()).items.map((m: { person_id: string }) => m.person_id)).size;
  const created = await page.request.post("/api/v1/events", {
    headers,
    data: {
      programme_id: programme,
      group_id: forum.id,
      title: `Møte i drøftingsforumet ${Date.now()}`,
      kind: "meeting",
      starts_at: "2026-12-02T09:00:00+01:00",
      ends_at: "2026-12-02T11:00:00+01:00",
    },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/p/${programme}/events/${(await created.json()).id}`);

  const participants = page.getByRole("region", { name: "Deltakere" });
  await participants.getByRole("button", { name: "Inviter gruppens medlemmer" }).click();
  await expect(participants.getByRole("status")).toHaveText(`${seated} av gruppens medlemmer er invitert.`);
  await expect(participants.getByRole("table").getByRole("row")).toHaveCount(1 + seated);
  await page.reload();
  await expect(page.getByRole("region", { name: "Deltakere" }).getByRole("table").getByRole("row")).toHaveCount(
    1 + seated,
  );
});

/** The API as the logged-in user, for making and removing what a test needs. */
async function apiOf(page: Page) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers = { Authorization: `Bearer ${token}` };
  const remove = async (path: string) => {
    const current = await page.request.get(path, { headers });
    if (current.ok()) await page.request.delete(path, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
  };
  return { headers, remove };
}

/** A gathering of the demo programme with a programme of two items, some weeks ago. */
async function makeGathering(page: Page, headers: Record<string, string>, programme: string) {
  const created = await page.request.post("/api/v1/events", {
    headers,
    data: {
      programme_id: programme,
      // Short words, so that the heading wraps at 320 px.
      title: `Samling om helse ${Date.now() % 1_000_000}`,
      kind: "gathering",
      starts_at: "2026-11-05T08:30:00+01:00",
      ends_at: "2026-11-05T15:00:00+01:00",
      location: "Kolben, Kolbotn",
      agenda: [
        { time: "08:30", title: "Innledning", responsible: "Administrasjonssjef", room: "Sal 1 i Kolben" },
        {
          time: "10:00",
          title: "Oppgave 2b: målene for vårt område",
          responsible: "Kommunalsjef helse og velferd",
          room: "Grupperom rådhuset",
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as { id: string; title: string };
}

test("a gathering's programme and a task given at it, missing and then delivered late, on its page", async ({
  page,
}) => {
  await login(page, "editor");
  const programme = programmeId(page);
  const { headers, remove } = await apiOf(page);
  const gathering = await makeGathering(page, headers, programme);
  const task = `Svar på oppgave 2b ${Date.now()}`;
  try {
    await page.goto(`/p/${programme}/events/${gathering.id}`);
    await expect(page.getByRole("heading", { level: 1, name: gathering.title })).toBeVisible();
    // The programme: time, session, who leads and the room.
    const agenda = page.getByRole("region", { name: "Dagsorden" });
    const session = agenda.getByRole("row", { name: /Oppgave 2b/ });
    await expect(session).toContainText("10:00");
    await expect(session).toContainText("Kommunalsjef helse og velferd");
    await expect(session).toContainText("Grupperom rådhuset");
    const tasks = page.getByRole("region", { name: "Oppgaver gitt på samlingen" });
    await expect(tasks.getByText("Ingen oppgaver er gitt på denne samlingen ennå.")).toBeVisible();
    await expectAccessible(page);

    // A task given at the gathering, due two days ago at noon (Oslo) and not yet delivered.
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await tasks.getByRole("button", { name: "Ny oppgave med frist" }).click();
    const dialog = page.getByRole("dialog", { name: "Ny frist" });
    await opened(dialog);
    await expect(dialog.getByLabel("Gitt som oppgave på (samling eller møte)")).toHaveValue(gathering.id);
    await dialog.getByLabel("Hva skal leveres").fill(task);
    await dialog.getByLabel("Frist (dato og klokkeslett, norsk tid)").fill(`${day}T12:00`);
    await dialog.getByLabel("Ansvarlig person").selectOption({ label: "Kjetil Bråten" });
    await dialog.getByLabel("Sendes til").selectOption({ label: "Ingrid Haugland" });
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Legg til frist" }).click();
    await expect(dialog).toHaveCount(0);

    const row = tasks.getByRole("row", { name: new RegExp(task) });
    await expect(row).toContainText("12:00");
    await expect(row).toContainText("Kjetil Bråten");
    await expect(row).toContainText("Ingrid Haugland");
    await expect(row).toContainText("✕Mangler");
    await expectAccessible(page);
    await expectNoRawKeys(page);

    // The deadlines page, filtered to this gathering, marks it delivered: now, so late.
    await tasks.getByRole("link", { name: "Se oppgavene på fristsiden" }).click();
    await expect(page).toHaveURL(new RegExp(`/deadlines\\?event=${gathering.id}$`));
    await expect(page.getByLabel("Gitt på samling eller møte")).toHaveValue(gathering.id);
    const listed = page.getByRole("table").getByRole("row");
    await expect(listed).toHaveCount(2);
    await page.getByRole("button", { name: `Marker som levert: ${task}` }).click();
    await expect(page.getByRole("button", { name: `Marker som levert: ${task}` })).toHaveCount(0);

    await page.goto(`/p/${programme}/events/${gathering.id}`);
    const delivered = page.getByRole("region", { name: "Oppgaver gitt på samlingen" }).getByRole("row", {
      name: new RegExp(task),
    });
    await expect(delivered).toContainText(/!For sent \(\d dag(er)?\)/);
    await expectAccessible(page);
  } finally {
    const found = await page.request.get("/api/v1/deadlines", {
      headers,
      params: { programme_id: programme, event_id: gathering.id },
    });
    for (const d of (await found.json()).items as { id: string }[]) await remove(`/api/v1/deadlines/${d.id}`);
    await remove(`/api/v1/events/${gathering.id}`);
  }
});

// The tasks section in every language, on a phone's 320 px: the programme and a missing task.
for (const [locale, tasksHeading, missing] of [
  ["nb", "Oppgaver gitt på samlingen", "Mangler"],
  ["nn", "Oppgåver gitt på samlinga", "Manglar"],
  ["en", "Tasks given at this gathering", "Missing"],
] as const) {
  test(`a gathering's programme and tasks at 320 px in ${locale}`, async ({ page }) => {
    await login(page, "editor");
    const programme = programmeId(page);
    const { headers, remove } = await apiOf(page);
    const gathering = await makeGathering(page, headers, programme);
    const people = await page.request.get("/api/v1/people", {
      headers,
      params: { programme_id: programme, q: "Kjetil Bråten" },
    });
    const [person] = (await people.json()).items;
    const created = await page.request.post("/api/v1/deadlines", {
      headers,
      data: {
        programme_id: programme,
        title: "Svar på oppgave 2b",
        due_at: "2026-11-05T15:30:00+01:00",
        responsible_person_id: person.id,
        recipient_id: person.id,
        event_id: gathering.id,
      },
    });
    expect(created.status()).toBe(201);
    const deadline = await created.json();
    try {
      await page.setViewportSize({ width: 320, height: 720 });
      await page.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
      await page.goto(`/p/${programme}/events/${gathering.id}`);
      const tasks = page.getByRole("region", { name: tasksHeading });
      await expect(tasks.getByRole("row", { name: /Svar på oppgave 2b/ })).toContainText(missing);
      await expect(page.getByRole("row", { name: /Oppgave 2b: målene/ })).toContainText("Grupperom rådhuset");
      await expectAccessible(page);
      await expectNoRawKeys(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    } finally {
      await remove(`/api/v1/deadlines/${deadline.id}`);
      await remove(`/api/v1/events/${gathering.id}`);
    }
  });
}

import { expect, test, type Locator, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

// Scenario 3 of the brief (seed 002's workbook process), as a programme office carries it out in
// the demo's Nordre Follo programme: a gathering with its programme, the tasks given at it, a
// template for the final input, three service areas answering the task's deadline (one on time,
// one late, one not at all) seen in the delivery matrix, a final input held to the template, and
// a hearing of it with two handled responses whose summary downloads as a DOCX.
//
// Everything is done in the browser, except what the scenario takes as given and reads from the
// API: the areas (the demo's projects) and the people. What it made is removed at the end, so
// that other specs counting deadlines, deliveries or hearings are not disturbed.

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// A 1×1 PNG: the API checks a file's type from its content.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** An instant as a datetime-local field in Oslo time reads it: «2026-12-03T09:00». */
function osloLocal(instant: Date): string {
  const text = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Oslo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
  return text.replace(" ", "T");
}

/** The API as the logged-in user: for reading the given areas and people, checking what the
 * pages did, and removing what the story made. */
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
    /** Delete a record with its current ETag; gone already is fine. */
    remove: async (path: string) => {
      const current = await page.request.get(path, { headers });
      if (current.status() === 404) return;
      const response = await page.request.delete(path, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
      expect(response.status(), `DELETE ${path}`).toBe(204);
    },
  };
}

/** Fill in and send the new-deadline dialog: a submission due `when`, from the area's project. */
async function fillDeadline(dialog: Locator, title: string, when: Date, area: string, people: { responsible: string; recipient: string }) {
  await dialog.getByLabel("Hva skal leveres").fill(title);
  await dialog.getByLabel("Frist (dato og klokkeslett, norsk tid)").fill(osloLocal(when));
  await dialog.getByLabel("Type").selectOption("submission");
  await dialog.getByLabel("Ansvarlig person").selectOption({ label: people.responsible });
  await dialog.getByLabel("Sendes til").selectOption({ label: people.recipient });
  await dialog.getByLabel("Prosjekt").selectOption({ label: area });
  await dialog.getByRole("button", { name: "Legg til frist" }).click();
  await expect(dialog).toBeHidden();
}

/** The text of a DOCX as python-docx (the library that wrote it) reads it: its paragraphs and
 * its tables' rows. */
function readDocx(path: string): { paragraphs: string[]; rows: string[][] } {
  const script = [
    "import docx, json, sys",
    "d = docx.Document(sys.argv[1])",
    "rows = [[c.text for c in r.cells] for t in d.tables for r in t.rows]",
    "print(json.dumps({'paragraphs': [p.text for p in d.paragraphs], 'rows': rows}))",
  ].join("\n");
  return JSON.parse(execFileSync("../.venv/bin/python", ["-c", script, path], { encoding: "utf-8" }));
}

// An action that cannot happen (an option that is not there) fails in half a minute, not at the
// end of the whole story's time.
test.use({ actionTimeout: 30_000 });

test("scenario 3: a gathering's tasks answered by the areas' workbooks, late and missing at a glance, a final input held to its template and heard", async ({
  page,
}) => {
  test.slow();
  await login(page, "editor");
  const programme = programmeId(page);
  const api = await apiOf(page);
  const stamp = Date.now();
  const now = new Date();

  // Given: the service areas (the demo's projects VO1–VO3) and the people of the programme.
  const projects: { id: string; code: string; name: string }[] = (
    await api.get(`/api/v1/projects?programme_id=${programme}&sort=code&limit=100`)
  ).items;
  const areas = ["VO1", "VO2", "VO3"].map((code) => projects.find((p) => p.code === code)!);
  expect(areas.every(Boolean)).toBe(true);
  const people: { id: string; name: string }[] = (await api.get(`/api/v1/people?programme_id=${programme}&limit=2`)).items;
  const [responsible, recipient] = people;
  const names = { responsible: responsible.name, recipient: recipient.name };

  const made = { event: "", template: "", submissions: [] as string[], deadlines: [] as string[], hearing: "" };
  try {
    // 1. The gathering and its programme.
    const gathering = `Samling 2: Organisering av tjenesteområdene ${stamp}`;
    const held = new Date(now.getTime() - 9 * DAY);
    const day = osloLocal(held).slice(0, 10);
    await test.step("a gathering with its programme", async () => {
      await page.getByRole("navigation").getByRole("link", { name: "Møter" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Møter" })).toBeVisible();
      await page.getByRole("button", { name: "Nytt møte" }).click();
      const dialog = page.getByRole("dialog", { name: "Nytt møte" });
      await opened(dialog);
      await dialog.getByLabel("Tittel").fill(gathering);
      await dialog.getByLabel("Type").selectOption({ label: "Samling" });
      await dialog.getByLabel("Starter (dato og klokkeslett, norsk tid)").fill(`${day}T09:00`);
      await dialog.getByLabel("Slutter (dato og klokkeslett, norsk tid)").fill(`${day}T15:30`);
      await dialog.getByLabel("Sted").fill("Ski rådhus");
      await dialog.getByRole("button", { name: "Opprett møtet" }).click();
      await expect(page).toHaveURL(/\/events\/[0-9a-f-]+$/);
      made.event = /\/events\/([0-9a-f-]+)$/.exec(page.url())![1];
      await expect(page.getByRole("heading", { level: 1, name: gathering })).toBeVisible();

      const agenda = page.getByRole("region", { name: "Dagsorden", exact: true });
      const items = [
        ["09:00", "Velkommen og status i omstillingen", "Rådmann", "Kommunestyresalen"],
        ["10:00", "Oppgave 2b: organisering av tjenesteområdet", "Prosjektlederne", "Grupperom 1–4"],
        ["14:30", "Oppsummering og veien videre", "Programleder", "Kommunestyresalen"],
      ];
      for (const [time, title, lead, room] of items) {
        await agenda.getByRole("button", { name: "Legg til punkt" }).click();
        await agenda.getByLabel("Klokkeslett").fill(time);
        await agenda.getByLabel("Punkt", { exact: true }).fill(title);
        await agenda.getByLabel("Ansvarlig").fill(lead);
        await agenda.getByLabel("Rom").fill(room);
        await agenda.getByRole("button", { name: "Lagre punktet" }).click();
        await expect(agenda.getByRole("row", { name: new RegExp(title) })).toBeVisible();
      }
      // Saved, not just shown: the page read back from the API shows the programme in order.
      await page.reload();
      const rows = page.getByRole("region", { name: "Dagsorden", exact: true }).getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(1 + items.length);
      for (const [n, item] of items.entries()) {
        for (const text of item) await expect(rows.nth(n + 1)).toContainText(text);
      }
      await expectAccessible(page);
      await expectNoRawKeys(page);
    });

    // The task given at the gathering: each area's workbook version 2 by its deadline (one due
    // ahead, two already passed), and the final input of the first area.
    const due = {
      VO1: new Date(now.getTime() + 5 * DAY),
      VO2: new Date(now.getTime() - 2 * DAY - HOUR),
      VO3: new Date(now.getTime() - 1 * DAY),
    };
    const taskTitle = (code: string) => `Oppgave 2b: arbeidsbok versjon 2 fra ${code} ${stamp}`;
    const finalTitle = `Endelig innspill fra VO1 ${stamp}`;
    await test.step("the tasks given at the gathering, with their deadlines, on its page", async () => {
      // The task for each area, from the gathering's page (the dialog knows the gathering).
      const tasks = page.getByRole("region", { name: "Oppgaver gitt på samlingen", exact: true });
      await expect(tasks.getByText("Ingen oppgaver er gitt på denne samlingen ennå.")).toBeVisible();
      for (const area of areas) {
        await tasks.getByRole("button", { name: "Ny oppgave med frist" }).click();
        const dialog = page.getByRole("dialog", { name: "Ny frist" });
        await opened(dialog);
        await expect(dialog.getByLabel("Gitt som oppgave på (samling eller møte)")).toHaveValue(made.event);
        await fillDeadline(dialog, taskTitle(area.code), due[area.code as keyof typeof due], `${area.code} ${area.name}`, names);
      }
      const rows = tasks.getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(1 + areas.length);
      for (const area of areas) {
        const row = rows.filter({ hasText: taskTitle(area.code) });
        await expect(row).toContainText(responsible.name);
        await expect(row).toContainText(recipient.name);
      }
      await expectAccessible(page);
      await expectNoRawKeys(page);

      // The final input is not a task of the gathering: its deadline is added on the deadlines page.
      await page.getByRole("navigation").getByRole("link", { name: "Frister" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Frister" })).toBeVisible();
      await page.getByRole("button", { name: "Ny frist" }).click();
      const dialog = page.getByRole("dialog", { name: "Ny frist" });
      await opened(dialog);
      await expect(dialog.getByLabel("Gitt som oppgave på (samling eller møte)")).toHaveValue("");
      await fillDeadline(dialog, finalTitle, new Date(now.getTime() + 14 * DAY), `${areas[0].code} ${areas[0].name}`, names);
      await expect(page.getByRole("status")).toContainText(`Fristen «${finalTitle}» er lagt til.`);

      const found = await api.get(`/api/v1/deadlines?programme_id=${programme}&q=${stamp}&limit=10`);
      made.deadlines = found.items.map((d: { id: string }) => d.id);
      expect(made.deadlines).toHaveLength(4);
      const given = await api.get(`/api/v1/deadlines?programme_id=${programme}&event_id=${made.event}&limit=10`);
      expect(given.items.map((d: { title: string }) => d.title).sort()).toEqual(areas.map((a) => taskTitle(a.code)).sort());
    });

    // 2. The template for the final input.
    const templateTitle = `Mal for innspill ${stamp}`;
    const sections = [
      ["Organisasjons- og ledernivåer", "organisering", "300"],
      ["Ansvar og oppgaver", "ansvar", ""],
      ["Møteplasser", "moteplasser", ""],
    ];
    await test.step("a template with sections and a required attachment", async () => {
      await page.getByRole("navigation").getByRole("link", { name: "Maler" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Maler" })).toBeVisible();
      await page.getByRole("button", { name: "Ny mal" }).click();
      await page.getByLabel("Tittel", { exact: true }).fill(templateTitle);
      await page.getByLabel("Veiledning", { exact: true }).fill("Høyst to sider, og organisasjonskart som vedlegg.");
      for (const [n, [title, key, max]] of sections.entries()) {
        if (n > 0) await page.getByRole("button", { name: "Legg til seksjon" }).click();
        const fieldset = page.getByRole("group", { name: `Seksjon ${n + 1}` });
        await fieldset.getByLabel("Overskrift").fill(title);
        await fieldset.getByLabel(/^Nøkkel/).fill(key);
        if (max) await fieldset.getByLabel(/^Største lengde/).fill(max);
      }
      await page.getByRole("button", { name: "Legg til påkrevd vedlegg" }).click();
      const attachment = page.getByRole("group", { name: "Vedlegg 1" });
      await attachment.getByLabel("Hva vedlegget er").fill("Organisasjonskart");
      await attachment.getByLabel("Nøkkel").fill("org-kart");
      await expectAccessible(page);
      await page.getByRole("button", { name: "Lagre malen" }).click();
      await expect(page.getByRole("status")).toContainText("Malen er lagret.");
      const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: templateTitle }) });
      await expect(card).toContainText("3 seksjoner: Organisasjons- og ledernivåer, Ansvar og oppgaver, Møteplasser");
      const templates = await api.get(`/api/v1/templates?programme_id=${programme}&limit=200`);
      made.template = templates.items.find((t: { title: string }) => t.title === templateTitle).id;
    });

    // 3. The areas' workbooks. Each is made from the area's project page and its version 2
    // answers the task's deadline; an area that submits attaches its draft org chart (the
    // template requires one with every version submitted).
    const workbook = async (area: { id: string; code: string }) => {
      await page.goto(`/p/${programme}/projects/${area.id}`);
      const section = page.getByRole("region", { name: "Arbeidsbok/innspill" });
      await section.getByRole("button", { name: "Nytt innspill" }).click();
      const title = `Arbeidsbok ${area.code} ${stamp}`;
      await section.getByLabel("Tittel").fill(title);
      await section.getByLabel("Mal").selectOption({ label: templateTitle });
      await section.getByRole("button", { name: "Opprett innspill" }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      made.submissions.push(/\/submissions\/([0-9a-f-]+)$/.exec(page.url())![1]);
    };
    const draft = async (label: string, deadline: string, texts: Record<string, string>) => {
      await page.getByRole("button", { name: "Ny versjon" }).click();
      await page.getByLabel("Versjonsnavn, som 1, 2, 3 eller endelig").fill(label);
      await page.getByLabel("Frist den svarer på").selectOption({ label: deadline });
      for (const [title, text] of Object.entries(texts)) {
        await page.getByRole("textbox", { name: title, exact: true }).fill(text);
      }
    };
    const upload = async (name: string) => {
      await page.getByLabel("Last opp et vedlegg").setInputFiles({ name, mimeType: "image/png", buffer: PNG });
      await expect(page.getByRole("progressbar", { name: `Laster opp ${name}` })).toHaveAttribute("value", "1");
      await expect(page.getByText(`«${name}» er lastet opp og lagt ved som Organisasjonskart.`)).toBeVisible();
      await expect(page.getByRole("checkbox", { name })).toBeChecked();
    };
    const submit = async (label: string) => {
      await page.getByRole("button", { name: "Send inn versjonen" }).click();
      await page.getByRole("button", { name: "Ja, send inn" }).click();
      await expect(page.getByRole("status")).toContainText(`Versjon ${label} er sendt inn.`);
      await expect(page.getByText("Versjonen er sendt inn og kan ikke endres.")).toBeVisible();
    };
    const versionRow = (label: string) =>
      page
        .getByRole("table", { name: "Versjoner" })
        .getByRole("row")
        .filter({ has: page.getByRole("button", { name: `Åpne versjon ${label}` }) });

    await test.step("three areas answer the task: on time, late, and not at all", async () => {
      const [vo1, vo2, vo3] = areas;
      // VO1 submits before its deadline.
      await workbook(vo1);
      await draft("2", taskTitle("VO1"), { "Organisasjons- og ledernivåer": "Fire enheter med hver sin enhetsleder." });
      await upload(`Organisasjonskart VO1 utkast ${stamp}.png`);
      await page.getByRole("button", { name: "Opprett versjonen" }).click();
      await expect(page.getByRole("status")).toContainText("Versjonen er lagret.");
      await submit("2");
      await expect(versionRow("2")).toContainText("I tide");

      // VO2 submits now, two days after its deadline passed.
      await workbook(vo2);
      await draft("2", taskTitle("VO2"), { "Organisasjons- og ledernivåer": "Tre soner, hver med en leder." });
      await upload(`Organisasjonskart VO2 utkast ${stamp}.png`);
      await page.getByRole("button", { name: "Opprett versjonen" }).click();
      await expect(page.getByRole("status")).toContainText("Versjonen er lagret.");
      await submit("2");
      await expect(versionRow("2")).toContainText("2 dager for sent");

      // VO3 starts its version but never submits it; its deadline passed yesterday.
      await workbook(vo3);
      await draft("2", taskTitle("VO3"), { "Organisasjons- og ledernivåer": "Under arbeid." });
      await page.getByRole("button", { name: "Opprett versjonen" }).click();
      await expect(page.getByRole("status")).toContainText("Versjonen er lagret.");
      await expect(versionRow("2")).toContainText("Utkast");
      await expect(versionRow("2")).toContainText("Mangler");
    });

    await test.step("the gathering's page shows how each task was delivered", async () => {
      await page.goto(`/p/${programme}/events/${made.event}`);
      const tasks = page.getByRole("region", { name: "Oppgaver gitt på samlingen", exact: true }).getByRole("table").getByRole("row");
      await expect(tasks.filter({ hasText: taskTitle("VO1") })).toContainText("I tide");
      await expect(tasks.filter({ hasText: taskTitle("VO2") })).toContainText("For sent (2 dager)");
      await expect(tasks.filter({ hasText: taskTitle("VO3") })).toContainText("Mangler");
    });

    // The demo's own workbooks of these areas («Arbeidsbok: Oppvekst og utdanning», …) answer
    // the same version labels; where two submissions of an area answer one label the matrix shows
    // the first by title, and «Arbeidsbok VO1 …» sorts before «Arbeidsbok: …», so the cells
    // checked here are this story's.
    await test.step("the delivery matrix shows on time, late and missing at a glance, and filters", async () => {
      await page.getByRole("navigation").getByRole("link", { name: "Leveranser" }).click();
      const table = page.getByRole("table", { name: "Leveranser per område og versjon" });
      const row = (code: string) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${code} `) }) });
      await expect(row("VO1").getByRole("link", { name: "VO1, versjon 2: I tide. Åpne arbeidsboken" })).toBeVisible();
      await expect(row("VO2").getByRole("link", { name: "VO2, versjon 2: For sent (2 dager). Åpne arbeidsboken" })).toBeVisible();
      await expect(row("VO3").getByRole("link", { name: "VO3, versjon 2: Mangler. Åpne arbeidsboken" })).toBeVisible();
      await expectAccessible(page);
      await expectNoRawKeys(page);

      await page.getByRole("checkbox", { name: "Vis bare for sent eller mangler" }).check();
      await expect(row("VO1")).toHaveCount(0);
      await expect(row("VO2")).toContainText("For sent (2 dager)");
      await expect(row("VO3")).toContainText("Mangler");
      const rows = table.getByRole("row");
      for (let i = 1; i < (await rows.count()); i++) await expect(rows.nth(i)).toContainText(/For sent|Mangler/);
      await page.getByRole("checkbox", { name: "Vis bare for sent eller mangler" }).uncheck();
      await expect(row("VO1")).toHaveCount(1);
    });

    // 4. VO1's final input, held to the template.
    const tooLong = "To ledernivåer under kommunalsjef, med enhetsledere for hver tjeneste. ".repeat(5);
    const finalText = "To ledernivåer under kommunalsjef, med enhetsledere for hver tjeneste og fagledere i de største enhetene.";
    let finalVersion = "";
    await test.step("the final input: too long is refused at the field, then submitted with its org chart and frozen", async () => {
      await page.goto(`/p/${programme}/submissions/${made.submissions[0]}`);
      await draft("endelig", finalTitle, {
        "Organisasjons- og ledernivåer": tooLong,
        "Ansvar og oppgaver": "Enhetslederne har personal-, fag- og budsjettansvar.",
        "Møteplasser": "Ledermøte hver uke; personalmøte i hver enhet hver måned.",
      });
      const field = page.getByRole("textbox", { name: "Organisasjons- og ledernivåer", exact: true });
      await expect(page.getByText(`${tooLong.length} av 300 tegn`)).toBeVisible();
      await page.getByRole("button", { name: "Opprett versjonen" }).click();
      const message = `«Organisasjons- og ledernivåer»: Teksten er ${tooLong.length} tegn; seksjonen tar høyst 300.`;
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      await expect(page.getByRole("alert")).toHaveCount(0);
      await expectAccessible(page);
      // Nothing was saved: the workbook still has only version 2.
      const stored = await api.get(`/api/v1/submission-versions?submission_id=${made.submissions[0]}`);
      expect(stored.items.map((v: { label: string }) => v.label)).toEqual(["2"]);
      await expect(page.getByRole("table", { name: "Versjoner" }).getByRole("row")).toHaveCount(2);

      await field.fill(finalText);
      await expect(field).not.toHaveAttribute("aria-invalid", "true");
      await upload(`Organisasjonskart VO1 endelig ${stamp}.png`);
      await page.getByRole("button", { name: "Opprett versjonen" }).click();
      await expect(page.getByRole("status")).toContainText("Versjonen er lagret.");
      await submit("endelig");
      await expect(versionRow("endelig")).toContainText("Sendt inn");
      await expect(versionRow("endelig")).toContainText("I tide");
      // Frozen: the page offers no editing, and the API refuses a change.
      await expect(page.getByRole("button", { name: "Lagre versjonen" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Send inn versjonen" })).toHaveCount(0);
      await expect(page.getByRole("textbox", { name: "Organisasjons- og ledernivåer" })).toHaveCount(0);
      await expect(page.getByRole("link", { name: `Organisasjonskart VO1 endelig ${stamp}.png` })).toBeVisible();
      await expectAccessible(page);
      await expectNoRawKeys(page);
      const versions = await api.get(`/api/v1/submission-versions?submission_id=${made.submissions[0]}`);
      const final = versions.items.find((v: { label: string }) => v.label === "endelig");
      finalVersion = final.id;
      expect(final.sections.organisering).toBe(finalText);
      expect(final.files.map((f: { attachment_key: string }) => f.attachment_key)).toEqual(["org-kart"]);
      const change = await page.request.patch(`/api/v1/submission-versions/${final.id}`, {
        headers: { ...api.headers, "If-Match": `"${final.version}"` },
        data: { sections: { organisering: "Endret etter innsending." } },
      });
      expect(change.status()).toBe(409);
      expect((await change.json()).errors.map((e: { code: string }) => e.code)).toEqual(["version_frozen"]);
    });
    expect(finalVersion).not.toBe("");

    // 5. The hearing of the final input.
    const hearingTitle = `Høring: endelig innspill fra Oppvekst og utdanning ${stamp}`;
    const responses = [
      {
        from: "Kari Nordmann",
        party: "Hovedtillitsvalgte",
        text: "Vi støtter to ledernivåer, men ber om at fagledernes ansvar beskrives.",
        handling: "Delvis tatt til følge",
        comment: "Fagledernes ansvar beskrives i delegeringsreglementet.",
      },
      {
        from: "Ola Hansen",
        party: "Partssammensatt utvalg",
        text: "PSU slutter seg til innspillet.",
        handling: "Tatt til følge",
        comment: "",
      },
    ];
    await test.step("a hearing of the final input collects two responses, both handled", async () => {
      // Sent from the submitted version on the workbook page: the new-hearing dialog knows what it hears.
      await page.goto(`/p/${programme}/submissions/${made.submissions[0]}`);
      await page.getByRole("button", { name: "Åpne versjon endelig" }).click();
      await page.getByRole("link", { name: "Send versjon endelig på høring" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Høringer" })).toBeVisible();
      const dialog = page.getByRole("dialog", { name: "Ny høring" });
      await opened(dialog);
      const heard = `«Arbeidsbok VO1 ${stamp}», versjon endelig`;
      await expect(dialog.getByRole("link", { name: heard })).toBeVisible();
      await expectAccessible(page);
      await dialog.getByLabel("Tittel").fill(hearingTitle);
      await dialog.getByLabel("Hva høres").fill("Endelig innspill fra VO1 Oppvekst og utdanning");
      await dialog.getByLabel("Høringsbrev").fill("Det endelige innspillet om organisering sendes på høring til de tillitsvalgte og PSU.");
      await dialog.getByLabel("Høringsfrist").fill(osloLocal(new Date(now.getTime() + 14 * DAY)));
      await dialog.getByLabel("Part 1: type").selectOption("union_representatives");
      await dialog.getByLabel("Part 1: navn").fill("Hovedtillitsvalgte");
      await dialog.getByLabel("Part 2: type").selectOption("joint_consultative_committee");
      await dialog.getByLabel("Part 2: navn").fill("Partssammensatt utvalg");
      await dialog.getByRole("button", { name: "Opprett høring" }).click();
      await expect(page.getByRole("heading", { level: 1, name: hearingTitle })).toBeVisible();
      made.hearing = /\/hearings\/([0-9a-f-]+)$/.exec(page.url())![1];
      await expect(page.getByRole("link", { name: heard })).toHaveAttribute(
        "href",
        `/p/${programme}/submissions/${made.submissions[0]}`,
      );
      expect((await api.get(`/api/v1/hearings/${made.hearing}`)).submission_version_id).toBe(finalVersion);
      await expect(page.getByText("Hovedtillitsvalgte (Tillitsvalgte)")).toBeVisible();
      await page.getByRole("button", { name: "Send på høring" }).click();
      await expect(page.getByRole("button", { name: "Avslutt høringen" })).toBeVisible();

      for (const [n, r] of responses.entries()) {
        await page.getByRole("button", { name: "Registrer uttalelse" }).click();
        const register = page.getByRole("dialog", { name: "Registrer høringsuttalelse" });
        await opened(register);
        await register.getByLabel("Fra (navn)").fill(r.from);
        await register.getByLabel("Invitert part").selectOption({ label: r.party });
        await register.getByLabel("Uttalelse").fill(r.text);
        await register.getByLabel("Mottatt").fill(osloLocal(new Date(now.getTime() - (2 - n) * HOUR)));
        await register.getByRole("button", { name: "Registrer", exact: true }).click();
        await expect(register).toBeHidden();
        await expect(page.getByRole("status")).toContainText(`Uttalelsen fra ${r.from} er registrert.`);
      }
      const table = page.getByRole("table", { name: "Høringsuttalelser" });
      await expect(table.getByRole("row")).toHaveCount(3);
      for (const r of responses) {
        await table.getByRole("button", { name: `Behandle uttalelsen fra ${r.party}` }).click();
        const handle = page.getByRole("dialog", { name: `Behandling av uttalelsen fra ${r.party}` });
        await opened(handle);
        await handle.getByRole("radio", { name: r.handling, exact: true }).check();
        if (r.comment) await handle.getByLabel("Kommentar").fill(r.comment);
        await handle.getByRole("button", { name: "Lagre behandling" }).click();
        await expect(handle).toBeHidden();
        await expect(table.getByRole("row").filter({ hasText: r.party })).toContainText(r.handling);
      }
      const summary = page.getByRole("region", { name: "Sammenstilling" });
      await expect(summary).toContainText("2 uttalelser: 1 tatt til følge, 1 delvis, 0 ikke tatt til følge, 0 ikke behandlet.");
      await expectAccessible(page);
      await expectNoRawKeys(page);
    });

    await test.step("the summary downloads as a DOCX that python-docx reads back with both responses and their handling", async () => {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Last ned som Word (DOCX)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("sammenstilling.docx");
      const docx = readDocx((await download.path())!);
      expect(docx.paragraphs[0]).toBe(`Sammenstilling av høringsuttalelser: ${hearingTitle}`);
      expect(docx.paragraphs).toContain("Tatt til følge: 1. Delvis tatt til følge: 1. Ikke tatt til følge: 0. Ikke behandlet: 0.");
      for (const r of responses) {
        expect(docx.paragraphs).toContain(r.party);
        const row = docx.rows.find((cells) => cells[1] === r.text);
        expect(row, `a row for ${r.from}`).toBeDefined();
        expect(row![0]).toMatch(new RegExp(`^${r.from}, mottatt \\d{2}\\.\\d{2}\\.\\d{4}$`));
        expect(row!.slice(2)).toEqual([r.handling, r.comment]);
      }
    });
  } finally {
    // What the story made, newest first: the hearing, the workbooks (their versions go with
    // them), the deadlines, the template, the uploaded files and the gathering.
    const files = new Set<string>();
    for (const id of made.submissions) {
      const versions = await page.request.get(`/api/v1/submission-versions?submission_id=${id}`, { headers: api.headers });
      if (versions.ok()) for (const v of (await versions.json()).items) for (const f of v.files) files.add(f.file_id);
    }
    if (made.hearing) {
      const answers = await page.request.get(`/api/v1/hearing-responses?hearing_id=${made.hearing}`, { headers: api.headers });
      if (answers.ok()) for (const r of (await answers.json()).items) await api.remove(`/api/v1/hearing-responses/${r.id}`);
      await api.remove(`/api/v1/hearings/${made.hearing}`);
    }
    for (const id of made.submissions) await api.remove(`/api/v1/submissions/${id}`);
    for (const id of made.deadlines) await api.remove(`/api/v1/deadlines/${id}`);
    if (made.template) await api.remove(`/api/v1/templates/${made.template}`);
    for (const id of files) await api.remove(`/api/v1/files/${id}`);
    if (made.event) await api.remove(`/api/v1/events/${made.event}`);
  }
});

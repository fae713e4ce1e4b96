import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { expectAccessible, expectNoRawKeys, login, opened, programmeId } from "./fixtures";

// Scenario 6 of the brief (involvement accountability), as the programme's administrator in the
// demo's Nordre Follo programme: a project's involvement plan gets a consultation with the
// union representatives before a reorganisation decision, and an information meeting for the
// employees whose day passes without it; the consultation is recorded from the plan, naming the
// decision, a hearing and an employee's idea; the decision's page then shows its whole trail in
// time order, the CSV holds the same entries, the printable page holds them too, and the
// compliance page flags the decision taken before the planned involvement happened, and the
// overdue planned involvement, each with its rule and source and a link to the record.
//
// What the story takes as given is made through the API: the consultation meeting with its
// signed protocol, the decision, a hearing with a handled response, and an idea. The plan, the
// involvement and every reading are done in the browser. What it made is removed at the end.

const DAY = 24 * 60 * 60 * 1000;

/** A day in Oslo, `days` from today: «2026-12-03». */
function osloDay(days = 0): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Oslo" }).format(new Date(Date.now() + days * DAY));
}

/** The API as the logged-in user, for what the story takes as given and for removing it. */
async function apiOf(page: Page) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const headers = { Authorization: `Bearer ${token}` };
  const etag = async (path: string) => (await page.request.get(path, { headers })).headers()["etag"];
  return {
    get: async (path: string) => {
      const response = await page.request.get(path, { headers });
      expect(response.status(), path).toBe(200);
      return response.json();
    },
    post: async (path: string, data: unknown, extra: Record<string, string> = {}) => {
      const response = await page.request.post(path, { headers: { ...headers, ...extra }, data });
      expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
      return response.json();
    },
    patch: async (path: string, data: unknown) => {
      const response = await page.request.patch(path, { headers: { ...headers, "If-Match": await etag(path) }, data });
      expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
      return response.json();
    },
    etag,
    /** A change whose answer does not matter (clearing up). */
    patchQuietly: async (path: string, data: unknown) => {
      const current = await etag(path);
      if (current) await page.request.patch(path, { headers: { ...headers, "If-Match": current }, data });
    },
    /** Delete (or archive) a record with its current ETag; gone already is fine. */
    remove: async (path: string) => {
      const current = await page.request.get(path, { headers });
      if (current.status() === 404) return;
      await page.request.delete(path, { headers: { ...headers, "If-Match": current.headers()["etag"] } });
    },
  };
}

/** The rows of a CSV as Python's csv module (the writer's own reader) reads them. */
function readCsv(path: string): Record<string, string>[] {
  const script = "import csv, json, sys\nprint(json.dumps(list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))))";
  return JSON.parse(execFileSync("../.venv/bin/python", ["-c", script, path], { encoding: "utf-8" }));
}

test.use({ actionTimeout: 30_000 });

test("scenario 6: a decision's involvement trail from its project's plan, exported, printed and held to the plan", async ({
  page,
}) => {
  test.slow();
  await login(page, "programmeAdmin");
  const programme = programmeId(page);
  const base = `/p/${programme}`;
  const api = await apiOf(page);
  const stamp = Date.now();
  const today = osloDay();

  // Given: a project of the demo, a union representative, and the people of the programme.
  const projects: { id: string; code: string; name: string }[] = (
    await api.get(`/api/v1/projects?programme_id=${programme}&sort=code&limit=100`)
  ).items;
  const project = projects[projects.length - 1];
  const people: { id: string; name: string; affiliation: string }[] = (
    await api.get(`/api/v1/people?programme_id=${programme}&limit=500`)
  ).items;
  const rep = people.find((p) => p.affiliation === "union_representative")!;
  expect(rep, "the demo has a union representative").toBeTruthy();

  const made = {
    event: "",
    decision: "",
    hearing: "",
    response: "",
    responseRecord: "",
    idea: "",
    planned: [] as string[],
    involvement: "",
  };
  try {
    const title = `Omorganisering av ${project.name} ${stamp}`;
    const consulted = `Drøfting: ${title}`;
    const meeting = await api.post("/api/v1/events", {
      programme_id: programme,
      project_id: project.id,
      kind: "consultation_meeting",
      title: consulted,
      starts_at: `${osloDay(-10)}T09:00:00+01:00`,
      ends_at: `${osloDay(-10)}T11:00:00+01:00`,
      participants: [{ person_id: rep.id, attendance: "present" }],
      protocol: {
        matter: title,
        parties_present: ["administration", "employees"],
        agreed: false,
        signed_at: `${osloDay(-9)}T12:00:00+01:00`,
        views: [
          { party: "employees", view: "Ønsker to ledernivåer" },
          { party: "administration", view: "Holder fast ved tre nivåer" },
        ],
      },
    });
    made.event = meeting.id;
    const decision = await api.post("/api/v1/decisions", {
      programme_id: programme,
      project_id: project.id,
      title,
      case_number: `26/${String(stamp).slice(-5)}`,
      decided_on: today,
      reorganisation: true,
      consultation_event_id: meeting.id,
      status: "draft",
    });
    made.decision = decision.id;
    const hearingTitle = `Høring: ${title}`;
    const hearing = await api.post("/api/v1/hearings", {
      programme_id: programme,
      project_id: project.id,
      title: hearingTitle,
      matter: title,
      concerns_employees: true,
      letter: "Forslaget sendes på høring.",
      deadline_at: new Date(Date.now() + 14 * DAY).toISOString(),
      invitees: [{ party: "union_representatives", name: "Hovedtillitsvalgte" }],
    });
    made.hearing = hearing.id;
    await api.post(`/api/v1/hearings/${hearing.id}/open`, {}, { "If-Match": await api.etag(`/api/v1/hearings/${hearing.id}`) });
    const response = await api.post("/api/v1/hearing-responses", {
      hearing_id: hearing.id,
      from_name: "Hovedtillitsvalgt Fagforbundet",
      on_behalf_of: "Fagforbundet",
      text: "Vi støtter modellen med forbehold om bemanningen.",
      received_at: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    });
    made.response = response.id;
    made.responseRecord = response.involvement_id ?? "";
    await api.patch(`/api/v1/hearing-responses/${response.id}`, {
      handling: "partly_accepted",
      handling_comment: "Bemanningen utredes",
    });
    const ideaTitle = `Felles vaktbytte ${stamp}`;
    const idea = await api.post("/api/v1/ideas", {
      programme_id: programme,
      project_id: project.id,
      title: ideaTitle,
      description: "Et felles vaktbytte på tvers av sonene sparer tid.",
    });
    made.idea = idea.id;

    const consultation = `Drøfting med de tillitsvalgte om ${title}`;
    const information = `Informasjonsmøte for de ansatte ${stamp}`;
    await test.step("the project's plan gets a consultation before the decision, and an information meeting", async () => {
      await page.goto(`${base}/projects/${project.id}`);
      await page.getByRole("link", { name: "Medvirkningsplan", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: `Medvirkningsplan: ${project.code} ${project.name}` })).toBeVisible();
      for (const [kind, form, day, matter, decisionId] of [
        ["union_representatives", "consultation", osloDay(-8), consultation, decision.id],
        ["employees", "information", osloDay(-3), information, ""],
      ]) {
        await page.getByRole("button", { name: "Planlegg medvirkning" }).click();
        const dialog = page.getByRole("dialog", { name: "Planlegg medvirkning" });
        await opened(dialog);
        await dialog.getByLabel("Hvem", { exact: true }).selectOption(kind);
        await dialog.getByLabel("Form", { exact: true }).selectOption(form);
        await dialog.getByLabel("Planlagt dato").fill(day);
        await dialog.getByLabel("Om hva").fill(matter);
        await dialog.getByLabel("Ansvarlig").selectOption(rep.id);
        if (decisionId) await dialog.getByLabel("Før vedtaket").selectOption(decisionId);
        await dialog.getByRole("button", { name: "Lagre" }).click();
        await expect(dialog).toBeHidden();
        await expect(page.getByText(`«${matter}» er lagt inn i planen.`)).toBeVisible();
      }
      const plan = await api.get(`/api/v1/projects/${project.id}/involvement-plan`);
      made.planned = plan.entries
        .filter((e: { planned: { matter: string } }) => [consultation, information].includes(e.planned.matter))
        .map((e: { planned: { id: string } }) => e.planned.id);
      expect(made.planned).toHaveLength(2);
      // Both days have passed: both are overdue until held.
      for (const matter of [consultation, information]) {
        await expect(page.getByRole("article").filter({ hasText: matter }).getByText("Forfalt")).toBeVisible();
      }
      await expectAccessible(page);
    });

    await test.step("the consultation is recorded from the plan, naming the decision, the hearing and the idea", async () => {
      const entry = page.getByRole("article").filter({ hasText: consultation });
      await entry.getByRole("link", { name: /Registrer den nå/ }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Registrer medvirkning" })).toBeVisible();
      await expect(page.getByLabel("Oppfyller planlagt medvirkning")).toHaveValue(made.planned[0]);
      await expect(page.getByLabel("Hvem ble involvert", { exact: true })).toHaveValue("union_representatives");
      await expect(page.getByLabel("Medvirkningsform", { exact: true })).toHaveValue("consultation");
      await expect(page.getByLabel("Prosjekt (valgfritt)")).toHaveValue(project.id);
      await expect(page.locator("summary", { hasText: "Vedtak (1 valgt)" })).toBeVisible();
      await page.getByLabel("Dato", { exact: true }).fill(osloDay(-8));
      await page.getByRole("searchbox", { name: "Søk etter person" }).fill(rep.name);
      await page.getByRole("checkbox", { name: rep.name, exact: true }).check();
      await page.locator("summary", { hasText: "Høringer" }).click();
      await page.getByRole("searchbox", { name: "Søk i høringene" }).fill(String(stamp));
      await page.getByRole("checkbox", { name: new RegExp(hearingTitle) }).check();
      await page.locator("summary", { hasText: "Forbedringsforslag" }).click();
      await page.getByRole("searchbox", { name: "Søk i forslagene" }).fill(String(stamp));
      await page.getByRole("checkbox", { name: new RegExp(ideaTitle) }).check();
      await page.getByRole("textbox", { name: /^Hva ble sagt/ }).fill("De tillitsvalgte ønsker to ledernivåer.");
      await page.getByRole("textbox", { name: /^Hva kom ut av det/ }).fill("Tatt inn i høringsforslaget.");
      await expectAccessible(page);
      await page.getByRole("button", { name: "Lagre medvirkningen" }).click();
      await expect(page.getByText(`Medvirkningen om «${consultation}» er registrert.`)).toBeVisible();
      const recorded = (
        await api.get(`/api/v1/involvements?programme_id=${programme}&project_id=${project.id}&sort=-created_at&limit=5`)
      ).items.find((i: { matter: string }) => i.matter === consultation);
      made.involvement = recorded.id;
      expect(recorded.decision_ids).toEqual([decision.id]);
      expect(recorded.hearing_ids).toEqual([hearing.id]);
      expect(recorded.idea_ids).toEqual([idea.id]);

      await page.goto(`${base}/projects/${project.id}/involvement-plan`);
      const done = page.getByRole("article").filter({ hasText: consultation });
      await expect(done.getByText("Gjennomført")).toBeVisible();
      await expect(done.getByRole("link", { name: consultation })).toHaveAttribute(
        "href",
        `${base}/involvements?record=${recorded.id}`,
      );
      await expect(page.getByRole("article").filter({ hasText: information }).getByText("Forfalt")).toBeVisible();
    });

    // The decision is taken today, before the information meeting was ever held.
    await api.patch(`/api/v1/decisions/${decision.id}`, { status: "final" });
    const trail = await api.get(`/api/v1/decisions/${decision.id}/trail`);
    const ours = [meeting.id, made.involvement, response.id, idea.id];
    expect(ours.every((id) => trail.entries.some((e: { record_id: string }) => e.record_id === id))).toBe(true);
    const headings: string[] = trail.entries.map((e: { matter: string }) => e.matter);

    await test.step("the decision's page shows the whole trail in time order", async () => {
      await page.goto(`${base}/decisions/${decision.id}`);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      const list = page.getByRole("list", { name: "Medvirkningssporet, eldst først" });
      await expect(list.getByRole("article").getByRole("heading")).toHaveText(headings);
      // The meeting on its day, then the record from the plan, then the response and the idea today.
      const at = (id: string) => trail.entries.findIndex((e: { record_id: string }) => e.record_id === id);
      expect(at(meeting.id)).toBeLessThan(at(made.involvement));
      expect(at(made.involvement)).toBeLessThan(at(response.id));
      expect(at(made.involvement)).toBeLessThan(at(idea.id));
      const meetingEntry = list.getByRole("article").filter({ hasText: consulted.replace("Drøfting: ", "") }).filter({
        hasText: "Drøftingsmøte",
      });
      await expect(meetingEntry).toContainText("Uenighet");
      await expect(meetingEntry).toContainText("Arbeidstakerne: Ønsker to ledernivåer");
      await expect(meetingEntry).toContainText("1 av 1 innkalte til stede");
      const recordEntry = list.getByRole("article").filter({ hasText: consultation });
      await expect(recordEntry).toContainText("De tillitsvalgte ønsker to ledernivåer.");
      await expect(recordEntry).toContainText("Tatt inn i høringsforslaget.");
      const responseEntry = list.getByRole("article").filter({ hasText: "Høringsuttalelse" }).filter({ hasText: hearingTitle });
      await expect(responseEntry).toContainText("Delvis tatt til følge: Bemanningen utredes");
      await expect(responseEntry.getByRole("link", { name: /Åpne høringen/ })).toHaveAttribute("href", `${base}/hearings/${hearing.id}`);
      const ideaEntry = list.getByRole("article").filter({ hasText: ideaTitle });
      await expect(ideaEntry).toContainText("Innspill fra ansatte");
      await expect(ideaEntry).toContainText("Mottatt");
      await expect(ideaEntry.getByRole("link", { name: /Åpne forslaget/ })).toHaveAttribute("href", `${base}/ideas/${idea.id}`);
      // The plan held against the decision: the consultation before it, the information meeting not held.
      const planned = page.getByRole("region", { name: "Planlagt medvirkning før vedtaket" });
      await expect(planned.getByRole("listitem").filter({ hasText: consultation })).toContainText("før vedtaket");
      await expect(planned.getByRole("listitem").filter({ hasText: information })).toContainText("Ikke holdt før vedtaket.");
      await expectAccessible(page);
      await expectNoRawKeys(page);
    });

    await test.step("the CSV downloaded holds the same entries", async () => {
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Last ned sporet (CSV)" }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^trail-26-\d+\.csv$/);
      const rows = readCsv((await file.path())!);
      expect(rows.map((r) => [r.kind, r.record_id, r.occurred_on, r.matter])).toEqual(
        trail.entries.map((e: { kind: string; record_id: string; occurred_on: string; matter: string }) => [
          e.kind,
          e.record_id,
          e.occurred_on,
          e.matter,
        ]),
      );
      const row = rows.find((r) => r.record_id === response.id)!;
      expect([row.handling, row.outcome]).toEqual(["partly_accepted", "Delvis tatt til følge: Bemanningen utredes"]);
      expect(rows.find((r) => r.record_id === idea.id)!.kind).toBe("idea");
    });

    await test.step("the printable page holds them, without the navigation when printed", async () => {
      await page.getByRole("link", { name: "Utskriftsvennlig side" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `Medvirkningsspor: ${title}` })).toBeVisible();
      await expect(page.getByText("Nordre Follo 2020", { exact: true })).toBeVisible();
      await expect(page.getByText(decision.case_number, { exact: true })).toBeVisible();
      await expect(page.getByRole("list", { name: "Medvirkningssporet, eldst først" }).getByRole("article").getByRole("heading")).toHaveText(headings);
      await expectAccessible(page);
      await page.emulateMedia({ media: "print" });
      await expect(page.getByRole("navigation")).toBeHidden();
      await expect(page.getByRole("button", { name: "Skriv ut" })).toBeHidden();
      await expect(page.getByRole("heading", { level: 1, name: `Medvirkningsspor: ${title}` })).toBeVisible();
      await page.emulateMedia({ media: "screen" });
    });

    await test.step("the compliance page flags the decision and the overdue planned involvement, linked", async () => {
      await page.goto(`${base}/compliance`);
      await expect(page.getByRole("heading", { level: 1, name: "Etterlevelse" })).toBeVisible();
      const missed = page.getByRole("listitem").filter({ hasText: `«${title}» ble vedtatt` });
      await expect(missed).toContainText(/før planlagt medvirkning var gjennomført \(\d+\)/);
      await expect(missed).toContainText(information);
      await expect(missed).toContainText(
        "Et vedtak om omorganisering fattes først etter at medvirkningen som var planlagt før det, er gjennomført",
      );
      await expect(missed).toContainText("Kilde: Seed 000");
      await expect(missed.getByRole("link", { name: "Åpne vedtaket" })).toHaveAttribute("href", `${base}/decisions/${decision.id}`);
      const overdue = page.getByRole("listitem").filter({ hasText: `«${information}» var planlagt` });
      await expect(overdue).toContainText("er ikke gjennomført");
      await expect(overdue).toContainText("En planlagt medvirkning i prosjektets medvirkningsplan gjennomføres innen datoen");
      await expect(overdue).toContainText("Kilde: Seed 000");
      // The consultation was held: it is no longer overdue.
      await expect(page.getByRole("listitem").filter({ hasText: `«${consultation}» var planlagt` })).toHaveCount(0);
      await overdue.getByRole("link", { name: "Åpne prosjektets medvirkningsplan" }).click();
      await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/involvement-plan#planned-${made.planned[1]}$`));
      await expect(page.locator(`#planned-${made.planned[1]}`)).toContainText(information);
    });
  } finally {
    // Clear the fulfilment first: a fulfilled planned involvement is kept until then.
    for (const id of made.planned) {
      const path = `/api/v1/planned-involvements/${id}`;
      await api.patchQuietly(path, { involvement_id: null });
      await api.remove(path);
    }
    for (const id of [made.involvement, made.responseRecord].filter(Boolean)) {
      await api.remove(`/api/v1/involvements/${id}`);
    }
    if (made.response) await api.remove(`/api/v1/hearing-responses/${made.response}`);
    if (made.decision) await api.remove(`/api/v1/decisions/${made.decision}`);
    if (made.idea) await api.remove(`/api/v1/ideas/${made.idea}`);
    if (made.hearing) await api.remove(`/api/v1/hearings/${made.hearing}`);
    if (made.event) await api.remove(`/api/v1/events/${made.event}`);
  }
});

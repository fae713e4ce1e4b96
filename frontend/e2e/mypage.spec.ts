import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, expectNoRawKeys, login } from "./fixtures";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An API client with the editor's token (the programme office), for what the test needs made. */
async function office(request: APIRequestContext) {
  const login = await request.post("/api/v1/auth/token", {
    data: { grant_type: "password", username: ACCOUNTS.editor.email, password: ACCOUNTS.editor.password },
  });
  expect(login.status()).toBe(200);
  const headers = { Authorization: `Bearer ${(await login.json()).access_token}` };
  const call = async (method: "GET" | "POST" | "DELETE", path: string, data?: Json, extra: Json = {}) => {
    const response = await request.fetch(path, { method, headers: { ...headers, ...extra }, data });
    return response;
  };
  return {
    async post(path: string, data: Json, extra: Json = {}) {
      const response = await call("POST", path, data, extra);
      expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
      return (await response.json()) as Json;
    },
    async get(path: string) {
      const response = await call("GET", path);
      expect(response.ok(), path).toBe(true);
      return { body: (await response.json()) as Json, etag: response.headers()["etag"] ?? "" };
    },
    /** Act on a record with its current ETag (open, close, delete). */
    async withEtag(method: "POST" | "DELETE", record: string, path = record) {
      const current = await call("GET", record);
      if (!current.ok()) return current;
      return call(method, path, undefined, { "If-Match": current.headers()["etag"] });
    },
  };
}

async function sessionToken(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
}

const inDays = (days: number, hour = 9) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour - 1, 0, 0, 0);
  return d.toISOString();
};
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a member sees their own meetings, tasks, deadlines, hearing, idea and survey, and confirms attendance", async ({
  page,
  request,
}) => {
  await login(page, "member");
  const token = await sessionToken(page);
  const me = await (await page.request.get("/api/v1/me/overview", { headers: { Authorization: `Bearer ${token}` } })).json();
  const mine = me.programmes[0];
  const programme = mine.programme_id as string;
  const person = mine.person_id as string;
  expect(person).toBeTruthy();

  const api = await office(request);
  const stamp = Date.now();
  const made: string[] = [];
  try {
    const group = await api.post("/api/v1/groups", {
      programme_id: programme,
      kind: "reference_group",
      name: `Referansegruppe min side ${stamp}`,
    });
    made.push(`/api/v1/groups/${group.id}`);
    await api.post(`/api/v1/groups/${group.id}/members`, { person_id: person, role: "member", party: "employees" });
    const meeting = await api.post("/api/v1/events", {
      programme_id: programme,
      group_id: group.id,
      title: `Møte i referansegruppen ${stamp}`,
      starts_at: inDays(3),
      ends_at: inDays(3, 11),
      location: "Ski rådhus, møterom Follo",
      participants: [{ person_id: person }],
    });
    made.unshift(`/api/v1/events/${meeting.id}`);
    const projects = (await api.get(`/api/v1/projects?programme_id=${programme}&sort=code&limit=1`)).body;
    const task = await api.post("/api/v1/tasks", {
      project_id: projects.items[0].id,
      title: `Les gjennom forslaget ${stamp}`,
      assignee_id: person,
      due_on: day(-1),
    });
    made.unshift(`/api/v1/tasks/${task.id}`);
    const deadline = await api.post("/api/v1/deadlines", {
      programme_id: programme,
      title: `Innspill til referansegruppen ${stamp}`,
      due_at: inDays(5, 12),
      responsible_person_id: person,
    });
    made.unshift(`/api/v1/deadlines/${deadline.id}`);
    const hearing = await api.post("/api/v1/hearings", {
      programme_id: programme,
      title: `Høring om møtestruktur ${stamp}`,
      deadline_at: inDays(10, 12),
      invitees: [{ party: "group", group_id: group.id }],
    });
    made.unshift(`/api/v1/hearings/${hearing.id}`);
    expect((await api.withEtag("POST", `/api/v1/hearings/${hearing.id}`, `/api/v1/hearings/${hearing.id}/open`)).ok()).toBe(true);
    const survey = await api.post("/api/v1/survey-rounds", {
      programme_id: programme,
      title: `Trivsel i referansegruppen ${stamp}`,
      audience: "group",
      group_id: group.id,
    });
    made.unshift(`/api/v1/survey-rounds/${survey.id}`);
    await api.post("/api/v1/survey-questions", { round_id: survey.id, text: "Jeg blir hørt", kind: "likert" });
    const round = `/api/v1/survey-rounds/${survey.id}`;
    expect((await api.withEtag("POST", round, `${round}/open`)).ok()).toBe(true);
    // The member sends an idea in their own name.
    const idea = await page.request.post("/api/v1/ideas", {
      headers: { Authorization: `Bearer ${token}` },
      data: { programme_id: programme, title: `Felles møtekalender ${stamp}`, description: "Én kalender for alle gruppene." },
    });
    expect(idea.status()).toBe(201);
    made.unshift(`/api/v1/ideas/${(await idea.json()).id}`);

    // From the programme overview to the own page.
    await page.getByRole("link", { name: /^Min side:/ }).click();
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole("heading", { level: 1, name: "Min side" })).toBeVisible();
    const overdue = page.getByRole("region", { name: /^Forfalt/ });
    await expect(overdue.getByRole("link", { name: task.title })).toBeVisible();
    await expect(page.getByRole("region", { name: "Frister" }).getByRole("link", { name: deadline.title })).toBeVisible();
    await expect(
      page.getByRole("region", { name: "Høringer som venter på svar" }).getByRole("link", { name: hearing.title }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "Forslagene mine" })).toContainText(`Felles møtekalender ${stamp}`);
    await expect(page.getByRole("region", { name: "Gruppene mine" }).getByRole("link", { name: group.name })).toBeVisible();
    const surveys = page.getByRole("region", { name: "Kartlegginger du kan svare på" });
    await expect(surveys).toContainText(survey.title);
    await expectAccessible(page);
    await expectNoRawKeys(page);

    // Confirm attendance by keyboard: the choice is pressed and announced.
    const replies = page.getByRole("group", { name: `Svar for ${meeting.title}` });
    await replies.getByRole("button", { name: "Jeg kommer", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(replies.getByRole("button", { name: "Jeg kommer", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("status")).toHaveText(`Svaret ditt er lagret: Kommer på ${meeting.title}.`);
    await expectAccessible(page);

    // The meeting's own page shows the reply in its participant list.
    await page.getByRole("link", { name: meeting.title }).click();
    await expect(page.getByRole("heading", { level: 1, name: meeting.title })).toBeVisible();
    const participants = page.getByRole("region", { name: "Deltakere" });
    const row = participants.getByRole("row").filter({ hasText: mine.person_name });
    await expect(row).toContainText("Kommer");
    await expect(row).not.toContainText("Kommer ikke");

    // Answering the survey opens its answer page with a fresh link to the member's invitation.
    await page.goto("/me");
    await surveys.getByRole("button", { name: `Svar på ${survey.title}` }).click();
    await expect(page).toHaveURL(/\/s\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1, name: survey.title })).toBeVisible();
  } finally {
    const round = made.find((path) => path.includes("/survey-rounds/"));
    if (round) await api.withEtag("POST", round, `${round}/close`);
    for (const path of made) await api.withEtag("DELETE", path);
  }
});

test("the demo member's own page, for the screenshot", async ({ page }) => {
  await login(page, "member");
  await page.goto("/me");
  await expect(page.getByRole("heading", { level: 1, name: "Min side" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Neste møter" })).toBeVisible();
  await page.screenshot({ path: "../docs/screenshots/my-page.png", fullPage: true });
});

import { createHmac } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { ACCOUNTS } from "./fixtures";

/**
 * Every page of the app, as a demo user sees it: one entry (or more, for a page with several
 * views) per route of src/router.tsx, with real ids from the demo programmes. The responsive
 * test checks that each route has an entry here, so a new route fails it until it is added.
 *
 * To add a page: add its route's pattern to `route` exactly as router.tsx spells it (child
 * paths joined to their parent's: "/p/:programmeId/tasks"), and the address to visit.
 */
export interface AppPage {
  /** The route's pattern as in src/router.tsx. */
  route: string;
  /** The address to visit. */
  path: string;
  /** Who looks at it; null for a page that needs no account. */
  account: keyof typeof ACCOUNTS | null;
}

type Item = { id: string; [key: string]: unknown };

/** The demo programmes' ids and records that the pages are opened with. */
export interface DemoRecords {
  nordreFollo: string;
  sorum: string;
  project: string;
  group: string;
  person: string;
  event: string;
  decision: string;
  hearing: string;
  idea: string;
  round: string;
  indicator: string;
  submission: string;
  webhook: string;
  surveyLink: string;
}

async function token(request: APIRequestContext, account: keyof typeof ACCOUNTS): Promise<string> {
  const response = await request.post("/api/v1/auth/token", {
    data: { grant_type: "password", username: ACCOUNTS[account].email, password: ACCOUNTS[account].password },
  });
  expect(response.status(), `signing in as ${account}`).toBe(200);
  return (await response.json()).access_token;
}

/**
 * Looks the demo's records up through the API (ids differ between loads of the demo). What the
 * demo does not have, a webhook and a survey answered through an open link, is made once and
 * found again on the next call.
 */
export async function demoRecords(request: APIRequestContext): Promise<DemoRecords> {
  const headers = { Authorization: `Bearer ${await token(request, "admin")}` };
  const list = async (path: string): Promise<Item[]> => {
    const response = await request.get(path, { headers });
    expect(response.status(), path).toBe(200);
    return (await response.json()).items;
  };
  const first = async (path: string, what: string): Promise<Item> => {
    const items = await list(path);
    expect(items.length, `the demo has no ${what} (${path})`).toBeGreaterThan(0);
    return items[0];
  };
  const post = async (path: string, data: Record<string, unknown>, extra: Record<string, string> = {}) => {
    const response = await request.post(path, { headers: { ...headers, ...extra }, data });
    expect(response.status(), path).toBeLessThan(300);
    return response.json();
  };
  const programmes = await list("/api/v1/programmes?limit=50");
  const named = (name: string) => {
    const found = programmes.find((p) => p.name === name);
    if (!found) throw new Error(`the demo has no programme ${name}`);
    return found.id;
  };
  const nordreFollo = named("Nordre Follo 2020");
  const sorum = named("Sørum arbeidslag");
  const inNf = `programme_id=${nordreFollo}&limit=50`;

  const hookUrl = "https://intranett.kommune.example/hooks/skjermbredder";
  const hooks = await list(`/api/v1/webhooks?${inNf}`);
  const webhook =
    hooks.find((h) => h.url === hookUrl) ??
    (await post("/api/v1/webhooks", { programme_id: nordreFollo, url: hookUrl, event_types: ["deadline.created"] }));

  const linked = (await list(`/api/v1/survey-rounds?${inNf}&status=open`)).find((r) => r.link_url);
  let surveyLink = linked?.link_url as string | undefined;
  if (!surveyLink) {
    const round = await post("/api/v1/survey-rounds", {
      programme_id: nordreFollo,
      title: "Hvordan opplever du sammenslåingen så langt?",
      audience: "link",
    });
    for (const [text, kind] of [
      ["Jeg får informasjonen jeg trenger om endringene på min arbeidsplass", "likert"],
      ["Har du deltatt på et allmøte?", "yes_no"],
      ["Hva bør prosjektet gjøre annerledes?", "free_text"],
    ]) {
      await post("/api/v1/survey-questions", { round_id: round.id, text, kind });
    }
    const opened = await post(`/api/v1/survey-rounds/${round.id}/open`, {}, { "If-Match": `"${round.version}"` });
    surveyLink = opened.link_url as string;
  }

  return {
    nordreFollo,
    sorum,
    project: (await first(`/api/v1/projects?${inNf}`, "project")).id,
    group: (await first(`/api/v1/groups?${inNf}`, "group")).id,
    person: (await first(`/api/v1/people?${inNf}`, "person")).id,
    event: (await first(`/api/v1/events?${inNf}`, "meeting")).id,
    decision: (await first(`/api/v1/decisions?${inNf}`, "decision")).id,
    hearing: (await first(`/api/v1/hearings?${inNf}`, "hearing")).id,
    idea: (await first(`/api/v1/ideas?${inNf}&status=accepted`, "accepted idea")).id,
    round: (await first(`/api/v1/survey-rounds?${inNf}`, "survey round")).id,
    indicator: (await first(`/api/v1/indicators?programme_id=${sorum}&limit=50`, "indicator")).id,
    submission: (await first(`/api/v1/submissions?${inNf}`, "workbook submission")).id,
    webhook: webhook.id,
    surveyLink,
  };
}

/** The token of the link to an address's mail choices, as the e2e server (development key) signs it. */
export function mailToken(email: string): string {
  const key = "development-only-signing-key-change-me";
  const address = email.trim().toLowerCase();
  const signature = createHmac("sha256", key).update(`samskap-mail-preferences\u0000${address}`).digest("base64url");
  return `${Buffer.from(address).toString("base64url")}.${signature}`;
}

/** Every page of the app with the demo's records. */
export function appPages(r: DemoRecords): AppPage[] {
  const nf = `/p/${r.nordreFollo}`;
  const sorum = `/p/${r.sorum}`;
  const p = (route: string, path: string, account: AppPage["account"] = "admin"): AppPage => ({ route, path, account });
  return [
    p("/login", "/login", null),
    p("/login/oidc", "/login/oidc", null),
    p("/s/:token", r.surveyLink, null),
    p("/i/:token", "/i/nordre-follo-forbedringsforslag-demo", null),
    p("/r/:token", "/r/nordre-follo-kvittering-moteplasser-demo", null),
    p("/mail-preferences/:token", `/mail-preferences/${mailToken(ACCOUNTS.programmeAdmin.email)}`, null),
    p("/tilgjengelighet", "/tilgjengelighet", null),
    p("/", "/"),
    p("/programmes/new", "/programmes/new"),
    p("/me", "/me", "member"),
    p("/notifications", "/notifications", "programmeAdmin"),
    p("/settings", "/settings", "programmeAdmin"),
    p("/p/:programmeId", nf),
    p("/p/:programmeId", sorum),
    p("/p/:programmeId/timeline", `${nf}/timeline`),
    p("/p/:programmeId/projects/:projectId", `${nf}/projects/${r.project}`),
    p("/p/:programmeId/projects/:projectId/involvement-plan", `${nf}/projects/${r.project}/involvement-plan`),
    p("/p/:programmeId/groups/:groupId", `${nf}/groups/${r.group}`),
    p("/p/:programmeId/tasks", `${nf}/tasks`),
    p("/p/:programmeId/tasks", `${nf}/tasks?view=board`),
    p("/p/:programmeId/deadlines", `${nf}/deadlines`),
    p("/p/:programmeId/deadlines", `${nf}/deadlines?view=calendar&month=2018-11`),
    p("/p/:programmeId/deliveries", `${nf}/deliveries`),
    p("/p/:programmeId/involvements", `${nf}/involvements`),
    p("/p/:programmeId/involvements/new", `${nf}/involvements/new`),
    p("/p/:programmeId/people", `${nf}/people`),
    p("/p/:programmeId/people/:personId", `${nf}/people/${r.person}`),
    p("/p/:programmeId/import/:resource", `${nf}/import/tasks`),
    p("/p/:programmeId/events", `${nf}/events`),
    p("/p/:programmeId/events/:eventId", `${nf}/events/${r.event}`),
    p("/p/:programmeId/decisions", `${nf}/decisions`),
    p("/p/:programmeId/decisions/:decisionId", `${nf}/decisions/${r.decision}`),
    p("/p/:programmeId/decisions/:decisionId/trail", `${nf}/decisions/${r.decision}/trail`),
    p("/p/:programmeId/documents", `${nf}/documents`),
    p("/p/:programmeId/hearings", `${nf}/hearings`),
    p("/p/:programmeId/hearings/:hearingId", `${nf}/hearings/${r.hearing}`),
    p("/p/:programmeId/goals", `${sorum}/goals`),
    p("/p/:programmeId/goals/selection", `${nf}/goals/selection?project=${r.project}`),
    p("/p/:programmeId/measures", `${sorum}/measures`),
    p("/p/:programmeId/criteria", `${sorum}/criteria`),
    p("/p/:programmeId/compliance", `${nf}/compliance`),
    p("/p/:programmeId/ideas", `${nf}/ideas`),
    p("/p/:programmeId/ideas/:ideaId", `${nf}/ideas/${r.idea}`),
    p("/p/:programmeId/surveys", `${nf}/surveys`),
    p("/p/:programmeId/surveys/:roundId", `${nf}/surveys/${r.round}`),
    p("/p/:programmeId/indicators", `${sorum}/indicators`),
    p("/p/:programmeId/indicators/:indicatorId", `${sorum}/indicators/${r.indicator}`),
    p("/p/:programmeId/templates", `${nf}/templates`),
    p("/p/:programmeId/submissions/:submissionId", `${nf}/submissions/${r.submission}`),
    p("/p/:programmeId/settings", `${nf}/settings`),
    p("/p/:programmeId/access", `${nf}/access`),
    p("/p/:programmeId/webhooks", `${nf}/webhooks`),
    p("/p/:programmeId/webhooks/:webhookId", `${nf}/webhooks/${r.webhook}`),
    p("*", "/no/such/page"),
  ];
}

/**
 * The route patterns of src/router.tsx, child paths joined to their parents' (read from its
 * text: a route is an object literal with a `path`, nested under its parent's `children`).
 */
export function routerPatterns(source: string): string[] {
  const found = new Set<string>();
  // One entry per open object literal: its own path, once its `path:` (or `index: true`) is read.
  const open: (string | null)[] = [];
  for (const match of source.matchAll(/\{|\}|path:\s*"([^"]*)"|index:\s*true/g)) {
    if (match[0] === "{") open.push(null);
    else if (match[0] === "}") open.pop();
    else {
      const own = match[1] ?? "";
      open[open.length - 1] = own;
      const joined = [...open.slice(0, -1), own].filter((path) => path).join("/");
      found.add(own === "*" || own.startsWith("/") ? own : `/${joined}`);
    }
  }
  return [...found];
}

/** Signs in through the login page as one of the demo accounts. */
export async function signIn(page: Page, account: keyof typeof ACCOUNTS) {
  await page.goto("/login");
  const form = page.locator("form");
  await form.locator('input[type="email"]').fill(ACCOUNTS[account].email);
  await form.locator('input[type="password"]').fill(ACCOUNTS[account].password);
  await form.locator('button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Opens a page and waits until it has its heading and nothing is loading any longer. */
export async function visit(page: Page, target: AppPage) {
  await page.goto(target.path);
  await expect(page.getByRole("heading", { level: 1 }).first(), target.path).toBeVisible();
  await expect(page.getByRole("img", { name: /^(Laster|Lastar|Loading) …$/ }), target.path).toHaveCount(0);
}

import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId, opened } from "./fixtures";

/** The API as the logged-in user, with the session's token, for finding ids, setting up and tidying up. */
async function api(
  page: Page,
  path: string,
  method: "GET" | "POST" | "DELETE" = "GET",
  etag?: string,
  data?: Record<string, unknown>,
) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const response = await page.request.fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(etag ? { "If-Match": etag } : {}) },
    data,
  });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

// A board the mandate test sets up, removed again after it, and the decision approving its mandate, archived.
let board: { id: string } | null = null;
let approval: { id: string } | null = null;

// The add test seats Sindre Aune in the working group; every test leaves the group as the demo has it.
test.afterEach(async ({ page }) => {
  const loggedIn = await page.evaluate(() => sessionStorage.getItem("samskap.session")).catch(() => null);
  if (!loggedIn) return;
  if (board) {
    const current = await api(page, `/api/v1/groups/${board.id}`);
    await api(page, `/api/v1/groups/${board.id}`, "DELETE", `"${current.version}"`);
    board = null;
  }
  if (approval) {
    const current = await api(page, `/api/v1/decisions/${approval.id}`);
    await api(page, `/api/v1/decisions/${approval.id}`, "DELETE", `"${current.version}"`);
    approval = null;
  }
  const groups = await api(page, "/api/v1/groups?q=Arbeidsgruppe%20Oppvekst%20og%20utdanning");
  const people = await api(page, "/api/v1/people?q=Sindre%20Aune");
  const seats = await api(page, `/api/v1/groups/${groups.items[0].id}/members?person_id=${people.items[0].id}`);
  for (const seat of seats.items) {
    await api(page, `/api/v1/groups/${seat.group_id}/members/${seat.id}`, "DELETE", `"${seat.version}"`);
  }
});

/** From VO1's project page to its working group, by the link. */
async function openWorkingGroup(page: Page) {
  await login(page, "editor");
  const pid = programmeId(page);
  const projects = await api(page, `/api/v1/projects?programme_id=${pid}&code=VO1`);
  await page.goto(`/p/${pid}/projects/${projects.items[0].id}`);
  await page.getByRole("link", { name: "Arbeidsgruppe Oppvekst og utdanning" }).click();
  await expect(page).toHaveURL(/\/groups\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Arbeidsgruppe Oppvekst og utdanning" })).toBeVisible();
}

test("the group shows its kind, mandate and members with role, party, municipality and allocation", async ({
  page,
}) => {
  await openWorkingGroup(page);
  await expect(page.getByText("Arbeidsgruppe", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "VO1 Oppvekst og utdanning" })).toBeVisible();
  await expect(page.getByText("Godkjent", { exact: true })).toBeVisible();
  const members = page.getByRole("table", { name: "Medlemmer av Arbeidsgruppe Oppvekst og utdanning" });
  await expect(members.getByRole("row")).toHaveCount(1 + 8);
  const chair = members.getByRole("row").filter({ hasText: "Line Aasheim" });
  await expect(chair.getByRole("cell")).toHaveText([
    "Line Aasheim",
    "Leder",
    "Administrasjon",
    "Oppegård",
    "—",
    "—",
    "—",
    "EndreFjern",
  ]);
  // The last cell holds the member's two actions, named for the member.
  await expect(chair.getByRole("button", { name: "Endre vervet til Line Aasheim" })).toBeVisible();
  await expect(chair.getByRole("button", { name: "Fjern Line Aasheim" })).toBeVisible();
  const union = members.getByRole("row").filter({ hasText: "Marius Sandvik" });
  await expect(union).toContainText("Arbeidstakere");
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await chair.getByRole("link", { name: "Line Aasheim" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Line Aasheim" })).toBeVisible();
});

test("a member is added, the API's objections are shown at the fields, and the member is removed", async ({
  page,
}) => {
  await openWorkingGroup(page);
  const members = page.getByRole("table", { name: "Medlemmer av Arbeidsgruppe Oppvekst og utdanning" });
  const person = page.getByRole("combobox", { name: "Person" });
  const allocation = page.getByRole("spinbutton", { name: "Stillingsandel" });
  const add = page.getByRole("button", { name: "Legg til medlem" });

  // Someone who already sits in the group in that role.
  await person.selectOption({ label: "Gunnar Hagen" });
  await page.getByRole("combobox", { name: "Part" }).selectOption({ label: "Administrasjon" });
  await add.click();
  await expect(person).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Personen sitter allerede i gruppen med denne rollen i perioden.")).toBeVisible();

  // A new member with an allocation over 100 %.
  await person.selectOption({ label: "Sindre Aune" });
  await page.getByRole("combobox", { name: "Part" }).selectOption({ label: "Arbeidstakere" });
  await page.getByRole("combobox", { name: "Kommune" }).selectOption({ label: "Ski" });
  await allocation.fill("150");
  await add.click();
  await expect(allocation).toHaveAttribute("aria-invalid", "true");
  await expect(person).not.toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await allocation.fill("20");
  await add.click();
  await expect(page.getByText("Sindre Aune er lagt til i gruppen.")).toBeVisible();
  const row = members.getByRole("row").filter({ hasText: "Sindre Aune" });
  await expect(row.getByRole("cell")).toHaveText([
    "Sindre Aune",
    "Medlem",
    "Arbeidstakere",
    "Ski",
    "20 %",
    "—",
    "—",
    "EndreFjern",
  ]);
  await expect(members.getByRole("row")).toHaveCount(1 + 9);

  await row.getByRole("button", { name: "Fjern Sindre Aune" }).click();
  const dialog = page.getByRole("dialog");
  await opened(dialog);
  await expect(dialog).toContainText("Sindre Aune fjernes som medlem i Arbeidsgruppe Oppvekst og utdanning.");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Fjern medlemmet" }).click();
  await expect(dialog).toBeHidden();
  await expect(members.getByRole("row").filter({ hasText: "Sindre Aune" })).toHaveCount(0);
  await expect(members.getByRole("row")).toHaveCount(1 + 8);
  await expectNoRawKeys(page);
});

test("the group page is translated and accessible in nynorsk and English", async ({ page }) => {
  await openWorkingGroup(page);
  await page.getByLabel("Språk").selectOption({ label: "Nynorsk" });
  await expect(page.getByRole("heading", { level: 2, name: "Medlemer" })).toBeVisible();
  const members = page.getByRole("table", { name: "Medlemer av Arbeidsgruppe Oppvekst og utdanning" });
  await expect(members.getByRole("row").filter({ hasText: "Line Aasheim" })).toContainText("Leiar");
  await expect(page.getByRole("spinbutton", { name: "Stillingsdel" })).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByLabel("Språk").selectOption({ label: "English" });
  await expect(page.getByRole("heading", { level: 2, name: "Add a member" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Members of Arbeidsgruppe Oppvekst og utdanning" })).toContainText(
    "Chair",
  );
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

test("a board proposes its mandate and it is approved naming the joint committee's decision", async ({ page }) => {
  await login(page, "editor");
  const pid = programmeId(page);
  // Every board in the demo has its mandate approved already: a new one starts as a draft.
  board = await api(page, "/api/v1/groups", "POST", undefined, {
    programme_id: pid,
    kind: "project_board",
    name: "Prosjektstyre Mandat (test)",
  });
  // The joint committee stands above a board; its decision names the board it approves.
  const committee = await api(page, `/api/v1/groups?programme_id=${pid}&kind=joint_committee`);
  const decisionTitle = `Godkjenning av mandat for Prosjektstyre Mandat (test) ${Date.now()}`;
  approval = await api(page, "/api/v1/decisions", "POST", undefined, {
    programme_id: pid,
    body_group_id: committee.items[0].id,
    decided_on: "2018-09-03",
    title: decisionTitle,
    status: "final",
  });
  await page.goto(`/p/${pid}/groups/${board!.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Prosjektstyre Mandat (test)" })).toBeVisible();
  const mandate = page.getByRole("region", { name: "Mandat" });
  await expect(mandate).toContainText("Mandatet er ikke skrevet ennå.");
  await expect(mandate.getByText("Utkast", { exact: true })).toBeVisible();

  await mandate.getByRole("button", { name: "Rediger mandat" }).click();
  const form = mandate.getByRole("form", { name: "Rediger mandatet" });
  await form.getByRole("textbox", { name: "Mandattekst" }).fill("Styret følger opp prosjektet og foreslår tiltak.");
  await form.getByRole("combobox", { name: "Status for mandatet" }).selectOption({ label: "Foreslått" });
  await form.getByRole("button", { name: "Lagre" }).click();
  await expect(form).toBeHidden();
  await expect(mandate.getByText("Foreslått", { exact: true })).toBeVisible();
  await expect(mandate).toContainText("Styret følger opp prosjektet og foreslår tiltak.");

  await mandate.getByRole("button", { name: "Rediger mandat" }).click();
  await form.getByRole("combobox", { name: "Status for mandatet" }).selectOption({ label: "Godkjent" });
  const decision = form.getByRole("combobox", { name: "Godkjent ved vedtak" });
  await decision.selectOption({ label: decisionTitle });
  await expectAccessible(page);
  await form.getByRole("button", { name: "Lagre" }).click();
  await expect(form).toBeHidden();
  await expect(mandate.getByText("Godkjent", { exact: true })).toBeVisible();
  const link = mandate.getByRole("link", { name: decisionTitle });
  await expect(link).toHaveAttribute("href", new RegExp(`^/p/${pid}/decisions/[0-9a-f-]+$`));
  await expectNoRawKeys(page);
});

import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoRawKeys, login, programmeId, opened } from "./fixtures";

async function api(page: Page, method: "GET" | "PATCH", path: string, data?: unknown, etag?: string) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("samskap.session")!).accessToken);
  const response = await page.request.fetch(path, {
    method,
    data,
    headers: { Authorization: `Bearer ${token}`, ...(etag ? { "If-Match": etag } : {}) },
  });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBeTruthy();
  return { body: await response.json(), etag: response.headers()["etag"] };
}

// The edit test changes Gunnar Hagen's title; every test leaves it as the demo has it.
test.afterEach(async ({ page }) => {
  const loggedIn = await page.evaluate(() => sessionStorage.getItem("samskap.session")).catch(() => null);
  if (!loggedIn) return;
  const { body } = await api(page, "GET", "/api/v1/people?q=gunnar%20hagen");
  const person = body.items[0];
  if (person && person.title !== "Rektor") {
    await api(page, "PATCH", `/api/v1/people/${person.id}`, { title: "Rektor" }, `"${person.version}"`);
  }
});

test("people are searched, filtered and paged with the API's cursor", async ({ page }) => {
  await login(page, "editor");
  const pid = programmeId(page);
  await page.getByRole("link", { name: "Personer" }).click();
  await expect(page).toHaveURL(`/p/${pid}/people`);
  await expect(page.getByRole("heading", { level: 1, name: "Personer" })).toBeVisible();
  const table = page.getByRole("table", { name: "Personer i programmet" });
  // 41 people in the demo, 25 to a page.
  await expect(table.getByRole("row")).toHaveCount(1 + 25);
  await expectAccessible(page);
  await expectNoRawKeys(page);
  await page.getByRole("button", { name: "Vis flere" }).click();
  await expect(table.getByRole("row")).toHaveCount(1 + 41);
  await expect(page.getByRole("button", { name: "Vis flere" })).toHaveCount(0);

  await page.getByRole("searchbox", { name: "Søk" }).fill("hagen");
  await expect(page).toHaveURL(/q=hagen/);
  await expect(table.getByRole("row")).toHaveCount(1 + 1);
  await expect(table.getByRole("row").nth(1).getByRole("cell")).toHaveText([
    "Gunnar Hagen",
    "Rektor",
    "Oppvekst og utdanning",
    "Ski",
    "Ansatt",
  ]);

  await page.getByRole("searchbox", { name: "Søk" }).fill("");
  await page.getByRole("combobox", { name: "Tilknytning" }).selectOption({ label: "Tillitsvalgt" });
  await expect(page).toHaveURL(/affiliation=union_representative/);
  await expect(table.getByRole("row")).toHaveCount(1 + 5);
  await expect(table).not.toContainText("Gunnar Hagen");
  await expectAccessible(page);
  await expectNoRawKeys(page);

  // The filter is in the address: a reload keeps it.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Tilknytning" })).toHaveValue("union_representative");
  await expect(table.getByRole("row")).toHaveCount(1 + 5);
});

test("a person is viewed and edited; a change made meanwhile by someone else is offered for choice", async ({
  page,
}) => {
  await login(page, "editor");
  const pid = programmeId(page);
  await page.goto(`/p/${pid}/people?q=hagen`);
  await page.getByRole("link", { name: "Gunnar Hagen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gunnar Hagen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "gunnar.hagen@nordrefollo.example" })).toBeVisible();
  await expect(page.getByText("Rektor", { exact: true })).toBeVisible();
  // An editor is not shown anyone's union.
  await expect(page.getByText("Fagforening")).toHaveCount(0);
  await expectAccessible(page);
  await expectNoRawKeys(page);
  const personId = /\/people\/([0-9a-f-]+)$/.exec(page.url())![1];

  await page.getByRole("button", { name: "Rediger personopplysninger" }).click();
  await page.getByRole("textbox", { name: "Stillingstittel" }).fill("Rektor og enhetsleder");
  await page.getByRole("button", { name: "Lagre", exact: true }).click();
  await expect(page.getByText("Rektor og enhetsleder", { exact: true })).toBeVisible();

  // The form is opened, then someone else saves a new title before this one is saved.
  await page.getByRole("button", { name: "Rediger personopplysninger" }).click();
  await page.getByRole("textbox", { name: "Stillingstittel" }).fill("Rektor, Ski skole");
  const { etag } = await api(page, "GET", `/api/v1/people/${personId}`);
  await api(page, "PATCH", `/api/v1/people/${personId}`, { title: "Rektor (endret av en annen)" }, etag);
  await page.getByRole("button", { name: "Lagre", exact: true }).click();

  const dialog = page.getByRole("dialog");
  await opened(dialog);
  await expect(dialog.getByRole("radio", { name: "Lagret nå: Rektor (endret av en annen)" })).toBeVisible();
  await expect(dialog.getByRole("radio", { name: "Din endring: Rektor, Ski skole" })).toBeChecked();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Lagre valgene" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Rektor, Ski skole", { exact: true })).toBeVisible();
  await expectNoRawKeys(page);
});

test("the programme administrator sees a union representative's union, marked as special-category data", async ({
  page,
}) => {
  await login(page, "programmeAdmin");
  const pid = programmeId(page);
  await page.goto(`/p/${pid}/people?q=sandvik`);
  await page.getByRole("link", { name: "Marius Sandvik" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Marius Sandvik" })).toBeVisible();
  await expect(page.getByText("Fagforbundet")).toBeVisible();
  await expect(page.getByText(/særlig kategori personopplysninger/)).toBeVisible();
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

test("the people pages are translated and accessible in nynorsk and English", async ({ page }) => {
  await login(page, "editor");
  const pid = programmeId(page);
  await page.goto(`/p/${pid}/people?affiliation=safety_representative`);
  await page.getByLabel("Språk").selectOption({ label: "Nynorsk" });
  await expect(page.getByRole("heading", { level: 1, name: "Personar" })).toBeVisible();
  const table = page.getByRole("table", { name: "Personar i programmet" });
  await expect(table.getByRole("row")).toHaveCount(1 + 2);
  await expect(table).toContainText("Verneombod");
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await table.getByRole("link", { name: "Heidi Rønning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Heidi Rønning" })).toBeVisible();
  await expect(page.getByText("Tilknyting")).toBeVisible();
  await page.getByRole("button", { name: "Rediger personopplysningar" }).click();
  await expect(page.getByRole("textbox", { name: "Namn" })).toHaveValue("Heidi Rønning");
  await expectAccessible(page);
  await expectNoRawKeys(page);

  await page.getByLabel("Språk").selectOption({ label: "English" });
  await expect(page.getByRole("heading", { level: 2, name: "Edit personal details" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Affiliation" })).toHaveValue("safety_representative");
  await expectAccessible(page);
  await expectNoRawKeys(page);
});

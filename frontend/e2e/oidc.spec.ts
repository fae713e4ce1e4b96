import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, expectNoRawKeys, programmeId } from "./fixtures";

// Sign-in with the identity provider, through a real OpenID Connect provider
// (oidc-provider-mock) that this spec starts on the port after the server's; e2e/serve.sh
// configures Samskap for it (issuer, client, «Testkommune ID»).
const PORT = Number(process.env.SAMSKAP_E2E_PORT ?? 8123);
const ISSUER = `http://127.0.0.1:${PORT + 1}`;
const BUTTON = "Logg inn med Testkommune ID";
let provider: ChildProcess | null = null;

test.beforeAll(async () => {
  provider = spawn(
    path.resolve(process.cwd(), "../.venv/bin/python"),
    ["-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", String(PORT + 1), "--require-nonce"],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${ISSUER}/.well-known/openid-configuration`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the identity provider did not start");
});

test.afterAll(async () => {
  if (!provider || provider.exitCode !== null) return;
  const exited = new Promise((resolve) => provider!.once("exit", resolve));
  provider.kill();
  await exited;
});

/** The claims the provider gives a subject. */
async function claims(subject: string, values: Record<string, unknown>) {
  const r = await fetch(`${ISSUER}/users/${encodeURIComponent(subject)}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(values),
  });
  expect(r.status).toBe(204);
}

/** From the login page, through the provider's form, signed in as `subject`. */
async function signInAs(page: Page, subject: string) {
  await page.getByRole("link", { name: BUTTON }).click();
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/oauth2/authorize`));
  await page.getByPlaceholder("sub").fill(subject);
  await page.getByRole("button", { name: "Authorize" }).click();
}

test("a new person signs in without roles; a verified address signs in to the existing account, back to the page asked for", async ({
  page,
}) => {
  const newcomer = `ny-${Date.now()}`;
  await claims(newcomer, { email: `${newcomer}@kommune.example`, email_verified: true, name: "Nina Nykommer" });
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("link", { name: BUTTON })).toBeVisible();
  await expectAccessible(page);
  await signInAs(page, newcomer);
  // No roles yet: a programme administrator grants them as for anyone.
  await expect(page.getByRole("heading", { level: 1, name: "Programmer" })).toBeVisible();
  await expect(page.getByText("Du har ingen rolle i noe program ennå.")).toBeVisible();
  expect(page.url()).not.toContain("#");
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The programme office's account, whose address the provider has verified: linked once.
  const editor = `kontor-${Date.now()}`;
  await claims(editor, { email: ACCOUNTS.editor.email, email_verified: true, name: "Programkontoret" });
  await signInAs(page, editor);
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]+$/);
  const programme = programmeId(page);
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // Signed out, a page of the programme leads to the login page and back to it afterwards.
  await page.goto(`/p/${programme}/deadlines`);
  await expect(page).toHaveURL(/\/login$/);
  await signInAs(page, editor);
  await expect(page).toHaveURL(new RegExp(`/p/${programme}/deadlines$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

for (const [locale, denied, signIn, refused, back] of [
  [
    "nb",
    "Identitetsleverandøren logget deg ikke inn.",
    BUTTON,
    "Innloggingen kunne ikke fullføres",
    "Tilbake til innlogging",
  ],
  [
    "nn",
    "Identitetsleverandøren logga deg ikkje inn.",
    BUTTON,
    "Innlogginga kunne ikkje fullførast",
    "Tilbake til innlogging",
  ],
  [
    "en",
    "The identity provider did not sign you in.",
    "Sign in with Testkommune ID",
    "Signing in could not be completed",
    "Back to the login page",
  ],
] as const) {
  test(`a refused sign-in is explained on the login page in ${locale}, at 320 px`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem("samskap.locale", l), locale);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto("/login");
    await page.getByRole("link", { name: signIn }).click();
    await expect(page).toHaveURL(new RegExp(`^${ISSUER}/oauth2/authorize`));
    await page.getByRole("button", { name: "Deny" }).click();
    await expect(page).toHaveURL(/\/login\?error=oidc_denied$/);
    await expect(page.getByRole("alert")).toHaveText(denied);
    await expectAccessible(page);
    await expectNoRawKeys(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Keyboard: the provider's button is the first thing Tab reaches.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: signIn })).toBeFocused();

    // A one-time code that does not work (used, expired or made up) leads back to the login.
    await page.goto("/login/oidc#code=smo_not.a.code");
    await expect(page.getByRole("alert")).toContainText(refused);
    await expect(page).not.toHaveURL(/#/);
    await expectAccessible(page);
    await expectNoRawKeys(page);
    await page.getByRole("link", { name: back }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
}

import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** The demo accounts (see backend/samskap/demo/accounts.py). */
export const ACCOUNTS = {
  admin: { email: "admin@samskap.example", password: "demo-admin-samskap" },
  programmeAdmin: { email: "programleder@nordrefollo.example", password: "demo-programleder" },
  editor: { email: "programkontor@nordrefollo.example", password: "demo-programkontor" },
  member: { email: "medlem@nordrefollo.example", password: "demo-medlem-samskap" },
  observer: { email: "observator@nordrefollo.example", password: "demo-observator" },
} as const;

export async function login(page: Page, account: keyof typeof ACCOUNTS = "editor") {
  await page.goto("/login");
  await page.getByLabel("E-postadresse").fill(ACCOUNTS[account].email);
  await page.getByLabel("Passord").fill(ACCOUNTS[account].password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  // An account with one programme lands on its overview.
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]+$/);
}

/** The id of the programme the page is in. */
export function programmeId(page: Page): string {
  const match = /\/p\/([0-9a-f-]+)/.exec(page.url());
  if (!match) throw new Error(`not in a programme: ${page.url()}`);
  return match[1];
}

/** No WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  // A dialog fading in has too little contrast for a moment: check the page at rest.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`,
  );
  expect(summary, `axe found violations on ${page.url()}`).toEqual([]);
}

/** Strings that look like untranslated keys (e.g. "tasks.title") in the visible text. */
export async function expectNoRawKeys(page: Page) {
  const text = (await page.locator("body").innerText()).replace(/\S+@\S+/g, " ");
  const raw = text.match(/\b[a-z]+(?:\.[a-zA-Z0-9]+){1,3}\b/g) ?? [];
  // File names (a download is announced by its name) are no keys.
  const suspicious = raw.filter((s) => !/@|\.(no|example|com|pdf|csv|xlsx|zip|json|jsonl)$/.test(s) && !/^\d/.test(s));
  expect(suspicious, `untranslated keys on ${page.url()}`).toEqual([]);
}

/** Wait until a dialog has finished opening, so that what is tested is what the user sees. */
export async function opened(dialog: Locator) {
  await expect(dialog).toBeVisible();
  await dialog.evaluate((element) =>
    Promise.all(
      element
        .getAnimations({ subtree: true })
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished),
    ),
  );
}

import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { appPages, demoRecords, routerPatterns, signIn, visit, type AppPage } from "./pages";

// Every page of the app on a phone (320 and 390 px), on a desktop (1280 px) and with text at
// 200 %: nothing scrolls sideways (WCAG 1.4.10 and 1.4.4), and the menu folds behind a button
// on the phone.

test("every route of the app has a page in e2e/pages.ts", async ({ request }) => {
  const routes = routerPatterns(readFileSync(new URL("../src/router.tsx", import.meta.url), "utf8"));
  expect(routes.length, "routes read from src/router.tsx").toBeGreaterThan(40);
  const covered = new Set(appPages(await demoRecords(request)).map((p) => p.route));
  expect(routes.filter((route) => !covered.has(route)), "routes without a page in e2e/pages.ts").toEqual([]);
});

/** Visits every page as its account and lists those wider than the window, with how wide. */
async function widePages(page: Page, pages: AppPage[], width: number): Promise<string[]> {
  const wide: string[] = [];
  let account: AppPage["account"] | undefined;
  for (const target of [...pages].sort((a, b) => String(a.account).localeCompare(String(b.account)))) {
    if (target.account !== account) {
      await page.evaluate(() => sessionStorage.clear()).catch(() => undefined);
      if (target.account) await signIn(page, target.account);
      account = target.account;
    }
    await visit(page, target);
    const measured = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      // The innermost elements that stick out past the window, to say where to look.
      culprits: [...document.querySelectorAll("body *")]
        .filter((element) => {
          const sticksOut = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 1;
          const scrolls = (e: Element) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(e).overflowX);
          if (!sticksOut(element)) return false;
          // What a box of its own scrolls does not widen the page.
          for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
            if (scrolls(up)) return false;
          }
          return scrolls(element) || ![...element.children].some(sticksOut);
        })
        .concat(
          // Text running out of its box (a word too long for it) sticks out by itself.
          [...document.querySelectorAll("body *")].filter((element) =>
            [...element.childNodes].some((node) => {
              if (node.nodeType !== Node.TEXT_NODE) return false;
              const range = document.createRange();
              range.selectNodeContents(node);
              return range.getBoundingClientRect().right > window.innerWidth + 1;
            }),
          ),
        )
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(" ")[0]}` : ""} «${(e.textContent ?? "").trim().slice(0, 30)}»`),
    }));
    if (measured.document !== width) {
      wide.push(`${target.path} (${target.account ?? "no account"}): ${measured.document} px; ${measured.culprits.join(", ")}`);
    }
  }
  return wide;
}

for (const width of [320, 390]) {
  test(`no page scrolls sideways at ${width} px in bokmål`, async ({ page, request }) => {
    test.setTimeout(600_000);
    const pages = appPages(await demoRecords(request));
    await page.setViewportSize({ width, height: 800 });
    expect(await widePages(page, pages, width), `pages wider than ${width} px`).toEqual([]);
  });
}

test("no page scrolls sideways at 1280 px with text at 200 %", async ({ page, request }) => {
  test.setTimeout(600_000);
  const pages = appPages(await demoRecords(request));
  await page.setViewportSize({ width: 1280, height: 900 });
  // The browser's text size setting: every rem and em of the app doubles, the window does not.
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      document.documentElement.style.fontSize = "200%";
    });
  });
  expect(await widePages(page, pages, 1280), "pages wider than 1280 px with large text").toEqual([]);
});

test("the menu folds behind a button at 320 px and opens, tabs through and closes by keyboard", async ({ page, request }) => {
  const records = await demoRecords(request);
  await page.setViewportSize({ width: 320, height: 800 });
  await signIn(page, "admin");
  await page.goto(`/p/${records.nordreFollo}/tasks`);
  const button = page.getByRole("button", { name: "Meny" });
  const nav = page.getByRole("navigation", { name: "Nordre Follo 2020" });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await expect(page.getByRole("link", { name: "Min side" })).toBeHidden();
  const menu = page.locator(`#${await button.getAttribute("aria-controls")}`);

  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  await expect(page.getByRole("link", { name: "Min side" })).toBeFocused();
  // Tab goes through every link and control of the menu, in the order shown, then leaves it.
  const stops = await menu.locator("a[href], button, select").count();
  const seen: string[] = [];
  for (let i = 0; i < stops; i += 1) {
    seen.push(await page.evaluate(() => (document.activeElement?.textContent || document.activeElement?.getAttribute("aria-label") || "").trim()));
    expect(await menu.evaluate((m) => m.contains(document.activeElement)), `stop ${i + 1} of the menu`).toBe(true);
    await page.keyboard.press("Tab");
  }
  expect(seen).toContain("Oppgaver");
  expect(seen).toContain("Logg ut");
  expect(await menu.evaluate((m) => m.contains(document.activeElement))).toBe(false);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);

  await nav.getByRole("link", { name: "Frister" }).focus();
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(button).toBeFocused();
  await expect(nav).toBeHidden();

  // A link chosen in the menu leads to its page with the menu closed.
  await button.click();
  await nav.getByRole("link", { name: "Frister" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Frister" })).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
});

test("at 1280 px the menu is open without a button and the English header's tools keep to one line", async ({ page, request }) => {
  const records = await demoRecords(request);
  await page.addInitScript(() => localStorage.setItem("samskap.locale", "en"));
  await signIn(page, "admin");
  await page.goto(`/p/${records.nordreFollo}`);
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Nordre Follo 2020" }).getByRole("link", { name: "Tasks" })).toBeVisible();
  const header = page.getByRole("banner");
  const tops = await Promise.all(
    [
      header.getByRole("link", { name: "Samskap" }),
      header.getByRole("link", { name: "My page" }),
      header.getByRole("link", { name: "Settings", exact: true }),
      header.getByRole("combobox", { name: "Language" }),
      header.getByRole("button", { name: "Log out" }),
    ].map(async (locator) => {
      const box = (await locator.boundingBox())!;
      return box.y + box.height / 2;
    }),
  );
  // Their middles on one line (within a few pixels).
  expect(Math.max(...tops) - Math.min(...tops), `middles at ${tops.join(", ")}`).toBeLessThan(8);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
});

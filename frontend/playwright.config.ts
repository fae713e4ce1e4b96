import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.SAMSKAP_E2E_PORT ?? 8123);

// Browser tests drive Debian's Chromium against the real backend on a fresh SQLite database
// with the demo programmes, serving the production build of the app (see e2e/serve.sh).
// The time limits fit a busy 2-core machine, where a page that takes 1 s on an idle laptop
// can take several: the longest test, a dozen pages and dialogs, took 35 s under load.
export default defineConfig({
  testDir: "e2e",
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
    viewport: { width: 1280, height: 900 },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: `bash e2e/serve.sh ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    reuseExistingServer: false,
    // Serving a copy of the prepared database takes seconds; preparing it (when make has not
    // done so before) takes up to a few minutes on a busy machine.
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});

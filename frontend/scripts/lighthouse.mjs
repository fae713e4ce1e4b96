// Lighthouse on the first pages, as a user meets them: the login page, and a programme's
// overview after logging in as the demo programme leader; mobile (Lighthouse's default
// throttling) and the desktop preset; performance, accessibility and best practices.
//
//   make lighthouse            (builds the web app, then runs this)
//   node scripts/lighthouse.mjs
//
// It serves the built app (dist/) with the browser tests' backend (e2e/serve.sh: the demo
// on a fresh SQLite copy) on LIGHTHOUSE_PORT (8190 unless set), drives Chromium
// (CHROME_PATH, /usr/bin/chromium unless set) and writes every report to var/lighthouse/.
// LIGHTHOUSE_RUNS=n measures each page n times and keeps the run with the median
// performance score.
//
// Mobile slows the CPU down by 4 for a host of a fast desktop's power. On a slower or busy
// host that would simulate a far slower phone, so the multiplier is calibrated to the host's
// BenchmarkIndex just before each mobile run, as Lighthouse's documentation on CPU throttling
// describes (its calculator: 1300 -> 3x, 800 -> 2x, 150 and below -> 1x);
// LIGHTHOUSE_CPU_MULTIPLIER=4 fixes it instead. The desktop preset never slows the CPU.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { throttling } from "lighthouse/core/config/constants.js";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";
import puppeteer from "puppeteer-core";

const frontend = new URL("..", import.meta.url).pathname;
const root = join(frontend, "..");
const port = Number(process.env.LIGHTHOUSE_PORT ?? 8190);
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const origin = `http://127.0.0.1:${port}`;
const out = join(root, "var", "lighthouse");
const CATEGORIES = ["performance", "accessibility", "best-practices"];
// The demo's programme leader (backend/samskap/demo/accounts.py, e2e/fixtures.ts).
const ACCOUNT = { email: "programleder@nordrefollo.example", password: "demo-programleder" };

if (!existsSync(join(frontend, "dist", "index.html"))) {
  console.error("no dist/index.html: build the web app first (npx vite build, or make lighthouse)");
  process.exit(1);
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: frontend, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args} exited ${code}`))));
  });
}

async function startBackend() {
  await run("bash", ["e2e/serve.sh", "--prepare"]);
  const server = spawn("bash", ["e2e/serve.sh", String(port)], {
    cwd: frontend,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`e2e/serve.sh exited ${server.exitCode}`);
    try {
      if ((await fetch(`${origin}/api/v1/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the backend did not answer on ${origin} within two minutes`);
}

// Lighthouse's CPU throttling calculator (docs/throttling.md, "Calibrating multipliers").
function cpuMultiplier(benchmarkIndex) {
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  if (benchmarkIndex >= 150) return 1 + (benchmarkIndex - 150) / 650;
  return 1;
}

async function logIn(page) {
  await page.goto(`${origin}/login`, { waitUntil: "networkidle0" });
  await page.type("input[type=email], input[autocomplete=username]", ACCOUNT.email);
  await page.type("input[type=password]", ACCOUNT.password);
  await Promise.all([
    page.waitForFunction(() => /\/p\/[0-9a-f-]+$/.test(location.pathname), { timeout: 60_000 }),
    page.keyboard.press("Enter"),
  ]);
  return page.url();
}

async function measure(browser, { name, url, device, session }) {
  const reports = [];
  // A run whose trace Lighthouse could not read (NO_NAVSTART on a busy host) is tried again.
  for (let n = 0, failed = 0; n < runs; n++) {
    // A tab of its own: the app keeps its session per tab (sessionStorage).
    const page = await browser.newPage();
    if (session) await logIn(page);
    // Measured as a first visit: nothing of the app in the browser's cache.
    const cdp = await page.createCDPSession();
    await cdp.send("Network.clearBrowserCache");
    await cdp.detach();
    let multiplier = 1;
    if (device === "mobile") {
      const fixed = process.env.LIGHTHOUSE_CPU_MULTIPLIER;
      const index = fixed ? NaN : await page.evaluate(pageFunctions.computeBenchmarkIndex);
      multiplier = fixed ? Number(fixed) : Number(cpuMultiplier(index).toFixed(2));
    }
    const flags = {
      logLevel: "error",
      ...(device === "mobile" ? { throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: multiplier } } : {}),
      output: "json",
      onlyCategories: CATEGORIES,
      // Keep the tab's session (the overview); the cache was emptied above.
      disableStorageReset: session,
    };
    const result = await lighthouse(url ?? page.url(), flags, device === "desktop" ? desktopConfig : undefined, page);
    await page.close();
    if (result.lhr.runtimeError && failed++ < 2) {
      console.warn(`${name} (${device}): ${result.lhr.runtimeError.code}, measuring again`);
      n--;
      continue;
    }
    reports.push(result.lhr);
  }
  reports.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const lhr = reports[Math.floor(reports.length / 2)];
  writeFileSync(join(out, `${name}-${device}.json`), JSON.stringify(lhr, null, 1));
  const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    page: name,
    device,
    cpu: lhr.configSettings.throttling.cpuSlowdownMultiplier,
    benchmark: Math.round(lhr.environment.benchmarkIndex),
    ...Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)])),
    fcp_ms: Math.round(audit("first-contentful-paint")),
    lcp_ms: Math.round(audit("largest-contentful-paint")),
    tbt_ms: Math.round(audit("total-blocking-time")),
    cls: Number(audit("cumulative-layout-shift").toFixed(3)),
    transfer_kb: Math.round(audit("total-byte-weight") / 1024),
    url: lhr.finalDisplayedUrl,
  };
}

mkdirSync(out, { recursive: true });
const server = await startBackend();
const chrome = await launch({
  chromePath,
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const rows = [];
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
  for (const device of ["mobile", "desktop"]) {
    rows.push(await measure(browser, { name: "login", url: `${origin}/login`, device, session: false }));
    rows.push(await measure(browser, { name: "overview", device, session: true }));
  }
  await browser.disconnect();
} finally {
  chrome.kill();
  process.kill(-server.pid, "SIGTERM");
}

console.table(rows.map(({ url: _url, ...row }) => row));
writeFileSync(join(out, "summary.json"), JSON.stringify({ measured_at: new Date().toISOString(), runs, rows }, null, 2));
console.log(`reports in ${out}`);

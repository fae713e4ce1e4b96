// The first page's JavaScript (the entry script and what index.html preloads, bokmål's
// strings included) must stay within the budget, gzipped. Later pages, and the other
// languages' strings, load their own chunks on demand.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 190;
const dist = new URL("../dist/", import.meta.url).pathname;
const html = readFileSync(join(dist, "index.html"), "utf8");
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of new Set(scripts)) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`first page: ${(total / 1024).toFixed(1)} KB gzipped; budget ${BUDGET_KB} KB`);
if (total > BUDGET_KB * 1024) {
  console.error("over budget");
  process.exit(1);
}

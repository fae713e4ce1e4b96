import { describe, expect, it } from "vitest";

// The strings that travel with the webhook, settings and programme settings pages (see
// addMessages): the shared translation test sees only those of the first page.
const files = import.meta.glob<{ default: Record<string, string> }>(
  ["./i18n/page/*.json", "../settings/i18n/page/*.json", "../programmes/i18n/page/*.json"],
  { eager: true },
);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the pages' own strings", () => {
  for (const folder of ["./i18n/page", "../settings/i18n/page", "../programmes/i18n/page"]) {
    it(`are in bokmål, nynorsk and English with the same placeholders: ${folder}`, () => {
      const [nb, nn, en] = ["nb", "nn", "en"].map((l) => files[`${folder}/${l}.json`].default);
      expect(Object.keys(nb).length).toBeGreaterThan(5);
      for (const other of [nn, en]) {
        expect(Object.keys(other).sort()).toEqual(Object.keys(nb).sort());
        for (const [key, text] of Object.entries(nb)) {
          expect(other[key].trim(), key).not.toBe("");
          expect(placeholders(other[key]), key).toEqual(placeholders(text));
        }
      }
    });
  }
});

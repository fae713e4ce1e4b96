import { describe, expect, it } from "vitest";
import { LOCALES, MESSAGES, translate } from ".";

describe("translations", () => {
  it("have every key in bokmål, nynorsk and English, none of them empty", () => {
    const keys = new Set(LOCALES.flatMap((l) => Object.keys(MESSAGES[l])));
    expect(keys.size).toBeGreaterThan(100);
    for (const locale of LOCALES) {
      const missing = [...keys].filter((k) => !MESSAGES[locale][k]?.trim());
      expect(missing, `missing in ${locale}`).toEqual([]);
    }
  });

  it("use the same placeholders in every language", () => {
    for (const key of Object.keys(MESSAGES.nb)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const locale of LOCALES) {
        expect(names(MESSAGES[locale][key]), `${locale} ${key}`).toEqual(names(MESSAGES.nb[key]));
      }
    }
  });

  it("fill in placeholders and fall back to the key only when it is unknown", () => {
    expect(translate("nn", "overview.overdue", { count: 3 })).toBe("Forfalne fristar (3)");
    expect(translate("en", "no.such.key")).toBe("no.such.key");
  });
});

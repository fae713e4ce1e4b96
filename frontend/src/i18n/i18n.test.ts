import { describe, expect, it } from "vitest";
import { isLocaleLoaded, loadLocale, LOCALES, MESSAGES, translate } from ".";

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

describe("one chunk per language", () => {
  it("holds the shared and every feature's strings in that language only", async () => {
    const [nb, nn, en] = await Promise.all([import("./locales/nb"), import("./locales/nn"), import("./locales/en")]);
    expect(Object.keys(nn.default).sort()).toEqual(Object.keys(nb.default).sort());
    expect(Object.keys(en.default).sort()).toEqual(Object.keys(nb.default).sort());
    expect(nn.default["overview.overdue"]).toBe("Forfalne fristar ({count})");
    expect(en.default["overview.overdue"]).not.toBe(nn.default["overview.overdue"]);
    expect(nb.default["overview.overdue"]).not.toBe(nn.default["overview.overdue"]);
  });

  it("is what the app's tables hold once loaded", async () => {
    await Promise.all(LOCALES.map(loadLocale));
    for (const locale of LOCALES) {
      expect(isLocaleLoaded(locale)).toBe(true);
      const chunk = (await import(`./locales/${locale}.ts`)) as { default: Record<string, string> };
      for (const [key, text] of Object.entries(chunk.default)) expect(MESSAGES[locale][key], key).toBe(text);
    }
  });
});

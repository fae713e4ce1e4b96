import { describe, expect, it } from "vitest";
import { LOCALES, MESSAGES, translate, type Locale } from "../../i18n";
import "./messages";
import { KNOWN_TYPES, notificationText, type Wording } from "./wording";

function wording(locale: Locale): Wording {
  const tag = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" }[locale];
  return {
    t: (key, vars) => translate(locale, key, vars),
    formatDate: (v) => new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "Europe/Oslo" }).format(new Date(`${v}T12:00:00Z`)),
    formatDateTime: (v) =>
      new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Oslo" }).format(new Date(v)),
  };
}

const FACTS: Record<string, Record<string, unknown>> = {
  "deadline.due_soon": { title: "Budsjettinnspill", due_at: "2026-12-10T11:00:00Z" },
  "deadline.overdue": { title: "Budsjettinnspill", due_at: "2026-12-01T11:00:00Z" },
  "event.created": { title: "Fellesnemnd", starts_at: "2026-12-15T08:00:00Z" },
  "event.updated": { title: "Fellesnemnd", starts_at: "2026-12-16T08:00:00Z", changed: ["starts_at"], invited: false },
  "event.deleted": { title: "Fellesnemnd", cancelled: true },
  "hearing.updated": { title: "Ny organisasjonsmodell", status: "open", deadline_at: "2027-01-10T15:00:00Z" },
  "decision.finalised": { title: "Vedtak om lokalisering" },
  "phase.completed": { title: "Utredning" },
  "compliance.finding_opened": { rule: "no_such_rule_yet", title: "Partssammensetning" },
  "import.finished": { title: "personer.csv", filename: "personer.csv", status: "succeeded" },
  "webhook.disabled": { url: "https://intranett.kommune.example/hooks" },
};

describe("notificationText", () => {
  for (const locale of LOCALES) {
    it(`words every type of the contract with its facts in ${locale}`, () => {
      const w = wording(locale);
      for (const type of KNOWN_TYPES) {
        const text = notificationText({ type, facts: FACTS[type] }, w);
        expect(text, type).not.toMatch(/notifications\.|\{\w+\}/);
        const named = String(FACTS[type].title ?? FACTS[type].url);
        expect(text, type).toContain(named);
      }
    });

    it(`words every type without facts, and an unknown type, in ${locale}`, () => {
      const w = wording(locale);
      for (const type of [...KNOWN_TYPES, "survey_round.created", "x"]) {
        const text = notificationText({ type, facts: {} }, w);
        expect(text, type).not.toMatch(/notifications\.|\{\w+\}|undefined/);
        expect(text.length, type).toBeGreaterThan(5);
      }
    });
  }

  it("says when a deadline is due, in Oslo time", () => {
    const text = notificationText(
      { type: "deadline.due_soon", facts: { title: "Budsjettinnspill", due_at: "2026-12-10T11:00:00Z" } },
      wording("nb"),
    );
    expect(text).toBe("Fristen «Budsjettinnspill» går ut 10. des. 2026, 12:00.");
  });

  it("says a meeting has moved only when its time changed, and invites one just added", () => {
    const w = wording("en");
    const facts = { title: "Fellesnemnd", starts_at: "2026-12-16T08:00:00Z", invited: false };
    expect(notificationText({ type: "event.updated", facts: { ...facts, changed: ["location"] } }, w)).toBe(
      "The meeting “Fellesnemnd” has changed.",
    );
    expect(notificationText({ type: "event.updated", facts: { ...facts, changed: ["starts_at"] } }, w)).toBe(
      "The meeting “Fellesnemnd” has changed: it is now on 16 Dec 2026, 09:00.",
    );
    expect(notificationText({ type: "event.updated", facts: { ...facts, changed: [], invited: true } }, w)).toBe(
      "You are invited to “Fellesnemnd” on 16 Dec 2026, 09:00.",
    );
  });

  it("says that a meeting is cancelled rather than changed", () => {
    const text = notificationText(
      { type: "event.updated", facts: { title: "Fellesnemnd", cancelled: true } },
      wording("en"),
    );
    expect(text).toBe("The meeting “Fellesnemnd” is cancelled.");
  });

  it("names a known compliance rule in the user's language", () => {
    const rule = Object.keys(MESSAGES.nb).find((k) => k.startsWith("compliance.rule."))!.slice("compliance.rule.".length);
    const text = notificationText({ type: "compliance.finding_opened", facts: { rule } }, wording("nb"));
    expect(text).toContain(MESSAGES.nb[`compliance.rule.${rule}`]);
  });

  it("has the page's strings in every language", () => {
    const keys = Object.keys(MESSAGES.nb).filter((k) => k.startsWith("notifications."));
    expect(keys.length).toBeGreaterThan(40);
    for (const locale of LOCALES) {
      expect(keys.filter((k) => !MESSAGES[locale][k]), locale).toEqual([]);
    }
  });
});

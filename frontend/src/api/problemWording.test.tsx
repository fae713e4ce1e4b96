import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, test } from "vitest";
import { I18nProvider, type Locale } from "../i18n";
import { ApiProblem, type ProblemItem } from "./problem";
import { fieldOf, useProblemWording, type Overrides } from "./problemWording";

function wordingIn(locale: Locale, overrides?: Overrides) {
  const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider locale={locale}>{children}</I18nProvider>;
  return renderHook(() => useProblemWording(overrides), { wrapper }).result.current;
}

const tooLong: ProblemItem = {
  pointer: "/title",
  code: "string_too_long",
  params: { max_length: "300" },
  detail: "String should have at most 300 characters",
};

describe("wording a problem item", () => {
  test("a validator's code is worded in bokmål, nynorsk and English with its limit", () => {
    expect(wordingIn("nb")(tooLong)).toBe("Kan ha høyst 300 tegn.");
    expect(wordingIn("nn")(tooLong)).toBe("Kan ha høgst 300 teikn.");
    expect(wordingIn("en")(tooLong)).toBe("Must have at most 300 characters.");
  });

  test("a rule's code is worded with its particulars as the language writes them", () => {
    const item: ProblemItem = {
      pointer: "/ends_on",
      code: "before_start",
      params: { field: "starts_on", value: "2018-01-01" },
      detail: "must not be before starts_on (2018-01-01)",
    };
    expect(wordingIn("nb")(item)).toBe("Kan ikke være før starten (1. jan. 2018).");
    expect(wordingIn("en")(item)).toBe("Must not be before the start (1 Jan 2018).");
  });

  test("an empty text is worded as missing, whatever the validator calls it", () => {
    const empty: ProblemItem = { pointer: "/title", code: "string_too_short", params: { min_length: "1" }, detail: "x" };
    expect(wordingIn("nb")(empty)).toBe("Må fylles ut.");
    expect(wordingIn("nb")({ pointer: "/title", code: "missing", detail: "Field required" })).toBe("Må fylles ut.");
    expect(wordingIn("nb")({ ...empty, params: { min_length: "12" } })).toBe("Må ha minst 12 tegn.");
  });

  test("validator codes that mean the same to a user read the same", () => {
    const word = wordingIn("en");
    expect(word({ pointer: "/due_on", code: "date_from_datetime_parsing", detail: "x" })).toBe(
      "Must be a date (YYYY-MM-DD).",
    );
    expect(word({ pointer: "/head_count", code: "int_from_float", detail: "x" })).toBe("Must be a whole number.");
  });

  test("a form's own sentence is chosen by field and code, list indices included", () => {
    const overrides: Overrides = {
      assignee_id: { unknown_reference: "tasks.error.assigneeUnknown" },
      "participants/*/person_id": { duplicate: "events.error.listedTwice" },
    };
    const word = wordingIn("nb", overrides);
    const unknown = { code: "unknown_reference", detail: "no person with this id in the programme" };
    expect(word({ pointer: "/assignee_id", ...unknown })).toBe("Velg en person i programmet.");
    // The same code at another field gets the shared sentence.
    expect(word({ pointer: "/project_id", ...unknown })).toBe("Finnes ikke i programmet.");
    expect(word({ pointer: "/participants/3/person_id", code: "duplicate", detail: "listed twice" })).toBe(
      "Personen er allerede invitert.",
    );
    expect(fieldOf({ pointer: "/agenda/12/time", detail: "" })).toBe("agenda/*/time");
    expect(fieldOf({ parameter: "If-Match", detail: "" })).toBe("If-Match");
  });

  test("a code the app does not know, or no code, shows the API's own text", () => {
    const word = wordingIn("nb");
    expect(word({ pointer: "/title", code: "moon_not_full", detail: "the moon was not full" })).toBe(
      "the moon was not full",
    );
    expect(word({ pointer: "/title", detail: "String should have at most 300 characters" })).toBe(
      "String should have at most 300 characters",
    );
  });

  test("every rule code the API gives has a sentence", () => {
    // The services' codes (backend/samskap/**/service.py, problems.py and the rule modules).
    const codes = [
      "unknown_reference",
      "before_start",
      "in_future",
      "duplicate",
      "not_nullable",
      "cycle",
      "too_deep",
      "mandate_transition",
      "mandate_text_required",
      "mandate_decision_required",
      "decision_not_final",
      "decision_archived",
      "approving_body_missing",
      "approving_body_not_above",
      "decision_on_another_matter",
      "approved_before_decision",
      "reason_required",
      "explanation_required",
      "allocation_needs_leader",
      "protocol_not_allowed",
      "meeting_not_started",
      "unknown_municipality",
      "participants_required",
      "union_not_allowed",
      "one_responsible_required",
      "expiry_out_of_range",
      "already_in_use",
      "already_member",
      "results_open",
      "if_match_required",
      "unknown_parameter",
      "control_character",
    ];
    for (const locale of ["nb", "nn", "en"] as const) {
      const word = wordingIn(locale);
      for (const code of codes) {
        expect(word({ pointer: "/x", code, detail: "ENGLISH" }), `${locale} ${code}`).not.toBe("ENGLISH");
      }
    }
  });
});

describe("ApiProblem.fieldErrors", () => {
  test("words each field's items, joins several at one field and names query parameters", () => {
    const problem = new ApiProblem(422, {
      errors: [
        tooLong,
        { pointer: "/mandate_decision_id", code: "decision_not_final", detail: "the decision is not final yet" },
        { pointer: "/mandate_decision_id", code: "decision_archived", detail: "the decision is archived" },
        { parameter: "as_of", code: "in_future", params: { today: "2026-03-02" }, detail: "x" },
      ],
    });
    expect(problem.fieldErrors(wordingIn("nb"))).toEqual({
      title: "Kan ha høyst 300 tegn.",
      mandate_decision_id: "Vedtaket er ikke endelig. Vedtaket er arkivert.",
      as_of: "Kan ikke være fram i tid.",
    });
    expect(problem.fields()).toEqual(["title", "mandate_decision_id", "as_of"]);
  });
});

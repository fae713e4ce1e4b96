import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, test } from "vitest";
import type { Finding } from "../../api/queries/compliance";
import { I18nProvider, useI18n, type Locale } from "../../i18n";
import { recordUrl } from "../compliance/records";
import { findingMessage, ruleTitle } from "../compliance/wording";

function i18nIn(locale: Locale) {
  const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider locale={locale}>{children}</I18nProvider>;
  return renderHook(() => useI18n(), { wrapper }).result.current;
}

const aFinding = (rule: string, facts: Finding["facts"], record_type: string): Finding => ({
  rule,
  title: rule,
  source: "Sørum kommune (seed 001)",
  message: `English: ${rule}`,
  facts,
  record_type,
  record_id: "00000000-0000-7000-8000-0000000000e1",
  project_id: null,
});

const late = aFinding(
  "measure-result",
  { measure: "Kompetansetiltak", due_on: "2014-06-30", status: "in_progress" },
  "measure",
);
const unassessed = aFinding(
  "group-criteria-assessed",
  { group: "Arbeidslag lærlinger", missing: ["Tverrfaglig", "Koordinator"], count: 2 },
  "group",
);

describe("the findings of measures and criteria", () => {
  test.each<[Locale, string, string]>([
    ["nb", "Tiltaket «Kompetansetiltak» hadde frist 30. juni 2014 og har ikke dokumentert resultat", "Arbeidslag lærlinger er ikke vurdert mot: Tverrfaglig, Koordinator"],
    ["nn", "Tiltaket «Kompetansetiltak» hadde frist 30. juni 2014 og har ikkje dokumentert resultat", "Arbeidslag lærlinger er ikkje vurdert mot: Tverrfaglig, Koordinator"],
    ["en", "The measure «Kompetansetiltak» was due 30 Jun 2014 and has no documented result", "Arbeidslag lærlinger is not assessed against: Tverrfaglig, Koordinator"],
  ])("are worded from their facts in %s", (locale, measure, group) => {
    const i18n = i18nIn(locale);
    expect(findingMessage(i18n.t, i18n, late)).toBe(measure);
    expect(findingMessage(i18n.t, i18n, unassessed)).toBe(group);
    expect(ruleTitle(i18n.t, "measure-result", "x")).not.toBe("x");
    expect(ruleTitle(i18n.t, "group-criteria-assessed", "x")).not.toBe("x");
  });

  test("a measure past due links to the measures past due without a result", () => {
    expect(recordUrl("p1", late)).toBe("/p/p1/measures?overdue=1");
  });
});

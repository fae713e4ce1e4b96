import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, test } from "vitest";
import type { Finding } from "../../api/queries/compliance";
import { I18nProvider, useI18n, type Locale } from "../../i18n";
import { findingMessage, missingItem, refusalItem } from "./wording";

function i18nIn(locale: Locale) {
  const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider locale={locale}>{children}</I18nProvider>;
  return renderHook(() => useI18n(), { wrapper }).result.current;
}

const aFinding = (rule: string, facts: Finding["facts"], message = `English: ${rule}`): Finding => ({
  rule,
  title: rule,
  source: "Kilde",
  message,
  facts,
  record_type: "group",
  record_id: "00000000-0000-7000-8000-0000000000g1",
  project_id: null,
});

const BOARD = "Prosjektstyre Helse og velferd";

describe("findingMessage", () => {
  test.each<[string, Finding["facts"], string]>([
    [
      "three-party-balance",
      { group: "Trepartsforum", politicians: 3, administration: 3, employees: 2 },
      "Trepartsforum: 3 folkevalgte, 3 fra administrasjonen, 2 fra de ansatte",
    ],
    [
      "board-municipalities",
      { group: BOARD, municipalities: ["Ski", "Oppegård"] },
      `${BOARD}: ingen leder fra Ski, Oppegård`,
    ],
    ["board-union-representative", { group: BOARD }, `${BOARD}: ingen tillitsvalgt`],
    ["board-nav", { group: BOARD }, `${BOARD}: prosjektet berører NAV, men NAV er ikke med`],
    [
      "joint-consultative-committee-sides",
      { group: "Partssammensatt utvalg", employer: 2, employees: 2 },
      "Partssammensatt utvalg: 2 på arbeidsgiversiden, 2 på arbeidstakersiden",
    ],
    ["allocation-over-100", { person: "Hanne Holm", total: 110 }, "Hanne Holm: 110 %"],
    [
      "mandate-approved",
      { project: "HV1", mandate_status: "proposed" },
      "HV1: mandatet er ikke godkjent (status: Foreslått)",
    ],
    [
      "employee-involvement-60-days",
      { project: "HV1", since: "2026-09-26" },
      "HV1: ingen involvering av ansatte eller tillitsvalgte registrert siden 26. sep. 2026",
    ],
    [
      "overdue-deadline",
      { deadline: "Arbeidsbok versjon 2", due_at: "2018-11-23T11:00:00Z" },
      "«Arbeidsbok versjon 2» hadde frist 23. nov. 2018, 12:00",
    ],
    [
      "reorganisation-consultation",
      { decision: "Ny organisering", state: "draft", missing: ["no_consultation_linked"] },
      "«Ny organisering» kan ikke gjøres endelig: ingen drøftingsmøte om saken er knyttet til vedtaket",
    ],
    [
      "reorganisation-consultation",
      {
        decision: "Ny organisering",
        state: "draft",
        missing: ["not_a_consultation_meeting", "protocol_signed_after_decision", "no_union_representative_present"],
        signed_on: "2018-12-20",
        decided_on: "2018-12-14",
      },
      "«Ny organisering» kan ikke gjøres endelig: møtet som er knyttet til vedtaket, er ikke et drøftingsmøte; " +
        "protokollen ble signert 20. des. 2018, etter vedtaksdatoen (14. des. 2018); " +
        "ingen tillitsvalgt deltok i drøftingsmøtet",
    ],
    [
      "reorganisation-consultation",
      {
        decision: "Ny organisering",
        state: "final_by_override",
        override_reason: "Protokollen ettersendes",
        missing: ["protocol_unsigned"],
      },
      "«Ny organisering» ble gjort endelig uten drøfting (drøftingsmøtet har ingen signert protokoll). " +
        "Begrunnelse: Protokollen ettersendes",
    ],
  ])("words %s in bokmål from its facts", (rule, facts, expected) => {
    const i18n = i18nIn("nb");
    expect(findingMessage(i18n.t, i18n, aFinding(rule, facts))).toBe(expected);
  });

  test("words a finding in English", () => {
    const i18n = i18nIn("en");
    const finding = aFinding("overdue-deadline", { deadline: "Workbook 2", due_at: "2018-11-23T11:00:00Z" });
    expect(findingMessage(i18n.t, i18n, finding)).toBe("«Workbook 2» was due 23 Nov 2018, 12:00");
  });

  test("keeps the API's English for a rule, or a missing item, it does not know", () => {
    const i18n = i18nIn("nb");
    expect(findingMessage(i18n.t, i18n, aFinding("new-rule", { group: BOARD }, "Something new"))).toBe("Something new");
    const unknown = aFinding(
      "reorganisation-consultation",
      { decision: "X", state: "draft", missing: ["moon_not_full"] },
      "«X» (cannot be made final); missing: the moon was not full",
    );
    expect(findingMessage(i18n.t, i18n, unknown)).toBe(unknown.message);
  });
});

describe("the items of a refusal to finalise", () => {
  test("are worded from their codes, and keep the API's words for a code not known", () => {
    const i18n = i18nIn("nb");
    expect(missingItem(i18n.t, i18n, "protocol_unsigned")).toBe("drøftingsmøtet har ingen signert protokoll");
    expect(missingItem(i18n.t, i18n, "moon_not_full")).toBeUndefined();
    expect(refusalItem(i18n.t, i18n, { detail: "the moon was not full", code: "moon_not_full" })).toBe(
      "the moon was not full",
    );
    expect(refusalItem(i18n.t, i18n, { detail: "English", code: "no_union_representative_present" })).toBe(
      "ingen tillitsvalgt deltok i drøftingsmøtet",
    );
  });
});

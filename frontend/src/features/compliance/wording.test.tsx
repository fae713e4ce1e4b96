import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, test } from "vitest";
import type { Finding } from "../../api/queries/compliance";
import { I18nProvider, useI18n, type Locale } from "../../i18n";
import { approvalItem, findingMessage, missingItem, refusalItem } from "./wording";

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
      "hearing-response-handled",
      { hearing: "Overordnet organisering", count: 2 },
      "Høringen «Overordnet organisering» er avsluttet med 2 ubehandlede uttalelser",
    ],
    [
      "hearing-parties",
      { hearing: "Overordnet organisering", missing: ["union_representatives", "joint_consultative_committee"] },
      "Høringen «Overordnet organisering» angår de ansatte, men er ikke sendt til: de tillitsvalgte, partssammensatt utvalg",
    ],
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
      "version-missing",
      { area: "VO3", submission: "Arbeidsbok Kultur", version: "3", due_at: "2018-11-23T11:00:00Z" },
      "VO3: versjon 3 av «Arbeidsbok Kultur» hadde frist 23. nov. 2018, 12:00 og er ikke levert",
    ],
    [
      "version-late",
      {
        area: "VO2",
        submission: "Arbeidsbok Helse",
        version: "2",
        due_at: "2018-11-23T11:00:00Z",
        submitted_at: "2018-11-26T11:00:00Z",
        late_by_seconds: 3 * 86400,
      },
      "VO2: versjon 2 av «Arbeidsbok Helse» ble levert 3 dager for sent (26. nov. 2018, 12:00)",
    ],
    ["indicator-baseline", { indicator: "Trivsel" }, "Indikatoren «Trivsel» har ikke noe utgangspunkt"],
    [
      "follow-up-overdue",
      { indicator: "Trivsel", last_on: "2014-10-15", due_on: "2015-10-15", interval_months: 12 },
      "Indikatoren «Trivsel» skulle vært målt 15. okt. 2015 (hver 12. måned, sist 15. okt. 2014)",
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
    [
      "reorganisation-consultation",
      { decision: "Ny organisering av A5", state: "draft", missing: ["consultation_on_another_matter"] },
      "«Ny organisering av A5» kan ikke gjøres endelig: drøftingsmøtet gjaldt en annen sak: det er ikke om " +
        "vedtakets prosjekt, og protokollen nevner ikke vedtaket",
    ],
    [
      "project-leader-60-100",
      { project: "A1", state: "allocation", leader: "Line Leder", allocation: 20 },
      "A1: prosjektlederen Line Leder har 20 % stilling i prosjektet",
    ],
    ["project-leader-60-100", { project: "A9", state: "no_leader" }, "A9: prosjektet har ingen prosjektleder"],
    [
      "mandate-approval-decision",
      { record_type: "project", name: "A1", decision: "Godkjenning av mandat", problems: ["decision_archived"] },
      "Mandatet for A1 hviler ikke på et gyldig vedtak («Godkjenning av mandat»): vedtaket er arkivert",
    ],
    [
      "mandate-approval-decision",
      {
        record_type: "group",
        name: "Prosjektstyre A1",
        decision: "Mandat",
        problems: ["approving_body_not_above", "approved_before_decision"],
        body: "Prosjektstyre A1",
        approved_on: "2017-06-01",
        decided_on: "2017-12-12",
      },
      "Mandatet for Prosjektstyre A1 hviler ikke på et gyldig vedtak («Mandat»): Prosjektstyre A1 står ikke " +
        "over organet som foreslo mandatet; mandatet er godkjent 1. juni 2017, før vedtaksdatoen (12. des. 2017)",
    ],
    [
      "mandate-approval-decision",
      { record_type: "project", name: "A2", decision: "", problems: ["mandate_decision_required"] },
      "Mandatet for A2 er godkjent uten et vedtak",
    ],
    [
      "planned-involvement-overdue",
      { project: "A1", matter: "Allmøte om ny organisering", planned_on: "2018-10-11" },
      "A1: «Allmøte om ny organisering» var planlagt 11. okt. 2018 og er ikke gjennomført",
    ],
    [
      "decision-planned-involvement-missed",
      {
        decision: "Organisering av oppvekst",
        decided_on: "2018-12-14",
        count: 2,
        missed: ["Allmøte", "Drøfting med tillitsvalgte"],
      },
      "«Organisering av oppvekst» ble vedtatt 14. des. 2018 før planlagt medvirkning var gjennomført (2): " +
        "Allmøte; Drøfting med tillitsvalgte",
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

  test("words the involvement plan's findings in nynorsk and English", () => {
    const facts = { project: "A1", matter: "Allmøte", planned_on: "2018-10-11" };
    const nn = i18nIn("nn");
    expect(findingMessage(nn.t, nn, aFinding("planned-involvement-overdue", facts))).toBe(
      "A1: «Allmøte» var planlagd 11. okt. 2018 og er ikkje gjennomført",
    );
    const en = i18nIn("en");
    const missed = { decision: "Organisation", decided_on: "2018-12-14", count: 1, missed: ["Allmøte"] };
    expect(findingMessage(en.t, en, aFinding("decision-planned-involvement-missed", missed))).toBe(
      "«Organisation» was decided 14 Dec 2018 before planned involvement had happened (1): Allmøte",
    );
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

describe("the reasons a decision does not approve a mandate", () => {
  test("are worded from their codes in nynorsk and English, and unknown codes are left to the API", () => {
    const nn = i18nIn("nn");
    expect(approvalItem(nn.t, nn, "approving_body_missing", { bodies: "Fellesnemnda" })).toBe(
      "vedtaket har ikkje noko vedtaksorgan; mandatet blir godkjent av Fellesnemnda",
    );
    const en = i18nIn("en");
    expect(approvalItem(en.t, en, "decision_on_another_matter")).toBe(
      "the decision is not about the project or group and does not name it",
    );
    expect(approvalItem(en.t, en, "moon_not_full")).toBeUndefined();
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

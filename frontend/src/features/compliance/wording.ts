import type { ProblemItem } from "../../api/problem";
import type { Finding } from "../../api/queries/compliance";
import type { Translate } from "../../i18n";
import { lateBy } from "../deadlines/lateness";

/** The date formats of useI18n(): shown in the user's language, in Oslo time. */
export interface Formats {
  formatDate: (value: string) => string;
  formatDateTime: (value: string) => string;
}

type Facts = NonNullable<Finding["facts"]>;

/** The reasons the API gives for a reorganisation decision not being final; others are left as the API words them. */
const MISSING_CODES = new Set([
  "no_consultation_linked",
  "not_a_consultation_meeting",
  "protocol_unsigned",
  "protocol_signed_after_decision",
  "no_union_representative_present",
  "consultation_on_another_matter",
]);

/** The reasons the API gives for a decision not approving a mandate. */
const APPROVAL_CODES = new Set([
  "mandate_decision_required",
  "decision_not_final",
  "decision_archived",
  "approving_body_missing",
  "approving_body_not_above",
  "decision_on_another_matter",
  "approved_before_decision",
]);

const text = (value: Facts[string] | undefined): string =>
  Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);

/**
 * What a reorganisation decision lacks to be final, in the user's language; undefined for a
 * code this app does not know, whose English detail is then the best there is.
 */
export function missingItem(
  t: Translate,
  format: Formats,
  code: string,
  params?: Record<string, string | number | string[]> | null,
): string | undefined {
  if (!MISSING_CODES.has(code)) return undefined;
  if (code === "protocol_signed_after_decision") {
    return t(`compliance.missing.${code}`, {
      signed: format.formatDate(text(params?.signed_on)),
      decided: format.formatDate(text(params?.decided_on)),
    });
  }
  return t(`compliance.missing.${code}`);
}

/**
 * Why a decision does not approve a mandate, in the user's language; undefined for a code this
 * app does not know.
 */
export function approvalItem(
  t: Translate,
  format: Formats,
  code: string,
  params?: Record<string, string | number | string[]> | null,
): string | undefined {
  if (!APPROVAL_CODES.has(code)) return undefined;
  return t(`compliance.approval.${code}`, {
    bodies: text(params?.bodies),
    body: text(params?.body),
    approved: params?.approved_on ? format.formatDate(text(params.approved_on)) : "",
    decided: params?.decided_on ? format.formatDate(text(params.decided_on)) : "",
  });
}

/** An item of the API's refusal to finalise a decision: in the user's language where its code is known. */
export function refusalItem(t: Translate, format: Formats, item: ProblemItem): string {
  return (item.code && missingItem(t, format, item.code, item.params)) || item.detail;
}

/** A finding's message in the user's language, from its rule and facts; the API's English for a rule not known here. */
export function findingMessage(t: Translate, format: Formats, finding: Finding): string {
  const facts: Facts = finding.facts ?? {};
  if (Object.keys(facts).length === 0) return finding.message;
  const fact = (key: string) => text(facts[key]);
  const key = `compliance.finding.${finding.rule}`;
  switch (finding.rule) {
    case "three-party-balance":
    case "board-municipalities":
    case "board-union-representative":
    case "board-nav":
    case "joint-consultative-committee-sides":
    case "allocation-over-100":
    case "effect-goal-indicator":
    case "goal-selection-rationale":
      return t(key, Object.fromEntries(Object.keys(facts).map((name) => [name, fact(name)])));
    case "mandate-approved":
      return t(key, {
        project: fact("project"),
        status: t(`compliance.mandateStatus.${fact("mandate_status")}`),
      });
    case "project-leader-60-100":
      return fact("state") === "no_leader"
        ? t(`${key}.no_leader`, { project: fact("project") })
        : t(`${key}.allocation`, {
            project: fact("project"),
            leader: fact("leader"),
            allocation: fact("allocation"),
          });
    case "mandate-approval-decision": {
      if (!fact("decision")) return t(`${key}.none`, { name: fact("name") });
      const codes = Array.isArray(facts.problems) ? facts.problems : [];
      const items = codes.map((code) => approvalItem(t, format, code, facts));
      if (items.some((item) => item === undefined)) return finding.message;
      return t(key, { name: fact("name"), decision: fact("decision"), problems: items.join("; ") });
    }
    case "employee-involvement-60-days":
      return t(key, { project: fact("project"), since: format.formatDate(fact("since")) });
    case "overdue-deadline":
      return t(key, { deadline: fact("deadline"), due: format.formatDateTime(fact("due_at")) });
    case "indicator-baseline":
      return t(key, { indicator: fact("indicator") });
    case "follow-up-overdue":
      return t(key, {
        indicator: fact("indicator"),
        due: format.formatDate(fact("due_on")),
        last: format.formatDate(fact("last_on")),
        months: fact("interval_months"),
      });
    case "measure-result":
      return t(key, { measure: fact("measure"), due: format.formatDate(fact("due_on")) });
    case "hearing-response-handled":
      return t(key, { hearing: fact("hearing"), count: fact("count") });
    case "version-missing":
      return t(key, {
        area: fact("area"),
        version: fact("version"),
        submission: fact("submission"),
        due: format.formatDateTime(fact("due_at")),
      });
    case "version-late":
      return t(key, {
        area: fact("area"),
        version: fact("version"),
        submission: fact("submission"),
        late: lateBy(t, Number(facts.late_by_seconds)),
        submitted: format.formatDateTime(fact("submitted_at")),
      });
    case "planned-involvement-overdue":
      return t(key, {
        project: fact("project"),
        matter: fact("matter"),
        planned: format.formatDate(fact("planned_on")),
      });
    case "decision-planned-involvement-missed":
      return t(key, {
        decision: fact("decision"),
        decided: format.formatDate(fact("decided_on")),
        count: fact("count"),
        missed: Array.isArray(facts.missed) ? facts.missed.join("; ") : fact("missed"),
      });
    case "hearing-parties": {
      const codes = Array.isArray(facts.missing) ? facts.missing : [];
      const missing = codes.map((code) => t(`compliance.hearingParty.${code}`)).join(", ");
      return t(key, { hearing: fact("hearing"), missing });
    }
    case "group-criteria-assessed":
      return t(key, { group: fact("group"), missing: fact("missing") });
    case "reorganisation-consultation": {
      const codes = Array.isArray(facts.missing) ? facts.missing : [];
      const items = codes.map((code) => missingItem(t, format, code, facts));
      if (items.some((item) => item === undefined)) return finding.message;
      const missing = items.join("; ");
      const state = fact("state") === "final_by_override" ? "final_by_override" : "draft";
      return t(`${key}.${state}`, { decision: fact("decision"), missing, reason: fact("override_reason") });
    }
    default:
      return finding.message;
  }
}

/** A rule's title in the user's language where it is known, else as the API gives it. */
export function ruleTitle(t: Translate, rule: string, title: string): string {
  const key = `compliance.rule.${rule}`;
  const translated = t(key);
  return translated === key ? title : translated;
}

import { Checkbox, Textfield } from "@digdir/designsystemet-react";
import type { ProblemItem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import type { ConsultationMeeting, Decision, DecisionCreate } from "../../api/queries/decisions";
import type { Named } from "../../api/queries/lookups";
import { SelectField } from "../../components/SelectField";
import { useI18n, type Translate } from "../../i18n";
import own from "./decisions.module.css";

/** A decision's facts as a form holds them: text inputs give strings, the checkbox a boolean. */
export interface DecisionValues {
  title: string;
  decided_on: string;
  case_number: string;
  body_group_id: string;
  project_id: string;
  legal_basis: string;
  text: string;
  reorganisation: boolean;
  consultation_event_id: string;
}

export type DecisionField = keyof DecisionValues;

export const DECISION_FIELDS: DecisionField[] = [
  "title",
  "decided_on",
  "case_number",
  "body_group_id",
  "project_id",
  "legal_basis",
  "text",
  "reorganisation",
  "consultation_event_id",
];

export const EMPTY_DECISION: DecisionValues = {
  title: "",
  decided_on: "",
  case_number: "",
  body_group_id: "",
  project_id: "",
  legal_basis: "",
  text: "",
  reorganisation: false,
  consultation_event_id: "",
};

export function valuesOf(decision: Decision): DecisionValues {
  return {
    title: decision.title,
    decided_on: decision.decided_on,
    case_number: decision.case_number ?? "",
    body_group_id: decision.body_group_id ?? "",
    project_id: decision.project_id ?? "",
    legal_basis: decision.legal_basis ?? "",
    text: decision.text ?? "",
    reorganisation: decision.reorganisation,
    consultation_event_id: decision.consultation_event_id ?? "",
  };
}

/** The values as the API takes them: trimmed, and an empty optional field as null. */
export function bodyOf(
  values: DecisionValues,
): Omit<DecisionCreate, "programme_id" | "status" | "override_reason" | "external_id"> {
  const optional = (value: string) => value.trim() || null;
  return {
    title: values.title.trim(),
    decided_on: values.decided_on,
    case_number: optional(values.case_number),
    body_group_id: values.body_group_id || null,
    project_id: values.project_id || null,
    legal_basis: optional(values.legal_basis),
    text: optional(values.text),
    reorganisation: values.reorganisation,
    consultation_event_id: values.consultation_event_id || null,
  };
}

/** What the user must fill in before the form is sent. */
export function missingFields(values: DecisionValues, t: Translate): Partial<Record<DecisionField, string>> {
  const errors: Partial<Record<DecisionField, string>> = {};
  if (!values.title.trim()) errors.title = t("decisions.error.titleRequired");
  if (!values.decided_on) errors.decided_on = t("decisions.error.decidedOnRequired");
  return errors;
}

// The forms' own sentences for what the API can refuse in them; other problems get the shared wording.
const WORDING: Overrides = {
  title: { string_too_short: "decisions.error.titleRequired" },
};

/** How the decision forms word a problem's items. */
export function useDecisionWording(): (item: ProblemItem) => string {
  return useProblemWording(WORDING);
}

/** A consultation meeting as an option: when it was held, and what it is called. */
export function meetingLabel(meeting: ConsultationMeeting, formatDate: (value: string) => string): string {
  return `${formatDate(meeting.starts_at)} – ${meeting.title}`;
}

/** The labels of the fields, also used by the conflict dialog. */
export function fieldLabels(t: Translate): Record<DecisionField, string> {
  return {
    title: t("decisions.field.title"),
    decided_on: t("decisions.field.decidedOn"),
    case_number: t("decisions.field.caseNumber"),
    body_group_id: t("decisions.field.body"),
    project_id: t("decisions.field.project"),
    legal_basis: t("decisions.field.legalBasis"),
    text: t("decisions.field.text"),
    reorganisation: t("decisions.field.reorganisation"),
    consultation_event_id: t("decisions.field.consultation"),
  };
}

/**
 * The fields of a decision. The consultation meeting is left out where the page has a place of
 * its own for it.
 */
export function DecisionFields({
  values,
  onChange,
  errors,
  groups,
  projects,
  meetings,
  withConsultation = true,
}: {
  values: DecisionValues;
  onChange: <K extends DecisionField>(field: K, value: DecisionValues[K]) => void;
  errors: Partial<Record<DecisionField, string>>;
  groups: Named[];
  projects: Named[];
  meetings: ConsultationMeeting[];
  withConsultation?: boolean;
}) {
  const { t } = useI18n();
  const labels = fieldLabels(t);
  const text = (field: "title" | "decided_on" | "case_number" | "legal_basis" | "text") => ({
    label: labels[field],
    value: values[field],
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
    error: errors[field],
  });
  return (
    <>
      <Textfield {...text("title")} required />
      <div className={own.columns}>
        <Textfield {...text("decided_on")} type="date" required />
        <Textfield {...text("case_number")} description={t("decisions.field.caseNumber.hint")} />
      </div>
      <div className={own.columns}>
        <SelectField
          label={labels.body_group_id}
          value={values.body_group_id}
          onChange={(e) => onChange("body_group_id", e.target.value)}
          error={errors.body_group_id}
        >
          <option value="">{t("decisions.field.body.none")}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={labels.project_id}
          value={values.project_id}
          onChange={(e) => onChange("project_id", e.target.value)}
          error={errors.project_id}
        >
          <option value="">{t("decisions.field.project.none")}</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </div>
      <Textfield {...text("legal_basis")} description={t("decisions.field.legalBasis.hint")} />
      <Textfield {...text("text")} multiline rows={5} />
      <Checkbox
        label={labels.reorganisation}
        description={t("decisions.field.reorganisation.hint")}
        checked={values.reorganisation}
        onChange={(e) => onChange("reorganisation", e.target.checked)}
        error={errors.reorganisation}
      />
      {withConsultation && (
        <ConsultationSelect
          value={values.consultation_event_id}
          onChange={(id) => onChange("consultation_event_id", id)}
          meetings={meetings}
          error={errors.consultation_event_id}
        />
      )}
    </>
  );
}

/** The consultation meeting (drøftingsmøte) on the matter, chosen among the programme's. */
export function ConsultationSelect({
  value,
  onChange,
  meetings,
  error,
  id,
}: {
  value: string;
  onChange: (id: string) => void;
  meetings: ConsultationMeeting[];
  error?: string;
  id?: string;
}) {
  const { t, formatDate } = useI18n();
  return (
    <SelectField
      id={id}
      label={t("decisions.field.consultation")}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    >
      <option value="">{t("decisions.field.consultation.none")}</option>
      {value && !meetings.some((m) => m.id === value) && (
        <option value={value}>{t("decisions.field.consultation.unlisted")}</option>
      )}
      {meetings.map((m) => (
        <option key={m.id} value={m.id}>
          {meetingLabel(m, formatDate)}
        </option>
      ))}
    </SelectField>
  );
}

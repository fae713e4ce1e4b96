import { Button, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, type ComponentType, type ReactNode } from "react";
import type { Decision } from "../../api/queries/decisions";
import { finalDecisionsQuery, mandateStatusesFrom, type MandateStatus } from "../../api/queries/projects";
import { SelectField } from "../../components/SelectField";
import { useEditInPlace } from "../../components/useEditInPlace";
import { useI18n } from "../../i18n";
import { ApprovingDecision } from "../decisions/ApprovingDecision";
import { MANDATE_COLOR } from "./colors";
import local from "./project.module.css";

/** A mandate as projects and groups have it. */
export interface Mandate {
  mandate_text?: string | null;
  mandate_status: MandateStatus;
  mandate_decision_id?: string | null;
}

/** A mandate as its form holds it: text and decision as typed and chosen, "" for none. */
export interface MandateValues {
  mandate_text: string;
  mandate_status: MandateStatus;
  mandate_decision_id: string;
}

export type MandateField = keyof MandateValues;

/** The form's values for a saved mandate. */
export const mandateValues = (mandate: Mandate): MandateValues => ({
  mandate_text: mandate.mandate_text ?? "",
  mandate_status: mandate.mandate_status,
  mandate_decision_id: mandate.mandate_decision_id ?? "",
});

/**
 * The mandate as the API takes it: blank text is none, and only an approved mandate names the
 * decision that approved it.
 */
export const mandateUpdate = (values: MandateValues) => ({
  mandate_text: values.mandate_text.trim() ? values.mandate_text : null,
  mandate_status: values.mandate_status,
  mandate_decision_id:
    values.mandate_status === "approved" && values.mandate_decision_id ? values.mandate_decision_id : null,
});

/** A decision as the mandate names it: its case number, if any, and its title. */
const decisionName = (decision: Decision) =>
  decision.case_number ? `${decision.case_number} ${decision.title}` : decision.title;

/**
 * The mandate fields' labels, and how their values read where they are shown side by side (the
 * conflict dialog): statuses in words, the decision by its title.
 */
export function useMandateLabels(programmeId: string) {
  const { t } = useI18n();
  const decisions = useQuery(finalDecisionsQuery(programmeId));
  const labels: Record<MandateField, string> = {
    mandate_text: t("projects.mandate.text"),
    mandate_status: t("projects.mandate.status"),
    mandate_decision_id: t("projects.mandate.decision"),
  };
  const display = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "mandate_status") return t(`projects.mandateStatus.${value}`);
    if (field === "mandate_decision_id") {
      const decision = decisions.data?.items.find((d) => d.id === value);
      return decision ? decisionName(decision) : String(value);
    }
    return String(value);
  };
  return { labels, display };
}

/**
 * The mandate's text, its status (only the moves the API allows from the saved one) and, once
 * approved, the final decision that approved it. `children` are further fields in the status row.
 */
export function MandateFields({
  programmeId,
  savedStatus,
  values,
  onChange,
  errors,
  children,
}: {
  programmeId: string;
  savedStatus: MandateStatus;
  values: MandateValues;
  onChange: (change: Partial<MandateValues>) => void;
  errors: Record<string, string>;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { labels } = useMandateLabels(programmeId);
  const decisions = useQuery(finalDecisionsQuery(programmeId));
  return (
    <>
      <Textfield
        multiline
        rows={8}
        label={labels.mandate_text}
        value={values.mandate_text}
        onChange={(e) => onChange({ mandate_text: e.target.value })}
        error={errors.mandate_text}
      />
      <div className={local.formRow}>
        <SelectField
          label={labels.mandate_status}
          value={values.mandate_status}
          onChange={(e) => onChange({ mandate_status: e.target.value as MandateStatus })}
          error={errors.mandate_status}
        >
          {mandateStatusesFrom(savedStatus).map((status) => (
            <option key={status} value={status}>
              {t(`projects.mandateStatus.${status}`)}
            </option>
          ))}
        </SelectField>
        {values.mandate_status === "approved" && (
          <SelectField
            label={labels.mandate_decision_id}
            value={values.mandate_decision_id}
            onChange={(e) => onChange({ mandate_decision_id: e.target.value })}
            error={errors.mandate_decision_id}
          >
            <option value="">{t("projects.mandate.chooseDecision")}</option>
            {(decisions.data?.items ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {decisionName(d)}
              </option>
            ))}
          </SelectField>
        )}
        {children}
      </div>
    </>
  );
}

/**
 * A project's or group's mandate as a section: its status, when and by which decision it was
 * approved, its text, and for editors the button that opens the record's own form. The form is
 * given the version it starts from, so that its save cannot overwrite a later change.
 */
export function MandateView<R extends Mandate & { programme_id: string; mandate_approved_at?: string | null }>({
  record,
  etag,
  heading,
  empty,
  editLabel,
  mayEdit,
  form: Form,
}: {
  record: R;
  etag: string;
  heading: string;
  empty: string;
  editLabel: string;
  mayEdit: boolean;
  form: ComponentType<{ base: { record: R; etag: string }; onDone: (saved: boolean) => void }>;
}) {
  const { t, formatDateTime } = useI18n();
  const { editing, open, done, editButton, savedStatus } = useEditInPlace<{ record: R; etag: string }>();
  const headingId = useId();
  return (
    <section className={local.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {heading}
      </Heading>
      <div className={local.meta}>
        <Tag data-color={MANDATE_COLOR[record.mandate_status]}>
          {t(`projects.mandateStatus.${record.mandate_status}`)}
        </Tag>
        {record.mandate_approved_at && (
          <span>{t("projects.mandate.approvedAt", { date: formatDateTime(record.mandate_approved_at) })}</span>
        )}
        {record.mandate_decision_id && (
          <ApprovingDecision programmeId={record.programme_id} decisionId={record.mandate_decision_id} />
        )}
      </div>
      <Paragraph className={local.text}>{record.mandate_text || empty}</Paragraph>
      {savedStatus}
      {mayEdit && !editing && (
        <Button ref={editButton} variant="secondary" onClick={() => open({ record, etag })}>
          {editLabel}
        </Button>
      )}
      {editing && <Form base={editing} onDone={done} />}
    </section>
  );
}

import { Button, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import {
  finalDecisionsQuery,
  HEALTHS,
  mandateStatusesFrom,
  useUpdateProject,
  type Health,
  type MandateStatus,
  type Project,
  type ProjectUpdate,
} from "../../api/queries/projects";
import { ConflictDialog } from "../../components/ConflictDialog";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { ApprovingDecision } from "../decisions/ApprovingDecision";
import { useMayEdit } from "./access";
import { MANDATE_COLOR } from "./colors";
import { FormProblem } from "./FormProblem";
import local from "./project.module.css";

/** The project's mandate with its status, and the form that changes it and the project's health. */
export function MandateSection({ project, etag }: { project: Project; etag: string }) {
  const { t, formatDateTime } = useI18n();
  const mayEdit = useMayEdit(project.programme_id);
  const [editing, setEditing] = useState<{ record: Project; etag: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  return (
    <section className={local.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("projects.mandate")}
      </Heading>
      <div className={local.meta}>
        <Tag data-color={MANDATE_COLOR[project.mandate_status]}>
          {t(`projects.mandateStatus.${project.mandate_status}`)}
        </Tag>
        {project.mandate_approved_at && (
          <span>{t("projects.mandate.approvedAt", { date: formatDateTime(project.mandate_approved_at) })}</span>
        )}
        {project.mandate_decision_id && (
          <ApprovingDecision programmeId={project.programme_id} decisionId={project.mandate_decision_id} />
        )}
      </div>
      <Paragraph className={local.text}>{project.mandate_text || t("projects.mandate.empty")}</Paragraph>
      <div role="status" className={styles.visuallyHidden}>
        {saved ? t("common.saved") : ""}
      </div>
      {mayEdit && !editing && (
        <Button
          ref={editButton}
          variant="secondary"
          onClick={() => {
            setSaved(false);
            // The version the form starts from: a save against it must not overwrite later changes.
            setEditing({ record: project, etag });
          }}
        >
          {t("projects.edit.open")}
        </Button>
      )}
      {editing && (
        <MandateForm
          base={editing}
          onDone={(didSave) => {
            setEditing(null);
            setSaved(didSave);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      )}
    </section>
  );
}

interface Values {
  mandate_text: string;
  mandate_status: MandateStatus;
  mandate_decision_id: string;
  health: Health;
  health_explanation: string;
}

function MandateForm({
  base,
  onDone,
}: {
  base: { record: Project; etag: string };
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const update = useUpdateProject(base.record.id);
  const decisions = useQuery(finalDecisionsQuery(base.record.programme_id));
  const [values, setValues] = useState<Values>({
    mandate_text: base.record.mandate_text ?? "",
    mandate_status: base.record.mandate_status,
    mandate_decision_id: base.record.mandate_decision_id ?? "",
    health: base.record.health,
    health_explanation: base.record.health_explanation ?? "",
  });
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const headingId = useId();
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const errors = problem?.fieldErrors() ?? {};
  const set = <K extends keyof Values>(field: K, value: Values[K]) => setValues({ ...values, [field]: value });

  const save = (changes: ProjectUpdate, etag: string) =>
    update.mutate(
      { etag, changes },
      {
        onSuccess: () => onDone(true),
        onError: (error) => {
          if (error instanceof EditConflict) setConflict(error);
        },
      },
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: ProjectUpdate = {
      mandate_text: values.mandate_text.trim() ? values.mandate_text : null,
      mandate_status: values.mandate_status,
      mandate_decision_id:
        values.mandate_status === "approved" && values.mandate_decision_id ? values.mandate_decision_id : null,
      health: values.health,
      health_explanation: values.health_explanation.trim() ? values.health_explanation : null,
    };
    const changes = Object.fromEntries(
      Object.entries(next).filter(([field, value]) => value !== base.record[field as keyof Project]),
    );
    if (Object.keys(changes).length === 0) onDone(false);
    else save(changes, base.etag);
  };

  const labels = {
    mandate_text: t("projects.mandate.text"),
    mandate_status: t("projects.mandate.status"),
    mandate_decision_id: t("projects.mandate.decision"),
    health: t("projects.health"),
    health_explanation: t("projects.healthExplanation"),
  };
  const display = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "mandate_status") return t(`projects.mandateStatus.${value}`);
    if (field === "health") return t(`projects.health.${value}`);
    return String(value);
  };

  return (
    <>
      <form className={local.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <Heading level={3} data-size="sm" id={headingId}>
          {t("projects.edit.title")}
        </Heading>
        {problem && <FormProblem problem={problem} fields={Object.keys(labels)} />}
        <Textfield
          multiline
          rows={8}
          label={labels.mandate_text}
          value={values.mandate_text}
          onChange={(e) => set("mandate_text", e.target.value)}
          error={errors.mandate_text}
        />
        <div className={local.formRow}>
          <SelectField
            label={labels.mandate_status}
            value={values.mandate_status}
            onChange={(e) => set("mandate_status", e.target.value as MandateStatus)}
            error={errors.mandate_status}
          >
            {mandateStatusesFrom(base.record.mandate_status).map((status) => (
              <option key={status} value={status}>
                {t(`projects.mandateStatus.${status}`)}
              </option>
            ))}
          </SelectField>
          {values.mandate_status === "approved" && (
            <SelectField
              label={labels.mandate_decision_id}
              value={values.mandate_decision_id}
              onChange={(e) => set("mandate_decision_id", e.target.value)}
              error={errors.mandate_decision_id}
            >
              <option value="">{t("projects.mandate.chooseDecision")}</option>
              {(decisions.data?.items ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.case_number ? `${d.case_number} ` : ""}
                  {d.title}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField
            label={labels.health}
            value={values.health}
            onChange={(e) => set("health", e.target.value as Health)}
            error={errors.health}
          >
            {HEALTHS.map((health) => (
              <option key={health} value={health}>
                {t(`projects.health.${health}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <Textfield
          multiline
          rows={3}
          label={labels.health_explanation}
          description={t("projects.healthExplanation.hint")}
          value={values.health_explanation}
          onChange={(e) => set("health_explanation", e.target.value)}
          error={errors.health_explanation}
        />
        <div className={styles.actions}>
          <Button type="submit" loading={update.isPending}>
            {t("common.save")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => onDone(false)}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
      {conflict && (
        <ConflictDialog
          conflict={conflict}
          labels={labels}
          display={display}
          onCancel={() => setConflict(null)}
          onResolve={(changes, etag) => {
            setConflict(null);
            save(changes, etag);
          }}
        />
      )}
    </>
  );
}

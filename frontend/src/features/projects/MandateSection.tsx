import { Heading, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import {
  HEALTHS,
  useUpdateProject,
  type Health,
  type Project,
  type ProjectUpdate,
} from "../../api/queries/projects";
import { SelectField } from "../../components/SelectField";
import { FormActions } from "../../components/FormActions";
import { useSaveWithConflict } from "../../components/useSaveWithConflict";
import { useI18n } from "../../i18n";
import { changedFields } from "../../lib/conflict";
import { useMayEdit } from "./access";
import { FormProblem } from "./FormProblem";
import {
  MandateFields,
  MandateView,
  mandateUpdate,
  mandateValues,
  useMandateLabels,
  type MandateValues,
} from "./MandateFields";
import local from "./project.module.css";

/** The project's mandate with its status, and the form that changes it and the project's health. */
export function MandateSection({ project, etag }: { project: Project; etag: string }) {
  const { t } = useI18n();
  const mayEdit = useMayEdit(project.programme_id);
  return (
    <MandateView
      record={project}
      etag={etag}
      heading={t("projects.mandate")}
      empty={t("projects.mandate.empty")}
      editLabel={t("projects.edit.open")}
      mayEdit={mayEdit}
      form={MandateForm}
    />
  );
}

type Values = MandateValues & { health: Health; health_explanation: string };

function MandateForm({
  base,
  onDone,
}: {
  base: { record: Project; etag: string };
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording();
  const update = useUpdateProject(base.record.id);
  const mandate = useMandateLabels(base.record.programme_id);
  const [values, setValues] = useState<Values>({
    ...mandateValues(base.record),
    health: base.record.health,
    health_explanation: base.record.health_explanation ?? "",
  });
  const headingId = useId();
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const errors = problem?.fieldErrors(word) ?? {};
  const change = (patch: Partial<Values>) => setValues({ ...values, ...patch });

  const labels = {
    ...mandate.labels,
    health: t("projects.health"),
    health_explanation: t("projects.healthExplanation"),
  };
  const display = (field: string, value: unknown) =>
    field === "health" && value ? t(`projects.health.${value}`) : mandate.display(field, value);
  const { save, conflictDialog } = useSaveWithConflict({
    send: (changes: ProjectUpdate, etag = base.etag, done) => update.mutate({ etag, changes }, done),
    onSaved: () => onDone(true),
    labels,
    display,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: ProjectUpdate = {
      ...mandateUpdate(values),
      health: values.health,
      health_explanation: values.health_explanation.trim() ? values.health_explanation : null,
    };
    const changes = changedFields(next, base.record);
    if (Object.keys(changes).length === 0) onDone(false);
    else save(changes);
  };

  return (
    <>
      <form className={local.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <Heading level={3} data-size="sm" id={headingId}>
          {t("projects.edit.title")}
        </Heading>
        {problem && <FormProblem problem={problem} fields={Object.keys(labels)} />}
        <MandateFields
          programmeId={base.record.programme_id}
          savedStatus={base.record.mandate_status}
          values={values}
          onChange={change}
          errors={errors}
        >
          <SelectField
            label={labels.health}
            value={values.health}
            onChange={(e) => change({ health: e.target.value as Health })}
            error={errors.health}
          >
            {HEALTHS.map((health) => (
              <option key={health} value={health}>
                {t(`projects.health.${health}`)}
              </option>
            ))}
          </SelectField>
        </MandateFields>
        <Textfield
          multiline
          rows={3}
          label={labels.health_explanation}
          description={t("projects.healthExplanation.hint")}
          value={values.health_explanation}
          onChange={(e) => change({ health_explanation: e.target.value })}
          error={errors.health_explanation}
        />
        <FormActions submit={t("common.save")} pending={update.isPending} onCancel={() => onDone(false)} />
      </form>
      {conflictDialog}
    </>
  );
}

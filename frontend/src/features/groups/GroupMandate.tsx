import { Heading } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { useUpdateGroup, type Group, type GroupUpdate } from "../../api/queries/groups";
import { FormActions } from "../../components/FormActions";
import { useSaveWithConflict } from "../../components/useSaveWithConflict";
import { useI18n } from "../../i18n";
import { changedFields } from "../../lib/conflict";
import { FormProblem } from "../projects/FormProblem";
import {
  MandateFields,
  MandateView,
  mandateUpdate,
  mandateValues,
  useMandateLabels,
  type MandateValues,
} from "../projects/MandateFields";
import local from "../projects/project.module.css";

/**
 * The group's mandate with its status and the decision that approved it, and the form that
 * changes them (seed 003: a board proposes its mandate, the joint committee approves it).
 */
export function GroupMandate({ group, etag, mayEdit }: { group: Group; etag: string; mayEdit: boolean }) {
  const { t } = useI18n();
  return (
    <MandateView
      record={group}
      etag={etag}
      heading={t("groups.mandate")}
      empty={t("groups.mandate.empty")}
      editLabel={t("groups.mandate.edit.open")}
      mayEdit={mayEdit}
      form={GroupMandateForm}
    />
  );
}

function GroupMandateForm({
  base,
  onDone,
}: {
  base: { record: Group; etag: string };
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording();
  const update = useUpdateGroup(base.record.id);
  const { labels, display } = useMandateLabels(base.record.programme_id);
  const [values, setValues] = useState<MandateValues>(mandateValues(base.record));
  const headingId = useId();
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const errors = problem?.fieldErrors(word) ?? {};
  const { save, conflictDialog } = useSaveWithConflict({
    send: (changes: GroupUpdate, etag = base.etag, done) => update.mutate({ etag, changes }, done),
    onSaved: () => onDone(true),
    labels,
    display,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes = changedFields(mandateUpdate(values), base.record);
    if (Object.keys(changes).length === 0) onDone(false);
    else save(changes);
  };

  return (
    <>
      <form className={local.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <Heading level={3} data-size="sm" id={headingId}>
          {t("groups.mandate.edit.title")}
        </Heading>
        {problem && <FormProblem problem={problem} fields={Object.keys(labels)} />}
        <MandateFields
          programmeId={base.record.programme_id}
          savedStatus={base.record.mandate_status}
          values={values}
          onChange={(change) => setValues({ ...values, ...change })}
          errors={errors}
        />
        <FormActions submit={t("common.save")} pending={update.isPending} onCancel={() => onDone(false)} />
      </form>
      {conflictDialog}
    </>
  );
}

import { Button, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useId, useRef, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useUpdateGroup, type Group, type GroupUpdate } from "../../api/queries/groups";
import { ConflictDialog } from "../../components/ConflictDialog";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { changedFields, EditConflict } from "../../lib/conflict";
import { ApprovingDecision } from "../decisions/ApprovingDecision";
import { MANDATE_COLOR } from "../projects/colors";
import { FormProblem } from "../projects/FormProblem";
import {
  MandateFields,
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
  const [editing, setEditing] = useState<{ record: Group; etag: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  return (
    <section className={local.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("groups.mandate")}
      </Heading>
      <div className={local.meta}>
        <Tag data-color={MANDATE_COLOR[group.mandate_status]}>
          {t(`projects.mandateStatus.${group.mandate_status}`)}
        </Tag>
        {group.mandate_decision_id && (
          <ApprovingDecision programmeId={group.programme_id} decisionId={group.mandate_decision_id} />
        )}
      </div>
      <Paragraph className={local.text}>{group.mandate_text || t("groups.mandate.empty")}</Paragraph>
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
            setEditing({ record: group, etag });
          }}
        >
          {t("groups.mandate.edit.open")}
        </Button>
      )}
      {editing && (
        <GroupMandateForm
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

function GroupMandateForm({
  base,
  onDone,
}: {
  base: { record: Group; etag: string };
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const update = useUpdateGroup(base.record.id);
  const { labels, display } = useMandateLabels(base.record.programme_id);
  const [values, setValues] = useState<MandateValues>(mandateValues(base.record));
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const headingId = useId();
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const errors = problem?.fieldErrors() ?? {};

  const save = (changes: GroupUpdate, etag: string) =>
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
    const changes = changedFields(mandateUpdate(values), base.record);
    if (Object.keys(changes).length === 0) onDone(false);
    else save(changes, base.etag);
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

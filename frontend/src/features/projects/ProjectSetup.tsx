import { Button, Heading } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useProblemWording } from "../../api/problemWording";
import { useDeleteProject, useUpdateProject, type Project, type ProjectUpdate } from "../../api/queries/projects";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FormActions } from "../../components/FormActions";
import layout from "../../components/layout.module.css";
import { useEditInPlace } from "../../components/useEditInPlace";
import { useSaveWithConflict } from "../../components/useSaveWithConflict";
import { useI18n } from "../../i18n";
import { changedFields } from "../../lib/conflict";
import { useFocusOnOpen } from "../../lib/focus";
import { useMayManage } from "./access";
import { focusInvalid, inUse, RequiredNote, useFormErrors } from "./FormParts";
import { FormProblem } from "./FormProblem";
import "./messages";
import {
  missingProjectFields,
  PROJECT_FIELDS,
  PROJECT_WORDING,
  projectBody,
  ProjectFields,
  projectValues,
  useProjectLabels,
  type ProjectValues,
} from "./ProjectFields";
import local from "./project.module.css";

/**
 * For those who may set the programme up: the project's facts edited in place (with If-Match,
 * and the conflict dialog when someone else saved first), and deleting the project.
 */
export function ProjectSetup({ project, etag }: { project: Project; etag: string }) {
  const { t } = useI18n();
  const mayManage = useMayManage(project.programme_id);
  const { editing, open, done, editButton, savedStatus } = useEditInPlace<{ record: Project; etag: string }>();
  const [deleting, setDeleting] = useState(false);
  if (!mayManage) return null;
  return (
    <>
      {savedStatus}
      {!editing && (
        <div className={layout.actions}>
          <Button ref={editButton} variant="secondary" onClick={() => open({ record: project, etag })}>
            {t("projects.setup.edit")}
          </Button>
          <Button variant="tertiary" data-color="danger" onClick={() => setDeleting(true)}>
            {t("projects.setup.delete")}
          </Button>
        </div>
      )}
      {editing && <ProjectForm base={editing} onDone={done} />}
      {deleting && <DeleteProject project={project} etag={etag} onCancel={() => setDeleting(false)} />}
    </>
  );
}

function ProjectForm({
  base,
  onDone,
}: {
  base: { record: Project; etag: string };
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording(PROJECT_WORDING);
  const update = useUpdateProject(base.record.id);
  const { labels, display } = useProjectLabels(base.record.programme_id);
  const focusRef = useFocusOnOpen<HTMLFormElement>();
  const headingId = useId();
  const [values, setValues] = useState<ProjectValues>(projectValues(base.record));
  const { problem, errors, complete } = useFormErrors(update, word, focusRef);
  const { save, conflictDialog } = useSaveWithConflict({
    send: (changes: ProjectUpdate, etag = base.etag, done) => update.mutate({ etag, changes }, done),
    onSaved: () => onDone(true),
    onRefused: () => focusInvalid(focusRef.current),
    labels,
    display,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete(missingProjectFields(values, t))) return;
    const changes = changedFields(projectBody(values), base.record);
    if (Object.keys(changes).length === 0) onDone(false);
    else save(changes);
  };

  return (
    <>
      <form ref={focusRef} className={local.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("projects.setup.editTitle")}
        </Heading>
        <RequiredNote />
        {problem && <FormProblem problem={problem} fields={PROJECT_FIELDS} />}
        <ProjectFields
          programmeId={base.record.programme_id}
          values={values}
          onChange={(change) => setValues((current) => ({ ...current, ...change }))}
          errors={errors}
          withStatus
        />
        <FormActions submit={t("common.save")} pending={update.isPending} onCancel={() => onDone(false)} />
      </form>
      {conflictDialog}
    </>
  );
}

/** Asks before deleting; a project other records still refer to is refused, and the dialog says why. */
function DeleteProject({ project, etag, onCancel }: { project: Project; etag: string; onCancel: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const remove = useDeleteProject();
  return (
    <ConfirmDialog
      title={t("projects.setup.deleteTitle")}
      message={t("projects.setup.deleteText", { name: `${project.code} ${project.name}` })}
      confirm={t("projects.setup.deleteConfirm")}
      busy={remove.isPending}
      error={inUse(remove.error, t("projects.setup.inUse"))}
      onCancel={onCancel}
      onConfirm={() =>
        remove
          .mutateAsync({ project, etag })
          .then(() => navigate(`/p/${project.programme_id}`, { replace: true }), () => undefined)
      }
    />
  );
}

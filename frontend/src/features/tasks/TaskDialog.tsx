import { Button, Dialog, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import type { Named } from "../../api/queries/lookups";
import {
  etagOf,
  PRIORITIES,
  TASK_STATUSES,
  useCreateTask,
  useUpdateTask,
  type Priority,
  type Task,
  type TaskStatus,
} from "../../api/queries/tasks";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useT } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import own from "./tasks.module.css";
import { useFocusOnOpen } from "../../lib/focus";

interface Values {
  project_id: string;
  title: string;
  description: string;
  assignee_id: string;
  priority: Priority;
  due_on: string;
  status: TaskStatus;
}

const FIELDS = ["project_id", "title", "description", "assignee_id", "priority", "due_on", "status"] as const;

function valuesOf(task: Task | null, projectId?: string): Values {
  return {
    project_id: task?.project_id ?? projectId ?? "",
    title: task?.title ?? "",
    description: task?.description ?? "",
    assignee_id: task?.assignee_id ?? "",
    priority: task?.priority ?? "normal",
    due_on: task?.due_on ?? "",
    status: task?.status ?? "todo",
  };
}

/** What the API is sent: empty optional fields as null. */
function bodyOf(values: Values) {
  return {
    project_id: values.project_id,
    title: values.title.trim(),
    description: values.description.trim() || null,
    assignee_id: values.assignee_id || null,
    priority: values.priority,
    due_on: values.due_on || null,
    status: values.status,
  };
}

// The form's own sentences for what the API can refuse in it; other problems get the shared wording.
const WORDING: Overrides = {
  title: { string_too_short: "tasks.error.titleRequired" },
  project_id: { unknown_reference: "tasks.error.projectRequired" },
  assignee_id: { unknown_reference: "tasks.error.assigneeUnknown" },
};

/** Create a task, or edit one with If-Match; a conflicting edit is handed to the page. */
export function TaskDialog({
  task,
  defaultProjectId,
  projects,
  people,
  onClose,
  onConflict,
}: {
  task: Task | null;
  defaultProjectId?: string;
  projects: Named[];
  people: Named[];
  /** `saved` is the id of the task that was created or changed, so the page can focus it. */
  onClose: (message?: string, saved?: string) => void;
  onConflict: (conflict: EditConflict, task: Task) => void;
}) {
  const t = useT();
  const headingId = useId();
  const create = useCreateTask();
  const update = useUpdateTask();
  const mutation = task ? update : create;
  const [values, setValues] = useState<Values>(() => valuesOf(task, defaultProjectId));
  const [local, setLocal] = useState<Partial<Record<keyof Values, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const word = useProblemWording(WORDING);
  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: keyof Values) => local[field] ?? server[field];
  const placed = Object.keys(server).some((f) => (FIELDS as readonly string[]).includes(f));
  const showAlert = mutation.error && !(mutation.error instanceof EditConflict) && !placed;

  const set = (field: keyof Values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<keyof Values, string>> = {};
    if (!values.title.trim()) errors.title = t("tasks.error.titleRequired");
    if (!values.project_id) errors.project_id = t("tasks.error.projectRequired");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body = bodyOf(values);
    if (!task) {
      create.mutate(body, { onSuccess: (created) => onClose(t("tasks.created", { title: body.title }), created.id) });
      return;
    }
    const before = bodyOf(valuesOf(task));
    const changes = Object.fromEntries(
      Object.entries(body).filter(([field, value]) => before[field as keyof typeof before] !== value),
    );
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: task.id, etag: etagOf(task), changes },
      {
        onSuccess: () => onClose(t("tasks.saved", { title: body.title }), task.id),
        onError: (error) => {
          if (error instanceof EditConflict) onConflict(error, task);
        },
      },
    );
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {task ? t("tasks.editTitle") : t("tasks.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          <Paragraph data-size="sm">{t("tasks.requiredNote")}</Paragraph>
          {showAlert && <ProblemAlert error={mutation.error} />}
          <SelectField
            label={
              <>
                {t("tasks.field.project")}
                <span aria-hidden="true"> *</span>
              </>
            }
            value={values.project_id}
            onChange={set("project_id")}
            error={errorOf("project_id")}
            required
          >
            <option value="">{t("tasks.choose")}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <Textfield
            label={
              <>
                {t("tasks.field.title")}
                <span aria-hidden="true"> *</span>
              </>
            }
            value={values.title}
            onChange={set("title")}
            error={errorOf("title")}
            required
          />
          <Textfield
            label={t("tasks.field.description")}
            multiline
            rows={3}
            value={values.description}
            onChange={set("description")}
            error={errorOf("description")}
          />
          <div className={own.twoColumns}>
            <SelectField
              label={t("tasks.field.assignee")}
              value={values.assignee_id}
              onChange={set("assignee_id")}
              error={errorOf("assignee_id")}
            >
              <option value="">{t("tasks.noAssignee")}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <Textfield
              label={t("tasks.field.dueOn")}
              type="date"
              value={values.due_on}
              onChange={set("due_on")}
              error={errorOf("due_on")}
            />
            <SelectField
              label={t("tasks.field.priority")}
              value={values.priority}
              onChange={set("priority")}
              error={errorOf("priority")}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`tasks.priority.${p}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("tasks.field.status")}
              value={values.status}
              onChange={set("status")}
              error={errorOf("status")}
            >
              {TASK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`tasks.status.${s}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className={styles.actions}>
            <Button type="submit" aria-busy={mutation.isPending}>
              {task ? t("common.save") : t("tasks.create")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => onClose()}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

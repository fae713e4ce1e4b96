import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  Fieldset,
  Heading,
  Paragraph,
  Textfield,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import type { Named } from "../../api/queries/lookups";
import {
  MEASURE_STATUSES,
  etagOf,
  useCreateMeasure,
  useUpdateMeasure,
  type GoalOption,
  type Measure,
  type MeasureStatus,
  type TaskOption,
} from "../../api/queries/measures";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useT } from "../../i18n";
import { EditConflict, changedFields } from "../../lib/conflict";
import { osloToday } from "../../lib/time";
import own from "./measures.module.css";
import { useFocusOnOpen } from "../../lib/focus";

interface Link {
  title: string;
  url: string;
}

interface Values {
  title: string;
  description: string;
  status: MeasureStatus;
  owner_id: string;
  project_id: string;
  starts_on: string;
  due_on: string;
  goal_ids: string[];
  task_ids: string[];
  result: string;
  result_on: string;
  evidence: Link[];
}

type Field = keyof Values;

// The form's own sentences for what the API can refuse in it; other problems get the shared wording.
const WORDING: Overrides = {
  title: { string_too_short: "measures.error.titleRequired" },
  goal_ids: { too_short: "measures.error.goalRequired", goal_required: "measures.error.goalRequired" },
  result: { result_required: "measures.error.resultRequired" },
  "evidence/*/url": { url_parsing: "measures.error.url", url_scheme: "measures.error.url" },
};

const FIELDS: Field[] = [
  "title",
  "description",
  "status",
  "owner_id",
  "project_id",
  "starts_on",
  "due_on",
  "goal_ids",
  "task_ids",
  "result",
  "result_on",
  "evidence",
];

function valuesOf(measure?: Measure, defaultProjectId?: string): Values {
  return {
    title: measure?.title ?? "",
    description: measure?.description ?? "",
    status: measure?.status ?? "planned",
    owner_id: measure?.owner_id ?? "",
    project_id: measure?.project_id ?? defaultProjectId ?? "",
    starts_on: measure?.starts_on ?? "",
    due_on: measure?.due_on ?? "",
    goal_ids: measure?.goal_ids ?? [],
    task_ids: measure?.task_ids ?? [],
    result: measure?.result ?? "",
    result_on: measure?.result_on ?? "",
    evidence: (measure?.evidence ?? []).map((e) => ({ title: e.title, url: e.url })),
  };
}

/** What the API is sent for the form's values: empty text as null, links without blank rows. */
function bodyOf(values: Values) {
  return {
    title: values.title.trim(),
    description: values.description.trim() || null,
    status: values.status,
    owner_id: values.owner_id || null,
    project_id: values.project_id || null,
    starts_on: values.starts_on || null,
    due_on: values.due_on || null,
    goal_ids: values.goal_ids,
    task_ids: values.task_ids,
    result: values.result.trim() || null,
    result_on: values.result_on || null,
    evidence: values.evidence
      .filter((e) => e.title.trim() || e.url.trim())
      .map((e) => ({ title: e.title.trim(), url: e.url.trim() })),
  };
}

/** Add or change a measure: the goals it serves, who owns it, when, the tasks that carry it out, and its result. */
export function MeasureDialog({
  programmeId,
  measure,
  defaultProjectId,
  goals,
  tasks,
  projects,
  people,
  onClose,
}: {
  programmeId: string;
  measure?: Measure;
  defaultProjectId?: string;
  goals: GoalOption[];
  tasks: TaskOption[];
  projects: Named[];
  people: Named[];
  onClose: (message?: string) => void;
}) {
  const t = useT();
  const headingId = useId();
  const create = useCreateMeasure();
  const update = useUpdateMeasure();
  const mutation = measure ? update : create;
  const [values, setValues] = useState<Values>(() => valuesOf(measure, defaultProjectId));
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const word = useProblemWording(WORDING);
  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: Field) => local[field] ?? server[field];
  const placed = FIELDS.some((f) => server[f]);
  const conflict = mutation.error instanceof EditConflict;
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));
  const toggle = (field: "goal_ids" | "task_ids", id: string, on: boolean) =>
    setValues((v) => ({ ...v, [field]: on ? [...v[field], id] : v[field].filter((x) => x !== id) }));
  const setLink = (index: number, part: keyof Link, value: string) =>
    setValues((v) => ({ ...v, evidence: v.evidence.map((e, i) => (i === index ? { ...e, [part]: value } : e)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!values.title.trim()) errors.title = t("measures.error.titleRequired");
    if (values.goal_ids.length === 0) errors.goal_ids = t("measures.error.goalRequired");
    if (values.status === "done" && !values.result.trim()) errors.result = t("measures.error.resultRequired");
    if (values.starts_on && values.due_on && values.due_on < values.starts_on) {
      errors.due_on = t("measures.error.dueBeforeStart");
    }
    if (values.result_on && values.result_on > osloToday()) errors.result_on = t("measures.error.resultInFuture");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body = bodyOf(values);
    const done = () => onClose(t(measure ? "measures.saved" : "measures.created", { title: body.title }));
    if (measure) {
      const changes = changedFields(body, bodyOf(valuesOf(measure)));
      for (const field of ["goal_ids", "task_ids", "evidence"] as const) {
        if (JSON.stringify(body[field]) === JSON.stringify(bodyOf(valuesOf(measure))[field])) delete changes[field];
        else changes[field] = body[field] as never;
      }
      if (Object.keys(changes).length === 0) return onClose();
      update.mutate({ id: measure.id, etag: etagOf(measure), changes }, { onSuccess: done });
    } else {
      create.mutate({ programme_id: programmeId, ...body }, { onSuccess: done });
    }
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {measure ? t("measures.editTitle", { title: measure.title }) : t("measures.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {conflict && (
            <Alert data-color="warning">
              <Paragraph>{t("measures.conflict")}</Paragraph>
            </Alert>
          )}
          {mutation.error && !conflict && !placed && <ProblemAlert error={mutation.error} />}
          <Textfield
            label={t("measures.field.title")}
            value={values.title}
            onChange={set("title")}
            error={errorOf("title")}
            required
          />
          <Textfield
            label={t("measures.field.description")}
            multiline
            rows={2}
            value={values.description}
            onChange={set("description")}
            error={errorOf("description")}
          />
          <Fieldset>
            <Fieldset.Legend>{t("measures.field.goals")}</Fieldset.Legend>
            <Fieldset.Description>{t("measures.goalsHelp")}</Fieldset.Description>
            {goals.length === 0 ? (
              <Paragraph data-size="sm">{t("measures.noGoals")}</Paragraph>
            ) : (
              <div className={own.choices}>
                {goals.map((g) => (
                  <Checkbox
                    key={g.id}
                    label={`${g.title} (${t(`measures.goalKind.${g.kind}`)})`}
                    value={g.id}
                    checked={values.goal_ids.includes(g.id)}
                    onChange={(e) => toggle("goal_ids", g.id, e.target.checked)}
                    aria-invalid={errorOf("goal_ids") ? true : undefined}
                  />
                ))}
              </div>
            )}
            {errorOf("goal_ids") && (
              <ValidationMessage>{errorOf("goal_ids")}</ValidationMessage>
            )}
          </Fieldset>
          <div className={own.twoColumns}>
            <SelectField label={t("measures.field.status")} value={values.status} onChange={set("status")} error={errorOf("status")}>
              {MEASURE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`measures.status.${s}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("measures.field.owner")} value={values.owner_id} onChange={set("owner_id")} error={errorOf("owner_id")}>
              <option value="">{t("measures.noOne")}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <Textfield
              label={t("measures.field.startsOn")}
              type="date"
              value={values.starts_on}
              onChange={set("starts_on")}
              error={errorOf("starts_on")}
            />
            <Textfield
              label={t("measures.field.dueOn")}
              type="date"
              value={values.due_on}
              onChange={set("due_on")}
              error={errorOf("due_on")}
            />
          </div>
          <SelectField label={t("measures.field.project")} value={values.project_id} onChange={set("project_id")} error={errorOf("project_id")}>
            <option value="">{t("measures.noProject")}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          {tasks.length > 0 && (
            <Fieldset>
              <Fieldset.Legend>{t("measures.field.tasks")}</Fieldset.Legend>
              <Fieldset.Description>{t("measures.tasksHelp")}</Fieldset.Description>
              <div className={own.choices}>
                {tasks.map((task) => (
                  <Checkbox
                    key={task.id}
                    label={task.title}
                    value={task.id}
                    checked={values.task_ids.includes(task.id)}
                    onChange={(e) => toggle("task_ids", task.id, e.target.checked)}
                  />
                ))}
              </div>
              {errorOf("task_ids") && (
                <ValidationMessage>{errorOf("task_ids")}</ValidationMessage>
              )}
            </Fieldset>
          )}
          <Fieldset>
            <Fieldset.Legend>{t("measures.resultSection")}</Fieldset.Legend>
            <Fieldset.Description>{t("measures.resultHelp")}</Fieldset.Description>
            <Textfield
              label={t("measures.field.result")}
              multiline
              rows={3}
              value={values.result}
              onChange={set("result")}
              error={errorOf("result")}
              required={values.status === "done"}
            />
            <Textfield
              label={t("measures.field.resultOn")}
              type="date"
              value={values.result_on}
              max={osloToday()}
              onChange={set("result_on")}
              error={errorOf("result_on")}
            />
            {values.evidence.map((link, i) => (
              <div key={i} className={own.evidence}>
                <Textfield
                  label={t("measures.field.evidenceTitle", { n: i + 1 })}
                  value={link.title}
                  onChange={(e) => setLink(i, "title", e.target.value)}
                />
                <Textfield
                  label={t("measures.field.evidenceUrl", { n: i + 1 })}
                  type="url"
                  value={link.url}
                  onChange={(e) => setLink(i, "url", e.target.value)}
                />
                <Button
                  type="button"
                  variant="tertiary"
                  data-size="sm"
                  onClick={() => setValues((v) => ({ ...v, evidence: v.evidence.filter((_, j) => j !== i) }))}
                >
                  {t("measures.removeLink", { n: i + 1 })}
                </Button>
              </div>
            ))}
            {errorOf("evidence") && (
              <ValidationMessage>{errorOf("evidence")}</ValidationMessage>
            )}
            {values.evidence.length < 20 && (
              <div>
                <Button
                  type="button"
                  variant="secondary"
                  data-size="sm"
                  onClick={() => setValues((v) => ({ ...v, evidence: [...v.evidence, { title: "", url: "" }] }))}
                >
                  {t("measures.addLink")}
                </Button>
              </div>
            )}
          </Fieldset>
          <div className={styles.actions}>
            <Button type="submit" aria-busy={mutation.isPending}>
              {measure ? t("measures.save") : t("measures.create")}
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

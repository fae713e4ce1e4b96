import { Button, Checkbox, Fieldset, Heading, Paragraph, Radio, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { measureOptionsQuery, useIdeaToMeasure, useIdeaToTask, type Idea, type IdeaToTask } from "../../api/queries/ideas";
import { projectNamesQuery } from "../../api/queries/lookups";
import { goalOptionsQuery, taskOptionsQuery } from "../../api/queries/measures";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import { EditConflictNote } from "./EditConflictNote";
import own from "./ideas.module.css";

const WORDING: Overrides = {
  goal_ids: { goal_required: "ideas.error.goalRequired" },
  project_id: { project_required: "ideas.error.projectRequired" },
};

type Mode = "new" | "existing";

/** An accepted idea becomes a measure or a task, new or existing: linked, not copied. */
export function CarryOut({
  programmeId,
  idea,
  etag,
  onDone,
}: {
  programmeId: string;
  idea: Idea;
  etag: string;
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  return (
    <section className={own.section} aria-labelledby="carry-heading">
      <Heading level={2} data-size="sm" id="carry-heading">
        {t("ideas.carry.title")}
      </Heading>
      <Paragraph>{t("ideas.carry.help")}</Paragraph>
      {!idea.measure_id && <MeasureForm programmeId={programmeId} idea={idea} etag={etag} onDone={onDone} />}
      {!idea.task_id && <TaskForm programmeId={programmeId} idea={idea} etag={etag} onDone={onDone} />}
    </section>
  );
}

function ModeChoice({ name, legend, mode, onChange }: { name: string; legend: string; mode: Mode; onChange: (m: Mode) => void }) {
  const { t } = useI18n();
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      <Radio name={name} value="new" label={t("ideas.carry.new")} checked={mode === "new"} onChange={() => onChange("new")} />
      <Radio
        name={name}
        value="existing"
        label={t("ideas.carry.existing")}
        checked={mode === "existing"}
        onChange={() => onChange("existing")}
      />
    </Fieldset>
  );
}

function MeasureForm({ programmeId, idea, etag, onDone }: { programmeId: string; idea: Idea; etag: string; onDone: (m: string) => void }) {
  const { t } = useI18n();
  const toMeasure = useIdeaToMeasure();
  const [mode, setMode] = useState<Mode>("new");
  const [goals, setGoals] = useState<string[]>([]);
  const [measureId, setMeasureId] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const goalOptions = useQuery(goalOptionsQuery(programmeId));
  const measures = useQuery({ ...measureOptionsQuery(programmeId), enabled: mode === "existing" });
  const word = useProblemWording(WORDING);
  const problem = toMeasure.error instanceof ApiProblem ? toMeasure.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errors = { ...server, ...local };
  const placed = Boolean(errors.goal_ids || errors.measure_id || errors.due_on);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (mode === "new" && goals.length === 0) found.goal_ids = t("ideas.error.goalRequired");
    if (mode === "existing" && !measureId) found.measure_id = t("ideas.error.measureRequired");
    setLocal(found);
    if (Object.keys(found).length) return;
    // Not mutate's onSuccess: once linked, this form is gone before it would run.
    toMeasure
      .mutateAsync({
        id: idea.id,
        etag,
        body: mode === "new" ? { goal_ids: goals, due_on: dueOn || null } : { measure_id: measureId },
      })
      .then(
        () => onDone(t("ideas.carry.measureDone")),
        () => undefined,
      );
  };
  return (
    <form className={own.form} onSubmit={submit} noValidate aria-labelledby="measure-heading">
      <Heading level={3} data-size="xs" id="measure-heading">
        {t("ideas.carry.measureTitle")}
      </Heading>
      {problem?.status === 412 && <EditConflictNote />}
      {toMeasure.error && !placed && problem?.status !== 412 && <ProblemAlert error={toMeasure.error} />}
      <ModeChoice name="measure-mode" legend={t("ideas.carry.measureMode")} mode={mode} onChange={setMode} />
      {mode === "new" ? (
        <>
          <Fieldset className={own.goals} aria-invalid={errors.goal_ids ? true : undefined}>
            <Fieldset.Legend>{t("ideas.carry.goals")}</Fieldset.Legend>
            {(goalOptions.data ?? []).map((g) => (
              <Checkbox
                key={g.id}
                label={g.title}
                value={g.id}
                checked={goals.includes(g.id)}
                onChange={(e) => setGoals((now) => (e.target.checked ? [...now, g.id] : now.filter((id) => id !== g.id)))}
              />
            ))}
            {goalOptions.data?.length === 0 && <Paragraph>{t("ideas.carry.noGoals")}</Paragraph>}
            {errors.goal_ids && <ValidationMessage>{errors.goal_ids}</ValidationMessage>}
          </Fieldset>
          <Textfield
            label={t("ideas.carry.dueOn")}
            type="date"
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
            error={errors.due_on}
          />
        </>
      ) : (
        <SelectField
          label={t("ideas.field.measure")}
          value={measureId}
          onChange={(e) => setMeasureId(e.target.value)}
          error={errors.measure_id}
        >
          <option value="">{t("ideas.carry.choose")}</option>
          {(measures.data ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
      )}
      <div>
        <Button type="submit" aria-busy={toMeasure.isPending}>
          {t("ideas.carry.toMeasure")}
        </Button>
      </div>
    </form>
  );
}

function TaskForm({ programmeId, idea, etag, onDone }: { programmeId: string; idea: Idea; etag: string; onDone: (m: string) => void }) {
  const { t } = useI18n();
  const toTask = useIdeaToTask();
  const [mode, setMode] = useState<Mode>("new");
  const [projectId, setProjectId] = useState("");
  const [taskId, setTaskId] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const projects = useQuery(projectNamesQuery(programmeId));
  const tasks = useQuery({ ...taskOptionsQuery(programmeId), enabled: mode === "existing" });
  const word = useProblemWording(WORDING);
  const problem = toTask.error instanceof ApiProblem ? toTask.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errors = { ...server, ...local };
  const placed = Boolean(errors.project_id || errors.task_id || errors.due_on);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (mode === "new" && !idea.project_id && !projectId) found.project_id = t("ideas.error.projectRequired");
    if (mode === "existing" && !taskId) found.task_id = t("ideas.error.taskRequired");
    setLocal(found);
    if (Object.keys(found).length) return;
    toTask
      .mutateAsync({
        id: idea.id,
        etag,
        body:
          mode === "new"
            ? { project_id: idea.project_id ? null : projectId, due_on: dueOn || null, priority: "normal" }
            : // Linking an existing task sends nothing else: the API refuses a new task's fields with it.
              ({ task_id: taskId } as IdeaToTask),
      })
      .then(
        () => onDone(t("ideas.carry.taskDone")),
        () => undefined,
      );
  };
  return (
    <form className={own.form} onSubmit={submit} noValidate aria-labelledby="task-heading">
      <Heading level={3} data-size="xs" id="task-heading">
        {t("ideas.carry.taskTitle")}
      </Heading>
      {problem?.status === 412 && <EditConflictNote />}
      {toTask.error && !placed && problem?.status !== 412 && <ProblemAlert error={toTask.error} />}
      <ModeChoice name="task-mode" legend={t("ideas.carry.taskMode")} mode={mode} onChange={setMode} />
      {mode === "new" ? (
        <>
          {!idea.project_id && (
            <SelectField
              label={t("ideas.field.project")}
              value={projectId}
              onChange={(e) => setProjectId(e.target.value)}
              error={errors.project_id}
              required
            >
              <option value="">{t("ideas.carry.choose")}</option>
              {(projects.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
          )}
          <Textfield
            label={t("ideas.carry.dueOn")}
            type="date"
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
            error={errors.due_on}
          />
        </>
      ) : (
        <SelectField label={t("ideas.field.task")} value={taskId} onChange={(e) => setTaskId(e.target.value)} error={errors.task_id}>
          <option value="">{t("ideas.carry.choose")}</option>
          {(tasks.data ?? []).map((task) => (
            <option key={task.id} value={task.id}>
              {task.title}
            </option>
          ))}
        </SelectField>
      )}
      <div>
        <Button type="submit" aria-busy={toTask.isPending}>
          {t("ideas.carry.toTask")}
        </Button>
      </div>
    </form>
  );
}

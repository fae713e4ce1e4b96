import { Button, Textfield, ToggleGroup } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { useQueryParams, type ParamChanges } from "../../lib/queryParams";
import { namesById, peopleNamesQuery, projectNamesQuery, type Named } from "../../api/queries/lookups";
import { TASK_STATUSES, taskListQuery, useUpdateTask, type Task, type TaskFilters, type TaskStatus } from "../../api/queries/tasks";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Page } from "../../components/Page";
import { FilterSelect } from "../../components/FilterSelect";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { focusWhenPresent, switchWithArrows } from "../../lib/focus";
import { TaskBoard } from "./TaskBoard";
import { TaskDialog } from "./TaskDialog";
import { TaskTable } from "./TaskTable";
import own from "./tasks.module.css";
import { ExportButton } from "../../components/ExportButton";
import { ImportLink } from "../imports/ImportLink";

const VIEWS = ["list", "board"] as const;
type View = (typeof VIEWS)[number];

/** The filters and the view live in the URL, so a filtered board can be bookmarked and shared. */
function useTaskParams() {
  const [params, set] = useQueryParams();
  const status = params.get("status");
  const filters: TaskFilters = {
    projectId: params.get("project") || undefined,
    assigneeId: params.get("assignee") || undefined,
    status: TASK_STATUSES.includes(status as TaskStatus) ? (status as TaskStatus) : undefined,
    dueAfter: params.get("due_after") || undefined,
    dueBefore: params.get("due_before") || undefined,
  };
  const view: View = params.get("view") === "board" ? "board" : "list";
  return { filters, view, set };
}

export default function TasksPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const { filters, view, set } = useTaskParams();
  const projects = useQuery(projectNamesQuery(programmeId));
  const people = useQuery(peopleNamesQuery(programmeId));
  const projectNames = namesById(projects.data);
  const peopleNames = namesById(people.data);
  const [editing, setEditing] = useState<Task | "new" | null>(null);
  const [conflict, setConflict] = useState<{ conflict: EditConflict; task: Task } | null>(null);
  const [message, setMessage] = useState("");
  const update = useUpdateTask();

  const closeDialog = (done?: string, saved?: string) => {
    setEditing(null);
    if (done) setMessage(done);
    // Back to the saved task's own button once the list shows it, in either view.
    if (saved) focusWhenPresent(() => document.querySelector<HTMLElement>(`[data-task="${saved}"]`));
  };
  const onConflict = (c: EditConflict, task: Task) => {
    setEditing(null);
    setConflict({ conflict: c, task });
  };

  const labels: Record<string, string> = {
    project_id: t("tasks.field.project"),
    title: t("tasks.field.title"),
    description: t("tasks.field.description"),
    assignee_id: t("tasks.field.assignee"),
    priority: t("tasks.field.priority"),
    due_on: t("tasks.field.dueOn"),
    status: t("tasks.field.status"),
  };
  const display = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "status") return t(`tasks.status.${value}`);
    if (field === "priority") return t(`tasks.priority.${value}`);
    if (field === "project_id") return projectNames.get(String(value)) ?? String(value);
    if (field === "assignee_id") return peopleNames.get(String(value)) ?? String(value);
    return String(value);
  };

  return (
    <Page
      title={t("tasks.title")}
      actions={
        <>
          <ExportButton path="/api/v1/tasks" query={taskListQuery(programmeId, filters)} />
          <ImportLink programmeId={programmeId} resource="tasks" />
          <Button onClick={() => setEditing("new")}>{t("tasks.new")}</Button>
        </>
      }
    >
      <ToggleGroup
        className={own.view}
        aria-label={t("tasks.view.label")}
        value={view}
        onChange={(value) => set({ view: value === "board" ? "board" : undefined }, false)}
        onKeyDown={switchWithArrows(VIEWS, view, (value) => set({ view: value === "board" ? "board" : undefined }, false))}
      >
        <ToggleGroup.Item value="list">{t("tasks.view.list")}</ToggleGroup.Item>
        <ToggleGroup.Item value="board">{t("tasks.view.board")}</ToggleGroup.Item>
      </ToggleGroup>
      <TaskFilterBar filters={filters} set={set} projects={projects.data ?? []} people={people.data ?? []} />
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      {view === "list" ? (
        <TaskTable
          programmeId={programmeId}
          filters={filters}
          projectNames={projectNames}
          peopleNames={peopleNames}
          onEdit={setEditing}
        />
      ) : (
        <TaskBoard
          programmeId={programmeId}
          filters={filters}
          projectNames={projectNames}
          peopleNames={peopleNames}
          onEdit={setEditing}
          onConflict={onConflict}
          announce={setMessage}
        />
      )}
      {editing && (
        <TaskDialog
          task={editing === "new" ? null : editing}
          defaultProjectId={filters.projectId}
          projects={projects.data ?? []}
          people={people.data ?? []}
          onClose={closeDialog}
          onConflict={onConflict}
        />
      )}
      {conflict && (
        <ConflictDialog
          conflict={conflict.conflict}
          labels={labels}
          display={display}
          onCancel={() => setConflict(null)}
          onResolve={(changes, etag) => {
            const id = conflict.task.id;
            setConflict(null);
            if (Object.keys(changes).length === 0) return;
            update.mutate(
              { id, etag, changes },
              {
                onSuccess: (saved) => setMessage(t("tasks.saved", { title: saved.record.title })),
                onError: (error) => {
                  if (error instanceof EditConflict) setConflict({ conflict: error, task: conflict.task });
                },
              },
            );
          }}
        />
      )}
    </Page>
  );
}

function TaskFilterBar({
  filters,
  set,
  projects,
  people,
}: {
  filters: TaskFilters;
  set: (changes: ParamChanges) => void;
  projects: Named[];
  people: Named[];
}) {
  const { t } = useI18n();
  const any = Object.values(filters).some(Boolean);
  return (
    <div role="search" aria-label={t("tasks.filters.label")} className={styles.filters}>
      <FilterSelect
        label={t("tasks.field.project")}
        value={filters.projectId}
        onChange={(value) => set({ project: value })}
        options={projects.map((p) => ({ value: p.id, label: p.name }))}
      />
      <FilterSelect
        label={t("tasks.field.assignee")}
        value={filters.assigneeId}
        onChange={(value) => set({ assignee: value })}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
      />
      <FilterSelect
        label={t("tasks.field.status")}
        value={filters.status}
        onChange={(value) => set({ status: value })}
        options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
      />
      <Textfield
        label={t("tasks.filters.dueAfter")}
        type="date"
        value={filters.dueAfter ?? ""}
        onChange={(e) => set({ due_after: e.target.value })}
      />
      <Textfield
        label={t("tasks.filters.dueBefore")}
        type="date"
        value={filters.dueBefore ?? ""}
        onChange={(e) => set({ due_before: e.target.value })}
      />
      {any && (
        <Button
          variant="tertiary"
          onClick={() =>
            set({ project: undefined, assignee: undefined, status: undefined, due_after: undefined, due_before: undefined })
          }
        >
          {t("tasks.filters.clear")}
        </Button>
      )}
    </div>
  );
}

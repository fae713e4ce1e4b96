import { Button, Card, Dropdown, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import {
  etagOf,
  TASK_STATUSES,
  tasksQuery,
  useUpdateTask,
  type Task,
  type TaskFilters,
  type TaskStatus,
} from "../../api/queries/tasks";
import { LoadMore } from "../../components/LoadMore";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import own from "./tasks.module.css";

/**
 * Tasks in one column per status. Every card moves with one menu, Move to, so the board
 * works by keyboard and screen reader; there is no drag and drop to miss.
 */
export function TaskBoard({
  programmeId,
  filters,
  projectNames,
  peopleNames,
  onEdit,
  onConflict,
  announce,
}: {
  programmeId: string;
  filters: TaskFilters;
  projectNames: Map<string, string>;
  peopleNames: Map<string, string>;
  onEdit: (task: Task) => void;
  onConflict: (conflict: EditConflict, task: Task) => void;
  announce: (message: string) => void;
}) {
  const { t } = useI18n();
  const update = useUpdateTask();
  const headings = useRef(new Map<TaskStatus, HTMLHeadingElement>());
  const columns = filters.status ? [filters.status] : TASK_STATUSES;

  const move = (task: Task, status: TaskStatus) => {
    if (status === task.status) return;
    update.mutate(
      { id: task.id, etag: etagOf(task), changes: { status } },
      {
        onSuccess: () => {
          announce(t("tasks.board.moved", { title: task.title, status: t(`tasks.status.${status}`) }));
          // The card leaves this column; keep the keyboard user where the card went (or, when a
          // status filter hides that column, at the top of this one).
          (headings.current.get(status) ?? headings.current.get(task.status))?.focus();
        },
        onError: (error) => {
          if (error instanceof EditConflict) onConflict(error, task);
        },
      },
    );
  };

  return (
    <>
      {update.error && !(update.error instanceof EditConflict) && <ProblemAlert error={update.error} />}
      <div className={own.board}>
        {columns.map((status) => (
          <BoardColumn
            key={status}
            status={status}
            programmeId={programmeId}
            filters={{ ...filters, status }}
            projectNames={projectNames}
            peopleNames={peopleNames}
            headingRef={(el) => {
              if (el) headings.current.set(status, el);
              else headings.current.delete(status);
            }}
            onEdit={onEdit}
            onMove={move}
            moving={update.isPending ? update.variables?.id : undefined}
          />
        ))}
      </div>
    </>
  );
}

function BoardColumn({
  status,
  programmeId,
  filters,
  projectNames,
  peopleNames,
  headingRef,
  onEdit,
  onMove,
  moving,
}: {
  status: TaskStatus;
  programmeId: string;
  filters: TaskFilters;
  projectNames: Map<string, string>;
  peopleNames: Map<string, string>;
  headingRef: (el: HTMLHeadingElement | null) => void;
  onEdit: (task: Task) => void;
  onMove: (task: Task, status: TaskStatus) => void;
  moving?: string;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const query = useInfiniteQuery(tasksQuery(programmeId, filters));
  const tasks = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className={own.column} aria-labelledby={headingId}>
      <Heading level={2} data-size="xs" id={headingId} ref={headingRef} tabIndex={-1}>
        {t(`tasks.status.${status}`)}
        {query.data && ` (${tasks.length}${query.hasNextPage ? "+" : ""})`}
      </Heading>
      <QueryState query={query}>
        {() =>
          tasks.length === 0 ? (
            <Paragraph data-size="sm">{t("tasks.board.empty")}</Paragraph>
          ) : (
            <ul className={own.cards}>
              {tasks.map((task) => (
                <li key={task.id}>
                  <TaskCard
                    task={task}
                    projectName={projectNames.get(task.project_id)}
                    assigneeName={task.assignee_id ? peopleNames.get(task.assignee_id) : undefined}
                    onEdit={onEdit}
                    onMove={onMove}
                    busy={moving === task.id}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={query.fetchNextPage}
      />
    </section>
  );
}

function TaskCard({
  task,
  projectName,
  assigneeName,
  onEdit,
  onMove,
  busy,
}: {
  task: Task;
  projectName?: string;
  assigneeName?: string;
  onEdit: (task: Task) => void;
  onMove: (task: Task, status: TaskStatus) => void;
  busy: boolean;
}) {
  const { t, formatDate } = useI18n();
  return (
    <Card data-color="neutral" className={own.card}>
      <Heading level={3} data-size="2xs">
        {task.title}
      </Heading>
      <dl className={own.meta}>
        <dt>{t("tasks.field.project")}</dt>
        <dd>{projectName ?? "—"}</dd>
        <dt>{t("tasks.field.assignee")}</dt>
        <dd>{assigneeName ?? t("tasks.noAssignee")}</dd>
        <dt>{t("tasks.field.dueOn")}</dt>
        <dd>{task.due_on ? formatDate(task.due_on) : t("tasks.noDue")}</dd>
        <dt>{t("tasks.field.priority")}</dt>
        <dd>{t(`tasks.priority.${task.priority}`)}</dd>
      </dl>
      <div className={own.move}>
        <MoveMenu task={task} onMove={onMove} busy={busy} />
        <Button data-size="sm" variant="tertiary" onClick={() => onEdit(task)} data-task={task.id}>
          {t("common.edit")}
          <span className={styles.visuallyHidden}> {task.title}</span>
        </Button>
      </div>
    </Card>
  );
}

/** One control per card: "Move to …" opens the other statuses; choosing one moves the card. */
function MoveMenu({
  task,
  onMove,
  busy,
}: {
  task: Task;
  onMove: (task: Task, status: TaskStatus) => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown.TriggerContext>
      <Dropdown.Trigger data-size="sm" variant="secondary" aria-busy={busy}>
        {t("tasks.board.moveTo")} …<span className={styles.visuallyHidden}>: {task.title}</span>
      </Dropdown.Trigger>
      <Dropdown placement="bottom-start" open={open} onOpen={() => setOpen(true)} onClose={() => setOpen(false)}>
        {/* Rendered only while open: four cards a column need not carry twelve hidden buttons. */}
        {open && (
          <Dropdown.List>
            {TASK_STATUSES.filter((s) => s !== task.status).map((s) => (
              <Dropdown.Item key={s}>
                <Dropdown.Button
                  onClick={() => {
                    setOpen(false);
                    onMove(task, s);
                  }}
                >
                  {t(`tasks.status.${s}`)}
                </Dropdown.Button>
              </Dropdown.Item>
            ))}
          </Dropdown.List>
        )}
      </Dropdown>
    </Dropdown.TriggerContext>
  );
}

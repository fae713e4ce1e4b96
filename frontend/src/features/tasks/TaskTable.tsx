import { Button, Table } from "@digdir/designsystemet-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { tasksQuery, type Task, type TaskFilters } from "../../api/queries/tasks";
import { PagedTable } from "../../components/PagedTable";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";

/** Tasks as a table, earliest due first, a page at a time. */
export function TaskTable({
  programmeId,
  filters,
  projectNames,
  peopleNames,
  onEdit,
}: {
  programmeId: string;
  filters: TaskFilters;
  projectNames: Map<string, string>;
  peopleNames: Map<string, string>;
  onEdit: (task: Task) => void;
}) {
  const { t, formatDate } = useI18n();
  const query = useInfiniteQuery(tasksQuery(programmeId, filters));
  return (
    <PagedTable
      query={query}
      empty={t("tasks.none")}
      caption={t("tasks.list.caption")}
      head={
        <>
          <Table.HeaderCell scope="col">{t("tasks.field.title")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("tasks.field.project")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("tasks.field.assignee")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("tasks.field.status")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("tasks.field.priority")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("tasks.field.dueOn")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">
            <span className={styles.visuallyHidden}>{t("tasks.list.actions")}</span>
          </Table.HeaderCell>
        </>
      }
      row={(task) => (
        <Table.Row key={task.id}>
          <Table.HeaderCell scope="row">{task.title}</Table.HeaderCell>
          <Table.Cell>{projectNames.get(task.project_id) ?? "—"}</Table.Cell>
          <Table.Cell>
            {task.assignee_id ? (peopleNames.get(task.assignee_id) ?? "—") : t("tasks.noAssignee")}
          </Table.Cell>
          <Table.Cell>{t(`tasks.status.${task.status}`)}</Table.Cell>
          <Table.Cell>{t(`tasks.priority.${task.priority}`)}</Table.Cell>
          <Table.Cell>{task.due_on ? formatDate(task.due_on) : t("tasks.noDue")}</Table.Cell>
          <Table.Cell>
            <Button data-size="sm" variant="tertiary" onClick={() => onEdit(task)} data-task={task.id}>
              {t("common.edit")}
              <span className={styles.visuallyHidden}> {task.title}</span>
            </Button>
          </Table.Cell>
        </Table.Row>
      )}
    />
  );
}

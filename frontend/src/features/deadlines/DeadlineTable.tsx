import { Button, Paragraph, Table } from "@digdir/designsystemet-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { deadlinesQuery, type Deadline, type DeadlineFilters } from "../../api/queries/deadlines";
import { PagedTable } from "../../components/PagedTable";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { DeadlineStatus } from "./DeadlineStatus";
import own from "./deadlines.module.css";

export interface Names {
  projects: Map<string, string>;
  people: Map<string, string>;
  groups: Map<string, string>;
}

export function responsibleName(deadline: Deadline, names: Names): string {
  if (deadline.responsible_person_id) return names.people.get(deadline.responsible_person_id) ?? "—";
  if (deadline.responsible_group_id) return names.groups.get(deadline.responsible_group_id) ?? "—";
  return "—";
}

const rowId = (d: Deadline) => `deadline-${d.id}`;

/** Deadlines as a table, earliest first, a page at a time; open ones can be marked submitted. */
export function DeadlineTable({
  programmeId,
  filters,
  names,
  onMarkSubmitted,
  busyId,
}: {
  programmeId: string;
  filters: DeadlineFilters;
  names: Names;
  onMarkSubmitted: (deadline: Deadline) => Promise<unknown>;
  busyId?: string;
}) {
  const { t, formatDateTime } = useI18n();
  const query = useInfiniteQuery(deadlinesQuery(programmeId, filters));
  const table = useRef<HTMLTableElement>(null);
  // The button goes away once the deadline is submitted; keep the keyboard on its row, or on
  // the table when a filter took the row away.
  const markSubmitted = (d: Deadline) =>
    onMarkSubmitted(d)
      .then(() => requestAnimationFrame(() => (document.getElementById(rowId(d)) ?? table.current)?.focus()))
      .catch(() => undefined);
  return (
    <PagedTable
      query={query}
      empty={t("deadlines.none")}
      caption={t("deadlines.list.caption")}
      tableRef={table}
      head={
        <>
          <Table.HeaderCell scope="col">{t("deadlines.field.title")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("deadlines.list.due")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("deadlines.field.kind")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("deadlines.field.responsible")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("deadlines.field.recipient")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("deadlines.field.project")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("deadlines.field.status")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">
            <span className={styles.visuallyHidden}>{t("deadlines.list.actions")}</span>
          </Table.HeaderCell>
        </>
      }
      row={(d) => (
        <Table.Row key={d.id}>
          <Table.HeaderCell scope="row" id={rowId(d)} tabIndex={-1}>
            {d.title}
          </Table.HeaderCell>
          <Table.Cell className={own.nowrap}>{formatDateTime(d.due_at)}</Table.Cell>
          <Table.Cell>{t(`deadlines.kind.${d.kind}`)}</Table.Cell>
          <Table.Cell>{responsibleName(d, names)}</Table.Cell>
          <Table.Cell>{d.recipient_id ? (names.people.get(d.recipient_id) ?? "—") : "—"}</Table.Cell>
          <Table.Cell>{d.project_id ? (names.projects.get(d.project_id) ?? "—") : "—"}</Table.Cell>
          <Table.Cell>
            <DeadlineStatus deadline={d} className={own.statusCell} />
            {d.submitted_at && (
              <Paragraph data-size="xs">
                {t("deadlines.submittedAt", { when: formatDateTime(d.submitted_at) })}
              </Paragraph>
            )}
          </Table.Cell>
          <Table.Cell>
            {d.status === "open" && (
              <Button
                data-size="sm"
                variant="secondary"
                onClick={() => markSubmitted(d)}
                aria-busy={busyId === d.id}
                aria-label={t("deadlines.markSubmittedFor", { title: d.title })}
              >
                {t("deadlines.markSubmitted")}
              </Button>
            )}
          </Table.Cell>
        </Table.Row>
      )}
    />
  );
}

import { Heading, Link, List, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useId, type ReactNode } from "react";
import { Link as RouterLink } from "react-router-dom";
import { deadlinesQuery } from "../../api/queries/deadlines";
import { projectGroupsQuery } from "../../api/queries/groups";
import { involvementsQuery } from "../../api/queries/involvements";
import { groupNamesQuery, namesById, peopleNamesQuery } from "../../api/queries/lookups";
import { tasksQuery } from "../../api/queries/tasks";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { TableScroll } from "../../components/TableScroll";
import { useI18n } from "../../i18n";
import { NewGroupButton } from "../groups/GroupDialog";
import styles from "./project.module.css";

interface Props {
  projectId: string;
  programmeId: string;
}

// A project page shows the first few deadlines; the deadlines page has them all.
const DEADLINES_SHOWN = 10;

/** A section of the project page with its h2, an optional link to the full page, and its body. */
function Section({
  title,
  all,
  children,
}: {
  title: string;
  all?: ReactNode;
  children: (headingId: string) => ReactNode;
}) {
  const headingId = useId();
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {title}
      </Heading>
      {children(headingId)}
      {all && <div className={styles.more}>{all}</div>}
    </section>
  );
}

function AllLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link asChild>
      <RouterLink to={to}>{children}</RouterLink>
    </Link>
  );
}

function usePeopleNames(programmeId: string) {
  const people = useQuery(peopleNamesQuery(programmeId));
  return namesById(people.data);
}

export function GroupsSection({ projectId, programmeId }: Props) {
  const { t } = useI18n();
  const groups = useInfiniteQuery(projectGroupsQuery(projectId));
  return (
    <Section title={t("projects.groups")} all={<NewGroupButton programmeId={programmeId} projectId={projectId} />}>
      {() => (
        <QueryState query={groups}>
          {(data) => {
            const items = data.pages.flatMap((page) => page.items);
            if (items.length === 0) return <Paragraph>{t("projects.groups.none")}</Paragraph>;
            return (
              <>
                <List.Unordered className={styles.compact}>
                  {items.map((group) => (
                    <List.Item key={group.id}>
                      <Link asChild>
                        <RouterLink to={`/p/${programmeId}/groups/${group.id}`}>{group.name}</RouterLink>
                      </Link>{" "}
                      · {t(`groups.kind.${group.kind}`)} ·{" "}
                      {t("projects.groups.mandate", { status: t(`projects.mandateStatus.${group.mandate_status}`) })}
                    </List.Item>
                  ))}
                </List.Unordered>
                <LoadMore {...groups} />
              </>
            );
          }}
        </QueryState>
      )}
    </Section>
  );
}

export function TasksSection({ projectId, programmeId }: Props) {
  const { t, formatDate } = useI18n();
  const tasks = useInfiniteQuery(tasksQuery(programmeId, { projectId }));
  const names = usePeopleNames(programmeId);
  return (
    <Section
      title={t("projects.tasks")}
      all={<AllLink to={`/p/${programmeId}/tasks?project=${projectId}`}>{t("projects.tasks.all")}</AllLink>}
    >
      {(headingId) => (
        <QueryState query={tasks}>
          {(data) => {
            const items = data.pages.flatMap((page) => page.items);
            if (items.length === 0) return <Paragraph>{t("projects.tasks.none")}</Paragraph>;
            return (
              <>
                <TableScroll labelledBy={headingId}>
                  <Table data-size="sm" aria-labelledby={headingId} zebra>
                    <Table.Head>
                      <Table.Row>
                        <Table.HeaderCell>{t("projects.tasks.title")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.tasks.status")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.tasks.due")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.tasks.assignee")}</Table.HeaderCell>
                      </Table.Row>
                    </Table.Head>
                    <Table.Body>
                      {items.map((task) => (
                        <Table.Row key={task.id}>
                          <Table.Cell>{task.title}</Table.Cell>
                          <Table.Cell>{t(`projects.taskStatus.${task.status}`)}</Table.Cell>
                          <Table.Cell>{formatDate(task.due_on) || "—"}</Table.Cell>
                          <Table.Cell>{(task.assignee_id && names.get(task.assignee_id)) || "—"}</Table.Cell>
                        </Table.Row>
                      ))}
                    </Table.Body>
                  </Table>
                </TableScroll>
                <LoadMore {...tasks} />
              </>
            );
          }}
        </QueryState>
      )}
    </Section>
  );
}

export function DeadlinesSection({ projectId, programmeId }: Props) {
  const { t, formatDateTime } = useI18n();
  const deadlines = useInfiniteQuery(deadlinesQuery(programmeId, { projectId }, DEADLINES_SHOWN));
  const names = usePeopleNames(programmeId);
  const groups = useQuery(groupNamesQuery(programmeId));
  const groupNames = namesById(groups.data);
  return (
    <Section
      title={t("projects.deadlines")}
      all={
        <AllLink to={`/p/${programmeId}/deadlines?project=${projectId}`}>{t("projects.deadlines.all")}</AllLink>
      }
    >
      {(headingId) => (
        <QueryState query={deadlines}>
          {(data) => {
            const items = data.pages.flatMap((page) => page.items);
            if (items.length === 0) return <Paragraph>{t("projects.deadlines.none")}</Paragraph>;
            return (
              <>
                <TableScroll labelledBy={headingId}>
                  <Table data-size="sm" aria-labelledby={headingId} zebra>
                    <Table.Head>
                      <Table.Row>
                        <Table.HeaderCell>{t("projects.deadlines.title")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.deadlines.due")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.deadlines.from")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.deadlines.to")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.deadlines.status")}</Table.HeaderCell>
                      </Table.Row>
                    </Table.Head>
                    <Table.Body>
                      {items.map((deadline) => (
                        <Table.Row key={deadline.id}>
                          <Table.Cell>{deadline.title}</Table.Cell>
                          <Table.Cell>{formatDateTime(deadline.due_at)}</Table.Cell>
                          <Table.Cell>
                            {(deadline.responsible_person_id && names.get(deadline.responsible_person_id)) ||
                              (deadline.responsible_group_id && groupNames.get(deadline.responsible_group_id)) ||
                              "—"}
                          </Table.Cell>
                          <Table.Cell>
                            {(deadline.recipient_id && names.get(deadline.recipient_id)) || "—"}
                          </Table.Cell>
                          <Table.Cell>
                            {deadline.overdue ? (
                              <Tag data-color="danger">{t("projects.deadlines.overdue")}</Tag>
                            ) : (
                              t(`projects.deadlineStatus.${deadline.status}`)
                            )}
                          </Table.Cell>
                        </Table.Row>
                      ))}
                    </Table.Body>
                  </Table>
                </TableScroll>
                <LoadMore {...deadlines} />
              </>
            );
          }}
        </QueryState>
      )}
    </Section>
  );
}

export function InvolvementsSection({ projectId, programmeId }: Props) {
  const { t, formatDate } = useI18n();
  const involvements = useInfiniteQuery(involvementsQuery(programmeId, { projectId }));
  return (
    <Section
      title={t("projects.involvements")}
      all={
        <AllLink to={`/p/${programmeId}/involvements?project=${projectId}`}>
          {t("projects.involvements.all")}
        </AllLink>
      }
    >
      {(headingId) => (
        <QueryState query={involvements}>
          {(data) => {
            const items = data.pages.flatMap((page) => page.items);
            if (items.length === 0) return <Paragraph>{t("projects.involvements.none")}</Paragraph>;
            return (
              <>
                <TableScroll labelledBy={headingId}>
                  <Table data-size="sm" aria-labelledby={headingId} zebra>
                    <Table.Head>
                      <Table.Row>
                        <Table.HeaderCell>{t("projects.involvements.date")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.involvements.matter")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.involvements.who")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("projects.involvements.form")}</Table.HeaderCell>
                      </Table.Row>
                    </Table.Head>
                    <Table.Body>
                      {items.map((involvement) => {
                        const count = involvement.head_count ?? involvement.participant_count;
                        return (
                          <Table.Row key={involvement.id}>
                            <Table.Cell>{formatDate(involvement.occurred_on)}</Table.Cell>
                            <Table.Cell>{involvement.matter}</Table.Cell>
                            <Table.Cell>
                              {t(`projects.stakeholder.${involvement.stakeholder_kind}`)}
                              {count > 0 && ` (${t("projects.involvements.count", { count })})`}
                            </Table.Cell>
                            <Table.Cell>{t(`projects.involvementForm.${involvement.form}`)}</Table.Cell>
                          </Table.Row>
                        );
                      })}
                    </Table.Body>
                  </Table>
                </TableScroll>
                <LoadMore {...involvements} />
              </>
            );
          }}
        </QueryState>
      )}
    </Section>
  );
}

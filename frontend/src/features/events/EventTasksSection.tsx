import { Button, Heading, Link, Paragraph, Table } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Link as RouterLink } from "react-router-dom";
import type { EventRecord } from "../../api/queries/events";
import { EVENT_TASK_LIMIT, eventTasksQuery, type Deadline } from "../../api/queries/deadlines";
import { groupNamesQuery, namesById, peopleNamesQuery, projectNamesQuery } from "../../api/queries/lookups";
import layout from "../../components/layout.module.css";
import { QueryState } from "../../components/QueryState";
import { TableScroll } from "../../components/TableScroll";
import { useI18n } from "../../i18n";
import { DeadlineDialog } from "../deadlines/DeadlineDialog";
import { responsibleName } from "../deadlines/DeadlineTable";
import { DeliveryMark, deliveryWord } from "../deliveries/DeliveriesPage";
import own from "./events.module.css";
import { focusWhenPresent } from "../../lib/focus";

/** «Oppgaver gitt på samlingen» for a gathering, «… på møtet» for the other kinds. */
const place = (event: EventRecord) => (event.kind === "gathering" ? "gathering" : "meeting");

/**
 * The tasks given at the event (e.g. «Oppgave 2b»): the deadlines that answer them, when they are
 * due in Oslo time, who delivers, who receives, and whether each was delivered on time, late or
 * not at all, in words and a mark. Shown when there are any, and to those who may add one.
 */
export function EventTasksSection({
  event,
  programmeId,
  mayEdit,
}: {
  event: EventRecord;
  programmeId: string;
  mayEdit: boolean;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const tasks = useQuery(eventTasksQuery(programmeId, event.id));
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);
  const count = tasks.data?.items.length ?? 0;
  if (!mayEdit && count === 0) return null;
  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t(`events.tasks.${place(event)}`)}
      </Heading>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      <QueryState query={tasks}>
        {(page) =>
          page.items.length === 0 ? (
            <Paragraph>{t(`events.tasks.none.${place(event)}`)}</Paragraph>
          ) : (
            <>
              <TaskTable event={event} programmeId={programmeId} tasks={page.items} />
              <Paragraph className={own.more}>
                <Link asChild>
                  <RouterLink to={`/p/${programmeId}/deadlines?event=${event.id}`}>
                    {page.next_cursor
                      ? t("events.tasks.allMore", { count: EVENT_TASK_LIMIT })
                      : t("events.tasks.all")}
                  </RouterLink>
                </Link>
              </Paragraph>
            </>
          )
        }
      </QueryState>
      {mayEdit && (
        <div className={own.more}>
          <Button
            ref={addButton}
            variant="secondary"
            onClick={() => {
              setNotice("");
              setAdding(true);
            }}
          >
            {t("events.tasks.add")}
          </Button>
        </div>
      )}
      {adding && (
        <AddTask
          programmeId={programmeId}
          eventId={event.id}
          onClose={(done) => {
            setAdding(false);
            if (done) setNotice(done);
            focusWhenPresent(() => addButton.current);
          }}
        />
      )}
    </section>
  );
}

function TaskTable({ event, programmeId, tasks }: { event: EventRecord; programmeId: string; tasks: Deadline[] }) {
  const { t, formatDateTime } = useI18n();
  const people = useQuery(peopleNamesQuery(programmeId));
  const groups = useQuery(groupNamesQuery(programmeId));
  const names = { people: namesById(people.data), groups: namesById(groups.data), projects: new Map<string, string>() };
  return (
    <TableScroll label={t("events.tasks.caption", { title: event.title })}>
      <Table data-size="sm" zebra>
        <caption className={layout.visuallyHidden}>{t("events.tasks.caption", { title: event.title })}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t("events.tasks.task")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("events.tasks.due")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("events.tasks.responsible")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("events.tasks.recipient")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("events.tasks.delivery")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {tasks.map((task) => (
            <Table.Row key={task.id}>
              <Table.HeaderCell scope="row">{task.title}</Table.HeaderCell>
              <Table.Cell className={own.nowrap}>{formatDateTime(task.due_at)}</Table.Cell>
              <Table.Cell>{responsibleName(task, names)}</Table.Cell>
              <Table.Cell>{task.recipient_id ? (names.people.get(task.recipient_id) ?? "—") : "—"}</Table.Cell>
              <Table.Cell>
                <DeliveryMark delivery={task.delivery}>{deliveryWord(t, task)}</DeliveryMark>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </TableScroll>
  );
}

/** The deadline dialog with this event chosen as where the task was given. */
function AddTask({
  programmeId,
  eventId,
  onClose,
}: {
  programmeId: string;
  eventId: string;
  onClose: (message?: string) => void;
}) {
  const projects = useQuery(projectNamesQuery(programmeId));
  const people = useQuery(peopleNamesQuery(programmeId));
  const groups = useQuery(groupNamesQuery(programmeId));
  return (
    <DeadlineDialog
      programmeId={programmeId}
      defaultEventId={eventId}
      projects={projects.data ?? []}
      people={people.data ?? []}
      groups={groups.data ?? []}
      onClose={onClose}
    />
  );
}

import { Button, Link, Paragraph } from "@digdir/designsystemet-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import {
  eventKeys,
  eventQuery,
  inviteesQuery,
  type AgendaItem,
  type EventRecord,
  type Participant,
  type Protocol,
} from "../../api/queries/events";
import { groupNamesQuery, namesById, projectNamesQuery } from "../../api/queries/lookups";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import type { EditConflict } from "../../lib/conflict";
import { useMayEditEvents } from "./access";
import { AgendaSection } from "./AgendaSection";
import { DeleteEventDialog } from "./DeleteEventDialog";
import { ConflictContext, useEventSave } from "./editing";
import { EventDetails } from "./EventDetails";
import { EventTasksSection } from "./EventTasksSection";
import own from "./events.module.css";
import { MinutesSection } from "./MinutesSection";
import { ParticipantsSection } from "./ParticipantsSection";
import { protocolSummary, ProtocolSection } from "./ProtocolSection";

/**
 * One event: its facts, agenda (a gathering's programme), the tasks given at it, participants with
 * their attendance, minutes and, for a consultation meeting, the protocol. Every part is saved on its own, with If-Match.
 */
export default function EventPage() {
  const { t } = useI18n();
  const { programmeId = "", eventId = "" } = useParams();
  const event = useQuery(eventQuery(eventId));
  const mayEdit = useMayEditEvents(programmeId);
  const [deleting, setDeleting] = useState(false);
  return (
    <Page
      title={event.data?.record.title ?? t("events.event")}
      actions={
        mayEdit &&
        event.data && (
          <Button variant="secondary" data-color="danger" onClick={() => setDeleting(true)}>
            {t("events.delete.open")}
          </Button>
        )
      }
    >
      <Paragraph className={own.back}>
        <Link asChild>
          <RouterLink to={`/p/${programmeId}/events`}>{t("events.back")}</RouterLink>
        </Link>
      </Paragraph>
      <QueryState query={event}>
        {({ record }) => <EventBody record={record} programmeId={programmeId} mayEdit={mayEdit} />}
      </QueryState>
      {deleting && event.data && (
        <DeleteEventDialog
          programmeId={programmeId}
          event={event.data.record}
          etag={event.data.etag}
          onClose={() => setDeleting(false)}
        />
      )}
    </Page>
  );
}

function EventBody({ record, programmeId, mayEdit }: { record: EventRecord; programmeId: string; mayEdit: boolean }) {
  const client = useQueryClient();
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  // Forms start again from the saved event once a conflict has been settled.
  const [generation, setGeneration] = useState(0);
  const onConflict = useCallback(
    (found: EditConflict) => {
      client.setQueryData(eventKeys.detail(record.id), { record: found.current, etag: found.etag });
      setConflict(found);
    },
    [client, record.id],
  );
  const resolution = useEventSave(record.id, onConflict);
  const { labels, display } = useConflictWords(programmeId);
  return (
    <ConflictContext.Provider value={onConflict}>
      {resolution.error && <ProblemAlert error={resolution.error} />}
      <div key={generation}>
        <EventDetails event={record} programmeId={programmeId} mayEdit={mayEdit} />
        <AgendaSection event={record} mayEdit={mayEdit} />
        <EventTasksSection event={record} programmeId={programmeId} mayEdit={mayEdit} />
        <ParticipantsSection event={record} programmeId={programmeId} mayEdit={mayEdit} />
        <MinutesSection event={record} mayEdit={mayEdit} />
        {record.kind === "consultation_meeting" && <ProtocolSection event={record} mayEdit={mayEdit} />}
      </div>
      {conflict && (
        <ConflictDialog
          conflict={conflict}
          labels={labels}
          display={display}
          onCancel={() => setConflict(null)}
          onResolve={(changes) => {
            setConflict(null);
            // Saved only if what the user chose between is still what is saved.
            const seen = conflict.current as EventRecord;
            const base = Object.fromEntries(Object.keys(changes).map((f) => [f, seen[f as keyof EventRecord]]));
            resolution.save(() => changes, base).then(
              () => setGeneration((n) => n + 1),
              () => undefined,
            );
          }}
        />
      )}
    </ConflictContext.Provider>
  );
}

/** The words the conflict dialog shows an event's fields in. */
function useConflictWords(programmeId: string) {
  const { t, formatDateTime } = useI18n();
  const groups = useQuery(groupNamesQuery(programmeId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const people = useQuery(inviteesQuery(programmeId));
  const names = {
    group_id: namesById(groups.data),
    project_id: namesById(projects.data),
    person: namesById(people.data),
  };
  const labels = {
    title: t("events.field.title"),
    kind: t("events.field.kind"),
    group_id: t("events.field.group"),
    project_id: t("events.field.project"),
    starts_at: t("events.field.startsAt"),
    ends_at: t("events.field.endsAt"),
    location: t("events.field.location"),
    agenda: t("events.agenda"),
    participants: t("events.participants"),
    minutes: t("events.minutes"),
    protocol: t("events.protocol"),
  };
  const display = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    switch (field) {
      case "kind":
        return t(`events.kind.${value}`);
      case "group_id":
      case "project_id":
        return names[field].get(String(value)) ?? String(value);
      case "starts_at":
      case "ends_at":
        return formatDateTime(String(value));
      case "agenda":
        return (
          (value as AgendaItem[]).map((item) => [item.time, item.title].filter(Boolean).join(" ")).join("; ") || "—"
        );
      case "participants":
        return (
          (value as Participant[])
            .map((p) => {
              const name = names.person.get(p.person_id) ?? t("events.participants.unknown");
              return `${name}: ${t(`events.attendance.${p.attendance ?? "unrecorded"}`)}`;
            })
            .join("; ") || "—"
        );
      case "protocol":
        return protocolSummary(value as Protocol, t, formatDateTime);
      default:
        return String(value);
    }
  };
  return { labels, display };
}

import { Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link as RouterLink } from "react-router-dom";
import { eventsQuery, type EventFilters, type EventRecord } from "../../api/queries/events";
import { PagedTable } from "../../components/PagedTable";
import { useI18n } from "../../i18n";
import own from "./events.module.css";
import { useEventSpan } from "./format";

export interface Names {
  groups: Map<string, string>;
  projects: Map<string, string>;
}

/** A consultation meeting's protocol state in words (and colour); other kinds have no protocol. */
export function ProtocolState({ event }: { event: EventRecord }) {
  const { t, formatDateTime } = useI18n();
  if (event.kind !== "consultation_meeting") return <>—</>;
  const signedAt = event.protocol?.signed_at;
  if (!signedAt) {
    return (
      <Tag data-color="warning" data-size="sm">
        {t("events.protocol.unsigned")}
      </Tag>
    );
  }
  return (
    <span className={own.signed}>
      <Tag data-color="success" data-size="sm">
        {t("events.protocol.signed")}
      </Tag>
      <Paragraph data-size="xs">{formatDateTime(signedAt)}</Paragraph>
    </span>
  );
}

/** The programme's events by start, a page at a time, each linking to its page. */
export function EventTable({
  programmeId,
  filters,
  names,
}: {
  programmeId: string;
  filters: EventFilters;
  names: Names;
}) {
  const { t } = useI18n();
  const span = useEventSpan();
  const query = useInfiniteQuery(eventsQuery(programmeId, filters));
  const name = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? "—") : "—");
  return (
    <PagedTable
      query={query}
      empty={t("events.none")}
      caption={t(filters.period === "past" ? "events.list.captionPast" : "events.list.caption")}
      head={
        <>
          <Table.HeaderCell scope="col">{t("events.field.title")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("events.field.kind")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("events.field.when")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("events.field.group")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("events.field.project")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("events.field.location")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("events.field.protocol")}</Table.HeaderCell>
        </>
      }
      row={(event) => (
        <Table.Row key={event.id}>
          <Table.HeaderCell scope="row">
            <Link asChild>
              <RouterLink to={`/p/${programmeId}/events/${event.id}`}>{event.title}</RouterLink>
            </Link>
          </Table.HeaderCell>
          <Table.Cell>{t(`events.kind.${event.kind}`)}</Table.Cell>
          <Table.Cell>{span(event)}</Table.Cell>
          <Table.Cell>{name(names.groups, event.group_id)}</Table.Cell>
          <Table.Cell>{name(names.projects, event.project_id)}</Table.Cell>
          <Table.Cell>{event.location ?? "—"}</Table.Cell>
          <Table.Cell>
            <ProtocolState event={event} />
          </Table.Cell>
        </Table.Row>
      )}
    />
  );
}

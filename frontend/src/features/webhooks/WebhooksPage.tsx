import { Button, Paragraph, Table } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { projectNamesQuery } from "../../api/queries/lookups";
import { webhooksQuery, type WebhookCreated } from "../../api/queries/webhooks";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { TableScroll } from "../../components/TableScroll";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useAdministers } from "../programmes/access";
import "./messages";
import { SecretDialog } from "./SecretDialog";
import { WebhookDialog } from "./WebhookDialog";
import { WebhookStatus } from "./WebhookStatus";
import own from "./webhooks.module.css";

/** The programme's webhooks with their status, and a way to add one (programme administrators). */
export default function WebhooksPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const administers = useAdministers(programmeId);
  const list = useInfiniteQuery(webhooksQuery(programmeId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const projectName = (id: string | null | undefined) => projects.data?.find((p) => p.id === id)?.name;

  return (
    <Page
      title={t("webhooks.title")}
      actions={administers && <Button onClick={() => setAdding(true)}>{t("webhooks.new")}</Button>}
    >
      <Paragraph className={own.intro}>{t("webhooks.intro")}</Paragraph>
      {administers === false && <Paragraph>{t("webhooks.adminsOnly")}</Paragraph>}
      <QueryState query={list}>
        {() =>
          items.length === 0 ? (
            <Paragraph>{t("webhooks.none")}</Paragraph>
          ) : (
            <>
              <TableScroll label={t("webhooks.list.caption")}>
                <Table>
                  <caption className={layout.visuallyHidden}>{t("webhooks.list.caption")}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t("webhooks.list.url")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("webhooks.list.description")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("webhooks.list.events")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("webhooks.list.status")}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {items.map((w) => (
                      <Table.Row key={w.id}>
                        <Table.Cell className={own.url}>
                          <Link to={`/p/${programmeId}/webhooks/${w.id}`}>{w.url}</Link>
                        </Table.Cell>
                        <Table.Cell>
                          {w.description}
                          {w.project_id && <span className={own.meta}>{projectName(w.project_id)}</span>}
                        </Table.Cell>
                        <Table.Cell>
                          {w.event_types.length === 0
                            ? t("webhooks.allEvents")
                            : w.event_types.length === 1
                              ? t("webhooks.eventCountOne")
                              : t("webhooks.eventCount", { count: w.event_types.length })}
                        </Table.Cell>
                        <Table.Cell>
                          <WebhookStatus webhook={w} />
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </TableScroll>
              <LoadMore
                hasNextPage={list.hasNextPage}
                isFetchingNextPage={list.isFetchingNextPage}
                fetchNextPage={list.fetchNextPage}
              />
            </>
          )
        }
      </QueryState>
      {adding && (
        <WebhookDialog
          programmeId={programmeId}
          projects={projects.data ?? []}
          onCreated={(webhook) => {
            setAdding(false);
            setCreated(webhook);
          }}
          onClose={() => setAdding(false)}
        />
      )}
      {created && <SecretDialog secret={created.secret} url={created.url} onClose={() => setCreated(null)} />}
    </Page>
  );
}

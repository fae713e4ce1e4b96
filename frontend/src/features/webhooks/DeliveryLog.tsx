import { Button, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  DELIVERY_STATUSES,
  deliveriesQuery,
  type Delivery,
  type DeliveryStatus,
} from "../../api/queries/webhooks";
import { FilterSelect } from "../../components/FilterSelect";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { TableScroll } from "../../components/TableScroll";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { DeliveryDialog } from "./DeliveryDialog";
import { eventTypeLabel } from "./eventTypes";

const STATUS_COLOUR: Record<DeliveryStatus, "warning" | "success" | "danger"> = {
  pending: "warning",
  delivered: "success",
  failed: "danger",
};

/** A delivery's status in words, with a colour that only repeats them. */
export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useI18n();
  return (
    <Tag data-color={STATUS_COLOUR[status]} data-size="sm">
      {t(`webhooks.delivery.status.${status}`)}
    </Tag>
  );
}

/** A webhook's deliveries, newest first, refreshed while any is pending; each opens its attempts. */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const { t, formatDateTime } = useI18n();
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [open, setOpen] = useState<Delivery | null>(null);
  const list = useInfiniteQuery(deliveriesQuery(webhookId, status));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const pending = items.some((d) => d.status === "pending");
  return (
    <>
      <div className={layout.filters}>
        <FilterSelect
          label={t("webhooks.deliveries.filter")}
          value={status}
          onChange={(value) => setStatus((value || undefined) as DeliveryStatus | undefined)}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`webhooks.delivery.status.${s}`) }))}
        />
      </div>
      {pending && <Paragraph data-size="sm">{t("webhooks.deliveries.refreshing")}</Paragraph>}
      <QueryState query={list}>
        {() =>
          items.length === 0 ? (
            <Paragraph>{t("webhooks.deliveries.none")}</Paragraph>
          ) : (
            <>
              <TableScroll label={t("webhooks.deliveries.caption")}>
                <Table>
                  <caption className={layout.visuallyHidden}>{t("webhooks.deliveries.caption")}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t("webhooks.delivery.time")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("webhooks.delivery.event")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("webhooks.delivery.status")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("webhooks.delivery.attempts")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("webhooks.delivery.code")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("webhooks.delivery.next")}</Table.HeaderCell>
                      <Table.HeaderCell>
                        <span className={layout.visuallyHidden}>{t("webhooks.delivery.show")}</span>
                      </Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {items.map((d) => {
                      const event = eventTypeLabel(t, d.event_type);
                      const time = formatDateTime(d.created_at);
                      return (
                        <Table.Row key={d.id}>
                          <Table.Cell>
                            <time dateTime={d.created_at}>{time}</time>
                          </Table.Cell>
                          <Table.Cell>{event}</Table.Cell>
                          <Table.Cell>
                            <DeliveryStatusTag status={d.status} />
                          </Table.Cell>
                          <Table.Cell>{d.attempts}</Table.Cell>
                          <Table.Cell>{d.last_status_code ?? "—"}</Table.Cell>
                          <Table.Cell>
                            {d.status === "pending" && d.next_attempt_at ? formatDateTime(d.next_attempt_at) : "—"}
                          </Table.Cell>
                          <Table.Cell>
                            <Button
                              variant="tertiary"
                              data-size="sm"
                              onClick={() => setOpen(d)}
                              aria-label={t("webhooks.delivery.showFor", { event, time })}
                            >
                              {t("webhooks.delivery.show")}
                            </Button>
                          </Table.Cell>
                        </Table.Row>
                      );
                    })}
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
      {open && <DeliveryDialog webhookId={webhookId} deliveryId={open.id} onClose={() => setOpen(null)} />}
    </>
  );
}

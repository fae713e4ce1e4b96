import { Button, Dialog, Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { deliveryQuery, useRedeliver, type DeliveryDetail } from "../../api/queries/webhooks";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { TableScroll } from "../../components/TableScroll";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { DeliveryStatusTag } from "./DeliveryLog";
import { eventTypeLabel } from "./eventTypes";
import own from "./webhooks.module.css";
import { useFocusOnOpen } from "../../lib/focus";

/** The body as sent, indented for reading when it is JSON. */
function readable(payload: DeliveryDetail["payload"]): string {
  if (typeof payload === "string") {
    try {
      return JSON.stringify(JSON.parse(payload), null, 2);
    } catch {
      return payload;
    }
  }
  return JSON.stringify(payload, null, 2);
}

/** One delivery: its message id, the body sent, every attempt with its answer, and "send again". */
export function DeliveryDialog({
  webhookId,
  deliveryId,
  onClose,
}: {
  webhookId: string;
  deliveryId: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const delivery = useQuery(deliveryQuery(webhookId, deliveryId));
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("webhooks.delivery.title")}
          {delivery.data ? `: ${eventTypeLabel(t, delivery.data.event_type)}` : ""}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <QueryState query={delivery}>{(d) => <DeliveryBody webhookId={webhookId} delivery={d} />}</QueryState>
      </Dialog.Block>
    </Dialog>
  );
}

function DeliveryBody({ webhookId, delivery: d }: { webhookId: string; delivery: DeliveryDetail }) {
  const { t, formatDateTime } = useI18n();
  const redeliver = useRedeliver();
  const [message, setMessage] = useState("");
  return (
    <div className={layout.stack}>
      <dl className={own.facts}>
        <dt>{t("webhooks.delivery.status")}</dt>
        <dd>
          <DeliveryStatusTag status={d.status} />
        </dd>
        <dt>{t("webhooks.delivery.messageId")}</dt>
        <dd>
          <code>{d.message_id}</code>
        </dd>
        <dt>{t("webhooks.delivery.time")}</dt>
        <dd>{formatDateTime(d.created_at)}</dd>
        {d.delivered_at && (
          <>
            <dt>{t("webhooks.delivery.deliveredAt")}</dt>
            <dd>{formatDateTime(d.delivered_at)}</dd>
          </>
        )}
        {d.status === "pending" && d.next_attempt_at && (
          <>
            <dt>{t("webhooks.delivery.next")}</dt>
            <dd>{formatDateTime(d.next_attempt_at)}</dd>
          </>
        )}
      </dl>
      {/* A pending delivery has its next attempt queued already. */}
      {d.status !== "pending" && (
        <div className={layout.actions}>
          <Button
            variant="secondary"
            aria-busy={redeliver.isPending}
            onClick={() =>
              redeliver.mutate(
                { webhookId, deliveryId: d.id },
                { onSuccess: () => setMessage(t("webhooks.redelivered")) },
              )
            }
          >
            {t("webhooks.redeliver")}
          </Button>
        </div>
      )}
      <p role="status" className={layout.visuallyHidden}>
        {message}
      </p>
      {redeliver.error && <ProblemAlert error={redeliver.error} />}
      <Heading level={3} data-size="xs">
        {t("webhooks.delivery.attemptLog")}
      </Heading>
      {d.attempt_log.length === 0 ? (
        <Paragraph>{t("webhooks.delivery.noAttempts")}</Paragraph>
      ) : (
        <TableScroll label={t("webhooks.delivery.attemptLog.caption")}>
          <Table data-size="sm">
            <caption className={layout.visuallyHidden}>{t("webhooks.delivery.attemptLog.caption")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("webhooks.attempt.number")}</Table.HeaderCell>
                <Table.HeaderCell>{t("webhooks.attempt.started")}</Table.HeaderCell>
                <Table.HeaderCell>{t("webhooks.attempt.outcome")}</Table.HeaderCell>
                <Table.HeaderCell>{t("webhooks.attempt.code")}</Table.HeaderCell>
                <Table.HeaderCell>{t("webhooks.attempt.duration")}</Table.HeaderCell>
                <Table.HeaderCell>{t("webhooks.attempt.answer")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {d.attempt_log.map((a) => (
                <Table.Row key={a.attempt}>
                  <Table.Cell>{a.attempt}</Table.Cell>
                  <Table.Cell>{formatDateTime(a.started_at)}</Table.Cell>
                  <Table.Cell>{t(`webhooks.attempt.outcome.${a.outcome}`)}</Table.Cell>
                  <Table.Cell>{a.status_code ?? "—"}</Table.Cell>
                  <Table.Cell>
                    {a.duration_ms === null || a.duration_ms === undefined
                      ? "—"
                      : t("webhooks.attempt.durationMs", { ms: a.duration_ms })}
                  </Table.Cell>
                  <Table.Cell>
                    {a.error || a.response_excerpt ? (
                      <pre className={own.excerpt}>{[a.error, a.response_excerpt].filter(Boolean).join("\n")}</pre>
                    ) : (
                      "—"
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
      <Heading level={3} data-size="xs">
        {t("webhooks.delivery.payload")}
      </Heading>
      <pre className={own.payload} tabIndex={0} role="region" aria-label={t("webhooks.delivery.payload")}>
        {readable(d.payload)}
      </pre>
    </div>
  );
}

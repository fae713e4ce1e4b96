import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { projectNamesQuery } from "../../api/queries/lookups";
import {
  useDeleteWebhook,
  usePingWebhook,
  useRotateSecret,
  useUpdateWebhook,
  webhookQuery,
  type Webhook,
  type WebhookCreated,
} from "../../api/queries/webhooks";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DeliveryLog } from "./DeliveryLog";
import { eventTypeLabel } from "./eventTypes";
import "./messages";
import { SecretDialog } from "./SecretDialog";
import { WebhookDialog } from "./WebhookDialog";
import { disabledText, WebhookStatus } from "./WebhookStatus";
import own from "./webhooks.module.css";

/** One webhook: what it sends where, its status and actions, and its delivery log. */
export default function WebhookPage() {
  const { programmeId = "", webhookId = "" } = useParams();
  const webhook = useQuery(webhookQuery(webhookId));
  return (
    <QueryState query={webhook}>
      {({ record, etag }) => <WebhookDetail programmeId={programmeId} webhook={record} etag={etag} />}
    </QueryState>
  );
}

function WebhookDetail({ programmeId, webhook, etag }: { programmeId: string; webhook: Webhook; etag: string }) {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const projects = useQuery(projectNamesQuery(programmeId));
  const ping = usePingWebhook();
  const update = useUpdateWebhook();
  const rotate = useRotateSecret();
  const remove = useDeleteWebhook();
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<"delete" | "rotate" | null>(null);
  const [secret, setSecret] = useState<WebhookCreated | null>(null);
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const [message, setMessage] = useState("");
  const project = projects.data?.find((p) => p.id === webhook.project_id)?.name;
  const base = `/p/${programmeId}/webhooks`;

  const save = (changes: Record<string, unknown>, version: string, done: string) =>
    update.mutate(
      { id: webhook.id, etag: version, changes },
      {
        onSuccess: () => setMessage(done),
        onError: (error) => {
          if (error instanceof EditConflict) setConflict(error);
        },
      },
    );
  const actionError = [ping.error, rotate.error, update.error].find(
    (error) => error && !(error instanceof EditConflict),
  );

  return (
    <Page
      title={webhook.url}
      actions={
        <>
          <Button
            onClick={() => ping.mutate(webhook.id, { onSuccess: () => setMessage(t("webhooks.pinged")) })}
            aria-busy={ping.isPending}
            disabled={!webhook.active}
          >
            {t("webhooks.action.ping")}
          </Button>
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t("webhooks.action.edit")}
          </Button>
          <Button
            variant="secondary"
            aria-busy={update.isPending}
            onClick={() =>
              save(
                { active: !webhook.active },
                etag,
                t(webhook.active ? "webhooks.disabled" : "webhooks.enabled"),
              )
            }
          >
            {t(webhook.active ? "webhooks.action.disable" : "webhooks.action.enable")}
          </Button>
          <Button variant="secondary" onClick={() => setConfirm("rotate")}>
            {t("webhooks.action.rotate")}
          </Button>
          <Button variant="secondary" data-color="danger" onClick={() => setConfirm("delete")}>
            {t("webhooks.action.delete")}
          </Button>
        </>
      }
    >
      <Paragraph>
        <Link to={base}>{t("webhooks.back")}</Link>
      </Paragraph>
      <p role="status" className={layout.visuallyHidden}>
        {message}
      </p>
      {actionError && <ProblemAlert error={actionError} />}
      {!webhook.active && (
        <Alert data-color="warning">
          <Paragraph>{disabledText(webhook, t, formatDateTime)}</Paragraph>
        </Alert>
      )}
      {webhook.active && webhook.failing_since && (
        <Alert data-color="warning">
          <Paragraph>{t("webhooks.failingSince", { date: formatDateTime(webhook.failing_since) })}</Paragraph>
        </Alert>
      )}
      <dl className={own.facts}>
        <dt>{t("webhooks.list.status")}</dt>
        <dd>
          <WebhookStatus webhook={webhook} />
        </dd>
        {webhook.description && (
          <>
            <dt>{t("webhooks.field.description")}</dt>
            <dd>{webhook.description}</dd>
          </>
        )}
        <dt>{t("webhooks.field.events")}</dt>
        <dd>
          {webhook.event_types.length === 0
            ? t("webhooks.allEvents")
            : webhook.event_types.map((type) => eventTypeLabel(t, type)).join(", ")}
        </dd>
        <dt>{t("webhooks.field.project")}</dt>
        <dd>{webhook.project_id ? (project ?? "…") : t("webhooks.field.project.all")}</dd>
        <dt>{t("webhooks.field.secret")}</dt>
        <dd>
          <code>{webhook.secret_hint}</code>
        </dd>
        <dt>{t("webhooks.field.created")}</dt>
        <dd>{formatDateTime(webhook.created_at)}</dd>
      </dl>
      <section className={own.section} aria-labelledby="deliveries-heading">
        <Heading level={2} data-size="md" id="deliveries-heading">
          {t("webhooks.deliveries.title")}
        </Heading>
        <DeliveryLog webhookId={webhook.id} />
      </section>
      {editing && (
        <WebhookDialog
          programmeId={programmeId}
          webhook={{ record: webhook, etag }}
          projects={projects.data ?? []}
          onSaved={() => {
            setEditing(false);
            setMessage(t("webhooks.saved"));
          }}
          onConflict={(error) => {
            setEditing(false);
            setConflict(error);
          }}
          onClose={() => setEditing(false)}
        />
      )}
      {conflict && (
        <ConflictDialog
          conflict={conflict}
          labels={{
            url: t("webhooks.field.url"),
            description: t("webhooks.field.description"),
            event_types: t("webhooks.field.events"),
            project_id: t("webhooks.field.project"),
            active: t("webhooks.list.status"),
          }}
          display={(field, value) => {
            if (field === "event_types" && Array.isArray(value)) {
              return value.length === 0 ? t("webhooks.allEvents") : value.map((v) => eventTypeLabel(t, String(v))).join(", ");
            }
            if (field === "active") return t(value ? "webhooks.status.active" : "webhooks.status.disabled");
            if (field === "project_id") {
              return value ? (projects.data?.find((p) => p.id === value)?.name ?? String(value)) : t("webhooks.field.project.all");
            }
            return value === null || value === undefined || value === "" ? "—" : String(value);
          }}
          onCancel={() => setConflict(null)}
          onResolve={(changes, version) => {
            setConflict(null);
            if (Object.keys(changes).length) save(changes, version, t("webhooks.saved"));
          }}
        />
      )}
      {confirm === "rotate" && (
        <ConfirmDialog
          title={t("webhooks.action.rotate")}
          message={t("webhooks.rotate.confirm")}
          confirm={t("webhooks.confirm.yes")}
          busy={rotate.isPending}
          error={rotate.error}
          onCancel={() => setConfirm(null)}
          onConfirm={() =>
            rotate.mutate(webhook.id, {
              onSuccess: (created) => {
                setConfirm(null);
                setSecret(created);
              },
            })
          }
        />
      )}
      {confirm === "delete" && (
        <ConfirmDialog
          title={t("webhooks.action.delete")}
          message={t("webhooks.delete.confirm", { url: webhook.url })}
          confirm={t("webhooks.action.delete")}
          busy={remove.isPending}
          error={remove.error}
          onCancel={() => setConfirm(null)}
          onConfirm={() =>
            remove.mutate({ webhook, etag }, { onSuccess: () => navigate(base, { replace: true }) })
          }
        />
      )}
      {secret && <SecretDialog secret={secret.secret} url={secret.url} onClose={() => setSecret(null)} />}
    </Page>
  );
}

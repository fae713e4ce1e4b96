import { Button, Checkbox, Dialog, Fieldset, Heading, Radio, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import type { Named } from "../../api/queries/lookups";
import {
  eventTypesQuery,
  useCreateWebhook,
  useUpdateWebhook,
  type Webhook,
  type WebhookCreated,
} from "../../api/queries/webhooks";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { changedFields, EditConflict } from "../../lib/conflict";
import { groupEventTypes } from "./eventTypes";
import own from "./webhooks.module.css";
import { useFocusOnOpen } from "../../lib/focus";

interface Values {
  url: string;
  description: string;
  everything: boolean;
  event_types: string[];
  project_id: string;
}

type Field = "url" | "description" | "event_types" | "project_id";

// The form's own sentences for what the API can refuse in it; other problems get the shared wording.
const WORDING: Overrides = {
  url: { private_target: "webhooks.error.private_target", string_too_short: "webhooks.error.urlRequired" },
  event_types: { unknown_event_type: "webhooks.error.unknown_event_type" },
  "event_types/*": { unknown_event_type: "webhooks.error.unknown_event_type" },
};

// Sent only by the ping operation; nobody subscribes to it.
const PING = "webhook.ping";

/**
 * Add a webhook, or change one: where it sends, what for (every event type, or those chosen,
 * grouped by record), and for one project or the whole programme.
 */
export function WebhookDialog({
  programmeId,
  webhook,
  projects,
  onCreated,
  onSaved,
  onConflict,
  onClose,
}: {
  programmeId: string;
  /** The webhook to change, with its ETag; none to add one. */
  webhook?: { record: Webhook; etag: string };
  projects: Named[];
  onCreated?: (created: WebhookCreated) => void;
  onSaved?: () => void;
  onConflict?: (conflict: EditConflict) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const catalogue = useQuery(eventTypesQuery());
  const groups = useMemo(
    () => groupEventTypes(t, (catalogue.data?.items ?? []).filter((item) => item.type !== PING)),
    [catalogue.data, t],
  );
  const saved = webhook?.record;
  const [values, setValues] = useState<Values>({
    url: saved?.url ?? "",
    description: saved?.description ?? "",
    everything: !saved || saved.event_types.length === 0,
    event_types: saved?.event_types ?? [],
    project_id: saved?.project_id ?? "",
  });
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const mutation = saved ? update : create;
  const word = useProblemWording(WORDING);
  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: Field) => local[field] ?? server[field];
  const placed = (["url", "description", "event_types", "project_id"] as Field[]).some((f) => server[f]);
  const chosen = new Set(values.event_types);
  const toggle = (type: string, on: boolean) =>
    setValues((v) => ({ ...v, event_types: on ? [...v.event_types, type] : v.event_types.filter((x) => x !== type) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!values.url.trim()) errors.url = t("webhooks.error.urlRequired");
    if (!values.everything && values.event_types.length === 0) errors.event_types = t("webhooks.error.eventsRequired");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body = {
      url: values.url.trim(),
      description: values.description.trim() || null,
      event_types: values.everything ? [] : values.event_types,
      project_id: values.project_id || null,
    };
    if (!webhook) {
      create.mutate({ programme_id: programmeId, ...body }, { onSuccess: (created) => onCreated?.(created) });
      return;
    }
    const changes = changedFields(body, webhook.record);
    update.mutate(
      { id: webhook.record.id, etag: webhook.etag, changes },
      {
        onSuccess: () => onSaved?.(),
        onError: (error) => {
          if (error instanceof EditConflict) onConflict?.(error);
        },
      },
    );
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t(webhook ? "webhooks.editTitle" : "webhooks.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={layout.stack} onSubmit={submit} noValidate>
          {mutation.error && !placed && !(mutation.error instanceof EditConflict) && (
            <ProblemAlert error={mutation.error} />
          )}
          <Textfield
            label={t("webhooks.field.url")}
            description={t("webhooks.field.url.description")}
            type="url"
            inputMode="url"
            autoComplete="off"
            value={values.url}
            onChange={(e) => setValues((v) => ({ ...v, url: e.target.value }))}
            error={errorOf("url")}
            required
          />
          <Textfield
            label={t("webhooks.field.description")}
            value={values.description}
            onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
            error={errorOf("description")}
          />
          <SelectField
            label={t("webhooks.field.project")}
            value={values.project_id}
            onChange={(e) => setValues((v) => ({ ...v, project_id: e.target.value }))}
            error={errorOf("project_id")}
          >
            <option value="">{t("webhooks.field.project.all")}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <Fieldset>
            <Fieldset.Legend>{t("webhooks.field.events")}</Fieldset.Legend>
            <Radio
              name="webhook-events"
              value="all"
              label={t("webhooks.field.events.all")}
              checked={values.everything}
              onChange={() => setValues((v) => ({ ...v, everything: true }))}
            />
            <Radio
              name="webhook-events"
              value="some"
              label={t("webhooks.field.events.some")}
              checked={!values.everything}
              onChange={() => setValues((v) => ({ ...v, everything: false }))}
            />
            {errorOf("event_types") && <ValidationMessage>{errorOf("event_types")}</ValidationMessage>}
          </Fieldset>
          {!values.everything && (
            <div className={own.groups} role="group" aria-label={t("webhooks.field.events.chosen", { count: chosen.size })}>
              {catalogue.isError && <ProblemAlert error={catalogue.error} />}
              {groups.map((group) => (
                <Fieldset key={group.record} data-size="sm" className={own.group}>
                  <Fieldset.Legend>{group.label}</Fieldset.Legend>
                  {group.types.map((item) => (
                    <Checkbox
                      key={item.type}
                      value={item.type}
                      label={item.label}
                      checked={chosen.has(item.type)}
                      onChange={(e) => toggle(item.type, e.target.checked)}
                    />
                  ))}
                </Fieldset>
              ))}
            </div>
          )}
          <div className={layout.actions}>
            <Button type="submit" aria-busy={mutation.isPending}>
              {t(webhook ? "common.save" : "webhooks.create")}
            </Button>
            <Button type="button" variant="secondary" onClick={onClose}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

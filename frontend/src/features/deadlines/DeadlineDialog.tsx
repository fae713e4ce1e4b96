import { Button, Dialog, Fieldset, Heading, Paragraph, Radio, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { DEADLINE_KINDS, useCreateDeadline, type DeadlineKind } from "../../api/queries/deadlines";
import { eventNamesQuery } from "../../api/queries/events";
import type { Named } from "../../api/queries/lookups";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { osloLocalToInstant } from "../../lib/time";
import own from "./deadlines.module.css";
import { useFocusOnOpen } from "../../lib/focus";

interface Values {
  title: string;
  due: string;
  kind: DeadlineKind;
  responsibleKind: "person" | "group";
  responsible: string;
  recipient_id: string;
  project_id: string;
  event_id: string;
  description: string;
}

type Field = "title" | "due_at" | "kind" | "responsible" | "recipient_id" | "project_id" | "event_id" | "description";

// The form's own sentences for what the API can refuse in it; other problems get the shared wording.
const WORDING: Overrides = {
  title: { string_too_short: "deadlines.error.titleRequired" },
  responsible_person_id: { one_responsible_required: "deadlines.error.responsibleRequired" },
};

/**
 * Add a deadline: what is due, when in Oslo time, who delivers and who receives it, and the
 * gathering or meeting at which it was given as a task, if any.
 */
export function DeadlineDialog({
  programmeId,
  defaultProjectId,
  defaultEventId,
  projects,
  people,
  groups,
  onClose,
}: {
  programmeId: string;
  defaultProjectId?: string;
  /** The gathering or meeting the task was given at, chosen to begin with. */
  defaultEventId?: string;
  projects: Named[];
  people: Named[];
  groups: Named[];
  onClose: (message?: string) => void;
}) {
  const { t, formatDate } = useI18n();
  const headingId = useId();
  const create = useCreateDeadline();
  const events = useQuery(eventNamesQuery(programmeId));
  const [values, setValues] = useState<Values>({
    title: "",
    due: "",
    kind: "submission",
    responsibleKind: "person",
    responsible: "",
    recipient_id: "",
    project_id: defaultProjectId ?? "",
    event_id: defaultEventId ?? "",
    description: "",
  });
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const word = useProblemWording(WORDING);
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const serverFor = (field: Field) =>
    field === "responsible" ? (server.responsible_person_id ?? server.responsible_group_id) : server[field];
  const errorOf = (field: Field) => local[field] ?? serverFor(field);
  const fields: Field[] = [
    "title",
    "due_at",
    "kind",
    "responsible",
    "recipient_id",
    "project_id",
    "event_id",
    "description",
  ];
  const placed = fields.some((f) => serverFor(f));
  const set = (field: keyof Values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!values.title.trim()) errors.title = t("deadlines.error.titleRequired");
    if (!values.due) errors.due_at = t("deadlines.error.dueRequired");
    if (!values.responsible) errors.responsible = t("deadlines.error.responsibleRequired");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const title = values.title.trim();
    create.mutate(
      {
        programme_id: programmeId,
        title,
        due_at: osloLocalToInstant(values.due),
        kind: values.kind,
        status: "open",
        responsible_person_id: values.responsibleKind === "person" ? values.responsible : null,
        responsible_group_id: values.responsibleKind === "group" ? values.responsible : null,
        recipient_id: values.recipient_id || null,
        project_id: values.project_id || null,
        event_id: values.event_id || null,
        description: values.description.trim() || null,
      },
      { onSuccess: () => onClose(t("deadlines.created", { title })) },
    );
  };

  const responsibleOptions = values.responsibleKind === "person" ? people : groups;
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("deadlines.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          <Paragraph data-size="sm">{t("deadlines.requiredNote")}</Paragraph>
          {create.error && !placed && <ProblemAlert error={create.error} />}
          <Textfield
            label={
              <>
                {t("deadlines.field.title")}
                <span aria-hidden="true"> *</span>
              </>
            }
            value={values.title}
            onChange={set("title")}
            error={errorOf("title")}
            required
          />
          <div className={own.twoColumns}>
            <Textfield
              label={
                <>
                  {t("deadlines.field.dueAt")}
                  <span aria-hidden="true"> *</span>
                </>
              }
              type="datetime-local"
              value={values.due}
              onChange={set("due")}
              error={errorOf("due_at")}
              required
            />
            <SelectField label={t("deadlines.field.kind")} value={values.kind} onChange={set("kind")} error={errorOf("kind")}>
              {DEADLINE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`deadlines.kind.${k}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <Fieldset>
            <Fieldset.Legend>{t("deadlines.field.responsible")}</Fieldset.Legend>
            <Radio
              name="responsible-kind"
              value="person"
              label={t("deadlines.responsible.person")}
              checked={values.responsibleKind === "person"}
              onChange={() => setValues((v) => ({ ...v, responsibleKind: "person", responsible: "" }))}
            />
            <Radio
              name="responsible-kind"
              value="group"
              label={t("deadlines.responsible.group")}
              checked={values.responsibleKind === "group"}
              onChange={() => setValues((v) => ({ ...v, responsibleKind: "group", responsible: "" }))}
            />
            <SelectField
              label={
                <>
                  {values.responsibleKind === "person"
                    ? t("deadlines.field.responsiblePerson")
                    : t("deadlines.field.responsibleGroup")}
                  <span aria-hidden="true"> *</span>
                </>
              }
              value={values.responsible}
              onChange={set("responsible")}
              error={errorOf("responsible")}
              required
            >
              <option value="">{t("deadlines.choose")}</option>
              {responsibleOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          </Fieldset>
          <div className={own.twoColumns}>
            <SelectField
              label={t("deadlines.field.recipient")}
              value={values.recipient_id}
              onChange={set("recipient_id")}
              error={errorOf("recipient_id")}
            >
              <option value="">{t("deadlines.noOne")}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("deadlines.field.project")}
              value={values.project_id}
              onChange={set("project_id")}
              error={errorOf("project_id")}
            >
              <option value="">{t("deadlines.noProject")}</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
          </div>
          <SelectField
            label={t("deadlines.field.event")}
            value={values.event_id}
            onChange={set("event_id")}
            error={errorOf("event_id")}
          >
            <option value="">{t("deadlines.noEvent")}</option>
            {(events.data ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {t("deadlines.eventOption", { title: e.name, date: formatDate(e.starts_at) })}
              </option>
            ))}
          </SelectField>
          <Textfield
            label={t("deadlines.field.description")}
            multiline
            rows={3}
            value={values.description}
            onChange={set("description")}
            error={errorOf("description")}
          />
          <div className={styles.actions}>
            <Button type="submit" aria-busy={create.isPending}>
              {t("deadlines.create")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => onClose()}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

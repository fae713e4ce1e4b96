import { Button, Heading, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { useId, useRef, useState, type FormEvent } from "react";
import type { AgendaItem, EventRecord } from "../../api/queries/events";
import layout from "../../components/layout.module.css";
import { FormActions } from "../../components/FormActions";
import { TableScroll } from "../../components/TableScroll";
import { useI18n } from "../../i18n";
import { useEventSave } from "./editing";
import own from "./events.module.css";
import { errorsUnder, SectionProblem, useEventWording } from "./problems";
import { focusWhenPresent } from "../../lib/focus";

interface ItemValues {
  time: string;
  title: string;
  responsible: string;
  room: string;
}

const EMPTY: ItemValues = { time: "", title: "", responsible: "", room: "" };

/** Where a new item goes: among the timed items by its time, otherwise last. */
export function insertionPoint(agenda: AgendaItem[], time: string | null): number {
  if (!time) return agenda.length;
  const after = agenda.findIndex((item) => item.time && item.time > time);
  return after === -1 ? agenda.length : after;
}

/** The event's agenda: its items in order, each with time, title, who answers for it and where. */
export function AgendaSection({ event, mayEdit }: { event: EventRecord; mayEdit: boolean }) {
  const { t } = useI18n();
  const headingId = useId();
  const { save, error } = useEventSave(event.id);
  // The item being edited (its index), a new one ("new"), or none.
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const [notice, setNotice] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);
  const agenda = event.agenda;

  const remove = (index: number) => {
    const title = agenda[index].title;
    setNotice("");
    save((latest) => ({ agenda: latest.agenda.filter((_, i) => i !== index) }), { agenda }).then(
      () => {
        setNotice(t("events.agenda.removed", { title }));
        addButton.current?.focus();
      },
      () => undefined,
    );
  };

  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("events.agenda")}
      </Heading>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      {editing === null && <SectionProblem error={error} placed={() => false} />}
      {agenda.length === 0 ? (
        <Paragraph>{t("events.agenda.none")}</Paragraph>
      ) : (
        <TableScroll label={t("events.agenda.caption", { title: event.title })}>
          <Table data-size="sm" zebra>
            <caption className={layout.visuallyHidden}>{t("events.agenda.caption", { title: event.title })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("events.agenda.time")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("events.agenda.item")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("events.agenda.responsible")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("events.agenda.room")}</Table.HeaderCell>
                {mayEdit && (
                  <Table.HeaderCell scope="col">
                    <span className={layout.visuallyHidden}>{t("events.actions")}</span>
                  </Table.HeaderCell>
                )}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {agenda.map((item, index) => (
                <Table.Row key={`${index}-${item.title}`}>
                  <Table.Cell className={own.nowrap}>{item.time ?? "—"}</Table.Cell>
                  <Table.HeaderCell scope="row">
                    {item.title}
                    {item.documents && item.documents.length > 0 && (
                      <ul className={own.documents} aria-label={t("events.agenda.documents")}>
                        {item.documents.map((doc, i) => (
                          <li key={i}>
                            {doc.url ? <Link href={doc.url}>{doc.title}</Link> : doc.title}
                            {doc.reference && ` (${doc.reference})`}
                          </li>
                        ))}
                      </ul>
                    )}
                  </Table.HeaderCell>
                  <Table.Cell>{item.responsible ?? "—"}</Table.Cell>
                  <Table.Cell>{item.room ?? "—"}</Table.Cell>
                  {mayEdit && (
                    <Table.Cell>
                      <div className={layout.actions}>
                        <Button
                          data-size="sm"
                          variant="tertiary"
                          aria-label={t("events.agenda.editFor", { title: item.title })}
                          onClick={() => {
                            setNotice("");
                            setEditing(index);
                          }}
                        >
                          {t("common.edit")}
                        </Button>
                        <Button
                          data-size="sm"
                          variant="tertiary"
                          aria-label={t("events.agenda.removeFor", { title: item.title })}
                          onClick={() => remove(index)}
                        >
                          {t("common.remove")}
                        </Button>
                      </div>
                    </Table.Cell>
                  )}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
      {mayEdit && editing === null && (
        <div className={own.more}>
          <Button
            ref={addButton}
            variant="secondary"
            onClick={() => {
              setNotice("");
              setEditing("new");
            }}
          >
            {t("events.agenda.add")}
          </Button>
        </div>
      )}
      {mayEdit && editing !== null && (
        <ItemForm
          key={editing}
          event={event}
          index={editing === "new" ? null : editing}
          onDone={(message) => {
            setEditing(null);
            if (message) setNotice(message);
            focusWhenPresent(() => addButton.current);
          }}
        />
      )}
    </section>
  );
}

/** Add an item, or change one; the API's objections are shown at the fields they concern. */
function ItemForm({
  event,
  index,
  onDone,
}: {
  event: EventRecord;
  index: number | null;
  onDone: (message?: string) => void;
}) {
  const { t } = useI18n();
  const word = useEventWording();
  const headingId = useId();
  const { save, error, isPending } = useEventSave(event.id);
  const original = index === null ? null : event.agenda[index];
  const [values, setValues] = useState<ItemValues>(() =>
    original
      ? {
          time: original.time ?? "",
          title: original.title,
          responsible: original.responsible ?? "",
          room: original.room ?? "",
        }
      : EMPTY,
  );
  const [missing, setMissing] = useState<Partial<Record<keyof ItemValues, string>>>({});
  // Where in the agenda the item was sent, so the API's errors there are found.
  const [sentAt, setSentAt] = useState<number | null>(index);
  const server = sentAt === null ? {} : errorsUnder(error, `/agenda/${sentAt}`, word);
  const errors = { ...server, ...missing };
  const set = (field: keyof ItemValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!values.title.trim()) {
      setMissing({ title: t("events.error.agendaTitleRequired") });
      return;
    }
    setMissing({});
    const item: AgendaItem = {
      time: values.time || null,
      title: values.title.trim(),
      responsible: values.responsible.trim() || null,
      room: values.room.trim() || null,
      documents: original?.documents ?? [],
    };
    const saving =
      index === null
        ? save((latest) => {
            const at = insertionPoint(latest.agenda, item.time ?? null);
            setSentAt(at);
            return { agenda: [...latest.agenda.slice(0, at), item, ...latest.agenda.slice(at)] };
          })
        : save((latest) => ({ agenda: latest.agenda.map((old, i) => (i === index ? item : old)) }), {
            agenda: event.agenda,
          });
    saving.then(
      () => onDone(t(index === null ? "events.agenda.added" : "events.agenda.saved", { title: item.title })),
      () => undefined,
    );
  };

  return (
    <form className={`${own.form} ${own.subform}`} onSubmit={submit} noValidate aria-labelledby={headingId}>
      <Heading level={3} data-size="xs" id={headingId}>
        {original ? t("events.agenda.editTitle", { title: original.title }) : t("events.agenda.addTitle")}
      </Heading>
      <SectionProblem
        error={error}
        placed={(pointer) => sentAt !== null && pointer.startsWith(`/agenda/${sentAt}/`) && pointer.split("/").length === 4}
      />
      <div className={own.row}>
        <Textfield
          label={t("events.agenda.time")}
          description={t("events.agenda.timeHint")}
          type="time"
          value={values.time}
          onChange={set("time")}
          error={errors.time}
        />
        <Textfield
          label={t("events.agenda.item")}
          value={values.title}
          onChange={set("title")}
          error={errors.title}
          required
        />
      </div>
      <div className={own.row}>
        <Textfield
          label={t("events.agenda.responsible")}
          value={values.responsible}
          onChange={set("responsible")}
          error={errors.responsible}
        />
        <Textfield label={t("events.agenda.room")} value={values.room} onChange={set("room")} error={errors.room} />
      </div>
      <FormActions submit={t("events.agenda.saveItem")} pending={isPending} onCancel={() => onDone()} />
    </form>
  );
}

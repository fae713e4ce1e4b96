import { Button, Heading, Link } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Link as RouterLink } from "react-router-dom";
import type { EventRecord, EventUpdate } from "../../api/queries/events";
import { groupNamesQuery, namesById, projectNamesQuery } from "../../api/queries/lookups";
import layout from "../../components/layout.module.css";
import { FormActions } from "../../components/FormActions";
import { useI18n } from "../../i18n";
import { Facts } from "../projects/Facts";
import { useEventSave } from "./editing";
import { EventFields, factBody, factValuesOf, FACT_FIELDS, validateFacts, type FactErrors, type FactValues } from "./EventFields";
import own from "./events.module.css";
import { useEventSpan } from "./format";
import { errorsUnder, SectionProblem, useEventWording } from "./problems";
import { focusWhenPresent, useFocusOnOpen } from "../../lib/focus";

/** What kind of event, when, where, and whose: shown, and changed in a form that opens here. */
export function EventDetails({
  event,
  programmeId,
  mayEdit,
}: {
  event: EventRecord;
  programmeId: string;
  mayEdit: boolean;
}) {
  const { t } = useI18n();
  const span = useEventSpan();
  const groups = useQuery(groupNamesQuery(programmeId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const groupNames = namesById(groups.data);
  const projectNames = namesById(projects.data);
  const [editing, setEditing] = useState<EventRecord | null>(null);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const linkTo = (path: string, name: string | undefined) =>
    name ? (
      <Link asChild>
        <RouterLink to={`/p/${programmeId}/${path}`}>{name}</RouterLink>
      </Link>
    ) : null;
  return (
    <>
      <Facts
        items={[
          [t("events.field.kind"), t(`events.kind.${event.kind}`)],
          [t("events.field.when"), span(event)],
          [t("events.field.location"), event.location],
          [t("events.field.group"), event.group_id ? linkTo(`groups/${event.group_id}`, groupNames.get(event.group_id)) : null],
          [
            t("events.field.project"),
            event.project_id ? linkTo(`projects/${event.project_id}`, projectNames.get(event.project_id)) : null,
          ],
        ]}
      />
      <div role="status" className={layout.visuallyHidden}>
        {saved ? t("common.saved") : ""}
      </div>
      {mayEdit && !editing && (
        <Button
          ref={editButton}
          variant="secondary"
          onClick={() => {
            setSaved(false);
            // The version the form starts from: a save against it must not overwrite later changes.
            setEditing(event);
          }}
        >
          {t("events.details.edit")}
        </Button>
      )}
      {editing && (
        <DetailsForm
          base={editing}
          groups={groups.data ?? []}
          projects={projects.data ?? []}
          onDone={(didSave) => {
            setEditing(null);
            setSaved(didSave);
            focusWhenPresent(() => editButton.current);
          }}
        />
      )}
    </>
  );
}

function DetailsForm({
  base,
  groups,
  projects,
  onDone,
}: {
  base: EventRecord;
  groups: { id: string; name: string }[];
  projects: { id: string; name: string }[];
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const word = useEventWording();
  const headingId = useId();
  const { save, error, isPending } = useEventSave(base.id);
  // Opened from its button: the form takes focus on its first field.
  const focusRef = useFocusOnOpen<HTMLFormElement>();
  const [values, setValues] = useState<FactValues>(() => factValuesOf(base));
  const [local, setLocal] = useState<FactErrors>({});
  const server = errorsUnder(error, "", word);
  // Changing the kind of a consultation meeting that has a protocol is refused at the protocol.
  const errors: FactErrors = { ...server, kind: server.kind ?? server.protocol, ...local };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateFacts(values, t);
    setLocal(found);
    if (Object.keys(found).length) return;
    const next = factBody(values);
    const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();
    const changes = Object.fromEntries(
      Object.entries(next).filter(([field, value]) => {
        const before = base[field as keyof EventRecord];
        if (field === "starts_at" || field === "ends_at") return !sameInstant(String(value), String(before));
        return value !== before;
      }),
    ) as EventUpdate;
    if (Object.keys(changes).length === 0) {
      onDone(false);
      return;
    }
    save(() => changes, base).then(
      () => onDone(true),
      () => undefined,
    );
  };

  return (
    <form
      ref={focusRef}
      className={`${own.form} ${own.subform}`}
      onSubmit={submit}
      noValidate
      aria-labelledby={headingId}
    >
      <Heading level={2} data-size="sm" id={headingId}>
        {t("events.details.editTitle")}
      </Heading>
      <SectionProblem
        error={error}
        placed={(pointer) => [...FACT_FIELDS, "protocol"].includes(pointer.slice(1))}
      />
      <EventFields values={values} onChange={setValues} errors={errors} groups={groups} projects={projects} />
      <FormActions submit={t("common.save")} pending={isPending} onCancel={() => onDone(false)} />
    </form>
  );
}

import { Textfield } from "@digdir/designsystemet-react";
import { EVENT_KINDS, type EventKind, type EventRecord } from "../../api/queries/events";
import type { Named } from "../../api/queries/lookups";
import { SelectField } from "../../components/SelectField";
import { useT, type Translate } from "../../i18n";
import { instantToOsloLocal, osloLocalToInstant } from "../../lib/time";
import own from "./events.module.css";

/** What the create and edit forms hold: times as Oslo wall-clock values of datetime-local inputs. */
export interface FactValues {
  title: string;
  kind: EventKind;
  group_id: string;
  project_id: string;
  starts: string;
  ends: string;
  location: string;
}

/** The body fields these controls stand for. */
export const FACT_FIELDS = ["title", "kind", "group_id", "project_id", "starts_at", "ends_at", "location"] as const;
export type FactField = (typeof FACT_FIELDS)[number];
export type FactErrors = Partial<Record<FactField, string>>;

export function factValuesOf(event: EventRecord): FactValues {
  return {
    title: event.title,
    kind: event.kind,
    group_id: event.group_id ?? "",
    project_id: event.project_id ?? "",
    starts: instantToOsloLocal(event.starts_at),
    ends: instantToOsloLocal(event.ends_at),
    location: event.location ?? "",
  };
}

/** What the API is sent: empty optional fields as null, times as instants with Oslo's offset. */
export function factBody(values: FactValues) {
  return {
    title: values.title.trim(),
    kind: values.kind,
    group_id: values.group_id || null,
    project_id: values.project_id || null,
    starts_at: osloLocalToInstant(values.starts),
    ends_at: osloLocalToInstant(values.ends),
    location: values.location.trim() || null,
  };
}

export function validateFacts(values: FactValues, t: Translate): FactErrors {
  const errors: FactErrors = {};
  if (!values.title.trim()) errors.title = t("events.error.titleRequired");
  if (!values.starts) errors.starts_at = t("events.error.startRequired");
  if (!values.ends) errors.ends_at = t("events.error.endRequired");
  // Both are YYYY-MM-DDTHH:MM in Oslo time, so they compare as strings.
  else if (values.starts && values.ends < values.starts) errors.ends_at = t("events.error.endBeforeStart");
  return errors;
}

/** A datetime-local value moved on by whole hours of wall-clock time. */
export function laterBy(local: string, hours: number): string {
  const moved = new Date(new Date(`${local}:00Z`).getTime() + hours * 3_600_000);
  return moved.toISOString().slice(0, 16);
}

/** The controls for an event's facts, shared by the create dialog and the edit form. */
export function EventFields({
  values,
  onChange,
  errors,
  groups,
  projects,
}: {
  values: FactValues;
  onChange: (values: FactValues) => void;
  errors: FactErrors;
  groups: Named[];
  projects: Named[];
}) {
  const t = useT();
  const set =
    <K extends keyof FactValues>(field: K) =>
    (event: { target: { value: string } }) =>
      onChange({ ...values, [field]: event.target.value as FactValues[K] });
  return (
    <>
      <Textfield
        label={t("events.field.title")}
        value={values.title}
        onChange={set("title")}
        error={errors.title}
        required
      />
      <div className={own.row}>
        <SelectField label={t("events.field.kind")} value={values.kind} onChange={set("kind")} error={errors.kind}>
          {EVENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`events.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("events.field.group")}
          value={values.group_id}
          onChange={set("group_id")}
          error={errors.group_id}
        >
          <option value="">{t("events.noGroup")}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("events.field.project")}
          value={values.project_id}
          onChange={set("project_id")}
          error={errors.project_id}
        >
          <option value="">{t("events.noProject")}</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className={own.row}>
        <Textfield
          label={t("events.field.startsAt")}
          type="datetime-local"
          value={values.starts}
          onChange={(e) => {
            const starts = e.target.value;
            // A new meeting usually lasts a couple of hours: offer that until the end is chosen.
            const ends = !values.ends && starts ? laterBy(starts, 2) : values.ends;
            onChange({ ...values, starts, ends });
          }}
          error={errors.starts_at}
          required
        />
        <Textfield
          label={t("events.field.endsAt")}
          type="datetime-local"
          min={values.starts || undefined}
          value={values.ends}
          onChange={set("ends")}
          error={errors.ends_at}
          required
        />
      </div>
      <Textfield
        label={t("events.field.location")}
        value={values.location}
        onChange={set("location")}
        error={errors.location}
      />
    </>
  );
}

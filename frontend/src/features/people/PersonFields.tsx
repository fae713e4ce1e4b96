import { Textfield } from "@digdir/designsystemet-react";
import { AFFILIATIONS, type Affiliation, type Person } from "../../api/queries/people";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import styles from "../projects/project.module.css";

/** A person's facts as their form holds them: text as typed, "" for none. */
export interface PersonValues {
  name: string;
  email: string;
  title: string;
  organisation_unit: string;
  municipality_number: string;
  affiliation: Affiliation;
  union: string;
}

export type PersonField = keyof PersonValues;

export const PERSON_FIELDS: PersonField[] = [
  "name",
  "email",
  "title",
  "organisation_unit",
  "municipality_number",
  "affiliation",
  "union",
];

export const EMPTY_PERSON: PersonValues = {
  name: "",
  email: "",
  title: "",
  organisation_unit: "",
  municipality_number: "",
  affiliation: "employee",
  union: "",
};

/** The form's values for a saved person. */
export const personValues = (person: Person): PersonValues => ({
  name: person.name,
  email: person.email ?? "",
  title: person.title ?? "",
  organisation_unit: person.organisation_unit ?? "",
  municipality_number: person.municipality_number ?? "",
  affiliation: person.affiliation,
  union: person.union ?? "",
});

/** What the form checks before sending: the name, the one fact the API cannot do without. */
export function missingPersonFields(values: PersonValues, t: (key: string) => string): Record<string, string> {
  return values.name.trim() ? {} : { name: t("people.nameRequired") };
}

/**
 * The facts as the API takes them: trimmed, blank ones none. The union only `withUnion`: it is
 * special-category data (GDPR art. 9), sent only where the form asks for it.
 */
export function personBody(values: PersonValues, withUnion: boolean) {
  const orNull = (value: string) => (value.trim() ? value.trim() : null);
  return {
    name: values.name.trim(),
    email: orNull(values.email),
    title: orNull(values.title),
    organisation_unit: orNull(values.organisation_unit),
    municipality_number: values.municipality_number || null,
    affiliation: values.affiliation,
    ...(withUnion ? { union: orNull(values.union) } : {}),
  };
}

type Municipality = { name: string; number: string };

/** The fields' labels, and how their values read side by side in the conflict dialog. */
export function usePersonLabels(municipalities: Municipality[]) {
  const { t } = useI18n();
  const labels: Record<PersonField, string> = {
    name: t("people.name"),
    email: t("people.email"),
    title: t("people.jobTitle"),
    organisation_unit: t("people.organisationUnit"),
    municipality_number: t("people.municipality"),
    affiliation: t("people.affiliation"),
    union: t("people.union"),
  };
  const display = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "affiliation") return t(`people.affiliation.${value}`);
    if (field === "municipality_number") return municipalities.find((m) => m.number === value)?.name ?? String(value);
    return String(value);
  };
  return { labels, display };
}

/**
 * A person's facts: name (required), e-mail, job title, unit, municipality (one of the
 * programme's) and affiliation; the union only `withUnion`, with why it is asked.
 */
export function PersonFields({
  values,
  onChange,
  errors,
  municipalities,
  withUnion,
}: {
  values: PersonValues;
  onChange: (change: Partial<PersonValues>) => void;
  errors: Record<string, string>;
  municipalities: Municipality[];
  withUnion: boolean;
}) {
  const { t } = useI18n();
  const { labels } = usePersonLabels(municipalities);
  return (
    <>
      <Textfield
        label={labels.name}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => onChange({ name: e.target.value })}
        error={errors.name}
      />
      <Textfield
        label={labels.email}
        type="email"
        autoComplete="off"
        value={values.email}
        onChange={(e) => onChange({ email: e.target.value })}
        error={errors.email}
      />
      <div className={styles.formRow}>
        <Textfield
          label={labels.title}
          value={values.title}
          onChange={(e) => onChange({ title: e.target.value })}
          error={errors.title}
        />
        <Textfield
          label={labels.organisation_unit}
          value={values.organisation_unit}
          onChange={(e) => onChange({ organisation_unit: e.target.value })}
          error={errors.organisation_unit}
        />
      </div>
      <div className={styles.formRow}>
        <SelectField
          label={labels.municipality_number}
          value={values.municipality_number}
          onChange={(e) => onChange({ municipality_number: e.target.value })}
          error={errors.municipality_number}
        >
          <option value="">{t("people.municipality.none")}</option>
          {municipalities.map((m) => (
            <option key={m.number} value={m.number}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={labels.affiliation}
          value={values.affiliation}
          onChange={(e) => onChange({ affiliation: e.target.value as Affiliation })}
          error={errors.affiliation}
        >
          {AFFILIATIONS.map((a) => (
            <option key={a} value={a}>
              {t(`people.affiliation.${a}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {withUnion && (
        <Textfield
          label={labels.union}
          description={t("people.union.hint")}
          value={values.union}
          onChange={(e) => onChange({ union: e.target.value })}
          error={errors.union}
        />
      )}
    </>
  );
}

import { Alert, Button, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import type { Schemas } from "../../api/client";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import {
  AFFILIATIONS,
  personQuery,
  useUpdatePerson,
  type Affiliation,
  type Person,
  type PersonUpdate,
} from "../../api/queries/people";
import { programmeQuery } from "../../api/queries/programmes";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { FormActions } from "../../components/FormActions";
import { useSaveWithConflict } from "../../components/useSaveWithConflict";
import { useI18n } from "../../i18n";
import { useMayEdit } from "../projects/access";
import { Facts } from "../projects/Facts";
import { FormProblem } from "../projects/FormProblem";
import styles from "../projects/project.module.css";

type Municipality = Schemas["Municipality"];

/** One person: who they are and where they belong, and the form that corrects it. */
export default function PersonPage() {
  const { t } = useI18n();
  const { programmeId = "", personId = "" } = useParams();
  const person = useQuery(personQuery(personId));
  const programme = useQuery(programmeQuery(programmeId));
  const mayEdit = useMayEdit(programmeId);
  const municipalities = programme.data?.municipalities ?? [];
  const [editing, setEditing] = useState<{ record: Person; etag: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  return (
    <Page title={person.data?.record.name ?? t("people.person")}>
      <QueryState query={person}>
        {({ record, etag }) => (
          <>
            {record.erased_at && (
              <Alert data-color="info">
                <Paragraph>{t("people.erased")}</Paragraph>
              </Alert>
            )}
            <PersonFacts person={record} municipalities={municipalities} />
            <div role="status" className={layout.visuallyHidden}>
              {saved ? t("common.saved") : ""}
            </div>
            {mayEdit && !editing && !record.erased_at && (
              <Button
                ref={editButton}
                variant="secondary"
                onClick={() => {
                  setSaved(false);
                  // The version the form starts from: a save against it must not overwrite later changes.
                  setEditing({ record, etag });
                }}
              >
                {t("people.edit.open")}
              </Button>
            )}
            {editing && (
              <PersonForm
                base={editing}
                municipalities={municipalities}
                onDone={(didSave) => {
                  setEditing(null);
                  setSaved(didSave);
                  requestAnimationFrame(() => editButton.current?.focus());
                }}
              />
            )}
          </>
        )}
      </QueryState>
    </Page>
  );
}

function PersonFacts({ person, municipalities }: { person: Person; municipalities: Municipality[] }) {
  const { t } = useI18n();
  const municipality = person.municipality_number
    ? (municipalities.find((m) => m.number === person.municipality_number)?.name ?? person.municipality_number)
    : null;
  return (
    <Facts
      items={[
        [t("people.email"), person.email ? <Link href={`mailto:${person.email}`}>{person.email}</Link> : null],
        [t("people.jobTitle"), person.title],
        [t("people.organisationUnit"), person.organisation_unit],
        [t("people.municipality"), municipality],
        [t("people.affiliation"), t(`people.affiliation.${person.affiliation}`)],
        // The API leaves the union out for those who may not see it (special-category data).
        [
          t("people.union"),
          person.union ? (
            <>
              {person.union}
              <Paragraph data-size="sm">{t("people.union.hint")}</Paragraph>
            </>
          ) : null,
        ],
      ]}
    />
  );
}

interface Values {
  name: string;
  email: string;
  title: string;
  organisation_unit: string;
  municipality_number: string;
  affiliation: Affiliation;
  union: string;
}

function PersonForm({
  base,
  municipalities,
  onDone,
}: {
  base: { record: Person; etag: string };
  municipalities: Municipality[];
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording();
  const update = useUpdatePerson(base.record.id);
  const { record } = base;
  const [values, setValues] = useState<Values>({
    name: record.name,
    email: record.email ?? "",
    title: record.title ?? "",
    organisation_unit: record.organisation_unit ?? "",
    municipality_number: record.municipality_number ?? "",
    affiliation: record.affiliation,
    union: record.union ?? "",
  });
  const [missing, setMissing] = useState<Record<string, string>>({});
  const headingId = useId();
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const errors = { ...(problem?.fieldErrors(word) ?? {}), ...missing };
  const showUnion = record.union !== null;
  const set = <K extends keyof Values>(field: K, value: Values[K]) => setValues({ ...values, [field]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!values.name.trim()) {
      update.reset();
      setMissing({ name: t("people.nameRequired") });
      return;
    }
    setMissing({});
    const orNull = (value: string) => (value.trim() ? value.trim() : null);
    const next: PersonUpdate = {
      name: values.name.trim(),
      email: orNull(values.email),
      title: orNull(values.title),
      organisation_unit: orNull(values.organisation_unit),
      municipality_number: values.municipality_number || null,
      affiliation: values.affiliation,
      ...(showUnion ? { union: orNull(values.union) } : {}),
    };
    const changes = Object.fromEntries(
      Object.entries(next).filter(([field, value]) => value !== record[field as keyof Person]),
    );
    if (Object.keys(changes).length === 0) onDone(false);
    else save(changes);
  };

  const labels = {
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
  const { save, conflictDialog } = useSaveWithConflict({
    send: (changes: PersonUpdate, etag = base.etag, done) => update.mutate({ etag, changes }, done),
    onSaved: () => onDone(true),
    labels,
    display,
  });

  return (
    <>
      <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("people.edit.title")}
        </Heading>
        {problem && <FormProblem
            problem={problem}
            fields={Object.keys(labels).filter((field) => showUnion || field !== "union")}
          />}
        <Textfield
          label={labels.name}
          required
          autoComplete="off"
          value={values.name}
          onChange={(e) => set("name", e.target.value)}
          error={errors.name}
        />
        <Textfield
          label={labels.email}
          type="email"
          autoComplete="off"
          value={values.email}
          onChange={(e) => set("email", e.target.value)}
          error={errors.email}
        />
        <div className={styles.formRow}>
          <Textfield
            label={labels.title}
            value={values.title}
            onChange={(e) => set("title", e.target.value)}
            error={errors.title}
          />
          <Textfield
            label={labels.organisation_unit}
            value={values.organisation_unit}
            onChange={(e) => set("organisation_unit", e.target.value)}
            error={errors.organisation_unit}
          />
        </div>
        <div className={styles.formRow}>
          <SelectField
            label={labels.municipality_number}
            value={values.municipality_number}
            onChange={(e) => set("municipality_number", e.target.value)}
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
            onChange={(e) => set("affiliation", e.target.value as Affiliation)}
            error={errors.affiliation}
          >
            {AFFILIATIONS.map((a) => (
              <option key={a} value={a}>
                {t(`people.affiliation.${a}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {showUnion && (
          <Textfield
            label={labels.union}
            description={t("people.union.hint")}
            value={values.union}
            onChange={(e) => set("union", e.target.value)}
            error={errors.union}
          />
        )}
        <FormActions submit={t("common.save")} pending={update.isPending} onCancel={() => onDone(false)} />
      </form>
      {conflictDialog}
    </>
  );
}

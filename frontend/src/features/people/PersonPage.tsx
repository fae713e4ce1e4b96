import { Alert, Button, Heading, Link, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import type { Schemas } from "../../api/client";
import { useProblemWording } from "../../api/problemWording";
import { personQuery, useUpdatePerson, type Person, type PersonUpdate } from "../../api/queries/people";
import { programmeQuery } from "../../api/queries/programmes";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { FormActions } from "../../components/FormActions";
import { useEditInPlace } from "../../components/useEditInPlace";
import { useSaveWithConflict } from "../../components/useSaveWithConflict";
import { useI18n } from "../../i18n";
import { changedFields } from "../../lib/conflict";
import { useMayEdit } from "../projects/access";
import { Facts } from "../projects/Facts";
import { useFormErrors } from "../projects/FormParts";
import { FormProblem } from "../projects/FormProblem";
import styles from "../projects/project.module.css";
import {
  missingPersonFields,
  PERSON_FIELDS,
  personBody,
  PersonFields,
  personValues,
  usePersonLabels,
  type PersonValues,
} from "./PersonFields";

type Municipality = Schemas["Municipality"];

/** One person: who they are and where they belong, and the form that corrects it. */
export default function PersonPage() {
  const { t } = useI18n();
  const { programmeId = "", personId = "" } = useParams();
  const person = useQuery(personQuery(personId));
  const programme = useQuery(programmeQuery(programmeId));
  const mayEdit = useMayEdit(programmeId);
  const municipalities = programme.data?.municipalities ?? [];
  const { editing, open, done, editButton, savedStatus } = useEditInPlace<{ record: Person; etag: string }>();
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
            {savedStatus}
            {mayEdit && !editing && !record.erased_at && (
              <Button
                ref={editButton}
                variant="secondary"
                // The version the form starts from: a save against it must not overwrite later changes.
                onClick={() => open({ record, etag })}
              >
                {t("people.edit.open")}
              </Button>
            )}
            {editing && (
              <PersonForm base={editing} municipalities={municipalities} onDone={done} />
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
  const [values, setValues] = useState<PersonValues>(personValues(record));
  const headingId = useId();
  const { problem, errors, complete } = useFormErrors(update, word);
  const showUnion = record.union !== null;
  const { labels, display } = usePersonLabels(municipalities);
  const { save, conflictDialog } = useSaveWithConflict({
    send: (changes: PersonUpdate, etag = base.etag, done) => update.mutate({ etag, changes }, done),
    onSaved: () => onDone(true),
    labels,
    display,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete(missingPersonFields(values, t))) return;
    const changes = changedFields(personBody(values, showUnion), record);
    if (Object.keys(changes).length === 0) onDone(false);
    else save(changes);
  };

  return (
    <>
      <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("people.edit.title")}
        </Heading>
        {problem && <FormProblem
            problem={problem}
            fields={PERSON_FIELDS.filter((field) => showUnion || field !== "union")}
          />}
        <PersonFields
          values={values}
          onChange={(change) => setValues({ ...values, ...change })}
          errors={errors}
          municipalities={municipalities}
          withUnion={showUnion}
        />
        <FormActions submit={t("common.save")} pending={update.isPending} onCancel={() => onDone(false)} />
      </form>
      {conflictDialog}
    </>
  );
}

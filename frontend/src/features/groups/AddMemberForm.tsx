import { Alert, Button, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import type { Schemas } from "../../api/client";
import { useProblemWording } from "../../api/problemWording";
import { MEMBER_ROLES, PARTIES, useAddMember, type Group, type MemberRole, type Party } from "../../api/queries/groups";
import { peopleNamesQuery } from "../../api/queries/lookups";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useFormErrors } from "../projects/FormParts";
import { FormProblem } from "../projects/FormProblem";
import styles from "../projects/project.module.css";

type Municipality = Schemas["Municipality"];

interface Values {
  person_id: string;
  role: MemberRole;
  party: Party | "";
  municipality_number: string;
  allocation_percent: string;
  starts_on: string;
  ends_on: string;
}

const EMPTY: Values = {
  person_id: "",
  role: "member",
  party: "",
  municipality_number: "",
  allocation_percent: "",
  starts_on: "",
  ends_on: "",
};

/** Give a person a seat in the group; the API's objections are shown at the fields they concern. */
export function AddMemberForm({
  group,
  programmeId,
  municipalities,
}: {
  group: Group;
  programmeId: string;
  municipalities: Municipality[];
}) {
  const { t } = useI18n();
  const word = useProblemWording();
  const people = useQuery(peopleNamesQuery(programmeId));
  const add = useAddMember(group.id);
  const [values, setValues] = useState<Values>(EMPTY);
  const [notice, setNotice] = useState("");
  const headingId = useId();
  const { problem, errors, complete } = useFormErrors(add, word);
  const set = <K extends keyof Values>(field: K, value: Values[K]) => setValues({ ...values, [field]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice("");
    const required: Record<string, string> = {};
    if (!values.person_id) required.person_id = t("groups.add.personRequired");
    if (!values.party) required.party = t("groups.add.partyRequired");
    if (!complete(required)) return;
    const allocation = values.allocation_percent.trim();
    add.mutate(
      {
        person_id: values.person_id,
        role: values.role,
        party: values.party as Party,
        municipality_number: values.municipality_number || null,
        // A value the API refuses (over 100, say) is sent as typed, so that its answer is shown.
        allocation_percent: allocation === "" ? null : Number(allocation),
        starts_on: values.starts_on || null,
        ends_on: values.ends_on || null,
      },
      {
        onSuccess: () => {
          const name = people.data?.find((p) => p.id === values.person_id)?.name ?? "";
          setNotice(t("groups.add.done", { name }));
          setValues(EMPTY);
        },
      },
    );
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("groups.add.title")}
      </Heading>
      <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <div role="status">
          {notice && (
            <Alert data-color="success">
              <Paragraph>{notice}</Paragraph>
            </Alert>
          )}
        </div>
        {problem && <FormProblem problem={problem} fields={Object.keys(EMPTY)} />}
        <SelectField
          label={t("groups.add.person")}
          value={values.person_id}
          onChange={(e) => set("person_id", e.target.value)}
          error={errors.person_id}
        >
          <option value="">{t("groups.add.choosePerson")}</option>
          {(people.data ?? []).map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </SelectField>
        <div className={styles.formRow}>
          <SelectField
            label={t("groups.member.role")}
            value={values.role}
            onChange={(e) => set("role", e.target.value as MemberRole)}
            error={errors.role}
          >
            {MEMBER_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`groups.role.${role}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("groups.member.party")}
            value={values.party}
            onChange={(e) => set("party", e.target.value as Party)}
            error={errors.party}
          >
            <option value="">{t("groups.add.chooseParty")}</option>
            {PARTIES.map((party) => (
              <option key={party} value={party}>
                {t(`groups.party.${party}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("groups.member.municipality")}
            value={values.municipality_number}
            onChange={(e) => set("municipality_number", e.target.value)}
            error={errors.municipality_number}
          >
            <option value="">{t("groups.add.noMunicipality")}</option>
            {municipalities.map((m) => (
              <option key={m.number} value={m.number}>
                {m.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className={styles.formRow}>
          <Textfield
            label={t("groups.add.allocation")}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            suffix="%"
            value={values.allocation_percent}
            onChange={(e) => set("allocation_percent", e.target.value)}
            error={errors.allocation_percent}
          />
          <Textfield
            label={t("groups.member.from")}
            type="date"
            value={values.starts_on}
            onChange={(e) => set("starts_on", e.target.value)}
            error={errors.starts_on}
          />
          <Textfield
            label={t("groups.member.to")}
            type="date"
            value={values.ends_on}
            onChange={(e) => set("ends_on", e.target.value)}
            error={errors.ends_on}
          />
        </div>
        <div className={layout.actions}>
          <Button type="submit" loading={add.isPending}>
            {t("groups.add.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}

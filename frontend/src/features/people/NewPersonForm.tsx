import { Dialog, Heading, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { AFFILIATIONS, type Affiliation } from "../../api/queries/people";
import { useCreatePerson, type PersonCreate } from "../../api/queries/setup";
import { FormActions } from "../../components/FormActions";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import { useFocusOnOpen } from "../../lib/focus";
import { FormProblem } from "../projects/FormProblem";
import styles from "../projects/project.module.css";

const EMPTY = {
  name: "",
  email: "",
  title: "",
  organisation_unit: "",
  municipality_number: "",
  affiliation: "employee" as Affiliation,
  union: "",
};

/**
 * A new person of the programme, in a dialog. The union is asked only of a union representative: it is
 * special-category data (GDPR art. 9), and the API takes it for no one else.
 */
export function NewPersonForm({
  programmeId,
  municipalities,
  onDone,
}: {
  programmeId: string;
  municipalities: { name: string; number: string }[];
  onDone: (created: string | null) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording();
  const create = useCreatePerson(programmeId);
  const [values, setValues] = useState(EMPTY);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const headingId = useId();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const errors = { ...(problem?.fieldErrors(word) ?? {}), ...missing };
  const set = <K extends keyof typeof EMPTY>(field: K, value: (typeof EMPTY)[K]) => setValues({ ...values, [field]: value });
  const union = values.affiliation === "union_representative";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!values.name.trim()) {
      create.reset();
      setMissing({ name: t("people.nameRequired") });
      return;
    }
    setMissing({});
    const orNull = (value: string) => (value.trim() ? value.trim() : null);
    const body: PersonCreate = {
      programme_id: programmeId,
      name: values.name.trim(),
      email: orNull(values.email),
      title: orNull(values.title),
      organisation_unit: orNull(values.organisation_unit),
      municipality_number: values.municipality_number || null,
      affiliation: values.affiliation,
      ...(union ? { union: orNull(values.union) } : {}),
    };
    create.mutate(body, { onSuccess: (person) => onDone(person.name) });
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onDone(null)} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("people.new.title")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
      {problem && (
        <FormProblem
          problem={problem}
          fields={["name", "email", "title", "organisation_unit", "municipality_number", "affiliation", "union"]}
        />
      )}
      <Textfield
        label={t("people.name")}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => set("name", e.target.value)}
        error={errors.name}
      />
      <Textfield
        label={t("people.email")}
        type="email"
        autoComplete="off"
        value={values.email}
        onChange={(e) => set("email", e.target.value)}
        error={errors.email}
      />
      <div className={styles.formRow}>
        <Textfield
          label={t("people.jobTitle")}
          value={values.title}
          onChange={(e) => set("title", e.target.value)}
          error={errors.title}
        />
        <Textfield
          label={t("people.organisationUnit")}
          value={values.organisation_unit}
          onChange={(e) => set("organisation_unit", e.target.value)}
          error={errors.organisation_unit}
        />
      </div>
      <div className={styles.formRow}>
        <SelectField
          label={t("people.municipality")}
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
          label={t("people.affiliation")}
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
      {union && (
        <Textfield
          label={t("people.union")}
          description={t("people.union.hint")}
          value={values.union}
          onChange={(e) => set("union", e.target.value)}
          error={errors.union}
        />
      )}
      <FormActions submit={t("people.new.submit")} pending={create.isPending} onCancel={() => onDone(null)} />
    </form>
      </Dialog.Block>
    </Dialog>
  );
}

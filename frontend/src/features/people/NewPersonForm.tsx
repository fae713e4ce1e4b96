import { Dialog, Heading } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { useProblemWording } from "../../api/problemWording";
import { useCreatePerson, type PersonCreate } from "../../api/queries/setup";
import { FormActions } from "../../components/FormActions";
import { useI18n } from "../../i18n";
import { useFocusOnOpen } from "../../lib/focus";
import { useFormErrors } from "../projects/FormParts";
import { FormProblem } from "../projects/FormProblem";
import styles from "../projects/project.module.css";
import { EMPTY_PERSON, missingPersonFields, PERSON_FIELDS, personBody, PersonFields, type PersonValues } from "./PersonFields";

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
  const [values, setValues] = useState<PersonValues>(EMPTY_PERSON);
  const headingId = useId();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const { problem, errors, complete } = useFormErrors(create, word);
  const union = values.affiliation === "union_representative";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete(missingPersonFields(values, t))) return;
    const body: PersonCreate = { programme_id: programmeId, ...personBody(values, union) };
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
          {problem && <FormProblem problem={problem} fields={PERSON_FIELDS} />}
          <PersonFields
            values={values}
            onChange={(change) => setValues({ ...values, ...change })}
            errors={errors}
            municipalities={municipalities}
            withUnion={union}
          />
          <FormActions submit={t("people.new.submit")} pending={create.isPending} onCancel={() => onDone(null)} />
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

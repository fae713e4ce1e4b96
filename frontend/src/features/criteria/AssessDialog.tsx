import {
  Alert,
  Button,
  Dialog,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Textfield,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { FULFILMENTS, useAssessCriterion, type CriterionFulfilment, type GroupCriterion } from "../../api/queries/criteria";
import { ProblemAlert } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useT } from "../../i18n";
import { osloToday } from "../../lib/time";
import own from "./criteria.module.css";
import { useFocusOnOpen } from "../../lib/focus";

const WORDING: Overrides = {
  assessed_on: { in_future: "criteria.error.inFuture" },
};

/** Record how the group meets one criterion, as assessed on a day; earlier assessments are kept. */
export function AssessDialog({
  groupId,
  criterion,
  onClose,
}: {
  groupId: string;
  criterion: GroupCriterion;
  onClose: (message?: string) => void;
}) {
  const t = useT();
  const headingId = useId();
  const assess = useAssessCriterion();
  const [fulfilment, setFulfilment] = useState<CriterionFulfilment | "">("");
  const [assessedOn, setAssessedOn] = useState(osloToday());
  const [note, setNote] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const word = useProblemWording(WORDING);
  const problem = assess.error instanceof ApiProblem ? assess.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: string) => local[field] ?? server[field];
  // The criterion and the group are not fields of the form: their refusal is said above it.
  const aboutRecords = server.criterion_id ?? server.group_id;
  const placed = ["fulfilment", "assessed_on", "note"].some((f) => server[f]) || Boolean(aboutRecords);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!fulfilment) errors.fulfilment = t("criteria.error.fulfilmentRequired");
    if (!assessedOn) errors.assessed_on = t("criteria.error.dateRequired");
    else if (assessedOn > osloToday()) errors.assessed_on = t("criteria.error.inFuture");
    setLocal(errors);
    if (Object.keys(errors).length || !fulfilment) return;
    assess.mutate(
      {
        group_id: groupId,
        criterion_id: criterion.id,
        fulfilment,
        assessed_on: assessedOn,
        note: note.trim() || null,
      },
      { onSuccess: () => onClose(t("criteria.assessed", { title: criterion.title })) },
    );
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("criteria.assessTitle", { title: criterion.title })}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {assess.error && !placed && <ProblemAlert error={assess.error} />}
          {aboutRecords && (
            <Alert data-color="danger">
              <Paragraph>{aboutRecords}</Paragraph>
            </Alert>
          )}
          <Fieldset>
            <Fieldset.Legend>{t("criteria.field.fulfilment")}</Fieldset.Legend>
            {FULFILMENTS.map((f) => (
              <Radio
                key={f}
                name="fulfilment"
                value={f}
                label={t(`criteria.fulfilment.${f}`)}
                checked={fulfilment === f}
                onChange={() => setFulfilment(f)}
                aria-invalid={errorOf("fulfilment") ? true : undefined}
              />
            ))}
            {errorOf("fulfilment") && <ValidationMessage>{errorOf("fulfilment")}</ValidationMessage>}
          </Fieldset>
          <Textfield
            label={t("criteria.field.assessedOn")}
            type="date"
            value={assessedOn}
            max={osloToday()}
            onChange={(e) => setAssessedOn(e.target.value)}
            error={errorOf("assessed_on")}
            required
          />
          <Textfield
            label={t("criteria.field.note")}
            multiline
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={errorOf("note")}
          />
          <div className={styles.actions}>
            <Button type="submit" aria-busy={assess.isPending}>
              {t("criteria.saveAssessment")}
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

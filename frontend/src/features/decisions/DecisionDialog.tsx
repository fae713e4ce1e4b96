import { Dialog, Heading } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useCreateDecision, type ConsultationMeeting, type Decision } from "../../api/queries/decisions";
import type { Named } from "../../api/queries/lookups";
import { ProblemAlert } from "../../components/QueryState";
import { useT } from "../../i18n";
import {
  bodyOf,
  DECISION_FIELDS,
  DecisionFields,
  EMPTY_DECISION,
  missingFields,
  useDecisionWording,
  type DecisionField,
  type DecisionValues,
} from "./DecisionFields";
import own from "./decisions.module.css";
import { FormActions } from "../../components/FormActions";
import { useFocusOnOpen } from "../../lib/focus";

/**
 * Record a new decision as a draft. It is made final on its own page, where the consultation
 * it may need is checked.
 */
export function DecisionDialog({
  programmeId,
  defaults,
  groups,
  projects,
  meetings,
  onCreated,
  onClose,
}: {
  programmeId: string;
  defaults: Partial<DecisionValues>;
  groups: Named[];
  projects: Named[];
  meetings: ConsultationMeeting[];
  onCreated: (decision: Decision) => void;
  onClose: () => void;
}) {
  const t = useT();
  const headingId = useId();
  const create = useCreateDecision();
  const [values, setValues] = useState<DecisionValues>({ ...EMPTY_DECISION, ...defaults });
  const [local, setLocal] = useState<Partial<Record<DecisionField, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const word = useDecisionWording();
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errors: Partial<Record<DecisionField, string>> = {};
  for (const field of DECISION_FIELDS) {
    const message = local[field] ?? server[field];
    if (message) errors[field] = message;
  }
  const placed = DECISION_FIELDS.some((field) => server[field]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = missingFields(values, t);
    setLocal(missing);
    if (Object.keys(missing).length) {
      create.reset();
      return;
    }
    create.mutate({ programme_id: programmeId, ...bodyOf(values), status: "draft" }, { onSuccess: onCreated });
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onClose} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("decisions.create.title")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {create.error && !placed && <ProblemAlert error={create.error} />}
          <DecisionFields
            values={values}
            onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
            errors={errors}
            groups={groups}
            projects={projects}
            meetings={meetings}
          />
          <FormActions submit={t("decisions.create.submit")} pending={create.isPending} onCancel={onClose} />
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

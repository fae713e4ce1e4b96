import { Button, Heading, Textfield } from "@digdir/designsystemet-react";
import { useId, useRef, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import {
  PHASE_STATUSES,
  useCreatePhase,
  useCreateResult,
  useDeletePhase,
  useDeleteResult,
  useUpdatePhase,
  useUpdateResult,
  type ExpectedResult,
  type Phase,
  type PhaseStatus,
  type PhaseUpdate,
} from "../../api/queries/phases";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FormActions } from "../../components/FormActions";
import { PeriodFields } from "../../components/PeriodFields";
import { SelectField } from "../../components/SelectField";
import { useSaveWithConflict } from "../../components/useSaveWithConflict";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { changedFields } from "../../lib/conflict";
import { focusWhenPresent, useFocusOnOpen } from "../../lib/focus";
import { focusInvalid, inUse, RequiredLabel, RequiredNote, useFormErrors } from "./FormParts";
import { FormProblem } from "./FormProblem";
import "./messages";
import styles from "./project.module.css";

interface PhaseValues {
  name: string;
  description: string;
  starts_on: string;
  ends_on: string;
  status: PhaseStatus;
  position: string;
}

const PHASE_FIELDS = ["name", "description", "starts_on", "ends_on", "status", "position"];

const PHASE_WORDING: Overrides = {
  name: { string_too_short: "projects.phaseForm.nameRequired" },
};

const phaseValues = (phase: Phase | null): PhaseValues => ({
  name: phase?.name ?? "",
  description: phase?.description ?? "",
  starts_on: phase?.starts_on ?? "",
  ends_on: phase?.ends_on ?? "",
  status: phase?.status ?? "not_started",
  position: phase ? String(phase.position) : "",
});

/** The phase as the API takes it; a position left blank is last (new) or unchanged (saved). */
function phaseBody(values: PhaseValues) {
  const position = values.position.trim();
  return {
    name: values.name.trim(),
    description: values.description.trim() ? values.description : null,
    starts_on: values.starts_on || null,
    ends_on: values.ends_on || null,
    status: values.status,
    ...(position === "" ? {} : { position: Number(position) }),
  };
}

function usePhaseLabels() {
  const { t, formatDate } = useI18n();
  const labels: Record<string, string> = {
    name: t("projects.phaseForm.name"),
    description: t("projects.phaseForm.description"),
    starts_on: t("projects.phaseForm.startsOn"),
    ends_on: t("projects.phaseForm.endsOn"),
    status: t("projects.status"),
    position: t("projects.phaseForm.position"),
  };
  const display = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "status") return t(`projects.phaseStatus.${value}`);
    if (field === "starts_on" || field === "ends_on") return formatDate(String(value));
    return String(value);
  };
  return { labels, display };
}

/**
 * A phase's form, in place: name (required), description, period, status (a saved phase) and
 * place in the plan. The API's objections (an end before the start, a phase closed with open
 * results) are shown at their fields.
 */
function PhaseFields({
  values,
  onChange,
  errors,
  withStatus,
}: {
  values: PhaseValues;
  onChange: (change: Partial<PhaseValues>) => void;
  errors: Record<string, string>;
  withStatus: boolean;
}) {
  const { t } = useI18n();
  const { labels } = usePhaseLabels();
  return (
    <>
      <Textfield
        label={<RequiredLabel>{labels.name}</RequiredLabel>}
        value={values.name}
        onChange={(e) => onChange({ name: e.target.value })}
        error={errors.name}
        required
      />
      <Textfield
        multiline
        rows={3}
        label={labels.description}
        value={values.description}
        onChange={(e) => onChange({ description: e.target.value })}
        error={errors.description}
      />
      <PeriodFields className={styles.formRow} values={values} labels={labels} errors={errors} onChange={onChange} />
      <div className={styles.formRow}>
        {withStatus && (
          <SelectField
            label={labels.status}
            value={values.status}
            onChange={(e) => onChange({ status: e.target.value as PhaseStatus })}
            error={errors.status}
          >
            {PHASE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`projects.phaseStatus.${status}`)}
              </option>
            ))}
          </SelectField>
        )}
        <Textfield
          label={labels.position}
          description={withStatus ? t("projects.phaseForm.positionHint") : t("projects.phaseForm.positionNewHint")}
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          value={values.position}
          onChange={(e) => onChange({ position: e.target.value })}
          error={errors.position}
        />
      </div>
    </>
  );
}

function missingPhaseFields(values: PhaseValues, t: (key: string) => string): Record<string, string> {
  return values.name.trim() ? {} : { name: t("projects.phaseForm.nameRequired") };
}

/** «Legg til fase» and the in-place form it opens; the new phase's heading takes focus once it is shown. */
export function NewPhase({ projectId, programmeId }: { projectId: string; programmeId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <div className={styles.more}>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      {open ? (
        <NewPhaseForm
          projectId={projectId}
          programmeId={programmeId}
          onDone={(created) => {
            setOpen(false);
            if (created) {
              setNotice(t("projects.phaseForm.created", { name: created.name }));
              focusWhenPresent(() => document.getElementById(phaseHeadingId(created.id)));
            } else focusWhenPresent(() => opener.current);
          }}
        />
      ) : (
        <Button
          ref={opener}
          variant="secondary"
          onClick={() => {
            setNotice("");
            setOpen(true);
          }}
        >
          {t("projects.phaseForm.new")}
        </Button>
      )}
    </div>
  );
}

/** The id of a phase card's heading, which takes focus after the phase is added or saved. */
export const phaseHeadingId = (phaseId: string) => `phase-${phaseId}`;

function NewPhaseForm({
  projectId,
  programmeId,
  onDone,
}: {
  projectId: string;
  programmeId: string;
  onDone: (created: Phase | null) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording(PHASE_WORDING);
  const create = useCreatePhase(programmeId);
  const focusRef = useFocusOnOpen<HTMLFormElement>();
  const headingId = useId();
  const [values, setValues] = useState<PhaseValues>(phaseValues(null));
  const { problem, errors, complete } = useFormErrors(create, word, focusRef);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete(missingPhaseFields(values, t))) return;
    create.mutate(
      { project_id: projectId, ...phaseBody(values), status: "not_started" },
      { onSuccess: (phase) => onDone(phase), onError: () => focusInvalid(focusRef.current) },
    );
  };

  return (
    <form ref={focusRef} className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
      <Heading level={3} data-size="sm" id={headingId}>
        {t("projects.phaseForm.newTitle")}
      </Heading>
      <RequiredNote />
      {problem && <FormProblem problem={problem} fields={PHASE_FIELDS} />}
      <PhaseFields values={values} onChange={(change) => setValues((v) => ({ ...v, ...change }))} errors={errors} withStatus={false} />
      <FormActions submit={t("projects.phaseForm.create")} pending={create.isPending} onCancel={() => onDone(null)} />
    </form>
  );
}

/** A saved phase's form, in place in its card, with If-Match and the conflict dialog. */
export function EditPhaseForm({ phase, onDone }: { phase: Phase; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const word = useProblemWording(PHASE_WORDING);
  const update = useUpdatePhase();
  const { labels, display } = usePhaseLabels();
  const focusRef = useFocusOnOpen<HTMLFormElement>();
  const headingId = useId();
  const [values, setValues] = useState<PhaseValues>(phaseValues(phase));
  const { problem, errors, complete } = useFormErrors(update, word, focusRef);
  const { save, conflictDialog } = useSaveWithConflict({
    send: (changes: PhaseUpdate, etag, done) => update.mutate({ phase, changes, etag }, done),
    onSaved: () => onDone(true),
    onRefused: () => focusInvalid(focusRef.current),
    labels,
    display,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete(missingPhaseFields(values, t))) return;
    const changes = changedFields(phaseBody(values), phase);
    if (Object.keys(changes).length === 0) onDone(false);
    else save(changes);
  };

  return (
    <>
      <form ref={focusRef} className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <Heading level={4} data-size="xs" id={headingId}>
          {t("projects.phaseForm.editTitle", { name: phase.name })}
        </Heading>
        <RequiredNote />
        {problem && <FormProblem problem={problem} fields={PHASE_FIELDS} />}
        <PhaseFields values={values} onChange={(change) => setValues((v) => ({ ...v, ...change }))} errors={errors} withStatus />
        <FormActions submit={t("common.save")} pending={update.isPending} onCancel={() => onDone(false)} />
      </form>
      {conflictDialog}
    </>
  );
}

/** Asks before deleting a phase with its checklist; the API refuses while tasks refer to it. */
export function DeletePhase({
  phase,
  onDone,
}: {
  phase: Phase;
  onDone: (deleted: boolean) => void;
}) {
  const { t } = useI18n();
  const remove = useDeletePhase();
  return (
    <ConfirmDialog
      title={t("projects.phaseForm.deleteTitle")}
      message={
        phase.expected_results.length > 0
          ? t("projects.phaseForm.deleteTextResults", { name: phase.name, count: phase.expected_results.length })
          : t("projects.phaseForm.deleteText", { name: phase.name })
      }
      confirm={t("projects.phaseForm.deleteConfirm")}
      busy={remove.isPending}
      error={inUse(remove.error, t("projects.phaseForm.inUse"))}
      onCancel={() => onDone(false)}
      // The card is gone once the plan is read again: what follows must not depend on it.
      onConfirm={() => remove.mutateAsync(phase).then(() => onDone(true), ignore)}
    />
  );
}

/** A refusal is shown from the mutation's error; the promise has nothing more to do with it. */
const ignore = () => undefined;

const RESULT_WORDING: Overrides = {
  text: { string_too_short: "projects.resultForm.textRequired" },
};

/** Add a line to the checklist; the field keeps focus for the next one. */
export function NewResult({ phase }: { phase: Phase }) {
  const { t } = useI18n();
  const word = useProblemWording(RESULT_WORDING);
  const create = useCreateResult();
  const [text, setText] = useState("");
  const [missing, setMissing] = useState<string | undefined>();
  const [notice, setNotice] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const error = missing ?? problem?.fieldErrors(word).text;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice("");
    if (!text.trim()) {
      setMissing(t("projects.resultForm.textRequired"));
      create.reset();
      field.current?.focus();
      return;
    }
    setMissing(undefined);
    create.mutate(
      { phase, text: text.trim() },
      {
        onSuccess: (result) => {
          setText("");
          setNotice(t("projects.resultForm.created", { text: result.text }));
          field.current?.focus();
        },
        onError: () => field.current?.focus(),
      },
    );
  };

  return (
    <form className={styles.inlineForm} onSubmit={submit} noValidate aria-label={t("projects.resultForm.newFor", { name: phase.name })}>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      {problem && !error && <FormProblem problem={problem} fields={["text"]} />}
      <Textfield
        ref={field}
        label={<RequiredLabel>{t("projects.resultForm.new")}</RequiredLabel>}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error}
        required
      />
      <div className={layout.actions}>
        <Button type="submit" variant="secondary" data-size="sm" loading={create.isPending}>
          {t("projects.resultForm.add")}
        </Button>
      </div>
    </form>
  );
}

/** An expected result's text changed in place, with If-Match and the conflict dialog. */
export function EditResultForm({ result, onDone }: { result: ExpectedResult; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const word = useProblemWording(RESULT_WORDING);
  const update = useUpdateResult();
  const focusRef = useFocusOnOpen<HTMLFormElement>();
  const [text, setText] = useState(result.text);
  const [missing, setMissing] = useState<string | undefined>();
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const error = missing ?? problem?.fieldErrors(word).text;
  const label = t("projects.resultForm.text");
  const { save, conflict, conflictDialog } = useSaveWithConflict({
    send: (changes: { text?: string }, etag, done) => update.mutate({ result, changes, etag }, done),
    onSaved: () => onDone(true),
    labels: { text: label },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setMissing(t("projects.resultForm.textRequired"));
      update.reset();
      return;
    }
    setMissing(undefined);
    if (text.trim() === result.text) onDone(false);
    else save({ text: text.trim() });
  };

  return (
    <>
      <form ref={focusRef} className={styles.inlineForm} onSubmit={submit} noValidate aria-label={t("projects.resultForm.editTitle")}>
        {problem && !error && !conflict && <FormProblem problem={problem} fields={["text"]} />}
        <Textfield
          label={<RequiredLabel>{label}</RequiredLabel>}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={error}
          required
        />
        <FormActions submit={t("common.save")} pending={update.isPending} onCancel={() => onDone(false)} />
      </form>
      {conflictDialog}
    </>
  );
}

/** Asks before taking a line off the checklist. */
export function DeleteResult({ result, onDone }: { result: ExpectedResult; onDone: (deleted: boolean) => void }) {
  const { t } = useI18n();
  const remove = useDeleteResult();
  return (
    <ConfirmDialog
      title={t("projects.resultForm.deleteTitle")}
      message={t("projects.resultForm.deleteText", { text: result.text })}
      confirm={t("projects.resultForm.deleteConfirm")}
      busy={remove.isPending}
      error={remove.error}
      onCancel={() => onDone(false)}
      onConfirm={() => remove.mutateAsync(result).then(() => onDone(true), ignore)}
    />
  );
}

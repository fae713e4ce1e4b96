import { Button, Dialog, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { etagOf } from "../../api/client";
import {
  INVOLVEMENT_FORMS,
  STAKEHOLDER_KINDS,
  type InvolvementForm,
  type StakeholderKind,
} from "../../api/queries/involvements";
import type { Linkable } from "../../api/queries/involvements";
import type { Named } from "../../api/queries/lookups";
import {
  useCreatePlanned,
  useUpdatePlanned,
  type PlannedInvolvement,
  type PlannedInvolvementUpdate,
} from "../../api/queries/plannedInvolvements";
import { ConflictDialog } from "../../components/ConflictDialog";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import own from "./plan.module.css";
import { useFocusOnOpen } from "../../lib/focus";

/** What the API can refuse in the plan's dialogs, in the plan's own words. */
export const PLAN_WORDING: Overrides = {
  matter: { string_too_short: "plan.error.matterRequired" },
  cancelled_reason: { reason_required: "plan.error.reasonRequired" },
  status: { fulfilled: "plan.error.fulfilled", involvement_required: "plan.error.involvementRequired" },
  involvement_id: {
    already_fulfilled: "plan.error.alreadyFulfilled",
    planned_cancelled: "plan.error.plannedCancelled",
    involvement_fulfils_another: "plan.error.fulfilsAnother",
  },
};

type Field = "stakeholder_kind" | "form" | "planned_on" | "matter" | "responsible_person_id" | "decision_id";
const FIELDS: Field[] = ["stakeholder_kind", "form", "planned_on", "matter", "responsible_person_id", "decision_id"];

interface Values {
  stakeholder_kind: StakeholderKind | "";
  form: InvolvementForm | "";
  planned_on: string;
  matter: string;
  responsible_person_id: string;
  decision_id: string;
}

const valuesOf = (p?: PlannedInvolvement): Values => ({
  stakeholder_kind: p?.stakeholder_kind ?? "",
  form: p?.form ?? "",
  planned_on: p?.planned_on ?? "",
  matter: p?.matter ?? "",
  responsible_person_id: p?.responsible_person_id ?? "",
  decision_id: p?.decision_id ?? "",
});

const bodyOf = (v: Values) => ({
  stakeholder_kind: v.stakeholder_kind as StakeholderKind,
  form: v.form as InvolvementForm,
  planned_on: v.planned_on,
  matter: v.matter.trim(),
  responsible_person_id: v.responsible_person_id || null,
  decision_id: v.decision_id || null,
});

/**
 * Add an entry to a project's plan, or change one: who is to be involved, how, when, about
 * what, who answers for it and the decision it must come before. A change is sent with If-Match
 * against the version the dialog opened with; someone else's newer change is shown, not lost.
 */
export function PlannedDialog({
  projectId,
  planned,
  people,
  decisions,
  onClose,
}: {
  projectId: string;
  planned?: PlannedInvolvement;
  people: Named[];
  decisions: Linkable[];
  onClose: (message?: string) => void;
}) {
  const { t, formatDate } = useI18n();
  const headingId = useId();
  const create = useCreatePlanned();
  const update = useUpdatePlanned();
  const mutation = planned ? update : create;
  const [values, setValues] = useState<Values>(valuesOf(planned));
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const word = useProblemWording(PLAN_WORDING);
  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: Field) => local[field] ?? server[field];
  const placed = FIELDS.some((f) => server[f]);
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  const save = (changes: PlannedInvolvementUpdate, etag: string) =>
    update.mutate(
      { id: planned!.id, etag, changes },
      {
        onSuccess: () => onClose(t("plan.saved", { matter: values.matter.trim() })),
        onError: (e) => {
          if (e instanceof EditConflict) setConflict(e);
        },
      },
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!values.stakeholder_kind) errors.stakeholder_kind = t("plan.error.kindRequired");
    if (!values.form) errors.form = t("plan.error.formRequired");
    if (!values.planned_on) errors.planned_on = t("plan.error.dayRequired");
    if (!values.matter.trim()) errors.matter = t("plan.error.matterRequired");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body = bodyOf(values);
    if (!planned) {
      create.mutate(
        { project_id: projectId, status: "planned", ...body },
        { onSuccess: () => onClose(t("plan.created", { matter: body.matter })) },
      );
      return;
    }
    const before = bodyOf(valuesOf(planned));
    const changes = Object.fromEntries(
      Object.entries(body).filter(([field, value]) => value !== before[field as keyof typeof before]),
    ) as PlannedInvolvementUpdate;
    if (Object.keys(changes).length === 0) onClose();
    else save(changes, etagOf(planned));
  };

  const labels: Record<Field, string> = {
    stakeholder_kind: t("plan.field.stakeholderKind"),
    form: t("plan.field.form"),
    planned_on: t("plan.field.plannedOn"),
    matter: t("plan.field.matter"),
    responsible_person_id: t("plan.field.responsible"),
    decision_id: t("plan.field.decision"),
  };
  const display = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === "") return "—";
    const id = String(value);
    if (field === "stakeholder_kind") return t(`involvements.kind.${id}`);
    if (field === "form") return t(`involvements.form.${id}`);
    if (field === "planned_on") return formatDate(id);
    if (field === "responsible_person_id") return people.find((p) => p.id === id)?.name ?? id;
    if (field === "decision_id") return decisions.find((d) => d.id === id)?.name ?? id;
    return id;
  };

  if (conflict) {
    return (
      <ConflictDialog
        conflict={conflict}
        labels={labels}
        display={display}
        onCancel={() => {
          setConflict(null);
          onClose();
        }}
        onResolve={(changes, etag) => {
          setConflict(null);
          if (Object.keys(changes).length) save(changes as PlannedInvolvementUpdate, etag);
          else onClose();
        }}
      />
    );
  }

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t(planned ? "plan.editTitle" : "plan.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          <Paragraph data-size="sm">{t("plan.dialogHelp")}</Paragraph>
          {mutation.error && !(mutation.error instanceof EditConflict) && !placed && (
            <ProblemAlert error={mutation.error} />
          )}
          <div className={own.twoColumns}>
            <SelectField
              label={labels.stakeholder_kind}
              value={values.stakeholder_kind}
              onChange={set("stakeholder_kind")}
              error={errorOf("stakeholder_kind")}
              required
            >
              <option value="">{t("plan.choose")}</option>
              {STAKEHOLDER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`involvements.kind.${k}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={labels.form} value={values.form} onChange={set("form")} error={errorOf("form")} required>
              <option value="">{t("plan.choose")}</option>
              {INVOLVEMENT_FORMS.map((f) => (
                <option key={f} value={f}>
                  {t(`involvements.form.${f}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <Textfield
            label={labels.planned_on}
            type="date"
            value={values.planned_on}
            onChange={set("planned_on")}
            error={errorOf("planned_on")}
            required
          />
          <Textfield
            label={labels.matter}
            multiline
            rows={2}
            value={values.matter}
            onChange={set("matter")}
            error={errorOf("matter")}
            required
          />
          <SelectField
            label={labels.responsible_person_id}
            value={values.responsible_person_id}
            onChange={set("responsible_person_id")}
            error={errorOf("responsible_person_id")}
          >
            <option value="">{t("plan.nobody")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={labels.decision_id}
            value={values.decision_id}
            onChange={set("decision_id")}
            error={errorOf("decision_id")}
          >
            <option value="">{t("plan.noDecision")}</option>
            {decisions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.day ? `${d.name} (${formatDate(d.day)})` : d.name}
              </option>
            ))}
          </SelectField>
          <div className={`${styles.actions} ${own.wrap}`}>
            <Button type="submit" aria-busy={mutation.isPending}>
              {t("common.save")}
            </Button>
            <Button variant="secondary" type="button" onClick={() => onClose()}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

/** Cancel a planned involvement, saying why; the reason stays on the plan. */
export function CancelDialog({
  planned,
  onClose,
}: {
  planned: PlannedInvolvement;
  onClose: (message?: string) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const update = useUpdatePlanned();
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<string | undefined>();
  const [stale, setStale] = useState(false);
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const word = useProblemWording(PLAN_WORDING);
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const error = local ?? server.cancelled_reason ?? server.status;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setLocal(t("plan.error.reasonRequired"));
      return;
    }
    setLocal(undefined);
    update.mutate(
      { id: planned.id, etag: etagOf(planned), changes: { status: "cancelled", cancelled_reason: reason.trim() } },
      {
        onSuccess: () => onClose(t("plan.cancelledNotice", { matter: planned.matter })),
        onError: (e) => setStale(e instanceof EditConflict),
      },
    );
  };
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("plan.cancelTitle", { matter: planned.matter })}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {stale && (
            <div role="alert">
              <ProblemAlert error={new ApiProblem(412, { detail: t("plan.error.stale") })} />
            </div>
          )}
          {update.error && !stale && !error && <ProblemAlert error={update.error} />}
          <Textfield
            label={t("plan.field.cancelledReason")}
            multiline
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={error}
            required
          />
          <div className={`${styles.actions} ${own.wrap}`}>
            <Button type="submit" data-color="danger" aria-busy={update.isPending} disabled={stale}>
              {t("plan.cancelConfirm")}
            </Button>
            <Button variant="secondary" type="button" onClick={() => onClose()}>
              {t("plan.keep")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

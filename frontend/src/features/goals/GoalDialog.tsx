import { Alert, Button, Checkbox, Dialog, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import {
  GOAL_KINDS,
  GOAL_STATUSES,
  PARENT_KIND,
  useCreateGoal,
  useUpdateGoal,
  type GoalKind,
  type GoalNode,
  type GoalStatus,
} from "../../api/queries/goals";
import type { Named } from "../../api/queries/lookups";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useT } from "../../i18n";
import { EditConflict, etagOfVersion } from "./conflict";
import own from "./goals.module.css";
import { useFocusOnOpen } from "../../lib/focus";

interface Values {
  kind: GoalKind;
  parent_id: string;
  project_id: string;
  title: string;
  description: string;
  theme: string;
  owner_id: string;
  status: GoalStatus;
  dropped_reason: string;
  sort_order: string;
  in_catalogue: boolean;
}

type Field = keyof Values;

function initial(goal: GoalNode | null, defaultProjectId?: string): Values {
  return {
    kind: goal?.kind ?? "effect",
    parent_id: goal?.parent_id ?? "",
    project_id: goal?.project_id ?? defaultProjectId ?? "",
    title: goal?.title ?? "",
    description: goal?.description ?? "",
    theme: goal?.theme ?? "",
    owner_id: goal?.owner_id ?? "",
    status: goal?.status ?? "proposed",
    dropped_reason: goal?.dropped_reason ?? "",
    sort_order: String(goal?.sort_order ?? 0),
    in_catalogue: goal?.in_catalogue ?? false,
  };
}

function body(values: Values) {
  return {
    kind: values.kind,
    parent_id: values.parent_id || null,
    project_id: values.in_catalogue ? null : values.project_id || null,
    title: values.title.trim(),
    description: values.description.trim() || null,
    theme: values.theme.trim() || null,
    owner_id: values.owner_id || null,
    status: values.status,
    dropped_reason: values.status === "dropped" ? values.dropped_reason.trim() || null : null,
    sort_order: Number(values.sort_order) || 0,
    in_catalogue: values.in_catalogue,
  };
}

/** Add or change a goal: its place in the tree, what it is, who owns it and how far it has come. */
export function GoalDialog({
  programmeId,
  goal,
  goals,
  projects,
  people,
  defaultProjectId,
  onClose,
}: {
  programmeId: string;
  /** The goal to change; null to add one. */
  goal: GoalNode | null;
  /** Every goal of the programme, to pick the parent from. */
  goals: GoalNode[];
  projects: Named[];
  people: Named[];
  defaultProjectId?: string;
  onClose: (message?: string) => void;
}) {
  const t = useT();
  const headingId = useId();
  const create = useCreateGoal();
  const update = useUpdateGoal();
  const [values, setValues] = useState<Values>(() => initial(goal, defaultProjectId));
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const mutation = goal ? update : create;
  const word = useProblemWording();
  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: Field) => local[field] ?? server[field];
  const placed = Object.keys(server).some((f) => f in values);
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  const parentKind = PARENT_KIND[values.kind];
  const parents = parentKind ? goals.filter((g) => g.kind === parentKind && g.id !== goal?.id) : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!values.title.trim()) errors.title = t("goals.error.titleRequired");
    if (values.status === "dropped" && !values.dropped_reason.trim()) {
      errors.dropped_reason = t("problem.code.dropped_reason_required");
    }
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const data = body(values);
    if (goal) {
      const before = body(initial(goal));
      const changes = Object.fromEntries(
        Object.entries(data).filter(([field, value]) => value !== before[field as keyof typeof before]),
      );
      if (Object.keys(changes).length === 0) return onClose();
      update.mutate(
        { id: goal.id, etag: etagOfVersion(goal.version), changes },
        { onSuccess: () => onClose(t("goals.saved", { title: data.title })) },
      );
    } else {
      create.mutate(
        { programme_id: programmeId, ...data },
        { onSuccess: () => onClose(t("goals.created", { title: data.title })) },
      );
    }
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {goal ? t("goals.editTitle") : t("goals.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {mutation.error instanceof EditConflict && (
            <Alert data-color="warning" role="alert">
              <Paragraph>{t("goals.error.conflict")}</Paragraph>
            </Alert>
          )}
          {mutation.error && !(mutation.error instanceof EditConflict) && !placed && (
            <ProblemAlert error={mutation.error} />
          )}
          <div className={own.twoColumns}>
            <SelectField
              label={t("goals.field.kind")}
              value={values.kind}
              onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value as GoalKind, parent_id: "" }))}
              error={errorOf("kind")}
            >
              {GOAL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`goals.kind.${k}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("goals.field.parent")}
              value={values.parent_id}
              onChange={set("parent_id")}
              error={errorOf("parent_id")}
              disabled={!parentKind}
            >
              <option value="">{t("goals.noParent")}</option>
              {parents.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.title}
                </option>
              ))}
            </SelectField>
          </div>
          <Textfield
            label={t("goals.field.title")}
            value={values.title}
            onChange={set("title")}
            error={errorOf("title")}
            required
          />
          <Textfield
            label={t("goals.field.description")}
            multiline
            rows={3}
            value={values.description}
            onChange={set("description")}
            error={errorOf("description")}
          />
          <div className={own.twoColumns}>
            <Textfield label={t("goals.field.theme")} value={values.theme} onChange={set("theme")} error={errorOf("theme")} />
            <SelectField label={t("goals.field.owner")} value={values.owner_id} onChange={set("owner_id")} error={errorOf("owner_id")}>
              <option value="">{t("goals.noOwner")}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
          </div>
          <Checkbox
            label={t("goals.field.inCatalogue")}
            description={t("goals.field.inCatalogueHelp")}
            checked={values.in_catalogue}
            onChange={(e) => setValues((v) => ({ ...v, in_catalogue: e.target.checked }))}
            error={errorOf("in_catalogue")}
          />
          <div className={own.twoColumns}>
            <SelectField
              label={t("goals.field.project")}
              value={values.in_catalogue ? "" : values.project_id}
              onChange={set("project_id")}
              error={errorOf("project_id")}
              disabled={values.in_catalogue}
            >
              <option value="">{t("goals.noProject")}</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <Textfield
              label={t("goals.field.sortOrder")}
              type="number"
              inputMode="numeric"
              value={values.sort_order}
              onChange={set("sort_order")}
              error={errorOf("sort_order")}
            />
          </div>
          <SelectField label={t("goals.field.status")} value={values.status} onChange={set("status")} error={errorOf("status")}>
            {GOAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`goals.status.${s}`)}
              </option>
            ))}
          </SelectField>
          {values.status === "dropped" && (
            <Textfield
              label={t("goals.field.droppedReason")}
              multiline
              rows={2}
              value={values.dropped_reason}
              onChange={set("dropped_reason")}
              error={errorOf("dropped_reason")}
              required
            />
          )}
          <div className={styles.actions}>
            <Button type="submit" aria-busy={mutation.isPending}>
              {goal ? t("goals.save") : t("goals.create")}
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

import { Alert, Button, Dialog, Fieldset, Heading, Paragraph, Radio, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import {
  CRITERION_PURPOSES,
  etagOf,
  useCreateCriterion,
  useUpdateCriterion,
  type CriterionPurpose,
  type GroupCriterion,
  type GroupKind,
} from "../../api/queries/criteria";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useT } from "../../i18n";
import { EditConflict, changedFields } from "../../lib/conflict";
import own from "./criteria.module.css";
import { GROUP_KINDS } from "./kinds";
import { useFocusOnOpen } from "../../lib/focus";

interface Values {
  group_kind: GroupKind;
  purpose: CriterionPurpose;
  title: string;
  description: string;
  sort_order: string;
}

const WORDING: Overrides = {
  title: { string_too_short: "criteria.error.titleRequired" },
};

/** Add or change a criterion for a kind of group. */
export function CriterionDialog({
  programmeId,
  criterion,
  defaultKind,
  onClose,
}: {
  programmeId: string;
  criterion?: GroupCriterion;
  defaultKind?: GroupKind;
  onClose: (message?: string) => void;
}) {
  const t = useT();
  const headingId = useId();
  const create = useCreateCriterion();
  const update = useUpdateCriterion();
  const mutation = criterion ? update : create;
  const [values, setValues] = useState<Values>({
    group_kind: criterion?.group_kind ?? defaultKind ?? "work_team",
    purpose: criterion?.purpose ?? "setup",
    title: criterion?.title ?? "",
    description: criterion?.description ?? "",
    sort_order: String(criterion?.sort_order ?? 0),
  });
  const [local, setLocal] = useState<Partial<Record<keyof Values, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const word = useProblemWording(WORDING);
  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: keyof Values) => local[field] ?? server[field];
  const placed = (Object.keys(values) as (keyof Values)[]).some((f) => server[f]);
  const conflict = mutation.error instanceof EditConflict;
  const set = (field: keyof Values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<keyof Values, string>> = {};
    if (!values.title.trim()) errors.title = t("criteria.error.titleRequired");
    if (!/^\d+$/.test(values.sort_order.trim())) errors.sort_order = t("criteria.error.sortOrder");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body = {
      group_kind: values.group_kind,
      purpose: values.purpose,
      title: values.title.trim(),
      description: values.description.trim() || null,
      sort_order: Number(values.sort_order.trim()),
    };
    const done = () => onClose(t(criterion ? "criteria.saved" : "criteria.created", { title: body.title }));
    if (criterion) {
      const changes = changedFields(body, criterion);
      if (Object.keys(changes).length === 0) return onClose();
      update.mutate({ id: criterion.id, etag: etagOf(criterion), changes }, { onSuccess: done });
    } else {
      create.mutate({ programme_id: programmeId, ...body }, { onSuccess: done });
    }
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {criterion ? t("criteria.editTitle") : t("criteria.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {conflict && (
            <Alert data-color="warning">
              <Paragraph>{t("criteria.conflict")}</Paragraph>
            </Alert>
          )}
          {mutation.error && !conflict && !placed && <ProblemAlert error={mutation.error} />}
          <SelectField
            label={t("criteria.field.groupKind")}
            value={values.group_kind}
            onChange={set("group_kind")}
            error={errorOf("group_kind")}
          >
            {GROUP_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`groups.kind.${k}`)}
              </option>
            ))}
          </SelectField>
          <Fieldset>
            <Fieldset.Legend>{t("criteria.field.purpose")}</Fieldset.Legend>
            {CRITERION_PURPOSES.map((p) => (
              <Radio
                key={p}
                name="criterion-purpose"
                value={p}
                label={t(`criteria.purpose.${p}`)}
                checked={values.purpose === p}
                onChange={() => setValues((v) => ({ ...v, purpose: p }))}
              />
            ))}
          </Fieldset>
          <Textfield
            label={t("criteria.field.title")}
            value={values.title}
            onChange={set("title")}
            error={errorOf("title")}
            required
          />
          <Textfield
            label={t("criteria.field.description")}
            multiline
            rows={3}
            value={values.description}
            onChange={set("description")}
            error={errorOf("description")}
          />
          <Textfield
            label={t("criteria.field.sortOrder")}
            inputMode="numeric"
            value={values.sort_order}
            onChange={set("sort_order")}
            error={errorOf("sort_order")}
          />
          <div className={styles.actions}>
            <Button type="submit" aria-busy={mutation.isPending}>
              {criterion ? t("criteria.save") : t("criteria.create")}
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

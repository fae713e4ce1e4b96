import { Button, Checkbox, Dialog, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { useCreateIdea } from "../../api/queries/ideas";
import type { Named } from "../../api/queries/lookups";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import own from "./ideas.module.css";
import { useFocusOnOpen } from "../../lib/focus";

type Field = "title" | "description" | "project_id";

/** Submit an idea as the signed-in person, named or anonymously. */
export function IdeaDialog({
  programmeId,
  projects,
  onClose,
}: {
  programmeId: string;
  projects: Named[];
  onClose: (message?: string) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const create = useCreateIdea();
  const [values, setValues] = useState({ title: "", description: "", project_id: "", anonymous: false });
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const word = useProblemWording();
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: Field) => local[field] ?? server[field];
  const placed = (["title", "description", "project_id"] as Field[]).some((f) => server[f]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!values.title.trim()) errors.title = t("ideas.error.titleRequired");
    if (!values.description.trim()) errors.description = t("ideas.error.descriptionRequired");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const title = values.title.trim();
    create.mutate(
      {
        programme_id: programmeId,
        title,
        description: values.description.trim(),
        project_id: values.project_id || null,
        anonymous: values.anonymous,
      },
      { onSuccess: () => onClose(t("ideas.created", { title })) },
    );
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("ideas.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {create.error && !placed && <ProblemAlert error={create.error} />}
          <Textfield
            label={t("ideas.field.title")}
            value={values.title}
            onChange={(e) => setValues((v) => ({ ...v, title: e.target.value }))}
            error={errorOf("title")}
            maxLength={300}
            required
          />
          <Textfield
            label={t("ideas.field.description")}
            multiline
            rows={5}
            value={values.description}
            onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
            error={errorOf("description")}
            required
          />
          <SelectField
            label={t("ideas.field.project")}
            value={values.project_id}
            onChange={(e) => setValues((v) => ({ ...v, project_id: e.target.value }))}
            error={errorOf("project_id")}
          >
            <option value="">{t("ideas.noProject")}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <Checkbox
            label={t("ideas.field.anonymous")}
            checked={values.anonymous}
            onChange={(e) => setValues((v) => ({ ...v, anonymous: e.target.checked }))}
          />
          <Paragraph data-size="sm">{t(values.anonymous ? "ideas.kept.anonymous" : "ideas.kept.account")}</Paragraph>
          <div className={styles.actions}>
            <Button type="submit" aria-busy={create.isPending}>
              {t("ideas.submit")}
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

import { Button, Fieldset, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import {
  templatesQuery,
  useCreateTemplate,
  useUpdateTemplate,
  type Template,
} from "../../api/queries/workbooks";
import { FormActions } from "../../components/FormActions";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { errorsByPointer, moved } from "./editing";
import own from "./workbooks.module.css";
import { focusWhenPresent } from "../../lib/focus";

interface SectionValues {
  key: string;
  title: string;
  guidance: string;
  max_length: string;
}
interface AttachmentValues {
  key: string;
  title: string;
  description: string;
}
interface Values {
  title: string;
  guidance: string;
  sections: SectionValues[];
  required_attachments: AttachmentValues[];
}

const emptySection = (): SectionValues => ({ key: "", title: "", guidance: "", max_length: "" });
const emptyAttachment = (): AttachmentValues => ({ key: "", title: "", description: "" });

function valuesOf(template: Template | null): Values {
  if (!template) return { title: "", guidance: "", sections: [emptySection()], required_attachments: [] };
  return {
    title: template.title,
    guidance: template.guidance ?? "",
    sections: template.sections.map((s) => ({
      key: s.key,
      title: s.title,
      guidance: s.guidance ?? "",
      max_length: s.max_length === null || s.max_length === undefined ? "" : String(s.max_length),
    })),
    required_attachments: template.required_attachments.map((a) => ({
      key: a.key,
      title: a.title,
      description: a.description ?? "",
    })),
  };
}

function bodyOf(values: Values) {
  return {
    title: values.title,
    guidance: values.guidance || null,
    sections: values.sections.map((s) => ({
      key: s.key,
      title: s.title,
      guidance: s.guidance || null,
      // A number the browser cannot read goes as written, so that the API names the field.
      max_length: s.max_length === "" ? null : Number.isNaN(Number(s.max_length)) ? s.max_length : Number(s.max_length),
    })),
    required_attachments: values.required_attachments.map((a) => ({
      key: a.key,
      title: a.title,
      description: a.description || null,
    })),
  };
}

/** The programme's templates: what each submission's sections and attachments must be. */
export default function TemplatesPage() {
  const { t } = useI18n();
  const { programmeId = "" } = useParams();
  const templates = useQuery(templatesQuery(programmeId));
  const [editing, setEditing] = useState<{ template: Template | null } | null>(null);
  const [notice, setNotice] = useState("");
  const newButton = useRef<HTMLButtonElement>(null);
  return (
    <Page
      title={t("workbooks.templates.title")}
      actions={
        !editing && (
          <Button
            ref={newButton}
            onClick={() => {
              setNotice("");
              setEditing({ template: null });
            }}
          >
            {t("workbooks.templates.new")}
          </Button>
        )
      }
    >
      <Paragraph>{t("workbooks.templates.intro")}</Paragraph>
      <div role="status">{notice && <Paragraph>{notice}</Paragraph>}</div>
      {editing ? (
        <TemplateForm
          key={editing.template?.id ?? "new"}
          programmeId={programmeId}
          template={editing.template}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setNotice(t("workbooks.template.saved"));
            focusWhenPresent(() => newButton.current);
          }}
        />
      ) : (
        <QueryState query={templates}>
          {(items) =>
            items.length === 0 ? (
              <Paragraph>{t("workbooks.templates.none")}</Paragraph>
            ) : (
              <ul className={own.list}>
                {items.map((template) => (
                  <li key={template.id} className={own.card}>
                    <Heading level={2} data-size="sm">
                      {template.title}
                    </Heading>
                    {template.guidance && <Paragraph className={own.text}>{template.guidance}</Paragraph>}
                    <Paragraph data-size="sm">
                      {t("workbooks.templates.sectionCount", { count: template.sections.length })}
                      {template.sections.length > 0 && `: ${template.sections.map((s) => s.title).join(", ")}`}
                    </Paragraph>
                    <div>
                      <Button
                        variant="secondary"
                        data-size="sm"
                        aria-label={`${t("workbooks.templates.edit")}: ${template.title}`}
                        onClick={() => {
                          setNotice("");
                          setEditing({ template });
                        }}
                      >
                        {t("workbooks.templates.edit")}
                      </Button>
                    </div>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      )}
    </Page>
  );
}

function TemplateForm({
  programmeId,
  template,
  onDone,
}: {
  programmeId: string;
  template: Template | null;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording();
  const [values, setValues] = useState<Values>(() => valuesOf(template));
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const error = create.error ?? update.error;
  const problem = error instanceof ApiProblem ? error : null;
  const errors = problem ? errorsByPointer(problem, word) : {};
  const placed = problem ? problem.errors.every((e) => e.pointer && errors[e.pointer] !== undefined && isShown(e.pointer, values)) : false;

  const setSection = (index: number, field: keyof SectionValues, value: string) =>
    setValues((v) => ({ ...v, sections: v.sections.map((s, i) => (i === index ? { ...s, [field]: value } : s)) }));
  const setAttachment = (index: number, field: keyof AttachmentValues, value: string) =>
    setValues((v) => ({
      ...v,
      required_attachments: v.required_attachments.map((a, i) => (i === index ? { ...a, [field]: value } : a)),
    }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf(values);
    try {
      if (template) await update.mutateAsync({ template, changes: body });
      else await create.mutateAsync({ programme_id: programmeId, ...body } as never);
      onDone(true);
    } catch {
      // Shown at the fields, or above the form.
    }
  };

  return (
    <form className={own.form} onSubmit={onSubmit} noValidate>
      {error && !placed && <ProblemAlert error={error} />}
      <Textfield
        label={t("workbooks.template.title")}
        value={values.title}
        onChange={(e) => setValues({ ...values, title: e.target.value })}
        error={errors["/title"]}
        required
      />
      <Textfield
        label={t("workbooks.template.guidance")}
        multiline
        rows={3}
        value={values.guidance}
        onChange={(e) => setValues({ ...values, guidance: e.target.value })}
        error={errors["/guidance"]}
      />
      <Heading level={2} data-size="sm">
        {t("workbooks.template.sections")}
      </Heading>
      {values.sections.map((section, index) => {
        const name = section.title || t("workbooks.template.section", { number: index + 1 });
        return (
          <Fieldset key={index} className={own.card}>
            <Fieldset.Legend>{t("workbooks.template.section", { number: index + 1 })}</Fieldset.Legend>
            <Textfield
              label={t("workbooks.template.section.title")}
              value={section.title}
              onChange={(e) => setSection(index, "title", e.target.value)}
              error={errors[`/sections/${index}/title`]}
            />
            <Textfield
              label={t("workbooks.template.section.key")}
              value={section.key}
              onChange={(e) => setSection(index, "key", e.target.value)}
              error={errors[`/sections/${index}/key`]}
            />
            <Textfield
              label={t("workbooks.template.section.maxLength")}
              inputMode="numeric"
              value={section.max_length}
              onChange={(e) => setSection(index, "max_length", e.target.value)}
              error={errors[`/sections/${index}/max_length`]}
            />
            <Textfield
              label={t("workbooks.template.section.guidance")}
              multiline
              rows={2}
              value={section.guidance}
              onChange={(e) => setSection(index, "guidance", e.target.value)}
              error={errors[`/sections/${index}/guidance`]}
            />
            <div className={own.row}>
              <Button
                type="button"
                variant="tertiary"
                data-size="sm"
                disabled={index === 0}
                onClick={() => setValues((v) => ({ ...v, sections: moved(v.sections, index, -1) }))}
              >
                {t("workbooks.template.section.up", { title: name })}
              </Button>
              <Button
                type="button"
                variant="tertiary"
                data-size="sm"
                disabled={index === values.sections.length - 1}
                onClick={() => setValues((v) => ({ ...v, sections: moved(v.sections, index, 1) }))}
              >
                {t("workbooks.template.section.down", { title: name })}
              </Button>
              <Button
                type="button"
                variant="tertiary"
                data-size="sm"
                data-color="danger"
                onClick={() => setValues((v) => ({ ...v, sections: v.sections.filter((_, i) => i !== index) }))}
              >
                {t("workbooks.template.section.remove", { title: name })}
              </Button>
            </div>
          </Fieldset>
        );
      })}
      <div>
        <Button
          type="button"
          variant="secondary"
          onClick={() => setValues((v) => ({ ...v, sections: [...v.sections, emptySection()] }))}
        >
          {t("workbooks.template.section.add")}
        </Button>
      </div>
      <Heading level={2} data-size="sm">
        {t("workbooks.template.attachments")}
      </Heading>
      {values.required_attachments.map((attachment, index) => (
        <Fieldset key={index} className={own.card}>
          <Fieldset.Legend>{t("workbooks.template.attachment", { number: index + 1 })}</Fieldset.Legend>
          <Textfield
            label={t("workbooks.template.attachment.title")}
            value={attachment.title}
            onChange={(e) => setAttachment(index, "title", e.target.value)}
            error={errors[`/required_attachments/${index}/title`]}
          />
          <Textfield
            label={t("workbooks.template.attachment.key")}
            value={attachment.key}
            onChange={(e) => setAttachment(index, "key", e.target.value)}
            error={errors[`/required_attachments/${index}/key`]}
          />
          <Textfield
            label={t("workbooks.template.attachment.description")}
            value={attachment.description}
            onChange={(e) => setAttachment(index, "description", e.target.value)}
            error={errors[`/required_attachments/${index}/description`]}
          />
          <div>
            <Button
              type="button"
              variant="tertiary"
              data-size="sm"
              data-color="danger"
              onClick={() =>
                setValues((v) => ({
                  ...v,
                  required_attachments: v.required_attachments.filter((_, i) => i !== index),
                }))
              }
            >
              {t("workbooks.template.attachment.remove", {
                title: attachment.title || t("workbooks.template.untitled"),
              })}
            </Button>
          </div>
        </Fieldset>
      ))}
      <div>
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            setValues((v) => ({ ...v, required_attachments: [...v.required_attachments, emptyAttachment()] }))
          }
        >
          {t("workbooks.template.attachment.add")}
        </Button>
      </div>
      <FormActions
        submit={t("workbooks.template.save")}
        pending={create.isPending || update.isPending}
        onCancel={() => onDone(false)}
      />
    </form>
  );
}

/** Whether the form has a field for this pointer (an item's field, or a top-level one). */
function isShown(pointer: string, values: Values): boolean {
  const [, list, index, field] = pointer.split("/");
  if (list === "title" || list === "guidance") return true;
  if (list === "sections") return Number(index) < values.sections.length && Boolean(field);
  if (list === "required_attachments") return Number(index) < values.required_attachments.length && Boolean(field);
  return false;
}

import { Button, Dialog, Fieldset, Heading, Label, Radio, Textfield, Field, Paragraph } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { etagOf } from "../../api/client";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import {
  DOCUMENT_KINDS,
  uploadFile,
  useCreateDocument,
  useUpdateDocument,
  type DocumentKind,
  type DocumentRecord,
  type PublicAccess,
} from "../../api/queries/documents";
import type { Named } from "../../api/queries/lookups";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useT } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import own from "./documents.module.css";
import { useFocusOnOpen } from "../../lib/focus";

interface Values {
  title: string;
  kind: DocumentKind;
  document_date: string;
  author: string;
  version_label: string;
  description: string;
  url: string;
  public_access: PublicAccess;
  exemption_basis: string;
  project_id: string;
}

type Field = keyof Values | "file_id" | "file";

// The form's own sentences for what the API can refuse in it; other problems get the shared wording.
export const WORDING: Overrides = {
  title: { string_too_short: "documents.error.titleRequired" },
  file_id: { file_or_url_required: "documents.error.fileOrUrl" },
  url: { url_parsing: "documents.error.url", url_scheme: "documents.error.url" },
  exemption_basis: { exemption_basis_required: "documents.error.basisRequired" },
  file: {
    file_too_large: "documents.error.fileTooLarge",
    unsupported_type: "documents.error.unsupportedType",
    type_mismatch: "documents.error.typeMismatch",
  },
};

function initial(document?: DocumentRecord): Values {
  return {
    title: document?.title ?? "",
    kind: document?.kind ?? "note",
    document_date: document?.document_date ?? "",
    author: document?.author ?? "",
    version_label: document?.version_label ?? "",
    description: document?.description ?? "",
    url: document?.url ?? "",
    public_access: document?.public_access ?? "public",
    exemption_basis: document?.exemption_basis ?? "",
    project_id: document?.project_id ?? "",
  };
}

/** Register a document, or change one: its particulars, a file (uploaded with progress) or a link, and public access. */
export function DocumentDialog({
  programmeId,
  document,
  projects,
  onClose,
}: {
  programmeId: string;
  document?: DocumentRecord;
  projects: Named[];
  onClose: (message?: string) => void;
}) {
  const t = useT();
  const headingId = useId();
  const fileInputId = useId();
  const create = useCreateDocument();
  const update = useUpdateDocument();
  const [values, setValues] = useState<Values>(() => initial(document));
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();

  const word = useProblemWording(WORDING);
  const error = uploadError ?? create.error ?? update.error;
  const problem = error instanceof ApiProblem ? error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: Field) => local[field] ?? server[field];
  const placed = Object.keys(server).some((f) => f in values || f === "file" || f === "file_id");
  const set = (field: keyof Values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));
  const busy = create.isPending || update.isPending || (progress !== null && progress < 1);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!values.title.trim()) errors.title = t("documents.error.titleRequired");
    if (!file && !document?.file_id && !values.url.trim()) errors.file_id = t("documents.error.fileOrUrl");
    if (values.public_access === "exempt" && !values.exemption_basis.trim())
      errors.exemption_basis = t("documents.error.basisRequired");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    setUploadError(null);
    let fileId = document?.file_id ?? null;
    if (file) {
      setProgress(0);
      try {
        fileId = (await uploadFile(programmeId, file, setProgress)).id;
      } catch (problem) {
        setProgress(null);
        setUploadError(problem);
        return;
      }
    }
    const title = values.title.trim();
    const body = {
      title,
      kind: values.kind,
      document_date: values.document_date || null,
      author: values.author.trim() || null,
      version_label: values.version_label.trim() || null,
      description: values.description.trim() || null,
      file_id: fileId,
      url: values.url.trim() || null,
      public_access: values.public_access,
      exemption_basis: values.public_access === "exempt" ? values.exemption_basis.trim() : null,
      project_id: values.project_id || null,
    };
    if (document) {
      update.mutate(
        { id: document.id, etag: etagOf(document), changes: body },
        {
          onSuccess: () => onClose(t("documents.saved", { title })),
          onError: (e) => {
            if (e instanceof EditConflict) onClose(t("documents.conflict", { title }));
          },
        },
      );
    } else {
      create.mutate({ programme_id: programmeId, ...body }, { onSuccess: () => onClose(t("documents.created", { title })) });
    }
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {document ? t("documents.editTitle") : t("documents.createTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {error && !placed && !(error instanceof EditConflict) && <ProblemAlert error={error} />}
          <Textfield label={t("documents.field.title")} value={values.title} onChange={set("title")} error={errorOf("title")} required />
          <div className={own.twoColumns}>
            <SelectField label={t("documents.field.kind")} value={values.kind} onChange={set("kind")} error={errorOf("kind")}>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`documents.kind.${k}`)}
                </option>
              ))}
            </SelectField>
            <Textfield
              label={t("documents.field.date")}
              type="date"
              value={values.document_date}
              onChange={set("document_date")}
              error={errorOf("document_date")}
            />
          </div>
          <div className={own.twoColumns}>
            <Textfield label={t("documents.field.author")} value={values.author} onChange={set("author")} error={errorOf("author")} />
            <Textfield
              label={t("documents.field.version")}
              value={values.version_label}
              onChange={set("version_label")}
              error={errorOf("version_label")}
            />
          </div>
          <Field>
            <Label htmlFor={fileInputId}>{document?.file_id ? t("documents.field.replaceFile") : t("documents.field.file")}</Label>
            <Paragraph data-size="sm">{t("documents.fileHint")}</Paragraph>
            <input
              id={fileInputId}
              type="file"
              className={own.file}
              accept=".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.txt,.csv,.md"
              aria-invalid={errorOf("file") || errorOf("file_id") ? true : undefined}
              aria-describedby={errorOf("file") || errorOf("file_id") ? `${fileInputId}-error` : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setProgress(null);
                setUploadError(null);
              }}
            />
            {(errorOf("file") || errorOf("file_id")) && (
              <p id={`${fileInputId}-error`} className={own.error}>
                {errorOf("file") ?? errorOf("file_id")}
              </p>
            )}
            {progress !== null && (
              <progress className={own.progress} max={1} value={progress} aria-label={t("documents.uploadProgress", { name: file?.name ?? "" })}>
                {Math.round(progress * 100)} %
              </progress>
            )}
          </Field>
          <Textfield label={t("documents.field.url")} type="url" value={values.url} onChange={set("url")} error={errorOf("url")} />
          <Fieldset>
            <Fieldset.Legend>{t("documents.field.publicAccess")}</Fieldset.Legend>
            <Radio
              name="public-access"
              value="public"
              label={t("documents.access.public")}
              checked={values.public_access === "public"}
              onChange={() => setValues((v) => ({ ...v, public_access: "public" }))}
            />
            <Radio
              name="public-access"
              value="exempt"
              label={t("documents.access.exempt")}
              checked={values.public_access === "exempt"}
              onChange={() => setValues((v) => ({ ...v, public_access: "exempt" }))}
            />
          </Fieldset>
          {values.public_access === "exempt" && (
            <Textfield
              label={t("documents.field.basis")}
              description={t("documents.basisHint")}
              value={values.exemption_basis}
              onChange={set("exemption_basis")}
              error={errorOf("exemption_basis")}
              required
            />
          )}
          <SelectField label={t("documents.field.project")} value={values.project_id} onChange={set("project_id")} error={errorOf("project_id")}>
            <option value="">{t("documents.noProject")}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <Textfield
            label={t("documents.field.description")}
            multiline
            rows={3}
            value={values.description}
            onChange={set("description")}
            error={errorOf("description")}
          />
          <div className={styles.actions}>
            <Button type="submit" aria-busy={busy}>
              {document ? t("documents.save") : t("documents.create")}
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

import {
  Alert,
  Button,
  Checkbox,
  Field,
  Fieldset,
  Heading,
  Label,
  Link,
  Paragraph,
  Table,
  Tag,
  Textfield,
} from "@digdir/designsystemet-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { ApiProblem, type ProblemItem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { downloadFile, uploadFile } from "../../api/queries/documents";
import {
  compareQuery,
  filesQuery,
  submissionDeadlinesQuery,
  submissionQuery,
  templatesQuery,
  useCreateVersion,
  useSubmitVersion,
  useUpdateVersion,
  versionsQuery,
  workbookKeys,
  type Submission,
  type Template,
  type Version,
} from "../../api/queries/workbooks";
import { FormActions } from "../../components/FormActions";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { DeliveryTag } from "./delivery";
import { errorsByPointer, pointerToken } from "./editing";
import own from "./workbooks.module.css";

/** A submission's workbook: its versions and how each met its deadline, editing, submitting, comparing. */
export default function WorkbookPage() {
  const { t } = useI18n();
  const { programmeId = "", submissionId = "" } = useParams();
  const submission = useQuery(submissionQuery(submissionId));
  const templates = useQuery(templatesQuery(programmeId));
  return (
    <Page title={submission.data?.title ?? t("workbooks.page.title")}>
      {submission.data?.project_id && (
        <Paragraph>
          <Link asChild>
            <RouterLink to={`/p/${programmeId}/projects/${submission.data.project_id}`}>
              {t("workbooks.page.back")}
            </RouterLink>
          </Link>
        </Paragraph>
      )}
      <QueryState query={submission}>
        {(record) => (
          <QueryState query={templates}>
            {(items) => (
              <Workbook
                key={record.id}
                submission={record}
                template={items.find((tpl) => tpl.id === record.template_id) ?? null}
              />
            )}
          </QueryState>
        )}
      </QueryState>
    </Page>
  );
}

function Workbook({ submission, template }: { submission: Submission; template: Template | null }) {
  const { t, formatDateTime } = useI18n();
  const versions = useQuery(versionsQuery(submission.id));
  const [open, setOpen] = useState<string | "new" | null>(null);
  const [notice, setNotice] = useState("");
  const headingId = useId();
  const editorRef = useRef<HTMLDivElement>(null);
  const show = (id: string | "new") => {
    setNotice("");
    setOpen(id);
    requestAnimationFrame(() => editorRef.current?.querySelector<HTMLElement>("h2")?.focus());
  };
  return (
    <>
      {template?.guidance && <Paragraph className={own.text}>{template.guidance}</Paragraph>}
      <div role="status">
        {notice && (
          <Alert data-color="success">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        )}
      </div>
      <section className={own.section} aria-labelledby={headingId}>
        <Heading level={2} data-size="md" id={headingId}>
          {t("workbooks.versions.title")}
        </Heading>
        <QueryState query={versions}>
          {(items) => (
            <>
              {items.length === 0 ? (
                <Paragraph>{t("workbooks.versions.none")}</Paragraph>
              ) : (
                <div className={layout.tableWrap}>
                  <Table data-size="sm" aria-labelledby={headingId} zebra>
                    <Table.Head>
                      <Table.Row>
                        <Table.HeaderCell>{t("workbooks.versions.label")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("workbooks.versions.status")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("workbooks.versions.due")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("workbooks.versions.delivery")}</Table.HeaderCell>
                        <Table.HeaderCell>{t("workbooks.versions.submittedAt")}</Table.HeaderCell>
                      </Table.Row>
                    </Table.Head>
                    <Table.Body>
                      {items.map((version) => (
                        <Table.Row key={version.id}>
                          <Table.Cell>
                            <Button
                              variant="tertiary"
                              data-size="sm"
                              aria-label={t("workbooks.versions.open", { label: version.label })}
                              onClick={() => show(version.id)}
                            >
                              {version.label}
                            </Button>
                          </Table.Cell>
                          <Table.Cell>
                            <Tag data-color={version.status === "submitted" ? "success" : "neutral"}>
                              {t(`workbooks.status.${version.status}`)}
                            </Tag>
                          </Table.Cell>
                          <Table.Cell>{version.due_at ? formatDateTime(version.due_at) : "—"}</Table.Cell>
                          <Table.Cell>
                            <DeliveryTag delivery={version.delivery} lateBySeconds={version.late_by_seconds} />
                          </Table.Cell>
                          <Table.Cell>{version.submitted_at ? formatDateTime(version.submitted_at) : "—"}</Table.Cell>
                        </Table.Row>
                      ))}
                    </Table.Body>
                  </Table>
                </div>
              )}
              {open !== "new" && (
                <div>
                  <Button onClick={() => show("new")}>{t("workbooks.version.new")}</Button>
                </div>
              )}
              <div ref={editorRef}>
                {open && (
                  <VersionEditor
                    key={open}
                    submission={submission}
                    template={template}
                    version={open === "new" ? null : (items.find((v) => v.id === open) ?? null)}
                    nextPosition={Math.max(0, ...items.map((v) => v.position)) + 1}
                    onSaved={(saved, message) => {
                      setOpen(saved.id);
                      setNotice(message);
                    }}
                    onCancel={() => setOpen(null)}
                  />
                )}
              </div>
              {items.length >= 2 ? (
                <Compare versions={items} />
              ) : (
                <Paragraph data-size="sm">{t("workbooks.compare.needTwo")}</Paragraph>
              )}
            </>
          )}
        </QueryState>
      </section>
    </>
  );
}

/** A version's attachment: the link downloads it with the session's token, which a plain link
 * to the API would not send. */
function AttachmentLink({ fileId, filename }: { fileId: string; filename: string }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Link
        href={`/api/v1/files/${fileId}/content`}
        onClick={(event) => {
          event.preventDefault();
          setError(null);
          downloadFile(fileId, filename).catch(setError);
        }}
      >
        {filename}
      </Link>
      {error != null && <ProblemAlert error={error} />}
    </>
  );
}

interface Attached {
  file_id: string;
  attachment_key: string | null;
}

function VersionEditor({
  submission,
  template,
  version,
  nextPosition,
  onSaved,
  onCancel,
}: {
  submission: Submission;
  template: Template | null;
  version: Version | null;
  nextPosition: number;
  onSaved: (version: Version, message: string) => void;
  onCancel: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const word = useProblemWording();
  const sections = template?.sections ?? [];
  const [label, setLabel] = useState(version?.label ?? String(nextPosition));
  const [deadlineId, setDeadlineId] = useState(version?.deadline_id ?? "");
  const [texts, setTexts] = useState<Record<string, string>>(() => ({ ...(version?.sections ?? {}) }));
  const [attached, setAttached] = useState<Attached[]>(
    () => version?.files.map((f) => ({ file_id: f.file_id, attachment_key: f.attachment_key })) ?? [],
  );
  const [confirming, setConfirming] = useState(false);
  const deadlines = useQuery(submissionDeadlinesQuery(submission));
  const files = useQuery(filesQuery(submission.programme_id));
  const create = useCreateVersion();
  const update = useUpdateVersion();
  const submit = useSubmitVersion();
  const error = create.error ?? update.error ?? submit.error;
  const problem = error instanceof ApiProblem ? error : null;
  // A section's message names the section, so that it reads right also when heard on its own.
  const wordAt = (item: ProblemItem) => {
    const section = sections.find((s) => item.pointer === `/sections/${pointerToken(s.key)}`);
    return section ? t("workbooks.version.sectionProblem", { section: section.title, problem: word(item) }) : word(item);
  };
  // A field's refusal holds until that field is changed: then it says nothing stale.
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const change = (pointer: string) => setChanged((before) => new Set(before).add(pointer));
  const errors = Object.fromEntries(
    Object.entries(problem ? errorsByPointer(problem, wordAt) : {}).filter(([pointer]) => !changed.has(pointer)),
  );
  const frozen = version?.status === "submitted";
  const headingId = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      label,
      deadline_id: deadlineId || null,
      // Only the sections written in, so that an empty one is not stored as empty text.
      sections: Object.fromEntries(Object.entries(texts).filter(([, text]) => text !== "")),
      files: attached,
    };
    submit.reset();
    setChanged(new Set());
    try {
      const saved = version
        ? (await update.mutateAsync({ version, changes: body })).record
        : await create.mutateAsync({ submission_id: submission.id, ...body });
      onSaved(saved, t("workbooks.version.saved"));
    } catch {
      // Shown at the fields, or above the form.
    }
  };

  const onConfirm = async () => {
    if (!version) return;
    setConfirming(false);
    try {
      const { record } = await submit.mutateAsync(version);
      onSaved(record, t("workbooks.version.submitted", { label: record.label }));
    } catch {
      // Shown above the form.
    }
  };

  const fieldPointers = new Set([
    "/label",
    "/deadline_id",
    ...sections.map((s) => `/sections/${pointerToken(s.key)}`),
  ]);
  const placed = problem ? problem.errors.every((e) => e.pointer && fieldPointers.has(e.pointer)) : false;

  return (
    <section className={own.card} aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId} tabIndex={-1}>
        {version ? t("workbooks.version.heading", { label: version.label }) : t("workbooks.version.new")}
      </Heading>
      {error && !placed && <ProblemAlert error={error} />}
      {problem && !placed && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((item, i) => (
            <li key={i}>{word(item)}</li>
          ))}
        </ul>
      )}
      {frozen ? (
        <>
          <Paragraph>{t("workbooks.version.frozen")}</Paragraph>
          {sections.map((s) => (
            <div key={s.key}>
              <Heading level={3} data-size="xs">
                {s.title}
              </Heading>
              <Paragraph className={own.text}>{version.sections[s.key] || t("workbooks.version.empty")}</Paragraph>
            </div>
          ))}
          {version.files.length > 0 && (
            <>
              <Heading level={3} data-size="xs">
                {t("workbooks.version.files")}
              </Heading>
              <ul>
                {version.files.map((f) => (
                  <li key={f.file_id}>
                    <AttachmentLink fileId={f.file_id} filename={f.filename} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className={own.row}>
            <Link asChild>
              <RouterLink to={`/p/${submission.programme_id}/hearings?submission_version=${version.id}`}>
                {t("workbooks.version.toHearing", { label: version.label })}
              </RouterLink>
            </Link>
            <Button variant="secondary" onClick={onCancel}>
              {t("common.close")}
            </Button>
          </div>
        </>
      ) : (
        <form className={own.form} onSubmit={onSubmit} noValidate>
          <Textfield
            label={t("workbooks.version.label")}
            value={label}
            onChange={(e) => {
              setLabel(e.target.value);
              change("/label");
            }}
            error={errors["/label"]}
          />
          <SelectField
            label={t("workbooks.version.deadline")}
            value={deadlineId}
            onChange={(e) => {
              setDeadlineId(e.target.value);
              change("/deadline_id");
            }}
            error={errors["/deadline_id"]}
          >
            <option value="">{t("workbooks.version.noDeadline")}</option>
            {(deadlines.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </SelectField>
          {sections.map((s) => {
            const text = texts[s.key] ?? "";
            const count =
              s.max_length !== null && s.max_length !== undefined
                ? t("workbooks.version.count", {
                    length: formatNumber(text.length),
                    max: formatNumber(s.max_length),
                  })
                : t("workbooks.version.countFree", { length: formatNumber(text.length) });
            return (
              <Textfield
                key={s.key}
                label={s.title}
                description={[s.guidance, count].filter(Boolean).join(" · ")}
                multiline
                rows={5}
                value={text}
                onChange={(e) => {
                  setTexts({ ...texts, [s.key]: e.target.value });
                  change(`/sections/${pointerToken(s.key)}`);
                }}
                error={errors[`/sections/${pointerToken(s.key)}`]}
              />
            );
          })}
          <AttachmentPicker
            programmeId={submission.programme_id}
            template={template}
            files={files}
            attached={attached}
            onChange={setAttached}
          />
          <FormActions
            submit={version ? t("workbooks.version.save") : t("workbooks.version.create")}
            pending={create.isPending || update.isPending}
            onCancel={onCancel}
          />
          {version && (
            <div className={own.row}>
              {confirming ? (
                <Alert data-color="warning">
                  <Paragraph>{t("workbooks.version.confirm", { label: version.label })}</Paragraph>
                  <div className={own.row}>
                    <Button type="button" onClick={onConfirm} loading={submit.isPending}>
                      {t("workbooks.version.confirmYes")}
                    </Button>
                    <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                      {t("common.cancel")}
                    </Button>
                  </div>
                </Alert>
              ) : (
                <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
                  {t("workbooks.version.submit")}
                </Button>
              )}
            </div>
          )}
        </form>
      )}
    </section>
  );
}

function AttachmentPicker({
  programmeId,
  template,
  files,
  attached,
  onChange,
}: {
  programmeId: string;
  template: Template | null;
  files: { data?: { id: string; filename: string }[]; isError: boolean; isPending: boolean };
  attached: Attached[];
  onChange: (next: Attached[]) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const inputId = useId();
  const [upload, setUpload] = useState<{ name: string; share: number; notice: string; error: unknown } | null>(null);
  const keys = template?.required_attachments ?? [];
  const byId = new Map(attached.map((a) => [a.file_id, a]));

  // A file chosen here is uploaded at once, with its progress shown, and attached: as the first
  // required attachment not yet attached, if any.
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setUpload({ name: file.name, share: 0, notice: "", error: null });
    try {
      const stored = await uploadFile(programmeId, file, (share) =>
        setUpload((u) => (u ? { ...u, share } : u)),
      );
      const taken = new Set(attached.map((a) => a.attachment_key));
      const key = keys.find((k) => !taken.has(k.key)) ?? null;
      onChange([...attached.filter((a) => a.file_id !== stored.id), { file_id: stored.id, attachment_key: key?.key ?? null }]);
      await client.invalidateQueries({ queryKey: workbookKeys.files(programmeId) });
      setUpload({
        name: file.name,
        share: 1,
        error: null,
        notice: key
          ? t("workbooks.version.uploadedAs", { name: stored.filename, title: key.title })
          : t("workbooks.version.uploaded", { name: stored.filename }),
      });
    } catch (error) {
      setUpload({ name: file.name, share: 0, notice: "", error });
    }
  };

  return (
    <Fieldset>
      <Fieldset.Legend>{t("workbooks.version.files")}</Fieldset.Legend>
      {keys.length > 0 && (
        <Fieldset.Description>{keys.map((k) => k.title).join(", ")}</Fieldset.Description>
      )}
      <Field>
        <Label htmlFor={inputId}>{t("workbooks.version.upload")}</Label>
        <input
          id={inputId}
          type="file"
          accept=".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.txt"
          onChange={(e) => {
            void onFile(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
        {upload && !upload.error && (
          <progress
            className={own.progress}
            max={1}
            value={upload.share}
            aria-label={t("workbooks.version.uploadProgress", { name: upload.name })}
          >
            {Math.round(upload.share * 100)} %
          </progress>
        )}
        <div aria-live="polite">{upload?.notice && <Paragraph data-size="sm">{upload.notice}</Paragraph>}</div>
        {upload?.error ? <ProblemAlert error={upload.error} /> : null}
      </Field>
      {files.isError ? (
        <Paragraph data-size="sm">{t("workbooks.version.filesUnavailable")}</Paragraph>
      ) : files.data && files.data.length === 0 ? (
        <Paragraph data-size="sm">{t("workbooks.version.noFiles")}</Paragraph>
      ) : (
        (files.data ?? []).map((file) => {
          const chosen = byId.get(file.id);
          return (
            <div key={file.id} className={own.row}>
              <Checkbox
                label={file.filename}
                checked={Boolean(chosen)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...attached, { file_id: file.id, attachment_key: null }]
                      : attached.filter((a) => a.file_id !== file.id),
                  )
                }
              />
              {chosen && keys.length > 0 && (
                <SelectField
                  label={`${t("workbooks.version.attachmentKey")}: ${file.filename}`}
                  value={chosen.attachment_key ?? ""}
                  onChange={(e) =>
                    onChange(
                      attached.map((a) =>
                        a.file_id === file.id ? { ...a, attachment_key: e.target.value || null } : a,
                      ),
                    )
                  }
                >
                  <option value="">{t("workbooks.version.attachmentNone")}</option>
                  {keys.map((k) => (
                    <option key={k.key} value={k.key}>
                      {k.title}
                    </option>
                  ))}
                </SelectField>
              )}
            </div>
          );
        })
      )}
    </Fieldset>
  );
}

function Compare({ versions }: { versions: Version[] }) {
  const { t } = useI18n();
  const headingId = useId();
  const [from, setFrom] = useState(versions[versions.length - 2].id);
  const [to, setTo] = useState(versions[versions.length - 1].id);
  const comparison = useQuery({ ...compareQuery(from, to), enabled: Boolean(from && to) });
  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("workbooks.compare.title")}
      </Heading>
      <div className={own.row}>
        <SelectField label={t("workbooks.compare.from")} value={from} onChange={(e) => setFrom(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("workbooks.compare.to")} value={to} onChange={(e) => setTo(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </SelectField>
      </div>
      <QueryState query={comparison}>
        {(found) => (
          <ul className={own.list}>
            {found.sections.map((s) => (
              <li key={s.key} className={own.card}>
                <div className={own.row}>
                  <Heading level={3} data-size="xs">
                    {s.title ?? s.key}
                  </Heading>
                  <Tag data-color={s.change === "unchanged" ? "neutral" : "info"}>{t(`workbooks.change.${s.change}`)}</Tag>
                </div>
                {s.diff.length > 0 ? (
                  <pre className={own.diff} aria-label={t("workbooks.compare.diff")}>
                    {s.diff.join("\n")}
                  </pre>
                ) : (
                  <Paragraph className={own.text}>{s.to_text || t("workbooks.version.empty")}</Paragraph>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

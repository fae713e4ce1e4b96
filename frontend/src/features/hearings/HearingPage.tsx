import { Button, Dialog, Field, Heading, Label, Paragraph, Radio, Fieldset, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { etagOf } from "../../api/client";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { uploadFile } from "../../api/queries/documents";
import {
  HEARING_HANDLINGS,
  downloadSummary,
  hearingQuery,
  responsesQuery,
  summaryQuery,
  useCreateResponse,
  useHearingAction,
  useUpdateResponse,
  type Hearing,
  type HearingHandling,
  type HearingResponse,
} from "../../api/queries/hearings";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useI18n, useT } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { osloLocalToInstant } from "../../lib/time";
import { HeardVersion } from "./HeardVersion";
import own from "./hearings.module.css";
import { useFocusOnOpen } from "../../lib/focus";

/** One hearing: its letter, invited parties, responses with their handling, and the summary (page and DOCX). */
export default function HearingPage() {
  const { hearingId = "" } = useParams();
  const query = useQuery(hearingQuery(hearingId));
  return (
    <QueryState query={query}>
      {(hearing) => (
        <Page title={hearing.title} actions={<Actions hearing={hearing} />}>
          <HearingBody hearing={hearing} />
        </Page>
      )}
    </QueryState>
  );
}

function Actions({ hearing }: { hearing: Hearing }) {
  const t = useT();
  const action = useHearingAction();
  return (
    <>
      {hearing.status === "draft" && (
        <Button aria-busy={action.isPending} onClick={() => action.mutate({ hearing, action: "open" })}>
          {t("hearings.open")}
        </Button>
      )}
      {hearing.status === "open" && (
        <Button variant="secondary" aria-busy={action.isPending} onClick={() => action.mutate({ hearing, action: "close" })}>
          {t("hearings.close")}
        </Button>
      )}
      {action.error && <ProblemAlert error={action.error} />}
    </>
  );
}

function HearingBody({ hearing }: { hearing: Hearing }) {
  const { t, formatDateTime } = useI18n();
  const responses = useQuery(responsesQuery(hearing.id));
  const [registering, setRegistering] = useState(false);
  const [handling, setHandling] = useState<HearingResponse | null>(null);
  const [message, setMessage] = useState("");
  return (
    <>
      <Paragraph>
        <Tag data-color={hearing.status === "open" ? "info" : "neutral"}>{t(`hearings.status.${hearing.status}`)}</Tag>{" "}
        {t("hearings.deadlineIs", { deadline: formatDateTime(hearing.deadline_at) })}
      </Paragraph>
      {hearing.matter && <Paragraph>{hearing.matter}</Paragraph>}
      {hearing.submission_version_id && (
        <HeardVersion programmeId={hearing.programme_id} versionId={hearing.submission_version_id} />
      )}
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      <section className={own.section} aria-labelledby="hearing-letter">
        <Heading level={2} data-size="sm" id="hearing-letter">
          {t("hearings.letter")}
        </Heading>
        <Paragraph className={own.letter}>{hearing.letter || t("hearings.noLetter")}</Paragraph>
      </section>
      <section className={own.section} aria-labelledby="hearing-invitees">
        <Heading level={2} data-size="sm" id="hearing-invitees">
          {t("hearings.invitees")}
        </Heading>
        {hearing.invitees.length === 0 ? (
          <Paragraph>{t("hearings.noInvitees")}</Paragraph>
        ) : (
          <ul>
            {hearing.invitees.map((i) => (
              <li key={i.id}>
                {i.name} ({t(`hearings.party.${i.party}`)})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={own.section} aria-labelledby="hearing-responses">
        <div className={styles.pageHeader}>
          <Heading level={2} data-size="sm" id="hearing-responses">
            {t("hearings.responses")}
          </Heading>
          {hearing.status !== "draft" && (
            <Button variant="secondary" onClick={() => setRegistering(true)}>
              {t("hearings.register")}
            </Button>
          )}
        </div>
        <QueryState query={responses}>
          {(page) =>
            page.items.length === 0 ? (
              <Paragraph>{t("hearings.noResponses")}</Paragraph>
            ) : (
              <div className={styles.tableWrap}>
                <Table>
                  <caption className={styles.visuallyHidden}>{t("hearings.responses")}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t("hearings.field.from")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("hearings.field.text")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("hearings.field.handling")}</Table.HeaderCell>
                      <Table.HeaderCell>
                        <span className={styles.visuallyHidden}>{t("hearings.actions")}</span>
                      </Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {page.items.map((r) => (
                      <Table.Row key={r.id}>
                        <Table.Cell>
                          {r.on_behalf_of ? `${r.on_behalf_of} (${r.from_name})` : r.from_name}
                          <br />
                          {formatDateTime(r.received_at)}
                          {r.late && (
                            <>
                              {" "}
                              <Tag data-color="warning">{t("hearings.late")}</Tag>
                            </>
                          )}
                        </Table.Cell>
                        <Table.Cell className={own.text}>{r.text}</Table.Cell>
                        <Table.Cell>
                          {r.handling ? t(`hearings.handling.${r.handling}`) : t("hearings.unhandled")}
                          {r.handling_comment && <div className={own.text}>{r.handling_comment}</div>}
                        </Table.Cell>
                        <Table.Cell>
                          <Button variant="tertiary" onClick={() => setHandling(r)}>
                            {t("hearings.handle", { from: r.on_behalf_of ?? r.from_name })}
                          </Button>
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            )
          }
        </QueryState>
      </section>
      <Summary hearing={hearing} />
      {registering && (
        <ResponseDialog
          hearing={hearing}
          onClose={(done) => {
            setRegistering(false);
            if (done) setMessage(done);
          }}
        />
      )}
      {handling && (
        <HandlingDialog
          response={handling}
          onClose={(done) => {
            setHandling(null);
            if (done) setMessage(done);
          }}
        />
      )}
    </>
  );
}

function Summary({ hearing }: { hearing: Hearing }) {
  const { t, formatDate } = useI18n();
  const summary = useQuery(summaryQuery(hearing.id));
  const [error, setError] = useState<unknown>(null);
  return (
    <section className={own.section} aria-labelledby="hearing-summary">
      <div className={styles.pageHeader}>
        <Heading level={2} data-size="sm" id="hearing-summary">
          {t("hearings.summary")}
        </Heading>
        <Button
          variant="secondary"
          onClick={() => {
            setError(null);
            downloadSummary(hearing.id, t("hearings.summaryFile")).catch(setError);
          }}
        >
          {t("hearings.downloadDocx")}
        </Button>
      </div>
      {error !== null && <ProblemAlert error={error} />}
      <QueryState query={summary}>
        {(s) => (
          <>
            <Paragraph>
              {t("hearings.counts", {
                total: s.total,
                accepted: s.handling_counts.accepted ?? 0,
                partly: s.handling_counts.partly_accepted ?? 0,
                not: s.handling_counts.not_accepted ?? 0,
                unhandled: s.handling_counts.unhandled ?? 0,
              })}
            </Paragraph>
            {s.parties.map((party) => (
              <div key={party.party}>
                <Heading level={3} data-size="xs">
                  {party.party}
                  {!party.invited && ` (${t("hearings.notInvited")})`}
                </Heading>
                <ul>
                  {party.responses.map((r) => (
                    <li key={r.id} className={own.text}>
                      {r.from_name}, {formatDate(r.received_at)}: {r.text} —{" "}
                      <strong>{r.handling ? t(`hearings.handling.${r.handling}`) : t("hearings.unhandled")}</strong>
                      {r.handling_comment && `: ${r.handling_comment}`}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            {s.silent_invitees.length > 0 && (
              <Paragraph>{t("hearings.silent", { parties: s.silent_invitees.join(", ") })}</Paragraph>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

const RESPONSE_WORDING: Overrides = {
  text: { string_too_short: "hearings.error.textRequired" },
  received_at: { in_future: "hearings.error.inFuture" },
  file_ids: {
    file_too_large: "hearings.error.fileTooLarge",
    unsupported_type: "hearings.error.unsupportedType",
    type_mismatch: "hearings.error.unsupportedType",
  },
};

function ResponseDialog({ hearing, onClose }: { hearing: Hearing; onClose: (message?: string) => void }) {
  const t = useT();
  const headingId = useId();
  const fileInputId = useId();
  const create = useCreateResponse();
  const [fromName, setFromName] = useState("");
  const [inviteeId, setInviteeId] = useState("");
  const [onBehalfOf, setOnBehalfOf] = useState("");
  const [text, setText] = useState("");
  const [received, setReceived] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const word = useProblemWording(RESPONSE_WORDING);
  const error = uploadError ?? create.error;
  const problem = error instanceof ApiProblem ? error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: string) => local[field] ?? server[field];
  const placed = Object.keys(server).length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!fromName.trim()) errors.from_name = t("hearings.error.fromRequired");
    if (!text.trim()) errors.text = t("hearings.error.textRequired");
    if (!received) errors.received_at = t("hearings.error.receivedRequired");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    setUploadError(null);
    const fileIds: string[] = [];
    if (file) {
      setProgress(0);
      try {
        fileIds.push((await uploadFile(hearing.programme_id, file, setProgress)).id);
      } catch (problem) {
        setProgress(null);
        setUploadError(problem);
        return;
      }
    }
    const name = fromName.trim();
    create.mutate(
      {
        hearing_id: hearing.id,
        from_name: name,
        invitee_id: inviteeId || null,
        on_behalf_of: onBehalfOf.trim() || null,
        text: text.trim(),
        received_at: osloLocalToInstant(received),
        file_ids: fileIds,
      },
      { onSuccess: () => onClose(t("hearings.registered", { from: name })) },
    );
  };

  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("hearings.registerTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {error && !placed && <ProblemAlert error={error} />}
          <Textfield label={t("hearings.field.fromName")} value={fromName} onChange={(e) => setFromName(e.target.value)} error={errorOf("from_name")} required />
          <SelectField label={t("hearings.field.invitee")} value={inviteeId} onChange={(e) => setInviteeId(e.target.value)} error={errorOf("invitee_id")}>
            <option value="">{t("hearings.noInvitee")}</option>
            {hearing.invitees.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </SelectField>
          <Textfield
            label={t("hearings.field.onBehalfOf")}
            description={t("hearings.onBehalfOfHint")}
            value={onBehalfOf}
            onChange={(e) => setOnBehalfOf(e.target.value)}
            error={errorOf("on_behalf_of")}
          />
          <Textfield label={t("hearings.field.text")} multiline rows={5} value={text} onChange={(e) => setText(e.target.value)} error={errorOf("text")} required />
          <Textfield
            label={t("hearings.field.received")}
            type="datetime-local"
            value={received}
            onChange={(e) => setReceived(e.target.value)}
            error={errorOf("received_at")}
            required
          />
          <Field>
            <Label htmlFor={fileInputId}>{t("hearings.field.attachment")}</Label>
            <input
              id={fileInputId}
              type="file"
              className={own.file}
              accept=".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.txt"
              aria-invalid={errorOf("file") || errorOf("file_ids") ? true : undefined}
              aria-describedby={errorOf("file") || errorOf("file_ids") ? `${fileInputId}-error` : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setProgress(null);
                setUploadError(null);
              }}
            />
            {(errorOf("file") || errorOf("file_ids")) && (
              <p id={`${fileInputId}-error`} className={own.error}>
                {errorOf("file") ?? errorOf("file_ids")}
              </p>
            )}
            {progress !== null && (
              <progress className={own.progress} max={1} value={progress} aria-label={t("hearings.uploadProgress", { name: file?.name ?? "" })}>
                {Math.round(progress * 100)} %
              </progress>
            )}
          </Field>
          <div className={styles.actions}>
            <Button type="submit" aria-busy={create.isPending || (progress !== null && progress < 1)}>
              {t("hearings.registerSubmit")}
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

function HandlingDialog({ response, onClose }: { response: HearingResponse; onClose: (message?: string) => void }) {
  const t = useT();
  const headingId = useId();
  const update = useUpdateResponse();
  const [handling, setHandling] = useState<HearingHandling | "">(response.handling ?? "");
  const [comment, setComment] = useState(response.handling_comment ?? "");
  const [local, setLocal] = useState("");
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const from = response.on_behalf_of ?? response.from_name;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!handling) {
      setLocal(t("hearings.error.handlingRequired"));
      return;
    }
    update.mutate(
      { id: response.id, etag: etagOf(response), changes: { handling, handling_comment: comment.trim() || null } },
      {
        onSuccess: () => onClose(t("hearings.handled", { from })),
        onError: (e) => {
          if (e instanceof EditConflict) onClose(t("hearings.conflict", { from }));
        },
      },
    );
  };
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={() => onClose()} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("hearings.handleTitle", { from })}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          {update.error && !(update.error instanceof EditConflict) && <ProblemAlert error={update.error} />}
          <Paragraph className={own.text}>{response.text}</Paragraph>
          <Fieldset>
            <Fieldset.Legend>{t("hearings.field.handling")}</Fieldset.Legend>
            {HEARING_HANDLINGS.map((h) => (
              <Radio
                key={h}
                name="handling"
                value={h}
                label={t(`hearings.handling.${h}`)}
                checked={handling === h}
                onChange={() => setHandling(h)}
              />
            ))}
            {local && <p className={own.error}>{local}</p>}
          </Fieldset>
          <Textfield label={t("hearings.field.comment")} multiline rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          <div className={styles.actions}>
            <Button type="submit" aria-busy={update.isPending}>
              {t("hearings.saveHandling")}
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

import { Alert, Button, Dialog, Heading, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { useProblemWording } from "../../api/problemWording";
import { ApiProblem } from "../../api/problem";
import {
  surveyQuestionsQuery,
  surveyRoundQuery,
  useCloseSurveyRound,
  useOpenSurveyRound,
  type SurveyRound,
  type SurveyRoundClosed,
  type SurveyRoundOpened,
} from "../../api/queries/surveys";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { osloToday } from "../../lib/time";
import { ImportForm } from "./ImportForm";
import { QuestionsEditor } from "./QuestionsEditor";
import { ResultsView } from "./ResultsView";
import { StatusTag } from "./SurveysPage";
import own from "./surveys.module.css";
import { useFocusOnOpen } from "../../lib/focus";

/** One survey round: its questions, opening it, the link to share, its results and closing it. */
export default function SurveyRoundPage() {
  const { programmeId = "", roundId = "" } = useParams();
  const round = useQuery(surveyRoundQuery(roundId));
  return (
    <QueryState query={round}>
      {({ record, etag }) => <RoundView programmeId={programmeId} round={record} etag={etag} />}
    </QueryState>
  );
}

function RoundView({ programmeId, round, etag }: { programmeId: string; round: SurveyRound; etag: string }) {
  const { t, formatDateTime } = useI18n();
  const questions = useQuery(surveyQuestionsQuery(round.id));
  const open = useOpenSurveyRound();
  const close = useCloseSurveyRound();
  const [opened, setOpened] = useState<SurveyRoundOpened | null>(null);
  const [closed, setClosed] = useState<SurveyRoundClosed | null>(null);
  const [confirming, setConfirming] = useState(false);
  const word = useProblemWording();
  const actionError = open.error ?? close.error;
  const actionProblem = actionError instanceof ApiProblem ? actionError : null;
  const draft = round.status === "draft";
  const imported = round.source === "imported";
  const canOpen = draft && !imported;
  const canClose = round.status === "open" || (imported && draft);
  const questionList = questions.data ?? [];

  return (
    <Page
      title={round.title}
      actions={
        <>
          {canOpen && (
            <Button
              onClick={() => open.mutate({ id: round.id, etag }, { onSuccess: setOpened })}
              aria-busy={open.isPending}
            >
              {t("surveys.open")}
            </Button>
          )}
          {canClose && (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              {t("surveys.close")}
            </Button>
          )}
        </>
      }
    >
      <Paragraph>
        <Link to={`/p/${programmeId}/surveys`}>{t("surveys.back")}</Link>
      </Paragraph>
      {round.description && <Paragraph>{round.description}</Paragraph>}
      <dl className={own.facts}>
        <dt>{t("surveys.field.status")}</dt>
        <dd>
          <StatusTag status={round.status} />
        </dd>
        <dt>{t("surveys.field.source")}</dt>
        <dd>{imported ? t("surveys.source.imported") : t(`surveys.audience.${round.audience}`)}</dd>
        <dt>{t("surveys.field.responses")}</dt>
        <dd data-testid="response-count">{round.response_count}</dd>
        <dt>{t("surveys.field.threshold")}</dt>
        <dd>{round.min_responses}</dd>
        {round.opened_at && (
          <>
            <dt>{t("surveys.field.openedAt")}</dt>
            <dd>{formatDateTime(round.opened_at)}</dd>
          </>
        )}
        {round.closed_at && (
          <>
            <dt>{t("surveys.field.closedAt")}</dt>
            <dd>{formatDateTime(round.closed_at)}</dd>
          </>
        )}
      </dl>
      {actionError !== null && (
        <div role="alert">
          {actionProblem?.errors.length ? (
            <Alert data-color="danger">
              {actionProblem.errors.map((item, i) => (
                <Paragraph key={i}>
                  {t(`surveys.error.${item.code}`) !== `surveys.error.${item.code}` ? t(`surveys.error.${item.code}`) : word(item)}
                </Paragraph>
              ))}
            </Alert>
          ) : (
            <ProblemAlert error={actionError} />
          )}
        </div>
      )}
      {round.status === "open" && round.link_url && <ShareLink url={round.link_url} />}
      {opened && opened.invitations.length > 0 && <Invitations opened={opened} />}
      {closed && <ClosedReport closed={closed} questions={questionList} />}
      <QueryState query={questions}>
        {(items) => (
          <QuestionsEditor programmeId={programmeId} roundId={round.id} questions={items} editable={draft} />
        )}
      </QueryState>
      {imported && draft && <ImportForm roundId={round.id} />}
      {(round.status !== "draft" || imported) && <ResultsView round={round} questions={questionList} />}
      {confirming && (
        <ConfirmClose
          round={round}
          busy={close.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={(measuredOn) =>
            close.mutate(
              { id: round.id, etag, measuredOn },
              {
                onSuccess: (report) => setClosed(report),
                onSettled: () => setConfirming(false),
              },
            )
          }
        />
      )}
    </Page>
  );
}

function ShareLink({ url }: { url: string }) {
  const { t } = useI18n();
  const full = `${window.location.origin}${url}`;
  const [copied, setCopied] = useState("");
  return (
    <section className={own.section} aria-labelledby="share-heading">
      <Heading level={2} data-size="sm" id="share-heading">
        {t("surveys.share.title")}
      </Heading>
      <Paragraph>{t("surveys.share.help")}</Paragraph>
      <div className={own.row}>
        <Textfield label={t("surveys.share.link")} readOnly value={full} className={own.link} onFocus={(e) => e.target.select()} />
        <Button
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(full).then(
              () => setCopied(t("surveys.share.copied")),
              () => setCopied(t("surveys.share.copyFailed")),
            )
          }
        >
          {t("surveys.share.copy")}
        </Button>
      </div>
      <p role="status">{copied}</p>
    </section>
  );
}

function Invitations({ opened }: { opened: SurveyRoundOpened }) {
  const { t } = useI18n();
  return (
    <section className={own.section} aria-labelledby="invitations-heading">
      <Heading level={2} data-size="sm" id="invitations-heading">
        {t("surveys.invitations.title")}
      </Heading>
      <Alert data-color="warning">
        <Paragraph>{t("surveys.invitations.once")}</Paragraph>
      </Alert>
      <div className={own.tableWrap}>
        <Table data-size="sm">
          <caption className={layout.visuallyHidden}>{t("surveys.invitations.title")}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("surveys.invitations.person")}</Table.HeaderCell>
              <Table.HeaderCell>{t("surveys.invitations.email")}</Table.HeaderCell>
              <Table.HeaderCell>{t("surveys.invitations.link")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {opened.invitations.map((i) => (
              <Table.Row key={i.url}>
                <Table.Cell>{i.person_name ?? "—"}</Table.Cell>
                <Table.Cell>{i.email ?? "—"}</Table.Cell>
                <Table.Cell className={own.link}>{`${window.location.origin}${i.url}`}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </section>
  );
}

function ClosedReport({
  closed,
  questions,
}: {
  closed: SurveyRoundClosed;
  questions: { id: string; text: string }[];
}) {
  const { t, formatNumber } = useI18n();
  const text = new Map(questions.map((q) => [q.id, q.text]));
  return (
    <section className={own.section} aria-labelledby="closed-heading" role="status">
      <Heading level={2} data-size="sm" id="closed-heading">
        {t("surveys.closed.title")}
      </Heading>
      {closed.measurements.length === 0 && closed.skipped.length === 0 && (
        <Paragraph>{t("surveys.closed.noIndicators")}</Paragraph>
      )}
      {closed.measurements.length > 0 && (
        <ul>
          {closed.measurements.map((m) => (
            <li key={m.measurement_id}>
              {t("surveys.closed.written", {
                text: text.get(m.question_id) ?? "",
                value: formatNumber(Math.round(m.value * 100) / 100),
                count: m.respondents,
              })}
            </li>
          ))}
        </ul>
      )}
      {closed.skipped.length > 0 && (
        <ul>
          {closed.skipped.map((s) => (
            <li key={s.question_id}>
              {t(`surveys.closed.skipped.${s.reason}`, { text: text.get(s.question_id) ?? "", count: s.respondents })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConfirmClose({
  round,
  busy,
  onCancel,
  onConfirm,
}: {
  round: SurveyRound;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (measuredOn?: string) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const [measuredOn, setMeasuredOn] = useState("");
  const [error, setError] = useState<string | undefined>();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (measuredOn && measuredOn > osloToday()) return setError(t("surveys.closeConfirm.inFuture"));
    setError(undefined);
    onConfirm(measuredOn || undefined);
  };
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onCancel} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("surveys.closeConfirm.title", { title: round.title })}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className={own.form} onSubmit={submit} noValidate>
          <Paragraph>{t("surveys.closeConfirm.text", { count: round.response_count })}</Paragraph>
          <Textfield
            label={t("surveys.closeConfirm.measuredOn")}
            description={t("surveys.closeConfirm.measuredOnHelp")}
            type="date"
            value={measuredOn}
            max={osloToday()}
            onChange={(e) => setMeasuredOn(e.target.value)}
            error={error}
          />
          <div className={own.row}>
            <Button type="submit" aria-busy={busy}>
              {t("surveys.close")}
            </Button>
            <Button type="button" variant="secondary" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

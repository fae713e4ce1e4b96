import { Alert, Button, Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  downloadResultsCsv,
  surveyResultsQuery,
  type Cut,
  type QuestionResult,
  type SurveyQuestion,
  type SurveyRound,
} from "../../api/queries/surveys";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import own from "./surveys.module.css";

/** The round's results, only where the anonymity threshold is met; with a cut and a CSV download. */
export function ResultsView({ round, questions }: { round: SurveyRound; questions: SurveyQuestion[] }) {
  const { t } = useI18n();
  const [cutQuestion, setCutQuestion] = useState("");
  const [cutValue, setCutValue] = useState("");
  const cuttable = questions.filter((q) => q.kind === "likert" || q.kind === "yes_no");
  const chosen = cuttable.find((q) => q.id === cutQuestion);
  const cut: Cut | undefined = chosen && cutValue ? { questionId: chosen.id, value: cutValue } : undefined;
  const results = useQuery(surveyResultsQuery(round.id, cut, round.response_count));
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const values = chosen?.kind === "likert" ? ["1", "2", "3", "4", "5"] : chosen ? ["yes", "no"] : [];

  return (
    <section className={own.section} aria-labelledby="results-heading">
      <Heading level={2} data-size="sm" id="results-heading">
        {t("surveys.results.title")}
      </Heading>
      <Paragraph>{t("surveys.results.threshold", { count: round.min_responses })}</Paragraph>
      {round.source === "samskap" && cuttable.length > 0 && (
        <div className={own.row} role="group" aria-label={t("surveys.results.cut")}>
          <SelectField
            label={t("surveys.results.cutQuestion")}
            value={cutQuestion}
            onChange={(e) => {
              setCutQuestion(e.target.value);
              setCutValue("");
            }}
          >
            <option value="">{t("surveys.results.noCut")}</option>
            {cuttable.map((q) => (
              <option key={q.id} value={q.id}>
                {q.text}
              </option>
            ))}
          </SelectField>
          {chosen && (
            <SelectField label={t("surveys.results.cutValue")} value={cutValue} onChange={(e) => setCutValue(e.target.value)}>
              <option value="">{t("surveys.results.chooseAnswer")}</option>
              {values.map((v) => (
                <option key={v} value={v}>
                  {answerLabel(t, chosen.kind, v)}
                </option>
              ))}
            </SelectField>
          )}
        </div>
      )}
      <div>
        <Button
          variant="secondary"
          onClick={() => downloadResultsCsv(round.id, cut).then(() => setDownloadError(null), setDownloadError)}
        >
          {t("surveys.results.csv")}
        </Button>
      </div>
      {downloadError !== null && <ProblemAlert error={downloadError} />}
      <QueryState query={results}>
        {(data) => (
          <>
            <Paragraph>
              <strong>{t("surveys.results.responses", { count: data.response_count })}</strong>
            </Paragraph>
            {data.cut?.suppressed && (
              <Alert data-color="info">
                <Paragraph>{t("surveys.results.cutSuppressed", { count: data.min_responses })}</Paragraph>
              </Alert>
            )}
            {data.cut && !data.cut.suppressed && (
              <Paragraph>{t("surveys.results.cutSize", { count: data.cut.respondents ?? 0 })}</Paragraph>
            )}
            {data.questions.map((q) => (
              <Result key={q.question_id} result={q} minimum={data.min_responses} />
            ))}
          </>
        )}
      </QueryState>
    </section>
  );
}

function answerLabel(t: (key: string) => string, kind: string, value: string) {
  if (kind === "yes_no") return t(value === "yes" ? "surveys.yes" : "surveys.no");
  return `${value} – ${t(`surveys.likert.${value}`)}`;
}

function Result({ result, minimum }: { result: QuestionResult; minimum: number }) {
  const { t, formatNumber } = useI18n();
  const headingId = `result-${result.question_id}`;
  return (
    <article className={own.result} aria-labelledby={headingId}>
      <Heading level={3} data-size="xs" id={headingId}>
        {result.position + 1}. {result.text}
      </Heading>
      {result.n !== null && result.n !== undefined && (
        <Paragraph>{t("surveys.results.n", { count: result.n })}</Paragraph>
      )}
      {result.suppressed ? (
        <Paragraph>
          <em>{t("surveys.results.suppressed", { count: minimum })}</em>
        </Paragraph>
      ) : (
        <>
          {result.mean !== null && result.mean !== undefined && (
            <Paragraph>
              {t(result.kind === "yes_no" ? "surveys.results.shareYes" : "surveys.results.mean", {
                value: formatNumber(Math.round(result.mean * 100) / 100),
              })}
            </Paragraph>
          )}
          {result.distribution && (
            <div className={own.tableWrap}>
              <Table data-size="sm">
                <caption className={layout.visuallyHidden}>{t("surveys.results.distribution", { text: result.text })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("surveys.results.answer")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("surveys.results.count")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {Object.entries(result.distribution).map(([value, count]) => (
                    <Table.Row key={value}>
                      <Table.HeaderCell scope="row">{answerLabel(t, result.kind, value)}</Table.HeaderCell>
                      <Table.Cell>{count}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          {result.texts && (
            <ul>
              {result.texts.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}

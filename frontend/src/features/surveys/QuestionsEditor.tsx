import { Button, Checkbox, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { indicatorsQuery } from "../../api/queries/indicators";
import {
  QUESTION_KINDS,
  useCreateSurveyQuestion,
  useDeleteSurveyQuestion,
  useUpdateSurveyQuestion,
  type QuestionKind,
  type SurveyQuestion,
} from "../../api/queries/surveys";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import own from "./surveys.module.css";

const WORDING: Overrides = {
  text: { string_too_short: "surveys.error.questionRequired" },
  indicator_id: { free_text_cannot_feed_indicator: "surveys.error.freeTextIndicator" },
};

interface Values {
  text: string;
  kind: QuestionKind;
  required: boolean;
  indicator_id: string;
}

const blank: Values = { text: "", kind: "likert", required: false, indicator_id: "" };

/** The questions of a round; while it is a draft they can be added, changed, moved and removed. */
export function QuestionsEditor({
  programmeId,
  roundId,
  questions,
  editable,
}: {
  programmeId: string;
  roundId: string;
  questions: SurveyQuestion[];
  editable: boolean;
}) {
  const { t } = useI18n();
  const indicators = useInfiniteQuery(indicatorsQuery(programmeId));
  const names = new Map((indicators.data?.pages.flatMap((p) => p.items) ?? []).map((i) => [i.id, i.name]));
  const update = useUpdateSurveyQuestion();
  const remove = useDeleteSurveyQuestion();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState("");

  const move = async (index: number, by: -1 | 1) => {
    const a = questions[index];
    const b = questions[index + by];
    if (!a || !b) return;
    await update.mutateAsync({ question: a, changes: { position: b.position } });
    await update.mutateAsync({ question: b, changes: { position: a.position } });
    setMessage(t("surveys.questions.moved", { text: a.text }));
  };

  return (
    <section className={own.section} aria-labelledby="questions-heading">
      <Heading level={2} data-size="sm" id="questions-heading">
        {t("surveys.questions.title")}
      </Heading>
      <p role="status" className={own.status}>
        {message}
      </p>
      {(update.error || remove.error) && <ProblemAlert error={update.error ?? remove.error} />}
      {questions.length === 0 && <Paragraph>{t("surveys.questions.none")}</Paragraph>}
      <ol className={own.questions}>
        {questions.map((q, i) => (
          <li key={q.id} className={own.questionItem}>
            {editing === q.id ? (
              <QuestionForm
                programmeId={programmeId}
                roundId={roundId}
                question={q}
                indicators={names}
                onDone={(text) => {
                  setEditing(null);
                  if (text) setMessage(t("surveys.questions.saved", { text }));
                }}
              />
            ) : (
              <>
                <span>
                  <strong>{i + 1}.</strong> {q.text}
                </span>
                <span className={own.row}>
                  <Tag data-size="sm" data-color="neutral">
                    {t(`surveys.kind.${q.kind}`)}
                  </Tag>
                  {q.required && (
                    <Tag data-size="sm" data-color="warning">
                      {t("surveys.questions.required")}
                    </Tag>
                  )}
                  {q.indicator_id && (
                    <Tag data-size="sm" data-color="info">
                      {t("surveys.questions.feeds", { name: names.get(q.indicator_id) ?? "…" })}
                    </Tag>
                  )}
                </span>
                {editable && (
                  <span className={own.row}>
                    <Button data-size="sm" variant="tertiary" onClick={() => setEditing(q.id)}>
                      {t("common.edit")}
                      <span className={own.srOnly}> {q.text}</span>
                    </Button>
                    <Button
                      data-size="sm"
                      variant="tertiary"
                      disabled={i === 0 || update.isPending}
                      onClick={() => move(i, -1)}
                    >
                      {t("surveys.questions.up")}
                      <span className={own.srOnly}> {q.text}</span>
                    </Button>
                    <Button
                      data-size="sm"
                      variant="tertiary"
                      disabled={i === questions.length - 1 || update.isPending}
                      onClick={() => move(i, 1)}
                    >
                      {t("surveys.questions.down")}
                      <span className={own.srOnly}> {q.text}</span>
                    </Button>
                    <Button
                      data-size="sm"
                      variant="tertiary"
                      data-color="danger"
                      onClick={() =>
                        window.confirm(t("surveys.questions.confirmDelete", { text: q.text })) &&
                        remove.mutate(q, { onSuccess: () => setMessage(t("surveys.questions.deleted", { text: q.text })) })
                      }
                    >
                      {t("common.delete")}
                      <span className={own.srOnly}> {q.text}</span>
                    </Button>
                  </span>
                )}
              </>
            )}
          </li>
        ))}
      </ol>
      {editable && (
        <QuestionForm
          programmeId={programmeId}
          roundId={roundId}
          indicators={names}
          onDone={(text) => text && setMessage(t("surveys.questions.added", { text }))}
        />
      )}
    </section>
  );
}

function QuestionForm({
  roundId,
  question,
  indicators,
  onDone,
}: {
  programmeId: string;
  roundId: string;
  question?: SurveyQuestion;
  indicators: Map<string, string>;
  onDone: (text?: string) => void;
}) {
  const { t } = useI18n();
  const create = useCreateSurveyQuestion();
  const update = useUpdateSurveyQuestion();
  const mutation = question ? update : create;
  const [values, setValues] = useState<Values>(
    question
      ? {
          text: question.text,
          kind: question.kind,
          required: question.required,
          indicator_id: question.indicator_id ?? "",
        }
      : blank,
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const word = useProblemWording(WORDING);
  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: string) => local[field] ?? server[field];
  const placed = ["text", "indicator_id"].some((f) => server[f]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!values.text.trim()) {
      setLocal({ text: t("surveys.error.questionRequired") });
      return;
    }
    setLocal({});
    const body = {
      text: values.text.trim(),
      kind: values.kind,
      required: values.required,
      indicator_id: values.kind === "free_text" ? null : values.indicator_id || null,
    };
    if (question) {
      update.mutate({ question, changes: body }, { onSuccess: () => onDone(body.text) });
    } else {
      create.mutate(
        { round_id: roundId, ...body },
        {
          onSuccess: () => {
            setValues(blank);
            onDone(body.text);
          },
        },
      );
    }
  };
  return (
    <form className={own.form} onSubmit={submit} noValidate aria-label={t(question ? "surveys.questions.edit" : "surveys.questions.add")}>
      {mutation.error && !placed && <ProblemAlert error={mutation.error} />}
      <Textfield
        label={t("surveys.questions.text")}
        value={values.text}
        error={errorOf("text")}
        onChange={(e) => setValues((v) => ({ ...v, text: e.target.value }))}
      />
      <SelectField
        label={t("surveys.questions.kind")}
        value={values.kind}
        onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value as QuestionKind }))}
      >
        {QUESTION_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`surveys.kind.${k}`)}
          </option>
        ))}
      </SelectField>
      {values.kind !== "free_text" && (
        <SelectField
          label={t("surveys.questions.indicator")}
          value={values.indicator_id}
          error={errorOf("indicator_id")}
          onChange={(e) => setValues((v) => ({ ...v, indicator_id: e.target.value }))}
        >
          <option value="">{t("surveys.questions.noIndicator")}</option>
          {[...indicators].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
      )}
      <Checkbox
        label={t("surveys.questions.required")}
        checked={values.required}
        onChange={(e) => setValues((v) => ({ ...v, required: e.target.checked }))}
      />
      <div className={own.row}>
        <Button type="submit" aria-busy={mutation.isPending} variant={question ? "primary" : "secondary"}>
          {t(question ? "common.save" : "surveys.questions.add")}
        </Button>
        {question && (
          <Button type="button" variant="tertiary" onClick={() => onDone()}>
            {t("common.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}

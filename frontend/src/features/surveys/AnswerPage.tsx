import {
  Alert,
  Button,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Spinner,
  Textfield,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import { publicSurveyQuery, useSubmitAnswers, type AnswerItem, type PublicSurvey } from "../../api/queries/surveys";
import { LOCALES, useI18n } from "../../i18n";
import own from "./surveys.module.css";
import { Footer } from "../../components/Footer";

type Question = PublicSurvey["questions"][number];
type Values = Record<string, string>;

// The page's own sentences for what the API can refuse in an answer.
const WORDING: Overrides = {
  "answers/*/value": {
    likert_expected: "surveys.answer.error.likert",
    likert_out_of_range: "surveys.answer.error.likert",
    yes_no_expected: "surveys.answer.error.yesNo",
    number_expected: "surveys.answer.error.number",
    text_expected: "surveys.answer.error.text",
    too_long: "surveys.answer.error.tooLong",
  },
  answers: { answer_required: "surveys.answer.error.required" },
};

/** The value sent for a question, or undefined when it is left blank. */
function valueOf(question: Question, raw: string | undefined): AnswerItem["value"] | undefined {
  const text = (raw ?? "").trim();
  if (!text) return undefined;
  if (question.kind === "likert") return Number(text);
  if (question.kind === "yes_no") return text === "yes";
  if (question.kind === "number") {
    const n = Number(text.replace(",", ".").replace(/\s/g, ""));
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

function LanguageButtons() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className={own.languages} role="group" aria-label={t("app.language")}>
      {LOCALES.map((l) => (
        <Button
          key={l}
          type="button"
          variant="tertiary"
          data-size="sm"
          lang={l}
          aria-pressed={locale === l}
          onClick={() => setLocale(l)}
        >
          {t(`language.${l}`)}
        </Button>
      ))}
    </div>
  );
}

/** Answering a survey without an account, by a shared link or a one-time invitation. */
export default function AnswerPage() {
  const { token = "" } = useParams();
  const { t } = useI18n();
  const survey = useQuery(publicSurveyQuery(token));
  const [done, setDone] = useState(false);
  useEffect(() => {
    document.title = `${survey.data?.title ?? t("surveys.answer.pageTitle")} – ${t("app.name")}`;
  }, [survey.data, t]);

  const notFound = survey.error instanceof ApiProblem && survey.error.status === 404;
  let body;
  if (survey.isPending) body = <Spinner aria-label={t("common.loading")} data-size="md" />;
  else if (survey.isError) {
    body = (
      <Alert data-color={notFound ? "warning" : "danger"} role="alert">
        <Paragraph>{t(notFound ? "surveys.answer.notFound" : "problem.network")}</Paragraph>
      </Alert>
    );
  } else if (done) {
    body = <Outcome title={t("surveys.answer.thanksTitle")} text={t("surveys.answer.thanks")} color="success" />;
  } else if (survey.data.already_answered) {
    body = <Outcome title={t("surveys.answer.alreadyTitle")} text={t("surveys.answer.already")} color="info" />;
  } else if (survey.data.status !== "open") {
    body = <Outcome title={t("surveys.answer.closedTitle")} text={t("surveys.answer.closed")} color="info" />;
  } else {
    body = <AnswerForm token={token} survey={survey.data} onDone={() => setDone(true)} />;
  }
  return (
    <>
    <main className={own.answerPage} id="main">
      <div className={own.answerCard}>
        {survey.data && (
          <Heading level={1} data-size="lg">
            {survey.data.title}
          </Heading>
        )}
        {!survey.data && (
          <Heading level={1} data-size="lg">
            {t("surveys.answer.pageTitle")}
          </Heading>
        )}
        {body}
        <LanguageButtons />
      </div>
    </main>
    <Footer />
    </>
  );
}

function Outcome({ title, text, color }: { title: string; text: string; color: "success" | "info" }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className={own.outcome}>
      <Alert data-color={color}>
        <Heading level={2} data-size="xs">
          {title}
        </Heading>
        <Paragraph>{text}</Paragraph>
      </Alert>
    </div>
  );
}

function AnswerForm({ token, survey, onDone }: { token: string; survey: PublicSurvey; onDone: () => void }) {
  const { t } = useI18n();
  const submit = useSubmitAnswers(token);
  const [values, setValues] = useState<Values>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const summary = useRef<HTMLDivElement>(null);
  const word = useProblemWording(WORDING);
  const problem = submit.error instanceof ApiProblem ? submit.error : null;
  const refused = problem?.status === 409 ? problem.errors[0]?.code : undefined;

  // The API's errors per question: answers are sent in question order, blanks left out.
  const sent = survey.questions.filter((q) => valueOf(q, values[q.id]) !== undefined);
  const server: Record<string, string> = {};
  for (const item of problem?.status === 422 ? problem.errors : []) {
    const index = /^\/answers\/(\d+)/.exec(item.pointer ?? "")?.[1];
    const id = index !== undefined ? sent[Number(index)]?.id : item.params?.question_id;
    if (id) server[id] = [server[id], word(item)].filter(Boolean).join(" ");
  }
  const errors = { ...server, ...local };
  const errorCount = Object.keys(errors).length;

  useEffect(() => {
    if (errorCount || refused) summary.current?.focus();
  }, [errorCount, refused, submit.error]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const q of survey.questions) {
      const value = valueOf(q, values[q.id]);
      if (q.required && value === undefined) found[q.id] = t("surveys.answer.error.required");
      else if (q.kind === "number" && typeof value === "string") found[q.id] = t("surveys.answer.error.number");
    }
    setLocal(found);
    if (Object.keys(found).length) return;
    const answers = sent.map((q) => ({ question_id: q.id, value: valueOf(q, values[q.id]) ?? null }));
    submit.mutate(answers, { onSuccess: onDone });
  };
  const set = (id: string, value: string) => setValues((v) => ({ ...v, [id]: value }));

  return (
    <form onSubmit={onSubmit} noValidate className={own.answerForm}>
      {survey.description && <Paragraph>{survey.description}</Paragraph>}
      <Paragraph data-size="sm">{t("surveys.answer.anonymous")}</Paragraph>
      <div ref={summary} tabIndex={-1}>
        {refused && (
          <Alert data-color="warning" role="alert">
            <Paragraph>
              {t(refused === "already_answered" ? "surveys.answer.already" : "surveys.answer.closed")}
            </Paragraph>
          </Alert>
        )}
        {errorCount > 0 && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{t("surveys.answer.fixErrors", { count: errorCount })}</Paragraph>
          </Alert>
        )}
        {problem && !refused && problem.status !== 422 && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{t(problem.status === 429 ? "surveys.answer.rateLimited" : "problem.other")}</Paragraph>
          </Alert>
        )}
        {submit.error && !problem && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{t("problem.network")}</Paragraph>
          </Alert>
        )}
      </div>
      {survey.questions.map((q, i) => (
        <QuestionField
          key={q.id}
          number={i + 1}
          question={q}
          value={values[q.id] ?? ""}
          error={errors[q.id]}
          onChange={(value) => set(q.id, value)}
        />
      ))}
      <Button type="submit" aria-busy={submit.isPending}>
        {t("surveys.answer.submit")}
      </Button>
    </form>
  );
}

function QuestionField({
  number,
  question,
  value,
  error,
  onChange,
}: {
  number: number;
  question: Question;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const legend = (
    <>
      {number}. {question.text}
      {question.required && <span className={own.required}> ({t("surveys.answer.requiredMark")})</span>}
    </>
  );
  const name = `q-${question.id}`;
  if (question.kind === "likert" || question.kind === "yes_no") {
    const options =
      question.kind === "likert"
        ? ["1", "2", "3", "4", "5"].map((v) => ({ value: v, label: `${v} – ${t(`surveys.likert.${v}`)}` }))
        : [
            { value: "yes", label: t("surveys.yes") },
            { value: "no", label: t("surveys.no") },
          ];
    return (
      <Fieldset className={own.question} aria-invalid={error ? true : undefined}>
        <Fieldset.Legend>{legend}</Fieldset.Legend>
        <div className={question.kind === "likert" ? own.likert : own.yesNo}>
          {options.map((o) => (
            <Radio
              key={o.value}
              name={name}
              value={o.value}
              label={o.label}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
          ))}
        </div>
        {error && <ValidationMessage>{error}</ValidationMessage>}
      </Fieldset>
    );
  }
  return (
    <Fieldset className={own.question}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {question.kind === "free_text" ? (
        <Textfield
          label={t("surveys.answer.textLabel")}
          multiline
          rows={4}
          maxLength={5000}
          value={value}
          error={error}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Textfield
          label={t("surveys.answer.numberLabel")}
          inputMode="decimal"
          value={value}
          error={error}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Fieldset>
  );
}

import { Alert, Button, Fieldset, Heading, Link, Paragraph, Radio, Spinner, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import {
  fullAddress,
  participationFormQuery,
  useSubmitPublicIdea,
  type IdeaReceipt,
  type ParticipationForm,
} from "../../api/queries/ideas";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import { CopyValue } from "../../components/CopyValue";
import { LanguageButtons } from "./LanguageButtons";
import own from "./ideas.module.css";
import { Footer } from "../../components/Footer";

const WORDING: Overrides = {
  name: { name_required: "ideas.public.error.name", name_with_anonymous: "ideas.public.error.nameWithAnonymous" },
  title: { string_too_short: "ideas.error.titleRequired", missing: "ideas.error.titleRequired" },
  description: { string_too_short: "ideas.error.descriptionRequired", required: "ideas.error.descriptionRequired" },
};

/** What went wrong with a link or a receipt, in the user's words: 404, 410, 429 or else. */
export function PublicProblem({ error, kind }: { error: unknown; kind: "form" | "receipt" }) {
  const { t } = useI18n();
  const status = error instanceof ApiProblem ? error.status : 0;
  const key =
    status === 404 ? `ideas.${kind}.notFound` : status === 410 ? `ideas.${kind}.gone` : status === 429 ? "ideas.public.rateLimited" : status ? "problem.other" : "problem.network";
  return (
    <Alert data-color={status === 404 || status === 410 ? "warning" : "danger"} role="alert">
      <Paragraph>{t(key)}</Paragraph>
    </Alert>
  );
}

/**
 * The idea form a participation link opens, without an account: an employee sends an idea,
 * named or anonymously, and gets the address of its receipt, shown this once.
 */
export default function PublicIdeaPage() {
  const { token = "" } = useParams();
  const { t } = useI18n();
  const form = useQuery(participationFormQuery(token));
  const [receipt, setReceipt] = useState<IdeaReceipt | null>(null);
  useEffect(() => {
    document.title = `${t("ideas.public.title")} – ${form.data?.programme_name ?? t("app.name")}`;
  }, [form.data, t]);
  let body;
  if (form.isPending) body = <Spinner aria-label={t("common.loading")} data-size="md" />;
  else if (form.isError) body = <PublicProblem error={form.error} kind="form" />;
  else if (receipt) body = <ReceiptShown receipt={receipt} />;
  else body = <IdeaForm token={token} form={form.data} onDone={setReceipt} />;
  return (
    <>
    <main className={own.publicPage} id="main">
      <div className={own.publicCard}>
        <Heading level={1} data-size="lg">
          {t("ideas.public.title")}
        </Heading>
        {form.data && (
          <Paragraph>
            {t("ideas.public.to", { programme: form.data.programme_name })}
            {form.data.label && (
              <>
                <br />
                {form.data.label}
              </>
            )}
          </Paragraph>
        )}
        {body}
        <LanguageButtons />
      </div>
    </main>
    <Footer />
    </>
  );
}

function ReceiptShown({ receipt }: { receipt: IdeaReceipt }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const address = fullAddress(receipt.receipt_path);
  return (
    <div ref={ref} tabIndex={-1} className={own.outcome}>
      <Alert data-color="success">
        <Heading level={2} data-size="xs">
          {t("ideas.public.sentTitle")}
        </Heading>
        <Paragraph>{t("ideas.public.sent", { title: receipt.title })}</Paragraph>
      </Alert>
      <Alert data-color="warning">
        <Heading level={2} data-size="xs">
          {t("ideas.public.keepTitle")}
        </Heading>
        <Paragraph>{t("ideas.public.keep")}</Paragraph>
        <CopyValue label={t("ideas.public.receiptAddress")} value={address} />
        <Paragraph>
          <Link asChild>
            <RouterLink to={receipt.receipt_path}>{t("ideas.public.openReceipt")}</RouterLink>
          </Link>
        </Paragraph>
      </Alert>
    </div>
  );
}

type FormField = "title" | "description" | "project_id" | "name";

function IdeaForm({ token, form, onDone }: { token: string; form: ParticipationForm; onDone: (r: IdeaReceipt) => void }) {
  const { t } = useI18n();
  const submit = useSubmitPublicIdea(token);
  const [values, setValues] = useState({ title: "", description: "", project_id: "", name: "" });
  const [anonymous, setAnonymous] = useState(false);
  const [local, setLocal] = useState<Partial<Record<FormField, string>>>({});
  const summary = useRef<HTMLDivElement>(null);
  const word = useProblemWording(WORDING);
  const problem = submit.error instanceof ApiProblem ? submit.error : null;
  const server = problem?.status === 422 ? problem.fieldErrors(word) : {};
  const errors: Partial<Record<FormField, string>> = { ...server, ...local };
  const errorCount = Object.values(errors).filter(Boolean).length;
  const fixed = form.project_id !== null;
  useEffect(() => {
    if (errorCount || (submit.error && problem?.status !== 422)) summary.current?.focus();
  }, [errorCount, submit.error, problem]);

  const set = (field: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<FormField, string>> = {};
    if (!values.title.trim()) found.title = t("ideas.error.titleRequired");
    if (!values.description.trim()) found.description = t("ideas.error.descriptionRequired");
    if (!anonymous && !values.name.trim()) found.name = t("ideas.public.error.name");
    setLocal(found);
    if (Object.keys(found).length) return;
    submit.mutate(
      {
        title: values.title.trim(),
        description: values.description.trim(),
        project_id: fixed ? null : values.project_id || null,
        anonymous,
        name: anonymous ? null : values.name.trim(),
      },
      { onSuccess: onDone },
    );
  };
  const fixedProject = fixed ? form.projects.find((p) => p.id === form.project_id) : undefined;

  return (
    <form onSubmit={onSubmit} noValidate className={own.form}>
      <Paragraph>{t("ideas.public.intro")}</Paragraph>
      <div ref={summary} tabIndex={-1} className={own.outcome}>
        {errorCount > 0 && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{t("ideas.public.fixErrors", { count: errorCount })}</Paragraph>
          </Alert>
        )}
        {submit.error && problem?.status !== 422 && <PublicProblem error={submit.error} kind="form" />}
      </div>
      <Textfield
        label={t("ideas.field.title")}
        value={values.title}
        onChange={set("title")}
        error={errors.title}
        maxLength={300}
        autoComplete="off"
        required
      />
      <Textfield
        label={t("ideas.public.description")}
        multiline
        rows={6}
        value={values.description}
        onChange={set("description")}
        error={errors.description}
        required
      />
      {fixedProject ? (
        <Paragraph>{t("ideas.public.aboutProject", { project: `${fixedProject.code} ${fixedProject.name}` })}</Paragraph>
      ) : (
        form.projects.length > 0 && (
          <SelectField
            label={t("ideas.public.project")}
            value={values.project_id}
            onChange={set("project_id")}
            error={errors.project_id}
          >
            <option value="">{t("ideas.public.noProject")}</option>
            {form.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} {p.name}
              </option>
            ))}
          </SelectField>
        )
      )}
      <Fieldset>
        <Fieldset.Legend>{t("ideas.public.who")}</Fieldset.Legend>
        <Radio
          name="named"
          value="named"
          label={t("ideas.public.named")}
          checked={!anonymous}
          onChange={() => setAnonymous(false)}
        />
        <Radio
          name="named"
          value="anonymous"
          label={t("ideas.public.anonymous")}
          checked={anonymous}
          onChange={() => {
            setAnonymous(true);
            setLocal((l) => ({ ...l, name: undefined }));
          }}
        />
      </Fieldset>
      {!anonymous && (
        <Textfield
          label={t("ideas.public.name")}
          value={values.name}
          onChange={set("name")}
          error={errors.name}
          autoComplete="name"
          maxLength={200}
          required
        />
      )}
      <Alert data-color="info">
        <Heading level={2} data-size="2xs">
          {t("ideas.public.keptTitle")}
        </Heading>
        <Paragraph data-size="sm">{t(anonymous ? "ideas.public.keptAnonymous" : "ideas.public.keptNamed")}</Paragraph>
      </Alert>
      <div>
        <Button type="submit" aria-busy={submit.isPending}>
          {t("ideas.public.send")}
        </Button>
      </div>
    </form>
  );
}

import { Button, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link as RouterLink, useNavigate } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { submissionsQuery, templatesQuery, useCreateSubmission } from "../../api/queries/workbooks";
import { FormActions } from "../../components/FormActions";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import { DeliveryTag } from "./delivery";
import own from "./workbooks.module.css";

/** The project page's section "Arbeidsbok/innspill": its submissions, each linked to its workbook. */
export function SubmissionsSection({ projectId, programmeId }: { projectId: string; programmeId: string }) {
  const { t } = useI18n();
  const headingId = useId();
  const submissions = useQuery(submissionsQuery(programmeId, projectId));
  const [adding, setAdding] = useState(false);
  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("workbooks.project.title")}
      </Heading>
      <QueryState query={submissions}>
        {(items) =>
          items.length === 0 ? (
            <Paragraph>{t("workbooks.project.none")}</Paragraph>
          ) : (
            <ul className={own.list}>
              {items.map((submission) => {
                const latest = submission.versions[submission.versions.length - 1];
                return (
                  <li key={submission.id} className={own.row}>
                    <Link asChild>
                      <RouterLink to={`/p/${programmeId}/submissions/${submission.id}`}>{submission.title}</RouterLink>
                    </Link>
                    <span>{t("workbooks.submission.versions", { count: submission.versions.length })}</span>
                    {latest && <DeliveryTag delivery={latest.delivery} lateBySeconds={latest.late_by_seconds} />}
                  </li>
                );
              })}
            </ul>
          )
        }
      </QueryState>
      {adding ? (
        <NewSubmission programmeId={programmeId} projectId={projectId} onCancel={() => setAdding(false)} />
      ) : (
        <div>
          <Button variant="secondary" onClick={() => setAdding(true)}>
            {t("workbooks.project.new")}
          </Button>
        </div>
      )}
    </section>
  );
}

function NewSubmission({
  programmeId,
  projectId,
  onCancel,
}: {
  programmeId: string;
  projectId: string;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const word = useProblemWording();
  const navigate = useNavigate();
  const templates = useQuery(templatesQuery(programmeId));
  const create = useCreateSubmission();
  const [title, setTitle] = useState("");
  const [templateId, setTemplateId] = useState("");
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const errors = problem?.fieldErrors(word) ?? {};
  const placed = problem ? problem.fields().every((f) => f === "title" || f === "template_id") : false;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await create.mutateAsync({
        programme_id: programmeId,
        project_id: projectId,
        title,
        template_id: templateId || (templates.data?.[0]?.id ?? ""),
      });
      navigate(`/p/${programmeId}/submissions/${created.id}`);
    } catch {
      // Shown at the fields, or above the form.
    }
  };
  return (
    <QueryState query={templates}>
      {(items) =>
        items.length === 0 ? (
          <Paragraph>{t("workbooks.project.noTemplates")}</Paragraph>
        ) : (
          <form className={own.form} onSubmit={onSubmit} noValidate>
            {create.error && !placed && <ProblemAlert error={create.error} />}
            <Textfield
              label={t("workbooks.submission.title")}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              error={errors.title}
            />
            <SelectField
              label={t("workbooks.submission.template")}
              value={templateId || items[0].id}
              onChange={(e) => setTemplateId(e.target.value)}
              error={errors.template_id}
            >
              {items.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.title}
                </option>
              ))}
            </SelectField>
            <FormActions submit={t("workbooks.submission.create")} pending={create.isPending} onCancel={onCancel} />
          </form>
        )
      }
    </QueryState>
  );
}

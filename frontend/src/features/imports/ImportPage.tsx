import { Alert, Button, Fieldset, Heading, Link, Paragraph, Radio } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { isPageResource, useStartImport, type ImportMode, type PageResource } from "../../api/queries/imports";
import { Page } from "../../components/Page";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { useMayImport } from "./access";
import { FileProblem } from "./FileProblem";
import { ImportResult } from "./ImportResult";
import { RecentImports } from "./RecentImports";
import { TemplateSection } from "./TemplateSection";
import { newKey } from "./key";
import styles from "./imports.module.css";
import "./messages";

/** The list page each kind of record is kept on, where the user came from and goes back to. */
const LIST_PAGE: Record<PageResource, string> = {
  people: "people",
  groups: "",
  group_members: "",
  projects: "",
  tasks: "tasks",
  deadlines: "deadlines",
  involvements: "involvements",
};

const ACCEPT = ".csv,.xlsx,.json,.jsonl,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export default function ImportPage() {
  const { programmeId = "", resource = "" } = useParams();
  const { t } = useI18n();
  if (!isPageResource(resource)) {
    return (
      <Page title={t("imports.unknown.title")}>
        <Paragraph>{t("imports.unknown.text")}</Paragraph>
      </Page>
    );
  }
  return <ImportForm key={resource} programmeId={programmeId} resource={resource} />;
}

/**
 * Choose a file, try it (a dry run that writes nothing) and import it. A real import carries
 * an Idempotency-Key made when the file (or the mode) was chosen, so that a double click or a
 * retry after a lost answer does not import the file twice.
 */
function ImportForm({ programmeId, resource }: { programmeId: string; resource: PageResource }) {
  const { t } = useI18n();
  const mayImport = useMayImport(programmeId);
  const fileId = useId();
  const start = useStartImport();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>("all_or_nothing");
  const [key, setKey] = useState(newKey);
  const [current, setCurrent] = useState<string | null>(null);
  const [missingFile, setMissingFile] = useState(false);

  const send = (dryRun: boolean) => {
    if (!file) {
      setMissingFile(true);
      document.getElementById(fileId)?.focus();
      return;
    }
    start.mutate(
      { programmeId, resource, mode, dryRun, file, idempotencyKey: dryRun ? undefined : key },
      { onSuccess: ({ record }) => setCurrent(record.id) },
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send(true);
  };
  const choose = (next: File | null) => {
    setFile(next);
    setKey(newKey());
    setMissingFile(false);
    setCurrent(null);
    start.reset();
  };

  const problem = start.error instanceof ApiProblem ? start.error : null;
  const fileProblem = problem?.status === 422 ? problem : null;
  const list = LIST_PAGE[resource];
  return (
    <Page title={t(`imports.title.${resource}`)}>
      <div className={styles.page}>
        <Paragraph>
          <Link asChild>
            <RouterLink to={`/p/${programmeId}${list ? `/${list}` : ""}`}>{t(`imports.back.${resource}`)}</RouterLink>
          </Link>
        </Paragraph>
        <Paragraph>{t(`imports.intro.${resource}`)}</Paragraph>
        <TemplateSection resource={resource} />
        {mayImport === undefined ? (
          <Loading />
        ) : !mayImport ? (
          <Alert data-color="info">
            <Paragraph>{t("imports.editorsOnly")}</Paragraph>
          </Alert>
        ) : (
          <form className={styles.form} onSubmit={onSubmit} noValidate aria-labelledby={`${fileId}-heading`}>
            <Heading level={2} data-size="sm" id={`${fileId}-heading`}>
              {t("imports.form.heading")}
            </Heading>
            <div className={styles.file}>
              <label htmlFor={fileId} className="ds-label">
                {t("imports.form.file")}
              </label>
              <p id={`${fileId}-help`} className="ds-paragraph" data-size="sm">
                {t("imports.form.fileHelp")}
              </p>
              <input
                id={fileId}
                type="file"
                accept={ACCEPT}
                aria-describedby={`${fileId}-help${missingFile ? ` ${fileId}-missing` : ""}`}
                aria-invalid={missingFile || undefined}
                onChange={(e) => choose(e.target.files?.[0] ?? null)}
              />
              {missingFile && (
                <p id={`${fileId}-missing`} className="ds-validation-message" data-color="danger">
                  {t("imports.form.fileMissing")}
                </p>
              )}
            </div>
            <Fieldset>
              <Fieldset.Legend>{t("imports.form.mode")}</Fieldset.Legend>
              {(["all_or_nothing", "valid_rows"] as const).map((value) => (
                <Radio
                  key={value}
                  name="mode"
                  value={value}
                  label={t(`imports.mode.${value}`)}
                  description={t(`imports.mode.${value}.help`)}
                  checked={mode === value}
                  onChange={() => {
                    setMode(value);
                    // Other options with the same key would be refused as a reused key.
                    setKey(newKey());
                  }}
                />
              ))}
            </Fieldset>
            <div className={styles.buttons}>
              <Button type="submit" variant="secondary" loading={start.isPending && start.variables?.dryRun}>
                {t("imports.form.dryRun")}
              </Button>
              <Button
                type="button"
                loading={start.isPending && !start.variables?.dryRun}
                aria-disabled={start.isPending || undefined}
                onClick={() => !start.isPending && send(false)}
              >
                {t("imports.form.import")}
              </Button>
            </div>
          </form>
        )}
        {fileProblem && <FileProblem problem={fileProblem} />}
        {start.error && !fileProblem && <ProblemAlert error={start.error} />}
        {current && !start.isPending && <ImportResult id={current} />}
        <RecentImports programmeId={programmeId} resource={resource} />
      </div>
    </Page>
  );
}

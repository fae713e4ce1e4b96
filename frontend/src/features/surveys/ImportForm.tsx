import { Alert, Button, Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { useImportResults, type ImportReport } from "../../api/queries/surveys";
import { ProblemAlert } from "../../components/QueryState";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import own from "./surveys.module.css";

/** Import aggregate results from another tool: check the file first (dry run), then save it. */
export function ImportForm({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const inputId = useId();
  const upload = useImportResults();
  const word = useProblemWording();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [saved, setSaved] = useState<ImportReport | null>(null);
  const problem = upload.error instanceof ApiProblem ? upload.error : null;
  const rowErrors = problem?.status === 422 ? problem.errors : [];

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setSaved(null);
    upload.mutate({ roundId, file, dryRun: true }, { onSuccess: setChecked });
  };
  const save = () => {
    if (!file) return;
    upload.mutate(
      { roundId, file, dryRun: false },
      {
        onSuccess: (report) => {
          setSaved(report);
          setChecked(null);
        },
      },
    );
  };

  return (
    <section className={own.section} aria-labelledby="import-heading">
      <Heading level={2} data-size="sm" id="import-heading">
        {t("surveys.import.title")}
      </Heading>
      <Paragraph>{t("surveys.import.help")}</Paragraph>
      <form className={own.form} onSubmit={check} noValidate>
        <div>
          <label htmlFor={inputId} className="ds-label">
            {t("surveys.import.file")}
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setChecked(null);
              upload.reset();
            }}
          />
        </div>
        <div className={own.row}>
          <Button type="submit" variant="secondary" disabled={!file} aria-busy={upload.isPending && upload.variables?.dryRun}>
            {t("surveys.import.check")}
          </Button>
          {checked && (
            <Button type="button" onClick={save} aria-busy={upload.isPending && !upload.variables?.dryRun}>
              {t("surveys.import.save", { count: checked.rows.length })}
            </Button>
          )}
        </div>
      </form>
      <div role="status">
        {checked && (
          <Alert data-color="info">
            <Paragraph>{t("surveys.import.checked", { count: checked.rows.length })}</Paragraph>
          </Alert>
        )}
        {saved && (
          <Alert data-color="success">
            <Paragraph>{t("surveys.import.saved", { count: saved.rows.length })}</Paragraph>
          </Alert>
        )}
      </div>
      {checked && <RowsTable report={checked} />}
      {rowErrors.length > 0 && (
        <>
          <Alert data-color="danger" role="alert">
            <Paragraph>{t("surveys.import.errors", { count: rowErrors.length })}</Paragraph>
          </Alert>
          <div className={own.tableWrap}>
            <Table data-size="sm">
              <caption className={layout.visuallyHidden}>{t("surveys.import.errorsCaption")}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("surveys.import.row")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("surveys.import.column")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("surveys.import.problem")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rowErrors.map((item, i) => {
                  const [, , row, column] = (item.pointer ?? "").split("/");
                  return (
                    <Table.Row key={i}>
                      <Table.Cell>{row ?? ""}</Table.Cell>
                      <Table.Cell>{column ?? ""}</Table.Cell>
                      <Table.Cell>{t(`surveys.import.code.${item.code}`) !== `surveys.import.code.${item.code}` ? t(`surveys.import.code.${item.code}`) : word(item)}</Table.Cell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </div>
        </>
      )}
      {upload.error && rowErrors.length === 0 && <ProblemAlert error={upload.error} />}
    </section>
  );
}

function RowsTable({ report }: { report: ImportReport }) {
  const { t, formatNumber } = useI18n();
  return (
    <div className={own.tableWrap}>
      <Table data-size="sm">
        <caption className={layout.visuallyHidden}>{t("surveys.import.rowsCaption")}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t("surveys.import.row")}</Table.HeaderCell>
            <Table.HeaderCell>{t("surveys.import.question")}</Table.HeaderCell>
            <Table.HeaderCell>n</Table.HeaderCell>
            <Table.HeaderCell>{t("surveys.import.mean")}</Table.HeaderCell>
            <Table.HeaderCell>{t("surveys.import.new")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {report.rows.map((r) => (
            <Table.Row key={r.row}>
              <Table.Cell>{r.row}</Table.Cell>
              <Table.Cell>{r.question}</Table.Cell>
              <Table.Cell>{r.n}</Table.Cell>
              <Table.Cell>{r.mean === null || r.mean === undefined ? "—" : formatNumber(r.mean)}</Table.Cell>
              <Table.Cell>{t(r.creates_question ? "common.yes" : "common.no")}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

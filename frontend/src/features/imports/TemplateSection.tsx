import { Button, Details, Heading, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { downloadTemplate, templatesQuery, type PageResource, type TemplateColumn } from "../../api/queries/imports";
import { DownloadProblem, useDownload } from "../../components/ExportButton";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { TableScroll } from "../../components/TableScroll";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import styles from "./imports.module.css";

/** What the file should look like: the template to download and its columns explained. */
export function TemplateSection({ resource }: { resource: PageResource }) {
  const { t } = useI18n();
  const headingId = useId();
  const { busy, done, error, run } = useDownload<"csv" | "xlsx">();
  const download = (format: "csv" | "xlsx") => run(format, () => downloadTemplate(resource, format));
  return (
    <section className={styles.template} aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t("imports.template.heading")}
      </Heading>
      <Paragraph>{t("imports.template.text")}</Paragraph>
      <div className={styles.buttons} role="group" aria-label={t("imports.template.download")}>
        {(["csv", "xlsx"] as const).map((format) => (
          <Button
            key={format}
            variant="secondary"
            data-size="sm"
            loading={busy === format}
            aria-disabled={(busy !== null && busy !== format) || undefined}
            onClick={() => busy === null && download(format)}
          >
            {t(`imports.template.${format}`)}
          </Button>
        ))}
      </div>
      <p aria-live="polite" className={layout.visuallyHidden}>
        {busy ? t("export.busy") : done}
      </p>
      <DownloadProblem error={error} />
      <Details>
        <Details.Summary>{t("imports.template.columns")}</Details.Summary>
        <Details.Content>
          <Columns resource={resource} />
        </Details.Content>
      </Details>
    </section>
  );
}

function Columns({ resource }: { resource: PageResource }) {
  const { t } = useI18n();
  const templates = useQuery(templatesQuery());
  if (templates.isPending) return <Loading />;
  if (templates.isError) return <ProblemAlert error={templates.error} />;
  const columns = templates.data.find((template) => template.resource === resource)?.columns ?? [];
  if (columns.length === 0) return <Paragraph>{t("imports.template.noColumns")}</Paragraph>;
  return (
    <>
      <Paragraph data-size="sm">{t("imports.template.columnsHelp")}</Paragraph>
      <TableScroll label={t("imports.template.columns")}>
        <Table data-size="sm" className={styles.table}>
          <caption className={layout.visuallyHidden}>{t("imports.template.columns")}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("imports.template.column")}</Table.HeaderCell>
              <Table.HeaderCell>{t("imports.template.required")}</Table.HeaderCell>
              <Table.HeaderCell>{t("imports.template.type")}</Table.HeaderCell>
              <Table.HeaderCell>{t("imports.template.values")}</Table.HeaderCell>
              <Table.HeaderCell>{t("imports.template.norwegian")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {columns.map((column) => (
              <ColumnRow key={column.header} column={column} />
            ))}
          </Table.Body>
        </Table>
      </TableScroll>
    </>
  );
}

function ColumnRow({ column }: { column: TemplateColumn }) {
  const { t } = useI18n();
  return (
    <Table.Row>
      <Table.Cell>
        <code>{column.header}</code>
      </Table.Cell>
      <Table.Cell>
        {column.required ? <Tag data-color="warning">{t("imports.template.yes")}</Tag> : t("imports.template.no")}
      </Table.Cell>
      <Table.Cell>
        {t(`imports.template.type.${column.type}`)}
        {column.refers_to && ` (${t(`imports.template.refersTo.${column.refers_to}`)})`}
      </Table.Cell>
      <Table.Cell>
        {column.accepted_values.length > 0 && (
          <ul className={styles.values}>
            {column.accepted_values.map(({ value }) => (
              <li key={value}>
                <code>{value}</code>
              </li>
            ))}
          </ul>
        )}
      </Table.Cell>
      <Table.Cell>{column.norwegian_names.join(", ")}</Table.Cell>
    </Table.Row>
  );
}

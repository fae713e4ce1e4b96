import { Heading, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { recentImportsQuery, type ImportResource, type ImportStatus } from "../../api/queries/imports";
import { TableScroll } from "../../components/TableScroll";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import styles from "./imports.module.css";

const STATUS_COLOR: Record<ImportStatus, "neutral" | "info" | "success" | "warning" | "danger"> = {
  queued: "neutral",
  running: "info",
  succeeded: "success",
  failed: "danger",
  cancelled: "warning",
};

/** The programme's latest imports of this kind of record: when, which file, how it went. */
export function RecentImports({
  programmeId,
  resource,
}: {
  programmeId: string;
  resource: ImportResource;
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const headingId = useId();
  const imports = useQuery(recentImportsQuery(programmeId, resource));
  const items = imports.data?.items ?? [];
  return (
    <section className={styles.recent} aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t("imports.recent.heading")}
      </Heading>
      {imports.isError ? (
        <Paragraph>{t("imports.recent.unavailable")}</Paragraph>
      ) : items.length === 0 ? (
        <Paragraph>{imports.isPending ? t("common.loading") : t("imports.recent.none")}</Paragraph>
      ) : (
        <TableScroll labelledBy={headingId}>
          <Table data-size="sm" className={styles.table}>
            <caption className={layout.visuallyHidden}>{t("imports.recent.caption")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("imports.recent.when")}</Table.HeaderCell>
                <Table.HeaderCell>{t("imports.recent.file")}</Table.HeaderCell>
                <Table.HeaderCell>{t("imports.recent.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("imports.counts.created")}</Table.HeaderCell>
                <Table.HeaderCell>{t("imports.counts.updated")}</Table.HeaderCell>
                <Table.HeaderCell>{t("imports.counts.unchanged")}</Table.HeaderCell>
                <Table.HeaderCell>{t("imports.counts.failed")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((item) => (
                <Table.Row key={item.id}>
                  <Table.Cell>{formatDateTime(item.created_at)}</Table.Cell>
                  <Table.Cell>
                    {item.filename ?? "—"}
                    {item.dry_run && ` (${t("imports.recent.dryRun")})`}
                  </Table.Cell>
                  <Table.Cell>
                    <Tag data-color={STATUS_COLOR[item.status]}>{t(`imports.status.${item.status}`)}</Tag>
                  </Table.Cell>
                  <Table.Cell>{formatNumber(item.counts.created)}</Table.Cell>
                  <Table.Cell>{formatNumber(item.counts.updated)}</Table.Cell>
                  <Table.Cell>{formatNumber(item.counts.unchanged)}</Table.Cell>
                  <Table.Cell>{formatNumber(item.counts.failed)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
    </section>
  );
}

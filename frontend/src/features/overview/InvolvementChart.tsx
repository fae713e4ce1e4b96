import { Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import type { Schemas } from "../../api/client";
import layout from "../../components/layout.module.css";
import { TableScroll } from "../../components/TableScroll";
import { useI18n } from "../../i18n";
import styles from "./overview.module.css";

const KINDS = [
  "employees",
  "union_representatives",
  "safety_representatives",
  "users",
  "citizens",
  "elected_officials",
  "nav",
  "other",
] as const;
type Kind = (typeof KINDS)[number];
type Counts = Partial<Record<Kind, number>>;

/**
 * Involvement per project by stakeholder kind: a stacked bar per project, every project
 * included, those with none marked in words (not colour alone), and the same numbers as a table.
 */
export function InvolvementChart({ data }: { data: Schemas["ProgrammeOverview"] }) {
  const { t } = useI18n();
  const rows = [
    ...data.projects.map((p) => ({ key: p.id, label: `${p.code} ${p.name}`, counts: p.involvement as Counts })),
    { key: "programme", label: t("overview.wholeProgramme"), counts: data.programme_involvement as Counts },
  ].map((row) => ({ ...row, total: KINDS.reduce((sum, k) => sum + (row.counts[k] ?? 0), 0) }));
  const used = KINDS.filter((k) => rows.some((r) => (r.counts[k] ?? 0) > 0));
  const max = Math.max(1, ...rows.map((r) => r.total));
  const without = data.projects.filter((p) => Object.keys(p.involvement).length === 0).length;
  return (
    <figure className={styles.chart} aria-labelledby="involvement-caption">
      <figcaption id="involvement-caption" className={layout.visuallyHidden}>
        {t("overview.involvement")}
      </figcaption>
      <Paragraph data-size="sm">
        {without === 0
          ? t("overview.involvementEveryProject")
          : t("overview.involvementMissing", { count: without, total: data.projects.length })}
      </Paragraph>
      {used.length > 0 && (
        <ul className={styles.legend} aria-hidden="true">
          {used.map((k) => (
            <li key={k}>
              <span className={styles.swatch} data-kind={k} /> {t(`overview.kind.${k}`)}
            </li>
          ))}
        </ul>
      )}
      <div aria-hidden="true" className={styles.bars}>
        {rows.map((r) => (
          <div key={r.key} className={styles.barRow} data-none={r.total === 0 ? "true" : undefined}>
            <span className={styles.barLabel}>{r.label}</span>
            {r.total === 0 ? (
              <span className={styles.noneBar}>{t("overview.involvementNone")}</span>
            ) : (
              <span className={styles.bar} style={{ width: `${(r.total / max) * 100}%` }}>
                {used
                  .filter((k) => (r.counts[k] ?? 0) > 0)
                  .map((k) => (
                    <span
                      key={k}
                      className={styles.segment}
                      data-kind={k}
                      style={{ flexGrow: r.counts[k] }}
                      title={`${t(`overview.kind.${k}`)}: ${r.counts[k]}`}
                    >
                      {r.counts[k]}
                    </span>
                  ))}
              </span>
            )}
          </div>
        ))}
      </div>
      <TableScroll label={t("overview.involvementTable")}>
        <Table data-size="sm" className={styles.chartTable}>
          <caption>{t("overview.involvementTable")}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t("overview.project")}</Table.HeaderCell>
              {used.map((k) => (
                <Table.HeaderCell scope="col" key={k}>
                  {t(`overview.kind.${k}`)}
                </Table.HeaderCell>
              ))}
              <Table.HeaderCell scope="col">{t("overview.total")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((r) => (
              <Table.Row key={r.key} data-none={r.total === 0 ? "true" : undefined}>
                <Table.HeaderCell scope="row">
                  {r.label}
                  {r.total === 0 && r.key !== "programme" && (
                    <>
                      {" "}
                      <Tag data-color="warning" data-size="sm">
                        {t("overview.involvementNone")}
                      </Tag>
                    </>
                  )}
                </Table.HeaderCell>
                {used.map((k) => (
                  <Table.Cell key={k}>{r.counts[k] ?? 0}</Table.Cell>
                ))}
                <Table.Cell>{r.total}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </TableScroll>
    </figure>
  );
}

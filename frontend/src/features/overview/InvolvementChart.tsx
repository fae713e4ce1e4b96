import { Paragraph, Table } from "@digdir/designsystemet-react";
import type { Schemas } from "../../api/client";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import styles from "./overview.module.css";
import { TableScroll } from "../../components/TableScroll";

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

/**
 * Involvement per project by stakeholder kind: a stacked bar per project with a legend whose
 * patterns and labels carry the meaning (not colour alone), and the same numbers as a table.
 */
export function InvolvementChart({ data }: { data: Schemas["ProgrammeOverview"] }) {
  const { t } = useI18n();
  const rows = [
    ...data.projects.map((p) => ({ id: p.id as string | null, label: `${p.code} ${p.name}` })),
    { id: null, label: t("overview.wholeProgramme") },
  ].map((row) => {
    const counts = Object.fromEntries(
      KINDS.map((k) => [
        k,
        data.involvement.find((c) => c.project_id === row.id && c.stakeholder_kind === k)?.count ?? 0,
      ]),
    ) as Record<(typeof KINDS)[number], number>;
    return { ...row, counts, total: KINDS.reduce((sum, k) => sum + counts[k], 0) };
  });
  const used = KINDS.filter((k) => rows.some((r) => r.counts[k] > 0));
  const max = Math.max(1, ...rows.map((r) => r.total));
  if (used.length === 0) return <Paragraph>{t("overview.noInvolvement")}</Paragraph>;
  return (
    <figure className={styles.chart} aria-labelledby="involvement-caption">
      <figcaption id="involvement-caption" className={layout.visuallyHidden}>
        {t("overview.involvement")}
      </figcaption>
      <ul className={styles.legend} aria-hidden="true">
        {used.map((k) => (
          <li key={k}>
            <span className={styles.swatch} data-kind={k} /> {t(`overview.kind.${k}`)}
          </li>
        ))}
      </ul>
      <div aria-hidden="true" className={styles.bars}>
        {rows
          .filter((r) => r.total > 0)
          .map((r) => (
            <div key={r.id ?? "programme"} className={styles.barRow}>
              <span className={styles.barLabel}>{r.label}</span>
              <span className={styles.bar} style={{ width: `${(r.total / max) * 100}%` }}>
                {used
                  .filter((k) => r.counts[k] > 0)
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
            </div>
          ))}
      </div>
      <TableScroll label={t("overview.involvementTable")}>
        <Table data-size="sm" className={styles.chartTable}>
          <caption>{t("overview.involvementTable")}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("overview.project")}</Table.HeaderCell>
              {used.map((k) => (
                <Table.HeaderCell key={k}>{t(`overview.kind.${k}`)}</Table.HeaderCell>
              ))}
              <Table.HeaderCell>{t("overview.total")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((r) => (
              <Table.Row key={r.id ?? "programme"}>
                <Table.HeaderCell scope="row">{r.label}</Table.HeaderCell>
                {used.map((k) => (
                  <Table.Cell key={k}>{r.counts[k]}</Table.Cell>
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

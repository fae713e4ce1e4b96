import { Checkbox, Heading, Link, Paragraph, Table } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import {
  deliveryMatrixQuery,
  type DeliveryMatrix,
  type MatrixArea,
  type MatrixCell,
  type MatrixDelivery,
} from "../../api/queries/deliveries";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { useI18n, type Translate } from "../../i18n";
import styles from "./deliveries.module.css";

const DAY = 24 * 60 * 60;

/** The order of the legend, and the marks that go with each word (never the colour alone). */
export const DELIVERIES: MatrixDelivery[] = ["on_time", "late", "missing", "pending", "waived", "none"];
const MARK: Record<MatrixDelivery, string> = {
  on_time: "✓",
  late: "!",
  missing: "✕",
  pending: "…",
  waived: "–",
  none: "",
};

/** A cell in words: «I tide», «For sent (3 dager)», «Mangler», … */
export function deliveryWord(t: Translate, cell: Pick<MatrixCell, "delivery" | "late_by_seconds">): string {
  if (cell.delivery === "late" && cell.late_by_seconds) {
    const days = Math.max(1, Math.floor(cell.late_by_seconds / DAY));
    return t(days === 1 ? "deliveries.lateBy.one" : "deliveries.lateBy.many", { count: days });
  }
  return t(`deliveries.delivery.${cell.delivery}`);
}

/** A delivery in words with its mark and colour: the words carry it, the mark and colour only
 * add to them. */
export function DeliveryMark({ delivery, children }: { delivery: MatrixDelivery; children: ReactNode }) {
  return (
    <span className={styles.cell} data-delivery={delivery}>
      <span aria-hidden="true" className={styles.mark}>
        {MARK[delivery]}
      </span>
      {children}
    </span>
  );
}

const needsAttention = (area: MatrixArea) => area.cells.some((c) => c.delivery === "late" || c.delivery === "missing");

/** The delivery matrix: every area's versions, on time, late or missing at a glance. */
export default function DeliveriesPage() {
  const { t } = useI18n();
  const { programmeId = "" } = useParams();
  const matrix = useQuery(deliveryMatrixQuery(programmeId));
  return (
    <Page title={t("deliveries.title")}>
      <Paragraph>{t("deliveries.intro")}</Paragraph>
      <QueryState query={matrix}>{(data) => <Matrix programmeId={programmeId} data={data} />}</QueryState>
    </Page>
  );
}

function Matrix({ programmeId, data }: { programmeId: string; data: DeliveryMatrix }) {
  const { t } = useI18n();
  const [onlyAttention, setOnlyAttention] = useState(false);
  const captionId = useId();
  const legendId = useId();
  if (data.areas.length === 0) return <Paragraph>{t("deliveries.empty")}</Paragraph>;
  const areas = onlyAttention ? data.areas.filter(needsAttention) : data.areas;
  return (
    <>
      <Checkbox
        label={t("deliveries.filter.attention")}
        checked={onlyAttention}
        onChange={(e) => setOnlyAttention(e.target.checked)}
      />
      <section aria-labelledby={legendId} className={styles.legend}>
        <Heading level={2} data-size="xs" id={legendId}>
          {t("deliveries.legend")}
        </Heading>
        <ul>
          {DELIVERIES.filter((d) => d !== "none").map((d) => (
            <li key={d}>
              <DeliveryMark delivery={d}>{t(`deliveries.delivery.${d}`)}</DeliveryMark>
            </li>
          ))}
        </ul>
      </section>
      {areas.length === 0 ? (
        <Paragraph role="status">{t("deliveries.filter.none")}</Paragraph>
      ) : (
        // The table scrolls in its own labelled region, so that the page does not at 320 px.
        <div className={styles.scroll} role="region" aria-labelledby={captionId} tabIndex={0}>
          <Table data-size="sm" className={styles.table}>
            <caption id={captionId}>{t("deliveries.caption")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("deliveries.area")}</Table.HeaderCell>
                {data.versions.map((v) => (
                  <Table.HeaderCell scope="col" key={v.label}>
                    {t("deliveries.version", { label: v.label })}
                  </Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {areas.map((area) => (
                <Table.Row key={`${area.kind}:${area.id}`}>
                  <Table.HeaderCell scope="row">
                    {area.code ? `${area.code} ${area.name}` : area.name}
                  </Table.HeaderCell>
                  {area.cells.map((cell) => (
                    <Table.Cell key={cell.label}>
                      <Cell programmeId={programmeId} area={area} cell={cell} />
                    </Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </>
  );
}

function Cell({ programmeId, area, cell }: { programmeId: string; area: MatrixArea; cell: MatrixCell }) {
  const { t } = useI18n();
  const word = deliveryWord(t, cell);
  const content = <DeliveryMark delivery={cell.delivery}>{word}</DeliveryMark>;
  if (cell.delivery === "none") return content;
  return (
    <Link asChild>
      <RouterLink
        to={`/p/${programmeId}/submissions/${cell.submission_id}`}
        aria-label={t("deliveries.cellLink", {
          area: area.code ?? area.name,
          version: cell.label,
          delivery: word,
        })}
      >
        {content}
      </RouterLink>
    </Link>
  );
}

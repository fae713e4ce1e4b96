import { Button, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { indicatorsQuery, measurableGoalsQuery, type Indicator } from "../../api/queries/indicators";
import { Page } from "../../components/Page";
import { PagedTable } from "../../components/PagedTable";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { formatProgress, formatValue } from "./format";
import { IndicatorDialog } from "./IndicatorDialog";
import own from "./indicators.module.css";

/** When the next measurement is due, and whether it is overdue (in words, not only colour). */
export function NextDue({ indicator }: { indicator: Indicator }) {
  const { t, formatDate } = useI18n();
  if (!indicator.next_measurement_due) return <>—</>;
  return (
    <span className={own.nowrap}>
      {formatDate(indicator.next_measurement_due)}{" "}
      {indicator.follow_up_overdue && (
        <Tag data-size="sm" data-color="danger">
          {t("indicators.overdue")}
        </Tag>
      )}
    </span>
  );
}

/** The indicators of a programme: each one's latest value against its baseline and target. */
export default function IndicatorsPage() {
  const { programmeId = "" } = useParams();
  const { t, locale, formatDate } = useI18n();
  const query = useInfiniteQuery(indicatorsQuery(programmeId));
  const goals = useQuery(measurableGoalsQuery(programmeId));
  const goalTitles = new Map((goals.data ?? []).map((g) => [g.id, g.title]));
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState("");
  const valueWithDate = (value: number | null | undefined, on: string | null | undefined, unit?: string | null) =>
    value === null || value === undefined ? "—" : `${formatValue(value, locale, unit)} (${formatDate(on)})`;

  return (
    <Page title={t("indicators.title")} actions={<Button onClick={() => setAdding(true)}>{t("indicators.new")}</Button>}>
      <Paragraph>{t("indicators.intro")}</Paragraph>
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      <PagedTable
        query={query}
        empty={t("indicators.none")}
        caption={t("indicators.list.caption")}
        head={
          <>
            <Table.HeaderCell scope="col">{t("indicators.field.name")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("indicators.field.goal")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("indicators.latest")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("indicators.baseline")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("indicators.target")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("indicators.progress")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("indicators.nextDue")}</Table.HeaderCell>
          </>
        }
        row={(indicator: Indicator) => (
          <Table.Row key={indicator.id}>
            <Table.HeaderCell scope="row">
              <Link asChild>
                <RouterLink to={`/p/${programmeId}/indicators/${indicator.id}`}>{indicator.name}</RouterLink>
              </Link>
            </Table.HeaderCell>
            <Table.Cell>{goalTitles.get(indicator.goal_id) ?? "—"}</Table.Cell>
            <Table.Cell>{valueWithDate(indicator.latest_value, indicator.latest_on, indicator.unit)}</Table.Cell>
            <Table.Cell>{valueWithDate(indicator.baseline_value, indicator.baseline_on, indicator.unit)}</Table.Cell>
            <Table.Cell>{valueWithDate(indicator.target_value, indicator.target_on, indicator.unit)}</Table.Cell>
            <Table.Cell>{formatProgress(indicator.progress, locale)}</Table.Cell>
            <Table.Cell>
              <NextDue indicator={indicator} />
            </Table.Cell>
          </Table.Row>
        )}
      />
      {adding && (
        <IndicatorDialog
          programmeId={programmeId}
          onClose={(done) => {
            setAdding(false);
            if (done) setMessage(done);
          }}
        />
      )}
    </Page>
  );
}

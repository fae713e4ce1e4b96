import { Alert, Button, Dialog, Heading, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { authFetch } from "../../api/client";
import { problemFrom } from "../../api/problem";
import {
  etagOf,
  measurableGoalsQuery,
  seriesQuery,
  useDeleteMeasurement,
  useUpdateMeasurement,
  type IndicatorSeries,
  type SeriesPoint,
} from "../../api/queries/indicators";
import { Page } from "../../components/Page";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n, type Translate } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { formatChange, formatProgress, formatValue } from "./format";
import { IndicatorChart } from "./IndicatorChart";
import { IndicatorDialog } from "./IndicatorDialog";
import { NextDue } from "./IndicatorsPage";
import { MeasurementDialog } from "./MeasurementDialog";
import own from "./indicators.module.css";
import { useFocusOnOpen } from "../../lib/focus";

type Format = ReturnType<typeof useI18n>;

/** The chart in words: how many measurements, from where to where, against baseline and target. */
export function seriesSummary(series: IndicatorSeries, { t, locale, formatDate }: Pick<Format, "t" | "locale" | "formatDate">) {
  const { indicator, points } = series;
  const value = (v: number) => formatValue(v, locale, indicator.unit);
  const parts: string[] = [];
  if (points.length === 0) parts.push(t("indicators.summary.none"));
  else {
    const first = points[0];
    const last = points[points.length - 1];
    parts.push(
      t(points.length === 1 ? "indicators.summary.one" : "indicators.summary.many", {
        count: points.length,
        from: formatDate(first.measured_on),
        to: formatDate(last.measured_on),
      }),
    );
    parts.push(t("indicators.summary.latest", { value: value(last.value), date: formatDate(last.measured_on) }));
  }
  if (indicator.baseline_value !== null && indicator.baseline_value !== undefined) {
    parts.push(
      t("indicators.summary.baseline", {
        value: value(indicator.baseline_value),
        date: formatDate(indicator.baseline_on),
      }),
    );
  } else parts.push(t("indicators.summary.noBaseline"));
  if (indicator.target_value !== null && indicator.target_value !== undefined) {
    parts.push(
      t("indicators.summary.target", { value: value(indicator.target_value), date: formatDate(indicator.target_on) }),
    );
  }
  if (indicator.progress !== null && indicator.progress !== undefined) {
    parts.push(t("indicators.summary.progress", { progress: formatProgress(indicator.progress, locale) }));
  }
  return parts.join(" ");
}

function baselineSource(series: IndicatorSeries, t: Translate) {
  const { indicator } = series;
  if (indicator.baseline_value === null || indicator.baseline_value === undefined) return "";
  if (!indicator.baseline_measurement_id) return t("indicators.baselineSource.entered");
  const marked = series.points.some((p) => p.measurement_id === indicator.baseline_measurement_id && p.marked_as_baseline);
  return t(marked ? "indicators.baselineSource.marked" : "indicators.baselineSource.first");
}

async function downloadCsv(indicatorId: string, name: string) {
  const response = await authFetch(new Request(`/api/v1/indicators/${indicatorId}/series.csv`));
  if (!response.ok) throw await problemFrom(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = `${name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "indikator"}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}

/** One indicator: its figures, a chart of its measurements with baseline and target, and the same as a table. */
export default function IndicatorPage() {
  const { programmeId = "", indicatorId = "" } = useParams();
  const query = useQuery(seriesQuery(indicatorId));
  return (
    <QueryState query={query}>
      {(series) => <IndicatorView key={series.indicator.id} programmeId={programmeId} series={series} />}
    </QueryState>
  );
}

function IndicatorView({ programmeId, series }: { programmeId: string; series: IndicatorSeries }) {
  const i18n = useI18n();
  const { t, locale, formatDate } = i18n;
  const { indicator, points } = series;
  const goals = useQuery(measurableGoalsQuery(programmeId));
  const goal = goals.data?.find((g) => g.id === indicator.goal_id);
  const summaryId = useId();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<SeriesPoint | null>(null);
  const [deleting, setDeleting] = useState<SeriesPoint | null>(null);
  const [message, setMessage] = useState("");
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const mark = useUpdateMeasurement();
  const remove = useDeleteMeasurement();
  const value = (v: number | null | undefined) => formatValue(v, locale, indicator.unit);
  const closeWith = (close: () => void) => (done?: string) => {
    close();
    if (done) setMessage(done);
  };

  const markAsBaseline = (point: SeriesPoint) =>
    mark.mutate(
      { id: point.measurement_id, etag: etagOf(point), changes: { is_baseline: true } },
      { onSuccess: () => setMessage(t("indicators.measurement.marked", { date: formatDate(point.measured_on) })) },
    );

  return (
    <Page
      title={indicator.name}
      actions={
        <div className={own.pageActions}>
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t("indicators.edit")}
          </Button>
          <Button onClick={() => setAdding(true)}>{t("indicators.measurement.add")}</Button>
        </div>
      }
    >
      <Paragraph className={own.back}>
        <Link asChild>
          <RouterLink to={`/p/${programmeId}/indicators`}>{t("indicators.backToList")}</RouterLink>
        </Link>
      </Paragraph>
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      {indicator.description && <Paragraph>{indicator.description}</Paragraph>}
      <dl className={own.figures}>
        <div>
          <dt>{t("indicators.field.goal")}</dt>
          <dd>
            {goal ? (
              <Link asChild>
                <RouterLink to={`/p/${programmeId}/goals#goal-${goal.id}`}>{goal.title}</RouterLink>
              </Link>
            ) : (
              "—"
            )}
          </dd>
        </div>
        <div>
          <dt>{t("indicators.field.method")}</dt>
          <dd>{t(`indicators.method.${indicator.method}`)}</dd>
        </div>
        <div>
          <dt>{t("indicators.field.direction")}</dt>
          <dd>{t(`indicators.direction.${indicator.direction}`)}</dd>
        </div>
        <div>
          <dt>{t("indicators.baseline")}</dt>
          <dd>
            {indicator.baseline_value === null || indicator.baseline_value === undefined
              ? t("indicators.noBaseline")
              : `${value(indicator.baseline_value)} (${formatDate(indicator.baseline_on)}), ${baselineSource(series, t)}`}
          </dd>
        </div>
        <div>
          <dt>{t("indicators.target")}</dt>
          <dd>
            {indicator.target_value === null || indicator.target_value === undefined
              ? "—"
              : t("indicators.targetBy", { value: value(indicator.target_value), date: formatDate(indicator.target_on) })}
          </dd>
        </div>
        <div>
          <dt>{t("indicators.latest")}</dt>
          <dd>
            {indicator.latest_value === null || indicator.latest_value === undefined
              ? "—"
              : `${value(indicator.latest_value)} (${formatDate(indicator.latest_on)})`}
          </dd>
        </div>
        <div>
          <dt>{t("indicators.progress")}</dt>
          <dd>{formatProgress(indicator.progress, locale)}</dd>
        </div>
        <div>
          <dt>{t("indicators.interval")}</dt>
          <dd>
            {indicator.interval_months ? t("indicators.everyMonths", { count: indicator.interval_months }) : "—"}
          </dd>
        </div>
        <div>
          <dt>{t("indicators.nextDue")}</dt>
          <dd>
            <NextDue indicator={indicator} />
          </dd>
        </div>
      </dl>

      <section className={own.section} aria-labelledby={`${summaryId}-heading`}>
        <Heading level={2} data-size="sm" id={`${summaryId}-heading`}>
          {t("indicators.chart.heading")}
        </Heading>
        <Paragraph id={summaryId}>{seriesSummary(series, i18n)}</Paragraph>
        {points.length > 0 && <IndicatorChart series={series} summaryId={summaryId} />}
      </section>

      <section className={own.section} aria-labelledby={`${summaryId}-table`}>
        <Heading level={2} data-size="sm" id={`${summaryId}-table`}>
          {t("indicators.measurements")}
        </Heading>
        {(mark.error || remove.error) && (
          mark.error instanceof EditConflict ? (
            <Alert data-color="warning" role="alert">
              <Paragraph>{t("indicators.error.conflict")}</Paragraph>
            </Alert>
          ) : (
            <ProblemAlert error={mark.error ?? remove.error} />
          )
        )}
        {points.length === 0 ? (
          <Paragraph>{t("indicators.measurement.none")}</Paragraph>
        ) : (
          <div className={styles.stack}>
            <div className={`${styles.tableWrap} ${own.scroll}`}>
              <Table zebra>
                <caption>{t("indicators.measurement.caption", { name: indicator.name })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell scope="col">{t("indicators.field.measuredOn")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("indicators.field.value")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("indicators.field.respondents")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("indicators.field.source")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("indicators.changeFromBaseline")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("indicators.changeFromPrevious")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">
                      <span className={styles.visuallyHidden}>{t("indicators.measurement.actions")}</span>
                    </Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {points.map((p) => {
                    const date = formatDate(p.measured_on);
                    return (
                      <Table.Row key={p.measurement_id}>
                        <Table.HeaderCell scope="row" className={own.nowrap}>
                          {date}{" "}
                          {p.is_baseline && (
                            <Tag data-size="sm" data-color="info">
                              {t("indicators.baseline")}
                            </Tag>
                          )}
                        </Table.HeaderCell>
                        <Table.Cell className={own.nowrap}>{value(p.value)}</Table.Cell>
                        <Table.Cell>{p.respondents ?? "—"}</Table.Cell>
                        <Table.Cell>
                          {p.source ?? "—"}
                          {p.survey_round_id && <Paragraph data-size="xs">{t("indicators.fromSurvey")}</Paragraph>}
                          {p.note && <Paragraph data-size="xs">{p.note}</Paragraph>}
                        </Table.Cell>
                        <Table.Cell className={own.nowrap}>{formatChange(p.change_from_baseline, locale)}</Table.Cell>
                        <Table.Cell className={own.nowrap}>{formatChange(p.change_from_previous, locale)}</Table.Cell>
                        <Table.Cell>
                          <div className={own.rowActions}>
                            <Button
                              data-size="sm"
                              variant="secondary"
                              onClick={() => setChanging(p)}
                              aria-label={t("indicators.measurement.editFor", { date })}
                            >
                              {t("common.edit")}
                            </Button>
                            {!p.is_baseline && (
                              <Button
                                data-size="sm"
                                variant="secondary"
                                onClick={() => markAsBaseline(p)}
                                aria-busy={mark.isPending && mark.variables?.id === p.measurement_id}
                                aria-label={t("indicators.measurement.markFor", { date })}
                              >
                                {t("indicators.measurement.mark")}
                              </Button>
                            )}
                            <Button
                              data-size="sm"
                              variant="tertiary"
                              data-color="danger"
                              onClick={() => setDeleting(p)}
                              aria-label={t("indicators.measurement.deleteFor", { date })}
                            >
                              {t("common.delete")}
                            </Button>
                          </div>
                        </Table.Cell>
                      </Table.Row>
                    );
                  })}
                </Table.Body>
              </Table>
            </div>
            <div>
              <Button
                variant="secondary"
                onClick={() => downloadCsv(indicator.id, indicator.name).then(() => setDownloadError(null), setDownloadError)}
              >
                {t("indicators.downloadCsv")}
              </Button>
              {downloadError !== null && <ProblemAlert error={downloadError} />}
            </div>
          </div>
        )}
      </section>

      {editing && (
        <IndicatorDialog programmeId={programmeId} indicator={indicator} onClose={closeWith(() => setEditing(false))} />
      )}
      {adding && <MeasurementDialog indicator={indicator} onClose={closeWith(() => setAdding(false))} />}
      {changing && (
        <MeasurementDialog indicator={indicator} point={changing} onClose={closeWith(() => setChanging(null))} />
      )}
      {deleting && (
        <DeleteMeasurement
          point={deleting}
          pending={remove.isPending}
          onCancel={() => setDeleting(null)}
          onConfirm={() =>
            remove.mutate(deleting, {
              onSuccess: () => setMessage(t("indicators.measurement.deleted", { date: formatDate(deleting.measured_on) })),
              onSettled: () => setDeleting(null),
            })
          }
        />
      )}
    </Page>
  );
}

function DeleteMeasurement({
  point,
  pending,
  onCancel,
  onConfirm,
}: {
  point: SeriesPoint;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t, formatDate } = useI18n();
  const headingId = useId();
  const focusRef = useFocusOnOpen<HTMLDialogElement>();
  return (
    <Dialog ref={focusRef} open modal closeButton={t("common.close")} onClose={onCancel} aria-labelledby={headingId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={headingId}>
          {t("indicators.measurement.deleteTitle", { date: formatDate(point.measured_on) })}
        </Heading>
        <Paragraph>{t(point.is_baseline ? "indicators.measurement.deleteBaselineText" : "indicators.measurement.deleteText")}</Paragraph>
      </Dialog.Block>
      <Dialog.Block>
        <div className={styles.actions}>
          <Button data-color="danger" onClick={onConfirm} aria-busy={pending}>
            {t("common.delete")}
          </Button>
          <Button variant="secondary" onClick={onCancel} data-autofocus>
            {t("common.cancel")}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}

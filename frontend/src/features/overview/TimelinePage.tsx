import { Button, Link, Paragraph, Table } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import { timelineQuery } from "../../api/queries/programmes";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { TableScroll } from "../../components/TableScroll";
import { useI18n } from "../../i18n";
import { osloDate } from "../../lib/time";
import { daysBetween, entriesOf, pixelsPerDay, rowsOf, ticks, ZOOMS, type Timeline, type Zoom } from "./gantt";
import styles from "./timeline.module.css";

const ROW = 34;
const HEAD = 30;

/** The programme's phases, deadlines and decisions on a time axis, with a table in its stead. */
export default function TimelinePage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const timeline = useQuery(timelineQuery(programmeId));
  return (
    <Page title={t("timeline.title")}>
      <Paragraph>
        <Link asChild>
          <RouterLink to={`/p/${programmeId}`}>{t("timeline.back")}</RouterLink>
        </Link>
      </Paragraph>
      <QueryState query={timeline}>{(data) => <TimelineBody data={data} base={`/p/${programmeId}`} />}</QueryState>
    </Page>
  );
}

function TimelineBody({ data, base }: { data: Timeline; base: string }) {
  const { t, formatDate } = useI18n();
  const [zoom, setZoom] = useState<Zoom>("all");
  const truncated = data.phases_truncated || data.deadlines_truncated || data.decisions_truncated;
  const onKey = (event: KeyboardEvent) => {
    const i = ZOOMS.indexOf(zoom);
    if ((event.key === "+" || event.key === "=") && i < ZOOMS.length - 1) setZoom(ZOOMS[i + 1]!);
    else if (event.key === "-" && i > 0) setZoom(ZOOMS[i - 1]!);
    else return;
    event.preventDefault();
  };
  return (
    <div className={styles.stack}>
      <Paragraph>
        {t("timeline.window", { from: formatDate(data.from), to: formatDate(data.to), today: formatDate(data.today) })}
      </Paragraph>
      {truncated && <Paragraph>{t("timeline.truncated")}</Paragraph>}
      <div role="group" aria-label={t("timeline.zoom")} className={styles.zoom} onKeyDown={onKey}>
        {ZOOMS.map((z) => (
          <Button
            key={z}
            variant={z === zoom ? "primary" : "secondary"}
            data-size="sm"
            aria-pressed={z === zoom}
            onClick={() => setZoom(z)}
          >
            {t(`timeline.zoom.${z}`)}
          </Button>
        ))}
      </div>
      <Paragraph data-size="sm">{t("timeline.keys")}</Paragraph>
      <Legend />
      <Gantt data={data} zoom={zoom} onKey={onKey} />
      <details className={styles.details}>
        <summary>{t("timeline.asTable")}</summary>
        <TimelineTable data={data} base={base} />
      </details>
    </div>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <ul className={styles.legend}>
      <li>
        <svg width="28" height="12" aria-hidden="true">
          <rect x="1" y="1" width="26" height="10" className={styles.phase} data-status="active" />
        </svg>{" "}
        {t("timeline.legend.phase")}
      </li>
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <polygon points="7,1 13,7 7,13 1,7" className={styles.deadline} data-overdue="true" />
        </svg>{" "}
        {t("timeline.legend.overdue")}
      </li>
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <polygon points="7,1 13,7 7,13 1,7" className={styles.deadline} />
        </svg>{" "}
        {t("timeline.legend.deadline")}
      </li>
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <circle cx="7" cy="7" r="5" className={styles.decision} />
        </svg>{" "}
        {t("timeline.legend.decision")}
      </li>
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <line x1="7" y1="0" x2="7" y2="14" className={styles.today} />
        </svg>{" "}
        {t("timeline.legend.today")}
      </li>
    </ul>
  );
}

function Gantt({ data, zoom, onKey }: { data: Timeline; zoom: Zoom; onKey: (e: KeyboardEvent) => void }) {
  const { t, formatDate, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const days = daysBetween(data.from, data.to) + 1;
  const perDay = pixelsPerDay(zoom, days, width - 4);
  const x = (day: string) => Math.max(0, Math.min(days, daysBetween(data.from, day))) * perDay;
  const rows = rowsOf(data, t("overview.wholeProgramme"));
  const rowOf = new Map(rows.map((r, i) => [r.projectId ?? "programme", i]));
  const y = (projectId: string | null | undefined) => HEAD + (rowOf.get(projectId ?? "programme") ?? 0) * ROW;
  const svgWidth = Math.ceil(days * perDay) + 2;
  const height = HEAD + rows.length * ROW;
  const todayIn = data.today >= data.from && data.today <= data.to;
  useEffect(() => {
    const el = box.current;
    if (el && todayIn && zoom !== "all") el.scrollLeft = Math.max(0, x(data.today) - el.clientWidth / 2);
    // Only when the zoom changes: the reader's own scrolling is left alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [zoom]);
  const month = new Intl.DateTimeFormat({ nb: "nb-NO", nn: "nn-NO", en: "en-GB" }[locale], {
    month: "short",
    timeZone: "UTC",
  });
  return (
    <div className={styles.gantt}>
      <ol className={styles.labels} aria-hidden="true" style={{ paddingTop: HEAD }}>
        {rows.map((r) => (
          <li key={r.key} style={{ height: ROW }} title={r.label}>
            {r.label}
          </li>
        ))}
      </ol>
      <div
        ref={box}
        className={styles.scroll}
        role="region"
        aria-label={t("timeline.chart")}
        tabIndex={0}
        onKeyDown={onKey}
        data-zoom={zoom}
      >
        <svg width={svgWidth} height={height} role="img" aria-label={t("timeline.chartSummary", {
          phases: data.phases.length,
          deadlines: data.deadlines.length,
          decisions: data.decisions.length,
        })}>
          {ticks(data.from, data.to, perDay).map((tick) => (
            <g key={tick.day}>
              <line x1={x(tick.day)} x2={x(tick.day)} y1={HEAD - 8} y2={height} className={tick.year ? styles.yearLine : styles.monthLine} />
              <text x={x(tick.day) + 3} y={HEAD - 12} className={styles.tick}>
                {tick.year ? tick.day.slice(0, 4) : month.format(new Date(`${tick.day}T12:00:00Z`))}
              </text>
            </g>
          ))}
          {rows.map((r, i) => (
            <line key={r.key} x1={0} x2={svgWidth} y1={HEAD + (i + 1) * ROW} y2={HEAD + (i + 1) * ROW} className={styles.rowLine} />
          ))}
          {data.phases.map((p) => {
            const left = x(p.starts_on);
            const w = Math.max(3, x(p.ends_on) + perDay - left);
            return (
              <g key={p.id}>
                <title>{`${p.position}. ${p.name}: ${formatDate(p.starts_on)}–${formatDate(p.ends_on)}`}</title>
                <rect x={left} y={y(p.project_id) + 7} width={w} height={ROW - 14} rx={3} className={styles.phase} data-status={p.status} />
                {w > 60 && (
                  <text x={left + 4} y={y(p.project_id) + ROW / 2 + 4} className={styles.phaseText} data-status={p.status}>
                    {`${p.position}. ${p.name}`.slice(0, Math.floor(w / 7))}
                  </text>
                )}
              </g>
            );
          })}
          {data.decisions.map((d) => (
            <circle key={d.id} cx={x(d.decided_on) + perDay / 2} cy={y(d.project_id) + ROW / 2} r={5} className={styles.decision}>
              <title>{`${t("timeline.kind.decision")}: ${d.title} (${formatDate(d.decided_on)})`}</title>
            </circle>
          ))}
          {data.deadlines.map((d) => {
            const cx = x(osloDate(d.due_at)) + perDay / 2;
            const cy = y(d.project_id) + ROW / 2;
            return (
              <polygon
                key={d.id}
                points={`${cx},${cy - 6} ${cx + 6},${cy} ${cx},${cy + 6} ${cx - 6},${cy}`}
                className={styles.deadline}
                data-overdue={d.overdue ? "true" : undefined}
                data-status={d.status}
              >
                <title>{`${t("timeline.kind.deadline")}: ${d.title} (${formatDate(d.due_at)})`}</title>
              </polygon>
            );
          })}
          {todayIn && (
            <g>
              <line x1={x(data.today)} x2={x(data.today)} y1={0} y2={height} className={styles.today} />
              <text x={x(data.today) + 3} y={10} className={styles.todayText}>
                {t("timeline.today")}
              </text>
            </g>
          )}
        </svg>
      </div>
    </div>
  );
}

function TimelineTable({ data, base }: { data: Timeline; base: string }) {
  const { t, formatDate } = useI18n();
  const projects = new Map(data.projects.map((p) => [p.id, p]));
  const entries = entriesOf(data);
  if (entries.length === 0) return <Paragraph>{t("timeline.empty")}</Paragraph>;
  return (
    <TableScroll label={t("timeline.table")}>
      <Table data-size="sm" zebra>
        <caption>{t("timeline.table")}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t("timeline.col.day")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("timeline.col.kind")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("timeline.col.project")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("timeline.col.what")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("timeline.col.status")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {entries.map((e) => {
            const project = e.projectId ? projects.get(e.projectId) : undefined;
            return (
              <Table.Row key={`${e.kind}-${e.id}`}>
                <Table.Cell>
                  {formatDate(e.day)}
                  {e.kind === "phase" && `–${formatDate(e.end)}`}
                </Table.Cell>
                <Table.Cell>{t(`timeline.kind.${e.kind}`)}</Table.Cell>
                <Table.Cell>
                  {project ? (
                    <Link asChild>
                      <RouterLink to={`${base}/projects/${project.id}`}>{project.code}</RouterLink>
                    </Link>
                  ) : (
                    t("overview.wholeProgramme")
                  )}
                </Table.Cell>
                <Table.Cell>{e.title}</Table.Cell>
                <Table.Cell>
                  {e.kind === "deadline" && e.overdue ? t("timeline.status.overdue") : t(`timeline.status.${e.status}`)}
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </TableScroll>
  );
}

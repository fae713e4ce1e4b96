import { Alert, Button, Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type RefObject } from "react";
import {
  importKeys,
  importQuery,
  importRowsQuery,
  isRunning,
  useCancelImport,
  type ImportRead,
  type ImportRowError,
} from "../../api/queries/imports";
import { LoadMore } from "../../components/LoadMore";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { TableScroll } from "../../components/TableScroll";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { wordRowError } from "./wording";
import styles from "./imports.module.css";

/** What an import did or would do: its progress while it runs, then its counts and errors. */
export function ImportResult({ id }: { id: string }) {
  const record = useQuery(importQuery(id));
  useRefreshWhenDone(record.data);
  if (record.data) return <Result record={record.data} />;
  if (record.isError) return <ProblemAlert error={record.error} />;
  return <Loading />;
}

/**
 * Once an import has finished, the list of imports is read again, and after a real one also
 * every page that may show what it wrote.
 */
function useRefreshWhenDone(record: ImportRead | undefined) {
  const client = useQueryClient();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!record || isRunning(record) || done.current === record.id) return;
    done.current = record.id;
    if (record.dry_run) void client.invalidateQueries({ queryKey: importKeys.lists() });
    else void client.invalidateQueries({ predicate: (query) => query.queryKey[1] !== "detail" || query.queryKey[0] !== "imports" });
  }, [record, client]);
}

function Result({ record }: { record: ImportRead }) {
  const { t } = useI18n();
  const headingId = useId();
  const running = isRunning(record);
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnResult(record, running, sectionRef, headingRef);
  return (
    <section className={styles.result} aria-labelledby={headingId} ref={sectionRef}>
      <Heading level={2} data-size="sm" id={headingId} ref={headingRef} tabIndex={-1}>
        {t(record.dry_run ? "imports.result.dryRunHeading" : "imports.result.heading")}
      </Heading>
      {record.filename && <Paragraph data-size="sm">{t("imports.result.file", { filename: record.filename })}</Paragraph>}
      {running ? <Progress record={record} /> : <Outcome record={record} />}
      <Counts record={record} />
      {record.counts.failed > 0 && <Errors record={record} />}
    </section>
  );
}

/**
 * Focus moves to the result's heading when it is first shown (after a dry run or an import),
 * so that a screen reader reads what happened from there; and again when a background import
 * ends, if focus was in the result (its Cancel button goes away) or had been lost, but not
 * if the user has moved on elsewhere on the page.
 */
function useFocusOnResult(
  record: ImportRead,
  running: boolean,
  section: RefObject<HTMLElement | null>,
  heading: RefObject<HTMLHeadingElement | null>,
) {
  const shown = useRef<string | null>(null);
  const wasRunning = useRef(running);
  useEffect(() => {
    const active = document.activeElement;
    const inResult = active !== null && section.current?.contains(active);
    const lost = active === null || active === document.body;
    if (shown.current !== record.id) {
      shown.current = record.id;
      heading.current?.focus();
    } else if (wasRunning.current && !running && (inResult || lost)) {
      heading.current?.focus();
    }
    wasRunning.current = running;
  }, [record.id, running, section, heading]);
}

/** The background import's progress, read out as it grows, and a way to stop it. */
function Progress({ record }: { record: ImportRead }) {
  const { t, formatNumber } = useI18n();
  const progressId = useId();
  const cancel = useCancelImport();
  const total = record.total_rows;
  const text =
    total === null
      ? t(record.status === "queued" ? "imports.progress.queued" : "imports.progress.reading")
      : t("imports.progress.rows", { done: formatNumber(record.rows_done), total: formatNumber(total) });
  return (
    <div className={styles.progress}>
      <label htmlFor={progressId} className="ds-label">
        {t("imports.progress.label")}
      </label>
      <progress id={progressId} max={total ?? undefined} value={total === null ? undefined : record.rows_done} />
      <p aria-live="polite" className="ds-paragraph" data-size="sm">
        {record.cancel_requested_at ? t("imports.progress.stopping") : text}
      </p>
      <div>
        <Button
          variant="secondary"
          data-color="danger"
          loading={cancel.isPending}
          aria-disabled={Boolean(record.cancel_requested_at) || undefined}
          onClick={() => !record.cancel_requested_at && !cancel.isPending && cancel.mutate(record.id)}
        >
          {t("imports.progress.cancel")}
        </Button>
      </div>
      {cancel.error && <ProblemAlert error={cancel.error} />}
    </div>
  );
}

/** How the import ended, in one sentence. */
function Outcome({ record }: { record: ImportRead }) {
  const { t, formatNumber } = useI18n();
  const failed = formatNumber(record.counts.failed);
  let key: string;
  let color: "success" | "warning" | "danger" | "info";
  if (record.status === "cancelled") {
    key = record.mode === "valid_rows" ? "imports.outcome.cancelledValidRows" : "imports.outcome.cancelled";
    color = "warning";
  } else if (record.dry_run) {
    key = record.counts.failed ? "imports.outcome.dryRunErrors" : "imports.outcome.dryRunClean";
    color = record.counts.failed ? "warning" : "success";
  } else if (record.status === "succeeded") {
    key = record.counts.failed ? "imports.outcome.validRowsErrors" : "imports.outcome.succeeded";
    color = record.counts.failed ? "warning" : "success";
  } else if (record.counts.failed) {
    key = record.mode === "valid_rows" ? "imports.outcome.validRowsErrors" : "imports.outcome.nothingWritten";
    color = record.mode === "valid_rows" ? "warning" : "danger";
  } else {
    key = "imports.outcome.failed";
    color = "danger";
  }
  return (
    <Alert data-color={color} role={color === "danger" ? "alert" : "status"}>
      <Paragraph>{t(key, { failed })}</Paragraph>
    </Alert>
  );
}

function Counts({ record }: { record: ImportRead }) {
  const { t, formatNumber } = useI18n();
  const prefix = record.dry_run ? "imports.counts.would" : "imports.counts";
  return (
    <dl className={styles.counts}>
      {(["created", "updated", "unchanged", "failed"] as const).map((outcome) => (
        <div key={outcome}>
          <dt>{t(`${prefix}.${outcome}`)}</dt>
          <dd>{formatNumber(record.counts[outcome])}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The failed rows' errors: row, column and what is wrong. The import carries the first ones;
 * when there are more, all of them are read from its rows, a page at a time.
 */
function Errors({ record }: { record: ImportRead }) {
  const { t } = useI18n();
  const headingId = useId();
  const [all, setAll] = useState(false);
  const rows = useInfiniteQuery({ ...importRowsQuery(record.id, "failed"), enabled: all });
  const errors: ImportRowError[] = all
    ? (rows.data?.pages ?? []).flatMap((page) => page.items.flatMap((row) => row.errors.map((e) => ({ ...e, row: row.row }))))
    : record.errors;
  return (
    <div className={styles.errors}>
      <Heading level={3} data-size="xs" id={headingId}>
        {t("imports.errors.heading")}
      </Heading>
      {all && rows.isPending ? <Loading /> : <ErrorTable errors={errors} labelledBy={headingId} />}
      {all && rows.isError && <ProblemAlert error={rows.error} />}
      {!all && record.errors_truncated && (
        <div>
          <Button variant="secondary" onClick={() => setAll(true)}>
            {t("imports.errors.showAll")}
          </Button>
        </div>
      )}
      {all && (
        <LoadMore
          hasNextPage={rows.hasNextPage}
          isFetchingNextPage={rows.isFetchingNextPage}
          fetchNextPage={rows.fetchNextPage}
        />
      )}
    </div>
  );
}

export function ErrorTable({ errors, labelledBy }: { errors: ImportRowError[]; labelledBy: string }) {
  const { t, formatDate, formatDateTime, formatNumber } = useI18n();
  const w = { t, formatDate, formatDateTime, formatNumber };
  return (
    <TableScroll labelledBy={labelledBy}>
      <Table data-size="sm" className={styles.table}>
        <caption className={layout.visuallyHidden}>{t("imports.errors.caption")}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t("imports.errors.row")}</Table.HeaderCell>
            <Table.HeaderCell>{t("imports.errors.column")}</Table.HeaderCell>
            <Table.HeaderCell>{t("imports.errors.problem")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {errors.map((error, i) => (
            <Table.Row key={`${error.row}-${error.column}-${i}`}>
              <Table.Cell>{formatNumber(error.row)}</Table.Cell>
              <Table.Cell>{error.column ? <code>{error.column}</code> : t("imports.errors.wholeRow")}</Table.Cell>
              <Table.Cell>{wordRowError(error, w)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </TableScroll>
  );
}

import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { monthDeadlinesQuery, shiftMonth, type Deadline, type DeadlineFilters } from "../../api/queries/deadlines";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n, type Translate } from "../../i18n";
import { instantToOsloLocal, osloDate, osloToday } from "../../lib/time";
import { DeadlineStatus } from "./DeadlineStatus";
import own from "./deadlines.module.css";

/** The days of a month (YYYY-MM) in weeks from Monday to Sunday; null outside the month. */
export function monthWeeks(month: string): (string | null)[][] {
  const [year, m] = month.split("-").map(Number);
  const lead = (new Date(Date.UTC(year, m - 1, 1)).getUTCDay() + 6) % 7;
  const length = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const cells: (string | null)[] = [
    ...Array<null>(lead).fill(null),
    ...Array.from({ length }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`),
  ];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

export function monthName(t: Translate, month: string): string {
  const [year, m] = month.split("-").map(Number);
  return t("deadlines.calendar.month", { month: t(`deadlines.month.${m}`), year });
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** A month as a calendar table: weekday columns, each deadline on its date in Oslo. */
export function DeadlineCalendar({
  programmeId,
  month,
  filters,
  onMonth,
}: {
  programmeId: string;
  month: string;
  filters: DeadlineFilters;
  onMonth: (month: string) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const query = useInfiniteQuery(monthDeadlinesQuery(programmeId, month, filters));
  const byDay = new Map<string, Deadline[]>();
  for (const d of query.data?.pages.flatMap((p) => p.items) ?? []) {
    const day = osloDate(d.due_at);
    byDay.set(day, [...(byDay.get(day) ?? []), d]);
  }
  const today = osloToday();
  const label = monthName(t, month);
  const caption = t("deadlines.calendar.caption", { month: label });
  return (
    <section aria-labelledby={headingId}>
      <div className={own.monthBar}>
        <Heading level={2} data-size="sm" id={headingId} aria-live="polite">
          {label.charAt(0).toUpperCase() + label.slice(1)}
        </Heading>
        <Button variant="secondary" data-size="sm" onClick={() => onMonth(shiftMonth(month, -1))}>
          <span aria-hidden="true">‹ </span>
          {t("deadlines.calendar.previous")}
        </Button>
        <Button variant="tertiary" data-size="sm" onClick={() => onMonth(today.slice(0, 7))}>
          {t("deadlines.calendar.thisMonth")}
        </Button>
        <Button variant="secondary" data-size="sm" onClick={() => onMonth(shiftMonth(month, 1))}>
          {t("deadlines.calendar.next")}
          <span aria-hidden="true"> ›</span>
        </Button>
      </div>
      <QueryState query={query}>
        {() => (
          <div className={styles.stack}>
            {byDay.size === 0 && <Paragraph>{t("deadlines.calendar.empty")}</Paragraph>}
            {/* Focusable so that a narrow screen can scroll the month sideways by keyboard. */}
            <div className={`${styles.tableWrap} ${own.calendarWrap}`} tabIndex={0} role="group" aria-label={caption}>
              <table className={own.calendar}>
                <caption>{caption}</caption>
                <thead>
                  <tr>
                    {WEEKDAYS.map((d) => (
                      <th key={d} scope="col" abbr={t(`deadlines.weekday.${d}`)}>
                        <span aria-hidden="true">{t(`deadlines.weekdayShort.${d}`)}</span>
                        <span className={styles.visuallyHidden}>{t(`deadlines.weekday.${d}`)}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {monthWeeks(month).map((week, w) => (
                    <tr key={w}>
                      {week.map((day, i) =>
                        day ? (
                          <CalendarDay key={day} day={day} today={day === today} deadlines={byDay.get(day) ?? []} />
                        ) : (
                          <td key={`empty-${i}`} className={own.outside} />
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div>
              <LoadMore
                hasNextPage={query.hasNextPage}
                isFetchingNextPage={query.isFetchingNextPage}
                fetchNextPage={query.fetchNextPage}
              />
            </div>
          </div>
        )}
      </QueryState>
    </section>
  );
}

function CalendarDay({ day, today, deadlines }: { day: string; today: boolean; deadlines: Deadline[] }) {
  const { t } = useI18n();
  return (
    <td aria-current={today ? "date" : undefined} data-date={day}>
      <span className={own.dayNumber}>
        {Number(day.slice(8))}
        {today && <span className={styles.visuallyHidden}> ({t("deadlines.calendar.today")})</span>}
      </span>
      {deadlines.length > 0 && (
        <ul className={own.dayItems}>
          {deadlines.map((d) => (
            <li key={d.id} data-overdue={d.overdue}>
              <span className={own.time}>{instantToOsloLocal(d.due_at).slice(11)}</span>
              {d.title}
              <DeadlineStatus deadline={d} className={own.tags} quietWhenOpen />
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}

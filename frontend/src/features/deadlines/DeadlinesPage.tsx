import { Alert, Button, Checkbox, Paragraph, ToggleGroup } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { useQueryParams, type ParamChanges } from "../../lib/queryParams";
import {
  DEADLINE_KINDS,
  DEADLINE_STATUSES,
  deadlineListQuery,
  etagOf,
  overdueCountQuery,
  useUpdateDeadline,
  type Deadline,
  type DeadlineFilters,
  type DeadlineKind,
  type DeadlineStatus,
} from "../../api/queries/deadlines";
import { eventNamesQuery, type EventName } from "../../api/queries/events";
import { groupNamesQuery, namesById, peopleNamesQuery, projectNamesQuery, type Named } from "../../api/queries/lookups";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Page } from "../../components/Page";
import { ProblemAlert } from "../../components/QueryState";
import { FilterSelect } from "../../components/FilterSelect";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { osloToday } from "../../lib/time";
import { DeadlineCalendar } from "./DeadlineCalendar";
import { DeadlineDialog } from "./DeadlineDialog";
import { DeadlineTable, type Names } from "./DeadlineTable";
import own from "./deadlines.module.css";
import { ExportButton } from "../../components/ExportButton";
import { ImportLink } from "../imports/ImportLink";
import { switchWithArrows } from "../../lib/focus";

const VIEWS = ["list", "calendar"] as const;
type View = (typeof VIEWS)[number];

/** Filters, view and month live in the URL, so what one sees can be bookmarked and shared. */
function useDeadlineParams() {
  const [params, set] = useQueryParams();
  const status = params.get("status");
  const kind = params.get("kind");
  const filters: DeadlineFilters = {
    projectId: params.get("project") || undefined,
    eventId: params.get("event") || undefined,
    status: DEADLINE_STATUSES.includes(status as DeadlineStatus) ? (status as DeadlineStatus) : undefined,
    kind: DEADLINE_KINDS.includes(kind as DeadlineKind) ? (kind as DeadlineKind) : undefined,
    overdue: params.get("overdue") === "1" || undefined,
    submittedLate: params.get("late") === "1" || undefined,
  };
  const view: View = params.get("view") === "calendar" ? "calendar" : "list";
  const monthParam = params.get("month") ?? "";
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam) ? monthParam : osloToday().slice(0, 7);
  return { filters, view, month, set };
}

export default function DeadlinesPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const { filters, view, month, set } = useDeadlineParams();
  const projects = useQuery(projectNamesQuery(programmeId));
  const people = useQuery(peopleNamesQuery(programmeId));
  const groups = useQuery(groupNamesQuery(programmeId));
  const events = useQuery(eventNamesQuery(programmeId));
  const names: Names = {
    projects: namesById(projects.data),
    people: namesById(people.data),
    groups: namesById(groups.data),
  };
  const [adding, setAdding] = useState(false);
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const [conflictId, setConflictId] = useState("");
  const [message, setMessage] = useState("");
  const update = useUpdateDeadline();

  const save = (id: string, title: string, etag: string, changes: Record<string, unknown>) =>
    update.mutateAsync({ id, etag, changes }).then(
      () => setMessage(t("deadlines.markedSubmitted", { title })),
      (error) => {
        if (error instanceof EditConflict) {
          setConflictId(id);
          setConflict(error);
        }
        throw error;
      },
    );
  const markSubmitted = (d: Deadline) => save(d.id, d.title, etagOf(d), { status: "submitted" });

  return (
    <Page
      title={t("deadlines.title")}
      actions={
        <>
          <ExportButton path="/api/v1/deadlines" query={deadlineListQuery(programmeId, filters)} />
          <ImportLink programmeId={programmeId} resource="deadlines" />
          <Button onClick={() => setAdding(true)}>{t("deadlines.new")}</Button>
        </>
      }
    >
      <OverdueSummary
        programmeId={programmeId}
        projectId={filters.projectId}
        showing={Boolean(filters.overdue)}
        onShow={() => set({ overdue: "1", view: undefined, status: undefined })}
      />
      <ToggleGroup
        className={own.view}
        aria-label={t("deadlines.view.label")}
        value={view}
        onChange={(value) => set({ view: value === "calendar" ? "calendar" : undefined }, false)}
        onKeyDown={switchWithArrows(VIEWS, view, (value) => set({ view: value === "calendar" ? "calendar" : undefined }, false))}
      >
        <ToggleGroup.Item value="list">{t("deadlines.view.list")}</ToggleGroup.Item>
        <ToggleGroup.Item value="calendar">{t("deadlines.view.calendar")}</ToggleGroup.Item>
      </ToggleGroup>
      <DeadlineFilterBar filters={filters} set={set} projects={projects.data ?? []} events={events.data ?? []} />
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      {update.error && !(update.error instanceof EditConflict) && <ProblemAlert error={update.error} />}
      {view === "list" ? (
        <DeadlineTable
          programmeId={programmeId}
          filters={filters}
          names={names}
          onMarkSubmitted={markSubmitted}
          busyId={update.isPending ? update.variables?.id : undefined}
        />
      ) : (
        <DeadlineCalendar
          programmeId={programmeId}
          month={month}
          filters={filters}
          onMonth={(next) => set({ month: next }, false)}
        />
      )}
      {adding && (
        <DeadlineDialog
          programmeId={programmeId}
          defaultProjectId={filters.projectId}
          defaultEventId={filters.eventId}
          projects={projects.data ?? []}
          people={people.data ?? []}
          groups={groups.data ?? []}
          onClose={(done) => {
            setAdding(false);
            if (done) setMessage(done);
          }}
        />
      )}
      {conflict && (
        <ConflictDialog
          conflict={conflict}
          labels={{ status: t("deadlines.field.status") }}
          display={(field, value) =>
            field === "status" && value ? t(`deadlines.status.${value}`) : value ? String(value) : "—"
          }
          onCancel={() => setConflict(null)}
          onResolve={(changes, etag) => {
            setConflict(null);
            const title = (conflict.current as Deadline).title;
            if (Object.keys(changes).length) save(conflictId, title, etag, changes).catch(() => undefined);
          }}
        />
      )}
    </Page>
  );
}

/** Overdue at a glance: how many, in words, and a way to list them. */
function OverdueSummary({
  programmeId,
  projectId,
  showing,
  onShow,
}: {
  programmeId: string;
  projectId?: string;
  showing: boolean;
  onShow: () => void;
}) {
  const { t } = useI18n();
  const overdue = useQuery(overdueCountQuery(programmeId, projectId));
  if (!overdue.data) return null;
  const { count, more } = overdue.data;
  if (count === 0) {
    return <Paragraph className={own.summary}>{t("deadlines.overdueNone")}</Paragraph>;
  }
  return (
    <Alert data-color="warning" className={own.summary}>
      <Paragraph>
        <strong>{t(more ? "deadlines.overdueCountMore" : count === 1 ? "deadlines.overdueOne" : "deadlines.overdueCount", {
            count,
          })}</strong>
        {!showing && (
          <Button data-size="sm" variant="secondary" onClick={onShow}>
            {t("deadlines.showOverdue")}
          </Button>
        )}
      </Paragraph>
    </Alert>
  );
}

function DeadlineFilterBar({
  filters,
  set,
  projects,
  events,
}: {
  filters: DeadlineFilters;
  set: (changes: ParamChanges) => void;
  projects: Named[];
  events: EventName[];
}) {
  const { t, formatDate } = useI18n();
  const any = Object.values(filters).some(Boolean);
  return (
    <div role="search" aria-label={t("deadlines.filters.label")} className={styles.filters}>
      <FilterSelect
        label={t("deadlines.field.project")}
        value={filters.projectId}
        onChange={(value) => set({ project: value })}
        options={projects.map((p) => ({ value: p.id, label: p.name }))}
      />
      <FilterSelect
        label={t("deadlines.filters.event")}
        value={filters.eventId}
        onChange={(value) => set({ event: value })}
        options={events.map((e) => ({
          value: e.id,
          label: t("deadlines.eventOption", { title: e.name, date: formatDate(e.starts_at) }),
        }))}
      />
      <FilterSelect
        label={t("deadlines.field.status")}
        value={filters.status}
        onChange={(value) => set({ status: value })}
        options={DEADLINE_STATUSES.map((s) => ({ value: s, label: t(`deadlines.status.${s}`) }))}
      />
      <FilterSelect
        label={t("deadlines.field.kind")}
        value={filters.kind}
        onChange={(value) => set({ kind: value })}
        options={DEADLINE_KINDS.map((k) => ({ value: k, label: t(`deadlines.kind.${k}`) }))}
      />
      <Checkbox
        label={t("deadlines.filters.overdueOnly")}
        checked={Boolean(filters.overdue)}
        onChange={(e) => set({ overdue: e.target.checked ? "1" : undefined })}
      />
      <Checkbox
        label={t("deadlines.filters.lateOnly")}
        checked={Boolean(filters.submittedLate)}
        onChange={(e) => set({ late: e.target.checked ? "1" : undefined })}
      />
      {any && (
        <Button
          variant="tertiary"
          onClick={() =>
            set({ project: undefined, event: undefined, status: undefined, kind: undefined, overdue: undefined, late: undefined })
          }
        >
          {t("deadlines.filters.clear")}
        </Button>
      )}
    </div>
  );
}

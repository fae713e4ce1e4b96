import { Alert, Button, Checkbox, Link, Paragraph, Table } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { namesById, peopleNamesQuery, projectNamesQuery } from "../../api/queries/lookups";
import {
  MEASURE_STATUSES,
  goalOptionsQuery,
  measuresQuery,
  taskOptionsQuery,
  type Measure,
  type MeasureFilters,
  type MeasureStatus,
  measureListQuery,
} from "../../api/queries/measures";
import { FilterSelect } from "../../components/FilterSelect";
import { Page } from "../../components/Page";
import { PagedTable } from "../../components/PagedTable";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useQueryParams } from "../../lib/queryParams";
import { useMayEdit } from "../projects/access";
import { MeasureDialog } from "./MeasureDialog";
import { MeasureStatusTags } from "./MeasureStatusTags";
import own from "./measures.module.css";
import { ExportButton } from "../../components/ExportButton";

/** Filters live in the URL, so what one sees can be bookmarked and shared. */
function useMeasureParams() {
  const [params, set] = useQueryParams();
  const status = params.get("status");
  const filters: MeasureFilters = {
    projectId: params.get("project") || undefined,
    goalId: params.get("goal") || undefined,
    status: MEASURE_STATUSES.includes(status as MeasureStatus) ? (status as MeasureStatus) : undefined,
    overdueWithoutResult: params.get("overdue") === "1" || undefined,
  };
  return { filters, set };
}

/** The programme's measures (tiltak): the goals each serves, who owns it, when it is due, and its result. */
export default function MeasuresPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const { filters, set } = useMeasureParams();
  const mayEdit = useMayEdit(programmeId);
  const projects = useQuery(projectNamesQuery(programmeId));
  const people = useQuery(peopleNamesQuery(programmeId));
  const goals = useQuery(goalOptionsQuery(programmeId));
  const tasks = useQuery({ ...taskOptionsQuery(programmeId), enabled: mayEdit });
  const [editing, setEditing] = useState<Measure | "new" | null>(null);
  const [message, setMessage] = useState("");
  const any = Object.values(filters).some(Boolean);

  return (
    <Page
      title={t("measures.title")}
      actions={
        <>
          <ExportButton path="/api/v1/measures" query={measureListQuery(programmeId, filters)} />
          {mayEdit && <Button onClick={() => setEditing("new")}>{t("measures.new")}</Button>}
        </>
      }
    >
      <Paragraph className={own.summary}>{t("measures.intro")}</Paragraph>
      <OverdueSummary programmeId={programmeId} showing={Boolean(filters.overdueWithoutResult)} onShow={() => set({ overdue: "1" })} />
      <div role="search" aria-label={t("measures.filters.label")} className={styles.filters}>
        <FilterSelect
          label={t("measures.field.status")}
          value={filters.status}
          onChange={(value) => set({ status: value })}
          options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`measures.status.${s}`) }))}
        />
        <FilterSelect
          label={t("measures.filters.goal")}
          value={filters.goalId}
          onChange={(value) => set({ goal: value })}
          options={(goals.data ?? []).map((g) => ({ value: g.id, label: g.title }))}
        />
        <FilterSelect
          label={t("measures.field.project")}
          value={filters.projectId}
          onChange={(value) => set({ project: value })}
          options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <Checkbox
          label={t("measures.filters.overdueOnly")}
          checked={Boolean(filters.overdueWithoutResult)}
          onChange={(e) => set({ overdue: e.target.checked ? "1" : undefined })}
        />
        {any && (
          <Button
            variant="tertiary"
            onClick={() => set({ status: undefined, goal: undefined, project: undefined, overdue: undefined })}
          >
            {t("measures.filters.clear")}
          </Button>
        )}
      </div>
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      <MeasureTable
        programmeId={programmeId}
        filters={filters}
        goalTitles={new Map((goals.data ?? []).map((g) => [g.id, g.title]))}
        people={namesById(people.data)}
        onEdit={mayEdit ? setEditing : undefined}
      />
      {editing && (
        <MeasureDialog
          programmeId={programmeId}
          measure={editing === "new" ? undefined : editing}
          defaultProjectId={filters.projectId}
          goals={goals.data ?? []}
          tasks={tasks.data ?? []}
          projects={projects.data ?? []}
          people={people.data ?? []}
          onClose={(done) => {
            setEditing(null);
            if (done) setMessage(done);
          }}
        />
      )}
    </Page>
  );
}

/** Measures past due without a result, at a glance, and a way to list them. */
function OverdueSummary({ programmeId, showing, onShow }: { programmeId: string; showing: boolean; onShow: () => void }) {
  const { t } = useI18n();
  const overdue = useInfiniteQuery(measuresQuery(programmeId, { overdueWithoutResult: true }));
  if (!overdue.data) return null;
  const count = overdue.data.pages[0]?.items.length ?? 0;
  const more = Boolean(overdue.data.pages[0]?.next_cursor);
  if (count === 0) return null;
  return (
    <Alert data-color="warning" className={own.summary}>
      <Paragraph>
        <strong>
          {t(more ? "measures.overdueCountMore" : count === 1 ? "measures.overdueOne" : "measures.overdueCount", { count })}
        </strong>{" "}
        {!showing && (
          <Button data-size="sm" variant="secondary" onClick={onShow}>
            {t("measures.showOverdue")}
          </Button>
        )}
      </Paragraph>
    </Alert>
  );
}

function MeasureTable({
  programmeId,
  filters,
  goalTitles,
  people,
  onEdit,
}: {
  programmeId: string;
  filters: MeasureFilters;
  goalTitles: Map<string, string>;
  people: Map<string, string>;
  onEdit?: (measure: Measure) => void;
}) {
  const { t, formatDate } = useI18n();
  const query = useInfiniteQuery(measuresQuery(programmeId, filters));
  return (
    <PagedTable
      query={query}
      empty={t("measures.none")}
      caption={t("measures.list.caption")}
      head={
        <>
          <Table.HeaderCell scope="col">{t("measures.field.title")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("measures.field.status")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("measures.field.owner")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("measures.list.due")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("measures.field.goals")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("measures.field.result")}</Table.HeaderCell>
          {onEdit && (
            <Table.HeaderCell scope="col">
              <span className={styles.visuallyHidden}>{t("measures.list.actions")}</span>
            </Table.HeaderCell>
          )}
        </>
      }
      row={(m) => (
        <Table.Row key={m.id}>
          <Table.HeaderCell scope="row">{m.title}</Table.HeaderCell>
          <Table.Cell>
            <MeasureStatusTags measure={m} />
          </Table.Cell>
          <Table.Cell>{m.owner_id ? (people.get(m.owner_id) ?? "—") : "—"}</Table.Cell>
          <Table.Cell className={own.nowrap}>{m.due_on ? formatDate(m.due_on) : "—"}</Table.Cell>
          <Table.Cell>
            <ul className={own.goalList}>
              {m.goal_ids.map((id) => (
                <li key={id}>{goalTitles.get(id) ?? "…"}</li>
              ))}
            </ul>
          </Table.Cell>
          <Table.Cell className={own.result}>
            {m.result ? (
              <>
                <Paragraph data-size="sm">{m.result}</Paragraph>
                {m.result_on && (
                  <Paragraph data-size="xs">{t("measures.resultOn", { date: formatDate(m.result_on) })}</Paragraph>
                )}
                {m.evidence.length > 0 && (
                  <ul className={own.goalList} aria-label={t("measures.evidence")}>
                    {m.evidence.map((e) => (
                      <li key={e.url}>
                        <Link href={e.url} rel="noreferrer noopener" target="_blank">
                          {e.title}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            ) : (
              t("measures.noResult")
            )}
          </Table.Cell>
          {onEdit && (
            <Table.Cell>
              <Button
                data-size="sm"
                variant="secondary"
                onClick={() => onEdit(m)}
                aria-label={t(m.status === "done" ? "measures.editFor" : "measures.documentFor", { title: m.title })}
              >
                {t(m.status === "done" ? "measures.edit" : "measures.document")}
              </Button>
            </Table.Cell>
          )}
        </Table.Row>
      )}
    />
  );
}

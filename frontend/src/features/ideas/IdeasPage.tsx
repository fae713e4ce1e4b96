import { Button, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import {
  IDEA_STATUSES,
  ideaCountsQuery,
  ideasQuery,
  type Idea,
  type IdeaFilters,
  type IdeaStatus,
  ideaListQuery,
} from "../../api/queries/ideas";
import { groupNamesQuery, namesById, peopleNamesQuery, projectNamesQuery } from "../../api/queries/lookups";
import { FilterSelect } from "../../components/FilterSelect";
import { Page } from "../../components/Page";
import { PagedTable } from "../../components/PagedTable";
import { SelectField } from "../../components/SelectField";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useQueryParams, type ParamChanges } from "../../lib/queryParams";
import { useIdeaAccess } from "./access";
import { IdeaDialog } from "./IdeaDialog";
import { IdeaStatusTag } from "./IdeaStatusTag";
import { LinksSection } from "./LinksSection";
import own from "./ideas.module.css";
import { ExportButton } from "../../components/ExportButton";

export interface IdeaNames {
  projects: Map<string, string>;
  people: Map<string, string>;
  groups: Map<string, string>;
}

/** Who assesses an idea, by name. */
export function assessorName(idea: Idea, names: IdeaNames): string | null {
  if (idea.assessor_group_id) return names.groups.get(idea.assessor_group_id) ?? null;
  if (idea.assessor_person_id) return names.people.get(idea.assessor_person_id) ?? null;
  return null;
}

/** Filters live in the URL, so a filtered list can be bookmarked and shared. */
function useIdeaParams() {
  const [params, set] = useQueryParams();
  const status = params.get("status");
  const assessor = params.get("assessor") ?? "";
  const filters: IdeaFilters = {
    status: IDEA_STATUSES.includes(status as IdeaStatus) ? (status as IdeaStatus) : undefined,
    projectId: params.get("project") || undefined,
    assessorGroupId: assessor.startsWith("g:") ? assessor.slice(2) : undefined,
    assessorPersonId: assessor.startsWith("p:") ? assessor.slice(2) : undefined,
    q: params.get("q") || undefined,
  };
  return { filters, assessor, set };
}

export default function IdeasPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const access = useIdeaAccess(programmeId);
  const { filters, assessor, set } = useIdeaParams();
  const projects = useQuery(projectNamesQuery(programmeId));
  const people = useQuery(peopleNamesQuery(programmeId));
  const groups = useQuery(groupNamesQuery(programmeId));
  const names: IdeaNames = {
    projects: namesById(projects.data),
    people: namesById(people.data),
    groups: namesById(groups.data),
  };
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState("");

  return (
    <Page
      title={t("ideas.title")}
      actions={
        <>
          <ExportButton path="/api/v1/ideas" query={ideaListQuery(programmeId, filters)} />
          {access.submit && <Button onClick={() => setAdding(true)}>{t("ideas.new")}</Button>}
        </>
      }
    >
      <Paragraph>{t("ideas.intro")}</Paragraph>
      <StatusCounts programmeId={programmeId} filters={filters} onPick={(status) => set({ status })} />
      <div role="search" aria-label={t("ideas.filters.label")} className={styles.filters}>
        <FilterSelect
          label={t("ideas.field.status")}
          value={filters.status}
          onChange={(value) => set({ status: value })}
          options={IDEA_STATUSES.map((s) => ({ value: s, label: t(`ideas.status.${s}`) }))}
        />
        <FilterSelect
          label={t("ideas.field.project")}
          value={filters.projectId}
          onChange={(value) => set({ project: value })}
          options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField label={t("ideas.field.assessor")} value={assessor} onChange={(e) => set({ assessor: e.target.value })}>
          <option value="">{t("common.all")}</option>
          <optgroup label={t("ideas.assessor.groups")}>
            {(groups.data ?? []).map((g) => (
              <option key={g.id} value={`g:${g.id}`}>
                {g.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("ideas.assessor.people")}>
            {(people.data ?? []).map((p) => (
              <option key={p.id} value={`p:${p.id}`}>
                {p.name}
              </option>
            ))}
          </optgroup>
        </SelectField>
        <TextFilter key={filters.q ?? ""} value={filters.q ?? ""} onSearch={(q) => set({ q })} />
        {Object.values(filters).some(Boolean) && (
          <Button
            variant="tertiary"
            onClick={() => set({ status: undefined, project: undefined, assessor: undefined, q: undefined })}
          >
            {t("ideas.filters.clear")}
          </Button>
        )}
      </div>
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      <IdeaTable programmeId={programmeId} filters={filters} names={names} />
      {access.office && <LinksSection programmeId={programmeId} projects={projects.data ?? []} />}
      {adding && (
        <IdeaDialog
          programmeId={programmeId}
          projects={projects.data ?? []}
          onClose={(done) => {
            setAdding(false);
            if (done) setMessage(done);
          }}
        />
      )}
    </Page>
  );
}

function TextFilter({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form onSubmit={submit} className={own.search}>
      <Textfield label={t("ideas.filters.text")} value={text} onChange={(e) => setText(e.target.value)} />
      <Button type="submit" variant="secondary">
        {t("common.search")}
      </Button>
    </form>
  );
}

/** How many ideas have each status; a count picks its status as the filter. */
function StatusCounts({
  programmeId,
  filters,
  onPick,
}: {
  programmeId: string;
  filters: IdeaFilters;
  onPick: (status: ParamChanges["status"]) => void;
}) {
  const { t, formatNumber } = useI18n();
  const counts = useQuery(ideaCountsQuery(programmeId, filters));
  if (!counts.data) return null;
  const { more } = counts.data;
  return (
    <ul className={own.counts} aria-label={t("ideas.counts.label")}>
      {IDEA_STATUSES.map((s) => {
        const count = formatNumber(counts.data.counts[s]);
        return (
          <li key={s}>
            <Button
              variant={filters.status === s ? "primary" : "secondary"}
              data-size="sm"
              aria-pressed={filters.status === s}
              onClick={() => onPick(filters.status === s ? undefined : s)}
            >
              {t(more ? "ideas.counts.atLeast" : "ideas.counts.one", { status: t(`ideas.status.${s}`), count })}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}

function IdeaTable({ programmeId, filters, names }: { programmeId: string; filters: IdeaFilters; names: IdeaNames }) {
  const { t, formatDate, formatNumber } = useI18n();
  const query = useInfiniteQuery(ideasQuery(programmeId, filters));
  return (
    <PagedTable
      query={query}
      empty={t("ideas.none")}
      caption={t("ideas.list.caption")}
      head={
        <>
          <Table.HeaderCell scope="col">{t("ideas.field.title")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("ideas.field.status")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("ideas.field.project")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("ideas.field.assessor")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("ideas.field.submitter")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("ideas.field.received")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("ideas.field.support")}</Table.HeaderCell>
        </>
      }
      row={(idea) => (
        <Table.Row key={idea.id}>
          <Table.HeaderCell scope="row">
            <Link asChild>
              <RouterLink to={`/p/${programmeId}/ideas/${idea.id}`}>{idea.title}</RouterLink>
            </Link>
          </Table.HeaderCell>
          <Table.Cell>
            <IdeaStatusTag status={idea.status} />
          </Table.Cell>
          <Table.Cell>{idea.project_id ? (names.projects.get(idea.project_id) ?? "—") : "—"}</Table.Cell>
          <Table.Cell>{assessorName(idea, names) ?? "—"}</Table.Cell>
          <Table.Cell>{submitterText(idea, t)}</Table.Cell>
          <Table.Cell>{formatDate(idea.received_at)}</Table.Cell>
          <Table.Cell>{formatNumber(idea.support_count)}</Table.Cell>
        </Table.Row>
      )}
    />
  );
}

/** The submitter as shown: the name only when they chose to be named. */
export function submitterText(idea: Idea, t: (key: string) => string): string {
  if (idea.anonymous) return t("ideas.anonymous");
  return idea.submitter_name ?? t("ideas.unnamed");
}

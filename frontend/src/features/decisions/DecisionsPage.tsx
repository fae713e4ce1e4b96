import { Button, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link as RouterLink, useNavigate, useParams } from "react-router-dom";
import { useQueryParams, type ParamChanges } from "../../lib/queryParams";
import { consultationFindingsQuery } from "../../api/queries/compliance";
import {
  consultationFindings,
  consultationMeetingsQuery,
  DECISION_STATUSES,
  decisionsQuery,
  type DecisionFilters,
  type DecisionStatus,
  decisionListQuery,
} from "../../api/queries/decisions";
import { groupNamesQuery, namesById, projectNamesQuery, type Named } from "../../api/queries/lookups";
import { PagedTable } from "../../components/PagedTable";
import { Page } from "../../components/Page";
import { SelectField } from "../../components/SelectField";
import { FilterSelect } from "../../components/FilterSelect";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useDecisionAccess } from "./access";
import { consultationOf, ConsultationTag } from "./ConsultationStatus";
import { DecisionDialog } from "./DecisionDialog";
import own from "./decisions.module.css";
import { ExportButton } from "../../components/ExportButton";

/** Filters live in the URL, so that a list can be bookmarked and shared. */
function useDecisionParams() {
  const [params, set] = useQueryParams();
  const status = params.get("status");
  const reorganisation = params.get("reorganisation");
  const filters: DecisionFilters = {
    status: DECISION_STATUSES.includes(status as DecisionStatus) ? (status as DecisionStatus) : undefined,
    reorganisation: reorganisation === "1" ? true : reorganisation === "0" ? false : undefined,
    bodyGroupId: params.get("body") || undefined,
    projectId: params.get("project") || undefined,
  };
  return { filters, set };
}

/** The programme's decisions, newest first, with whether each reorganisation was consulted on. */
export default function DecisionsPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { filters, set } = useDecisionParams();
  const { mayWrite } = useDecisionAccess(programmeId);
  const groups = useQuery(groupNamesQuery(programmeId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const [adding, setAdding] = useState(false);
  const meetings = useQuery({ ...consultationMeetingsQuery(programmeId), enabled: adding });

  return (
    <Page
      title={t("decisions.title")}
      actions={
        <>
          <ExportButton path="/api/v1/decisions" query={decisionListQuery(programmeId, filters)} />
          {mayWrite && <Button onClick={() => setAdding(true)}>{t("decisions.new")}</Button>}
        </>
      }
    >
      <FilterBar filters={filters} set={set} groups={groups.data ?? []} projects={projects.data ?? []} />
      <DecisionTable
        programmeId={programmeId}
        filters={filters}
        groups={namesById(groups.data)}
        projects={namesById(projects.data)}
      />
      {adding && (
        <DecisionDialog
          programmeId={programmeId}
          defaults={{ body_group_id: filters.bodyGroupId ?? "", project_id: filters.projectId ?? "" }}
          groups={groups.data ?? []}
          projects={projects.data ?? []}
          meetings={meetings.data ?? []}
          onClose={() => setAdding(false)}
          onCreated={(decision) => navigate(`/p/${programmeId}/decisions/${decision.id}`)}
        />
      )}
    </Page>
  );
}

function FilterBar({
  filters,
  set,
  groups,
  projects,
}: {
  filters: DecisionFilters;
  set: (changes: ParamChanges) => void;
  groups: Named[];
  projects: Named[];
}) {
  const { t } = useI18n();
  const any = Object.values(filters).some((value) => value !== undefined);
  const reorganisation = filters.reorganisation === undefined ? "" : filters.reorganisation ? "1" : "0";
  return (
    <div role="search" aria-label={t("decisions.filters.label")} className={styles.filters}>
      <FilterSelect
        label={t("decisions.field.status")}
        value={filters.status}
        onChange={(value) => set({ status: value })}
        options={DECISION_STATUSES.map((s) => ({ value: s, label: t(`decisions.status.${s}`) }))}
      />
      <SelectField
        label={t("decisions.filters.reorganisation")}
        value={reorganisation}
        onChange={(e) => set({ reorganisation: e.target.value })}
      >
        <option value="">{t("common.all")}</option>
        <option value="1">{t("decisions.filters.reorganisation.yes")}</option>
        <option value="0">{t("decisions.filters.reorganisation.no")}</option>
      </SelectField>
      <FilterSelect
        label={t("decisions.field.body")}
        value={filters.bodyGroupId}
        onChange={(value) => set({ body: value })}
        options={groups.map((g) => ({ value: g.id, label: g.name }))}
      />
      <FilterSelect
        label={t("decisions.field.project")}
        value={filters.projectId}
        onChange={(value) => set({ project: value })}
        options={projects.map((p) => ({ value: p.id, label: p.name }))}
      />
      {any && (
        <Button
          variant="tertiary"
          onClick={() => set({ status: undefined, reorganisation: undefined, body: undefined, project: undefined })}
        >
          {t("decisions.filters.clear")}
        </Button>
      )}
    </div>
  );
}

function DecisionTable({
  programmeId,
  filters,
  groups,
  projects,
}: {
  programmeId: string;
  filters: DecisionFilters;
  groups: Map<string, string>;
  projects: Map<string, string>;
}) {
  const { t, formatDate } = useI18n();
  const query = useInfiniteQuery(decisionsQuery(programmeId, filters));
  const report = useQuery(consultationFindingsQuery(programmeId));
  const flagged = consultationFindings(report.data);
  return (
    <PagedTable
      query={query}
      empty={t("decisions.none")}
      caption={t("decisions.list.caption")}
      head={
        <>
          <Table.HeaderCell scope="col">{t("decisions.field.decidedOn")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("decisions.field.caseNumber")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("decisions.field.title")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("decisions.field.body")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("decisions.field.status")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("decisions.list.reorganisation")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("decisions.list.consultation")}</Table.HeaderCell>
        </>
      }
      row={(d) => (
        <Table.Row key={d.id}>
          <Table.Cell className={own.nowrap}>{formatDate(d.decided_on)}</Table.Cell>
          <Table.Cell className={own.nowrap}>{d.case_number ?? "—"}</Table.Cell>
          <Table.HeaderCell scope="row">
            <Link asChild>
              <RouterLink to={`/p/${programmeId}/decisions/${d.id}`}>{d.title}</RouterLink>
            </Link>
            {d.project_id && projects.get(d.project_id) && (
              <Paragraph data-size="xs">{projects.get(d.project_id)}</Paragraph>
            )}
          </Table.HeaderCell>
          <Table.Cell>{d.body_group_id ? (groups.get(d.body_group_id) ?? "—") : "—"}</Table.Cell>
          <Table.Cell>
            <Tag data-color={d.status === "final" ? "success" : "neutral"}>
              {t(`decisions.status.${d.status}`)}
            </Tag>
          </Table.Cell>
          <Table.Cell>{d.reorganisation ? t("common.yes") : t("common.no")}</Table.Cell>
          <Table.Cell>
            <ConsultationTag state={consultationOf(d, flagged.get(d.id), report.isSuccess)} />
          </Table.Cell>
        </Table.Row>
      )}
    />
  );
}

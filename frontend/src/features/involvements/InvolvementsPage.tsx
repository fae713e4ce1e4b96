import { Alert, Button, Card, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Fragment, useId } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { useQueryParams, type ParamChanges } from "../../lib/queryParams";
import {
  INVOLVEMENT_FORMS,
  involvementListQuery,
  involvementQuery,
  involvementsQuery,
  LINK_FIELDS,
  LINK_KINDS,
  linkableRecordsQuery,
  STAKEHOLDER_KINDS,
  type LinkKind,
  type Involvement,
  type InvolvementFilters,
  type InvolvementForm,
  type StakeholderKind,
} from "../../api/queries/involvements";
import { groupNamesQuery, namesById, projectNamesQuery, type Named } from "../../api/queries/lookups";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { FilterSelect } from "../../components/FilterSelect";
import styles from "../../components/layout.module.css";
import { useI18n, type Translate } from "../../i18n";
import own from "./involvements.module.css";
import { ExportButton } from "../../components/ExportButton";
import { ImportLink } from "../imports/ImportLink";

function useInvolvementParams() {
  const [params, set] = useQueryParams();
  const kind = params.get("kind");
  const form = params.get("form");
  const filters: InvolvementFilters = {
    projectId: params.get("project") || undefined,
    stakeholderKind: STAKEHOLDER_KINDS.includes(kind as StakeholderKind) ? (kind as StakeholderKind) : undefined,
    form: INVOLVEMENT_FORMS.includes(form as InvolvementForm) ? (form as InvolvementForm) : undefined,
  };
  return { filters, set };
}

/** Who was involved, in words: the kind, the named participants and the head count. */
export function describeWho(t: Translate, involvement: Involvement): string {
  const parts = [t(`involvements.kind.${involvement.stakeholder_kind}`)];
  const named = involvement.participant_count;
  if (named > 0) {
    parts.push(t(named === 1 ? "involvements.who.participantsOne" : "involvements.who.participants", { count: named }));
  }
  if (involvement.head_count !== null && involvement.head_count !== undefined) {
    parts.push(t("involvements.who.headCount", { count: involvement.head_count }));
  }
  return parts.join(" · ");
}

/** The involvement log: newest first, filtered by project, stakeholder kind and form. */
export default function InvolvementsPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const location = useLocation();
  const recorded = (location.state as { recorded?: string } | null)?.recorded;
  const { filters, set } = useInvolvementParams();
  const projects = useQuery(projectNamesQuery(programmeId));
  const groups = useQuery(groupNamesQuery(programmeId));
  const record = new URLSearchParams(location.search).get("record") ?? "";
  const query = useInfiniteQuery({ ...involvementsQuery(programmeId, filters), enabled: !record });
  const linkable = useQuery(linkableRecordsQuery(programmeId));
  const linkNames = new Map(
    LINK_KINDS.flatMap((kind) => (linkable.data?.[kind] ?? []).map((r) => [`${kind}:${r.id}`, r.name] as const)),
  );
  const involvements = query.data?.pages.flatMap((p) => p.items) ?? [];
  const projectNames = namesById(projects.data);
  const groupNames = namesById(groups.data);
  return (
    <Page
      title={t("involvements.title")}
      actions={
        <>
          <ExportButton path="/api/v1/involvements" query={involvementListQuery(programmeId, filters)} />
          <ImportLink programmeId={programmeId} resource="involvements" />
          <Button asChild>
            <Link to={`/p/${programmeId}/involvements/new`}>{t("involvements.new")}</Link>
          </Button>
        </>
      }
    >
      <Paragraph className={own.summary}>{t("involvements.intro")}</Paragraph>
      {recorded && (
        <Alert data-color="success" className={own.summary}>
          <Paragraph role="status">{t("involvements.recorded", { matter: recorded })}</Paragraph>
        </Alert>
      )}
      {record ? (
        <OneRecord
          id={record}
          programmeId={programmeId}
          projectNames={projectNames}
          groupNames={groupNames}
          linkNames={linkNames}
        />
      ) : (
        <>
          <InvolvementFilterBar filters={filters} set={set} projects={projects.data ?? []} />
          <QueryState query={query}>
            {() =>
              involvements.length === 0 ? (
                <Paragraph>{t("involvements.none")}</Paragraph>
              ) : (
                <ol className={own.log} aria-label={t("involvements.log")}>
                  {involvements.map((involvement) => (
                    <li key={involvement.id}>
                      <InvolvementEntry
                        involvement={involvement}
                        projectName={involvement.project_id ? projectNames.get(involvement.project_id) : undefined}
                        groupName={involvement.group_id ? groupNames.get(involvement.group_id) : undefined}
                        linkNames={linkNames}
                        programmeId={programmeId}
                      />
                    </li>
                  ))}
                </ol>
              )
            }
          </QueryState>
          <LoadMore
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            fetchNextPage={query.fetchNextPage}
          />
        </>
      )}
    </Page>
  );
}

/** One record, reached by a link that names it (from a decision's trail or a plan). */
function OneRecord({
  id,
  programmeId,
  projectNames,
  groupNames,
  linkNames,
}: {
  id: string;
  programmeId: string;
  projectNames: Map<string, string>;
  groupNames: Map<string, string>;
  linkNames: Map<string, string>;
}) {
  const { t } = useI18n();
  const one = useQuery(involvementQuery(id));
  return (
    <>
      <Paragraph className={own.summary}>
        <Link to={`/p/${programmeId}/involvements`}>{t("involvements.showAll")}</Link>
      </Paragraph>
      <QueryState query={one}>
        {(involvement) => (
          <InvolvementEntry
            involvement={involvement}
            projectName={involvement.project_id ? projectNames.get(involvement.project_id) : undefined}
            groupName={involvement.group_id ? groupNames.get(involvement.group_id) : undefined}
            linkNames={linkNames}
            programmeId={programmeId}
          />
        )}
      </QueryState>
    </>
  );
}

/** Where a record an involvement concerns is kept in the web app. */
export function linkedRecordUrl(programmeId: string, kind: LinkKind, id: string): string {
  const base = `/p/${programmeId}`;
  switch (kind) {
    case "decision":
      return `${base}/decisions/${id}`;
    case "event":
      return `${base}/events/${id}`;
    case "hearing":
      return `${base}/hearings/${id}`;
    case "submission":
      return `${base}/submissions/${id}`;
    case "idea":
      return `${base}/ideas/${id}`;
    default:
      return `${base}/goals`;
  }
}

/** The records an involvement concerns, by kind, each linked. */
function Concerns({
  involvement,
  linkNames,
  programmeId,
}: {
  involvement: Involvement;
  linkNames: Map<string, string>;
  programmeId: string;
}) {
  const { t } = useI18n();
  const kinds = LINK_KINDS.filter((kind) => involvement[LINK_FIELDS[kind]].length > 0);
  if (!kinds.length) return null;
  return (
    <>
      <dt>{t("involvements.field.concerns")}</dt>
      <dd>
        <ul className={own.concerns}>
          {kinds.map((kind) => (
            <li key={kind}>
              {t(`involvements.links.${kind}`)}:{" "}
              {involvement[LINK_FIELDS[kind]].map((id, i) => (
                <Fragment key={id}>
                  {i > 0 && ", "}
                  <Link to={linkedRecordUrl(programmeId, kind, id)}>
                    {linkNames.get(`${kind}:${id}`) ?? t("involvements.links.unnamed")}
                  </Link>
                </Fragment>
              ))}
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

function InvolvementEntry({
  involvement,
  projectName,
  groupName,
  linkNames,
  programmeId,
}: {
  involvement: Involvement;
  projectName?: string;
  groupName?: string;
  linkNames: Map<string, string>;
  programmeId: string;
}) {
  const { t, formatDate } = useI18n();
  const headingId = useId();
  const notRecorded = <span>{t("involvements.notRecorded")}</span>;
  return (
    <Card data-color="neutral" asChild>
      <article aria-labelledby={headingId} className={own.entry}>
        <Heading level={2} data-size="xs" id={headingId}>
          {involvement.matter}
        </Heading>
        <dl className={own.facts}>
          <dt>{t("involvements.field.when")}</dt>
          <dd>
            <time dateTime={involvement.occurred_on}>{formatDate(involvement.occurred_on)}</time>
          </dd>
          <dt>{t("involvements.field.who")}</dt>
          <dd>{describeWho(t, involvement)}</dd>
          <dt>{t("involvements.field.form")}</dt>
          <dd>{t(`involvements.form.${involvement.form}`)}</dd>
          {(projectName || groupName) && (
            <>
              <dt>{t("involvements.field.context")}</dt>
              <dd>{[projectName, groupName].filter(Boolean).join(" · ")}</dd>
            </>
          )}
          <dt>{t("involvements.field.statements")}</dt>
          <dd>{involvement.statements || notRecorded}</dd>
          <dt>{t("involvements.field.outcome")}</dt>
          <dd>{involvement.outcome || notRecorded}</dd>
          <Concerns involvement={involvement} linkNames={linkNames} programmeId={programmeId} />
        </dl>
      </article>
    </Card>
  );
}

function InvolvementFilterBar({
  filters,
  set,
  projects,
}: {
  filters: InvolvementFilters;
  set: (changes: ParamChanges) => void;
  projects: Named[];
}) {
  const { t } = useI18n();
  const any = Object.values(filters).some(Boolean);
  return (
    <div role="search" aria-label={t("involvements.filters.label")} className={styles.filters}>
      <FilterSelect
        label={t("involvements.field.project")}
        value={filters.projectId}
        onChange={(value) => set({ project: value })}
        options={projects.map((p) => ({ value: p.id, label: p.name }))}
      />
      <FilterSelect
        label={t("involvements.field.stakeholderKind")}
        value={filters.stakeholderKind}
        onChange={(value) => set({ kind: value })}
        options={STAKEHOLDER_KINDS.map((k) => ({ value: k, label: t(`involvements.kind.${k}`) }))}
      />
      <FilterSelect
        label={t("involvements.field.form")}
        value={filters.form}
        onChange={(value) => set({ form: value })}
        options={INVOLVEMENT_FORMS.map((f) => ({ value: f, label: t(`involvements.form.${f}`) }))}
      />
      {any && (
        <Button variant="tertiary" onClick={() => set({ project: undefined, kind: undefined, form: undefined })}>
          {t("involvements.filters.clear")}
        </Button>
      )}
    </div>
  );
}

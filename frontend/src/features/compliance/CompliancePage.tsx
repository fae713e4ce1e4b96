import { Alert, Button, Heading, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { Link as RouterLink, useLocation, useParams, useSearchParams } from "react-router-dom";
import {
  complianceQuery,
  findingsQuery,
  type Compliance,
  type Finding,
  type FindingScope,
  type ProjectCompliance,
} from "../../api/queries/compliance";
import { Page } from "../../components/Page";
import { SelectField } from "../../components/SelectField";
import { QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { osloToday } from "../../lib/time";
import own from "./compliance.module.css";
import { LINKED_TYPES, recordUrl } from "./records";
import { findingMessage, ruleTitle } from "./wording";

const MANDATE_COLOR: Record<string, string> = { draft: "neutral", proposed: "info", approved: "success" };

/**
 * Where the programme falls short of how a reorganisation must be run: how many findings each
 * project and the programme have, and the findings themselves a page at a time (all, the
 * programme's own or one project's), each with its rule, its source and where it is fixed.
 */
export default function CompliancePage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const report = useQuery(complianceQuery(programmeId));
  return (
    <Page
      title={t("compliance.title")}
      actions={
        <Button variant="secondary" onClick={() => report.refetch()} loading={report.isFetching}>
          {t("compliance.refresh")}
        </Button>
      }
    >
      <Paragraph className={own.intro}>{t("compliance.intro")}</Paragraph>
      <QueryState query={report}>{(data) => <Report report={data} programmeId={programmeId} />}</QueryState>
    </Page>
  );
}

function Report({ report, programmeId }: { report: Compliance; programmeId: string }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const flagged = report.projects.filter((p) => p.findings_count > 0);
  const projectsId = useId();
  return (
    <>
      <Alert data-color={report.total > 0 ? "warning" : "success"} className={own.summary}>
        <Heading level={2} data-size="xs">
          {report.total === 0
            ? t("compliance.summary.none")
            : report.total === 1
              ? t("compliance.summary.one")
              : t("compliance.summary.many", { count: report.total })}
        </Heading>
        <Paragraph data-size="sm">
          {t("compliance.summary.detail", {
            projects: flagged.length,
            programme: report.programme_findings_count,
            when: formatDateTime(report.generated_at),
          })}
        </Paragraph>
        {report.as_of !== osloToday() && (
          <Paragraph data-size="sm">{t("compliance.asOf", { date: formatDate(report.as_of) })}</Paragraph>
        )}
      </Alert>

      <section className={own.section} aria-labelledby={projectsId}>
        <Heading level={2} data-size="md" id={projectsId}>
          {t("compliance.projects")}
        </Heading>
        <ProjectTable projects={report.projects} programmeId={programmeId} />
      </section>

      <Findings report={report} programmeId={programmeId} />

      <RulesTable report={report} />
    </>
  );
}

const FINDINGS_ANCHOR = "findings";
const SCOPE_PARAM = "findings";

/** The scope the page's address names: `?findings=programme`, `?findings=<project id>`, else all. */
function scopeOf(value: string | null, report: Compliance): FindingScope {
  if (value === "programme") return { kind: "programme" };
  if (value && report.projects.some((p) => p.project_id === value)) return { kind: "project", projectId: value };
  return { kind: "all" };
}

const scopeValue = (scope: FindingScope) =>
  scope.kind === "project" ? scope.projectId : scope.kind === "programme" ? "programme" : "";

/** Every project at a glance: its mandate, its phase, and whether it is in order. */
function ProjectTable({ projects, programmeId }: { projects: ProjectCompliance[]; programmeId: string }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  if (projects.length === 0) return <Paragraph>{t("compliance.projects.none")}</Paragraph>;
  const showing = (projectId: string) => {
    const next = new URLSearchParams(params);
    next.set(SCOPE_PARAM, projectId);
    return { search: `?${next}`, hash: `#${FINDINGS_ANCHOR}` };
  };
  return (
    <div className={styles.tableWrap}>
      <Table zebra>
        <caption className={styles.visuallyHidden}>{t("compliance.projects.caption")}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t("compliance.project")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("compliance.mandate")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("compliance.phase")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("compliance.findings")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {projects.map((p) => (
            <Table.Row key={p.project_id}>
              <Table.HeaderCell scope="row">
                <Link asChild>
                  <RouterLink to={`/p/${programmeId}/projects/${p.project_id}`}>{`${p.code} ${p.name}`}</RouterLink>
                </Link>
              </Table.HeaderCell>
              <Table.Cell>
                <Tag data-color={MANDATE_COLOR[p.mandate_status] ?? "neutral"}>
                  {t(`compliance.mandateStatus.${p.mandate_status}`)}
                </Tag>
              </Table.Cell>
              <Table.Cell>{p.current_phase ?? t("compliance.phase.none")}</Table.Cell>
              <Table.Cell>
                {p.findings_count === 0 ? (
                  <Tag data-color="success">{t("compliance.inOrder")}</Tag>
                ) : (
                  <Link asChild>
                    <RouterLink to={showing(p.project_id)} aria-label={`${countText(t, p.findings_count)}: ${p.code} ${p.name}`}>
                      {countText(t, p.findings_count)}
                    </RouterLink>
                  </Link>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

const countText = (t: ReturnType<typeof useI18n>["t"], count: number) =>
  count === 1 ? t("compliance.findings.one") : t("compliance.findings.many", { count });

/** The findings, all or of one scope, a page at a time. */
function Findings({ report, programmeId }: { report: Compliance; programmeId: string }) {
  const { t } = useI18n();
  const headingId = useId();
  const [params, setParams] = useSearchParams();
  const scope = scopeOf(params.get(SCOPE_PARAM), report);
  const location = useLocation();
  const anchor = useRef<HTMLSpanElement>(null);
  // A link to a project's findings (from the table or the overview) lands on the list.
  useEffect(() => {
    if (location.hash !== `#${FINDINGS_ANCHOR}`) return;
    anchor.current?.scrollIntoView?.({ block: "start" });
    anchor.current?.focus({ preventScroll: true });
  }, [location.hash, location.search]);
  const findings = useInfiniteQuery(findingsQuery(programmeId, scope));
  const total =
    scope.kind === "all"
      ? report.total
      : scope.kind === "programme"
        ? report.programme_findings_count
        : (report.projects.find((p) => p.project_id === scope.projectId)?.findings_count ?? 0);
  const choose = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(SCOPE_PARAM, value);
    else next.delete(SCOPE_PARAM);
    setParams(next, { replace: true });
  };
  const empty =
    scope.kind === "all"
      ? t("compliance.summary.none")
      : scope.kind === "programme"
        ? t("compliance.programmeFindings.none")
        : t("compliance.projectFindings.none.one");
  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        <span id={FINDINGS_ANCHOR} ref={anchor} tabIndex={-1} className={own.anchor}>
          {t("compliance.findings")}
        </span>
      </Heading>
      <div className={own.scope}>
        <SelectField label={t("compliance.scope")} value={scopeValue(scope)} onChange={(e) => choose(e.target.value)}>
          <option value="">{t("compliance.scope.all", { count: report.total })}</option>
          <option value="programme">
            {t("compliance.scope.programme", { count: report.programme_findings_count })}
          </option>
          {report.projects
            .filter((p) => p.findings_count > 0 || (scope.kind === "project" && scope.projectId === p.project_id))
            .map((p) => (
              <option key={p.project_id} value={p.project_id}>
                {`${p.code} ${p.name} (${p.findings_count})`}
              </option>
            ))}
        </SelectField>
      </div>
      {scope.kind === "programme" && (
        <Paragraph data-size="sm">{t("compliance.programmeFindings.explain")}</Paragraph>
      )}
      <QueryState query={findings}>
        {(data) => {
          const shown = data.pages.flatMap((page) => page.items);
          if (shown.length === 0) return <Paragraph>{empty}</Paragraph>;
          return (
            <>
              <Paragraph data-size="sm" aria-live="polite">
                {t("compliance.shown", { shown: shown.length, total: Math.max(total, shown.length) })}
              </Paragraph>
              <FindingList findings={shown} programmeId={programmeId} />
              {findings.hasNextPage && (
                <Button
                  variant="secondary"
                  onClick={() => findings.fetchNextPage()}
                  loading={findings.isFetchingNextPage}
                >
                  {t("compliance.more")}
                </Button>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** Findings with their rule, what is wrong, the rule's source, and where to fix it. */
export function FindingList({ findings, programmeId }: { findings: Finding[]; programmeId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const baseId = useId();
  return (
    <ul className={own.findings}>
      {findings.map((f, index) => {
        const url = recordUrl(programmeId, f);
        const messageId = `${baseId}-${index}`;
        return (
          <li key={`${f.rule}-${f.record_id}-${index}`} className={own.finding}>
            <Paragraph>
              <strong>{ruleTitle(t, f.rule, f.title)}</strong>
            </Paragraph>
            <Paragraph id={messageId}>{findingMessage(t, i18n, f)}</Paragraph>
            <Paragraph data-size="sm" className={own.source}>
              {t("compliance.source", { source: f.source })}
            </Paragraph>
            {url && (
              <Paragraph data-size="sm">
                <Link asChild>
                  <RouterLink to={url} aria-describedby={messageId}>
                    {t(`compliance.fix.${LINKED_TYPES.includes(f.record_type) ? f.record_type : "other"}`)}
                  </RouterLink>
                </Link>
              </Paragraph>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The rules checked, where each comes from, and how many findings each has now. */
function RulesTable({ report }: { report: Compliance }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("compliance.rules")}
      </Heading>
      <div className={styles.tableWrap}>
        <Table zebra>
          <caption className={styles.visuallyHidden}>{t("compliance.rules.caption")}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t("compliance.rule")}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t("compliance.rule.source")}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t("compliance.findings")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.rules.map((rule) => (
              <Table.Row key={rule.id}>
                <Table.HeaderCell scope="row">{ruleTitle(t, rule.id, rule.title)}</Table.HeaderCell>
                <Table.Cell>{rule.source}</Table.Cell>
                <Table.Cell>{rule.count}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </section>
  );
}

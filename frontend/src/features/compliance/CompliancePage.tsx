import { Alert, Button, Heading, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link as RouterLink, useParams } from "react-router-dom";
import {
  allFindings,
  complianceQuery,
  type Compliance,
  type Finding,
  type ProjectCompliance,
} from "../../api/queries/compliance";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { osloToday } from "../../lib/time";
import own from "./compliance.module.css";
import { LINKED_TYPES, recordUrl } from "./records";
import { findingMessage, ruleTitle } from "./wording";

const MANDATE_COLOR: Record<string, string> = { draft: "neutral", proposed: "info", approved: "success" };

/**
 * Where the programme falls short of how a reorganisation must be run: the findings of each
 * project and of the programme, each with its rule, its source and a link to where it is fixed.
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
  const flagged = report.projects.filter((p) => p.findings.length > 0);
  const projectsId = useId();
  const findingsId = useId();
  const programmeFindingsId = useId();
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
            programme: report.programme_findings.length,
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

      <section className={own.section} aria-labelledby={findingsId}>
        <Heading level={2} data-size="md" id={findingsId}>
          {t("compliance.projectFindings")}
        </Heading>
        {flagged.length === 0 ? (
          <Paragraph>{t("compliance.projectFindings.none")}</Paragraph>
        ) : (
          flagged.map((project) => (
            <ProjectFindings key={project.project_id} project={project} programmeId={programmeId} />
          ))
        )}
      </section>

      <section className={own.section} aria-labelledby={programmeFindingsId}>
        <Heading level={2} data-size="md" id={programmeFindingsId}>
          {t("compliance.programmeFindings")}
        </Heading>
        <Paragraph data-size="sm">{t("compliance.programmeFindings.explain")}</Paragraph>
        {report.programme_findings.length === 0 ? (
          <Paragraph>{t("compliance.programmeFindings.none")}</Paragraph>
        ) : (
          <FindingList findings={report.programme_findings} programmeId={programmeId} />
        )}
      </section>

      <RulesTable report={report} />
    </>
  );
}

const anchorOf = (project: ProjectCompliance) => `findings-${project.project_id}`;

/** Every project at a glance: its mandate, its phase, and whether it is in order. */
function ProjectTable({ projects, programmeId }: { projects: ProjectCompliance[]; programmeId: string }) {
  const { t } = useI18n();
  if (projects.length === 0) return <Paragraph>{t("compliance.projects.none")}</Paragraph>;
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
                {p.findings.length === 0 ? (
                  <Tag data-color="success">{t("compliance.inOrder")}</Tag>
                ) : (
                  <Link href={`#${anchorOf(p)}`}>
                    {p.findings.length === 1
                      ? t("compliance.findings.one")
                      : t("compliance.findings.many", { count: p.findings.length })}
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

function ProjectFindings({ project, programmeId }: { project: ProjectCompliance; programmeId: string }) {
  const { t } = useI18n();
  const headingId = anchorOf(project);
  return (
    <section className={own.project} aria-labelledby={headingId}>
      <Heading level={3} data-size="sm" id={headingId} tabIndex={-1}>
        {`${project.code} ${project.name}`}
      </Heading>
      <Paragraph data-size="sm" className={own.projectMeta}>
        {t("compliance.projectMeta", {
          mandate: t(`compliance.mandateStatus.${project.mandate_status}`),
          phase: project.current_phase ?? t("compliance.phase.none"),
        })}
      </Paragraph>
      <FindingList findings={project.findings} programmeId={programmeId} />
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
  const counts = new Map<string, number>();
  for (const f of allFindings(report)) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
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
                <Table.Cell>{counts.get(rule.id) ?? 0}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </section>
  );
}

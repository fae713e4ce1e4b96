import { Card, Heading, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "react-router-dom";
import type { Schemas } from "../../api/client";
import { overviewQuery } from "../../api/queries/programmes";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { TableScroll } from "../../components/TableScroll";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { ProgrammeFiles } from "../imports/ProgrammeFiles";
import { ProgrammeSetupButtons } from "../projects/NewProjectDialog";
import { InvolvementChart } from "./InvolvementChart";
import { PhaseBar, phaseText } from "./PhaseBar";
import styles from "./overview.module.css";

type Overview = Schemas["ProgrammeOverview"];
type Deadline = Schemas["DeadlineBrief"];
type Summary = Schemas["ProjectSummary"];

const HEALTH_COLOR = { on_track: "success", at_risk: "warning", off_track: "danger" } as const;

export default function OverviewPage() {
  const { programmeId = "" } = useParams();
  const { t } = useI18n();
  const overview = useQuery(overviewQuery(programmeId));
  return (
    <Page title={overview.data?.programme.name ?? t("overview.title")}>
      <QueryState query={overview}>{(data) => <OverviewBody data={data} />}</QueryState>
    </Page>
  );
}

function OverviewBody({ data }: { data: Overview }) {
  const { t, formatDate } = useI18n();
  const base = `/p/${data.programme.id}`;
  return (
    <div className={layout.stack}>
      <Paragraph>
        {data.programme.municipalities.map((m) => m.name).join(", ")}
        {data.programme.target_on && ` · ${t("overview.target", { date: formatDate(data.programme.target_on) })}`}
      </Paragraph>
      <ComplianceSummary total={data.findings_total} base={base} />
      <Paragraph>
        <Link asChild>
          <RouterLink to="/me">{t("overview.myPage")}</RouterLink>
        </Link>
      </Paragraph>
      <div className={layout.grid}>
        <DeadlineCard
          id="overdue"
          title={t("overview.overdue", { count: data.overdue_count })}
          empty={t("overview.noOverdue")}
          deadlines={data.overdue}
          projects={data.projects}
          base={base}
          overdue
        />
        <DeadlineCard
          id="upcoming"
          title={t("overview.upcomingCount", { count: data.upcoming_count })}
          empty={t("overview.noUpcoming")}
          deadlines={data.upcoming}
          projects={data.projects}
          base={base}
        />
      </div>
      <section aria-labelledby="projects-heading">
        <Heading level={2} data-size="md" id="projects-heading">
          {t("overview.projects")}
        </Heading>
        <ProjectsTable data={data} base={base} />
        <ProgrammeSetupButtons programmeId={data.programme.id} />
        <ProgrammeFiles programmeId={data.programme.id} />
      </section>
      <section aria-labelledby="involvement-heading">
        <Heading level={2} data-size="md" id="involvement-heading">
          {t("overview.involvement")}
        </Heading>
        <Paragraph data-size="sm">{t("overview.involvementSince", { date: formatDate(data.involvement_since) })}</Paragraph>
        <InvolvementChart data={data} />
        <Link asChild>
          <RouterLink to={`${base}/involvements/new`}>{t("overview.recordInvolvement")}</RouterLink>
        </Link>
      </section>
      <section aria-labelledby="timeline-heading">
        <Heading level={2} data-size="md" id="timeline-heading">
          {t("overview.timeline")}
        </Heading>
        <Paragraph>
          {t("overview.timelineIntro")}{" "}
          <Link asChild>
            <RouterLink to={`${base}/timeline`}>{t("overview.timelineLink")}</RouterLink>
          </Link>
        </Paragraph>
      </section>
    </div>
  );
}

/** Health as the project reports it, and its open findings beside it: green never stands alone. */
export function HealthAndFindings({ project, base }: { project: Summary; base: string }) {
  const { t } = useI18n();
  const { law, practice } = project.findings;
  const total = law + practice;
  return (
    <span className={styles.healthCell}>
      <Tag data-color={HEALTH_COLOR[project.health]} title={project.health_explanation ?? undefined}>
        {t(`overview.health.${project.health}`)}
      </Tag>
      {total === 0 ? (
        <span>{t("overview.findings.none")}</span>
      ) : (
        <Link asChild data-color={law > 0 ? "danger" : undefined}>
          <RouterLink to={`${base}/compliance?findings=${project.id}#findings`}>
            {total === 1 ? t("overview.findings.one") : t("overview.findings.many", { count: total })}
            {law > 0 && ` (${t("overview.findings.law", { count: law })})`}
          </RouterLink>
        </Link>
      )}
    </span>
  );
}

function ProjectsTable({ data, base }: { data: Overview; base: string }) {
  const { t } = useI18n();
  if (data.projects.length === 0) return <Paragraph>{t("overview.noProjects")}</Paragraph>;
  return (
    <TableScroll label={t("overview.projects")}>
      <Table zebra data-size="sm" className={styles.projectsTable}>
        <caption className={layout.visuallyHidden}>{t("overview.projects")}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t("overview.project")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("overview.phase")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("overview.health")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("overview.late")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {data.projects.map((p) => (
            <Table.Row key={p.id}>
              <Table.HeaderCell scope="row">
                <Link asChild>
                  <RouterLink to={`${base}/projects/${p.id}`}>{`${p.code} ${p.name}`}</RouterLink>
                </Link>
                <span className={styles.sub}>{p.leader_name ?? t("overview.noLeader")}</span>
              </Table.HeaderCell>
              <Table.Cell>
                <span className={styles.phaseCell}>
                  <span>{phaseText(p, t)}</span>
                  <PhaseBar project={p} />
                </span>
              </Table.Cell>
              <Table.Cell>
                <HealthAndFindings project={p} base={base} />
              </Table.Cell>
              <Table.Cell>
                {p.overdue_count === 0 && p.upcoming_count === 0 ? (
                  t("overview.lateNone")
                ) : (
                  <span className={styles.healthCell}>
                    {p.overdue_count > 0 && (
                      <Tag data-color="danger" data-size="sm">
                        {t("overview.lateOverdue", { count: p.overdue_count })}
                      </Tag>
                    )}
                    {p.upcoming_count > 0 && (
                      <Tag data-color="warning" data-size="sm">
                        {t("overview.lateSoon", { count: p.upcoming_count })}
                      </Tag>
                    )}
                  </span>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </TableScroll>
  );
}

function DeadlineCard({
  id,
  title,
  empty,
  deadlines,
  projects,
  base,
  overdue = false,
}: {
  id: string;
  title: string;
  empty: string;
  deadlines: Deadline[];
  projects: Summary[];
  base: string;
  overdue?: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const codes = new Map(projects.map((p) => [p.id, p.code]));
  return (
    <Card data-color={overdue && deadlines.length ? "danger" : "neutral"} aria-labelledby={`${id}-heading`}>
      <Heading level={2} data-size="sm" id={`${id}-heading`}>
        {title}
      </Heading>
      {deadlines.length === 0 ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <ul className={styles.deadlines}>
          {deadlines.map((d) => (
            <li key={d.id}>
              <span className={styles.when}>{formatDateTime(d.due_at)}</span> {d.title}
              {d.project_id && codes.get(d.project_id) && ` · ${codes.get(d.project_id)}`}
              {d.responsible && ` · ${d.responsible.name}`}
            </li>
          ))}
        </ul>
      )}
      <Link asChild>
        <RouterLink to={`${base}/deadlines${overdue ? "?overdue=1" : ""}`}>{t("overview.allDeadlines")}</RouterLink>
      </Link>
    </Card>
  );
}

/** How many findings the governance rules have now, and the way to them. */
function ComplianceSummary({ total, base }: { total: number; base: string }) {
  const { t } = useI18n();
  return (
    <Paragraph>
      {total === 0 ? t("overview.compliance.none") : t("overview.compliance.some", { count: total })}{" "}
      <Link asChild>
        <RouterLink to={`${base}/compliance`}>{t("overview.compliance.link")}</RouterLink>
      </Link>
    </Paragraph>
  );
}

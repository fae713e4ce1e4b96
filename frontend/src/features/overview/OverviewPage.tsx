import { Card, Heading, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "react-router-dom";
import type { Schemas } from "../../api/client";
import { complianceQuery } from "../../api/queries/compliance";
import { overviewQuery } from "../../api/queries/programmes";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { ProgrammeFiles } from "../imports/ProgrammeFiles";
import { InvolvementChart } from "./InvolvementChart";
import { Timeline } from "./Timeline";
import styles from "./overview.module.css";

type Overview = Schemas["ProgrammeOverview"];
type Deadline = Schemas["DeadlineRead"];

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
      <ComplianceSummary programmeId={data.programme.id} base={base} />
      <Paragraph>
        <Link asChild>
          <RouterLink to="/me">{t("overview.myPage")}</RouterLink>
        </Link>
      </Paragraph>
      <section aria-labelledby="projects-heading">
        <Heading level={2} data-size="md" id="projects-heading">
          {t("overview.projects")}
        </Heading>
        <ProjectsTable data={data} base={base} />
        <ProgrammeFiles programmeId={data.programme.id} />
      </section>
      <div className={layout.grid}>
        <DeadlineCard
          id="overdue"
          title={t("overview.overdue", { count: data.overdue_count })}
          empty={t("overview.noOverdue")}
          deadlines={data.overdue}
          base={base}
          overdue
        />
        <DeadlineCard
          id="upcoming"
          title={t("overview.upcoming")}
          empty={t("overview.noUpcoming")}
          deadlines={data.upcoming}
          base={base}
        />
      </div>
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
        <Timeline data={data} base={base} />
      </section>
    </div>
  );
}

function ProjectsTable({ data, base }: { data: Overview; base: string }) {
  const { t } = useI18n();
  if (data.projects.length === 0) return <Paragraph>{t("overview.noProjects")}</Paragraph>;
  return (
    <div className={layout.tableWrap}>
      <Table zebra data-size="sm">
        <caption className={layout.visuallyHidden}>{t("overview.projects")}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t("overview.code")}</Table.HeaderCell>
            <Table.HeaderCell>{t("overview.project")}</Table.HeaderCell>
            <Table.HeaderCell>{t("overview.leader")}</Table.HeaderCell>
            <Table.HeaderCell>{t("overview.phase")}</Table.HeaderCell>
            <Table.HeaderCell>{t("overview.health")}</Table.HeaderCell>
            <Table.HeaderCell>{t("overview.mandate")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {data.projects.map((p) => (
            <Table.Row key={p.id}>
              <Table.Cell>{p.code}</Table.Cell>
              <Table.Cell>
                <Link asChild>
                  <RouterLink to={`${base}/projects/${p.id}`}>{p.name}</RouterLink>
                </Link>
              </Table.Cell>
              <Table.Cell>
                {p.leader ? (
                  <>
                    <Link asChild>
                      <RouterLink to={`${base}/people/${p.leader.id}`}>{p.leader.name}</RouterLink>
                    </Link>
                    {p.leader_allocation_percent != null && ` (${p.leader_allocation_percent} %)`}
                  </>
                ) : (
                  t("overview.noLeader")
                )}
              </Table.Cell>
              <Table.Cell>
                {p.current_phase
                  ? `${p.current_phase.position}. ${p.current_phase.name} (${p.phases_completed}/${p.phases_total})`
                  : "—"}
              </Table.Cell>
              <Table.Cell>
                <Tag data-color={HEALTH_COLOR[p.health]} title={p.health_explanation ?? undefined}>
                  {t(`overview.health.${p.health}`)}
                </Tag>
              </Table.Cell>
              <Table.Cell>{t(`overview.mandate.${p.mandate_status}`)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

function DeadlineCard({
  id,
  title,
  empty,
  deadlines,
  base,
  overdue = false,
}: {
  id: string;
  title: string;
  empty: string;
  deadlines: Deadline[];
  base: string;
  overdue?: boolean;
}) {
  const { t, formatDateTime } = useI18n();
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
              {overdue && (
                <>
                  {" "}
                  <Tag data-color="danger" data-size="sm">
                    {t("overview.overdueTag")}
                  </Tag>
                </>
              )}
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
function ComplianceSummary({ programmeId, base }: { programmeId: string; base: string }) {
  const { t } = useI18n();
  const report = useQuery(complianceQuery(programmeId));
  if (!report.data) return null;
  const { total } = report.data;
  return (
    <Paragraph>
      {total === 0 ? t("overview.compliance.none") : t("overview.compliance.some", { count: total })}{" "}
      <Link asChild>
        <RouterLink to={`${base}/compliance`}>{t("overview.compliance.link")}</RouterLink>
      </Link>
    </Paragraph>
  );
}

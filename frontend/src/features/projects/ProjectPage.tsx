import { Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "react-router-dom";
import { namesById, peopleNamesQuery } from "../../api/queries/lookups";
import { projectQuery, type Project } from "../../api/queries/projects";
import { Page } from "../../components/Page";
import { GoalsSection } from "../goals/GoalsSection";
import { SubmissionsSection } from "../workbooks/SubmissionsSection";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { HEALTH_COLOR } from "./colors";
import { Facts } from "./Facts";
import { MandateSection } from "./MandateSection";
import { PhasesSection } from "./PhasesSection";
import { ProjectSetup } from "./ProjectSetup";
import { DeadlinesSection, GroupsSection, InvolvementsSection, TasksSection } from "./ProjectLists";
import styles from "./project.module.css";

/** A project: its facts, mandate, phases with their checklists, groups and what goes on in it. */
export default function ProjectPage() {
  const { t } = useI18n();
  const { programmeId = "", projectId = "" } = useParams();
  const project = useQuery(projectQuery(projectId));
  const title = project.data ? `${project.data.record.code} ${project.data.record.name}` : t("projects.title");
  return (
    <Page title={title}>
      <QueryState query={project}>
        {({ record, etag }) => (
          <>
            <ProjectFacts project={record} programmeId={programmeId} />
            <ProjectSetup project={record} etag={etag} />
            <MandateSection project={record} etag={etag} />
            <PhasesSection projectId={record.id} programmeId={programmeId} />
            <GoalsSection projectId={record.id} programmeId={programmeId} />
            <GroupsSection projectId={record.id} programmeId={programmeId} />
            <TasksSection projectId={record.id} programmeId={programmeId} />
            <DeadlinesSection projectId={record.id} programmeId={programmeId} />
            <SubmissionsSection projectId={record.id} programmeId={programmeId} />
            <InvolvementsSection projectId={record.id} programmeId={programmeId} />
            <Paragraph>
              <Link asChild>
                <RouterLink to={`/p/${programmeId}/projects/${record.id}/involvement-plan`}>{t("plan.link")}</RouterLink>
              </Link>
              {` – ${t("plan.linkHelp")}`}
            </Paragraph>
          </>
        )}
      </QueryState>
    </Page>
  );
}

function ProjectFacts({ project, programmeId }: { project: Project; programmeId: string }) {
  const { t, formatDate } = useI18n();
  const people = useQuery(peopleNamesQuery(programmeId));
  const names = namesById(people.data);
  const person = (id: string | null) =>
    id ? (
      <Link asChild>
        <RouterLink to={`/p/${programmeId}/people/${id}`}>{names.get(id) ?? t("projects.person")}</RouterLink>
      </Link>
    ) : null;
  const period =
    project.starts_on || project.ends_on
      ? t("projects.period.value", {
          from: formatDate(project.starts_on) || "…",
          to: formatDate(project.ends_on) || "…",
        })
      : null;
  return (
    <>
      {project.description && <Paragraph className={styles.text}>{project.description}</Paragraph>}
      <Facts
        items={[
          [t("projects.code"), project.code],
          [t("projects.category"), t(`projects.category.${project.category}`)],
          [t("projects.status"), t(`projects.status.${project.status}`)],
          [
            t("projects.health"),
            <>
              <Tag data-color={HEALTH_COLOR[project.health]}>{t(`projects.health.${project.health}`)}</Tag>
              {project.health_explanation && <Paragraph data-size="sm">{project.health_explanation}</Paragraph>}
            </>,
          ],
          [
            t("projects.leader"),
            project.leader_id ? (
              <>
                {person(project.leader_id)}
                {project.leader_allocation_percent !== null &&
                  ` (${t("projects.allocation.value", { percent: project.leader_allocation_percent })})`}
              </>
            ) : (
              t("projects.leader.none")
            ),
          ],
          [t("projects.owner"), person(project.owner_id)],
          [t("projects.period"), period],
          [t("projects.concernsNav"), project.concerns_nav ? t("common.yes") : null],
        ]}
      />
    </>
  );
}

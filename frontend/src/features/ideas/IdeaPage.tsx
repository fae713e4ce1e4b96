import { Alert, Button, Heading, Link, Paragraph } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link as RouterLink, useNavigate, useParams } from "react-router-dom";
import {
  CARRIED_OUT,
  ideaQuery,
  measureOptionsQuery,
  seatedInGroupQuery,
  statusChangesQuery,
  useArchiveIdea,
  useSupportIdea,
  type Idea,
  type IdeaStatusChange,
} from "../../api/queries/ideas";
import { groupNamesQuery, namesById, peopleNamesQuery, projectNamesQuery } from "../../api/queries/lookups";
import { taskOptionsQuery } from "../../api/queries/measures";
import { Page } from "../../components/Page";
import { Loading, ProblemAlert, QueryState } from "../../components/QueryState";
import styles from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useIdeaAccess, type IdeaAccess } from "./access";
import { AssessForm } from "./AssessForm";
import { CarryOut } from "./CarryOut";
import { IdeaStatusTag } from "./IdeaStatusTag";
import { assessorName, submitterText, type IdeaNames } from "./IdeasPage";
import own from "./ideas.module.css";

/** May this user assess the idea: the office, or a member who is its assessor or sits in its assessor group. */
function useMayAssess(idea: Idea, access: IdeaAccess): boolean {
  const member = access.submit && !access.office && access.personId !== null;
  const seated = useQuery({
    ...seatedInGroupQuery(idea.assessor_group_id ?? "", access.personId ?? ""),
    enabled: member && Boolean(idea.assessor_group_id),
  });
  if (access.office) return true;
  if (!member) return false;
  return idea.assessor_person_id === access.personId || seated.data === true;
}

/**
 * One idea: its text and facts, who supports it, every step of its follow-up with the meeting
 * where it was decided, and, for those who may, assessing it, turning it into a measure or a
 * task, and archiving it. Observers read; the submitter is named only when they chose to be.
 */
export default function IdeaPage() {
  const { programmeId = "", ideaId = "" } = useParams();
  const { t } = useI18n();
  const idea = useQuery(ideaQuery(ideaId));
  const projects = useQuery(projectNamesQuery(programmeId));
  const people = useQuery(peopleNamesQuery(programmeId));
  const groups = useQuery(groupNamesQuery(programmeId));
  const names: IdeaNames = {
    projects: namesById(projects.data),
    people: namesById(people.data),
    groups: namesById(groups.data),
  };
  if (idea.isPending) return <Loading />;
  if (idea.isError) return <ProblemAlert error={idea.error} />;
  return (
    <IdeaView
      programmeId={programmeId}
      idea={idea.data.record}
      etag={idea.data.etag}
      names={names}
      fallbackTitle={t("ideas.title")}
    />
  );
}

function IdeaView({
  programmeId,
  idea,
  etag,
  names,
  fallbackTitle,
}: {
  programmeId: string;
  idea: Idea;
  etag: string;
  names: IdeaNames;
  fallbackTitle: string;
}) {
  const { t, formatDateTime } = useI18n();
  const access = useIdeaAccess(programmeId);
  const [message, setMessage] = useState("");
  const archived = Boolean(idea.archived_at);
  const mayAssess = useMayAssess(idea, access);
  const assessing = !archived && mayAssess;
  const base = `/p/${programmeId}`;
  return (
    <Page
      title={idea.title || fallbackTitle}
      actions={access.office && !archived && <ArchiveButton idea={idea} etag={etag} programmeId={programmeId} />}
    >
      <Paragraph>
        <Link asChild>
          <RouterLink to={`${base}/ideas`}>{t("ideas.backToList")}</RouterLink>
        </Link>
      </Paragraph>
      {archived && (
        <Alert data-color="info">
          <Paragraph>{t("ideas.archivedAt", { when: formatDateTime(idea.archived_at) })}</Paragraph>
        </Alert>
      )}
      <p role="status" className={styles.visuallyHidden}>
        {message}
      </p>
      <Facts idea={idea} names={names} programmeId={programmeId} />
      <section className={own.section} aria-labelledby="idea-text">
        <Heading level={2} data-size="sm" id="idea-text">
          {t("ideas.field.description")}
        </Heading>
        <Paragraph className={own.text}>{idea.description}</Paragraph>
      </section>
      <SupportSection idea={idea} etag={etag} access={access} archived={archived} onDone={setMessage} />
      {assessing && (
        <AssessForm programmeId={programmeId} idea={idea} etag={etag} names={names} onDone={setMessage} />
      )}
      {assessing && CARRIED_OUT.includes(idea.status) && (!idea.measure_id || !idea.task_id) && (
        <CarryOut programmeId={programmeId} idea={idea} etag={etag} onDone={setMessage} />
      )}
      <History ideaId={idea.id} programmeId={programmeId} />
    </Page>
  );
}

function Facts({ idea, names, programmeId }: { idea: Idea; names: IdeaNames; programmeId: string }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const measures = useQuery({ ...measureOptionsQuery(programmeId), enabled: Boolean(idea.measure_id) });
  const tasks = useQuery({ ...taskOptionsQuery(programmeId), enabled: Boolean(idea.task_id) });
  const base = `/p/${programmeId}`;
  const measureName = measures.data?.find((m) => m.id === idea.measure_id)?.name;
  const taskName = tasks.data?.find((task) => task.id === idea.task_id)?.title;
  return (
    <dl className={own.facts}>
      <dt>{t("ideas.field.status")}</dt>
      <dd>
        <IdeaStatusTag status={idea.status} /> <span>{t(`ideas.statusMeaning.${idea.status}`)}</span>
      </dd>
      {idea.reason && (
        <>
          <dt>{t("ideas.field.reason")}</dt>
          <dd className={own.text}>{idea.reason}</dd>
        </>
      )}
      <dt>{t("ideas.field.assessor")}</dt>
      <dd>{assessorName(idea, names) ?? t("ideas.noAssessor")}</dd>
      <dt>{t("ideas.field.submitter")}</dt>
      <dd>{submitterText(idea, t)}</dd>
      <dt>{t("ideas.field.channel")}</dt>
      <dd>{t(`ideas.channel.${idea.channel}`)}</dd>
      <dt>{t("ideas.field.received")}</dt>
      <dd>{formatDateTime(idea.received_at)}</dd>
      <dt>{t("ideas.field.project")}</dt>
      <dd>{idea.project_id ? (names.projects.get(idea.project_id) ?? "—") : t("ideas.noProject")}</dd>
      {idea.group_id && (
        <>
          <dt>{t("ideas.field.group")}</dt>
          <dd>{names.groups.get(idea.group_id) ?? "—"}</dd>
        </>
      )}
      <dt>{t("ideas.field.support")}</dt>
      <dd>{t("ideas.support.count", { count: formatNumber(idea.support_count) })}</dd>
      {idea.measure_id && (
        <>
          <dt>{t("ideas.field.measure")}</dt>
          <dd>
            <Link asChild>
              <RouterLink to={`${base}/measures`}>{measureName ?? t("ideas.field.measure")}</RouterLink>
            </Link>
          </dd>
        </>
      )}
      {idea.task_id && (
        <>
          <dt>{t("ideas.field.task")}</dt>
          <dd>
            <Link asChild>
              <RouterLink to={`${base}/tasks`}>{taskName ?? t("ideas.field.task")}</RouterLink>
            </Link>
          </dd>
        </>
      )}
    </dl>
  );
}

function SupportSection({
  idea,
  etag,
  access,
  archived,
  onDone,
}: {
  idea: Idea;
  etag: string;
  access: IdeaAccess;
  archived: boolean;
  onDone: (message: string) => void;
}) {
  const { t, formatNumber } = useI18n();
  const support = useSupportIdea();
  const canSupport = access.submit && access.personId !== null && !archived;
  if (!canSupport) return null;
  return (
    <section className={own.section} aria-labelledby="support-heading">
      <Heading level={2} data-size="sm" id="support-heading">
        {t("ideas.support.title")}
      </Heading>
      <Paragraph>
        {t(idea.supported ? "ideas.support.youDo" : "ideas.support.youDoNot", {
          count: formatNumber(idea.support_count),
        })}
      </Paragraph>
      {support.error && <ProblemAlert error={support.error} />}
      <div>
        <Button
          variant={idea.supported ? "secondary" : "primary"}
          aria-busy={support.isPending}
          onClick={() =>
            support.mutate(
              { idea, etag, support: !idea.supported },
              { onSuccess: () => onDone(t(idea.supported ? "ideas.support.withdrawn" : "ideas.support.given")) },
            )
          }
        >
          {t(idea.supported ? "ideas.support.withdraw" : "ideas.support.give")}
        </Button>
      </div>
    </section>
  );
}

function ArchiveButton({ idea, etag, programmeId }: { idea: Idea; etag: string; programmeId: string }) {
  const { t } = useI18n();
  const archive = useArchiveIdea();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button variant="secondary" onClick={() => setAsking(true)}>
        {t("ideas.archive")}
      </Button>
    );
  }
  return (
    <Alert data-color="warning" role="alert">
      <Paragraph>{t("ideas.archiveConfirm")}</Paragraph>
      {archive.error && <ProblemAlert error={archive.error} />}
      <div className={styles.actions}>
        <Button
          data-color="danger"
          aria-busy={archive.isPending}
          // Not mutate's onSuccess: refetching the archived idea removes this button first.
          onClick={() =>
            archive.mutateAsync({ id: idea.id, etag }).then(
              () => navigate(`/p/${programmeId}/ideas`),
              () => undefined,
            )
          }
        >
          {t("ideas.archiveYes")}
        </Button>
        <Button variant="secondary" onClick={() => setAsking(false)}>
          {t("common.cancel")}
        </Button>
      </div>
    </Alert>
  );
}

/** Every step of the idea's follow-up, oldest first. */
function History({ ideaId, programmeId }: { ideaId: string; programmeId: string }) {
  const { t } = useI18n();
  const changes = useQuery(statusChangesQuery(ideaId));
  return (
    <section className={own.section} aria-labelledby="history-heading">
      <Heading level={2} data-size="sm" id="history-heading">
        {t("ideas.history.title")}
      </Heading>
      <QueryState query={changes}>
        {(items) => (
          <ol className={own.history}>
            {items.map((change) => (
              <StatusChangeItem key={change.id} change={change} programmeId={programmeId} />
            ))}
          </ol>
        )}
      </QueryState>
    </section>
  );
}

function StatusChangeItem({ change, programmeId }: { change: IdeaStatusChange; programmeId: string }) {
  const { t, formatDate, formatDateTime } = useI18n();
  return (
    <li>
      <Paragraph>
        <strong>{t(`ideas.status.${change.status}`)}</strong> – {formatDateTime(change.changed_at)}
      </Paragraph>
      {change.meeting && change.event_id && (
        <Paragraph data-size="sm">
          {t("ideas.history.decidedAt")}{" "}
          <Link asChild>
            <RouterLink to={`/p/${programmeId}/events/${change.event_id}`}>
              {t("ideas.history.meeting", { title: change.meeting.title, date: formatDate(change.meeting.held_on) })}
            </RouterLink>
          </Link>
        </Paragraph>
      )}
      {change.comment && <Paragraph className={own.text}>{change.comment}</Paragraph>}
      {change.reason && (
        <Paragraph className={own.text}>
          {t("ideas.field.reason")}: {change.reason}
        </Paragraph>
      )}
    </li>
  );
}

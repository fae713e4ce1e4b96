import { Heading, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { Link as RouterLink } from "react-router-dom";
import { myOverviewQuery, type MyOverview, type MyProgramme } from "../../api/queries/myPage";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { MeetingList } from "./MeetingList";
import { SurveyList } from "./SurveyList";
import own from "./mypage.module.css";

/** The signed-in person's own page: what waits for them, the most urgent first. */
export default function MyPage() {
  const { t } = useI18n();
  const overview = useQuery(myOverviewQuery());
  return (
    <Page title={t("mypage.title")}>
      <QueryState query={overview}>{(data) => <MyPageBody data={data} />}</QueryState>
    </Page>
  );
}

function MyPageBody({ data }: { data: MyOverview }) {
  const { t } = useI18n();
  // Announced to screen readers when an answer is saved (or refused).
  const [notice, setNotice] = useState("");
  if (data.programmes.length === 0) return <Paragraph>{t("mypage.noProgrammes")}</Paragraph>;
  return (
    <div className={layout.stack}>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      {data.programmes.map((programme) => (
        <ProgrammePart key={programme.programme_id} programme={programme} onNotice={setNotice} />
      ))}
    </div>
  );
}

/** One section of the page: its heading, and its items or a short word that there are none. */
function Part({
  title,
  empty,
  count,
  urgent = false,
  children,
}: {
  title: string;
  empty: string;
  count: number;
  urgent?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={urgent ? `${own.part} ${own.urgent}` : own.part}>
      <Heading level={3} data-size="sm" id={id}>
        {title}
      </Heading>
      {count === 0 ? <Paragraph data-size="sm">{empty}</Paragraph> : children}
    </section>
  );
}

function Overdue() {
  const { t } = useI18n();
  return (
    <Tag data-color="danger" data-size="sm">
      {t("mypage.overdue")}
    </Tag>
  );
}

function ProgrammePart({ programme: p, onNotice }: { programme: MyProgramme; onNotice: (text: string) => void }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const headingId = useId();
  const base = `/p/${p.programme_id}`;
  const to = (path: string, text: string) => (
    <Link asChild>
      <RouterLink to={`${base}${path}`}>{text}</RouterLink>
    </Link>
  );
  const lateTasks = p.tasks.filter((task) => task.overdue);
  const lateDeadlines = p.deadlines.filter((d) => d.overdue);
  const lateHearings = p.hearings.filter((h) => h.overdue);
  const lateCount = lateTasks.length + lateDeadlines.length + lateHearings.length;
  const rest = <T extends { overdue: boolean }>(items: T[]) => items.filter((i) => !i.overdue);
  const emptyOr = (all: number, key: string) => (all > 0 ? t("mypage.onlyOverdue") : t(key));

  return (
    <section aria-labelledby={headingId} className={layout.stack}>
      <div>
        <Heading level={2} data-size="md" id={headingId}>
          {p.programme_name}
        </Heading>
        <Paragraph data-size="sm">
          {p.person_name ? t("mypage.as", { name: p.person_name }) : t("mypage.noPerson")}{" "}
          {to("", t("mypage.toProgramme"))}
        </Paragraph>
      </div>
      {p.person_id && (
        <div className={own.parts}>
          {lateCount > 0 && (
            <Part title={t("mypage.overdueTitle", { count: lateCount })} empty="" count={lateCount} urgent>
              <ul className={own.items}>
                {lateHearings.map((h) => (
                  <li key={h.invitee_id}>
                    <Overdue /> {t("mypage.kind.hearing")}: {to(`/hearings/${h.hearing_id}`, h.title)}
                    <span className={own.meta}>{t("mypage.respondBy", { when: formatDateTime(h.deadline_at) })}</span>
                  </li>
                ))}
                {lateDeadlines.map((d) => (
                  <li key={d.deadline_id}>
                    <Overdue /> {t("mypage.kind.deadline")}: {to("/deadlines?overdue=1", d.title)}
                    <span className={own.meta}>
                      {t("mypage.dueAt", { when: formatDateTime(d.due_at) })} · {t(`mypage.why.${d.why}`)}
                    </span>
                  </li>
                ))}
                {lateTasks.map((task) => (
                  <li key={task.task_id}>
                    <Overdue /> {t("mypage.kind.task")}: {to(`/projects/${task.project_id}`, task.title)}
                    <span className={own.meta}>
                      {task.due_on && t("mypage.dueOn", { when: formatDate(task.due_on) })} · {task.project_code}{" "}
                      {task.project_name}
                    </span>
                  </li>
                ))}
              </ul>
            </Part>
          )}

          <Part title={t("mypage.meetings")} empty={t("mypage.noMeetings")} count={p.meetings.length}>
            <MeetingList base={base} meetings={p.meetings} onNotice={onNotice} />
          </Part>

          <Part title={t("mypage.hearings")} empty={emptyOr(p.hearings.length, "mypage.noHearings")} count={rest(p.hearings).length}>
            <ul className={own.items}>
              {rest(p.hearings).map((h) => (
                <li key={h.invitee_id}>
                  {to(`/hearings/${h.hearing_id}`, h.title)}
                  <span className={own.meta}>
                    {t("mypage.respondBy", { when: formatDateTime(h.deadline_at) })}
                    {h.group_name && ` · ${t("mypage.onBehalfOf", { group: h.group_name })}`}
                  </span>
                </li>
              ))}
            </ul>
          </Part>

          <Part title={t("mypage.deadlines")} empty={emptyOr(p.deadlines.length, "mypage.noDeadlines")} count={rest(p.deadlines).length}>
            <ul className={own.items}>
              {rest(p.deadlines).map((d) => (
                <li key={d.deadline_id}>
                  {to("/deadlines", d.title)}
                  <span className={own.meta}>
                    {t("mypage.dueAt", { when: formatDateTime(d.due_at) })} · {t(`mypage.why.${d.why}`)}
                  </span>
                </li>
              ))}
            </ul>
          </Part>

          <Part title={t("mypage.tasks")} empty={emptyOr(p.tasks.length, "mypage.noTasks")} count={rest(p.tasks).length}>
            <ul className={own.items}>
              {rest(p.tasks).map((task) => (
                <li key={task.task_id}>
                  {to(`/projects/${task.project_id}`, task.title)}
                  <span className={own.meta}>
                    {task.due_on ? t("mypage.dueOn", { when: formatDate(task.due_on) }) : t("mypage.noDue")} ·{" "}
                    {t(`mypage.taskStatus.${task.status}`)} · {task.project_code} {task.project_name}
                  </span>
                </li>
              ))}
            </ul>
          </Part>

          <Part title={t("mypage.surveys")} empty={t("mypage.noSurveys")} count={p.survey_rounds.length}>
            <SurveyList rounds={p.survey_rounds} />
          </Part>

          <Part title={t("mypage.ideas")} empty={t("mypage.noIdeas")} count={p.ideas.length}>
            <ul className={own.items}>
              {p.ideas.map((idea) => (
                <li key={idea.idea_id}>
                  {to(`/ideas/${idea.idea_id}`, idea.title)}
                  <span className={own.meta}>
                    {t(`mypage.ideaStatus.${idea.status}`)} · {t("mypage.supporters", { count: idea.support_count })} ·{" "}
                    {t("mypage.received", { when: formatDate(idea.received_at) })}
                  </span>
                </li>
              ))}
            </ul>
          </Part>

          <Part title={t("mypage.groups")} empty={t("mypage.noGroups")} count={p.groups.length}>
            <ul className={own.items}>
              {p.groups.map((g) => (
                <li key={g.group_id}>
                  {to(`/groups/${g.group_id}`, g.name)}
                  <span className={own.meta}>{t(`mypage.memberRole.${g.role}`)}</span>
                </li>
              ))}
            </ul>
          </Part>
        </div>
      )}
    </section>
  );
}

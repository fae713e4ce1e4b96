import { Button, Link, Paragraph, ValidationMessage } from "@digdir/designsystemet-react";
import { Link as RouterLink } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { ATTENDANCE_REPLIES, useReplyToEvent, type AttendanceReply, type MyMeeting } from "../../api/queries/myPage";
import { useI18n } from "../../i18n";
import own from "./mypage.module.css";

/** The meetings one is invited to, soonest first, each with two buttons to answer. */
export function MeetingList({
  base,
  meetings,
  onNotice,
}: {
  base: string;
  meetings: MyMeeting[];
  onNotice: (text: string) => void;
}) {
  return (
    <ul className={own.items}>
      {meetings.map((m) => (
        <Meeting key={m.event_id} base={base} meeting={m} onNotice={onNotice} />
      ))}
    </ul>
  );
}

function Meeting({ base, meeting: m, onNotice }: { base: string; meeting: MyMeeting; onNotice: (text: string) => void }) {
  const { t, formatDateTime } = useI18n();
  const word = useProblemWording();
  const reply = useReplyToEvent();
  const answer = (value: AttendanceReply) => {
    if (reply.isPending) return;
    onNotice("");
    reply.mutate(
      { eventId: m.event_id, reply: value },
      {
        onSuccess: () => onNotice(t("mypage.replySaved", { title: m.title, reply: t(`mypage.reply.${value}`) })),
        onError: () => onNotice(t("mypage.replyFailed", { title: m.title })),
      },
    );
  };
  const problem = reply.error instanceof ApiProblem ? reply.error : null;
  const refusal = problem?.errors[0] ? word(problem.errors[0]) : reply.error ? t("problem.network") : "";
  const where = [m.location, m.group_name].filter(Boolean).join(" · ");
  return (
    <li className={own.meeting}>
      <Link asChild>
        <RouterLink to={`${base}/events/${m.event_id}`}>{m.title}</RouterLink>
      </Link>
      <span className={own.meta}>
        {formatDateTime(m.starts_at)}
        {where && ` · ${where}`}
      </span>
      <Paragraph data-size="sm">
        {m.reply
          ? t("mypage.replied", { reply: t(`mypage.reply.${m.reply}`), when: formatDateTime(m.replied_at) })
          : t("mypage.notReplied")}
      </Paragraph>
      <div role="group" aria-label={t("mypage.replyFor", { title: m.title })} className={own.replies}>
        {ATTENDANCE_REPLIES.map((value) => (
          <Button
            key={value}
            data-size="sm"
            variant={m.reply === value ? "primary" : "secondary"}
            aria-pressed={m.reply === value}
            onClick={() => answer(value)}
          >
            {t(`mypage.answer.${value}`)}
          </Button>
        ))}
      </div>
      {refusal && <ValidationMessage data-size="sm">{refusal}</ValidationMessage>}
    </li>
  );
}

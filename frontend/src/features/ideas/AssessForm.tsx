import { Button, Field, Heading, Label, Select, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiProblem } from "../../api/problem";
import { useProblemWording, type Overrides } from "../../api/problemWording";
import {
  ASSESSED_STATUSES,
  meetingOptionsQuery,
  useAssessIdea,
  type Idea,
  type IdeaAssess,
  type IdeaStatus,
} from "../../api/queries/ideas";
import { ProblemAlert } from "../../components/QueryState";
import { SelectField } from "../../components/SelectField";
import { useI18n } from "../../i18n";
import { EditConflictNote } from "./EditConflictNote";
import type { IdeaNames } from "./IdeasPage";
import own from "./ideas.module.css";

// The form's own sentences for what the API refuses in an assessment.
const WORDING: Overrides = {
  reason: { reason_required: "ideas.error.reasonRequired", reason_not_allowed: "ideas.error.reasonNotAllowed" },
  event_id: { unknown_reference: "ideas.error.meetingUnknown" },
};

type FormField = "status" | "comment" | "reason" | "event_id" | "assessor";

const assessorOf = (idea: Idea) =>
  idea.assessor_group_id ? `g:${idea.assessor_group_id}` : idea.assessor_person_id ? `p:${idea.assessor_person_id}` : "";

/**
 * A step in the idea's follow-up: its new status with a comment, the reason when it is not
 * pursued (refused at the field without one), who assesses it, and the meeting of the
 * assessing group where it was decided.
 */
export function AssessForm({
  programmeId,
  idea,
  etag,
  names,
  onDone,
}: {
  programmeId: string;
  idea: Idea;
  etag: string;
  names: IdeaNames;
  onDone: (message: string) => void;
}) {
  const { t, formatDate } = useI18n();
  const assess = useAssessIdea();
  const next = ASSESSED_STATUSES.includes(idea.status) ? idea.status : "assessing";
  const [status, setStatus] = useState<IdeaStatus>(next);
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [assessor, setAssessor] = useState(assessorOf(idea));
  const [eventId, setEventId] = useState("");
  const [local, setLocal] = useState<Partial<Record<FormField, string>>>({});
  const meetingId = useId();
  const groupId = assessor.startsWith("g:") ? assessor.slice(2) : undefined;
  const meetings = useQuery(meetingOptionsQuery(programmeId, groupId));
  const word = useProblemWording(WORDING);
  const problem = assess.error instanceof ApiProblem ? assess.error : null;
  const server = problem?.fieldErrors(word) ?? {};
  const errorOf = (field: FormField) =>
    local[field] ?? (field === "assessor" ? (server.assessor_group_id ?? server.assessor_person_id) : server[field]);
  const placed = (["status", "comment", "reason", "event_id", "assessor"] as FormField[]).some((f) => errorOf(f));
  const stale = problem?.status === 412;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<FormField, string>> = {};
    if (status === "not_pursued" && !reason.trim()) errors.reason = t("ideas.error.reasonRequired");
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body: IdeaAssess = {
      status,
      comment: comment.trim() || null,
      reason: status === "not_pursued" ? reason.trim() : null,
      event_id: eventId || null,
    };
    if (assessor !== assessorOf(idea)) {
      body.assessor_group_id = assessor.startsWith("g:") ? assessor.slice(2) : null;
      body.assessor_person_id = assessor.startsWith("p:") ? assessor.slice(2) : null;
    }
    assess.mutate(
      { id: idea.id, etag, body },
      {
        onSuccess: () => {
          setComment("");
          setReason("");
          setEventId("");
          onDone(t("ideas.assess.done", { status: t(`ideas.status.${status}`) }));
        },
      },
    );
  };

  return (
    <section className={own.section} aria-labelledby="assess-heading">
      <Heading level={2} data-size="sm" id="assess-heading">
        {t("ideas.assess.title")}
      </Heading>
      <form className={own.form} onSubmit={submit} noValidate>
        {stale && <EditConflictNote />}
        {assess.error && !placed && !stale && <ProblemAlert error={assess.error} />}
        <SelectField
          label={t("ideas.assess.status")}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as IdeaStatus);
            setLocal({});
          }}
          error={errorOf("status")}
        >
          {ASSESSED_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`ideas.status.${s}`)}
            </option>
          ))}
        </SelectField>
        {status === "not_pursued" && (
          <Textfield
            label={t("ideas.field.reason")}
            description={t("ideas.assess.reasonHelp")}
            multiline
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errorOf("reason")}
            required
          />
        )}
        <Textfield
          label={t("ideas.assess.comment")}
          description={t("ideas.assess.commentHelp")}
          multiline
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          error={errorOf("comment")}
        />
        <SelectField
          label={t("ideas.field.assessor")}
          value={assessor}
          onChange={(e) => {
            setAssessor(e.target.value);
            setEventId("");
          }}
          error={errorOf("assessor")}
        >
          <option value="">{t("ideas.noAssessor")}</option>
          <optgroup label={t("ideas.assessor.groups")}>
            {[...names.groups].map(([id, name]) => (
              <option key={id} value={`g:${id}`}>
                {name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("ideas.assessor.people")}>
            {[...names.people].map(([id, name]) => (
              <option key={id} value={`p:${id}`}>
                {name}
              </option>
            ))}
          </optgroup>
        </SelectField>
        <Field>
          <Label htmlFor={meetingId}>{t("ideas.assess.meeting")}</Label>
          <Field.Description>{t(groupId ? "ideas.assess.meetingOfGroup" : "ideas.assess.meetingAny")}</Field.Description>
          <Select
            id={meetingId}
            value={eventId}
            onChange={(e) => setEventId(e.target.value)}
            aria-invalid={errorOf("event_id") ? true : undefined}
          >
            <option value="">{t("ideas.assess.noMeeting")}</option>
            {(meetings.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {t("ideas.history.meeting", { title: m.title, date: formatDate(m.starts_at) })}
              </option>
            ))}
          </Select>
          {errorOf("event_id") && <ValidationMessage>{errorOf("event_id")}</ValidationMessage>}
        </Field>
        <div>
          <Button type="submit" aria-busy={assess.isPending}>
            {t("ideas.assess.save")}
          </Button>
        </div>
      </form>
    </section>
  );
}

import { Button, Heading, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link as RouterLink } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import type { Finding } from "../../api/queries/compliance";
import {
  consultationMeetingQuery,
  consultationMeetingsQuery,
  useUpdateDecision,
  type Decision,
} from "../../api/queries/decisions";
import { ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { EditConflict } from "../../lib/conflict";
import { findingMessage } from "../compliance/wording";
import { ConsultationSelect, useDecisionWording } from "./DecisionFields";
import { consultationOf, ConsultationTag } from "./ConsultationStatus";
import { Facts } from "../projects/Facts";
import own from "./decisions.module.css";

/**
 * The consultation (drøfting) with union representatives that a reorganisation decision needs:
 * whether it is in order, the meeting it was held in, and, while the decision is a draft, the
 * choice of that meeting. A refusal to finalise is shown at the choice, where it can be mended.
 */
export function ConsultationSection({
  decision,
  etag,
  programmeId,
  mayChange,
  finding,
  reportLoaded,
  refusal,
  selectId,
  onSaved,
  onConflict,
}: {
  decision: Decision;
  etag: string;
  programmeId: string;
  mayChange: boolean;
  finding: Finding | undefined;
  reportLoaded: boolean;
  /** Why finalising was refused, as the API said it about the consultation meeting, in the user's language. */
  refusal?: string;
  selectId: string;
  onSaved: () => void;
  onConflict: (conflict: EditConflict, retry: (changes: Record<string, unknown>, etag: string) => void) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = useId();
  const state = consultationOf(decision, finding, reportLoaded);
  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("decisions.consultation.heading")}
      </Heading>
      <div className={own.meta}>
        <ConsultationTag state={state} />
      </div>
      <Paragraph className={own.text}>
        {state === "missing" || state === "overridden"
          ? t(`decisions.consultation.${state}.explain`, { message: finding ? findingMessage(t, i18n, finding) : "" })
          : state === "unknown"
            ? t("decisions.consultation.required")
            : t(`decisions.consultation.${state}.explain`)}
      </Paragraph>
      {decision.consultation_event_id ? (
        <MeetingSummary eventId={decision.consultation_event_id} programmeId={programmeId} />
      ) : (
        !mayChange && <Paragraph>{t("decisions.consultation.noneLinked")}</Paragraph>
      )}
      {mayChange && (
        <ConsultationForm
          decision={decision}
          etag={etag}
          programmeId={programmeId}
          refusal={refusal}
          selectId={selectId}
          onSaved={onSaved}
          onConflict={onConflict}
        />
      )}
    </section>
  );
}

/** The linked meeting: a link to its page, when it was held, and whether its protocol is signed. */
function MeetingSummary({ eventId, programmeId }: { eventId: string; programmeId: string }) {
  const { t, formatDateTime } = useI18n();
  const meeting = useQuery(consultationMeetingQuery(eventId));
  const event = meeting.data;
  if (meeting.isError) return <ProblemAlert error={meeting.error} />;
  if (!event) return null;
  const parties = event.protocol?.parties_present ?? [];
  return (
    <Facts
      items={[
        [
          t("decisions.field.consultation"),
          <>
            <Link asChild>
              <RouterLink to={`/p/${programmeId}/events/${event.id}`}>{event.title}</RouterLink>
            </Link>
            {event.kind !== "consultation_meeting" && (
              <>
                {" "}
                <Tag data-color="warning">{t("decisions.consultation.notAConsultation")}</Tag>
              </>
            )}
          </>,
        ],
        [t("decisions.consultation.held"), formatDateTime(event.starts_at)],
        [
          t("decisions.consultation.protocol"),
          event.protocol?.signed_at
            ? t("decisions.consultation.protocolSigned", { when: formatDateTime(event.protocol.signed_at) })
            : t("decisions.consultation.protocolUnsigned"),
        ],
        [t("decisions.consultation.parties"), parties.map((p) => t(`decisions.party.${p}`)).join(", ")],
      ]}
    />
  );
}

function ConsultationForm({
  decision,
  etag,
  programmeId,
  refusal,
  selectId,
  onSaved,
  onConflict,
}: {
  decision: Decision;
  etag: string;
  programmeId: string;
  refusal?: string;
  selectId: string;
  onSaved: () => void;
  onConflict: (conflict: EditConflict, retry: (changes: Record<string, unknown>, etag: string) => void) => void;
}) {
  const { t } = useI18n();
  const meetings = useQuery(consultationMeetingsQuery(programmeId));
  const update = useUpdateDecision(decision.id);
  const saved = decision.consultation_event_id ?? "";
  const [chosen, setChosen] = useState<string | null>(null);
  const value = chosen ?? saved;
  const word = useDecisionWording();
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const fieldError = problem?.fieldErrors(word).consultation_event_id;
  const error = fieldError ?? refusal;

  const save = (changes: Record<string, unknown>, version: string) =>
    update.mutate(
      { etag: version, changes },
      {
        onSuccess: () => {
          setChosen(null);
          onSaved();
        },
        onError: (e) => {
          if (e instanceof EditConflict) onConflict(e, save);
        },
      },
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value === saved) return;
    save({ consultation_event_id: value || null }, etag);
  };

  return (
    <form className={own.stack} onSubmit={submit} noValidate>
      {problem && !fieldError && <ProblemAlert error={problem} />}
      <ConsultationSelect
        id={selectId}
        value={value}
        onChange={setChosen}
        meetings={meetings.data ?? []}
        error={error}
      />
      <Paragraph data-size="sm">{t("decisions.consultation.hint")}</Paragraph>
      <div>
        <Button type="submit" variant="secondary" loading={update.isPending}>
          {t("decisions.consultation.save")}
        </Button>
      </div>
    </form>
  );
}

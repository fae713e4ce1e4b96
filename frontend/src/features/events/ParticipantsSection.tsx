import { Button, Heading, Link, Paragraph, Radio, Table } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Link as RouterLink } from "react-router-dom";
import {
  AFFILIATION_ORDER,
  ATTENDANCES,
  inviteesQuery,
  seatedMemberIds,
  type Attendance,
  type EventRecord,
  type Invitee,
  type Participant,
} from "../../api/queries/events";
import { SelectField } from "../../components/SelectField";
import layout from "../../components/layout.module.css";
import { useI18n } from "../../i18n";
import { useEventSave } from "./editing";
import own from "./events.module.css";
import { errorsUnder, SectionProblem, useEventWording } from "./problems";

/** What is sent for the participants: who, and their attendance where it is recorded. */
const sent = (participants: Participant[]): Participant[] =>
  participants.map(({ person_id, attendance }) => ({ person_id, attendance: attendance ?? null }));

/** Who is invited and who came: attendance is recorded per person and saved at once. */
export function ParticipantsSection({
  event,
  programmeId,
  mayEdit,
}: {
  event: EventRecord;
  programmeId: string;
  mayEdit: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const headingId = useId();
  const people = useQuery(inviteesQuery(programmeId));
  const byId = new Map((people.data ?? []).map((p) => [p.id, p]));
  const { save, error } = useEventSave(event.id);
  // Attendance clicked but not yet saved, so that the radio shows the choice at once.
  const [pending, setPending] = useState<Record<string, Attendance | null>>({});
  const [notice, setNotice] = useState("");
  const table = useRef<HTMLTableElement>(null);
  const nameOf = (personId: string) => byId.get(personId)?.name ?? t("events.participants.unknown");
  const participants = event.participants;
  // Attendance is recorded once the meeting has started; the API refuses it before.
  const [openedAt] = useState(() => Date.now());
  const started = new Date(event.starts_at).getTime() <= openedAt;
  const mayRecord = mayEdit && started;

  const record = (personId: string, attendance: Attendance | null) => {
    setNotice("");
    setPending((p) => ({ ...p, [personId]: attendance }));
    save((latest) => ({
      participants: sent(latest.participants).map((p) => (p.person_id === personId ? { ...p, attendance } : p)),
    }))
      .then(
        () =>
          setNotice(
            t("events.participants.recorded", {
              name: nameOf(personId),
              attendance: t(`events.attendance.${attendance ?? "unrecorded"}`),
            }),
          ),
        () => undefined,
      )
      .finally(() =>
        setPending((p) => {
          const rest = { ...p };
          delete rest[personId];
          return rest;
        }),
      );
  };

  const remove = (personId: string) => {
    setNotice("");
    save((latest) => ({ participants: sent(latest.participants).filter((p) => p.person_id !== personId) })).then(
      () => {
        setNotice(t("events.participants.removed", { name: nameOf(personId) }));
        table.current?.focus();
      },
      () => undefined,
    );
  };

  const [invitingGroup, setInvitingGroup] = useState(false);
  const inviteGroup = async (groupId: string) => {
    setNotice("");
    setInvitingGroup(true);
    try {
      const seated = await seatedMemberIds(groupId);
      let added = 0;
      await save((latest) => {
        const invited = new Set(latest.participants.map((p) => p.person_id));
        const newcomers = seated.filter((id) => !invited.has(id));
        added = newcomers.length;
        return {
          participants: [...sent(latest.participants), ...newcomers.map((id) => ({ person_id: id, attendance: null }))],
        };
      });
      setNotice(t("events.participants.groupInvited", { count: added }));
    } catch {
      // The section shows the problem.
    } finally {
      setInvitingGroup(false);
    }
  };

  const counts = Object.fromEntries(
    [...ATTENDANCES, "unrecorded"].map((a) => [
      a,
      participants.filter((p) => (p.attendance ?? "unrecorded") === a).length,
    ]),
  );

  return (
    <section className={own.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {t("events.participants")}
      </Heading>
      <div role="status" className={layout.visuallyHidden}>
        {notice}
      </div>
      <SectionProblem error={error} placed={() => false} />
      {participants.length === 0 ? (
        <Paragraph>{t("events.participants.none")}</Paragraph>
      ) : (
        <>
          <Paragraph className={own.summary}>
            {t("events.participants.summary", {
              invited: participants.length,
              present: counts.present,
              excused: counts.excused,
              absent: counts.absent,
              unrecorded: counts.unrecorded,
            })}
          </Paragraph>
          {mayEdit && !started && <Paragraph data-size="sm">{t("events.participants.notStarted")}</Paragraph>}
          <div className={layout.tableWrap}>
            <Table data-size="sm" zebra ref={table} tabIndex={-1}>
              <caption className={layout.visuallyHidden}>{t("events.participants.caption")}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("events.participants.name")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("events.participants.role")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("events.participants.reply")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("events.participants.attendance")}</Table.HeaderCell>
                  {mayEdit && (
                    <Table.HeaderCell scope="col">
                      <span className={layout.visuallyHidden}>{t("events.actions")}</span>
                    </Table.HeaderCell>
                  )}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {participants.map((p) => {
                  const person = byId.get(p.person_id);
                  const name = nameOf(p.person_id);
                  const attendance = p.person_id in pending ? pending[p.person_id] : p.attendance;
                  return (
                    <Table.Row key={p.person_id}>
                      <Table.HeaderCell scope="row">
                        <Link asChild>
                          <RouterLink to={`/p/${programmeId}/people/${p.person_id}`}>{name}</RouterLink>
                        </Link>
                      </Table.HeaderCell>
                      <Table.Cell>
                        {person ? t(`events.affiliation.${person.affiliation}`) : "—"}
                        {person?.title && <Paragraph data-size="xs">{person.title}</Paragraph>}
                      </Table.Cell>
                      <Table.Cell>
                        {t(`events.reply.${p.reply ?? "none"}`)}
                        {p.replied_at && <Paragraph data-size="xs">{formatDateTime(p.replied_at)}</Paragraph>}
                      </Table.Cell>
                      <Table.Cell>
                        {mayRecord ? (
                          <fieldset className={own.attendance}>
                            <legend className={layout.visuallyHidden}>
                              {t("events.participants.attendanceFor", { name })}
                            </legend>
                            {[...ATTENDANCES, null].map((value) => (
                              <Radio
                                key={value ?? "unrecorded"}
                                data-size="sm"
                                name={`attendance-${p.person_id}`}
                                value={value ?? ""}
                                label={t(`events.attendance.${value ?? "unrecorded"}`)}
                                checked={(attendance ?? null) === value}
                                onChange={() => record(p.person_id, value)}
                              />
                            ))}
                          </fieldset>
                        ) : (
                          t(`events.attendance.${p.attendance ?? "unrecorded"}`)
                        )}
                      </Table.Cell>
                      {mayEdit && (
                        <Table.Cell>
                          <Button
                            data-size="sm"
                            variant="tertiary"
                            aria-label={t("events.participants.removeFor", { name })}
                            onClick={() => remove(p.person_id)}
                          >
                            {t("common.remove")}
                          </Button>
                        </Table.Cell>
                      )}
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </div>
        </>
      )}
      {mayEdit && event.group_id && (
        <div>
          <Button
            variant="secondary"
            loading={invitingGroup}
            onClick={() => event.group_id && void inviteGroup(event.group_id)}
          >
            {t("events.participants.inviteGroup")}
          </Button>
        </div>
      )}
      {mayEdit && (
        <InviteForm
          event={event}
          people={people.data ?? []}
          onInvited={(name) => setNotice(t("events.participants.invited", { name }))}
        />
      )}
    </section>
  );
}

/** Invite one of the programme's people; the people the agreements call for are listed first. */
function InviteForm({
  event,
  people,
  onInvited,
}: {
  event: EventRecord;
  people: Invitee[];
  onInvited: (name: string) => void;
}) {
  const { t } = useI18n();
  const word = useEventWording();
  const { save, error, isPending } = useEventSave(event.id);
  const [personId, setPersonId] = useState("");
  const [missing, setMissing] = useState("");
  const [sentAt, setSentAt] = useState<number | null>(null);
  const invited = new Set(event.participants.map((p) => p.person_id));
  const server = sentAt === null ? {} : errorsUnder(error, `/participants/${sentAt}`, word);
  const fieldError = missing || server.person_id;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!personId) {
      setMissing(t("events.participants.chooseRequired"));
      return;
    }
    setMissing("");
    const name = people.find((p) => p.id === personId)?.name ?? "";
    save((latest) => {
      const others = sent(latest.participants).filter((p) => p.person_id !== personId);
      setSentAt(others.length);
      return { participants: [...others, { person_id: personId, attendance: null }] };
    }).then(
      () => {
        setPersonId("");
        onInvited(name);
      },
      () => undefined,
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t("events.participants.inviteForm")}>
      <SectionProblem
        error={error}
        placed={(pointer) => sentAt !== null && pointer === `/participants/${sentAt}/person_id`}
      />
      <div className={own.invite}>
        <SelectField
          label={t("events.participants.person")}
          value={personId}
          onChange={(e) => setPersonId(e.target.value)}
          error={fieldError}
        >
          <option value="">{t("events.participants.choose")}</option>
          {AFFILIATION_ORDER.map((affiliation) => {
            const options = people.filter((p) => p.affiliation === affiliation && !invited.has(p.id));
            if (options.length === 0) return null;
            return (
              <optgroup key={affiliation} label={t(`events.affiliationGroup.${affiliation}`)}>
                {options.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title ? `${p.name} (${p.title})` : p.name}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </SelectField>
        <Button type="submit" variant="secondary" loading={isPending}>
          {t("events.participants.invite")}
        </Button>
      </div>
    </form>
  );
}

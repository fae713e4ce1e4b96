"""The closed vocabularies of the domain (stored as text, validated at the edge).

Each value is written with its meaning, `value = "value", "meaning"`: the meanings are part of
the API's contract, listed in the OpenAPI document under each vocabulary, so that an
integrator never has to guess what a value stands for.
"""

from enum import StrEnum
from typing import Any

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema


class Vocabulary(StrEnum):
    """A closed set of text values, each with its meaning."""

    _value_: str
    meaning: str

    def __new__(cls, value: str, meaning: str) -> "Vocabulary":
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member

    @classmethod
    def describe(cls) -> str:
        """The vocabulary's docstring, then one `value`: meaning line per value."""
        lines = "\n".join(f"- `{member.value}`: {member.meaning}" for member in cls)
        return f"{(cls.__doc__ or '').strip()}\n\n{lines}"

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema: dict[str, Any] = handler.resolve_ref_schema(handler(core_schema))
        schema["description"] = cls.describe()
        return schema


class ProgrammeStatus(Vocabulary):
    """Where a programme stands."""

    planned = "planned", "decided on or being prepared, not started"
    active = "active", "under way"
    completed = "completed", "finished"
    cancelled = "cancelled", "stopped before it was finished"


class ProjectCategory(Vocabulary):
    """The kind of project, as a joint committee (fellesnemnd) divides a merger."""

    political = "political", "a political project (politisk prosjekt)"
    administrative = (
        "administrative",
        "an administrative project (administrativt prosjekt): services, staff and systems",
    )


class ProjectStatus(Vocabulary):
    """Where a project stands."""

    planned = "planned", "set up, not yet started"
    active = "active", "under way"
    on_hold = "on_hold", "paused for now"
    completed = "completed", "finished"
    cancelled = "cancelled", "stopped before it was finished"


class Health(Vocabulary):
    """The project leader's judgement of how the project is going (traffic light)."""

    on_track = "on_track", "green: on plan"
    at_risk = "at_risk", "yellow: behind or at risk, but recoverable"
    off_track = "off_track", "red: will not meet its plan without action from above"


class MandateStatus(Vocabulary):
    """How far a mandate (mandat) has come: drafted, proposed, then approved above."""

    draft = "draft", "being written"
    proposed = "proposed", "proposed by the project board or group, awaiting approval"
    approved = (
        "approved",
        (
            "approved by a final decision (vedtak) of the body above, e.g. the joint committee; "
            "the approval names that decision"
        ),
    )


class Affiliation(Vocabulary):
    """In what capacity a person takes part."""

    employee = "employee", "an employee (ansatt), including leaders"
    elected_official = "elected_official", "an elected official (folkevalgt, politician)"
    union_representative = (
        "union_representative",
        "a union representative (tillitsvalgt or hovedtillitsvalgt)",
    )
    safety_representative = "safety_representative", "a safety representative (verneombud)"
    nav = "nav", "from NAV (the joint state and municipal labour and welfare office)"
    external = "external", "from outside the municipalities, e.g. a consultant"


class GroupKind(Vocabulary):
    """What a group is for; the composition rules depend on it."""

    joint_committee = (
        "joint_committee",
        ("joint committee (fellesnemnd) of the merging municipalities (inndelingslova § 26)"),
    )
    steering_group = "steering_group", "steering group (styringsgruppe) of a programme or project"
    project_board = (
        "project_board",
        (
            "project board (prosjektstyre): leaders from every municipality and union "
            "representatives"
        ),
    )
    working_group = "working_group", "working group (arbeidsgruppe) doing the project's work"
    expert_group = "expert_group", "expert group (faggruppe) giving professional advice"
    reference_group = "reference_group", "reference group (referansegruppe) consulted for views"
    development_team = (
        "development_team",
        ("development team (utviklingsteam) running a process, e.g. HR and finance"),
    )
    three_party_forum = (
        "three_party_forum",
        (
            "three-party forum (trepartssamarbeid): politicians, administration and employees in "
            "equal numbers"
        ),
    )
    work_team = "work_team", "cross-disciplinary work team (arbeidslag)"
    consultation_forum = (
        "consultation_forum",
        ("consultation forum (drøftingsforum) of employer and union representatives"),
    )
    joint_consultative_committee = (
        "joint_consultative_committee",
        (
            "joint consultative committee (partssammensatt utvalg, PSU): employer side and "
            "employee representatives"
        ),
    )


class MemberRole(Vocabulary):
    """A member's role in a group."""

    chair = "chair", "chair (leder)"
    deputy_chair = "deputy_chair", "deputy chair (nestleder)"
    member = "member", "member (medlem)"
    secretary = "secretary", "secretary or note-taker (sekretær, referent)"
    observer = "observer", "observer (observatør) without a vote"


class Party(Vocabulary):
    """The side a member represents, as three-party cooperation counts them."""

    administration = "administration", "the administration, the employer side (administrasjonen)"
    employees = "employees", "the employees and their union representatives (arbeidstakerne)"
    politicians = "politicians", "the elected officials (politikerne)"
    other = "other", "none of the three parties"


class PhaseStatus(Vocabulary):
    """Where a phase (fase) stands."""

    not_started = "not_started", "not started"
    active = "active", "under way"
    completed = "completed", "closed; every expected result is done or waived"


class TaskStatus(Vocabulary):
    """Where a task (oppgave) stands."""

    todo = "todo", "not started"
    in_progress = "in_progress", "being worked on"
    blocked = "blocked", "cannot go on until something else happens"
    done = "done", "finished"


class Priority(Vocabulary):
    """How urgent a task is."""

    low = "low", "when there is time"
    normal = "normal", "in the ordinary course"
    high = "high", "before other work"
    urgent = "urgent", "at once"


class DeadlineKind(Vocabulary):
    """What is due at a deadline (frist)."""

    submission = "submission", "something to send in, e.g. a workbook version (innsending)"
    meeting = "meeting", "a meeting to hold or prepare for"
    decision = "decision", "a decision to take (vedtak)"
    hearing = "hearing", "a hearing response to give (høringsfrist)"
    milestone = "milestone", "a point the work must have reached (milepæl)"


class DeadlineStatus(Vocabulary):
    """Whether a deadline has been met."""

    open = "open", "not met yet; overdue once its due time has passed"
    submitted = "submitted", "met: what was due has been delivered (at submitted_at)"
    waived = "waived", "no longer required"


class StakeholderKind(Vocabulary):
    """Who was involved."""

    employees = "employees", "employees (ansatte)"
    union_representatives = "union_representatives", "union representatives (tillitsvalgte)"
    safety_representatives = "safety_representatives", "safety representatives (verneombud)"
    users = "users", "users of the services (brukere)"
    citizens = "citizens", "inhabitants (innbyggere)"
    elected_officials = "elected_officials", "elected officials (folkevalgte)"
    nav = "nav", "NAV (the joint state and municipal labour and welfare office)"
    other = "other", "anyone else"


class InvolvementForm(Vocabulary):
    """How stakeholders were involved, from being told to deciding together."""

    information = "information", "they were informed (informasjon)"
    consultation = (
        "consultation",
        ("the matter was discussed with them before the decision (drøfting, Hovedavtalen del B)"),
    )
    participation = "participation", "they took part in the work (medvirkning)"
    co_determination = "co_determination", "they decided together with management (medbestemmelse)"
    survey = "survey", "they answered a survey (spørreundersøkelse)"
    hearing = "hearing", "they were heard on a proposal (høring)"
    workshop = "workshop", "they worked on it in a workshop (verksted)"


class ProgrammeRole(Vocabulary):
    """What a user may do in a programme; each role includes the ones below it."""

    programme_admin = (
        "programme_admin",
        (
            "everything an editor may, and: change the programme, its memberships and API tokens; "
            "read its audit trail; export and erase personal data; finalise a decision without "
            "its consultation, giving a reason"
        ),
    )
    editor = "editor", "reads and changes every record of the programme"
    member = (
        "member",
        (
            "reads the programme; changes the things of the groups and projects they are in, and "
            "records involvement"
        ),
    )
    observer = "observer", "reads the programme, but not who took part in an involvement"


class TokenScope(Vocabulary):
    """What an API token may do in its programme."""

    read = "read", "read, as an observer"
    read_write = "read_write", "read and write, as an editor"


class EventKind(Vocabulary):
    """What kind of event."""

    gathering = "gathering", "a gathering (samling) of many participants with a programme"
    meeting = "meeting", "a meeting (møte) of a group"
    consultation_meeting = (
        "consultation_meeting",
        (
            "a consultation meeting (drøftingsmøte) with union representatives; its signed "
            "protocol lets a reorganisation decision become final"
        ),
    )
    workshop = "workshop", "a workshop (verksted)"
    hearing_meeting = "hearing_meeting", "a meeting held as part of a hearing (høringsmøte)"


class Attendance(Vocabulary):
    """Whether an invited person came."""

    present = "present", "came (møtte)"
    absent = "absent", "did not come and gave no notice"
    excused = "excused", "sent apologies in advance (meldt forfall)"


class AttendanceReply(Vocabulary):
    """An invited person's answer before the meeting: whether they will come."""

    attending = "attending", "will come (kommer)"
    declined = "declined", "cannot come (kommer ikke, melder forfall)"


class DecisionStatus(Vocabulary):
    """Whether a decision (vedtak) is taken."""

    draft = "draft", "a proposal, not yet decided"
    final = (
        "final",
        (
            "decided; a reorganisation case becomes final only after a signed consultation with "
            "union representatives, or a programme administrator's override with a reason"
        ),
    )


class GoalKind(Vocabulary):
    """Where a goal sits in the goal hierarchy of Digdir's project model."""

    societal = "societal", "a societal goal (samfunnsmål): the change for society the work serves"
    effect = (
        "effect",
        "an effect goal (effektmål): the benefit the change should bring, measured by indicators",
    )
    result = (
        "result",
        "a result goal (resultatmål): what the project itself delivers, under an effect goal or "
        "directly under a project",
    )


class GoalStatus(Vocabulary):
    """How far a goal has come."""

    proposed = "proposed", "proposed, not yet adopted"
    active = "active", "adopted and being worked towards"
    achieved = "achieved", "reached"
    dropped = "dropped", "given up; the reason is recorded"


class IndicatorDirection(Vocabulary):
    """Which way an indicator should move."""

    higher_is_better = "higher_is_better", "a higher value is better"
    lower_is_better = "lower_is_better", "a lower value is better"


class IndicatorMethod(Vocabulary):
    """How an indicator is measured."""

    survey = "survey", "an employee survey (spørreundersøkelse, kartlegging)"
    user_survey = "user_survey", "a user survey (brukerundersøkelse)"
    register_data = "register_data", "data from a register or system"
    manual_count = "manual_count", "counted by hand"


class SurveyAudience(Vocabulary):
    """Who a survey round is sent to."""

    group = "group", "the members of one group, each with a one-time invitation"
    project = "project", "the people of one project's groups, each with a one-time invitation"
    link = "link", "anyone holding the round's link (employees mostly have no account)"


class SurveyStatus(Vocabulary):
    """Where a survey round stands."""

    draft = "draft", "being prepared; its questions can change and nobody can answer yet"
    open = "open", "taking answers"
    closed = "closed", "closed; no more answers, and its indicator measurements are written"


class SurveySource(Vocabulary):
    """Where a survey round's answers come from."""

    samskap = "samskap", "answered in Samskap, through invitations or the round's link"
    imported = "imported", "aggregate results imported from the tool the municipality uses"


class QuestionKind(Vocabulary):
    """What a survey question asks for."""

    likert = "likert", "agreement on a scale from 1 (strongly disagree) to 5 (strongly agree)"
    yes_no = "yes_no", "yes or no"
    number = "number", "a number"
    free_text = "free_text", "free text"


class MeasureStatus(Vocabulary):
    """How far a measure (tiltak) has come."""

    planned = "planned", "planned, not started"
    in_progress = "in_progress", "being carried out"
    done = "done", "carried out; its result is documented"
    cancelled = "cancelled", "not carried out"


class CriterionPurpose(Vocabulary):
    """What a criterion for a kind of group is used for."""

    setup = "setup", "a criterion for setting up a group of the kind (kriterium for opprettelse)"
    evaluation = (
        "evaluation",
        "a criterion for evaluating the group's results (kriterium for evaluering)",
    )


class CriterionFulfilment(Vocabulary):
    """How far a group meets a criterion, as assessed on a date."""

    met = "met", "met"
    partly_met = "partly_met", "partly met"
    not_met = "not_met", "not met"


class DocumentKind(Vocabulary):
    """What kind of document a register entry is."""

    decision = "decision", "a decision or its case document (vedtak, saksframlegg)"
    note = "note", "a note (notat), e.g. a process note"
    agreement = "agreement", "an agreement (avtale), e.g. the transition agreement"
    hearing_letter = "hearing_letter", "a hearing letter or hearing document (høringsbrev)"
    hearing_response = "hearing_response", "a hearing response (høringsuttalelse)"
    minutes = "minutes", "minutes of a meeting (møtereferat, protokoll)"
    presentation = "presentation", "a presentation (presentasjon)"
    plan = "plan", "a plan (plan), e.g. a project plan or the municipal plan"
    report = "report", "a report or knowledge base (rapport, kunnskapsgrunnlag)"


class PublicAccess(Vocabulary):
    """Whether the public may see a document under the Freedom of Information Act
    (offentleglova)."""

    public = "public", "open to the public (offentlig)"
    exempt = (
        "exempt",
        "exempt from public access (unntatt offentlighet), with its legal basis, e.g. offl. § 14 "
        "(internal document) or § 13 with the duty of confidentiality named",
    )


class VersionStatus(Vocabulary):
    """Whether a submission version is still being written or has been handed in."""

    draft = "draft", "being written; it can change"
    submitted = "submitted", "handed in to the deadline's recipient; frozen"


class HearingStatus(Vocabulary):
    """Where a hearing (høring) stands."""

    draft = "draft", "being prepared; the letter has not gone out and no response is taken"
    open = "open", "the letter has gone out and responses are taken"
    closed = "closed", "the hearing is over; its responses are handled and summarised"


class HearingParty(Vocabulary):
    """Who is invited to a hearing, or on whose behalf a response is given."""

    union = "union", "a union (fagforening), e.g. Fagforbundet"
    union_representatives = "union_representatives", "the union representatives (tillitsvalgte)"
    safety_representatives = "safety_representatives", "the safety representatives (verneombud)"
    joint_consultative_committee = (
        "joint_consultative_committee",
        "the joint consultative committee (partssammensatt utvalg, PSU)",
    )
    group = "group", "a group of the programme, e.g. a consultation forum"
    person = "person", "one person of the programme"
    other = "other", "anyone else"


class HearingHandling(Vocabulary):
    """How a hearing response was followed up."""

    accepted = "accepted", "taken into account (tatt til følge)"
    partly_accepted = "partly_accepted", "taken partly into account (delvis tatt til følge)"
    not_accepted = "not_accepted", "not taken into account (ikke tatt til følge)"


class IdeaStatus(Vocabulary):
    """Where an improvement idea (forbedringsforslag) stands."""

    received = "received", "received, not yet looked at (mottatt)"
    assessing = "assessing", "being assessed (under vurdering)"
    accepted = "accepted", "accepted, to be carried out (akseptert)"
    in_progress = "in_progress", "being carried out (under gjennomføring)"
    implemented = "implemented", "carried out (gjennomført)"
    not_pursued = "not_pursued", "not pursued, with the reason given (ikke videreført)"


class IdeaChannel(Vocabulary):
    """How an idea came in."""

    account = "account", "by a person signed in to the programme"
    link = "link", "through the programme's participation link, without an account"


class PlannedInvolvementStatus(Vocabulary):
    """Whether a planned involvement has happened."""

    planned = "planned", "planned, not yet held; overdue once its date has passed"
    done = "done", "held, recorded by the involvement it links to"
    cancelled = "cancelled", "no longer planned, with the reason given"


class ImportResource(Vocabulary):
    """What an import writes: one kind of record per file, or a whole programme's export."""

    people = "people", "the programme's people (personer)"
    groups = "groups", "groups: boards, working groups, forums (grupper)"
    group_members = "group_members", "seats in groups, a group and a person per row (medlemmer)"
    projects = "projects", "projects (prosjekter)"
    tasks = "tasks", "tasks in projects (oppgaver)"
    deadlines = "deadlines", "deadlines (frister)"
    involvements = "involvements", "records of involvement (medvirkning)"
    programme = (
        "programme",
        (
            "a programme export (ZIP of JSON Lines, one file per resource) read back into an "
            "empty programme"
        ),
    )


class ImportMode(Vocabulary):
    """What an import does with a file that has bad rows."""

    all_or_nothing = "all_or_nothing", "one transaction: any bad row means nothing is written"
    valid_rows = "valid_rows", "the good rows are written, the bad ones reported"


class ImportStatus(Vocabulary):
    """Where an import stands."""

    queued = "queued", "received, waiting for the background worker"
    running = "running", "rows are being read and written"
    succeeded = "succeeded", "finished; see the counts for what was written"
    failed = (
        "failed",
        ("finished with bad rows or an unreadable file; in all_or_nothing nothing was written"),
    )
    cancelled = (
        "cancelled",
        (
            "stopped on request; in all_or_nothing nothing was written, in valid_rows the rows "
            "done before the stop stay"
        ),
    )


class ImportOutcome(Vocabulary):
    """What an import did with one row."""

    created = "created", "a new record was created (or would be, in a dry run)"
    updated = "updated", "the record with the row's key was changed (or would be)"
    unchanged = "unchanged", "the record with the row's key already had these values"
    failed = "failed", "the row was refused; its errors say why"


class JobStatus(Vocabulary):
    """Where a background job stands."""

    queued = "queued", "waiting until its run_at, then for a worker"
    running = "running", "taken by a worker whose lease (locked_until) has not run out"
    succeeded = "succeeded", "done"
    failed = "failed", "given up after its last attempt; last_error says why"


class DeliveryStatus(Vocabulary):
    """How a webhook delivery stands."""

    pending = "pending", "not yet accepted by the receiver; another attempt is due"
    delivered = "delivered", "the receiver answered 2xx"
    failed = "failed", "every attempt failed, or the webhook was disabled; redeliver by hand"


class AttemptOutcome(Vocabulary):
    """What one attempt to deliver a webhook event came to."""

    success = "success", "the receiver answered 2xx"
    failure = "failure", "an answer other than 2xx, a timeout or no connection"

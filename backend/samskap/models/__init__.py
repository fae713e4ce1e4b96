"""ORM models, one module per table family; importing this registers them all."""

from samskap.models.access import ApiToken, AuthSession, Membership, User
from samskap.models.audit import AuditEvent
from samskap.models.deadline import Deadline
from samskap.models.document import (
    Document,
    FileChunk,
    StoredFile,
    Submission,
    SubmissionVersion,
    Template,
    submission_version_file,
)
from samskap.models.goal import (
    Goal,
    GoalSelection,
    GoalSelectionRevision,
    Indicator,
    Measurement,
)
from samskap.models.governance import Decision, Event, EventParticipant
from samskap.models.group import Group, GroupMember
from samskap.models.hearing import (
    Hearing,
    HearingInvitee,
    HearingResponse,
    hearing_response_file,
)
from samskap.models.imports import Import, ImportRow
from samskap.models.involvement import Involvement, involvement_participant
from samskap.models.measure import (
    CriterionAssessment,
    GroupCriterion,
    Measure,
    measure_goal,
    measure_task,
)
from samskap.models.outbound import (
    CalendarFeed,
    ComplianceState,
    Job,
    JobSchedule,
    MailPreference,
    Notice,
    Notification,
    UserIdentity,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)
from samskap.models.participation import (
    Idea,
    IdeaStatusChange,
    IdeaSupport,
    ParticipationLink,
    PlannedInvolvement,
    involvement_decision,
    involvement_event,
    involvement_goal,
    involvement_hearing,
    involvement_idea,
    involvement_submission,
)
from samskap.models.person import Person
from samskap.models.phase import ExpectedResult, Phase
from samskap.models.programme import Programme
from samskap.models.project import Project
from samskap.models.survey import (
    SurveyAnswer,
    SurveyImportedResult,
    SurveyInvitation,
    SurveyQuestion,
    SurveyRound,
)
from samskap.models.task import Task

__all__ = [
    "ApiToken",
    "AuditEvent",
    "AuthSession",
    "CalendarFeed",
    "ComplianceState",
    "CriterionAssessment",
    "Deadline",
    "Decision",
    "Document",
    "Event",
    "EventParticipant",
    "ExpectedResult",
    "FileChunk",
    "Goal",
    "GoalSelection",
    "GoalSelectionRevision",
    "Group",
    "GroupCriterion",
    "GroupMember",
    "Hearing",
    "HearingInvitee",
    "HearingResponse",
    "Idea",
    "IdeaStatusChange",
    "IdeaSupport",
    "Import",
    "ImportRow",
    "Indicator",
    "Involvement",
    "Job",
    "JobSchedule",
    "MailPreference",
    "Measure",
    "Measurement",
    "Membership",
    "Notice",
    "Notification",
    "ParticipationLink",
    "Person",
    "Phase",
    "PlannedInvolvement",
    "Programme",
    "Project",
    "StoredFile",
    "Submission",
    "SubmissionVersion",
    "SurveyAnswer",
    "SurveyImportedResult",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyRound",
    "Task",
    "Template",
    "User",
    "UserIdentity",
    "Webhook",
    "WebhookAttempt",
    "WebhookDelivery",
    "hearing_response_file",
    "involvement_decision",
    "involvement_event",
    "involvement_goal",
    "involvement_hearing",
    "involvement_idea",
    "involvement_participant",
    "involvement_submission",
    "measure_goal",
    "measure_task",
    "submission_version_file",
]

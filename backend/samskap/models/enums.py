"""The closed vocabularies of the domain (stored as text, validated at the edge)."""

from enum import StrEnum


class ProgrammeStatus(StrEnum):
    planned = "planned"
    active = "active"
    completed = "completed"
    cancelled = "cancelled"


class ProjectCategory(StrEnum):
    political = "political"
    administrative = "administrative"


class ProjectStatus(StrEnum):
    planned = "planned"
    active = "active"
    on_hold = "on_hold"
    completed = "completed"
    cancelled = "cancelled"


class Health(StrEnum):
    on_track = "on_track"
    at_risk = "at_risk"
    off_track = "off_track"


class MandateStatus(StrEnum):
    draft = "draft"
    proposed = "proposed"
    approved = "approved"


class Affiliation(StrEnum):
    employee = "employee"
    elected_official = "elected_official"
    union_representative = "union_representative"
    safety_representative = "safety_representative"
    nav = "nav"
    external = "external"


class GroupKind(StrEnum):
    joint_committee = "joint_committee"
    steering_group = "steering_group"
    project_board = "project_board"
    working_group = "working_group"
    expert_group = "expert_group"
    reference_group = "reference_group"
    development_team = "development_team"
    three_party_forum = "three_party_forum"
    work_team = "work_team"
    consultation_forum = "consultation_forum"
    joint_consultative_committee = "joint_consultative_committee"


class MemberRole(StrEnum):
    chair = "chair"
    deputy_chair = "deputy_chair"
    member = "member"
    secretary = "secretary"
    observer = "observer"


class Party(StrEnum):
    administration = "administration"
    employees = "employees"
    politicians = "politicians"
    other = "other"


class PhaseStatus(StrEnum):
    not_started = "not_started"
    active = "active"
    completed = "completed"


class TaskStatus(StrEnum):
    todo = "todo"
    in_progress = "in_progress"
    blocked = "blocked"
    done = "done"


class Priority(StrEnum):
    low = "low"
    normal = "normal"
    high = "high"
    urgent = "urgent"


class DeadlineKind(StrEnum):
    submission = "submission"
    meeting = "meeting"
    decision = "decision"
    hearing = "hearing"
    milestone = "milestone"


class DeadlineStatus(StrEnum):
    open = "open"
    submitted = "submitted"
    waived = "waived"


class StakeholderKind(StrEnum):
    employees = "employees"
    union_representatives = "union_representatives"
    safety_representatives = "safety_representatives"
    users = "users"
    citizens = "citizens"
    elected_officials = "elected_officials"
    nav = "nav"
    other = "other"


class InvolvementForm(StrEnum):
    information = "information"
    consultation = "consultation"
    participation = "participation"
    co_determination = "co_determination"
    survey = "survey"
    hearing = "hearing"
    workshop = "workshop"


class ProgrammeRole(StrEnum):
    programme_admin = "programme_admin"
    editor = "editor"
    member = "member"
    observer = "observer"


class TokenScope(StrEnum):
    read = "read"
    read_write = "read_write"


class EventKind(StrEnum):
    gathering = "gathering"
    meeting = "meeting"
    consultation_meeting = "consultation_meeting"
    workshop = "workshop"
    hearing_meeting = "hearing_meeting"


class Attendance(StrEnum):
    present = "present"
    absent = "absent"
    excused = "excused"


class DecisionStatus(StrEnum):
    draft = "draft"
    final = "final"

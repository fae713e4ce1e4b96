import uuid

from sqlalchemy import select

from samskap.governance import mandates
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import check_municipality, require_in_programme
from samskap.kit.service import CrudService, require_order
from samskap.models import Group, GroupMember, Person, Programme, Project
from samskap.models.enums import GroupKind, MandateStatus, MemberRole, Party
from samskap.problems import Conflict


class GroupService(CrudService[Group]):
    model = Group
    label = "group"
    spec = ListSpec(
        model=Group,
        filters=[
            Filter("programme_id", Group.programme_id, uuid.UUID, "Only groups of this programme"),
            Filter("project_id", Group.project_id, uuid.UUID, "Only groups of this project"),
            Filter("kind", Group.kind, GroupKind, "Only groups of this kind"),
            Filter(
                "mandate_status",
                Group.mandate_status,
                MandateStatus,
                "Only groups whose mandate has this status",
            ),
            Filter(
                "mandate_decision_id",
                Group.mandate_decision_id,
                uuid.UUID,
                "Only groups whose mandate this decision approved",
            ),
        ],
        sorts={"name": Group.name, "kind": Group.kind, "created_at": Group.created_at},
        default_sort="name",
        search=[Group.name, Group.description, Group.mandate_text],
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
            programme_id = values["programme_id"]
        else:
            programme_id = record.programme_id
            if values.get("mandate_status") is not None:
                mandates.check_transition(record.mandate_status, values["mandate_status"])
        await require_in_programme(
            self.session, Project, values.get("project_id"), programme_id, "project_id"
        )
        await super().apply(record, values, creating=creating)

    async def validate(self, record):
        mandates.settle(record)
        await mandates.check_approval(self.session, record)


class MemberService(CrudService[GroupMember]):
    """Members of one group, reached through /groups/{group_id}/members."""

    model = GroupMember
    label = "member"
    spec = ListSpec(
        model=GroupMember,
        filters=[
            Filter(
                "person_id",
                GroupMember.person_id,
                uuid.UUID,
                "Only this person's seats in the group",
            ),
            Filter(
                "role", GroupMember.role, MemberRole, "Only members with this role in the group"
            ),
            Filter("party", GroupMember.party, Party, "Only members who sit for this party"),
            Filter(
                "municipality_number",
                GroupMember.municipality_number,
                str,
                ("Only members who represent this municipality (kommunenummer, four digits)"),
            ),
        ],
        sorts={
            "created_at": GroupMember.created_at,
            "role": GroupMember.role,
            "party": GroupMember.party,
        },
        default_sort="created_at",
    )

    def __init__(self, session, principal, group: Group):
        super().__init__(session, principal)
        self.group = group

    def scoped(self, stmt):
        return stmt.where(GroupMember.group_id == self.group.id)

    async def apply(self, record, values, *, creating):
        if creating:
            values |= {"group_id": self.group.id, "programme_id": self.group.programme_id}
        await require_in_programme(
            self.session, Person, values.get("person_id"), self.group.programme_id, "person_id"
        )
        await super().apply(record, values, creating=creating)

    async def validate(self, record):
        require_order(record.starts_on, record.ends_on, "starts_on", "ends_on")
        programme = await self.session.get_one(Programme, record.programme_id)
        await check_municipality(programme, record.municipality_number, "municipality_number")
        await self._check_no_double_seat(record)

    async def _check_no_double_seat(self, record) -> None:
        """One seat per person and role at a time; a later seat may follow an ended one."""
        stmt = select(GroupMember).where(
            GroupMember.group_id == record.group_id,
            GroupMember.person_id == record.person_id,
            GroupMember.role == record.role,
            GroupMember.id != record.id,
        )
        for other in await self.session.scalars(stmt):
            ends_before = (
                other.ends_on is not None
                and record.starts_on is not None
                and (other.ends_on < record.starts_on)
            )
            starts_after = (
                other.starts_on is not None
                and record.ends_on is not None
                and (other.starts_on > record.ends_on)
            )
            if not (ends_before or starts_after):
                raise Conflict(
                    f"The person already sits in the group as {record.role} in that period.",
                    errors=[
                        {
                            "pointer": "/person_id",
                            "code": "already_member",
                            "detail": "already a member in this role",
                        }
                    ],
                )

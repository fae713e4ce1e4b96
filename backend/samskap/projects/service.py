import uuid

from sqlalchemy import select

from samskap.governance import mandates
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService, require_order
from samskap.models import Person, Project
from samskap.models.enums import Health, MandateStatus, ProjectCategory, ProjectStatus
from samskap.phases.templates import create_phases_from_template
from samskap.problems import Conflict, ValidationFailed


class ProjectService(CrudService[Project]):
    model = Project
    label = "project"
    spec = ListSpec(
        model=Project,
        filters=[
            Filter(
                "programme_id", Project.programme_id, uuid.UUID, "Only projects of this programme"
            ),
            Filter("status", Project.status, ProjectStatus, "Only projects with this status"),
            Filter("category", Project.category, ProjectCategory, "Only projects of this category"),
            Filter("health", Project.health, Health, "Only projects with this health"),
            Filter(
                "mandate_status",
                Project.mandate_status,
                MandateStatus,
                "Only projects whose mandate has this status",
            ),
            Filter(
                "leader_id",
                Project.leader_id,
                uuid.UUID,
                "Only projects this person leads (prosjektleder)",
            ),
            Filter(
                "owner_id",
                Project.owner_id,
                uuid.UUID,
                "Only projects this person owns (prosjekteier)",
            ),
            Filter(
                "concerns_nav",
                Project.concerns_nav,
                bool,
                ("Only projects that concern NAV (true), or only those that do not (false)"),
            ),
            Filter(
                "code",
                Project.code,
                str,
                "Only the project with this code, e.g. A1/2 (matched exactly)",
            ),
            Filter(
                "mandate_decision_id",
                Project.mandate_decision_id,
                uuid.UUID,
                "Only projects whose mandate this decision approved",
            ),
        ],
        sorts={
            "code": Project.code,
            "name": Project.name,
            "starts_on": Project.starts_on,
            "ends_on": Project.ends_on,
            "created_at": Project.created_at,
        },
        default_sort="code",
        search=[Project.name, Project.code, Project.description, Project.mandate_text],
    )

    async def apply(self, record, values, *, creating):
        values.pop("phase_template", None)
        if creating:
            await self.programme(values["programme_id"])
            programme_id = values["programme_id"]
        else:
            programme_id = record.programme_id
            if "mandate_status" in values and values["mandate_status"] is not None:
                mandates.check_transition(record.mandate_status, values["mandate_status"])
        for field in ("leader_id", "owner_id", "mandate_approved_by_id"):
            await require_in_programme(self.session, Person, values.get(field), programme_id, field)
        await super().apply(record, values, creating=creating)

    async def validate(self, record):
        require_order(record.starts_on, record.ends_on, "starts_on", "ends_on")
        if record.health != Health.on_track and not (record.health_explanation or "").strip():
            raise ValidationFailed.at(
                "/health_explanation",
                f"say why the project is {record.health}",
                code="explanation_required",
            )
        if record.leader_allocation_percent is not None and record.leader_id is None:
            raise ValidationFailed.at(
                "/leader_allocation_percent",
                "an allocation needs a leader",
                code="allocation_needs_leader",
            )
        mandates.settle(record)
        await mandates.check_approval(self.session, record)
        if record.code is not None:
            clash = await self.session.scalar(
                select(Project.id).where(
                    Project.programme_id == record.programme_id,
                    Project.code == record.code,
                    Project.id != record.id,
                )
            )
            if clash is not None:
                raise Conflict(
                    f"The programme already has a project with code {record.code}.",
                    errors=[
                        {"pointer": "/code", "code": "already_in_use", "detail": "already in use"}
                    ],
                )

    async def after_create(self, record, data):
        if data.phase_template:
            await create_phases_from_template(self.session, record, data.phase_template)
            await self.flush()

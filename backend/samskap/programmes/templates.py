"""The structures a new programme can start from: a merger as seed 003 organises it, a
reorganisation as seed 000 runs it, or a copy of another programme's structure.

A template makes structure only (projects with their phase plans, groups without members),
never records: who sits where, tasks, decisions and involvements are the programme's own.
"""

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from samskap.criteria.schemas import GroupCriterionCreate
from samskap.criteria.service import GroupCriterionService
from samskap.groups.schemas import GroupCreate
from samskap.groups.service import GroupService
from samskap.kit.service import CrudService
from samskap.models import Group, GroupCriterion, Phase, Programme, Project
from samskap.models.enums import GroupKind, ProjectCategory
from samskap.phases.schemas import PhaseCreate
from samskap.phases.service import PhaseService
from samskap.phases.templates import FIVE_PHASES
from samskap.projects.schemas import ProjectCreate
from samskap.projects.service import ProjectService


@dataclass(frozen=True)
class GroupTemplate:
    kind: GroupKind
    name: str
    description: str


@dataclass(frozen=True)
class ProjectTemplate:
    code: str
    name: str
    category: ProjectCategory
    description: str
    groups: list[GroupTemplate]
    concerns_nav: bool = False


@dataclass(frozen=True)
class ProgrammeTemplate:
    key: str
    name: str
    description: str
    source: str
    phase_template: str
    groups: list[GroupTemplate] = field(default_factory=list)
    projects: list[ProjectTemplate] = field(default_factory=list)


# Seed 003: «Hvert av prosjektstyrene får følgende oppgave: …».
BOARD_TASK = (
    "Prosjektstyret skal sikre at prosjektet gjennomføres innenfor gitt mandat og at "
    "resultatmålene nås, sikre nødvendige personellressurser til prosjektgruppen, sette ned "
    "arbeidsgrupper, faggrupper eller referansegrupper ved behov og sikre god medvirkning fra "
    "tillitsvalgte. Styret består av administrative ledere fra alle kommunene og "
    "representanter for de tillitsvalgte. Som første oppgave lager styret forslag til mandat "
    "for prosjektet."
)
NAV_BOARD = " Prosjektet gjelder NAV: styret har også representanter fra NAV."

# The eight administrative projects of seed 003, in its order; «De to helseprosjektene har
# også representanter fra NAV».
MERGER_PROJECTS = [
    ("A1", "Oppvekst og utdanning", False),
    ("A2", "Helse, omsorg og forvaltning", True),
    ("A3", "Helse, sosial, NAV og forebygging", True),
    ("A4", "Teknisk, klima, miljø og eiendom", False),
    ("A5", "Kultur, idrett og fritid", False),
    ("A6", "Digitalisering", False),
    ("A7", "Økonomi og eierskap", False),
    ("A8", "Administrasjon og ledelse", False),
]

MERGER = ProgrammeTemplate(
    key="merger",
    name="Sammenslåing av kommuner",
    description=(
        "Programmet organiseres med en fellesnemnd og et partssammensatt utvalg over åtte "
        "administrative prosjekter, hvert med sitt prosjektstyre og fasene i femfasemodellen. "
        "Politiske prosjekter legges til når fellesnemnda vedtar dem."
    ),
    source="Seed 003 (fellesnemndas organisering av sammenslåingen i prosjekter); "
    "seed 000 (fem faser)",
    phase_template=FIVE_PHASES.key,
    groups=[
        GroupTemplate(
            GroupKind.joint_committee,
            "Fellesnemnda",
            "Fellesnemnda for de kommunene som slås sammen (inndelingslova § 25); vedtar "
            "programmets organisering og godkjenner prosjektenes mandater.",
        ),
        GroupTemplate(
            GroupKind.joint_consultative_committee,
            "Partssammensatt utvalg",
            "Partssammensatt utvalg for arbeidsgiverspørsmål (inndelingslova § 26).",
        ),
    ],
    projects=[
        ProjectTemplate(
            code=code,
            name=name,
            category=ProjectCategory.administrative,
            description=f"Administrativt prosjekt: {name}.",
            concerns_nav=nav,
            groups=[
                GroupTemplate(
                    GroupKind.project_board,
                    f"Prosjektstyre {name}",
                    BOARD_TASK + (NAV_BOARD if nav else ""),
                )
            ],
        )
        for code, name, nav in MERGER_PROJECTS
    ],
)

REORGANISATION = ProgrammeTemplate(
    key="reorganisation",
    name="Omorganisering av et tjenesteområde",
    description=(
        "Ett prosjekt med fasene i femfasemodellen, en styringsgruppe og en arbeidsgruppe, "
        "slik fase 1 Oppstart setter dem opp."
    ),
    source="Seed 000 (nasjonal veileder, «Organisering og tverrfaglig samarbeid»: fem faser)",
    phase_template=FIVE_PHASES.key,
    projects=[
        ProjectTemplate(
            code="P1",
            name="Omorganisering",
            category=ProjectCategory.administrative,
            description="Oppdrag fra rådmann; mandat og arbeidsplan utarbeides i fase 1.",
            groups=[
                GroupTemplate(
                    GroupKind.steering_group,
                    "Styringsgruppe",
                    "Styringsgruppen etableres og får mandat; arbeidsplanen legges fram for den.",
                ),
                GroupTemplate(
                    GroupKind.working_group,
                    "Arbeidsgruppe",
                    "Arbeidsgruppen bidrar i utviklingen av arbeidsplanen og gjør arbeidet, med "
                    "medvirkning fra ansatte og tillitsvalgte.",
                ),
            ],
        )
    ],
)

PROGRAMME_TEMPLATES = {t.key: t for t in (MERGER, REORGANISATION)}
PROGRAMME_TEMPLATE_KEYS = tuple(PROGRAMME_TEMPLATES)


def programme_template(template: ProgrammeTemplate) -> dict:
    """A template as the API shows it."""
    return {
        "key": template.key,
        "name": template.name,
        "description": template.description,
        "source": template.source,
        "phase_template": template.phase_template,
        "groups": [vars(g) for g in template.groups],
        "projects": [
            {
                "code": p.code,
                "name": p.name,
                "category": p.category,
                "concerns_nav": p.concerns_nav,
                "groups": [vars(g) for g in p.groups],
            }
            for p in template.projects
        ],
    }


def _services(service: CrudService) -> tuple[ProjectService, GroupService]:
    return (
        ProjectService(service.session, service.principal),
        GroupService(service.session, service.principal),
    )


async def create_from_template(service: CrudService, programme: Programme, key: str) -> None:
    """The template's projects and groups, each created as its own create would be."""
    template = PROGRAMME_TEMPLATES[key]
    projects, groups = _services(service)
    for group in template.groups:
        await groups.create(
            GroupCreate(
                programme_id=programme.id,
                kind=group.kind,
                name=group.name,
                description=group.description,
            )
        )
    for p in template.projects:
        project = await projects.create(
            ProjectCreate(
                programme_id=programme.id,
                code=p.code,
                name=p.name,
                description=p.description,
                category=p.category,
                concerns_nav=p.concerns_nav,
                phase_template=template.phase_template,
            )
        )
        for group in p.groups:
            await groups.create(
                GroupCreate(
                    programme_id=programme.id,
                    project_id=project.id,
                    kind=group.kind,
                    name=group.name,
                    description=group.description,
                )
            )


async def copy_structure(service: CrudService, programme: Programme, source_id: uuid.UUID) -> None:
    """Another programme's projects (with their phases and expected results), groups (without
    members) and group criteria; none of its people or records.

    What belongs to how a project went is left behind: its leader and owner, its dates,
    status, health and mandate (a new programme's boards propose their own); a phase starts
    not started and a result not done.
    """
    session = service.session
    projects, groups = _services(service)
    phases = PhaseService(session, service.principal)
    criteria = GroupCriterionService(session, service.principal)
    source_projects = (
        await session.scalars(
            select(Project).where(Project.programme_id == source_id).order_by(Project.code)
        )
    ).all()
    source_phases = (
        await session.scalars(
            select(Phase)
            .where(Phase.programme_id == source_id)
            .options(selectinload(Phase.expected_results))
            .order_by(Phase.project_id, Phase.position)
        )
    ).all()
    new_project = {}
    for p in source_projects:
        copy = await projects.create(
            ProjectCreate(
                programme_id=programme.id,
                code=p.code,
                name=p.name,
                description=p.description,
                category=p.category,
                concerns_nav=p.concerns_nav,
            )
        )
        new_project[p.id] = copy.id
    for phase in source_phases:
        await phases.create(
            PhaseCreate(
                project_id=new_project[phase.project_id],
                position=phase.position,
                name=phase.name,
                description=phase.description,
                activities=list(phase.activities),
                expected_results=[r.text for r in phase.expected_results],
            )
        )
    source_groups = (
        await session.scalars(
            select(Group).where(Group.programme_id == source_id).order_by(Group.name, Group.id)
        )
    ).all()
    for g in source_groups:
        await groups.create(
            GroupCreate(
                programme_id=programme.id,
                project_id=new_project.get(g.project_id) if g.project_id else None,
                kind=g.kind,
                name=g.name,
                description=g.description,
            )
        )
    source_criteria = (
        await session.scalars(
            select(GroupCriterion)
            .where(GroupCriterion.programme_id == source_id)
            .order_by(GroupCriterion.sort_order, GroupCriterion.id)
        )
    ).all()
    for c in source_criteria:
        await criteria.create(
            GroupCriterionCreate(
                programme_id=programme.id,
                group_kind=c.group_kind,
                purpose=c.purpose,
                title=c.title,
                description=c.description,
                sort_order=c.sort_order,
            )
        )

"""Built-in phase templates. The five-phase model is the national guide's (seed 000)."""

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from samskap.kit.ids import uuid7
from samskap.models import ExpectedResult, Phase, Project
from samskap.models.enums import PhaseStatus


@dataclass(frozen=True)
class PhaseTemplate:
    name: str
    description: str
    activities: list[str] = field(default_factory=list)
    expected_results: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    source: str
    phases: list[PhaseTemplate]


FIVE_PHASES = Template(
    key="reorganisation-five-phases",
    name="Organisering og tverrfaglig samarbeid: fem faser",
    source="Nasjonal veileder, «Organisering og tverrfaglig samarbeid»",
    phases=[
        PhaseTemplate(
            name="Oppstart",
            description=(
                "Oppdrag mottas fra rådmann, mandat for arbeidet utarbeides, det besluttes "
                "hvordan arbeidet skal organiseres (styringsgruppe og arbeidsgruppe opprettes), "
                "arbeidsplan utvikles. Det informeres til ansatte om prosessen som igangsettes, "
                "og de tillitsvalgte involveres."
            ),
            activities=[
                "Oppdrag mottas fra rådmann med begrunnelse og mål for oppgaven som skal løses",
                "Styringsgruppen etableres, får mandat",
                "Arbeidsgruppen etableres, og bidrar i utvikling av arbeidsplan",
                "Arbeidsgruppens leder legger frem arbeidsplan for styringsgruppen",
                "Arbeidsgruppens leder sørger for at informasjon gis om arbeidet som igangsettes, "
                "og hvilken involvering det legges opp til (både ansatt- og brukermedvirkning)",
            ],
            expected_results=[
                "Arbeidet er forankret i politisk og administrativ ledelse og i relevante enheter "
                "på operativt nivå",
                "Mandat er utarbeidet",
                "Arbeidsplan er utarbeidet og vedtatt",
            ],
        ),
        PhaseTemplate(
            name="Utarbeide kunnskapsgrunnlag",
            description="Kunnskapsgrunnlaget for arbeidet utarbeides.",
        ),
        PhaseTemplate(
            name="Forslag til modell utarbeides og vedtas",
            description="Forslag til modell utarbeides, legges fram og vedtas.",
        ),
        PhaseTemplate(name="Gjennomføring", description="Vedtatt modell gjennomføres."),
        PhaseTemplate(
            name="Evaluere og tilpasse",
            description="Modellen evalueres og tilpasses etter erfaringene.",
        ),
    ],
)

TEMPLATES = {t.key: t for t in (FIVE_PHASES,)}
TEMPLATE_KEYS = tuple(TEMPLATES)


async def create_phases_from_template(session: AsyncSession, project: Project, key: str) -> None:
    phases = []
    for position, phase_template in enumerate(TEMPLATES[key].phases, start=1):
        phase = Phase(
            id=uuid7(),
            programme_id=project.programme_id,
            project_id=project.id,
            position=position,
            name=phase_template.name,
            description=phase_template.description,
            activities=list(phase_template.activities),
            status=PhaseStatus.not_started,
        )
        session.add(phase)
        phases.append((phase, phase_template))
    # Results refer to their phase, and nothing else tells the unit of work to insert
    # the phases first.
    await session.flush()
    for phase, phase_template in phases:
        for result_position, text in enumerate(phase_template.expected_results, start=1):
            session.add(
                ExpectedResult(
                    id=uuid7(),
                    programme_id=project.programme_id,
                    phase_id=phase.id,
                    position=result_position,
                    text=text,
                    done=False,
                )
            )

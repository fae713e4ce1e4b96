"""The rules of a Norwegian municipal reorganisation that Samskap checks, with their sources.

Each finding names its rule, so that a programme office can see why it is flagged and where
the rule comes from.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    source: str


THREE_PARTY_BALANCE = Rule(
    "three-party-balance",
    "A three-party forum has politicians, administration and employees in equal numbers",
    "Sørum kommune: trepartsverksted 3 + 3 + 3 (seed 001); KS, Veileder i trepartssamarbeid: "
    "likeverdighet mellom partene (seed 004)",
)
BOARD_MUNICIPALITIES = Rule(
    "board-municipalities",
    "A project board has a leader from every participating municipality",
    "Fellesnemnda: prosjektstyrene består av administrative ledere fra alle tre kommuner "
    "(seed 003)",
)
BOARD_UNION = Rule(
    "board-union-representative",
    "A project board has at least one union representative",
    "Fellesnemnda: prosjektstyrene har representanter for de tillitsvalgte (seed 003); "
    "Hovedavtalen del B § 1-4",
)
BOARD_NAV = Rule(
    "board-nav",
    "A project that concerns NAV has NAV on its board",
    "Fellesnemnda: de to helseprosjektene har også representanter fra NAV (seed 003)",
)
JCC_SIDES = Rule(
    "joint-consultative-committee-sides",
    "A joint consultative committee has both sides, the employer side in the majority",
    "Inndelingslova § 26 (partssammensett utval); kommuneloven § 13-4",
)
OVER_ALLOCATED = Rule(
    "allocation-over-100",
    "No one is allocated more than 100 % across groups and projects",
    "Seed 002: roller med tidsbruk (HR 50 %, økonomi 20 %); seed 003: prosjektleder 60–100 %",
)
EMPLOYEE_INVOLVEMENT = Rule(
    "employee-involvement-60-days",
    "A project involves employees or union representatives at least every 60 days",
    "Arbeidsmiljøloven § 4-2 (medvirkning ved omstilling); Hovedavtalen del B § 1-4 "
    "(informasjon og drøfting så tidlig som mulig)",
)
OVERDUE_DEADLINE = Rule(
    "overdue-deadline",
    "Deadlines are met or waived",
    "Seed 002: frister for innsending av arbeidsbok til navngitt mottaker",
)
MANDATE_APPROVED = Rule(
    "mandate-approved",
    "A project works under an approved mandate",
    "Seed 003: prosjektstyrets første oppgave er å foreslå mandat; fellesnemnda godkjenner",
)
MANDATE_APPROVAL = Rule(
    "mandate-approval-decision",
    "An approved mandate rests on a final, current decision of a body above the one that "
    "proposed it, about that project or group",
    "Seed 003: prosjektstyret lager forslag til mandat for sitt prosjekt, og fellesnemnda, "
    "som har vedtatt programmets organisering, godkjenner det; inndelingslova §§ 25–26 "
    "(fellesnemnda er satt ned av kommunestyrene)",
)
PROJECT_LEADER = Rule(
    "project-leader-60-100",
    "A project is led by a project leader at 60–100 %",
    "Seed 003: hvert prosjekt skal ledes av en prosjektleder i 60–100 prosent stilling",
)
REORGANISATION_CONSULTATION = Rule(
    "reorganisation-consultation",
    "A decision that reorganises work follows a signed consultation with union representatives",
    "Hovedavtalen del B § 1-4 (drøfting før beslutning); arbeidsmiljøloven § 8-2",
)

MEASURE_RESULT = Rule(
    "measure-result",
    "A measure past its due date has a documented result (done with a result, or cancelled)",
    "Sørum kommune, arbeidslag: resultatmål «Dokumentasjon av resultat» (seed 001)",
)
GROUP_CRITERIA_ASSESSED = Rule(
    "group-criteria-assessed",
    "A group of a kind with criteria for setting it up has been assessed against each of them",
    "Sørum kommune, arbeidslag: resultatmål «Kriterier for opprettelse av arbeidslag» (seed 001)",
)

INDICATOR_BASELINE = Rule(
    "indicator-baseline",
    "An indicator has a baseline: a measurement, or a value entered with its date",
    "Sørum kommune: «gjennomføring av kartlegginger i forhold til effektmålene for å etablere "
    "utgangspunkt» (seed 001)",
)
FOLLOW_UP_OVERDUE = Rule(
    "follow-up-overdue",
    "An indicator measured at an interval has a measurement within that interval",
    "Sørum kommune: «… og utvikling gjennom gjentatte kartlegginger» (seed 001)",
)

EFFECT_GOAL_INDICATOR = Rule(
    "effect-goal-indicator",
    "An effect goal being worked towards has at least one indicator",
    "Sørum kommune: effektmål måles gjennom spørreundersøkelse (seed 001); Digdir "
    "prosjektveiviseren: effektmål skal være målbare (R4.4)",
)
GOAL_SELECTION_RATIONALE = Rule(
    "goal-selection-rationale",
    "A project or group that selects a catalogue goal says why",
    "Seed 002, oppgave 2b: «Disse målene er det viktig at vårt område jobber videre med: "
    "Begrunnelse»",
)

HEARING_RESPONSE_HANDLED = Rule(
    "hearing-response-handled",
    "Every response to a closed hearing has its handling (accepted, partly or not accepted)",
    "Seed 002: «Sammenstilling av høringsuttalelser» og «Oppsummering høringsinnspill»",
)
HEARING_PARTIES = Rule(
    "hearing-parties",
    "A hearing on a matter that concerns employees invites the union representatives and the "
    "joint consultative committee",
    "Hovedavtalen del B § 1-4 (informasjon og drøfting med tillitsvalgte); inndelingslova § 26 "
    "(partssammensett utval)",
)

VERSION_MISSING = Rule(
    "version-missing",
    "Every version of a submission is delivered by its deadline",
    "Seed 002, DEL 3: FRISTER: arbeidsboken sendes i ny versjon etter hver samling innen "
    "fristen, til navngitt mottaker",
)
VERSION_LATE = Rule(
    "version-late",
    "A version of a submission is delivered on time, not after its deadline",
    "Seed 002, DEL 3: FRISTER: arbeidsboken sendes i ny versjon etter hver samling innen "
    "fristen, til navngitt mottaker",
)

PLANNED_INVOLVEMENT_OVERDUE = Rule(
    "planned-involvement-overdue",
    "A planned involvement of a project's involvement plan is held by its day, or cancelled "
    "with a reason",
    "Seed 000, fase 1 Oppstart: arbeidsgruppens leder sørger for at informasjon gis om "
    "arbeidet og hvilken involvering det legges opp til (både ansatt- og brukermedvirkning); "
    "Hovedavtalen del B § 1-4 (informasjon og drøfting så tidlig som mulig)",
)
DECISION_PLANNED_INVOLVEMENT_MISSED = Rule(
    "decision-planned-involvement-missed",
    "A reorganisation decision is taken only after the involvement planned before it has happened",
    "Seed 000: involveringen det legges opp til i arbeidsplanen; Hovedavtalen del B § 1-4 og "
    "arbeidsmiljøloven § 8-1 (informasjon og drøfting i god tid før beslutningen)",
)

# Every rule above, in the order they are declared: the compliance report lists them all, so
# that a finding's rule is always among them.
ALL = tuple(value for value in list(globals().values()) if isinstance(value, Rule))

"""The columns an import reads: the API's field names, references by external key, and the
Norwegian column names accepted for them (the documented mapping).

A file's columns are the fields of the resource's create body (`PersonCreate`, ...) without
`programme_id`, which the import itself names. A field that refers to another record
(`person_id`) may instead be given by that record's external key, in a column named with
`_external_id` (`person_external_id`); a list of references (`participant_ids`) by
`_external_ids`, the keys separated by `;` in CSV and XLSX. A header is matched after
trimming, lower-casing and turning spaces and hyphens into `_`, so «E-post», «e post» and
«epost» are the same column.
"""

from dataclasses import dataclass

from samskap.kit.schemas import InputModel
from samskap.models.enums import ImportResource as R


@dataclass(frozen=True)
class Reference:
    """A field that names another record of the programme, which a row may give by key."""

    field: str
    target: R
    many: bool = False

    @property
    def by_key(self) -> str:
        """The column that names the record(s) by external_id instead of by id."""
        stem = self.field.removesuffix("_ids") if self.many else self.field.removesuffix("_id")
        return f"{stem}_external_ids" if self.many else f"{stem}_external_id"


REFERENCES: dict[R, tuple[Reference, ...]] = {
    R.people: (),
    R.groups: (Reference("project_id", R.projects),),
    R.group_members: (
        Reference("group_id", R.groups),
        Reference("person_id", R.people),
    ),
    R.projects: (
        Reference("leader_id", R.people),
        Reference("owner_id", R.people),
        Reference("mandate_approved_by_id", R.people),
    ),
    R.tasks: (
        Reference("project_id", R.projects),
        Reference("group_id", R.groups),
        Reference("parent_id", R.tasks),
        Reference("assignee_id", R.people),
    ),
    R.deadlines: (
        Reference("project_id", R.projects),
        Reference("group_id", R.groups),
        Reference("responsible_person_id", R.people),
        Reference("responsible_group_id", R.groups),
        Reference("recipient_id", R.people),
    ),
    R.involvements: (
        Reference("project_id", R.projects),
        Reference("group_id", R.groups),
        Reference("participant_ids", R.people, many=True),
    ),
}

# Norwegian (bokmål and nynorsk) column names, already normalised, for every resource.
COMMON_NORWEGIAN: dict[str, str] = {
    "ekstern_id": "external_id",
    "eksternid": "external_id",
    "ekstern_nøkkel": "external_id",
    "beskrivelse": "description",
    "skildring": "description",
    "status": "status",
    "prosjekt": "project_external_id",
    "prosjekt_id": "project_external_id",
    "gruppe": "group_external_id",
    "gruppe_id": "group_external_id",
    "kommunenummer": "municipality_number",
    "kommunenr": "municipality_number",
}

NORWEGIAN: dict[R, dict[str, str]] = {
    R.people: {
        "navn": "name",
        "namn": "name",
        "e_post": "email",
        "epost": "email",
        "e_postadresse": "email",
        "tittel": "title",
        "stilling": "title",
        "enhet": "organisation_unit",
        "eining": "organisation_unit",
        "organisasjonsenhet": "organisation_unit",
        "organisasjonseining": "organisation_unit",
        "tilknytning": "affiliation",
        "tilknyting": "affiliation",
        "rolle": "affiliation",
        "fagforening": "union",
        "fagforeining": "union",
        "forbund": "union",
    },
    R.groups: {
        "navn": "name",
        "namn": "name",
        "type": "kind",
        "art": "kind",
        "mandat": "mandate_text",
        "mandatstatus": "mandate_status",
    },
    R.group_members: {
        "person": "person_external_id",
        "person_id": "person_external_id",
        "rolle": "role",
        "part": "party",
        "stillingsprosent": "allocation_percent",
        "frikjøp": "allocation_percent",
        "prosent": "allocation_percent",
        "fra": "starts_on",
        "fra_dato": "starts_on",
        "til": "ends_on",
        "til_dato": "ends_on",
    },
    R.projects: {
        "kode": "code",
        "prosjektkode": "code",
        "navn": "name",
        "namn": "name",
        "kategori": "category",
        "mandat": "mandate_text",
        "mandatstatus": "mandate_status",
        "prosjektleder": "leader_external_id",
        "prosjektleiar": "leader_external_id",
        "prosjekteier": "owner_external_id",
        "prosjekteigar": "owner_external_id",
        "tilstand": "health",
        "start": "starts_on",
        "startdato": "starts_on",
        "slutt": "ends_on",
        "sluttdato": "ends_on",
        "berører_nav": "concerns_nav",
        "gjeld_nav": "concerns_nav",
        "fasemal": "phase_template",
    },
    R.tasks: {
        "tittel": "title",
        "oppgave": "title",
        "ansvarlig": "assignee_external_id",
        "prioritet": "priority",
        "frist": "due_on",
        "forfallsdato": "due_on",
        "overordnet": "parent_external_id",
        "overordna": "parent_external_id",
    },
    R.deadlines: {
        "tittel": "title",
        "frist": "due_at",
        "tidspunkt": "due_at",
        "ansvarlig": "responsible_person_external_id",
        "ansvarlig_gruppe": "responsible_group_external_id",
        "mottaker": "recipient_external_id",
        "mottakar": "recipient_external_id",
        "type": "kind",
        "levert": "submitted_at",
    },
    R.involvements: {
        "sak": "matter",
        "interessent": "stakeholder_kind",
        "hvem": "stakeholder_kind",
        "kven": "stakeholder_kind",
        "form": "form",
        "dato": "occurred_on",
        "deltakere": "participant_external_ids",
        "deltakarar": "participant_external_ids",
        "antall": "head_count",
        "tal": "head_count",
        "innspill": "statements",
        "innspel": "statements",
        "utfall": "outcome",
        "resultat": "outcome",
    },
}


def normalise(header: str) -> str:
    """A header as matched: trimmed, lower-case, spaces and hyphens as `_`."""
    text = header.strip().lower().lstrip("\ufeff")
    return "_".join(text.replace("-", " ").replace("_", " ").split())


def create_body(resource: R) -> type[InputModel]:
    """The create body whose fields (programme_id aside) are the resource's columns; for
    group members, MemberCreate, whose group the row names in `group_id`."""
    from samskap.deadlines.schemas import DeadlineCreate
    from samskap.groups.schemas import GroupCreate, MemberCreate
    from samskap.involvements.schemas import InvolvementCreate
    from samskap.people.schemas import PersonCreate
    from samskap.projects.schemas import ProjectCreate
    from samskap.tasks.schemas import TaskCreate

    bodies: dict[R, type[InputModel]] = {
        R.people: PersonCreate,
        R.groups: GroupCreate,
        R.group_members: MemberCreate,
        R.projects: ProjectCreate,
        R.tasks: TaskCreate,
        R.deadlines: DeadlineCreate,
        R.involvements: InvolvementCreate,
    }
    if resource not in bodies:
        raise ValueError(f"{resource} has no columns of its own")
    return bodies[resource]


def fields(resource: R) -> list[str]:
    """The resource's columns by API field name, in the create body's order."""
    names = [name for name in create_body(resource).model_fields if name != "programme_id"]
    return ["group_id", *names] if resource == R.group_members else names

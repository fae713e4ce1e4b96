import uuid

from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import check_municipality
from samskap.kit.service import CrudService
from samskap.models import Person, Programme
from samskap.models.enums import Affiliation, ProgrammeRole
from samskap.people.schemas import PersonRead
from samskap.problems import ValidationFailed


class PersonService(CrudService[Person]):
    model = Person
    label = "person"
    spec = ListSpec(
        model=Person,
        filters=[
            Filter("programme_id", Person.programme_id, uuid.UUID, "Only people of this programme"),
            Filter(
                "affiliation", Person.affiliation, Affiliation, "Only people with this affiliation"
            ),
            Filter(
                "municipality_number",
                Person.municipality_number,
                str,
                "Only people of this municipality (kommunenummer, four digits)",
            ),
            Filter(
                "organisation_unit",
                Person.organisation_unit,
                str,
                "Only people of this organisation unit (its name, matched exactly)",
            ),
            Filter(
                "email",
                Person.email,
                str,
                "Only the person with this e-mail address (matched exactly)",
            ),
        ],
        sorts={"name": Person.name, "created_at": Person.created_at},
        default_sort="name",
        search=[Person.name, Person.email, Person.title, Person.organisation_unit],
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        await super().apply(record, values, creating=creating)

    def may_see_special_category(self, record) -> bool:
        return (
            self.principal.at_least(record.programme_id, ProgrammeRole.programme_admin)
            or self.principal.person_in(record.programme_id) == record.id
        )

    async def present(self, record):
        """A union representative's union (GDPR art. 9) is for admins and the person only;
        every such read is written to the audit trail."""
        if record.union is None:
            return record
        if self.may_see_special_category(record):
            self.audit("read_special_category", record, None, {"fields": ["union"]})
            return record
        return PersonRead.model_validate(record).model_copy(update={"union": None})

    async def validate(self, record):
        if record.union and record.affiliation != Affiliation.union_representative:
            raise ValidationFailed.at(
                "/union", "only union representatives have a union here", code="union_not_allowed"
            )
        programme = await self.session.get_one(Programme, record.programme_id)
        await check_municipality(programme, record.municipality_number, "municipality_number")

from samskap.kit.listing import Filter, ListSpec
from samskap.kit.service import CrudService, require_order
from samskap.models import Programme
from samskap.models.enums import ProgrammeRole, ProgrammeStatus
from samskap.municipalities.service import check_programme_municipalities
from samskap.problems import Forbidden, NotFound, ValidationFailed
from samskap.programmes.templates import copy_structure, create_from_template


class ProgrammeService(CrudService[Programme]):
    model = Programme
    label = "programme"
    spec = ListSpec(
        model=Programme,
        filters=[
            Filter("status", Programme.status, ProgrammeStatus, "Only programmes with this status"),
            Filter(
                "owner_organisation",
                Programme.owner_organisation,
                str,
                "Only programmes owned by this organisation (its name, matched exactly)",
            ),
        ],
        sorts={
            "name": Programme.name,
            "target_on": Programme.target_on,
            "created_at": Programme.created_at,
        },
        default_sort="name",
        search=[Programme.name, Programme.description],
    )

    def programme_column(self):
        return Programme.id

    def programme_of(self, record):
        return record.id

    async def authorize(self, record, action):
        """System administrators create and delete programmes; programme admins change them."""
        if self.principal.system_admin:
            return
        if action != "create" and self.principal.role_in(record.id) is None:
            raise NotFound(self.label)
        if action == "update" and self.principal.at_least(record.id, ProgrammeRole.programme_admin):
            return
        raise Forbidden(
            "Only system administrators create or delete programmes, and only "
            "programme administrators change them."
        )

    async def exportable(self, programme_id):
        """A programme whose whole export the principal may take: an editor's or higher."""
        programme = await self.get(programme_id)
        if not self.principal.at_least(programme.id, ProgrammeRole.editor):
            raise Forbidden(
                "Exporting a whole programme needs the editor role in it, or a higher one."
            )
        return programme

    async def apply(self, record, values, *, creating):
        # How a new programme starts is not part of it: after_create reads it from the input.
        template = values.pop("template", None)
        source_id = values.pop("copy_from_programme_id", None)
        if template is not None and source_id is not None:
            raise ValidationFailed.at(
                "/copy_from_programme_id",
                "a programme starts from a template or from a copy, not both",
                code="template_and_copy",
            )
        if source_id is not None:
            source = await self.session.get(Programme, source_id)
            if source is None or self.principal.role_in(source.id) is None:
                raise ValidationFailed.at(
                    "/copy_from_programme_id",
                    "no programme with this id",
                    code="unknown_reference",
                )
        if "municipalities" in values and values["municipalities"] is not None:
            numbers = [m["number"] for m in values["municipalities"]]
            for i, number in enumerate(numbers):
                if numbers.index(number) != i:
                    raise ValidationFailed.at(
                        f"/municipalities/{i}/number", f"{number} is listed twice", code="duplicate"
                    )
            check_programme_municipalities(values["municipalities"])
        await super().apply(record, values, creating=creating)

    async def after_create(self, record, data):
        if getattr(data, "template", None) is not None:
            await create_from_template(self, record, data.template)
        elif getattr(data, "copy_from_programme_id", None) is not None:
            await copy_structure(self, record, data.copy_from_programme_id)

    async def validate(self, record):
        require_order(record.starts_on, record.target_on, "starts_on", "target_on")

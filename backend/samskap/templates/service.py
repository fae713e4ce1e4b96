import uuid

from samskap.kit.listing import Filter, ListSpec
from samskap.kit.service import CrudService
from samskap.models import Template
from samskap.problems import ValidationFailed


def _unique_keys(items: list[dict], field: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item["key"] in seen:
            raise ValidationFailed.at(
                f"/{field}/{index}/key",
                f"{item['key']!r} is used twice; each key must be unique in the template",
                code="duplicate_key",
                params={"key": item["key"]},
            )
        seen.add(item["key"])


class TemplateService(CrudService[Template]):
    model = Template
    label = "template"
    spec = ListSpec(
        model=Template,
        filters=[
            Filter(
                "programme_id", Template.programme_id, uuid.UUID, "Only templates of this programme"
            ),
        ],
        sorts={"title": Template.title, "created_at": Template.created_at},
        default_sort="title",
        search=[Template.title, Template.guidance],
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        for field in ("sections", "required_attachments"):
            if field in values:
                items = [dict(item) for item in values[field] or []]
                _unique_keys(items, field)
                values[field] = items
        await super().apply(record, values, creating=creating)

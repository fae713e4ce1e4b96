import uuid
from datetime import date

from sqlalchemy import or_, select

from samskap.documents.schemas import DocumentRead
from samskap.kit.listing import Filter, ListQuery, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.memberships.scope import member_scope
from samskap.models import Decision, Event, Group, Project
from samskap.models.document import Document, StoredFile
from samskap.models.enums import DocumentKind, ProgrammeRole, PublicAccess
from samskap.problems import ValidationFailed

# What an observer sees of a document exempt from public access.
SHOWN_WHEN_WITHHELD = {
    "id",
    "created_at",
    "updated_at",
    "version",
    "programme_id",
    "title",
    "kind",
    "document_date",
    "public_access",
    "exemption_basis",
}


# Filters on what an exempt document concerns: an observer filtering on them would learn the
# links the document withholds, so for an observer they match public documents only.
LINK_FILTERS = ("project_id", "decision_id", "event_id", "file_id", "author_group_id")


class DocumentService(CrudService[Document]):
    model = Document
    label = "document"
    spec = ListSpec(
        model=Document,
        filters=[
            Filter(
                "programme_id",
                Document.programme_id,
                uuid.UUID,
                "Only documents of this programme",
            ),
            Filter("kind", Document.kind, DocumentKind, "Only documents of this kind"),
            Filter(
                "public_access",
                Document.public_access,
                PublicAccess,
                "Only public, or only exempt, documents",
            ),
            Filter("project_id", Document.project_id, uuid.UUID, "Only documents of this project"),
            Filter(
                "decision_id", Document.decision_id, uuid.UUID, "Only documents of this decision"
            ),
            Filter("event_id", Document.event_id, uuid.UUID, "Only documents of this event"),
            Filter("file_id", Document.file_id, uuid.UUID, "Only documents that use this file"),
            Filter(
                "date_from",
                Document.document_date,
                date,
                "Dated on or after this day",
                op="ge",
            ),
            Filter("date_to", Document.document_date, date, "Dated on or before this day", op="le"),
        ],
        sorts={
            "document_date": Document.document_date,
            "title": Document.title,
            "created_at": Document.created_at,
        },
        default_sort="-document_date",
        # Only the title: what an observer may not see of an exempt document is not searched.
        search=[Document.title],
    )

    async def list(self, lq: ListQuery) -> tuple[list[Document], str | None]:
        base = self.scoped(select(Document))
        visible = self.principal.programme_ids()
        if visible is not None and any(lq.filters.get(name) for name in LINK_FILTERS):
            readers = [p for p in visible if self.principal.at_least(p, ProgrammeRole.member)]
            base = base.where(
                or_(
                    Document.public_access == PublicAccess.public,
                    Document.programme_id.in_(readers),
                )
            )
        return await self.spec.page(self.session, lq, base)

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        if values.get("url") is not None:
            values["url"] = str(values["url"])
        for model, field in (
            (Group, "author_group_id"),
            (StoredFile, "file_id"),
            (Project, "project_id"),
            (Decision, "decision_id"),
            (Event, "event_id"),
        ):
            await require_in_programme(self.session, model, values.get(field), programme_id, field)
        await super().apply(record, values, creating=creating)

    async def member_may_write(self, record, action):
        """A `member` may too, for the documents of their projects and of the groups they
        sit in."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return record.project_id in scope.project_ids or record.author_group_id in (scope.group_ids)

    async def validate(self, record):
        if record.file_id is None and not record.url:
            raise ValidationFailed.at(
                "/file_id", "give a file or a link (url), or both", code="file_or_url_required"
            )
        if record.public_access == PublicAccess.exempt:
            if not record.exemption_basis:
                raise ValidationFailed.at(
                    "/exemption_basis",
                    "name the legal basis of the exemption, e.g. offl. § 14",
                    code="exemption_basis_required",
                )
        else:
            record.exemption_basis = None

    async def present(self, record):
        """Observers (and API tokens with scope `read`) see a document exempt from public
        access only as its title, kind, date and exemption basis."""
        if record.public_access != PublicAccess.exempt or self.principal.at_least(
            record.programme_id, ProgrammeRole.member
        ):
            return record
        read = DocumentRead.model_validate(record)
        hidden = {
            name: None
            for name in DocumentRead.model_fields
            if name not in SHOWN_WHEN_WITHHELD and name != "withheld"
        }
        return read.model_copy(update={**hidden, "withheld": True})

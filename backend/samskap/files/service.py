"""Files: uploaded in chunks, stored in the database in chunks, streamed back chunk by chunk.

No step holds a whole file in memory: the upload is read from the request's spooled temporary
file a chunk at a time (counted, hashed and its type sniffed on the way), then written as
`file_chunk` rows with one INSERT each; a download reads one chunk per query.
"""

import hashlib
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any, BinaryIO

from sqlalchemy import delete, exists, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.files import sniffing
from samskap.files.schemas import StoredFileRead
from samskap.kit.etag import check_if_match
from samskap.kit.ids import uuid7
from samskap.kit.listing import Filter, ListQuery, ListSpec
from samskap.kit.service import CrudService
from samskap.kit.text import uploaded_file_name
from samskap.models import ApiToken, Programme, User
from samskap.models.document import Document, FileChunk, StoredFile, submission_version_file
from samskap.models.enums import ProgrammeRole, PublicAccess
from samskap.problems import (
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
)

CHUNK_BYTES = 1024 * 1024


def exempt_document_uses(file_id: Any) -> Any:
    """A clause: a document exempt from public access uses the file."""
    return exists().where(
        Document.file_id == file_id, Document.public_access == PublicAccess.exempt
    )


def _unsupported(code: str, detail: str, **params: str) -> UnsupportedMediaType:
    item: dict[str, Any] = {"pointer": "/file", "code": code, "detail": detail}
    if params:
        item["params"] = params
    return UnsupportedMediaType(detail, errors=[item])


class FileService(CrudService[StoredFile]):
    model = StoredFile
    label = "file"
    spec = ListSpec(
        model=StoredFile,
        filters=[
            Filter(
                "programme_id", StoredFile.programme_id, uuid.UUID, "Only files of this programme"
            ),
            Filter("sha256", StoredFile.sha256, str, "Only files with this SHA-256 (hex)"),
        ],
        sorts={
            "created_at": StoredFile.created_at,
            "filename": StoredFile.filename,
            "size": StoredFile.size,
        },
        default_sort="-created_at",
        search=[StoredFile.filename],
    )

    async def member_may_write(self, record, action):
        """A `member` may upload files and delete the ones they uploaded."""
        if action == "create":
            return True
        return record.uploaded_by is not None and record.uploaded_by == await self._uploader()

    async def _uploader(self) -> str:
        if self.principal.user_id is not None:
            user = await self.session.get(User, self.principal.user_id)
            return user.email if user is not None else str(self.principal.user_id)
        if self.principal.token_id is not None:
            token = await self.session.get(ApiToken, self.principal.token_id)
            return f"API token {token.name if token else self.principal.token_id}"
        return "system"

    # reading -------------------------------------------------------------------------------
    def _may_see_exempt(self, programme_id: uuid.UUID) -> bool:
        return self.principal.at_least(programme_id, ProgrammeRole.member)

    async def shown(self, records: list[StoredFile]) -> list[StoredFileRead]:
        """The files as this principal may see them, with one query for all of them."""
        ids = [r.id for r in records]
        exempt: set[uuid.UUID] = set()
        if ids:
            exempt = set(
                await self.session.scalars(
                    select(Document.file_id)
                    .where(Document.file_id.in_(ids), Document.public_access == PublicAccess.exempt)
                    .distinct()
                )
            )
        shown = []
        for record in records:
            read = StoredFileRead.model_validate(record)
            if record.id in exempt:
                read.exempt_from_public_access = True
                if not self._may_see_exempt(record.programme_id):
                    extension = sniffing.extension_of(record.filename)
                    read.filename = f"{record.id}.{extension}" if extension else str(record.id)
            shown.append(read)
        return shown

    async def present(self, record):
        return (await self.shown([record]))[0]

    async def check_download(self, record: StoredFile) -> None:
        """An observer may not download the file of a document exempt from public access."""
        if self._may_see_exempt(record.programme_id):
            return
        if await self.session.scalar(select(exempt_document_uses(record.id))):
            raise Forbidden(
                "The file belongs to a document exempt from public access (offentleglova).",
                errors=[
                    {
                        "pointer": "/file",
                        "code": "exempt_from_public_access",
                        "detail": "exempt from public access",
                    }
                ],
            )

    # writing -------------------------------------------------------------------------------
    async def upload(
        self, programme_id: uuid.UUID, filename: str | None, content: BinaryIO, limit: int
    ) -> StoredFile:
        """Check the upload (size, type from content, name agreeing with it), then store it
        in chunks. A refused file stores nothing."""
        # The programme is named in the query, as the parent of the new file: one the caller
        # cannot see answers 404, as an unknown one does.
        if self.principal.role_in(programme_id) is None or not await self.session.get(
            Programme, programme_id
        ):
            raise NotFound("programme")
        record = StoredFile(id=uuid7(), programme_id=programme_id)
        name = uploaded_file_name(filename)
        record.filename = name
        record.uploaded_by = await self._uploader()
        await self.authorize(record, "create")

        digest, size, sniffer = hashlib.sha256(), 0, sniffing.Sniffer()
        content.seek(0)
        while chunk := content.read(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge.file(limit)
            digest.update(chunk)
            sniffer.feed(chunk)
        media_type = sniffer.finish(content)
        if media_type is None:
            raise _unsupported(
                "unsupported_type",
                "only PDF, DOCX, XLSX, PPTX, PNG, JPEG and UTF-8 text files are accepted",
            )
        extension = sniffing.extension_of(name)
        if extension not in sniffing.EXTENSIONS[media_type]:
            expected = sniffing.EXTENSIONS[media_type][0]
            said = f"ends in '.{extension}'" if extension else "has no extension"
            raise _unsupported(
                "type_mismatch",
                f"the content is {expected.upper()}, but the name {said}",
                extension=extension,
                expected=expected,
            )
        if not name:
            name = record.filename = f"{record.id}.{extension}"
        record.content_type = sniffing.served_type(media_type, name)
        record.size = size
        record.sha256 = digest.hexdigest()
        self.session.add(record)
        await self.flush()

        # Core INSERTs: the ORM would keep every chunk's bytes in the session until commit.
        content.seek(0)
        seq = 0
        while chunk := content.read(CHUNK_BYTES):
            await self.session.execute(
                insert(FileChunk).values(file_id=record.id, seq=seq, data=chunk)
            )
            seq += 1
        self.audit("create", record, None, self.snapshot(record))
        return record

    async def uses(self, record: StoredFile) -> tuple[int, int]:
        documents = await self.session.scalar(
            select(func.count()).select_from(Document).where(Document.file_id == record.id)
        )
        versions = await self.session.scalar(
            select(func.count())
            .select_from(submission_version_file)
            .where(submission_version_file.c.file_id == record.id)
        )
        return documents or 0, versions or 0

    async def delete(self, record, if_match):
        check_if_match(if_match, record.version)
        await self.authorize(record, "delete")
        documents, versions = await self.uses(record)
        if documents or versions:
            raise Conflict(
                f"The file is used by {documents} document(s) and {versions} submission "
                "version(s); remove it from those first.",
                errors=[
                    {
                        "pointer": "/id",
                        "code": "file_in_use",
                        "detail": "used by documents or submission versions",
                        "params": {"documents": str(documents), "versions": str(versions)},
                    }
                ],
            )
        await self.session.execute(delete(FileChunk).where(FileChunk.file_id == record.id))
        await super().delete(record, if_match)

    async def list(self, lq: ListQuery) -> tuple[list[StoredFile], str | None]:
        """For an observer, a search by name skips the files of exempt documents, whose names
        are withheld."""
        base = self.scoped(select(StoredFile))
        visible = self.principal.programme_ids()
        if visible is not None and lq.q:
            readers = [p for p in visible if self._may_see_exempt(p)]
            base = base.where(
                or_(StoredFile.programme_id.in_(readers), ~exempt_document_uses(StoredFile.id))
            )
        return await self.spec.page(self.session, lq, base)

    async def page(self, lq: ListQuery) -> dict[str, Any]:
        items, next_cursor = await self.list(lq)
        return {"items": await self.shown(items), "next_cursor": next_cursor}


def content_stream(
    sessions: Callable[[], AsyncSession], file_id: uuid.UUID
) -> AsyncIterator[bytes]:
    """The file's content, one chunk per query, each in a short session of its own (the
    request's session has ended when the response body is sent)."""

    async def chunks() -> AsyncIterator[bytes]:
        seq = 0
        while True:
            async with sessions() as session:
                data = await session.scalar(
                    select(FileChunk.data).where(FileChunk.file_id == file_id, FileChunk.seq == seq)
                )
            if data is None:
                return
            yield data
            seq += 1

    return chunks()

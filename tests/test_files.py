"""Files: upload in chunks with the type read from the content, size limit, hash, download
headers and bytes, programmes kept apart, delete refused while used."""

import hashlib
import io
import struct
import uuid
import zipfile
import zlib
from urllib.parse import quote

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]
from sqlalchemy import func, select

from samskap.files.service import CHUNK_BYTES
from samskap.models.document import FileChunk, StoredFile
from tests.factories import (
    API,
    PDF_BYTES,
    make_document,
    make_file,
    make_programme,
    upload_file,
)

PROBLEM = "application/problem+json"


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def office_zip(folder: str, main: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(f"{folder}/{main}", '<?xml version="1.0"?><root/>')
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active.append(["Tjenesteområde", "Versjon"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ALLOWED = [
    ("notat.pdf", PDF_BYTES, "application/pdf"),
    ("organisasjonskart.png", png_bytes(), "image/png"),
    ("bilde.JPG", JPEG_BYTES, "image/jpeg"),
    (
        "arbeidsbok.docx",
        office_zip("word", "document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "frister.xlsx",
        xlsx_bytes(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "samling.pptx",
        office_zip("ppt", "presentation.xml"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("referat.txt", "Referat fra samling 1 – Ås og Ski\n".encode(), "text/plain; charset=utf-8"),
    ("liste.csv", b"tittel;dato\nNotat;2018-08-21\n", "text/csv; charset=utf-8"),
]


async def stored(app) -> tuple[int, int]:
    async with app.state.sessions() as session:
        files = await session.scalar(select(func.count()).select_from(StoredFile))
        chunks = await session.scalar(select(func.count()).select_from(FileChunk))
    return files or 0, chunks or 0


class TestUpload:
    @pytest.mark.parametrize("name,content,media_type", ALLOWED, ids=[a[0] for a in ALLOWED])
    async def test_each_allowed_type_is_told_from_its_content(
        self, client, name, content, media_type
    ):
        programme = await make_programme(client)
        r = await upload_file(client, programme, name, content)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["content_type"] == media_type
        assert body["filename"] == name
        assert body["size"] == len(content)
        assert body["sha256"] == hashlib.sha256(content).hexdigest()
        assert body["programme_id"] == programme["id"]
        assert body["uploaded_by"]
        assert r.headers["location"] == f"{API}/files/{body['id']}"
        assert r.headers["etag"] == '"1"'
        again = await client.get(r.headers["location"])
        assert again.json() == body

    @pytest.mark.parametrize(
        "name,content",
        [
            ("bilde.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
            ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
            ("data.bin", b"\x00\x01\x02\x03binary"),
            ("arkiv.zip", b"PK\x03\x04" + b"\x00" * 40),
            ("tom.txt", b""),
            ("latin1.txt", "Blåbær".encode("latin-1")),
        ],
    )
    async def test_other_types_are_refused_and_nothing_is_stored(self, app, client, name, content):
        programme = await make_programme(client)
        before = await stored(app)
        r = await upload_file(client, programme, name, content)
        assert r.status_code == 415, r.text
        assert r.headers["content-type"].startswith(PROBLEM)
        assert r.json()["errors"][0]["code"] == "unsupported_type"
        assert await stored(app) == before

    async def test_a_plain_zip_is_no_office_file(self, app, client):
        programme = await make_programme(client)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<x/>")
        r = await upload_file(client, programme, "falsk.docx", buffer.getvalue())
        assert r.status_code == 415
        assert r.json()["errors"][0]["code"] == "unsupported_type"

    @pytest.mark.parametrize(
        "name,content,expected",
        [
            ("notat.docx", PDF_BYTES, "pdf"),
            ("referat.pdf", b"Bare tekst\n", "txt"),
            ("arbeidsbok.xlsx", office_zip("word", "document.xml"), "docx"),
            ("kart", png_bytes(), "png"),
        ],
    )
    async def test_a_name_that_does_not_fit_the_content_is_refused(
        self, app, client, name, content, expected
    ):
        programme = await make_programme(client)
        before = await stored(app)
        r = await upload_file(client, programme, name, content)
        assert r.status_code == 415, r.text
        error = r.json()["errors"][0]
        assert error["code"] == "type_mismatch"
        assert error["pointer"] == "/file"
        assert error["params"]["expected"] == expected
        assert await stored(app) == before

    async def test_a_file_over_the_limit_answers_413_and_stores_nothing(self, app, client):
        programme = await make_programme(client)
        saved = app.state.settings.max_upload_bytes
        app.state.settings.max_upload_bytes = 4096
        try:
            before = await stored(app)
            r = await upload_file(client, programme, "stor.txt", b"a" * 4097)
            assert r.status_code == 413, r.text
            assert r.headers["content-type"].startswith(PROBLEM)
            assert r.json()["errors"][0] == {
                "pointer": "/file",
                "code": "file_too_large",
                "detail": "at most 4096 bytes",
                "params": {"max": "4096"},
            }
            assert await stored(app) == before
            exact = await upload_file(client, programme, "akkurat.txt", b"a" * 4096)
            assert exact.status_code == 201
        finally:
            app.state.settings.max_upload_bytes = saved

    async def test_a_large_file_is_kept_in_chunks_and_comes_back_byte_for_byte(self, app, client):
        programme = await make_programme(client)
        content = (b"%PDF-1.7\n" + bytes(range(256)) * 10_000)[: CHUNK_BYTES * 2 + 12_345]
        body = await make_file(client, programme, "stor.pdf", content=content)
        async with app.state.sessions() as session:
            sizes = (
                await session.execute(
                    select(FileChunk.seq, func.length(FileChunk.data))
                    .where(FileChunk.file_id == uuid.UUID(body["id"]))
                    .order_by(FileChunk.seq)
                )
            ).all()
        assert [s for s, _ in sizes] == [0, 1, 2]
        assert [n for _, n in sizes] == [CHUNK_BYTES, CHUNK_BYTES, 12_345]
        r = await client.get(f"{API}/files/{body['id']}/content")
        assert r.status_code == 200
        assert r.content == content
        assert hashlib.sha256(r.content).hexdigest() == body["sha256"]

    async def test_the_programme_must_be_one_the_caller_sees(self, client, accounts):
        ours, theirs = await make_programme(client), await make_programme(client)
        editor = await accounts.role(ours, "editor")
        r = await upload_file(editor, theirs)
        assert r.status_code == 404
        assert r.headers["content-type"].startswith(PROBLEM)
        r = await upload_file(editor, {"id": str(uuid.uuid4())})
        assert r.status_code == 404

    async def test_observers_upload_nothing_members_do(self, client, accounts):
        programme = await make_programme(client)
        observer = await accounts.role(programme, "observer")
        assert (await upload_file(observer, programme)).status_code == 403
        member = await accounts.role(programme, "member")
        assert (await upload_file(member, programme)).status_code == 201

    async def test_a_path_in_the_name_is_dropped(self, client):
        programme = await make_programme(client)
        body = await make_file(client, programme, "C:\\Users\\kari\\Høringsbrev.pdf")
        assert body["filename"] == "Høringsbrev.pdf"


class TestDownload:
    async def test_headers_and_exact_bytes(self, client):
        programme = await make_programme(client)
        name = "Høringsuttalelse fra tillitsvalgte – Ås.pdf"
        body = await make_file(client, programme, name)
        r = await client.get(f"{API}/files/{body['id']}/content")
        assert r.status_code == 200
        assert r.content == PDF_BYTES
        assert r.headers["content-type"] == "application/pdf"
        assert r.headers["content-length"] == str(len(PDF_BYTES))
        assert r.headers["etag"] == f'"{hashlib.sha256(PDF_BYTES).hexdigest()}"'
        assert r.headers["x-content-type-options"] == "nosniff"
        disposition = r.headers["content-disposition"]
        assert disposition.startswith("attachment; ")
        assert f"filename*=UTF-8''{quote(name, safe='')}" in disposition
        assert "H_ringsuttalelse" in disposition  # the ASCII fallback
        again = await client.get(
            f"{API}/files/{body['id']}/content", headers={"If-None-Match": r.headers["etag"]}
        )
        assert again.status_code == 304

    async def test_text_is_served_with_its_charset(self, client):
        programme = await make_programme(client)
        content = "Samling 2: oppgave 2b – svar innen fristen\n".encode()
        body = await make_file(client, programme, "oppgave.txt", content=content)
        r = await client.get(f"{API}/files/{body['id']}/content")
        assert r.headers["content-type"] == "text/plain; charset=utf-8"
        assert r.content == content

    async def test_a_file_of_another_programme_is_not_found(self, client, accounts):
        ours, theirs = await make_programme(client), await make_programme(client)
        their_file = await make_file(client, theirs)
        admin = await accounts.role(ours, "programme_admin")
        for url in (f"{API}/files/{their_file['id']}", f"{API}/files/{their_file['id']}/content"):
            r = await admin.get(url)
            assert r.status_code == 404, url
            assert r.headers["content-type"].startswith(PROBLEM)
        r = await admin.delete(f"{API}/files/{their_file['id']}", headers={"If-Match": "*"})
        assert r.status_code == 404
        listed = await admin.get(f"{API}/files", params={"programme_id": theirs["id"]})
        assert listed.json() == {"items": [], "next_cursor": None}

    async def test_observers_download_public_files(self, client, accounts):
        programme = await make_programme(client)
        body = await make_file(client, programme)
        await make_document(client, programme, file_id=body["id"], public_access="public")
        observer = await accounts.role(programme, "observer")
        r = await observer.get(f"{API}/files/{body['id']}/content")
        assert r.status_code == 200
        assert r.content == PDF_BYTES


class TestListAndDelete:
    async def test_list_by_programme_newest_first_and_search(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        first = await make_file(client, programme, "Notat 1.pdf")
        second = await make_file(client, programme, "Referat.pdf")
        await make_file(client, other, "Annet.pdf")
        r = await client.get(f"{API}/files", params={"programme_id": programme["id"]})
        assert [f["id"] for f in r.json()["items"]] == [second["id"], first["id"]]
        r = await client.get(
            f"{API}/files", params={"programme_id": programme["id"], "q": "referat"}
        )
        assert [f["filename"] for f in r.json()["items"]] == ["Referat.pdf"]
        r = await client.get(f"{API}/files", params={"sha256": first["sha256"]})
        assert len(r.json()["items"]) == 3  # the same bytes, three times

    async def test_delete_needs_if_match_and_removes_the_chunks(self, app, client, accounts):
        programme = await make_programme(client)
        body = await make_file(client, programme)
        editor = await accounts.client(roles={programme["id"]: "editor"}, reads_etag=False)
        r = await editor.delete(f"{API}/files/{body['id']}")
        assert r.status_code == 428
        r = await editor.delete(f"{API}/files/{body['id']}", headers={"If-Match": '"7"'})
        assert r.status_code == 412
        r = await editor.delete(f"{API}/files/{body['id']}", headers={"If-Match": '"1"'})
        assert r.status_code == 204
        assert await stored(app) == (0, 0)
        assert (await client.get(f"{API}/files/{body['id']}")).status_code == 404

    async def test_delete_is_refused_while_a_document_uses_the_file(self, app, client):
        programme = await make_programme(client)
        body = await make_file(client, programme)
        document = await make_document(client, programme, file_id=body["id"])
        r = await client.delete(f"{API}/files/{body['id']}")
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "file_in_use"
        assert await stored(app) == (1, 1)
        await client.patch(f"{API}/documents/{document['id']}", json={"file_id": None})
        assert (await client.delete(f"{API}/files/{body['id']}")).status_code == 204

    async def test_a_member_deletes_only_their_own_uploads(self, client, accounts):
        programme = await make_programme(client)
        theirs = await make_file(client, programme)
        member = await accounts.role(programme, "member")
        mine = await make_file(member, programme)
        assert (await member.delete(f"{API}/files/{theirs['id']}")).status_code == 403
        assert (await member.delete(f"{API}/files/{mine['id']}")).status_code == 204

    async def test_the_list_costs_the_same_for_any_page_size(self, app, client):
        from sqlalchemy import event

        programme = await make_programme(client)
        for i in range(6):
            body = await make_file(client, programme, f"fil{i}.pdf")
            if i % 2:
                await make_document(
                    client,
                    programme,
                    file_id=body["id"],
                    public_access="exempt",
                    exemption_basis="offl. § 14",
                )
        counts = set()
        engine = app.state.engine.sync_engine
        for limit in (1, 3, 50):
            statements: list[str] = []

            def count(_conn, _cursor, statement, *_args, into=statements):
                into.append(statement)

            event.listen(engine, "before_cursor_execute", count)
            try:
                r = await client.get(
                    f"{API}/files", params={"programme_id": programme["id"], "limit": limit}
                )
                assert r.status_code == 200
            finally:
                event.remove(engine, "before_cursor_execute", count)
            counts.add(len(statements))
        assert len(counts) == 1, counts

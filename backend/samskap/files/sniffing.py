"""Telling a file's type from its content, not from its name.

The accepted types are few (PDF, PNG, JPEG, the three Office Open XML formats and UTF-8
text), so the check is written here rather than taken from a sniffing library: the magic
bytes of PDF, PNG and JPEG are fixed, an Office file is a ZIP whose directory tells which
application made it (`word/`, `xl/`, `ppt/` beside `[Content_Types].xml`), which the general
libraries guess from the first kilobytes only, and plain text is a question of valid UTF-8
without control bytes, which they do not answer at all.
"""

import codecs
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
TEXT = "text/plain"

# The extensions a name may have for each type.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: ("pdf",),
    PNG: ("png",),
    JPEG: ("jpg", "jpeg"),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    PPTX: ("pptx",),
    TEXT: ("txt", "csv", "md"),
}
# Media types of text files by extension; served with their charset.
TEXT_TYPES = {"txt": "text/plain", "csv": "text/csv", "md": "text/markdown"}
_OFFICE = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))
# Tab, line feed, form feed and carriage return are text; other C0 controls and DEL are not.
_ALLOWED_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}
_CONTROLS = bytes(b for b in [*range(0x20), 0x7F] if b not in _ALLOWED_CONTROLS)


@dataclass
class Sniffer:
    """Fed the content chunk by chunk; remembers the first bytes and whether it is text."""

    head: bytes = b""
    text: bool = True
    _decoder: codecs.IncrementalDecoder = field(
        default_factory=lambda: codecs.getincrementaldecoder("utf-8")()
    )

    def feed(self, chunk: bytes) -> None:
        if len(self.head) < 16:
            self.head = (self.head + chunk)[:16]
        if not self.text:
            return
        if chunk.translate(None, _CONTROLS) != chunk:
            self.text = False
            return
        try:
            self._decoder.decode(chunk)
        except UnicodeDecodeError:
            self.text = False

    def finish(self, content: BinaryIO) -> str | None:
        """The media type of the whole content (`content` is read again for a ZIP), or None."""
        head = self.head
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _office(content)
        if self.text and head:
            try:
                self._decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                return None
            return TEXT
        return None


def _office(content: BinaryIO) -> str | None:
    content.seek(0)
    try:
        with zipfile.ZipFile(content) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, media_type in _OFFICE:
        if any(name.startswith(prefix) for name in names):
            return media_type
    return None


def extension_of(filename: str) -> str:
    _, dot, extension = filename.rpartition(".")
    return extension.lower() if dot else ""


def served_type(media_type: str, filename: str) -> str:
    """The Content-Type to store and serve: text files by their extension, with charset."""
    if media_type == TEXT:
        return f"{TEXT_TYPES.get(extension_of(filename), TEXT)}; charset=utf-8"
    return media_type

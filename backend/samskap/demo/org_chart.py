"""A small organisation chart drawn as a one-page PDF, for the demo's workbook attachments.

The PDF is written by hand (PDF 1.4, the standard Helvetica fonts with WinAnsi encoding, one
compressed content stream), so that the demo needs no drawing library and every chart is a
real document a PDF reader opens. Nothing in it depends on the time it is made: the same
chart gives the same bytes.
"""

import textwrap
import zlib
from collections.abc import Sequence

WIDTH, HEIGHT = 842, 595  # A4 landscape, in points
MARGIN = 40
GAP = 12
LINE = 11  # line height of the 9-point text in the boxes
# A rough width of one Helvetica character at 9 points, wide enough for capitals.
CHAR = 0.55 * 9

Unit = tuple[str, Sequence[str]]


def _text(value: str) -> bytes:
    """A PDF string in WinAnsi encoding (Norwegian letters included), escaped."""
    raw = value.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


class _Page:
    def __init__(self) -> None:
        self.ops: list[bytes] = [b"0.6 w", b"0.15 0.25 0.45 RG"]

    def text(self, x: float, y: float, value: str, size: float = 9, bold: bool = False) -> None:
        font = b"/F2" if bold else b"/F1"
        self.ops.append(b"BT %s %.1f Tf %.1f %.1f Td %s Tj ET" % (font, size, x, y, _text(value)))

    def box(self, x: float, top: float, width: float, lines: list[str], bold_first: bool) -> float:
        """A box with its top-left corner at (x, top) holding the lines; returns its bottom."""
        height = 8 + LINE * len(lines)
        bottom = top - height
        self.ops.append(b"0.93 0.95 0.98 rg %.1f %.1f %.1f %.1f re B" % (x, bottom, width, height))
        self.ops.append(b"0 0 0 rg")
        for n, line in enumerate(lines):
            self.text(x + 5, top - 4 - LINE * (n + 1) + 2, line, bold=bold_first and n == 0)
        return bottom

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x1, y1, x2, y2))


def _wrap(value: str, width: float) -> list[str]:
    return textwrap.wrap(value, max(8, int((width - 10) / CHAR))) or [""]


def org_chart_pdf(
    title: str, subtitle: str, head: tuple[str, str], units: Sequence[Unit], footer: str
) -> bytes:
    """A chart: the head (title and name) above the units, each with its sub-units below it."""
    page = _Page()
    page.text(MARGIN, HEIGHT - MARGIN - 14, title, size=16, bold=True)
    page.text(MARGIN, HEIGHT - MARGIN - 32, subtitle, size=10)

    head_width = 240
    head_x = (WIDTH - head_width) / 2
    head_top = HEIGHT - MARGIN - 60
    head_bottom = page.box(head_x, head_top, head_width, [*head], bold_first=True)

    count = max(1, len(units))
    width = (WIDTH - 2 * MARGIN - (count - 1) * GAP) / count
    tier = head_bottom - 40
    wrapped = [_wrap(name, width) for name, _ in units]
    centres = [MARGIN + n * (width + GAP) + width / 2 for n in range(count)]
    rail = (head_bottom + tier) / 2
    page.line(WIDTH / 2, head_bottom, WIDTH / 2, rail)
    if units:
        page.line(centres[0], rail, centres[-1], rail)
    for n, ((_, subunits), lines) in enumerate(zip(units, wrapped, strict=True)):
        x = MARGIN + n * (width + GAP)
        page.line(centres[n], rail, centres[n], tier)
        bottom = page.box(x, tier, width, lines, bold_first=False)
        stem = x + 6
        top = bottom - 10
        last_middle = None
        for subunit in subunits:
            sub_lines = _wrap(subunit, width - 14)
            sub_bottom = page.box(x + 14, top, width - 14, sub_lines, bold_first=False)
            last_middle = (top + sub_bottom) / 2
            page.line(stem, last_middle, x + 14, last_middle)
            top = sub_bottom - 8
        if last_middle is not None:
            page.line(stem, bottom, stem, last_middle)
    page.text(MARGIN, MARGIN - 14, footer, size=8)

    stream = zlib.compress(b"\n".join(page.ops), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>" % (WIDTH, HEIGHT),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _text(title) + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe6\xf8\xe5\xc6\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)

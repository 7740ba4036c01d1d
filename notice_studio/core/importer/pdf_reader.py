"""A PDF -> blocks, with PDFium (pypdfium2): lines from the text layer, with their font size and weight.

Chosen on measurement: pypdf (already needed for export) took about a minute for a 20,000-word
notice on these machines; PDFium reads it in well under a second. Lines are grouped into
paragraphs by the extra space between them and by changes of font, and then read like copied text (page numbers and running headers left out, hyphenation joined).
A scanned PDF has no text layer: it is refused in one sentence.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from typing import Any

from notice_studio.core.importer.blocks import ImportProblem, SourceDocument, one_line
from notice_studio.core.importer.plain_text import TextLine, read_lines

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold")


def read_pdf(data: bytes, name: str) -> SourceDocument:
    """Read a PDF's text layer; refuse damaged, locked and scanned (image-only) files."""
    try:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
    except Exception as exc:  # noqa: BLE001 - PDFium reports every failure as one error type
        if "password" in str(exc).lower():
            raise ImportProblem(
                f"{name} is password-protected; save an unprotected copy of it and import that."
            ) from None
        raise ImportProblem(
            f"{name} is not a readable PDF (it may be damaged); open it and save or print it as a new PDF."
        ) from None
    try:
        lines: list[TextLine] = []
        for number in range(len(document)):
            lines += _page_lines(document[number], number + 1)
        title = one_line(str(document.get_metadata_dict().get("Title", "") or ""))
    finally:
        document.close()
    if not any(line.text.strip() for line in lines):
        raise ImportProblem(
            f"{name} has no text in it, only images (a scanned document); run it through text recognition "
            "(OCR) or import the original Word file instead."
        )
    return read_lines(lines, name, "pdf", "pdf", title if len(title.split()) > 1 else "", by_gaps=True)


@dataclass
class _Row:
    bottom: float
    height: float
    size: float
    bold: bool
    text: str = ""
    right: float = 0.0


def _page_lines(page: Any, number: int) -> list[TextLine]:
    """The page's characters grouped into lines by their position, with the font of each line."""
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    rows: list[_Row] = []
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    for i, ch in enumerate(text[:count]):
        if ch in "\r\n":
            continue
        if ch.isspace():
            if rows and not rows[-1].text.endswith((" ", "\t")):
                rows[-1].text += " "
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        height = max(top - bottom, 1.0)
        row = rows[-1] if rows else None
        # A new line when the character's middle is outside the line's height (raised quotes are inside).
        middle = (top + bottom) / 2
        if row is None or not row.bottom - row.height * 0.3 <= middle <= row.bottom + row.height * 1.1:
            size = float(raw.FPDFText_GetFontSize(textpage.raw, i))
            raw.FPDFText_GetFontInfo(textpage.raw, i, name, len(name), ctypes.byref(flags))
            font = name.value.decode("latin-1", errors="ignore").lower()
            row = _Row(bottom, height, round(size, 1), any(b in font for b in _BOLD_NAMES))
            rows.append(row)
        elif row.text and not row.text.endswith(("\t", " ")) and left - row.right > row.height * 1.5:
            row.text += "\t"  # a separate column: a table cell
        elif row.text.endswith(" ") and left - row.right > row.height * 2.5:
            row.text = row.text[:-1] + "\t"
        row.text += ch
        row.right = right
    textpage.close()
    steps = [abs(a.bottom - b.bottom) for a, b in itertools.pairwise(rows)]
    usual = statistics.median(steps) if steps else 0.0
    lines: list[TextLine] = []
    for n, row in enumerate(rows):
        gap = n == 0 or (usual > 0 and steps[n - 1] > usual * 1.3)
        shown = row.text.rstrip().translate(_LIGATURES)
        if shown:
            lines.append(TextLine(number, shown, gap, row.size, row.bold))
    return lines

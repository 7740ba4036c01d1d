"""A PDF -> blocks, with pypdf: lines from the text layer, with their font size and weight.

pypdf is already needed for PDF export, and reads a 20,000-word notice in about a second;
lines are grouped into paragraphs by the extra space between them and by changes of font, and
then read like copied text (page numbers and running headers left out, hyphenation joined).
A scanned PDF has no text layer: it is refused in one sentence.
"""

from __future__ import annotations

import io
import itertools
import math
import statistics
from dataclasses import dataclass

from notice_studio.core.importer.blocks import ImportProblem, SourceDocument, one_line
from notice_studio.core.importer.plain_text import TextLine, read_lines

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold")


@dataclass
class _Chunk:
    x: float
    y: float
    text: str
    size: float
    bold: bool


def read_pdf(data: bytes, name: str) -> SourceDocument:
    """Read a PDF's text layer; refuse damaged, locked and scanned (image-only) files."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportProblem(f"{name} is password-protected; save an unprotected copy of it and import that.")
        pages = [_page_chunks(page) for page in reader.pages]
        metadata = reader.metadata
        title = one_line(str(metadata.get("/Title", "") or "")) if metadata else ""
    except ImportProblem:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error for a damaged file
        raise ImportProblem(
            f"{name} is not a readable PDF (it may be damaged); open it and save or print it as a new PDF."
        ) from None
    if not any(chunk.text.strip() for page in pages for chunk in page):
        raise ImportProblem(
            f"{name} has no text in it, only images (a scanned document); run it through text recognition "
            "(OCR) or import the original Word file instead."
        )
    lines: list[TextLine] = []
    for number, chunks in enumerate(pages, start=1):
        lines += _lines(chunks, number)
    return read_lines(lines, name, "pdf", "pdf", title if len(title.split()) > 1 else "", by_gaps=True)


def _page_chunks(page: object) -> list[_Chunk]:
    chunks: list[_Chunk] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict[str, object] | None, font_size: float) -> None:
        if not text or not text.strip("\n"):
            return
        scale_y = math.hypot(cm[2], cm[3]) or 1.0
        size = font_size * (math.hypot(tm[2], tm[3]) or 1.0) * scale_y
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        base = str((font or {}).get("/BaseFont", "")).lower()
        for n, part in enumerate(text.replace("\t", " ").split("\n")):
            if part.strip():
                chunks.append(_Chunk(x, y - n * size * 1.2, part, round(size, 1), any(b in base for b in _BOLD_NAMES)))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return chunks


def _lines(chunks: list[_Chunk], page: int) -> list[TextLine]:
    """Chunks on the same baseline joined into lines; extra space above a line marks a new paragraph."""
    rows: list[list[_Chunk]] = []
    for chunk in chunks:
        if rows and abs(rows[-1][0].y - chunk.y) <= max(chunk.size, 1.0) * 0.3:
            rows[-1].append(chunk)
        else:
            rows.append([chunk])
    steps = [abs(a[0].y - b[0].y) for a, b in itertools.pairwise(rows)]
    usual = statistics.median(steps) if steps else 0.0
    lines: list[TextLine] = []
    for n, row in enumerate(rows):
        text = row[0].text
        for before, chunk in itertools.pairwise(row):
            end = before.x + len(before.text) * before.size * 0.5
            space = chunk.x - end
            if space > before.size * 1.5:
                text = text.rstrip() + "\t" + chunk.text.lstrip()  # a separate column: a table cell
            elif (
                space > before.size * 0.15
                and not text.endswith(" ")
                and not chunk.text.startswith(" ")
                and not (text[-1:].isalpha() and chunk.text[:1].islower() and space < before.size * 0.6)
            ):
                text += " " + chunk.text
            else:
                text += chunk.text
        main = max(row, key=lambda c: len(c.text))
        gap = n == 0 or (usual > 0 and steps[n - 1] > usual * 1.3)
        text = " ".join(text.split(" ")).rstrip().translate(_LIGATURES)
        lines.append(TextLine(page, text, gap, main.size, main.bold))
    return lines

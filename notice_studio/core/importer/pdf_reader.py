"""A PDF -> blocks, with PDFium (pypdfium2): lines from the text layer, with their font size and weight.

Chosen on measurement: pypdf (already needed for export) took about a minute for a 20,000-word
notice on these machines; PDFium reads it in well under a second. Lines are grouped into
paragraphs by the extra space between them and by changes of font, and then read like copied text (page numbers and running headers left out, hyphenation joined).
A scanned PDF has no text layer: it is refused in one sentence.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from notice_studio.core.importer.blocks import ImportProblem, SourceDocument, one_line
from notice_studio.core.importer.plain_text import BULLET_RE, TextLine, fills_line, read_lines

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold")
_LINE = re.compile(r"\S(?:[^\r\n]*\S)?")  # PDFium ends each line it finds with \r\n
_SPACES = re.compile(r"[ \t\xa0]+")
_MARKS = "•·▪◦●○■□➢►✓"
_CONTROLS = dict.fromkeys([*range(9), *range(10, 32), 0xFFFE, 0xFFFF])  # keeps the tab


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
    left: float
    first: int
    text: str = ""
    right: float = 0.0
    last: int = 0


def _finish(row: _Row, pieces: list[str], right: float, last: int) -> _Row:
    """The row with its text and where it ends."""
    row.text = "".join(pieces).translate(_CONTROLS)
    row.right, row.last = right, last
    return row


def _page_lines(page: Any, number: int) -> list[TextLine]:
    """The page's lines as PDFium breaks them, with their position and the font they start in.

    Positions are asked for only where they matter - a line's first and last character and the
    two sides of each space (a wide one is a column gap: a table cell) - not for every character.
    """
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    handle = textpage.raw
    count = textpage.count_chars()
    text = ""
    if count:
        buffer = (ctypes.c_ushort * (count + 1))()
        got = raw.FPDFText_GetText(handle, 0, count, buffer)
        text = bytes(buffer)[: 2 * max(got - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) != count:
        # Characters outside the basic plane take two places in UTF-16: go one character at a time.
        text = "".join(map(chr, map(raw.FPDFText_GetUnicode, itertools.repeat(handle, count), range(count))))
    rect = raw.FS_RECTF()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()

    def box(i: int) -> tuple[float, float, float, float]:
        """left, right, bottom, top of the character's box at its font's full height."""
        raw.FPDFText_GetLooseCharBox(handle, i, rect)
        return rect.left, rect.right, rect.bottom, rect.top

    def is_bold(i: int) -> bool:
        raw.FPDFText_GetFontInfo(handle, i, name, len(name), ctypes.byref(flags))
        font = name.value.decode("latin-1", errors="ignore").lower()
        return any(b in font for b in _BOLD_NAMES)

    def start_row(i: int) -> _Row:
        left, _, bottom, top = box(i)
        height = max(top - bottom, 1.0)
        size = round(height * 2) / 2  # the font size as the line's height: PDFs scale fonts in many ways
        return _Row(bottom, height, size, is_bold(i), left, i)

    def rescan(row: _Row) -> list[_Row]:
        """The row again, character by character: split where the baseline moves, a tab at a column gap."""
        out: list[_Row] = []
        current = row
        chars: list[str] = []
        right, space = 0.0, False
        for i in range(row.first, row.last + 1):
            ch = text[i]
            if ch.isspace():
                space = True
                continue
            left, char_right, bottom, _ = box(i)
            if chars and abs(bottom - current.bottom) > current.height * 0.5:
                out.append(_finish(current, chars, right, i - 1))
                current, chars = start_row(i), []
            elif chars and left - right > current.size:
                chars.append("\t")
            elif chars and space:
                chars.append(" ")
            chars.append(ch)
            right, space = char_right, False
        out.append(_finish(current, chars, right, row.last))
        if row.text.startswith("• "):
            out[0].text = "• " + out[0].text
        return out

    rows: list[_Row] = []
    marker = False  # a list marker waiting for the line it stands before
    for match in _LINE.finditer(text):
        first, last = match.start(), match.end() - 1
        if first == last and text[first] in _MARKS:
            marker = True  # PDFium put the marker on a line of its own
            continue
        row = start_row(first)
        pieces: list[str] = ["• "] if marker else []
        marker = False
        at = first
        for space in _SPACES.finditer(text, first, last + 1):
            a, b = space.start(), space.end()
            pieces.append(text[at:a])
            _, before_right, before_bottom, _ = box(a - 1)
            after_left, _, after_bottom, _ = box(b)
            at = b
            if abs(after_bottom - before_bottom) > row.height * 0.5:
                # PDFium ran two lines together: a new line starts after this space
                if b == last and text[b] in _MARKS:
                    marker = True  # the next line's list marker, drawn after this line
                    last = a - 1
                    break
                rows.append(_finish(row, pieces, before_right, a - 1))
                row, pieces = start_row(b), []
            else:
                pieces.append("\t" if after_left - before_right > row.size else " ")
        else:
            pieces.append(text[at : last + 1])
        _, right, bottom, _ = box(last)
        row = _finish(row, pieces, right, last)
        # Ends off its baseline (lines run together with no space between) or much wider than its
        # characters need (table cells set apart with no space): read it again character by character.
        if abs(bottom - row.bottom) > row.height * 0.5 or (row.right - row.left) > len(row.text) * row.size * 0.75:
            rows += rescan(row)
        else:
            rows.append(row)
        if (
            len(rows) > 1
            and abs(rows[-2].bottom - rows[-1].bottom) < min(rows[-2].height, rows[-1].height) * 0.5
            and rows[-1].left > rows[-2].right
        ):
            # PDFium broke a line of table cells: the same baseline, further right
            cell = rows.pop()
            rows[-1].text += "\t" + cell.text
            rows[-1].right, rows[-1].last = cell.right, cell.last
    # A line is bold when it starts and ends bold (a bold lead-in does not make its paragraph a heading).
    for row in rows:
        row.bold = row.bold and is_bold(row.last)
    textpage.close()
    # Extra space between lines ends a paragraph; what is usual depends on the font size.
    steps: dict[float, list[float]] = {}
    for above, below in itertools.pairwise(rows):
        if above.size == below.size:
            steps.setdefault(below.size, []).append(abs(above.bottom - below.bottom))
    usual_all = statistics.median([x for v in steps.values() for x in v]) if steps else 0.0
    sizes = [r.size for r in rows]
    body = statistics.median(sizes) if sizes else 0.0
    lines: list[TextLine] = []
    for n, row in enumerate(rows):
        usual = statistics.median(steps[row.size]) if len(steps.get(row.size, ())) >= 2 else 0.0
        if not usual and body:
            usual = usual_all * row.size / body
        gap = n == 0 or (usual > 0 and abs(rows[n - 1].bottom - row.bottom) > usual * 1.3)
        shown = row.text.rstrip().translate(_LIGATURES)
        if shown:
            lines.append(TextLine(number, shown, gap, row.size, row.bold, row.left, row.right))
    _mark_indented_items(lines)
    return lines


def _mark_indented_items(lines: list[TextLine]) -> None:
    """Lines set in from the text's left edge are list items whose markers were drawn, not written."""
    if len(lines) < 3:
        return
    edge = Counter(round(line.left) for line in lines).most_common(1)[0][0]
    rights = sorted(line.right for line in lines)
    margin = rights[int(len(rights) * 0.95)]
    before: TextLine | None = None
    for line in lines:
        indented = (
            edge + line.size * 1.5 < line.left < (edge + margin) / 2  # set in, but not a centred or right-hand line
            and "\t" not in line.text
            and not line.bold
        )
        if indented and not BULLET_RE.match(line.text):
            carried = (
                before is not None
                and abs(before.left - line.left) < line.size * 0.5
                and not line.gap
                and fills_line(before, line.text, margin)
            )
            if not carried:
                line.text = "• " + line.text
        before = line if indented else None

"""A PDF -> blocks, with PDFium (pypdfium2): lines from the text layer, with their font size and weight.

Chosen on measurement: pypdf (already needed for export) took about a minute for a 20,000-word
notice on these machines; PDFium reads it in well under a second. Lines are grouped into
paragraphs by the extra space between them and by changes of font, and then read like copied text (page numbers and running headers left out, hyphenation joined).
Tables are found by where words start: a column's lines start at the same x, line after line, with
white before it that no line runs across; each line is read against those column edges, and a line
with nothing in the first column carries on the row above (a cell wrapped over several lines);
where lines are drawn between a table's rows (its borders), its rows are where those lines are.
A scanned PDF has no text layer: it is refused in one sentence.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from notice_studio.core.importer.blocks import ImportProblem, SourceDocument, one_line
from notice_studio.core.importer.english import is_english_word, two_words
from notice_studio.core.importer.headings import split_number
from notice_studio.core.importer.plain_text import (
    BROKEN_AT_END,
    BULLET_RE,
    PAGE_NUMBER,
    TextLine,
    fills_line,
    read_lines,
    rejoin_cell,
)

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold")
_LINE = re.compile(r"\S(?:[^\r\n]*\S)?")  # PDFium ends each line it finds with \r\n
_SPACES = re.compile(r"[ \t\xa0]+")
_MARKS = "•·▪◦●○■□➢►✓"
_SYMBOL_MARKS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓"})
"""List markers a word processor draws in the Symbol or Wingdings font, which PDFium gives as the font's
own private codes (LibreOffice's and Word's default bullet is U+F0B7): the marks they stand for, one
character for one, so that a list reads as a list and not as a table of markers beside their items.
Only codes that are no letter in either font (Symbol's letters are Greek ones)."""
_BULLET_MARK = re.compile(r"[•·▪◦●○■□➢►✓–—*+o-]")
"""A bullet standing alone before its item's text (Word's second level is an 'o')."""
_CONTROLS: dict[int, str | None] = {
    **dict.fromkeys([*range(9), *range(10, 32), 0xFFFF]),  # keeps the tab
    0xFFFE: "-",  # PDFium's mark for a hyphen at a line's end: the hyphen drawn there ('De-' + 'identified')
}


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
        ending = _PageEnd()  # how the page before ended: a table, or a line that may be a table's header
        for number in range(len(document)):
            page_lines, ending = _page_lines(document[number], number + 1, ending)
            lines += page_lines
        title = one_line(str(document.get_metadata_dict().get("Title", "") or ""))
    finally:
        document.close()
    if not any(line.text.strip() for line in lines):
        raise ImportProblem(
            f"{name} has no text in it, only images (a scanned document); run it through text recognition "
            "(OCR) or import the original Word file instead."
        )
    lines = [line for line in lines if line.text]  # a table's lines read again as one row leave the rest empty
    return read_lines(lines, name, "pdf", "pdf", title if len(title.split()) > 1 else "", by_gaps=True)


@dataclass
class _Word:
    """Characters between two spaces: where they start and end on the line, and which they are."""

    left: float
    right: float
    first: int
    last: int
    run_in: bool = False
    """Set against the word before it with no space between (two table cells run together)."""


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
    words: list[_Word] = field(default_factory=list)
    parts: list[_Row] = field(default_factory=list)
    """The lines it was put together from, when lines drawn one after another stand side by side."""


def _finish(row: _Row, pieces: list[str], right: float, last: int) -> _Row:
    """The row with its text and where it ends."""
    row.text = "".join(pieces).translate(_CONTROLS)
    row.right, row.last = right, last
    return row


@dataclass
class _LastLine:
    """The last line of a page, not in a table: the header of a table that starts the next page, maybe."""

    line: TextLine
    size: float
    words: list[tuple[float, float, str]]
    """Where each word starts and ends, and its text."""


@dataclass
class _PageEnd:
    """How a page ends: with a table (whose last row the next page may carry on), or with a line of text."""

    table: _Table | None = None
    last: _LastLine | None = None
    rows: list[list[str]] = field(default_factory=list)
    """The text of the cells of the table's rows read so far (on this page and those before it)."""
    row_line: TextLine | None = None
    """The line of its last row."""
    lines: list[TextLine] = field(default_factory=list)
    """The lines of its rows on this page."""
    top: float = 0.0
    """How high the text starts on a page: the top of the highest first line of the pages read so far."""


def _page_lines(page: Any, number: int, ending: _PageEnd | None = None) -> tuple[list[TextLine], _PageEnd]:
    """The page's lines as PDFium breaks them, with their position and the font they start in; and how
    the page ends (`ending`: how the page before did: a table whose last row the first lines of this
    page may carry on, or a line that may be the header of a table that starts this page).

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
    text = text.translate(_SYMBOL_MARKS)
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

    matrix = raw.FS_MATRIX()

    def font_size(i: int, height: float) -> float:
        """The character's font size as set on the page: its font's size times the scale the PDF
        draws it at (a generator may set 1 pt text scaled up, or 150 pt scaled down). Failing
        that, its box's height, which differs from glyph to glyph by a fraction of a point."""
        size = float(raw.FPDFText_GetFontSize(handle, i))
        if size > 0 and raw.FPDFText_GetMatrix(handle, i, matrix):
            scaled = size * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            if 2 <= scaled <= 200:
                return round(scaled * 2) / 2
        return round(height * 2) / 2

    def start_row(i: int) -> _Row:
        left, _, bottom, top = box(i)
        height = max(top - bottom, 1.0)
        return _Row(bottom, height, font_size(i, height), is_bold(i), left, i)

    def rescan(row: _Row) -> list[_Row]:
        """The row again, character by character: split where the baseline moves, a tab at a column gap."""
        out: list[_Row] = []
        current = row
        current.words = []
        chars: list[str] = []
        right, space, last = 0.0, False, row.first
        word: _Word | None = None
        for i in range(row.first, row.last + 1):
            ch = text[i]
            if ch.isspace():
                space = True
                continue
            left, char_right, bottom, _ = box(i)
            if chars and abs(bottom - current.bottom) > current.height * 0.5:
                out.append(_finish(current, chars, right, last))
                current, chars = start_row(i), []
            elif chars and left - right > current.size:
                chars.append("\t")
            elif chars and space:
                chars.append(" ")
            if not chars or space or left - right > current.size:
                word = _Word(left, char_right, i, i)
                current.words.append(word)
            elif word is not None:
                word.right, word.last = char_right, i
            chars.append(ch)
            right, space, last = char_right, False, i
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
        # Not before the page's number (its item starts the next page): a number with a marker is text.
        pieces: list[str] = ["• "] if marker and not PAGE_NUMBER.match(text[first : last + 1]) else []
        marker = marker and not pieces
        at, word_left = first, row.left
        for space in _SPACES.finditer(text, first, last + 1):
            a, b = space.start(), space.end()
            pieces.append(text[at:a])
            _, before_right, before_bottom, _ = box(a - 1)
            after_left, _, after_bottom, _ = box(b)
            row.words.append(_Word(word_left, before_right, at, a - 1))
            at, word_left = b, after_left
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
        if at <= last:
            row.words.append(_Word(word_left, right, at, last))
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
            rows[-1].words += cell.words
    height = page.get_height()
    rows = [row for row in rows if row.bottom < height and row.bottom + row.height > 0]  # not clipped away
    # A line is bold when it starts and ends bold (a bold lead-in does not make its paragraph a heading).
    for row in rows:
        row.bold = row.bold and is_bold(row.last)
    letters: dict[int, list[tuple[float, float]]] = {}

    def split(word: _Word, x: float) -> int | None:
        """The character of `word` starting at x with white before it (cells run together), if any."""
        sides = letters.get(word.first)
        if sides is None:
            sides = letters[word.first] = [box(i)[:2] for i in range(word.first, word.last + 1)]
        for k in range(1, len(sides)):
            if abs(sides[k][0] - x) <= _ALIGN and sides[k][0] - sides[k - 1][1] >= _RUN_IN_GAP:
                return word.first + k
        return None

    ordered = _beside(rows)
    tables: dict[int, _Table] = {}  # the table each line of a table is part of, by the line's id
    ending = ending or _PageEnd()
    # How high the text starts on a page: the highest first line of the pages so far (this one among them).
    top = max([ending.top] + [row.bottom + row.height for row in ordered[:1]])
    page_tables = _find_tables(ordered, split, text, ending.table, top)
    if ending.last is not None and ending.table is None and not (page_tables and page_tables[0].start == 0):
        # One row at the top of the page is too little to tell a table by, but not under its header.
        lone = _under_header(ordered, ending.last, split, text)
        if lone is not None and (not page_tables or page_tables[0].start >= lone.end):
            page_tables.insert(0, lone)
    if ending.last is not None and page_tables and page_tables[0].start == 0 and ending.table is None:
        header = _header_above(ending.last, page_tables[0], ordered[0].size)
        if header is not None:
            ending.last.line.text, ending.last.line.bold = header, False
            ending.last.line.new_table = True
            # read on as a table from that line: its first row here may be the rest of that line's row
            ending.rows, ending.row_line = [header.split("\t")], ending.last.line
            page_tables[0].carried_on = True
    rules = _rules(page) if page_tables else []
    for found in page_tables:
        _rows_by_rules(found, ordered, rules, split, text)
        for line in ordered[found.start : found.end]:
            tables.update((id(part), found) for part in line.parts or [line])
    final = page_tables[-1] if page_tables else None
    ends_page = final is not None and all(PAGE_NUMBER.match(row.text) for row in ordered[final.end :])
    texts = [n for n, row in enumerate(ordered) if not PAGE_NUMBER.match(row.text)]
    last_row = ordered[texts[-1]] if texts and not ends_page else None
    if last_row is not None and (last_row.parts or id(last_row) in tables or len(last_row.words) < 2):
        last_row = None  # in a table, or not one line as PDFium gave it
    last_words = [
        (w.left, w.right, text[w.first : w.last + 1].translate(_CONTROLS).translate(_LIGATURES))
        for w in (last_row.words if last_row is not None else [])
    ]
    textpage.close()
    # Extra space between lines ends a paragraph; what is usual depends on the font size.
    steps: dict[float, list[float]] = {}
    for above, below in itertools.pairwise(rows):
        if above.size == below.size:
            steps.setdefault(below.size, []).append(abs(above.bottom - below.bottom))
    usual_all = statistics.median([x for v in steps.values() for x in v]) if steps else 0.0
    sizes = [r.size for r in rows]
    body = statistics.median(sizes) if sizes else 0.0
    vocabulary = _page_words(rows, text) if tables else None
    lines: list[TextLine] = []
    last_line: _LastLine | None = None
    final_rows: list[list[str]] = []  # the cells of the table that ends the page, and its last row's line
    final_line: TextLine | None = None
    final_lines: list[TextLine] = []
    done: set[int] = set()  # tables already read, by id
    second_words: dict[int, float] = {}  # where each line's second word starts, by the line's id
    for n, row in enumerate(rows):
        table = tables.get(id(row))
        if table is not None and id(table) in done:
            continue  # a line of a table already read
        usual = statistics.median(steps[row.size]) if len(steps.get(row.size, ())) >= 2 else 0.0
        if not usual and body:
            usual = usual_all * row.size / body
        gap = n == 0 or (usual > 0 and abs(rows[n - 1].bottom - row.bottom) > usual * 1.3)
        if table is not None:
            done.add(id(table))
            limits = _column_limits(table, row.size)
            read: list[list[str]] = list(ending.rows) if table.carried_on else []
            row_line = ending.row_line if table.carried_on else None
            if table.carried_on and _one_row_at_foot(ending, table, row.size):
                # its rows at the foot of the page before are the lines of one row, as close as a cell's here
                for extra in ending.lines[1:]:
                    extra.text = ""  # left out (read_pdf)
                read = [functools.reduce(_rejoin_row, read)]
                row_line = ending.lines[0]
                row_line.text = "\t".join(read[0])
            row_lines: list[TextLine] = []
            starts = not table.carried_on  # its first row says so: the text's reader stops the table above
            for k, cells in enumerate(table.rows):
                cell_texts = [
                    _cell_text(words, text, limit, row.size, vocabulary)
                    for words, limit in zip(cells, limits, strict=True)
                ]
                if k == 0 and row_line is not None and read and _goes_on(cell_texts, read, table, text):
                    # the rest of the last row of the page before: put it there
                    read[-1] = _rejoin_row(read[-1], cell_texts)
                    row_line.text = "\t".join(read[-1])
                    continue
                row_line = TextLine(number, "\t".join(cell_texts), gap, row.size, False, table.left, table.right)
                # A row the same as the table's first (its header), not where a page repeats it: a table under it.
                repeated = not (k == 0 and table.carried_on) and _same_header(cell_texts, read)
                row_line.new_table, starts = starts or repeated, False
                lines.append(row_line)
                row_lines.append(row_line)
                read.append(cell_texts)
                gap = False
            if table is final:
                final_rows, final_line, final_lines = read, row_line, row_lines
                table.marked = bool(read and read[-1] and read[-1][0].endswith(tuple(_MARKS)))
            continue
        shown = row.text.rstrip().translate(_LIGATURES)
        mark, tab, rest = shown.partition("\t")
        if tab and _BULLET_MARK.fullmatch(mark):
            shown = mark + " " + rest  # a list item whose bullet stands apart from its text: no table cell
        if shown:
            lines.append(TextLine(number, shown, gap, row.size, row.bold, row.left, row.right))
            if len(row.words) > 1:
                second_words[id(lines[-1])] = row.words[1].left
            if row is last_row:
                last_line = _LastLine(lines[-1], row.size, last_words)
    _mark_indented_items(lines, second_words)
    if final is None or not ends_page:
        return lines, _PageEnd(None, last_line, top=top)
    return lines, _PageEnd(final, last_line, final_rows, final_line, final_lines, top)


def _rejoin_row(above: list[str], below: list[str]) -> list[str]:
    """The cells of a row whose lines were read as two rows, `above` and `below`, joined again."""
    return [rejoin_cell(a, b) for a, b in itertools.zip_longest(above, below, fillvalue="")]


def _one_row_at_foot(ending: _PageEnd, table: _Table, size: float) -> bool:
    """True when the rows of the table that ended the page before (`ending`), which started on that page
    at its foot, are the lines of one row: all as close as one cell's lines in `table`, the rest of it on
    this page, with its rows set further apart. The page before could not tell (no table above it there
    to learn from); this one can."""
    before = ending.table
    return (
        before is not None
        and not before.carried_on
        and not before.line_step
        and len(ending.lines) > 1
        and table.line_step > 0
        and before.widest <= table.line_step + 0.1 * size
    )


def _same_header(cells: list[str], rows: list[list[str]]) -> bool:
    """True when `cells`, a row of a table, are those of its first row (`rows`: those read so far), two of
    them filled at least: the header of another table with the same columns, stacked under it."""
    return bool(rows) and cells == rows[0] and sum(1 for cell in cells if cell) >= 2


def _goes_on(first: list[str], rows: list[list[str]], table: _Table, text: str) -> bool:
    """True when `first`, the cells of the first row of `table` at the top of a page, are the rest of the
    last of `rows`, the table's rows on the pages before: nothing in its first column, or a cell starting
    in lower case in a column whose cells start in capitals (four in five of them, and at least two;
    the table's rows before the break, its header among them, tell which), or two cells or more, all
    those it has, starting in lower case under cells of the row above starting in capitals; or a cell
    under one of the row above that ends in a list marker (its item goes on here); or when its lines said
    so (`table.goes_on`). Not when a row follows it
    on the page that starts with nothing in its first column or a cell in lower case: the text's reader
    takes the first row of a page like that for the rest of the row above it, and would take that one."""
    if len(table.rows) > 1:
        below = [_cell_text(cell, text) for cell in table.rows[1]]
        if not below[0] or any(cell[:1].islower() for cell in below):
            return False
    if table.goes_on or not first or not first[0]:
        return True
    if any(cell and above.endswith(tuple(_MARKS)) for cell, above in zip(first, rows[-1], strict=False)):
        return True  # a cell above ends in a list marker: its item is here
    for j, cell in enumerate(first):
        starts = [row[j][0] for row in rows if j < len(row) and row[j]]
        capital = len(starts) >= 2 and sum(not c.islower() for c in starts) >= 0.8 * len(starts)
        if capital and cell[:1].islower():
            return True
    filled = [(cell, above) for cell, above in zip(first, rows[-1], strict=False) if cell]
    return len(filled) >= 2 and all(cell[0].islower() and above[:1].isupper() for cell, above in filled)


def _header_above(last: _LastLine, table: _Table, size: float) -> str | None:
    """The last line of the page before as the header row of `table`, which starts this page, with a tab
    between its cells; None when it is not one: in another size of text, ending a sentence, not starting
    at the table's first column, a word running across a column edge or no word starting at one."""
    edges = table.edges
    if abs(last.size - size) > 0.6 or last.words[-1][2].endswith(".") or abs(last.words[0][0] - edges[0]) > _ALIGN:
        return None
    if any(left < e - _ALIGN and right > e + _ALIGN for left, right, _ in last.words for e in edges[1:]):
        return None
    if not all(any(abs(left - e) <= _ALIGN for left, _, _ in last.words) for e in edges[1:]):
        return None
    cells: list[list[str]] = [[] for _ in edges]
    for left, _, word in last.words:
        cells[sum(1 for e in edges[1:] if left >= e - _ALIGN)].append(word)
    return "\t".join(" ".join(cell) for cell in cells)


def _under_header(rows: list[_Row], last: _LastLine, split: _Split, text: str) -> _Table | None:
    """The page's first lines as a table of one row or more whose header is `last`, the last line of the
    page before: columns where the first line starts a word under one of its words, with more white than
    a space before it in one of the two lines (wider than a letter before one of them in `last`, and
    somewhere in the first line), and the lines that go on with them (see _joins); one line with text in
    two of them will do - then all are that row's - when `last` reads as its header (see _header_above)."""
    first = rows[0]
    if len(rows) < 2 or abs(first.left - last.words[0][0]) > _ALIGN:
        return None
    gaps = {word[0]: word[0] - before[1] for before, word in itertools.pairwise(last.words)}
    edges = [first.left] + [
        x
        for x, gap in gaps.items()
        if _starts_at(first, x, split) and (gap >= 0.4 * last.size or _wide_gap_at(first, x, split))
    ]
    cells = any(gaps[x] > last.size and "\t" in first.text for x in edges[1:])
    if len(edges) < 2 or not cells:
        return None
    widest, end = first.bottom - rows[1].bottom, 1
    while end < len(rows) and _joins(rows[end], rows[end - 1], edges, split, widest):
        end += 1
    alone = not any(sum(1 for c in _line_cells(row, edges, split) if c) >= 2 for row in rows[1:end])
    table = _read_table(rows, 0, end, edges, split, text, widest if alone else 0.0, part=True, single=True)
    return table if table is not None and _header_above(last, table, rows[0].size) is not None else None


def _beside(rows: list[_Row]) -> list[_Row]:
    """The rows in the order they stand on the page, for finding tables: each line that PDFium gives
    after the lines to its left is put back beside them.

    A table comes cell by cell, so the lines of a cell come after those of the cell to its left; a
    line on the same baseline as one already read (and further right) is joined to it (a new row,
    made of both), and one between two of them goes in its place. The rows given are not changed."""
    out: list[_Row] = []
    for row in rows:
        if not _put_back(out, row):
            out.append(row)
    return out


def _put_back(out: list[_Row], row: _Row) -> bool:
    """Put `row` beside the lines of `out` to its left that it was drawn after; False when it comes next."""
    if not out or row.bottom < out[-1].bottom - row.height * 0.5:
        return False  # below the last line: in order
    i = len(out) - 1
    while i >= 0 and out[i].bottom <= row.bottom + row.height * 0.5:
        if out[i].right > row.left + _ALIGN:
            return False  # not beside them: text over text
        if abs(out[i].bottom - row.bottom) < min(out[i].height, row.height) * 0.5:
            left = out[i]
            out[i] = replace(
                left,
                text=left.text + "\t" + row.text,
                right=row.right,
                last=row.last,
                words=left.words + row.words,
                parts=(left.parts or [left]) + (row.parts or [row]),
            )
            return True
        i -= 1
    if i < 0:
        return False
    out.insert(i + 1, row)
    return True


def _mark_indented_items(lines: list[TextLine], second_words: dict[int, float]) -> None:
    """Lines set in from the text's left edge are list items whose markers were drawn, not written;
    but not the wrapped lines of an item whose marker was written, set in under its text (a hanging
    indent: `second_words` says where each line's text after its marker starts, by the line's id).
    A numbered item under a line of the item before it starts an item of its own, as a bullet does."""
    if len(lines) < 3:
        return
    edge = Counter(round(line.left) for line in lines).most_common(1)[0][0]
    rights = sorted(line.right for line in lines)
    margin = rights[int(len(rights) * 0.95)]
    before: TextLine | None = None
    above: TextLine | None = None
    hang: float | None = None  # where the text of the list item on the line above starts, after its marker
    for line in lines:
        indented = (
            edge + line.size * 1.5 < line.left < (edge + margin) / 2  # set in, but not a centred or right-hand line
            and "\t" not in line.text
            and not line.bold
        )
        marked = bool(BULLET_RE.match(line.text)) or _numbered_item(line.text)
        wrapped = (
            hang is not None
            and above is not None
            and not marked
            and not line.gap
            and abs(line.left - hang) < line.size * 0.5
            and fills_line(above, line.text, margin)
        )
        if indented and not BULLET_RE.match(line.text):
            carried = wrapped or (
                before is not None
                and abs(before.left - line.left) < line.size * 0.5
                and not line.gap
                and fills_line(before, line.text, margin)
            )
            if not carried:
                line.text = "• " + line.text
        if marked and hang is not None and not wrapped and not BULLET_RE.match(line.text):
            line.gap = True  # the next numbered item, under a full line of the one before: not that item going on
        if not wrapped:
            hang = second_words.get(id(line)) if marked else None
        before = line if indented else None
        above = line


def _numbered_item(text: str) -> bool:
    """The line starts with a number written with its mark ('2.', '(b)', 'iv)'): a numbered list's item."""
    number = split_number(text.strip())[0]
    return number is not None and number.punctuated


# ----- tables whose cells wrap over several lines ----------------------------------------------------
_ALIGN = 0.6
"""Points: the lines of one table column start at the same x, to within this."""
_RUN_IN_GAP = 0.8
"""Points of white between two letters with no space between them: two cells run together."""

_Split = Callable[[_Word, float], int | None]
"""The character of a word that starts at x with white before it (two cells run together), if any."""


def _crossed(row: _Row, x: float, split: _Split) -> bool:
    """True when a word of the row runs across x, so that no column can start there."""
    return any(w.left < x - _ALIGN and w.right > x + _ALIGN and split(w, x) is None for w in row.words)


def _starts_at(row: _Row, x: float, split: _Split) -> bool:
    """True when text to the left of x is followed by a word (or a cell run into it) starting at x."""
    return any(abs(w.left - x) <= _ALIGN for w in row.words[1:]) or any(
        w.left < x - _ALIGN and w.right > x + _ALIGN and split(w, x) is not None for w in row.words
    )


def _wide_gap_at(row: _Row, x: float, split: _Split) -> bool:
    """True when a word of the row starts at x with more white before it than a space (or with no
    space at all, run into the word before): the gap between two cells."""
    for before, word in itertools.pairwise(row.words):
        if abs(word.left - x) <= _ALIGN:
            return word.left - before.right >= 0.4 * row.size
    return any(w.left < x - _ALIGN and w.right > x + _ALIGN and split(w, x) is not None for w in row.words)


_ITEM_MARK = re.compile(r"^(?:[•·▪◦●○■□➢►✓–—*+o-]|\(?\d{1,2}[.)]?|\(?[a-z][.)])$")


def _is_list(rows: list[list[list[_Word]]], text: str) -> bool:
    """True when the 'table' is a list whose markers stand apart from its items: its first column holds
    only list markers or item numbers."""
    firsts = [_cell_text(row[0], text) for row in rows if row[0]]
    return bool(firsts) and all(_ITEM_MARK.match(cell) for cell in firsts)


def _near(x: float, edges: list[float]) -> bool:
    return any(abs(x - e) <= _ALIGN for e in edges)


def _follows(above: _Row, below: _Row) -> bool:
    """True when `below` is the next line down in the same size of text (not a line far below)."""
    step = above.bottom - below.bottom
    return abs(above.size - below.size) <= 0.6 and 0 < step <= 3 * above.size


def _seed_edges(rows: list[_Row], r: int, split: _Split) -> list[float]:
    """Where a table column may start, seen from two lines: the second set in to where a word of the
    first starts (a cell's text wrapped), or both lines with a word starting at the same place."""
    above, below = rows[r], rows[r + 1]
    if not _follows(above, below):
        return []
    if below.left > above.left + above.size:
        return [below.left] if _starts_at(above, below.left, split) else []
    if abs(below.left - above.left) > _ALIGN:
        return []
    starts = sorted(w.left for w in below.words[1:])
    out = []
    for word in above.words[1:]:
        at = bisect.bisect_left(starts, word.left - _ALIGN)
        if at < len(starts) and starts[at] <= word.left + _ALIGN:
            out.append(word.left)
    return [x for x in out if _wide_gap_at(above, x, split) or _wide_gap_at(below, x, split)] or _seed_over_wraps(
        rows, r, split
    )


def _seed_over_wraps(rows: list[_Row], r: int, split: _Split) -> list[float]:
    """Where a table column may start, seen from line r and one a few lines below it that has a word
    starting at the same place, with a cell's white before it in one of them, the lines between (the
    first cell's text wrapped) starting where line r does and ending before that place."""
    above = rows[r]
    places = [w.left for w in above.words[1:]]
    for k in range(r + 1, min(r + 5, len(rows))):
        lower = rows[k]
        if not places or not _follows(rows[k - 1], lower) or abs(lower.left - above.left) > _ALIGN:
            return []
        starts = sorted(w.left for w in lower.words[1:])
        shared = [
            x
            for x in places
            if (at := bisect.bisect_left(starts, x - _ALIGN)) < len(starts)
            and starts[at] <= x + _ALIGN
            and (_wide_gap_at(above, x, split) or _wide_gap_at(lower, x, split))
        ]
        if shared:
            return shared
        places = [x for x in places if lower.right < x - _ALIGN]  # a line between must end before it
    return []


def _joins(row: _Row, inside: _Row, edges: list[float], split: _Split, widest: float) -> bool:
    """True when `row`, the line above or below `inside` (a line of the table), is a line of the table too:
    it starts where a column does and runs across none; a line with text in the first column only
    must be below, no further from the line above than the table's rows are from each other."""
    above = row.bottom > inside.bottom
    if not (_follows(row, inside) if above else _follows(inside, row)):
        return False
    if not _near(row.left, edges) or any(_crossed(row, e, split) for e in edges[1:]):
        return False
    if row.left > edges[0] + _ALIGN or any(_starts_at(row, e, split) for e in edges[1:]):
        return True
    return not above and inside.bottom - row.bottom <= widest + 0.5


def _more_edges(run: list[_Row], edges: list[float], split: _Split) -> list[float]:
    """The table's column edges: those given, and any other x where lines of the run start a word (or a
    cell run into the word before it: see _starts_at) and that no line runs across: as many lines as half
    the table's rows, or two or more that all have a cell's white before it, the first line (the header)
    among them."""
    heads = sum(1 for row in run if abs(row.left - edges[0]) <= _ALIGN)
    found = list(edges)
    for x in sorted({round(w.left, 1) for row in run for w in row.words}):
        if x <= edges[0] + run[0].size or _near(x, found):
            continue
        support = [row for row in run if _near(row.left, [x]) or _starts_at(row, x, split)]
        if (
            len(support) >= 2
            and (len(support) >= heads / 2 or _headed_column(run[0], support, x, split))
            and any(_wide_gap_at(row, x, split) for row in support)
            and not any(_crossed(row, x, split) for row in run)
        ):
            found.append(x)
    return sorted(found)


def _headed_column(header: _Row, support: list[_Row], x: float, split: _Split) -> bool:
    """True when a column starting at x has a header cell (the first line has a word there) and two more
    lines start a word there, or each line with a word there has more white before it than a space: a
    column whose cells are short (a cell that fills its column may leave only a space before the next)."""
    if not any(row is header for row in support):
        return False
    return len(support) >= 3 or all(_wide_gap_at(row, x, split) for row in support)


def _split_word(word: _Word, edges: list[float], split: _Split) -> list[_Word]:
    """The word, cut where it runs across a column edge with white between two letters."""
    pieces = [word]
    for edge in edges[1:]:
        last = pieces[-1]
        if last.left < edge - _ALIGN and last.right > edge + _ALIGN:
            k = split(word, edge)
            if k is not None and last.first < k <= last.last:
                pieces[-1] = _Word(last.left, edge, last.first, k - 1)
                pieces.append(_Word(edge, last.right, k, last.last, run_in=True))
    return pieces


def _line_cells(row: _Row, edges: list[float], split: _Split) -> list[list[_Word]]:
    """The line's words sorted into the columns starting at `edges`."""
    cells: list[list[_Word]] = [[] for _ in edges]
    for word in row.words:
        for piece in _split_word(word, edges, split):
            cells[sum(1 for e in edges[1:] if piece.left >= e - _ALIGN)].append(piece)
    return cells


def _on_edges(cells: list[list[_Word]], edges: list[float]) -> bool:
    """True when each of the line's cells past the first with text in it starts at its column's edge."""
    return all(abs(cell[0].left - edge) <= _ALIGN for cell, edge in zip(cells[1:], edges[1:], strict=True) if cell)


def _set_apart(cells: list[list[_Word]], size: float) -> bool:
    """True when two neighbouring cells of the line have more white between them than a space, or
    were run together with no space at all."""
    filled = [c for c in cells if c]
    return any(b[0].run_in or b[0].left - a[-1].right >= 0.4 * size for a, b in itertools.pairwise(filled))


def _table_from(rows: list[_Row], r: int, x: float, floor: int, split: _Split, text: str) -> _Table | None:
    """The table around lines r and r + 1 with a column starting at x, or None when it is not one."""
    edges = [rows[r].left, x]
    start, end = r, r + 2
    widest = rows[r].bottom - rows[r + 1].bottom
    for _ in range(3):  # columns found in the lines found let more lines be found
        while start > floor and _joins(rows[start - 1], rows[start], edges, split, widest):
            start -= 1
            widest = max(widest, rows[start].bottom - rows[start + 1].bottom)
        while end < len(rows) and _joins(rows[end], rows[end - 1], edges, split, widest):
            widest = max(widest, rows[end - 1].bottom - rows[end].bottom)
            end += 1
        more = _more_edges(rows[start:end], edges, split)
        if more == edges:
            break
        edges = more
    # Right under another table too: its first row says a table starts there (TextLine.new_table).
    if start - 1 >= floor and _title_row(rows[start - 1], rows[start], edges, split, widest):
        start -= 1
        apart = rows[start].bottom - rows[start + 1].bottom
        # A title wrapped over lines closer together than it is to the row under it: its lines above too.
        while (
            start - 1 >= floor
            and _follows(rows[start - 1], rows[start])
            and rows[start - 1].bottom - rows[start].bottom < apart - 0.1 * rows[start].size
            and _first_column_only(rows[start - 1], edges, split)
        ):
            start -= 1
    return _read_table(rows, start, end, edges, split, text)


def _title_row(row: _Row, first: _Row, edges: list[float], split: _Split, widest: float) -> bool:
    """True when `row`, the line above a table's first line (`first`, with text in two columns), is its
    first row all the same: a line of the first column only, no further above than its rows are apart
    (a title row over the header; a paragraph before a table has more white under it)."""
    return (
        _follows(row, first)
        and row.bottom - first.bottom <= widest + 0.5
        and _first_column_only(row, edges, split)
        and any(_starts_at(first, e, split) for e in edges[1:])
    )


def _first_column_only(row: _Row, edges: list[float], split: _Split) -> bool:
    """True when the line starts at the first column's edge and has no word at, nor across, another's."""
    return abs(row.left - edges[0]) <= _ALIGN and not any(
        _crossed(row, e, split) or _starts_at(row, e, split) for e in edges[1:]
    )


def _read_table(
    rows: list[_Row],
    start: int,
    end: int,
    edges: list[float],
    split: _Split,
    text: str,
    line_step: float = 0.0,
    part: bool = False,
    single: bool = False,
) -> _Table | None:
    """The lines start to end read as a table with columns starting at `edges`, or None when they do not
    make one: fewer than two lines with text in two columns, no white between cells wider than a space,
    or two columns of running text. `line_step`: that of the table the lines carry on (see _row_starts).
    `part`: the lines are part of a table already found (one of tables stacked, say): only the first test,
    which one line passes when `single` (a part alone at a page's foot, or a row under its header on the
    page before)."""
    run = rows[start:end]
    grid = [_line_cells(row, edges, split) for row in run]
    size = run[0].size
    side = [cells for cells in grid if sum(1 for c in cells if c) >= 2]
    wrapped = sum(1 for row in run if row.left > edges[0] + _ALIGN)
    apart = sum(1 for cells in side if _set_apart(cells, size))
    if apart * 2 < len(side) and apart >= 2 and len(side) >= 4 and all(_on_edges(cells, edges) for cells in side):
        apart = len(side)  # short labels: a space is all the white some leave, but every cell starts at its edge
    if len(side) < (1 if single else 2) or (
        not part and (apart == 0 or (not wrapped and (len(side) < 3 or apart * 2 < len(side))))
    ):
        return None
    if len(run) >= 8 and len(side) >= 0.8 * len(run) and all(len(cells[0]) >= 5 for cells in side):
        return None  # two columns of running text, not a table
    starts, step = _row_starts(run, grid, size, text, line_step)
    rows_read = _grouped(grid, starts)
    if _is_list(rows_read, text):
        return None
    table = _Table(start, end, rows_read, edges, max(row.right for row in run), step, _widest(run))
    table.breaks = _breaks(run, starts, size)
    return table


@dataclass
class _Table:
    """A table found on a page: its lines (start to end, not included) and its rows of cells."""

    start: int
    end: int
    rows: list[list[list[_Word]]]
    edges: list[float]
    """Where its columns start, left to right."""
    right: float
    line_step: float = 0.0
    """The step between two lines of one cell, when its rows are set further apart than that (0 when not)."""
    widest: float = 0.0
    """The widest step between two of its lines."""
    carried_on: bool = False
    """The rest of a table from the page before."""
    goes_on: bool = False
    """Its first row is the rest of the last row of the table on the page before (the lines say so)."""
    breaks: list[int] = field(default_factory=list)
    """Lines (counted from its first) where a row starts further below the row above than its rows are
    apart: where one of tables stacked one under the other starts (see _stacked)."""
    white_below: bool = False
    """It ends where white sets apart a table stacked under it (see _carried_on)."""
    marked: bool = False
    """The first cell of its last row (so far) ends in a list marker: that item goes on overleaf."""

    @property
    def left(self) -> float:
        return self.edges[0]


def _grouped(grid: list[list[list[_Word]]], starts: list[bool]) -> list[list[list[_Word]]]:
    """The lines' cells grouped into rows: a row starts at the first line and at each line `starts` marks."""
    out = [[list(c) for c in grid[0]]]
    for new, cells in zip(starts, grid[1:], strict=True):
        if new:
            out.append([list(c) for c in cells])
        else:
            for mine, more in zip(out[-1], cells, strict=True):
                mine += more
    return out


def _row_starts(
    run: list[_Row], grid: list[list[list[_Word]]], size: float, text: str, line_step: float = 0.0
) -> tuple[list[bool], float]:
    """For each line of the table after its first, whether it starts a row; and the step between two
    lines of one cell when the rows are set further apart than that (0 when they are not).

    When some lines are further apart than the rest (a cell's lines are closer than its rows), the wider
    steps are where rows start - unless there is only one, right under the first line, and every line
    below it is a row of its own (all cells filled, the first starting with a capital or figure: a header
    set apart over rows of one line), or the closer lines are rows of their own too (see _lines_are_rows).
    Otherwise a row starts at each line with text in the first column.
    `line_step`: that of the table on the page before that these lines carry on; the lines of one row
    at the top of a page are all that close, and each may have text in the first column."""
    steps = [above.bottom - below.bottom for above, below in itertools.pairwise(run)]
    least = min(steps, default=0.0)
    if line_step and least >= line_step - 0.1 * size:
        least = line_step  # no step here is closer than a cell's lines on the page before
        wide = [step > least + 0.1 * size for step in steps]
        by_steps = not all(wide)
    else:
        wide = [step > least + 0.1 * size for step in steps]
        by_steps = not all(wide) and (sum(wide) >= 2 or (any(wide) and not _header_over_single_lines(wide, grid, text)))
        by_steps = by_steps and not _lines_are_rows(grid, wide, size)
    starts = [w if by_steps else bool(cells[0]) for w, cells in zip(wide, grid[1:], strict=True)]
    return starts, (least if by_steps or line_step else 0.0)


def _lines_are_rows(grid: list[list[list[_Word]]], wide: list[bool], size: float) -> bool:
    """True when the lines set closest together are rows of their own, not a cell's lines wrapped: in
    half of those pairs or more, both lines have text in every column, and in one column at least the
    lower line's first word would have fitted on the line above (before the right end of the column's
    widest line). A cell's text goes on to the next line only when its line is full; rows stacked with
    more white between some of them (tables one under the other) are not."""
    limits = [max((w.right for cells in grid for w in cells[j]), default=0.0) for j in range(len(grid[0]))]
    close = fits = 0
    for above, below, apart in zip(grid, grid[1:], wide, strict=False):
        if apart:
            continue
        close += 1
        if (
            all(above)
            and all(below)
            and any(
                a[-1].right + 0.25 * size + b[0].right - b[0].left <= limit
                for a, b, limit in zip(above, below, limits, strict=True)
            )
        ):
            fits += 1
    return close > 0 and fits * 2 >= close


def _breaks(run: list[_Row], starts: list[bool], size: float) -> list[int]:
    """The lines of the run (counted from its first) where a row starts more than half a line further
    below the line above than the closest rows are apart: white that sets one table apart from another
    stacked on it (an empty row, or the space between two tables)."""
    steps = [(k + 1, above.bottom - below.bottom) for k, (above, below) in enumerate(itertools.pairwise(run))]
    at_rows = [(k, step) for (k, step), new in zip(steps, starts, strict=True) if new]
    if len(at_rows) < 2:
        return []
    usual = min(step for _, step in at_rows)
    return [k for k, step in at_rows if step > usual + 0.5 * size]


def _header_over_single_lines(wide: list[bool], grid: list[list[list[_Word]]], text: str) -> bool:
    """True when the only wide step is under the first line and each line below it has every cell
    filled, the first starting with a capital or a figure, nothing carried on."""
    if not wide[0] or any(wide[1:]):
        return False
    return all(all(cells) and not text[cells[0][0].first].islower() for cells in grid[1:])


def _find_tables(
    rows: list[_Row], split: _Split, text: str, carried: _Table | None = None, top: float = 0.0
) -> list[_Table]:
    """The page's tables whose columns line up from line to line, in reading order (the first one may
    carry on the last row of `carried`, a table that ended the page before)."""
    head = _carried_on(rows, carried, split, text, top) if carried else None
    found: list[_Table] = [head] if head else []
    r = head.end if head else 0
    while r + 1 < len(rows):
        floor = found[-1].end if found else 0
        table = next(
            (t for x in _seed_edges(rows, r, split) if (t := _table_from(rows, r, x, floor, split, text))),
            None,
        )
        if table is None:
            r += 1
            continue
        before = found[-1] if found else None
        if (
            before
            and before.end == table.start
            and not before.white_below
            and all(_near(e, table.edges) for e in before.edges)
        ):
            # the table's first lines carry on cells (at the top of a page): read them with its columns
            step = before.line_step if before is head else 0.0
            table = _read_table(rows, before.start, table.end, table.edges, split, text, step) or table
            if table.start == before.start:
                found.pop()
                table.carried_on = before.carried_on
        elif before is not None:
            table = _like_before(rows, table, before, split, text) or table
        found += _stacked(rows, table, split, text)
        r = table.end
    return found


def _stacked(rows: list[_Row], table: _Table, split: _Split, text: str) -> list[_Table]:
    """The table as the tables stacked in it, one under the other with more white between them than
    between its rows (its `breaks`), each read with the columns its own lines start words at; a break
    is kept only where the lines either side of it make a table each."""
    cuts = [table.start + k for k in table.breaks]
    foot = all(PAGE_NUMBER.match(row.text) for row in rows[table.end :])  # the last part may go on overleaf
    while cuts:
        bounds = [table.start, *cuts, table.end]
        parts = [
            _part(rows, a, b, table.edges, split, text, foot and b == table.end) for a, b in itertools.pairwise(bounds)
        ]
        bad = [cut for cut, above, below in zip(cuts, parts, parts[1:], strict=False) if above is None or below is None]
        if not bad:
            tables = [part for part in parts if part is not None]
            tables[0].carried_on, tables[0].goes_on = table.carried_on, table.goes_on
            return tables
        cuts.remove(bad[0])
    return [table]


def _part(
    rows: list[_Row], start: int, end: int, edges: list[float], split: _Split, text: str, at_foot: bool = False
) -> _Table | None:
    """Lines start to end read as a table with those of `edges` where one of its lines starts a word
    (`at_foot`: they end the page; see _read_table)."""
    run = rows[start:end]
    own = [edges[0]] + [e for e in edges[1:] if any(_starts_at(row, e, split) or _near(row.left, [e]) for row in run)]
    return _read_table(rows, start, end, own, split, text, part=True, single=at_foot) if len(own) >= 2 else None


def _like_before(rows: list[_Row], table: _Table, before: _Table, split: _Split, text: str) -> _Table | None:
    """`table` read again like `before`, a table above it on the page whose columns start where its own do
    and at more places: with those of them where a line of it starts a word, when none runs across any
    (a column with a word in one line only is not found from the table's own lines); and, when it
    ends the page with lines all as close as one cell's lines in `before`, as one row going on over the
    page break (a few lines at a page's foot cannot tell a cell's lines from its rows). None when it is
    read as it was."""
    if not all(_near(e, before.edges) for e in table.edges):
        return None  # columns of its own
    run = rows[table.start : table.end]
    extra = [e for e in before.edges if not _near(e, table.edges)]
    if any(_crossed(row, e, split) for row in run for e in extra):
        return None
    extra = [e for e in extra if any(_starts_at(row, e, split) for row in run)]
    ends_page = all(PAGE_NUMBER.match(row.text) for row in rows[table.end :])
    step = before.line_step if ends_page and not table.line_step else 0.0
    if not extra and not step:
        return None
    return _read_table(rows, table.start, table.end, sorted(table.edges + extra), split, text, step)


def _carried_on(rows: list[_Row], carried: _Table, split: _Split, text: str, top: float = 0.0) -> _Table | None:
    """The page's first lines as the rest of `carried`, a table that ended the page before, with its
    column edges: lines that start at one of its column edges and run across none (the rest of its last
    row, or rows of their own), and the lines of the table that follow them. Unless the first is set
    in past the first column, one of them must have text in two columns, and the first must start in
    lower case (the rest of a cell), have text in two columns itself, be spaced as the rest of a cell of
    the last row (see _cell_goes_on) or follow the list marker that ends its first cell. Not when the first line stands a line's height or more below
    `top`, where the text starts on a page: white at the top of the page (an empty row) sets it apart.
    It ends where more white than between its rows sets apart a table stacked under it (see _breaks)."""
    if not rows or (top and top - (rows[0].bottom + rows[0].height) >= rows[0].size):
        return None
    edges = carried.edges
    # No further from the line above than the table's lines were on the page before, nor than half a
    # line's height more than one cell's lines: more white than that sets a new table or a title apart.
    reach = max(carried.widest + 0.5, carried.line_step + 0.5 * rows[0].size)
    end = 0
    while (
        end < len(rows)
        and _near(rows[end].left, edges)
        and not any(_crossed(rows[end], e, split) for e in edges[1:])
        and (end == 0 or (_follows(rows[end - 1], rows[end]) and rows[end - 1].bottom - rows[end].bottom <= reach))
    ):
        end += 1
    if not end:
        return None
    first = rows[0]
    goes_on = False
    if first.left <= edges[0] + _ALIGN and not first.text[:1].islower():
        if not any(_starts_at(first, e, split) for e in edges[1:]):
            goes_on = carried.marked or _cell_goes_on(rows[:end], carried, split)
            if not goes_on:
                return None  # a line of the first column only, in capitals: a title or a new table's first row
    widest = max((a.bottom - b.bottom for a, b in itertools.pairwise(rows[:end])), default=0.0)
    while (
        end < len(rows)
        and rows[end - 1].bottom - rows[end].bottom <= reach
        and _joins(rows[end], rows[end - 1], edges, split, widest)
    ):
        widest = max(widest, rows[end - 1].bottom - rows[end].bottom)
        end += 1
    run = rows[:end]
    grid = [_line_cells(row, edges, split) for row in run]
    if not goes_on and run[0].left <= edges[0] + _ALIGN and not any(sum(1 for c in cells if c) >= 2 for cells in grid):
        return None
    size = run[0].size
    starts, step = _row_starts(run, grid, size, text, carried.line_step)
    # White between two rows sets a table stacked under it apart (its empty row, say): the rest is its own.
    cut = next((k for k in _breaks(run, starts, size) if _part(rows, k, end, edges, split, text)), None)
    if cut is not None:
        end, run, grid = cut, run[:cut], grid[:cut]
        starts, step = _row_starts(run, grid, size, text, carried.line_step)
    right = max(row.right for row in run)
    table = _Table(0, end, _grouped(grid, starts), edges, right, step, max(_widest(run), carried.widest), True, goes_on)
    # More white under it than it may have, and than there is under the line below it: a table stacked under it.
    steps = [above.bottom - below.bottom for above, below in itertools.pairwise(rows[end - 1 : end + 2])]
    table.white_below = cut is not None or (len(steps) == 2 and steps[0] > max(reach, steps[1] + 0.5 * size))
    return table


def _cell_goes_on(run: list[_Row], carried: _Table, split: _Split) -> bool:
    """True when the first lines of `run`, the page's lines at the columns of `carried`, with text in its
    first column only, are the rest of a cell of its last row: as close together as one cell's lines
    there, and followed, no further than its rows were apart, by a line with text in two columns."""
    if not carried.line_step:
        return False
    size = run[0].size
    for above, below in itertools.pairwise(run):
        step = above.bottom - below.bottom
        if any(_starts_at(below, e, split) for e in carried.edges[1:]):
            return carried.line_step + 0.1 * size < step <= carried.widest + 0.5
        if abs(step - carried.line_step) > 0.1 * size:
            return False
    return False


def _rules(page: Any) -> list[tuple[float, float, float]]:
    """The lines drawn across the page (a table's borders), as where each is drawn up the page and
    where it starts and ends: paths no more than 2 points high and far wider than that."""
    import ctypes

    import pypdfium2.raw as raw

    out = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        drawn = raw.FPDFPage_GetObject(page.raw, i)
        if raw.FPDFPageObj_GetType(drawn) != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPageObj_GetBounds(
            drawn, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        ):
            continue
        if top.value - bottom.value <= 2 and right.value - left.value >= 10:
            out.append(((top.value + bottom.value) / 2, left.value, right.value))
    return out


_HEADER_LINES = 3
"""The most lines a table's header row is taken to wrap over, when a line is drawn under it alone."""


def _rows_by_rules(
    table: _Table, rows: list[_Row], rules: list[tuple[float, float, float]], split: _Split, text: str
) -> None:
    """A table with a line drawn between its rows (a grid) has its rows where the lines are: a row starts
    under each line drawn across its first column between two of its lines, and nowhere else, when there
    are two such lines or more. A cell's lines and its rows may be set the same distance apart (a border
    adds less than the step between two lines varies), so the white between lines cannot tell them.
    A line drawn under the header alone (one, under its first three lines at most) ends the header there;
    the rows below are told as in a table without lines, from those rows alone: the white the line adds
    under the header would otherwise read as the only place a row starts."""
    run = rows[table.start : table.end]
    if len(run) < 3 or len(table.edges) < 2:
        return
    first, second = table.edges[0], table.edges[1]
    ruled = [
        any(
            below.bottom + below.height - 0.5 <= y <= above.bottom + 0.5
            and left <= first
            and right >= second - above.size
            for y, left, right in rules
        )
        for above, below in itertools.pairwise(run)
    ]
    if sum(ruled) >= 2:
        table.rows = _grouped([_line_cells(row, table.edges, split) for row in run], ruled)
    elif sum(ruled) == 1 and (header := ruled.index(True) + 1) <= _HEADER_LINES and len(run) - header >= 2:
        grid = [_line_cells(row, table.edges, split) for row in run]
        below, _step = _row_starts(run[header:], grid[header:], run[header].size, text)
        table.rows = _grouped(grid, [False] * (header - 1) + [True] + below)


def _widest(run: list[_Row]) -> float:
    """The widest step between two lines of the run, one under the other."""
    return max((above.bottom - below.bottom for above, below in itertools.pairwise(run)), default=0.0)


def _column_limits(table: _Table, size: float) -> list[float]:
    """Where each column's text may reach: the right end of its widest line, when two lines or more
    reach it (to within half a letter), or that one line reaches the next column's edge (to within half
    a letter) - a column full to its edge, where a word may have been broken; 0 for a column with only
    one line that wide and white after it (it may be a long word that fits)."""
    out = []
    for j in range(len(table.edges)):
        ends = [
            w.right
            for cells in table.rows
            for w, after in _pairs_to_end(cells[j])
            if after is None or after.left < w.right
        ]
        widest = max(ends, default=0.0)
        full = j + 1 < len(table.edges) and widest >= table.edges[j + 1] - size / 2
        out.append(widest if full or sum(1 for e in ends if e >= widest - size / 2) >= 2 else 0.0)
    return out


def _pairs_to_end(words: list[_Word]) -> list[tuple[_Word, _Word | None]]:
    """Each word with the one after it (None after the last)."""
    return list(itertools.zip_longest(words, words[1:]))


"""A word that a cell's line ends in and the next line finishes: 'e-' + 'mail', 'and/' + 'or'."""


def _cell_text(
    words: list[_Word], text: str, limit: float = 0.0, size: float = 0.0, vocabulary: _Vocabulary | None = None
) -> str:
    """A cell's words as text, one space between them; a word wrapped after its hyphen or slash is
    joined again (the PDF marks a hyphen at a line's end as a soft one: it was written, so it is kept),
    and so is one too wide for its column, broken where the line was full: alone on its line and
    reaching to within half a letter of `limit`, the right end of the column's widest line - unless
    the page's words (`vocabulary`) say it ended there (see _broken_word)."""
    parts: list[str] = []
    alone = True  # the word before stands first on its line
    before: _Word | None = None
    for word in words:
        piece = text[word.first : word.last + 1].translate(_CONTROLS).translate(_LIGATURES)
        below = before is not None and word.left < before.right - _ALIGN  # the word starts a line
        if below and (
            BROKEN_AT_END.search(parts[-1])
            or _reference_broken(parts[-1], piece)
            or (
                alone
                and limit
                and before is not None
                and before.right >= limit - size / 2
                and _broken_word(parts[-1], piece, vocabulary)
            )
        ):
            parts[-1] += piece  # the line above ended in the middle of this word
        else:
            parts.append(piece)
        alone = before is None or below
        before = word
    return " ".join(parts)


_REFERENCE_MARK = re.compile(r"\([^()\s]{1,4}\)")
"""A short mark in brackets in a reference to a paragraph: '(1)', '(b)', '(iv)'."""
_REFERENCE_END = re.compile(_REFERENCE_MARK.pattern + "$")


def _reference_broken(head: str, tail: str) -> bool:
    """True when a cell's line ends in a word ending with a mark in brackets and the next starts with one,
    and the reference is written with no space between its marks: the mark above is set against what
    comes before it ('6(1)' + '(b)'), or the one below against the next ('(iv)' + '(a)(2)'). Written
    with spaces ('6 (1) (b)'), the two stay apart."""
    end = _REFERENCE_END.search(head)
    start = _REFERENCE_MARK.match(tail)
    if end is None or start is None:
        return False
    return end.start() > 0 or _REFERENCE_MARK.match(tail, start.end()) is not None


_LETTERS = re.compile(r"[^\W\d_]+")
"""A run of letters: a word without the figures and punctuation around it."""


@dataclass
class _Vocabulary:
    """A page's words, as runs of letters in lower case: all of them, and those that stand inside a line
    (after a word with a space between, not at a line's or a cell's start)."""

    every: Counter[str]
    inside: Counter[str]


def _page_words(rows: list[_Row], text: str) -> _Vocabulary:
    inside: Counter[str] = Counter()
    for row in rows:
        for before, word in itertools.pairwise(row.words):
            if not word.run_in and word.left - before.right < 0.4 * row.size:  # a space, not a cell's white
                run = _LETTERS.match(text, word.first, word.last + 1)
                if run:
                    inside[run.group().lower()] += 1
    return _Vocabulary(Counter(w.lower() for w in _LETTERS.findall(text)), inside)


def _broken_word(head: str, tail: str, vocabulary: _Vocabulary | None) -> bool:
    """True when `head`, alone on a cell's full line, and `tail`, starting the next, are one word broken
    where the line was full, as far as the page's words tell: the letters either side of the break make
    a word found on the page or an English one; two English words that make none together are two
    words; otherwise the tail's first letters stand nowhere on the page inside a line. A long
    first word may fill its line by chance and end there ('gatecodes' + 'notes': 'notes' stands inside
    lines elsewhere); the end of a word broken in two is found only at the start of a line (of this
    cell, or of another where the same word is broken the same way). Never after a comma or semicolon
    with a letter below ('height,' + 'width'): a space follows those, in a list of names too."""
    if head.endswith((",", ";")) and tail[:1].isalpha():
        return False
    if vocabulary is None:
        return True
    before, after = _LETTERS.findall(head), _LETTERS.findall(tail)
    if not before or not after or not head[-1].isalpha() or not tail[0].isalpha():
        return True  # figures or marks at the break: nothing to tell by
    last, first = before[-1].lower(), after[0].lower()
    if vocabulary.every[last + first] > 0 or is_english_word(last + first):
        return True  # 'persisten' + 't'
    if two_words(last, first):
        return False  # 'work' + 'samples', 'cloud' + 'storage', each ending its line
    return not vocabulary.inside[first]

"""PDF export through Qt: QTextDocument laid out on a QPdfWriter, page numbers in the footer.

Outside `core/` because it needs Qt. Text stays selectable (Qt embeds the fonts and writes real
text). QPdfWriter has no API for the outline, so clause headings become PDF bookmarks in a
second pass with pypdf, placed where Qt put each heading's named destination.

Lines wrap at word boundaries only (table cells included: a cookie name is never split
mid-word); a word too long for its line is broken where the line ends, with a line break and
no added character, so text copied out of the PDF is the notice's own. Qt has no keep-with-next or widow control, so before printing the document is laid
out on the writer exactly as `print_` will lay it out, and a heading that would end a page (or a
short paragraph whose last line alone would top the next page) starts the next page instead.
Qt's PDF writer cannot write a tagged PDF (no structure tree); the README says so.
"""

from __future__ import annotations

import io
import os
import re
import sys

from notice_studio.core.export.paper import PAGE_MARGINS_MM, TABLE_POINT_SIZES
from notice_studio.core.export.sanitize import sanitize_html
from notice_studio.core.fileio import write_atomic
from notice_studio.core.render.renderer import RenderedNotice, display_number

RESOLUTION = 300

_QT_CSS = """
body { font-size: 10.5pt; color: #111111; }
h1 { font-size: 20pt; font-weight: 600; margin-top: 0px; margin-bottom: 4px; }
h2 { font-size: 14pt; font-weight: 600; margin-top: 18px; margin-bottom: 6px; }
h3 { font-size: 12pt; font-weight: 600; margin-top: 14px; margin-bottom: 4px; }
h4, h5, h6 { font-size: 10.5pt; font-weight: 600; margin-top: 10px; margin-bottom: 4px; }
p { margin-top: 0px; margin-bottom: 7px; }
li { margin-bottom: 2px; }
pre, code { font-family: "DejaVu Sans Mono", "Courier New", monospace; font-size: 9pt; }
th { font-weight: 600; background-color: #eeeeee; }
a { color: #0b57d0; }
.ns-status { color: #555555; }
.ns-toc-title { font-weight: 600; margin-top: 10px; }
.ns-toc-list { list-style-type: none; }
.ns-caption { font-weight: 600; margin-bottom: 3px; }
.ns-mark { background-color: #fff1a8; }
.ns-mark-broken { background-color: #ffd8d6; }
"""


def ensure_gui_application():
    """The running Qt application, or a new one (offscreen when there is no display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if headless and not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication(["notice-studio"])
    return app


def qt_html(rendered: RenderedNotice) -> str:
    """The notice's HTML reshaped for Qt's rich-text engine (tables, captions, highlights)."""
    html = sanitize_html(rendered.html)
    html = re.sub(r'<div class="ns-table-wrap"[^>]*>', "", html)
    html = re.sub(
        r"<table([^>]*)>\s*<caption[^>]*>(.*?)</caption>",
        r'<p class="ns-caption">\2</p><table\1>',
        html,
        flags=re.S,
    )
    html = re.sub(
        r"<table[^>]*>",
        '<table border="1" cellspacing="0" cellpadding="4" width="100%" style="border-color:#999999;border-collapse:collapse">',
        html,
    )
    start = "right" if rendered.direction == "rtl" else "left"  # headings sit where the cells' text starts
    html = re.sub(r"<th(?=[\s>])", f'<th align="{start}"', html)
    html = re.sub(r'<mark class="ns-broken-ref"[^>]*>', '<span class="ns-mark-broken">', html)
    html = re.sub(r"<mark[^>]*>", '<span class="ns-mark">', html).replace("</mark>", "</span>")
    # Qt places an element id at the end of the block before it; headings land precisely.
    html = re.sub(r'href="#(ns-clause-[a-z0-9-]+)"', r'href="#\1__title"', html)
    html = re.sub(r'<section([^>]*?) id="[^"]*"', r"<section\1", html)
    html = re.sub(
        r'(<nav class="ns-toc".*?</nav>)',
        lambda m: m.group(1).replace("<ol>", '<ol class="ns-toc-list">'),
        html,
        flags=re.S,
    )
    return f'<html><head><meta charset="utf-8"></head><body>{html}</body></html>'


LONG_WORD = 32
"""Characters in a word past which a table cell may break it (CSS overflow-wrap: anywhere): a URL's
token or a pasted hash, never a real word. Qt's wrap modes are document-wide, and breaking
anywhere everywhere would split words in table cells, so such words are broken by hand."""
_BREAK_EVERY = 16
_LINE_BREAK = "\u2028"  # what <br> becomes: a new line, and no character in the PDF's text
_LONG_WORD_RE = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def notice_pdf(rendered: RenderedNotice, paper: str = "A4") -> bytes:
    """The notice as PDF bytes (`paper`: 'A4' or 'Letter', see core.export.paper; selectable text;
    page numbers; bookmarks for clauses)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption

    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(rendered.title)
    writer.setCreator("Notice Studio")
    left, top, right, bottom = PAGE_MARGINS_MM
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(left, top, right, bottom),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(10.5)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(_QT_CSS)
    option = doc.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # never mid-word; see _break_overflowing_lines
    doc.setDefaultTextOption(option)
    doc.setHtml(qt_html(rendered))
    keep_headings_with_text(doc, writer)
    # print_() paginates inside Qt and numbers each page at the foot. Painting page by page
    # from Python is avoided on purpose: PySide6 6.12's QPainter bindings drop a reference to
    # None per call on CPython 3.11, which ends in a fatal "deallocating None" on big notices.
    doc.print_(writer)
    buffer.close()
    return _add_outline(bytes(data.data()), rendered)


_WIDOW_MAX_LINES = 8  # a paragraph this short moves whole rather than leave its last line alone


def keep_headings_with_text(doc, writer) -> int:
    """Start the next page at a heading that would end a page, or at a short paragraph whose
    last line alone would top the next page. Returns how many blocks were moved.

    First, as print_ will lay the page out: tables too wide are set smaller; and, block by
    block as the pages are read, a word too long for its line is broken where the line ends
    (`_break_overflowing_lines`: in the same pass, as a full layout first would make each later
    move lay out the rest of the document again at once).

    The probe is laid out as `QTextDocument.print_` (Qt 6) lays out its copy: on the writer, a
    2 cm root-frame margin, page size = the writer's page; so its page breaks are print_'s."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    probe = doc.clone()
    layout = probe.documentLayout()
    layout.setPaintDevice(writer)
    frame = probe.rootFrame().frameFormat()
    # print_'s 2 cm margin, given at Qt's default 96 dpi and scaled to the device by the layout
    margin = int((2 / 2.54) * 96)
    frame.setMargin(margin)
    probe.rootFrame().setFrameFormat(frame)
    page_height = float(writer.height())
    probe.setPageSize(QSizeF(writer.width(), page_height))

    def page_of(y: float) -> int:
        return int(y // page_height)

    text_width = float(writer.width()) - 2 * (2 / 2.54) * writer.logicalDpiX()
    if _fit_tables(probe, doc, text_width):
        _fit_tables(probe, doc, text_width)  # long words in its cells are broken now: try again
    right = float(writer.width()) - margin * writer.logicalDpiX() / 96  # where the page's text ends

    moved = 0
    block, original = probe.begin(), doc.begin()
    while block.isValid() and original.isValid():
        _break_overflowing_lines(probe, doc, block, right)
        fmt = block.blockFormat()
        if fmt.pageBreakPolicy() & QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            block, original = block.next(), original.next()
            continue
        rect = layout.blockBoundingRect(block)
        lines = block.layout().lineCount()
        target = False
        if fmt.headingLevel() > 0 and block.next().isValid() and rect.top() > 0:
            following = block.next()
            next_rect = layout.blockBoundingRect(following)
            first_line = following.layout().lineAt(0) if following.layout().lineCount() else None
            next_top = next_rect.top() + (first_line.y() if first_line is not None else 0)
            target = page_of(next_top + 1) > page_of(rect.top() + 1)
        elif 2 <= lines <= _WIDOW_MAX_LINES and block.textList() is None and rect.top() > 0:
            last = block.layout().lineAt(lines - 1)
            before = block.layout().lineAt(lines - 2)
            target = page_of(rect.top() + last.y() + 1) > page_of(rect.top() + before.y() + 1)
        if target:
            moving = [block, original]
            if fmt.headingLevel() == 0 and block.previous().blockFormat().headingLevel() > 0:
                moving = [block.previous(), original.previous()]  # the heading goes with its text
            for each in moving:
                new_format = each.blockFormat()
                new_format.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(each).setBlockFormat(new_format)
            # everything after the moved block shifts down: lay it out again before reading on
            start = moving[0].position()
            probe.markContentsDirty(start, probe.characterCount() - start)
            moved += 1
        block, original = block.next(), original.next()
    return moved


def _fit_tables(probe, doc, width: float) -> bool:
    """Words never break mid-word, so a table of many columns can grow wider than the page:
    set such a table in a smaller type until it fits (down to 7 pt). A table still too wide
    has its long words (a hash, a URL's token) broken every few characters; True if any was."""
    from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextTable

    layout = probe.documentLayout()
    tables = [f for f in probe.rootFrame().childFrames() if isinstance(f, QTextTable)]
    originals = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    broke = False
    for table, original in zip(tables, originals, strict=False):
        for size in TABLE_POINT_SIZES:
            if layout.frameBoundingRect(table).width() <= width + 1:
                break
            for each in (table, original):
                cursor = QTextCursor(each.firstCursorPosition())
                cursor.setPosition(each.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
                smaller = QTextCharFormat()
                smaller.setFontPointSize(size)
                cursor.mergeCharFormat(smaller)
        if layout.frameBoundingRect(table).width() > width + 1:
            broke = _break_long_words(probe, doc, table.firstPosition(), table.lastPosition()) or broke
    return broke


def _break_long_words(probe, doc, start: int, end: int) -> bool:
    """A line break every few characters of each word longer than LONG_WORD between `start`
    and `end`, in both documents (the same positions); True if any word was."""
    breaks: list[int] = []
    block = probe.findBlock(start)
    while block.isValid() and block.position() <= end:
        for match in _LONG_WORD_RE.finditer(block.text()):
            at = block.position() + match.start()
            breaks.extend(at + k for k in range(_BREAK_EVERY, len(match.group(0)), _BREAK_EVERY))
        block = block.next()
    for position in reversed(breaks):  # from the end, so earlier positions stay where they were
        _insert_line_break(probe, doc, position)
    return bool(breaks)


def _break_overflowing_lines(probe, doc, block, right: float) -> int:
    """Break each word too wide for its line in `block` where the line ends (CSS overflow-wrap:
    anywhere), with a line break as <br> makes: the PDF's text keeps the word's characters and
    no other (a zero-width space there was copied out with the text). Returns how many breaks.

    Qt widens a line (and the page's frame) that holds such a word to the word's width, so the
    line is measured against `right`, where the page's text ends. Table cells are left alone:
    a column is as wide as its longest word (`_fit_tables` deals with tables too wide)."""
    from PySide6.QtGui import QTextCursor, QTextLine, QTextTable

    if isinstance(QTextCursor(block).currentFrame(), QTextTable):
        return 0
    breaks = 0
    overflowing = True
    while overflowing:
        overflowing = False
        box = probe.documentLayout().blockBoundingRect(block)  # lays the block out (again, after a break)
        layout, text = block.layout(), block.text()
        edge = right - block.blockFormat().rightMargin() - box.x()
        for n in range(layout.lineCount() if layout is not None else 0):
            line = layout.lineAt(n)
            # where its last character ends: a trailing space or line break is no overflow
            shown = len(text[line.textStart() : line.textStart() + line.textLength()].rstrip())
            if line.cursorToX(line.textStart() + shown)[0] <= edge + 0.5:
                continue
            cut = line.xToCursor(edge, QTextLine.CursorPosition.CursorBetweenCharacters)
            while cut > line.textStart() + 1 and line.cursorToX(cut)[0] > edge:
                cut -= 1
            if line.textStart() < cut < line.textStart() + line.textLength():
                _insert_line_break(probe, doc, block.position() + cut)
                breaks += 1
                overflowing = True  # the block is laid out again: look at its lines anew
                break
    return breaks


def _insert_line_break(probe, doc, position: int) -> None:
    from PySide6.QtGui import QTextCursor

    for each in (probe, doc):
        cursor = QTextCursor(each)
        cursor.setPosition(position)
        cursor.insertText(_LINE_BREAK)


def write_pdf(rendered: RenderedNotice, path: str | os.PathLike[str]) -> None:
    write_atomic(path, notice_pdf(rendered))


def _add_outline(pdf: bytes, rendered: RenderedNotice) -> bytes:
    """Bookmarks for clause headings, the document language and text that copies out as the
    notice spells it (`pdf_text`), added with pypdf if available.

    Qt writes a named destination for every element id, so each clause heading's page is read
    back from the PDF itself rather than guessed from a second layout.
    """
    try:
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import Fit, IndirectObject, NameObject, TextStringObject
    except ImportError:  # bookmarks are a convenience; the PDF is complete without them
        return pdf
    reader = PdfReader(io.BytesIO(pdf))
    destinations = reader.named_destinations
    headings = []
    for entry in rendered.toc:
        destination = destinations.get(f"{entry.anchor}__title")
        if destination is not None:
            page = reader.get_destination_page_number(destination)
            if page is None:  # a destination on no page of this file: no bookmark for it
                continue
            fit = Fit.xyz(left=destination.left, top=destination.top) if destination.top is not None else Fit.fit()
            headings.append((f"{display_number(entry.number)} {entry.title}", entry.level, page, fit))
    writer = PdfWriter(clone_from=reader)
    from notice_studio.qt_export.pdf_text import fix_copied_text

    fix_copied_text(writer)
    parents: dict[int, IndirectObject] = {}
    last_page = len(writer.pages) - 1
    for label, level, page, fit in headings:
        parent = parents.get(level - 1)
        parents[level] = writer.add_outline_item(title=label, page_number=min(page, last_page), parent=parent, fit=fit)
        for deeper in [lvl for lvl in parents if lvl > level]:
            del parents[deeper]
    writer._root_object[NameObject("/Lang")] = TextStringObject(rendered.language)
    if headings:
        writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": rendered.title, "/Creator": "Notice Studio"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

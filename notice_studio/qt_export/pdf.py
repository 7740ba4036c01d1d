"""PDF export through Qt: QTextDocument laid out on a QPdfWriter, page numbers in the footer.

Outside `core/` because it needs Qt. Text stays selectable (Qt embeds the fonts and writes real
text). QPdfWriter has no API for the outline, so clause headings become PDF bookmarks in a
second pass with pypdf, placed where Qt put each heading's named destination.
"""

from __future__ import annotations

import io
import os
import re
import sys

from notice_studio.core.export.sanitize import sanitize_html
from notice_studio.core.fileio import write_atomic
from notice_studio.core.render.renderer import RenderedNotice, display_number

PAGE_MARGINS_MM = (18.0, 16.0, 18.0, 20.0)  # left, top, right, bottom (Qt numbers pages in the bottom margin)
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
    html = re.sub(r"<th(?=[\s>])", '<th align="left"', html)
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


def notice_pdf(rendered: RenderedNotice) -> bytes:
    """The notice as PDF bytes (A4; selectable text; page numbers; bookmarks for clauses)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

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
            QPageSize(QPageSize.PageSizeId.A4),
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
    doc.setHtml(qt_html(rendered))
    # print_() paginates inside Qt and numbers each page at the foot. Painting page by page
    # from Python is avoided on purpose: PySide6 6.12's QPainter bindings drop a reference to
    # None per call on CPython 3.11, which ends in a fatal "deallocating None" on big notices.
    doc.print_(writer)
    buffer.close()
    return _add_outline(bytes(data.data()), rendered)


def write_pdf(rendered: RenderedNotice, path: str | os.PathLike[str]) -> None:
    write_atomic(path, notice_pdf(rendered))


def _add_outline(pdf: bytes, rendered: RenderedNotice) -> bytes:
    """Bookmarks for clause headings and the document language, added with pypdf if available.

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

"""One export dispatcher for the command line and the app: a table from format to exporter.

PDF needs Qt, so core cannot import it: `notice_studio.qt_export` registers its exporter here
when it is imported (the app and the command line import it; a core-only user gets a clear
sentence instead of a PDF).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notice_studio.core.notice.model import Notice, NoticeError

if TYPE_CHECKING:  # the renderer loads markdown-it: only when something is exported
    from notice_studio.core.render.renderer import RenderedNotice, RenderOptions

FORMATS = ("html", "fragment", "md", "txt", "pdf", "docx")
BINARY_FORMATS = ("pdf", "docx")
SUFFIXES: dict[str, tuple[str, ...]] = {
    "html": (".html", ".htm"),
    "fragment": (".html", ".htm"),
    "md": (".md", ".markdown", ".txt"),  # Markdown is plain text too
    "txt": (".txt",),
    "pdf": (".pdf",),
    "docx": (".docx",),
}
"""The file name endings each format is saved under (a name ending otherwise, or not at all, is
the user's choice; a name ending as another format's file is refused by `fileio.output_file`)."""

Exporter = Callable[["Notice", "RenderOptions", "RenderedNotice", int, bool], "str | bytes"]
Warner = Callable[["RenderedNotice"], tuple[str, ...]]
"""What a format cannot show of a rendered notice, one sentence each (PDF: letters no font has)."""


@dataclass(frozen=True)
class Exported:
    """One notice in one format, with what the format could not show."""

    content: str | bytes
    """Text formats as str, PDF and Word as bytes."""
    rendered: RenderedNotice
    warnings: tuple[str, ...] = ()
    """One sentence each, for the command line and the app to show beside the result."""


def _html(notice: Notice, options: RenderOptions, rendered: RenderedNotice, width: int, bare: bool) -> str:
    from notice_studio.core.export.html_page import notice_page

    return notice_page(rendered)


def _fragment(notice: Notice, options: RenderOptions, rendered: RenderedNotice, width: int, bare: bool) -> str:
    from notice_studio.core.export.fragment import notice_fragment

    return notice_fragment(rendered, bare=bare)


def _markdown(notice: Notice, options: RenderOptions, rendered: RenderedNotice, width: int, bare: bool) -> str:
    from notice_studio.core.export.markdown import notice_markdown_text

    return notice_markdown_text(notice, options)


def _text(notice: Notice, options: RenderOptions, rendered: RenderedNotice, width: int, bare: bool) -> str:
    from notice_studio.core.export.text import notice_text

    return notice_text(rendered, width=width)


def _docx(notice: Notice, options: RenderOptions, rendered: RenderedNotice, width: int, bare: bool) -> bytes:
    from notice_studio.core.export.docx import notice_docx
    from notice_studio.core.export.paper import paper_for

    return notice_docx(rendered, paper_for(notice.jurisdictions))


EXPORTERS: dict[str, Exporter] = {
    "html": _html,
    "fragment": _fragment,
    "md": _markdown,
    "txt": _text,
    "docx": _docx,
}


WARNERS: dict[str, Warner] = {}


def register_exporter(fmt: str, exporter: Exporter, warner: Warner | None = None) -> None:
    """Add an exporter that lives outside core (PDF, which needs Qt), and what it warns of."""
    EXPORTERS[fmt] = exporter
    if warner is not None:
        WARNERS[fmt] = warner


def export_content(notice: Notice, options: RenderOptions, fmt: str, width: int = 78, bare: bool = False) -> Exported:
    """The notice in one format, the rendered notice, and what the format warns of.

    `bare`: the fragment as markup only (no styles), for sites whose own CSS styles it."""
    if fmt not in FORMATS:
        raise NoticeError(f"'{fmt}' is not an export format; use one of {', '.join(FORMATS)}.")
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise NoticeError(f"Exporting {fmt.upper()} needs the desktop components (Qt); install the full app.")
    from notice_studio.core.render.renderer import render

    rendered = render(notice, options)
    content = exporter(notice, options, rendered, width, bare)
    warner = WARNERS.get(fmt)
    return Exported(content, rendered, warner(rendered) if warner else ())

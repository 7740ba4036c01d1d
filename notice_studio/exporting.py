"""One export dispatcher for the command line and the app (PDF needs Qt, so it lives outside core)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notice_studio.core.model import Notice, NoticeError

if TYPE_CHECKING:  # the renderer loads markdown-it: only when something is exported
    from notice_studio.core.render import RenderedNotice, RenderOptions

FORMATS = ("html", "fragment", "md", "txt", "pdf", "docx")
BINARY_FORMATS = ("pdf", "docx")


def export_content(
    notice: Notice, options: RenderOptions, fmt: str, width: int = 78, inline_styles: bool = False
) -> tuple[str | bytes, RenderedNotice]:
    """(content, rendered notice) for one format: text formats as str, PDF and Word as bytes."""
    from notice_studio.core.render import render

    rendered = render(notice, options)
    if fmt == "html":
        from notice_studio.core.export.html_page import notice_page

        return notice_page(rendered), rendered
    if fmt == "fragment":
        from notice_studio.core.export.fragment import notice_fragment

        return notice_fragment(rendered, inline_styles=inline_styles), rendered
    if fmt == "md":
        from notice_studio.core.export.markdown import notice_markdown_text

        return notice_markdown_text(notice, options), rendered
    if fmt == "txt":
        from notice_studio.core.export.text import notice_text

        return notice_text(rendered, width=width), rendered
    if fmt == "docx":
        from notice_studio.core.export.docx import notice_docx

        return notice_docx(rendered), rendered
    if fmt == "pdf":
        from notice_studio.export_pdf import notice_pdf

        return notice_pdf(rendered), rendered
    raise NoticeError(f"'{fmt}' is not an export format; use one of {', '.join(FORMATS)}.")

"""Exports that need Qt (PDF). Importing this package registers them with core's export table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notice_studio.core.export.formats import register_exporter

if TYPE_CHECKING:
    from notice_studio.core.notice.model import Notice
    from notice_studio.core.render.renderer import RenderedNotice, RenderOptions


def _pdf(notice: Notice, options: RenderOptions, rendered: RenderedNotice, width: int, inline: bool) -> bytes:
    from notice_studio.core.export.paper import paper_for
    from notice_studio.qt_export.pdf import notice_pdf

    return notice_pdf(rendered, paper_for(notice.jurisdictions))


def _pdf_warnings(rendered: RenderedNotice) -> tuple[str, ...]:
    from notice_studio.qt_export.fonts import pdf_font_warnings

    return pdf_font_warnings(rendered)


register_exporter("pdf", _pdf, _pdf_warnings)

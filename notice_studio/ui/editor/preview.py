"""The preview: the whole notice as it will be published, re-rendered after a pause in typing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from notice_studio.core.render.renderer import RenderCache, RenderedNotice, RenderOptions, anchor_for, render
from notice_studio.ui.palette import (
    LINK,
    TABLE_HEAD_BACKGROUND,
    TABLE_RULE,
    UNFILLED,
    UNFILLED_BACKGROUND,
    muted_color,
    themed_name,
)
from notice_studio.ui.session import Session, snapshot
from notice_studio.ui.tasks import Debouncer

# The capitalised words in the style sheet are colours from ui/palette.py (CSS has no # comments:
# one inside the string made Qt drop the whole sheet).
_CSS = """
body { font-family: sans-serif; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 1.1em; }
h3 { font-size: 1.08em; margin-top: 0.9em; }
h4, h5, h6 { font-size: 1em; }
p, li { line-height: 140%; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid RULE; padding: 4px 6px; }
th { background: HEAD; }
.ns-unfilled, .ns-placeholder-unfilled, mark { background: MARK_BACKGROUND; color: MARK_TEXT; font-weight: bold; }
.ns-status, .ns-last-updated { color: MUTED; }
a { color: LINK; }
"""

TABLE_ROUNDING = 1
"""Qt lays a table of many columns (the cookie table's five) out one pixel wider than the width it
is given (its column widths are rounded up), which made the preview one pixel wider than its pane
and brought a horizontal scroll bar for that pixel. The text is laid out this much narrower."""


class PreviewPane(QTextBrowser):
    """Read-only rendering; clicking a section link follows it, the window follows the editor."""

    rendered = Signal(object)  # RenderedNotice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview of the published notice")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self._fit_width()
        css = _CSS
        for word, colour in (
            ("MARK_BACKGROUND", themed_name(UNFILLED_BACKGROUND)),
            ("MARK_TEXT", themed_name(UNFILLED)),
            ("RULE", themed_name(TABLE_RULE)),
            ("HEAD", themed_name(TABLE_HEAD_BACKGROUND)),
            ("MUTED", muted_color().name()),
            ("LINK", themed_name(LINK)),
        ):
            css = css.replace(word, colour)
        self.document().setDefaultStyleSheet(css)
        self.session: Session | None = None
        self.cache = RenderCache()
        self.last: RenderedNotice | None = None
        self._debounce = Debouncer(350, self.refresh, self)
        self._follow_id: str | None = None

    def _fit_width(self) -> None:
        width = max(1, self.viewport().width() - TABLE_ROUNDING)
        if width != self.lineWrapColumnOrWidth():
            self.setLineWrapColumnOrWidth(width)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # the pane or its vertical scroll bar changed the room
            self._fit_width()
        return super().viewportEvent(event)

    def attach(self, session: Session | None) -> None:
        self.session = session
        self.cache = RenderCache()
        self.last = None  # what this notice rendered: nothing yet
        if session is not None:
            session.edited.connect(self._debounce.poke)
            session.notice_replaced.connect(self.refresh)
            session.history_changed.connect(self._debounce.poke)
            self.refresh()
        else:
            self.clear()

    def refresh(self) -> None:
        """Render a snapshot of the notice in the background; show it when it arrives."""
        session = self.session
        if session is None:
            return
        copy = snapshot(session.notice)
        latest = session.latest_version
        # The draft is what is being edited: it shows "Draft — not published".
        options = RenderOptions(last_updated=latest.effective if latest else None, version_label=None)
        cache = self.cache
        session.tasks.latest("preview", lambda: render(copy, options, cache), self._show)

    def _show(self, result: object) -> None:
        assert isinstance(result, RenderedNotice)
        if self.last is not None and result.html == self.last.html:  # the same page: not laid out again
            self.last = result
            self.rendered.emit(result)
            return
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(result.html)
        bar.setValue(position)
        self.last = result
        self.rendered.emit(result)
        if self._follow_id:
            self.scrollToAnchor(anchor_for(self._follow_id))

    def follow(self, clause_id: str | None) -> None:
        """Scroll to the clause being edited."""
        self._follow_id = clause_id
        if clause_id:
            self.scrollToAnchor(anchor_for(clause_id))

    def follow_line(self, clause_id: str, line: int) -> None:
        """Scroll to the block rendered from line `line` (0-based) of the clause body."""
        spans = self.last.source_maps.get(clause_id, ()) if self.last is not None else ()
        target = anchor_for(clause_id)
        for span in spans:
            if span.start_line <= line:
                target = span.element_id
            if span.start_line <= line < span.end_line:
                break
        self.scrollToAnchor(target)

    def _follow(self, url: QUrl) -> None:
        if url.hasFragment() and not url.scheme():
            self.scrollToAnchor(url.fragment())

"""The clause editor: title, Markdown body with highlighting and completion, guidance beside it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.notice.model import title_problem
from notice_studio.ui.editor.highlighter import MarkdownHighlighter
from notice_studio.ui.notice_direction import set_notice_direction
from notice_studio.ui.palette import muted_color

_OPEN_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_.]*)$")
_OPEN_CROSSREF = re.compile(r"\[\[([a-z0-9-]*)$")
# The guidance column gives way first when room is short (a side panel open), down to this width.
GUIDANCE_MIN_CHARS = 22
TITLE_SCALE = 1.3  # the title's type against the body's; it shrinks back to the body's when room is short
TITLE_TEXT_MARGIN = 2  # what QLineEdit keeps either side of its text


class BodyEdit(QPlainTextEdit):
    """Plain-text Markdown editor that sends undo/redo to the notice's undo stack."""

    undo_requested = Signal()
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.08)
        self.setFont(font)
        self._completer: QCompleter | None = None
        self._kind = ""
        self.placeholder_words: list[str] = []
        self.clause_words: list[str] = []

    def set_completer(self, completer: QCompleter) -> None:
        self._completer = completer
        completer.setWidget(self)
        completer.activated.connect(self._insert_completion)

    def event(self, event) -> bool:
        # Let the window's Undo/Redo shortcuts through: the document keeps no undo of its own.
        if event.type() == event.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
                event.ignore()
                return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            self._completer
            and (popup := self._completer.popup()) is not None
            and popup.isVisible()
            and event.key()
            in (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            event.ignore()
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.redo_requested.emit()
            return
        super().keyPressEvent(event)
        self._maybe_complete()

    def _maybe_complete(self) -> None:
        if not self._completer:
            return
        cursor = self.textCursor()
        line = cursor.block().text()[: cursor.positionInBlock()]
        for kind, pattern in (("placeholder", _OPEN_PLACEHOLDER), ("crossref", _OPEN_CROSSREF)):
            match = pattern.search(line)
            if match:
                self._kind = kind
                words = self.placeholder_words if kind == "placeholder" else self.clause_words
                model = self._completer.model()
                if isinstance(model, QStringListModel) and model.stringList() != words:
                    model.setStringList(words)
                self._completer.setCompletionPrefix(match.group(1))
                rect = self.cursorRect()
                rect.setWidth(320)
                self._completer.complete(rect)
                return
        popup = self._completer.popup()
        if popup is not None:
            popup.hide()

    def _insert_completion(self, text: str) -> None:
        cursor = self.textCursor()
        prefix = len(self._completer.completionPrefix()) if self._completer else 0
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, prefix)
        closing = " }}" if self._kind == "placeholder" else "]]"
        cursor.insertText(text + closing)
        self.setTextCursor(cursor)


class ClauseEditor(QWidget):
    """Edits one clause at a time. Emits what the user did; the window turns it into commands."""

    body_edited = Signal(str, str, str, int)  # clause id, old body, new body, cursor position
    title_edited = Signal(str, str)  # clause id, new title
    title_refused = Signal(str)  # why the typed title was refused: the saved one is back in the field
    update_requested = Signal(str)  # clause id: take the newer library version
    compare_requested = Signal(str)  # clause id: show inserted / current / library texts
    guidance_toggled = Signal(bool)  # the user showed or hid the guidance column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clause_id: str | None = None
        self._body_before = ""
        self._shown_title = ""
        self._loading = False

        self.title = QLineEdit()
        self.title.setPlaceholderText("Clause title")
        self.title.setAccessibleName("Clause title")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * TITLE_SCALE)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setFrame(False)
        self.title.editingFinished.connect(self._title_done)
        self._title_size = title_font.pointSizeF()
        self.title.textChanged.connect(lambda _text: self._fit_title())
        self.title.installEventFilter(self)

        self.body = BodyEdit()
        self.body.setAccessibleName("Clause text")
        self.body.setPlaceholderText(
            "Write the clause in Markdown. {{ name }} inserts a placeholder, [[clause-id]] a cross-reference."
        )
        self.highlighter = MarkdownHighlighter(self.body.document())
        self.body.textChanged.connect(self._body_changed)
        # The model needs a parent: a temporary passed to QCompleter is garbage-collected.
        self.completion_model = QStringListModel(self)
        completer = QCompleter(self.completion_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.body.set_completer(completer)

        self.provenance = QLabel()
        self.provenance.setWordWrap(True)
        self.provenance.setAccessibleName("Where this clause came from")
        self.provenance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.update_button = QPushButton("Update from library…")
        self.update_button.setAccessibleName("Update this clause from the library")
        self.update_button.clicked.connect(lambda: self.clause_id and self.update_requested.emit(self.clause_id))
        self.update_button.hide()
        self.compare_button = QPushButton("Compare with library…")
        self.compare_button.setAccessibleName("Compare this clause with the library text")
        self.compare_button.clicked.connect(lambda: self.clause_id and self.compare_requested.emit(self.clause_id))
        self.compare_button.hide()
        self.guidance = QTextBrowser()
        self.guidance.setAccessibleName("Guidance for counsel")
        self.guidance.setOpenExternalLinks(False)
        self.guidance.setFrameShape(QFrame.Shape.NoFrame)

        side = self.side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        heading = QLabel(
            f"<b>Guidance</b> <span style='color:{muted_color().name()}'>(for you; never published)</span>"
        )
        heading.setWordWrap(True)  # the column may be narrow: room goes to the text and the preview
        side.setMinimumWidth(side.fontMetrics().averageCharWidth() * GUIDANCE_MIN_CHARS)
        side_layout.addWidget(self.provenance)
        side_layout.addWidget(heading)
        side_layout.addWidget(self.guidance, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.guidance_button = QToolButton()
        self.guidance_button.setText("Guidance")
        self.guidance_button.setCheckable(True)
        self.guidance_button.setChecked(True)
        self.guidance_button.setAccessibleName("Show the guidance beside the clause")
        self.guidance_button.setToolTip("Show or hide where the clause came from and the library's guidance")
        self.guidance_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_button.setArrowType(Qt.ArrowType.RightArrow)
        self.guidance_button.toggled.connect(self._guidance_toggled)
        # The title has the whole row (beside a side panel at 1366x768 it showed "How we protect
        # your"); the Guidance button and the library actions sit under it, in reach when the
        # guidance is hidden.
        left_layout.addWidget(self.title)
        library_row = QHBoxLayout()
        library_row.setContentsMargins(0, 0, 0, 0)
        library_row.addWidget(self.compare_button)
        library_row.addWidget(self.update_button)
        library_row.addStretch(1)
        library_row.addWidget(self.guidance_button)
        left_layout.addLayout(library_row)
        left_layout.addWidget(self.body, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self.setEnabled(False)

    # ----- showing a clause -------------------------------------------------------------------
    def show_clause(self, clause_id: str | None, title: str = "", body: str = "") -> None:
        self._loading = True
        try:
            self.clause_id = clause_id
            self.setEnabled(clause_id is not None)
            self._set_title(title)
            self.body.setPlainText(body)
            self._body_before = body
        finally:
            self._loading = False

    def set_language(self, language: str) -> None:
        """Lay the title and text out as the notice's language reads (right to left for Arabic,
        Hebrew...), even a line that starts with a Latin word or a placeholder; the app stays English."""
        set_notice_direction(self.title, language)
        set_notice_direction(self.body, language, self.body.document())

    def sync_from_model(self, title: str, body: str) -> None:
        """The model changed under us (undo, replace): show it, keeping the cursor near."""
        self._shown_title = title
        if self.title.text() != title:
            self._set_title(title)
        if self.body.toPlainText() == body:
            self._body_before = body
            return
        position = min(self.body.textCursor().position(), len(body))
        self._loading = True
        try:
            self.body.setPlainText(body)
            self._body_before = body
            cursor = self.body.textCursor()
            cursor.setPosition(min(position, len(self.body.toPlainText())))
            self.body.setTextCursor(cursor)
        finally:
            self._loading = False

    def _set_title(self, title: str) -> None:
        # Long titles show their beginning (setText leaves the cursor, and the view, at the end).
        self._shown_title = title
        self.title.setText(title)
        self.title.setCursorPosition(0)
        self.title.setToolTip(title)

    def _fit_title(self) -> None:
        """The title in its large type when it fits the field, else smaller (down to the body's
        size) so a narrow editor still shows it whole; the tooltip always holds all of it."""
        font = QFont(self.title.font())
        room = self.title.contentsRect().width() - 2 * TITLE_TEXT_MARGIN
        smallest = self._title_size / TITLE_SCALE
        size = self._title_size
        font.setPointSizeF(size)
        while size > smallest and QFontMetrics(font).horizontalAdvance(self.title.text()) > room:
            size = max(smallest, size - 0.5)
            font.setPointSizeF(size)
        if size != self.title.font().pointSizeF():
            self.title.setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.title and event.type() == QEvent.Type.Resize:
            self._fit_title()
        return super().eventFilter(watched, event)

    def set_guidance_visible(self, visible: bool) -> None:
        self.guidance_button.setChecked(visible)
        self.side.setVisible(visible)

    def _guidance_toggled(self, visible: bool) -> None:
        self.side.setVisible(visible)
        self.guidance_button.setArrowType(Qt.ArrowType.RightArrow if visible else Qt.ArrowType.LeftArrow)
        self.guidance_toggled.emit(visible)

    def set_side(self, provenance_html: str, guidance: str, update_available: bool, can_compare: bool = False) -> None:
        self.provenance.setText(provenance_html)
        self.update_button.setVisible(update_available)
        self.compare_button.setVisible(can_compare)
        if guidance.strip():
            paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", guidance.strip())]
            self.guidance.setHtml("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p))
        else:
            self.guidance.setHtml(
                f"<span style='color:{muted_color().name()}'>No guidance: this clause was written for this notice.</span>"
            )

    def set_completions(
        self, placeholders: list[str], clause_ids: list[str], filled: set[str], aliases: Iterable[str] = ()
    ) -> None:
        """`aliases`: library ids a cross-reference may use for a section (Notice.reference_aliases)."""
        self.body.placeholder_words = placeholders
        self.body.clause_words = clause_ids
        self.highlighter.known_variables = set(placeholders)
        self.highlighter.filled_variables = set(filled)
        self.highlighter.known_clauses = set(clause_ids) | set(aliases)
        self.highlighter.rehighlight()

    def select_text(self, start: int | None, end: int | None) -> None:
        if start is None:
            return
        cursor = self.body.textCursor()
        cursor.setPosition(min(start, len(self.body.toPlainText())))
        cursor.setPosition(
            min(end if end is not None else start, len(self.body.toPlainText())), QTextCursor.MoveMode.KeepAnchor
        )
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    # ----- user edits -------------------------------------------------------------------------
    def _body_changed(self) -> None:
        if self._loading or self.clause_id is None:
            return
        new = self.body.toPlainText()
        old, self._body_before = self._body_before, new
        if new != old:
            self.body_edited.emit(self.clause_id, old, new, self.body.textCursor().position())

    def flush_title(self) -> None:
        """Hand over a title typed but not yet confirmed (switching clause, closing)."""
        self._title_done()

    def _title_done(self) -> None:
        if self.clause_id is None:
            return
        problem = title_problem(self.title.text())  # the core's rule, said before anything is saved
        if not problem:
            self.title_edited.emit(self.clause_id, self.title.text())
        elif self._shown_title:  # never leave the field blank (or a paragraph) over the kept title
            self._set_title(self._shown_title)
            self.title_refused.emit(problem.replace("a title.", "a title, so its saved title is back."))

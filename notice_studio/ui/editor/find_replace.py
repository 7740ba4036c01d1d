"""Find and replace across every clause of the notice (titles and text).

Finding is pure (`find_matches` over the notice); replacing goes through the undo stack:
one EditBody/Rename per clause, and "Replace all" wraps them in ONE undo macro.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.notice.model import MAX_TITLE, Notice, title_problem
from notice_studio.core.text_search import TextSearch
from notice_studio.core.wording import plural
from notice_studio.ui import commands
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.session import Session
from notice_studio.ui.tasks import Debouncer

TITLE, BODY = "title", "body"


@dataclass(frozen=True)
class Match:
    clause_id: str
    field: str  # TITLE or BODY
    start: int
    end: int
    order: int  # the clause's place in reading order

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.order, 0 if self.field == TITLE else 1, self.start)


def make_pattern(text: str, match_case: bool = False, whole_words: bool = False) -> TextSearch | None:
    """The search (the text is literal, case folded as `core/text_search.py` does); None for an empty search."""
    return TextSearch(text, match_case, whole_words) if text else None


def find_matches(notice: Notice, pattern: TextSearch | None) -> list[Match]:
    """Every match in reading order: each clause's title, then its text."""
    if pattern is None:
        return []
    found: list[Match] = []
    for order, clause in enumerate(notice.all_clauses()):
        for field, text in ((TITLE, clause.title), (BODY, clause.body)):
            found += [Match(clause.id, field, start, end, order) for start, end in pattern.spans(text)]
    return found


class FindReplaceDialog(QDialog):
    """Non-modal: find, replace, replace all (one undo step)."""

    def __init__(self, state: AppState, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.nav = state, nav
        self.setWindowTitle("Find and replace")
        self.setAccessibleName("Find and replace")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.current: Match | None = None
        self._session: Session | None = None
        self._recount = Debouncer(150, self.update_count, self)

        self.find_edit = QLineEdit()
        self.find_edit.setAccessibleName("Find")
        self.find_edit.setPlaceholderText("Words to find in every clause")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setAccessibleName("Replace with")
        self.replace_edit.setPlaceholderText("Leave empty to delete the words")
        self.case_box = QCheckBox("Match &case")
        self.case_box.setAccessibleName("Match case")
        self.words_box = QCheckBox("&Whole words only")
        self.words_box.setAccessibleName("Whole words only")
        for signal in (self.find_edit.textChanged, self.case_box.toggled, self.words_box.toggled):
            signal.connect(self._criteria_changed)

        self.count = QLabel("")
        self.count.setAccessibleName("Matches found")
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the words searched for
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Find and replace status")

        self.next_button = self._button("Find &next", self.find_next)
        self.next_button.setDefault(True)
        self.previous_button = self._button("Find &previous", lambda: self.find_next(backwards=True))
        self.replace_button = self._button("&Replace", self.replace)
        self.replace_all_button = self._button("Replace &all", self.replace_all)
        self.close_button = self._button("Close", self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, lambda: self.find_next(backwards=True))

        form = QFormLayout()
        form.addRow("&Find:", self.find_edit)
        form.addRow("Replace &with:", self.replace_edit)
        options = QHBoxLayout()
        options.addWidget(self.case_box)
        options.addWidget(self.words_box)
        options.addStretch(1)
        form.addRow("", options)
        form.addRow("", self.count)
        buttons = QHBoxLayout()
        for button in (self.previous_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.replace_button, self.replace_all_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        closing = QHBoxLayout()
        closing.addStretch(1)
        closing.addWidget(self.close_button)
        layout.addLayout(closing)
        self.resize(520, self.sizeHint().height())

        state.session_changed.connect(self._session_changed)
        self._session_changed(state.session)
        self._take_over_earlier()
        self._prefill()
        self.update_count()

    def _take_over_earlier(self) -> None:
        """One find dialog at a time: a new one takes the open one's words and place."""
        for other in _siblings(self):
            if other is self or not other.isVisible():
                continue
            self.find_edit.setText(other.find_edit.text())
            self.replace_edit.setText(other.replace_edit.text())
            self.case_box.setChecked(other.case_box.isChecked())
            self.words_box.setChecked(other.words_box.isChecked())
            self.setGeometry(other.geometry())
            other.close()

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setAutoDefault(False)
        button.clicked.connect(lambda *_: slot())
        return button

    def _prefill(self) -> None:
        """Start with the words selected in the clause editor, if any (one line)."""
        selected = self.nav.selected_text()
        if selected and "\u2029" not in selected and len(selected) <= 200:
            self.find_edit.setText(selected)
        self.find_edit.selectAll()
        self.find_edit.setFocus()

    # ----- following the window ---------------------------------------------------------------
    def _session_changed(self, session: Session | None) -> None:
        if self._session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._session.edited.disconnect(self._recount.poke)
        self._session = session
        self.current = None
        if session is None:
            self.close()
            return
        session.edited.connect(self._recount.poke)

    def closeEvent(self, event) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self.state.session_changed.disconnect(self._session_changed)
        if self._session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._session.edited.disconnect(self._recount.poke)
        super().closeEvent(event)

    # ----- finding ----------------------------------------------------------------------------
    def pattern(self) -> TextSearch | None:
        return make_pattern(self.find_edit.text(), self.case_box.isChecked(), self.words_box.isChecked())

    def matches(self) -> list[Match]:
        return find_matches(self._session.notice, self.pattern()) if self._session else []

    def _criteria_changed(self) -> None:
        self.current = None
        self.status.setText("")
        self._recount.poke()

    def update_count(self) -> None:
        found = self.matches()
        has_text = bool(self.find_edit.text())
        clauses = len({m.clause_id for m in found})
        if not has_text:
            self.count.setText("")
        elif not found:
            self.count.setText("No matches")
        else:
            where = plural(clauses, "clause")
            prefix = ""
            if self.current is not None and self.current in found:
                prefix = f"Match {found.index(self.current) + 1} of "
            self.count.setText(f"{prefix}{plural(len(found), 'match', 'matches')} in {where}")
        for button in (self.next_button, self.previous_button, self.replace_button, self.replace_all_button):
            button.setEnabled(bool(found))

    def _start_key(self) -> tuple[int, int, int]:
        """Where to search from: the last match found, else the clause selected in the outline."""
        if self.current is not None:
            return self.current.key
        session = self._session
        clause_id = self.nav.current_clause_id() if session else None
        order = 0
        if clause_id is not None and session is not None:
            ids = [c.id for c in session.notice.all_clauses()]
            order = ids.index(clause_id) if clause_id in ids else 0
        return (order, -1, -1)

    def find_next(self, backwards: bool = False) -> Match | None:
        """Select the next (or previous) match, wrapping around the notice."""
        found = self.matches()
        if not found:
            self.current = None
            self.status.setText("No matches in the notice." if self.find_edit.text() else "")
            self.update_count()
            return None
        start = self._start_key()
        wrapped = False
        if backwards:
            earlier = [m for m in found if m.key < start]
            match = earlier[-1] if earlier else found[-1]
            wrapped = not earlier and self.current is not None
        else:
            later = [m for m in found if m.key > start]
            match = later[0] if later else found[0]
            wrapped = not later and self.current is not None
        self.current = match
        self._select(match)
        self.status.setText(
            ("Continued from the end of the notice." if backwards else "Continued from the start of the notice.")
            if wrapped
            else ""
        )
        self.update_count()
        return match

    def _select(self, match: Match) -> None:
        if match.field == BODY:
            self.nav.select_clause(match.clause_id, match.start, match.end)
        else:
            self.nav.select_clause(match.clause_id)
            self.nav.select_title_text(match.start, match.end)
        # Keep typing in this dialog; the selection stays visible in the editor.
        self.activateWindow()

    # ----- replacing --------------------------------------------------------------------------
    def replace(self) -> None:
        """Replace the selected match (if it is still there), then find the next one."""
        session, match, pattern = self._session, self.current, self.pattern()
        if session is None or pattern is None:
            return
        if match is None or not session.notice.has(match.clause_id):
            self.find_next()
            return
        clause = session.notice.find(match.clause_id)
        text = clause.title if match.field == TITLE else clause.body
        if not pattern.found_at(text, match.start, match.end):
            self.current = None
            self.find_next()
            return
        replacement = self.replace_edit.text()
        new = text[: match.start] + replacement + text[match.end :]
        if match.field == BODY:
            session.undo_stack.push(commands.EditBody(session, clause.id, text, new, match.start + len(replacement)))
        elif not title_problem(new):
            session.undo_stack.push(commands.Rename(session, clause.id, new))
        else:
            self.status.setText(
                f"A clause needs a title of at most {MAX_TITLE} characters; that match was left as it is."
            )
        # Continue after the replacement, so replacing "a" with "aa" does not loop.
        after = match.start + len(replacement) - 1
        self.current = Match(match.clause_id, match.field, after, after, match.order)
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match in the notice as ONE undo step; returns how many were replaced."""
        session, pattern = self._session, self.pattern()
        if session is None or pattern is None:
            return 0
        replacement = self.replace_edit.text()
        edits: list[tuple[str, str, str, str]] = []  # clause id, field, old, new
        count = 0
        skipped = 0
        for clause in session.notice.all_clauses():
            for field, text in ((TITLE, clause.title), (BODY, clause.body)):
                new, n = pattern.replace_all(text, replacement)
                if not n:
                    continue
                if field == TITLE and title_problem(new):
                    skipped += n
                    continue
                edits.append((clause.id, field, text, new))
                count += n
        if not edits:
            self.status.setText(
                "Nothing to replace."
                if not skipped
                else "Only clause titles matched, and replacing would leave them empty."
            )
            return 0
        clauses = len({e[0] for e in edits})
        session.undo_stack.beginMacro(f"Replace ‘{self.find_edit.text()}’ with ‘{replacement}’")
        try:
            for clause_id, field, old, new in edits:
                if field == BODY:
                    session.undo_stack.push(commands.EditBody(session, clause_id, old, new))
                else:
                    session.undo_stack.push(commands.Rename(session, clause_id, new))
        finally:
            session.undo_stack.endMacro()
        self.current = None
        note = (
            f" {skipped} title match{'es were' if skipped != 1 else ' was'} left: a title cannot be empty or longer "
            f"than {MAX_TITLE} characters."
            if skipped
            else ""
        )
        self.status.setText(
            f"Replaced {plural(count, 'match', 'matches')} in {plural(clauses, 'clause')}. "
            f"Undo (Ctrl+Z) puts them all back.{note}"
        )
        self.update_count()
        return count


def _siblings(dialog: FindReplaceDialog) -> list[FindReplaceDialog]:
    """The find dialogs open over the same window."""
    parent = dialog.parentWidget()
    return parent.findChildren(FindReplaceDialog) if parent is not None else []

"""The comparison window's conflict mode: theirs | yours | result, and a choice for each.

When a sync finds places both sides changed, the comparison window lists them on the left,
shows theirs and yours in its two side-by-side panes (each against the common ancestor: the
words that side removed struck through, the words it added underlined) and adds a third
column, the result, with Take theirs, Take yours and Edit. Nothing is merged until every
conflict is decided; `decided` then carries the choices to the next sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from notice_studio.core.diff.words import EQUAL, WordOp, diff_words
from notice_studio.core.remote.merge import EDIT, REMOVED, THEIRS, YOURS, Conflict, Resolution
from notice_studio.ui.compare.diff_panes import BOTH, MODIFIED
from notice_studio.ui.compare.diff_rows import SummaryEntry

if TYPE_CHECKING:
    from notice_studio.ui.compare.diff_window import DiffWindow

THEIRS_LABEL = "Theirs (on the server)"
YOURS_LABEL = "Yours"
_DECIDED = {THEIRS: "theirs", YOURS: "yours", EDIT: "edited"}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class ConflictMode(QObject):
    """Decide each conflict in the comparison window: take theirs, take yours, or edit the result."""

    decided = Signal(object)  # dict[str, Resolution] once every conflict has a choice

    def __init__(self, window: DiffWindow, conflicts: tuple[Conflict, ...]) -> None:
        super().__init__(window)
        self.window = window
        self.conflicts = list(conflicts)
        self._choices: dict[str, Resolution] = {}
        self._showing: Conflict | None = None
        self._filling = False
        self._build()
        self._fill()
        window.change_shown.connect(self._show)
        window.show_ready()
        self._update_state()

    # ----- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        window = self.window
        window.summary_label.setText(
            "You and someone else changed the same thing. For each, take theirs, keep yours, or write the "
            "result. Nothing is merged or sent until every one is decided."
        )
        for widget in (window.export_button, window.changed_only, window.legend):
            widget.hide()
        self.result_edit = QPlainTextEdit()
        self.result_edit.setReadOnly(True)
        self.result_edit.setAccessibleName("Result")
        self.result_edit.setPlaceholderText("Choose theirs or yours, or edit the result")
        self.result_edit.textChanged.connect(self._edited)
        self.base = QLabel()
        self.base.setWordWrap(True)
        self.base.setAccessibleName("Before either change")
        self.take_theirs = QPushButton("Take &theirs")
        self.take_yours = QPushButton("Take &yours")
        self.edit = QPushButton("&Edit the result")
        self.take_theirs.clicked.connect(lambda: self._choose(THEIRS))
        self.take_yours.clicked.connect(lambda: self._choose(YOURS))
        self.edit.clicked.connect(self._start_edit)
        column = QVBoxLayout()
        label = QLabel("<b>Result</b>")
        label.setBuddy(self.result_edit)
        column.addWidget(label)
        column.addWidget(self.result_edit, 1)
        column.addWidget(self.base)
        buttons = QHBoxLayout()
        for button in (self.take_theirs, self.take_yours, self.edit):
            buttons.addWidget(button)
        column.addLayout(buttons)
        box = QWidget()
        box.setLayout(column)
        column.setContentsMargins(0, 0, 0, 0)
        window.pane_row.addWidget(box, 1)  # after the shared scroll bar: the result is not scrolled with them
        self.merge_button = QPushButton("Merge and sync")
        self.merge_button.setAccessibleName("Merge and sync")
        self.merge_button.clicked.connect(self._accept)
        window.bar.addWidget(self.merge_button)

    def _fill(self) -> None:
        window = self.window
        window.entries = [
            SummaryEntry(c.key, MODIFIED, _capitalised(c.label), f"Before either change: {c.base or '(nothing)'}")
            for c in self.conflicts
        ]
        window.fill_summary()
        colours = window.colours
        for pane, side in ((window.old_pane, THEIRS), (window.new_pane, YOURS)):
            pane.side = BOTH  # each side against the ancestor: removed and added words both show
            pane.reset()
            with pane.editing():
                for conflict in self.conflicts:
                    row = pane.add_row(conflict.key, MODIFIED, colours)
                    row.heading("", [WordOp(EQUAL, _capitalised(conflict.label))])
                    value = conflict.theirs if side == THEIRS else conflict.yours
                    if value == REMOVED:
                        row.note(f"{'They' if side == THEIRS else 'You'} removed this clause.")
                        value = ""
                    row.text(diff_words(conflict.base, value), empty="(empty)")
        window.sync.align_now()

    # ----- choosing ---------------------------------------------------------------------------
    def resolutions(self) -> dict[str, Resolution]:
        return dict(self._choices)

    def _show(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self._showing = conflict
        self._filling = True
        try:
            self.result_edit.setPlainText(self._result_text(conflict) if conflict else "")
            self.result_edit.setReadOnly(True)
        finally:
            self._filling = False
        self.base.setText(f"Before either change: {conflict.base or '(nothing)'}" if conflict else "")
        self.edit.setEnabled(bool(conflict and conflict.editable))

    def _result_text(self, conflict: Conflict) -> str:
        choice = self._choices.get(conflict.key)
        if choice is None:
            return ""
        return {THEIRS: conflict.theirs, YOURS: conflict.yours}.get(choice.choice, choice.text)

    def _choose(self, choice: str) -> None:
        if self._showing is None:
            return
        self._choices[self._showing.key] = Resolution(choice)
        self._show(self.window.current_change_index)
        self._update_state()

    def _start_edit(self) -> None:
        if self._showing is None or not self._showing.editable:
            return
        if self._showing.key not in self._choices:
            self._choices[self._showing.key] = Resolution(EDIT, self._showing.yours)
            self._show(self.window.current_change_index)
        self.result_edit.setReadOnly(False)
        self.result_edit.setFocus()
        self._update_state()

    def _edited(self) -> None:
        if self._filling or self._showing is None or self.result_edit.isReadOnly():
            return
        self._choices[self._showing.key] = Resolution(EDIT, self.result_edit.toPlainText())
        self._update_state()

    def _update_state(self) -> None:
        summary = self.window.summary
        for row, conflict in enumerate(self.conflicts):
            item = summary.item(row)
            choice = self._choices.get(conflict.key)
            mark = _DECIDED.get(choice.choice, "") if choice else ""
            item.setCheckState(Qt.CheckState.Checked if choice else Qt.CheckState.Unchecked)
            item.setToolTip(f"Decided: {mark}" if mark else "Not decided yet")
        left = sum(c.key not in self._choices for c in self.conflicts)
        self.merge_button.setEnabled(left == 0)
        self.merge_button.setToolTip("" if not left else f"{left} still to decide")

    def _accept(self) -> None:
        if all(c.key in self._choices for c in self.conflicts):
            self.decided.emit(self.resolutions())
            self.window.close()

"""The conflict view: for each place both sides changed, theirs / yours / result, and a choice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.remote.merge import EDIT, THEIRS, YOURS, Conflict, Resolution


def _pane(title: str, read_only: bool) -> tuple[QWidget, QPlainTextEdit]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    text = QPlainTextEdit()
    text.setReadOnly(read_only)
    text.setAccessibleName(title)
    label.setBuddy(text)
    layout.addWidget(label)
    layout.addWidget(text)
    return box, text


class ConflictDialog(QDialog):
    """Decide each conflict: take theirs, take yours, or edit the result (text, titles, values)."""

    decided = Signal(object)  # dict[str, Resolution] once every conflict has a choice

    def __init__(self, conflicts: tuple[Conflict, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Both of you changed the same words")
        self._conflicts = list(conflicts)
        self._choices: dict[str, Resolution] = {}

        intro = QLabel(
            "You and someone else changed the same thing. For each, keep yours, take theirs, or write the result. "
            "Nothing is sent until every one is decided."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Conflicts")
        self.list.setWordWrap(True)
        for conflict in self._conflicts:
            item = QListWidgetItem(conflict.label[:1].upper() + conflict.label[1:])
            item.setData(Qt.ItemDataRole.UserRole, conflict.key)
            self.list.addItem(item)

        theirs_box, self.theirs = _pane("Theirs", True)
        yours_box, self.yours = _pane("Yours", True)
        result_box, self.result_edit = _pane("Result", False)
        self.base = QLabel()
        self.base.setWordWrap(True)
        self.take_theirs = QPushButton("Take &theirs")
        self.take_yours = QPushButton("Take &yours")
        self.edit = QPushButton("&Edit the result")
        self.take_theirs.clicked.connect(lambda: self._choose(THEIRS))
        self.take_yours.clicked.connect(lambda: self._choose(YOURS))
        self.edit.clicked.connect(self._start_edit)
        self.result_edit.textChanged.connect(self._edited)

        panes = QWidget()
        grid = QGridLayout(panes)
        grid.addWidget(theirs_box, 0, 0)
        grid.addWidget(yours_box, 0, 1)
        grid.addWidget(result_box, 0, 2)
        buttons_row = QHBoxLayout()
        for button in (self.take_theirs, self.take_yours, self.edit):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        grid.addWidget(self.base, 1, 0, 1, 3)
        grid.addLayout(buttons_row, 2, 0, 1, 3)

        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(panes)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 720])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("Merge and sync", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 520)

        self._showing: Conflict | None = None
        self._filling = False
        self.list.currentRowChanged.connect(self._show)
        if self._conflicts:
            self.list.setCurrentRow(0)
        self._update_state()

    # ----- state ------------------------------------------------------------------------------
    def resolutions(self) -> dict[str, Resolution]:
        return dict(self._choices)

    def _show(self, row: int) -> None:
        conflict = self._conflicts[row] if 0 <= row < len(self._conflicts) else None
        self._showing = conflict
        self._filling = True
        try:
            self.theirs.setPlainText(conflict.theirs if conflict else "")
            self.yours.setPlainText(conflict.yours if conflict else "")
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
        self._show(self.list.currentRow())
        self._update_state()

    def _start_edit(self) -> None:
        if self._showing is None or not self._showing.editable:
            return
        if self._showing.key not in self._choices:
            self._choices[self._showing.key] = Resolution(EDIT, self._showing.yours)
            self._show(self.list.currentRow())
        self.result_edit.setReadOnly(False)
        self.result_edit.setFocus()
        self._update_state()

    def _edited(self) -> None:
        if self._filling or self._showing is None or self.result_edit.isReadOnly():
            return
        self._choices[self._showing.key] = Resolution(EDIT, self.result_edit.toPlainText())
        self._update_state()

    def _update_state(self) -> None:
        for row, conflict in enumerate(self._conflicts):
            item = self.list.item(row)
            choice = self._choices.get(conflict.key)
            mark = {THEIRS: "theirs", YOURS: "yours", EDIT: "edited"}.get(choice.choice, "") if choice else ""
            item.setToolTip(f"Decided: {mark}" if mark else "Not decided yet")
            item.setCheckState(Qt.CheckState.Checked if choice else Qt.CheckState.Unchecked)
        self.merge_button.setEnabled(all(c.key in self._choices for c in self._conflicts))

    def _accept(self) -> None:
        if all(c.key in self._choices for c in self._conflicts):
            self.decided.emit(self.resolutions())
            self.accept()

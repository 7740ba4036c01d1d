"""Before a notice is created: counsel confirms each 'no' that makes requirements not apply.

Takes the waivers core lists (`core.practices.facts.waived_requirements`) and returns the
answers; the caller sets them as the new notice's facts. Holds no rule.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.practices.facts import Waiver
from notice_studio.ui.layout.fit import size_window

UNANSWERED, NO, YES = "", "no", "yes"


class ConfirmWaiversDialog(QDialog):
    """One question per waiving fact; Create is enabled once every one is answered."""

    def __init__(self, waivers: list[Waiver], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confirm the answers that leave requirements out")
        self.waivers = waivers
        intro = QLabel(
            "The template answers these questions 'no', so the notice will not cover the requirements"
            " listed under each. Confirm each answer, or answer 'yes' to keep them."
        )
        intro.setWordWrap(True)
        rows = QVBoxLayout()
        self.choices: dict[str, QComboBox] = {}
        for waiver in waivers:
            combo = QComboBox()
            combo.setAccessibleName(waiver.question)
            combo.addItem("Choose…", UNANSWERED)
            combo.addItem("No (confirmed)", NO)
            combo.addItem("Yes", YES)
            combo.currentIndexChanged.connect(lambda *_: self._update())
            self.choices[waiver.fact] = combo
            cited = "; ".join(citation for _, _, citation in waiver.elements)
            question = QLabel(f"{waiver.question}\nLeaves out: {cited}")
            question.setWordWrap(True)
            question.setTextFormat(Qt.TextFormat.PlainText)
            question.setBuddy(combo)
            row = QHBoxLayout()
            row.addWidget(question, 1)
            row.addWidget(combo, 0, Qt.AlignmentFlag.AlignTop)
            rows.addLayout(row)
        rows.addStretch(1)
        holder = QWidget()
        holder.setLayout(rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create the notice")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self._update()
        # room for the questions (a waiver's citations run to several lines), within the screen;
        # the list scrolls inside its own box and the buttons stay in view
        size_window(self, QSize(760, min(720, 150 + 50 * len(waivers))))

    def _update(self) -> None:
        done = all(combo.currentData() != UNANSWERED for combo in self.choices.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(done)

    def answers(self) -> dict[str, bool]:
        """fact -> answer, for every answered question."""
        return {
            fact: combo.currentData() == YES
            for fact, combo in self.choices.items()
            if combo.currentData() != UNANSWERED
        }

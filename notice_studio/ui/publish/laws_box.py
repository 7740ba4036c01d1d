"""The laws a notice is written for, as ticks (in File > Notice settings…): every law the library
knows by its full name, the notice's own ticked, and what a change does. The rule for a choice
is the core's (core.library.jurisdictions); the change is made by the workspace's set_laws."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from notice_studio.core.library.jurisdictions import JURISDICTIONS, choice_problem

COLUMNS = 2
WHAT_CHANGES = (
    "Each law ticked gets a coverage check in the Checks panel (what the notice must still say under it), "
    "and the Library panel's “Laws of this notice” filter shows its clauses. Sections and clauses written "
    "for a law not ticked are flagged instead. The notice's text does not change; Undo (Ctrl+Z) puts the "
    "laws back."
)


class LawsBox(QGroupBox):
    """One tick box per law; `chosen()` keeps the notice's order and adds new laws after it."""

    def __init__(self, current: list[str], parent: QWidget | None = None) -> None:
        super().__init__("Laws this notice is written for", parent)
        self.current = list(current)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName("Why the laws cannot be saved")
        self.problem.setStyleSheet("font-weight: bold")
        self.problem.hide()
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.boxes: dict[str, QCheckBox] = {}
        for index, (law, name) in enumerate((j, entry.label) for j, entry in JURISDICTIONS.items()):
            box = QCheckBox(name)
            box.setAccessibleName(name)
            box.setChecked(law in self.current)
            box.toggled.connect(lambda _on: self.problem.hide())
            grid.addWidget(box, index // COLUMNS, index % COLUMNS)
            self.boxes[law] = box
        layout.addLayout(grid)
        explain = QLabel(WHAT_CHANGES)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(self.problem)

    def chosen(self) -> list[str]:
        """The ticked laws: the notice's own in its order, then the newly ticked ones."""
        ticked = [law for law, box in self.boxes.items() if box.isChecked()]
        return [law for law in self.current if law in ticked] + [law for law in ticked if law not in self.current]

    def changed(self) -> bool:
        return self.chosen() != self.current

    def propose(self, law: str) -> None:
        """Tick `law` (a check asked for it) and put the keyboard on it, for counsel to confirm."""
        box = self.boxes.get(law)
        if box is not None:
            box.setChecked(True)
            box.setFocus(Qt.FocusReason.OtherFocusReason)

    def refusal(self) -> str:
        """Why the choice cannot be saved ('' when it can), shown under the ticks."""
        problem = choice_problem(self.chosen()) if self.changed() else ""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        return problem

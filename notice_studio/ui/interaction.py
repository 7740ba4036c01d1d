"""The app's answers to the workspace's questions: dialogs over the window (core never opens one)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget


class DialogInteraction:
    """Implements core's `Interaction` with message boxes parented to `parent`."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def confirm(self, question: str, *, default: bool = False) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        preferred = QMessageBox.StandardButton.Yes if default else QMessageBox.StandardButton.No
        return QMessageBox.question(self.parent, "Notice Studio", question, buttons, preferred) == (
            QMessageBox.StandardButton.Yes
        )

    def choose(self, question: str, options: Sequence[tuple[str, str]], *, unattended: str = "") -> str | None:
        box = QMessageBox(QMessageBox.Icon.Question, "Notice Studio", question, parent=self.parent)
        buttons: dict[object, str] = {}
        for key, label in options:
            button = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
            button.setAccessibleName(label)
            buttons[button] = key
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked: object = box.clickedButton()
        return buttons.get(clicked)

    def inform(self, message: str) -> None:
        QMessageBox.information(self.parent, "Notice Studio", message)

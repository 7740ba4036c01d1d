"""Edit > Your name and e-mail: who is recorded on every edit and published version."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def author_problem(name: str, email: str) -> str:
    """What is wrong with a name and e-mail typed by the user, in one sentence ('' when fine)."""
    if not name.strip():
        return "Enter your name as colleagues should see it in the history."
    if email.strip() and not _EMAIL.match(email.strip()):
        return "That e-mail address looks incomplete; check it or leave it empty."
    return ""


class AuthorForm(QWidget):
    """Name and e-mail fields with the problem shown under them (used by three dialogs)."""

    validity_changed = Signal(bool)

    def __init__(self, name: str, email: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(name)
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Dana Whitfield")
        self.email = QLineEdit(email)
        self.email.setAccessibleName("Your e-mail")
        self.email.setPlaceholderText("e.g. dana.whitfield@example.com")
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with your name or e-mail")
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Name:", self.name)
        form.addRow("&E-mail:", self.email)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.name.textChanged.connect(self._validate)
        self.email.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        problem = author_problem(self.name.text(), self.email.text())
        self.problem.setText(problem)
        self.validity_changed.emit(not problem)

    def is_valid(self) -> bool:
        return not author_problem(self.name.text(), self.email.text())

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), self.email.text().strip()


class AuthorDialog(QDialog):
    def __init__(self, name: str, email: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your name and e-mail")
        self.setMinimumWidth(min(440, parent.screen().availableGeometry().width() - 40) if parent else 440)
        intro = QLabel(
            "Every edit you make and every version you publish records this name and e-mail in the notice's history."
        )
        intro.setWordWrap(True)
        self.form = AuthorForm(name, email, self)
        self.name, self.email, self.problem = self.form.name, self.form.email, self.form.problem
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.form.validity_changed.connect(self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.form.is_valid())

    def values(self) -> tuple[str, str]:
        return self.form.values()

"""Edit > Your name and e-mail: who is recorded on every edit and published version."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AuthorDialog(QDialog):
    def __init__(self, name: str, email: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your name and e-mail")
        self.setMinimumWidth(440)
        intro = QLabel(
            "Every edit you make and every version you publish records this name and e-mail in the notice's history."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Dana Whitfield")
        self.email = QLineEdit(email)
        self.email.setAccessibleName("Your e-mail")
        self.email.setPlaceholderText("e.g. dana.whitfield@example.com")
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&E-mail:", self.email)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._validate)
        self.email.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        name, email = self.name.text().strip(), self.email.text().strip()
        if not name:
            problem = "Enter your name as colleagues should see it in the history."
        elif email and not _EMAIL.match(email):
            problem = "That e-mail address looks incomplete; check it or leave it empty."
        else:
            problem = ""
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), self.email.text().strip()

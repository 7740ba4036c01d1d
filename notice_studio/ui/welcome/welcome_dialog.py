"""The welcome on first start: who you are (recorded on edits), what the sample is, where to begin."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from notice_studio.core.importer.readers import SUPPORTED_TEXT
from notice_studio.core.wording import SET_YOUR_NAME
from notice_studio.ui.author_dialog import AuthorForm
from notice_studio.ui.layout.fit import fit_dialog

# What the user chose to do after the welcome (the window acts on it; SAMPLE and STAY just close it).
SAMPLE, NEW, IMPORT, OPEN, STAY = "sample", "new", "import", "open", "stay"

SAMPLE_TEXT = (
    "The notice behind this window is a <b>sample</b>, made from the “SaaS company — EU/UK + "
    "California” template with example values, so you can try everything safely: edit a clause, "
    "look at the checks, compare versions, publish and export. It lives in your user data folder "
    "and is never published anywhere unless you export it."
)


class WelcomeDialog(QDialog):
    """Asks for name and e-mail and offers New / Import / Open; over the sample notice it also
    explains the sample and offers to look at it, over the user's own notice it offers to close."""

    def __init__(
        self, name: str, email: str, parent: QWidget | None = None, problem: str = "", *, sample: bool = True
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Notice Studio")
        stay = self.stay = SAMPLE if sample else STAY
        self.choice = stay
        self._given = (name.strip(), email.strip())
        self.asking: QMessageBox | None = None
        layout = QVBoxLayout(self)
        heading = QLabel("Welcome to Notice Studio")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.problem = QLabel(problem)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setAccessibleName("Why your last notice is not open")
        self.problem.setFrameShape(QLabel.Shape.StyledPanel)
        self.problem.setStyleSheet("QLabel { padding: 6px; }")
        self.problem.setVisible(bool(problem))
        layout.addWidget(self.problem)
        who = QLabel(
            "<b>Who you are.</b> Every edit and every published version records your name and e-mail, "
            f"so the history shows who changed what. You can change them later in {html.escape(SET_YOUR_NAME)}."
        )
        who.setWordWrap(True)
        layout.addWidget(who)
        self.form = AuthorForm(name, email, self)
        layout.addWidget(self.form)
        self.sample_text: QLabel | None = None
        if sample:
            self.sample_text = QLabel(SAMPLE_TEXT)
            self.sample_text.setWordWrap(True)
            self.sample_text.setTextFormat(Qt.TextFormat.RichText)
            self.sample_text.setAccessibleName("About the sample notice")
            layout.addWidget(self.sample_text)
        where = (
            f"Start your own notice from a template, import the notice you already have ({SUPPORTED_TEXT}), "
            "open a notice folder, or look around the sample first."
            if sample
            else f"Start another notice from a template, import a notice you already have ({SUPPORTED_TEXT}), "
            "or open a notice folder."
        )
        start = QLabel(f"<b>Where to begin.</b> {where}")
        start.setWordWrap(True)
        layout.addWidget(start)
        layout.addStretch(1)

        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for choice, text, name_for_reader in (
            (NEW, "&New notice…", "Start a new notice from a template"),
            (IMPORT, "&Import existing notice…", "Import the notice you already have"),
            (OPEN, "&Open a notice folder…", "Open a notice folder"),
            (SAMPLE, "&Look at the sample", "Close this and look at the sample notice")
            if sample
            else (STAY, "&Close", "Close this and go back to your notice"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(name_for_reader)
            button.clicked.connect(lambda _=False, c=choice: self.choose(c))
            row.addWidget(button)
            self.buttons[choice] = button
        row.insertStretch(3, 1)
        self.buttons[stay].setDefault(True)
        layout.addLayout(row)
        self.form.validity_changed.connect(self._valid)
        self._valid(self.form.is_valid())
        fit_dialog(self, QSize(640, 520))
        self.form.name.setFocus()

    def _valid(self, valid: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(valid)

    def choose(self, choice: str) -> None:
        if not self.form.is_valid():
            return
        self.choice = choice
        self.accept()

    def values(self) -> tuple[str, str]:
        return self.form.values()

    def reject(self) -> None:
        """Esc (or the window's close button) closes the welcome, not what was typed in it: counsel who
        typed their name and pressed Esc mean "enough of this", not "forget who I am", so a valid name
        and e-mail are kept as the stay button keeps them; one that cannot be kept yet asks first."""
        if self.form.values() == self._given:
            super().reject()
        elif self.form.is_valid():
            self.choose(self.stay)
        else:
            self._ask_before_dropping()

    def _ask_before_dropping(self) -> None:
        box = self.asking = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Keep your name and e-mail?")
        problem = self.form.problem.text()
        box.setText(f"What you typed is not saved yet: {problem[:1].lower()}{problem[1:]}")
        keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Close &without saving them", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            if box.clickedButton() is not keep:
                QDialog.reject(self)
            elif self.form.name.text().strip():
                self.form.email.setFocus()
            else:
                self.form.name.setFocus()

        box.finished.connect(answered)
        box.open()

"""File > Notice settings…: the language the notice is written in, the laws it is written for, and its
publishing rules (advance notice of material changes, approval before publishing). The rules are named once in
core.workspace.notice_settings, the laws in core.library.jurisdictions; each change is an
undoable edit committed like any other."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.notice.model import Notice
from notice_studio.core.publishing.schedule import MAX_ADVANCE_NOTICE
from notice_studio.core.workspace.notice_settings import SETTINGS
from notice_studio.ui.layout.fit import fit_dialog
from notice_studio.ui.notices.language_choice import LanguageChoice
from notice_studio.ui.publish.laws_box import LawsBox

ADVANCE, APPROVAL, LANGUAGE = "advance-notice-days", "require-approval", "language"


class NoticeSettingsDialog(QDialog):
    def __init__(self, notice: Notice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Notice settings")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Settings saved with the notice, so everyone who works on it (and the command line) follows them."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._language_row(str(SETTINGS[LANGUAGE].read(notice))))
        self.laws = LawsBox(list(notice.jurisdictions), self)
        layout.addWidget(self.laws)
        rules = QGroupBox("Publishing", self)
        rules_layout = QVBoxLayout(rules)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.advance = QSpinBox()
        self.advance.setRange(0, MAX_ADVANCE_NOTICE)
        self.advance.setSuffix(" days")
        self.advance.setSpecialValueText("Not required")
        self.advance.setValue(int(str(SETTINGS[ADVANCE].read(notice) or 0)))
        self.advance.setToolTip(SETTINGS[ADVANCE].meaning.capitalize() + ".")
        self.advance.setAccessibleName(SETTINGS[ADVANCE].label)
        form.addRow(SETTINGS[ADVANCE].label + ":", self.advance)
        self.approval = QCheckBox("Required")
        self.approval.setToolTip(SETTINGS[APPROVAL].meaning.capitalize() + ".")
        self.approval.setChecked(bool(SETTINGS[APPROVAL].read(notice)))
        self.approval.setAccessibleName(SETTINGS[APPROVAL].label)
        form.addRow(SETTINGS[APPROVAL].label + ":", self.approval)
        rules_layout.addLayout(form)
        hint = QLabel(
            "The publish dialog warns when a material change takes effect sooner than the advance notice "
            "allows. Approvals are given in the Reviews panel (or notice-studio review approve)."
        )
        hint.setWordWrap(True)
        rules_layout.addWidget(hint)
        layout.addWidget(rules)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_dialog(self, QSize(640, 440))

    def _language_row(self, current: str) -> QFormLayout:
        form = QFormLayout()
        self.language = LanguageChoice(current)
        self.language.setToolTip(SETTINGS[LANGUAGE].meaning.capitalize() + ".")
        form.addRow(SETTINGS[LANGUAGE].label + ":", self.language)
        return form

    def accept(self) -> None:
        """Close only when the choice of laws can be saved (else say why, under the ticks)."""
        if self.laws.refusal():
            return
        super().accept()

    def values(self) -> dict[str, object]:
        """Each rule as the workspace takes it."""
        return {
            ADVANCE: self.advance.value() or None,
            APPROVAL: self.approval.isChecked(),
            LANGUAGE: self.language.code(),
        }

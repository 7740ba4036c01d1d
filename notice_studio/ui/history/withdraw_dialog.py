"""History > Withdraw…: confirm withdrawing an upcoming version, with an optional reason recorded
with the withdrawal (the app's twin of `notice-studio withdraw --reason`)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from notice_studio.ui.layout.fit import fit_dialog


class WithdrawDialog(QDialog):
    """What withdrawing does, a reason field (optional), and Withdraw / Cancel (Cancel is the default)."""

    def __init__(self, ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Withdraw the version")
        self.text = QLabel(
            f"Withdraw {ref}? It will never take effect: the website, the feed and exports will say it was "
            "withdrawn, the history keeps the record, the next sync sends the withdrawal, and the draft stays "
            "as it is. Publish the draft again when it is ready."
        )
        self.text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for withdrawing (optional)")
        self.reason.setPlaceholderText("e.g. The effective date was mistyped")
        self.reason.setToolTip("Recorded with the withdrawal in the history")
        form = QFormLayout()
        form.addRow("&Reason (optional):", self.reason)
        buttons = QDialogButtonBox()
        self.withdraw_button = buttons.addButton(f"&Withdraw {ref}", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # No default: Enter in the reason field neither withdraws by accident nor cancels (dropping
        # the reason typed); the Withdraw button (Alt+W) withdraws, Esc cancels.
        for button in (self.withdraw_button, self.cancel_button):
            button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_dialog(self, QSize(520, 220))
        self.reason.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for button in (self.withdraw_button, self.cancel_button):
            button.setDefault(False)  # the button box makes its accept button the default on showing

    def reason_text(self) -> str:
        return " ".join(self.reason.text().split())

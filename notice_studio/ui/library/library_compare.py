"""The three texts of a library clause side by side: as inserted, as it is now, newest library."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.library.merge import ClauseStatus
from notice_studio.ui.layout.fit import fit_dialog


def _column(heading: str, text: str, accessible: str) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{heading}</b>")
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setAccessibleName(accessible)
    label.setBuddy(view)
    layout.addWidget(label)
    layout.addWidget(view, 1)
    return box


class LibraryCompareDialog(QDialog):
    """Shows what changed on each side before counsel take a library update."""

    def __init__(self, title: str, status: ClauseStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare '{title}' with the library")
        intro = QLabel(
            "Left: the library text you inserted. Middle: your text now. Right: the newest library text. "
            "Update from library keeps your edits where the library did not change the same passage."
        )
        intro.setWordWrap(True)
        columns = QHBoxLayout()
        newest = "The library no longer has this clause." if status.library_text is None else status.library_text
        newer = f"v{status.newer_version}" if status.newer_version else f"v{status.inserted_version}, unchanged"
        if status.text_differs and not status.newer_version:
            newer = f"v{status.library_version}, other words"
        if status.override_note:
            intro.setText(f"{intro.text()} {status.override_note}")
        columns.addWidget(
            _column(f"As inserted (v{status.inserted_version})", status.inserted_text, "Text as inserted")
        )
        columns.addWidget(
            _column(
                "Your text now" + (" (customised)" if status.customised else ""), status.current_text, "Your text now"
            )
        )
        columns.addWidget(_column(f"Library now ({newer})", newest, "Newest library text"))
        self.buttons = QDialogButtonBox()
        self.update_button = self.buttons.addButton("Update from library…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.update_button.setEnabled(status.update_available)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        fit_dialog(self, QSize(1100, 560))

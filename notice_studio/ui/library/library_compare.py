"""The three texts of a library clause side by side: as inserted, as it is now, newest library.

Your text and the library's are compared word by word, as the Compare window compares versions
(the same word diff, the same panes and colours): words only in yours are struck out on the
left, words only in the library's underlined on the right, with a line saying how much differs.
The comparison runs in the task pool; both texts are shown unmarked until it answers.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.diff.word_summary import change_summary
from notice_studio.core.diff.words import EQUAL, WordOp, diff_words
from notice_studio.core.library.merge import ClauseStatus
from notice_studio.ui.compare.diff_panes import NEW, OLD, UNCHANGED, ComparePane, colours_for
from notice_studio.ui.layout.fit import fit_dialog
from notice_studio.ui.notice_direction import set_notice_direction
from notice_studio.ui.tasks import TaskRunner

_NO_LONGER = "The library no longer has this clause."


def _column(heading: str, view: QWidget, accessible: str) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{heading}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    view.setAccessibleName(accessible)
    label.setBuddy(view)  # Alt + the underlined letter moves there
    layout.addWidget(label)
    layout.addWidget(view, 1)
    return box


class LibraryCompareDialog(QDialog):
    """Shows what changed on each side before counsel take a library update."""

    def __init__(
        self,
        title: str,
        status: ClauseStatus,
        tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
        language: str = "en",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare '{title}' with the library")
        self.status = status
        intro = QLabel(
            "Left: the library text you inserted. Middle: your text now, with the words the library's "
            "text does not have struck out. Right: the newest library text, with the words yours does "
            "not have underlined. Update from library keeps your edits where the library did not change "
            "the same passage."
        )
        intro.setWordWrap(True)
        if status.override_note:
            intro.setText(f"{intro.text()} {status.override_note}")
        self.summary = QLabel("Comparing your text with the library's…")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("How your text differs from the library's")
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; a screen reader reads it
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.inserted = QPlainTextEdit(status.inserted_text)
        self.inserted.setReadOnly(True)
        self.yours = ComparePane(OLD)
        self.library = ComparePane(NEW)
        for view in (self.inserted, self.yours, self.library):
            set_notice_direction(view, language, view.document())
        newer = f"v{status.newer_version}" if status.newer_version else f"v{status.inserted_version}, unchanged"
        if status.text_differs and not status.newer_version:
            newer = f"v{status.library_version}, other words"
        columns = QHBoxLayout()
        columns.addWidget(_column(f"As &inserted (v{status.inserted_version})", self.inserted, "Text as inserted"))
        customised = " (customised)" if status.customised else ""
        columns.addWidget(_column(f"&Your text now{customised}", self.yours, "Your text now"))
        columns.addWidget(_column(f"&Library now ({newer})", self.library, "Newest library text"))
        self.buttons = QDialogButtonBox()
        self.update_button = self.buttons.addButton("Update from library…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.update_button.setEnabled(status.update_available)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        fit_dialog(self, QSize(1100, 560))
        self.setTabOrder(self.summary, self.inserted)
        self.setTabOrder(self.inserted, self.yours)
        self.setTabOrder(self.yours, self.library)
        mine, theirs = status.current_text, status.library_text
        self._write(self.yours, (WordOp(EQUAL, mine),))
        if theirs is None:
            self.summary.setText(_NO_LONGER)
            self._write(self.library, (), empty=_NO_LONGER)
        else:
            self._write(self.library, (WordOp(EQUAL, theirs),))
            if tasks is None:
                self.show_words(diff_words(mine, theirs))
            else:
                tasks.run(lambda: diff_words(mine, theirs), self.show_words)

    def show_words(self, ops: tuple[WordOp, ...]) -> None:
        """Both texts with their differing words marked (struck on the left, underlined on the right)."""
        self.summary.setText(f"Your text and the library's: {change_summary(ops)}")
        for pane in (self.yours, self.library):
            self._write(pane, ops)
            pane.setAccessibleDescription(self.summary.text())

    def _write(self, pane: ComparePane, ops: tuple[WordOp, ...], empty: str = "(no text)") -> None:
        pane.reset()
        with pane.editing():
            pane.add_row("text", UNCHANGED, colours_for(self.palette())).text(ops, empty=empty)

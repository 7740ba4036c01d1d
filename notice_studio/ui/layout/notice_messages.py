"""What opening a notice had to say (a lock cleared, a stored password removed, versions not on
this computer…): every sentence is kept to read, not only the last one the status bar showed.

The status bar holds a "2 messages" button while there are any, and View > Messages about this
notice… (keyboard: Alt+V, then M) opens them all in one list that fits a small screen.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QPushButton

from notice_studio.core.wording import SET_YOUR_NAME, plural

SHOWN_MS = 15000
UNKNOWN_AUTHOR = f"Your edits are recorded as an unknown author: set your name in {SET_YOUR_NAME}."


class NoticeMessages(QObject):
    """The messages from opening the current notice, a status-bar button and a View menu action."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.messages: list[str] = []
        self.dialog: QObject | None = None
        self.button = QPushButton("")
        self.button.setFlat(True)
        self.button.setAccessibleName("Messages about this notice: read them")
        self.button.setToolTip("Read what opening this notice had to say (View > Messages about this notice)")
        self.button.clicked.connect(self.show_all)
        self.button.hide()
        window.statusBar().insertPermanentWidget(0, self.button)
        self.action = QAction("&Messages about this notice…", window)
        self.action.setToolTip("Read what opening this notice had to say")
        self.action.triggered.connect(self.show_all)
        self.action.setEnabled(False)

    def set_messages(self, messages: Sequence[str]) -> None:
        """The messages of a notice just opened (none: the button goes)."""
        self.messages = list(dict.fromkeys(messages))
        count = self._show_count()
        if count == 1:
            self.window.statusBar().showMessage(self.messages[0], SHOWN_MS)
        elif count:
            self.window.statusBar().showMessage(
                f"Opening this notice left {count} messages: press “{plural(count, 'message')}” at the "
                "bottom right (or View > Messages about this notice) to read them.",
                SHOWN_MS,
            )

    def _show_count(self) -> int:
        count = len(self.messages)
        self.button.setText(plural(count, "message"))
        self.button.setVisible(bool(count))
        self.action.setEnabled(bool(count))
        return count

    def forget(self, message: str) -> None:
        """Drop a message that is no longer true (the author set their name)."""
        if message in self.messages:
            self.messages.remove(message)
            self._show_count()

    def show_all(self) -> QObject:
        """Every message, in a list that scrolls and fits the screen."""
        from notice_studio.ui.welcome.help_texts import HelpDialog

        items = "".join(f"<li>{html.escape(message)}</li>" for message in self.messages)
        body = (
            f"<h2>Messages about this notice</h2><p>What opening the notice had to say:</p><ul>{items}</ul>"
            if items
            else "<p>Opening this notice left no messages.</p>"
        )
        dialog = HelpDialog("Messages about this notice", body, self.window)
        dialog.open()
        self.dialog = dialog
        return dialog

"""Every message from opening a notice can be read: the status bar counts them and opens them all
(one at a time in the status bar, only the last stayed)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

LOCK_SENTENCE = "A lock left by a Notice Studio window that closed unexpectedly was cleared."


def _leave_stale_lock(folder: Path) -> None:
    """A lock as a window that crashed leaves it: a process that no longer runs."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (folder / ".git" / "notice-studio.lock").write_text(f"{dead.stdout.strip()} {socket.gethostname()}\n")


def _open(qtbot, settings, folder: Path):
    from notice_studio.ui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    assert win.open_notice(folder)
    return win


def test_several_opening_messages_are_all_kept_to_read(
    qtbot, settings, notice_folder: Path, tmp_path: Path, monkeypatch
) -> None:
    nobody = tmp_path / "nobody"  # a home with no name set in Notice Studio or git: an unknown author
    monkeypatch.setenv("HOME", str(nobody))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(nobody / ".config"))
    _leave_stale_lock(notice_folder)
    win = _open(qtbot, settings, notice_folder)
    messages = win.extras.messages
    assert win.session.author.is_unknown
    assert LOCK_SENTENCE in messages.messages and any("unknown author" in m for m in messages.messages)
    assert len(messages.messages) >= 2
    button = messages.button
    assert button.isVisible() and button.text() == f"{len(messages.messages)} messages"
    assert "press" in win.statusBar().currentMessage() and "messages" in win.statusBar().currentMessage()
    assert messages.action.isEnabled() and messages.action in win.view_menu.actions()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = messages.dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(QTextBrowser).toPlainText()
    for message in messages.messages:
        assert message in text
    win.grab().save("/tmp/app-scratch/messages-window.png")
    dialog.grab().save("/tmp/app-scratch/messages-dialog.png")
    frame = dialog.frameGeometry()
    assert frame.width() <= 1366 and frame.height() <= 768
    dialog.close()
    win.close()


def test_one_opening_message_shows_in_the_status_bar_and_stays_to_read(qtbot, settings, notice_folder: Path) -> None:
    _leave_stale_lock(notice_folder)
    win = _open(qtbot, settings, notice_folder)
    messages = win.extras.messages
    assert messages.messages == [LOCK_SENTENCE]
    assert win.statusBar().currentMessage() == LOCK_SENTENCE
    assert messages.button.isVisible() and messages.button.text() == "1 message"
    messages.action.trigger()  # View > Messages about this notice…, by keyboard
    assert LOCK_SENTENCE in messages.dialog.findChild(QTextBrowser).toPlainText()
    messages.dialog.close()
    win.close()


def test_a_notice_that_opens_quietly_shows_no_messages_button(window) -> None:
    messages = window.extras.messages
    assert messages.messages == [] and not messages.button.isVisible() and not messages.action.isEnabled()


def test_the_unknown_author_message_goes_once_a_name_is_set(
    qtbot, settings, notice_folder: Path, tmp_path: Path, monkeypatch
) -> None:
    """The welcome asks the name; once given, 'recorded as an unknown author' is no longer true."""
    nobody = tmp_path / "nobody"
    monkeypatch.setenv("HOME", str(nobody))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(nobody / ".config"))
    win = _open(qtbot, settings, notice_folder)
    messages = win.extras.messages
    assert messages.button.text() == "1 message" and "unknown author" in messages.messages[0]
    win._set_author("Kim Keyboard", "kim@example.com")
    assert messages.messages == [] and not messages.button.isVisible() and not messages.action.isEnabled()
    win.close()

"""File > Open from server…: copy a notice from the team's server into a new folder, in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.notice.model import NoticeError
from notice_studio.core.workspace import Workspace
from notice_studio.ui.tasks import TaskRunner


class OpenFromServerDialog(QDialog):
    """Asks for the server address and a new folder; `opened` carries the folder once copied."""

    opened = Signal(object)  # Path of the new notice folder

    def __init__(self, tasks: TaskRunner, default_parent: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open a notice from the server")
        self._tasks = tasks
        self._parent_folder = default_parent or Path.home()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://git.example.com/legal/notice.git, git@host:path, or a folder")
        self.url.setAccessibleName("Server address")
        self.folder = QLineEdit(str(default_parent or Path.home()))
        self.folder.setAccessibleName("New folder for the notice")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Server address:", self.url)
        form.addRow("&Folder:", folder_row)
        note = QLabel("Your user name and password or token come from git's credential helper or your ssh key.")
        note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.url.textChanged.connect(self._suggest_folder)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the notice", self.folder.text())
        if chosen:
            self._parent_folder = Path(chosen).parent
            self.folder.setText(chosen)

    def _suggest_folder(self, url: str) -> None:
        name = url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].removesuffix(".git")
        if name:
            self.folder.setText(str(self._parent_folder / name))

    def start(self) -> None:
        url, folder = self.url.text().strip(), Path(self.folder.text().strip())
        if not url:
            self.status.setText("Give the server's address first.")
            return
        self.open_button.setEnabled(False)
        self.status.setText("Copying the notice from the server…")
        self._tasks.run(lambda: _clone(url, folder), self._done, self._error)

    def _done(self, path: Path) -> None:
        self.status.setText("")
        self.opened.emit(path)
        self.accept()

    def _error(self, exc: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.status.setText(str(exc) if isinstance(exc, NoticeError) else f"The notice could not be copied ({exc}).")


def _clone(url: str, folder: Path) -> Path:
    with Workspace.clone(url, folder) as workspace:
        return workspace.path

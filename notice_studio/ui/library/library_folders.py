"""A small dialog to add and remove the user's own library folders (settings 'library/folders')."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class LibraryFoldersDialog(QDialog):
    """Lists the folders layered over the shipped library; OK saves them (the caller reloads)."""

    def __init__(self, folders: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Library folders")
        self.setAccessibleName("Library folders")
        intro = QLabel(
            "Your firm’s approved clauses can live in folders of their own. They are read after the "
            "library that ships with Notice Studio; a clause with the same id replaces the shipped one."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Your library folders")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.addItems(folders)
        self.empty = QLabel("No folders yet: only the shipped library is used.")
        self.empty.setEnabled(False)

        self.add_button = QPushButton("&Add folder…")
        self.add_button.setAccessibleName("Add a library folder")
        self.add_button.clicked.connect(self._choose)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setAccessibleName("Remove the selected library folder")
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(lambda *_: self._update())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(520, 320)
        self._update()

    def folders(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_folder(self, folder: str) -> None:
        path = str(Path(folder).expanduser())
        if path and path not in self.folders():
            self.list.addItem(path)
            self.list.setCurrentRow(self.list.count() - 1)
        self._update()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
        self._update()

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a library folder")
        if folder:
            self.add_folder(folder)

    def _update(self) -> None:
        self.empty.setVisible(self.list.count() == 0)
        self.remove_button.setEnabled(self.list.currentRow() >= 0)

"""Edit > Settings: your name and e-mail, your library folders, and the language of the app."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from notice_studio.ui.author_dialog import AuthorForm
from notice_studio.ui.language import ENGLISH, available_languages
from notice_studio.ui.layout.fit import fit_dialog


class SettingsDialog(QDialog):
    """Save applies all; the caller records the author, reloads the library if folders changed and keeps
    the language for the next start."""

    def __init__(
        self,
        name: str,
        email: str,
        folders: list[str],
        parent: QWidget | None = None,
        *,
        language: str = ENGLISH,
        languages: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._folders = list(folders)
        layout = QVBoxLayout(self)
        who = QGroupBox("Recorded on your edits")
        who_layout = QVBoxLayout(who)
        self.form = AuthorForm(name, email, who)
        who_layout.addWidget(self.form)
        layout.addWidget(who)

        library = QGroupBox("Library folders")
        library_layout = QVBoxLayout(library)
        intro = QLabel("Your firm's own clause folders, read after the library that ships with Notice Studio.")
        intro.setWordWrap(True)
        library_layout.addWidget(intro)
        self.folder_list = QListWidget()
        self.folder_list.setAccessibleName("Your library folders")
        self.folder_list.setMinimumHeight(self.folder_list.fontMetrics().height() * 4)
        library_layout.addWidget(self.folder_list, 1)
        row = QHBoxLayout()
        self.change_folders = QPushButton("&Change library folders…")
        self.change_folders.setAccessibleName("Add or remove library folders")
        self.change_folders.clicked.connect(self._edit_folders)
        row.addWidget(self.change_folders)
        row.addStretch(1)
        library_layout.addLayout(row)
        layout.addWidget(library, 1)
        layout.addWidget(self._language_box(language, languages or available_languages()))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.form.validity_changed.connect(save.setEnabled)
        save.setEnabled(self.form.is_valid())
        self._show_folders()
        fit_dialog(self, QSize(560, 580))

    def _language_box(self, current: str, languages: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox("Language of menus and dialogs")
        box_layout = QVBoxLayout(box)
        self.language_choice = QComboBox()
        self.language_choice.setAccessibleName("Language of menus and dialogs")
        for code, name in languages:
            self.language_choice.addItem(name, code)
        self.language_choice.setCurrentIndex(max(0, self.language_choice.findData(current)))
        self.language_choice.setEnabled(len(languages) > 1)
        box_layout.addWidget(self.language_choice)
        only_english = len(languages) == 1
        self.language_note = note = QLabel(
            "Notice Studio is in English only for now; other languages appear here once they are translated."
            if only_english
            else "A new language applies the next time Notice Studio starts."
        )
        note.setWordWrap(True)
        box_layout.addWidget(note)
        return box

    def language(self) -> str:
        return str(self.language_choice.currentData())

    def _show_folders(self) -> None:
        self.folder_list.clear()
        self.folder_list.addItems(self._folders or ["No folders yet: only the shipped library is used."])
        self.folder_list.setEnabled(bool(self._folders))

    def _edit_folders(self) -> None:
        from notice_studio.ui.library.library_folders import LibraryFoldersDialog

        dialog = LibraryFoldersDialog(self._folders, self)
        if dialog.exec():
            self._folders = dialog.folders()
            self._show_folders()

    def values(self) -> tuple[str, str, list[str]]:
        name, email = self.form.values()
        return name, email, list(self._folders)

"""Settings > Language of menus and dialogs: only languages that exist, saved, applied at the next start."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings
from PySide6.QtWidgets import QDialogButtonBox

from notice_studio.ui import language
from notice_studio.ui.language import available_languages, install_translations
from notice_studio.ui.layout import window_setup
from notice_studio.ui.settings import Settings
from notice_studio.ui.welcome.settings_dialog import SettingsDialog

_GERMAN_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context><name>SettingsDialog</name>
<message><source>Settings</source><translation>Einstellungen</translation></message>
</context>
</TS>
"""


@pytest.fixture
def german(tmp_path: Path) -> Path:
    """A translations folder holding a real (one-message) German translation, made with Qt's lrelease."""
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    if not Path(lrelease).is_file():
        pytest.skip("pyside6-lrelease (part of PySide6) is not installed")
    folder = tmp_path / "translations"
    folder.mkdir()
    source = tmp_path / "notice_studio_de.ts"
    source.write_text(_GERMAN_TS, encoding="utf-8")
    subprocess.run([lrelease, str(source), "-qm", str(folder / "notice_studio_de.qm")], check=True, capture_output=True)
    return folder


def test_english_is_the_only_language_offered_today(qtbot) -> None:
    assert available_languages() == [("en", "English")]  # the app ships no translation yet
    dialog = SettingsDialog("Sam", "sam@example.com", [], language="en")
    qtbot.addWidget(dialog)
    choice = dialog.language_choice
    assert [choice.itemText(i) for i in range(choice.count())] == ["English"]
    assert not choice.isEnabled() and dialog.language() == "en"
    assert "English only for now" in dialog.language_note.text()


def test_a_language_no_longer_installed_falls_back_to_english(german: Path) -> None:
    assert install_translations("fr", german) == []
    assert install_translations("en", german) == []


def test_an_installed_translation_is_offered_and_saved_with_the_settings(
    qtbot, window, settings: Settings, german: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language, "translations_folder", lambda: german)
    assert available_languages() == [("en", "English"), ("de", "Deutsch")]
    dialog = window_setup.open_settings(window)
    qtbot.addWidget(dialog)
    choice = dialog.language_choice
    assert choice.isEnabled() and choice.currentData() == "en"
    assert "next time Notice Studio starts" in dialog.language_note.text()
    choice.setCurrentIndex(choice.findData("de"))
    dialog.accept()
    assert settings.get("ui/language") == "de"
    # Saved with the other settings: a new start reads it back from the same file.
    reread = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert reread.get("ui/language") == "de"
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"  # not before the next start


def test_the_saved_language_is_loaded_at_start_with_qt_own_words(qtbot, german: Path) -> None:
    loaded = install_translations("de", german)
    try:
        assert QCoreApplication.translate("SettingsDialog", "Settings") == "Einstellungen"
        qt_german = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_de.qm"
        if qt_german.is_file():  # Qt's translations ship with PySide6: standard buttons in the same language
            assert len(loaded) == 2
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
            qtbot.addWidget(buttons)
            assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    finally:
        for translator in loaded:
            QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"

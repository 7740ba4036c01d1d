"""Fixtures for driving the real app widgets offscreen with pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from ui_support import UI_AUTHOR, make_notice_folder

from notice_studio.ui.settings import Settings

QStandardPaths.setTestModeEnabled(True)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    result = Settings(store)
    result.set("author/name", UI_AUTHOR.name)
    result.set("author/email", UI_AUTHOR.email)
    result.set("autosave/idle_ms", 200)
    return result


@pytest.fixture
def notice_folder(tmp_path: Path) -> Path:
    return make_notice_folder(tmp_path / "acme-notice")


@pytest.fixture
def window(qtbot, settings: Settings, notice_folder: Path):
    """The main window with a template notice open and the library loaded."""
    from notice_studio.ui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.open_notice(notice_folder)
    qtbot.waitUntil(lambda: win.library is not None, timeout=10000)
    qtbot.waitUntil(lambda: win.preview.last is not None, timeout=10000)
    yield win
    if win.session is not None:
        win.close()

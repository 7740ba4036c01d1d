"""At a large system font (14-16 pt) the main window still fits a 1366-pixel-wide screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from notice_studio.ui.layout import window_setup

SIDE_DOCKS = ("library_browser", "variables_panel", "history_dock", "practices_dock")


@pytest.fixture
def large_font(request):
    app = QApplication.instance()
    old = app.font()
    font = QFont(old)
    font.setPointSize(request.param)
    app.setFont(font)
    yield request.param
    app.setFont(old)


@pytest.mark.parametrize("large_font", [14, 16], indirect=True)
def test_main_window_fits_1366_wide_at_a_large_font(
    qtbot, settings, notice_folder: Path, large_font, monkeypatch
) -> None:
    from notice_studio.ui.main_window import MainWindow

    monkeypatch.setattr(window_setup, "available_area", lambda *_args: QRect(0, 0, 1366, 768))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    assert win.open_notice(notice_folder)
    qtbot.waitUntil(lambda: win.preview.last is not None, timeout=10000)
    win.docks["checks_dock"].show()
    # the editor with the preview beside it, the outline and each side panel at their narrowest
    central = win.editor.minimumSizeHint().width() + max(win.preview.minimumWidth(), 70) + 8
    outline = win.docks["outline"].minimumSizeHint().width()
    needs = {name: outline + central + win.docks[name].minimumSizeHint().width() for name in SIDE_DOCKS}
    assert {name: width for name, width in needs.items() if width > 1366} == {}
    widths = {}
    for name in SIDE_DOCKS:
        for other in SIDE_DOCKS:
            win.docks[other].setVisible(other == name)
        qtbot.wait(50)
        widths[name] = win.minimumSizeHint().width()
    assert {name: width for name, width in widths.items() if width > 1366} == {}
    win.close()


DIALOGS = {
    "publish": "notice_studio.ui.publish.publish_dialog.PublishDialog",
    "export": "notice_studio.ui.export.export_dialog.ExportDialog",
    "new notice": "notice_studio.ui.notices.new_notice_dialog.NewNoticeDialog",
}


@pytest.mark.parametrize("large_font", [16], indirect=True)
@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialogs_fit_1366_by_768_at_16_pt_without_scrolling_sideways(
    qtbot, window, large_font, monkeypatch, name: str
) -> None:
    import importlib

    from PySide6.QtWidgets import QScrollArea

    from notice_studio.ui.layout import fit

    monkeypatch.setattr(fit, "available_area", lambda *_args: QRect(0, 0, 1366, 768))
    module, _, cls = DIALOGS[name].rpartition(".")
    dialog = getattr(importlib.import_module(module), cls)(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: getattr(dialog, "ready", True), timeout=15000)  # Publish fills in its checks
    qtbot.wait(50)
    assert dialog.font().pointSize() == 16
    assert dialog.width() <= 1366 and dialog.sizeHint().width() <= 1366
    sideways = [a.accessibleName() for a in dialog.findChildren(QScrollArea) if a.horizontalScrollBar().isVisible()]
    assert sideways == []
    dialog.reject()

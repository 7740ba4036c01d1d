"""Keyboard and screen-reader users: every Tab stop is a control they can see and hear named."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar, QWidget


def tab_cycle(qtbot, start: QWidget, presses: int = 40) -> list[QWidget]:
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen = []
    for _ in range(presses):
        widget = QApplication.focusWidget()
        assert widget is not None
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return seen


def test_tab_never_stops_on_an_empty_or_hidden_dock_tab_bar(qtbot, window) -> None:
    seen = tab_cycle(qtbot, window.outline_view)
    bars = [w for w in seen if isinstance(w, QTabBar)]
    assert [(b.count(), b.isVisible(), b.accessibleName()) for b in bars if b.count() == 0 or not b.isVisible()] == []


def test_dock_tab_bars_with_tabs_are_named(qtbot, window) -> None:
    for name in ("library_browser", "history_dock"):
        window.docks[name].show()
    window.tabifyDockWidget(window.docks["library_browser"], window.docks["history_dock"])
    qtbot.wait(200)
    bars = [
        b
        for b in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if b.isVisible() and b.count() > 0
    ]
    assert bars
    assert all(b.accessibleName() for b in bars)
    empty = [b for b in window.findChildren(QTabBar) if b.count() == 0 or b.isHidden()]
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in empty)

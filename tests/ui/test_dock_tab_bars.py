"""Closing a tabbed dock with its own close button leaves no tab bar drawn, now or at the next start.

Qt forgets the tab bars it made before restoring a saved layout; they stayed drawn over the
panels (with the names of closed panels on them) until the app was closed, and the panels the
app had kept closed came back open at the next start.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget, QMainWindow, QTabBar

from notice_studio.ui.layout.panes import go_to, keep_closed_docks_in_layout
from notice_studio.ui.main_window import MainWindow

SIDE = ("Library", "Placeholders", "History", "Practices", "Checks", "Tables")


def drawn_tab_bars(window: QMainWindow) -> list[list[str]]:
    """The tab bars a user sees: shown, inside the window, with their tabs."""
    return [
        [bar.tabText(i) for i in range(bar.count())]
        for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if bar.isVisible() and bar.count() > 0 and window.rect().intersects(bar.geometry())
    ]


def open_panels(window: MainWindow) -> set[str]:
    return {d.windowTitle() for d in window.docks.values() if d.isVisible() and d.windowTitle() in SIDE}


def show(window: MainWindow, name: str) -> QDockWidget:
    pane = next(p for p in window.extras.panes if p.name == name)
    go_to(pane)
    assert pane.dock is not None
    return pane.dock


def click_close_button(qtbot, dock: QDockWidget) -> None:
    button = dock.findChild(QAbstractButton, "qt_dockwidget_closebutton")
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dock.isVisible())


def settle(qtbot, window: QMainWindow) -> None:
    """Let the app run as a busy one does: events handled in batches, with work in between.

    (qtbot.wait handles each event as it comes, which hides the stray bars: Qt lays the docks out
    before the first layout has taken them out.)
    """
    end = time.monotonic() + 0.4
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def restart(qtbot, window: MainWindow, settings, notice_folder: Path) -> MainWindow:
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert again.open_notice(notice_folder)
    qtbot.waitUntil(lambda: again.library is not None, timeout=10000)
    settle(qtbot, again)
    return again


def tab_two_then_close_one(qtbot, window: MainWindow) -> None:
    """Placeholders and History tabbed together (one tab bar), then History closed with its button."""
    show(window, "Placeholders")
    history = show(window, "History")
    settle(qtbot, window)
    assert drawn_tab_bars(window) == [["Placeholders", "History"]]
    click_close_button(qtbot, history)
    settle(qtbot, window)
    assert open_panels(window) == {"Placeholders"}
    assert drawn_tab_bars(window) == []  # one panel left: no tabs


def test_a_tabbed_dock_closed_with_its_button_leaves_one_panel_and_no_tab_bar(qtbot, window, tmp_path) -> None:
    settle(qtbot, window)
    assert drawn_tab_bars(window) == []  # the first start keeps every side panel closed
    tab_two_then_close_one(qtbot, window)
    window.grab().save(str(tmp_path / "after-close.png"))


def test_panels_closed_last_time_stay_closed_and_leave_no_tab_bar(
    qtbot, window, settings, notice_folder, tmp_path
) -> None:
    library = show(window, "Library")
    settle(qtbot, window)
    click_close_button(qtbot, library)
    again = restart(qtbot, window, settings, notice_folder)
    again.grab().save(str(tmp_path / "next-start.png"))
    assert open_panels(again) == set()  # were: Placeholders, History and Practices, tabbed
    assert drawn_tab_bars(again) == []  # were: two stray bars naming closed panels
    tab_two_then_close_one(qtbot, again)  # after a restored layout too


def test_a_group_left_open_comes_back_with_one_tab_bar(qtbot, window, settings, notice_folder) -> None:
    show(window, "Placeholders")
    show(window, "History")
    settle(qtbot, window)
    again = restart(qtbot, window, settings, notice_folder)
    assert open_panels(again) == {"Placeholders", "History"}
    assert sorted(map(sorted, drawn_tab_bars(again))) == [["History", "Placeholders"]]


def test_tab_bars_qt_forgets_when_a_layout_is_restored_are_hidden(qtbot, window, tmp_path) -> None:
    settle(qtbot, window)
    keep_closed_docks_in_layout(window)  # as when the window saves its layout on closing
    before = window.saveState()  # no side panel open
    show(window, "Placeholders")
    show(window, "History")
    settle(qtbot, window)
    assert drawn_tab_bars(window) == [["Placeholders", "History"]]
    assert window.restoreState(before)
    settle(qtbot, window)
    window.grab().save(str(tmp_path / "restored.png"))
    assert open_panels(window) == set()
    assert drawn_tab_bars(window) == []  # Qt left the group's bar drawn over the editor

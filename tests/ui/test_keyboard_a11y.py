"""Keyboard and screen-reader users: every Tab stop is a control they can see and hear named."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QStyle, QTabBar, QWidget


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


def test_the_status_bar_checks_summary_is_shortened_not_cut(qtbot, window) -> None:
    window.resize(800, 600)
    button = window.extras.checks_button
    qtbot.waitUntil(lambda: "." in button.toolTip() or button.text() != "Checks", timeout=10000)
    qtbot.wait(100)
    tip = button.toolTip()
    assert "warning" in tip or "No problems" in tip  # the whole summary, whatever the width
    margin = 2 * button.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin)
    assert button.fontMetrics().horizontalAdvance(button.text()) <= button.width() - margin + 1
    full = button.text().endswith(".")
    assert full or button.text().endswith("…")


def _walk(qtbot, start: QWidget, presses: int, key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget]:
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen = [start]
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), key)
        seen.append(QApplication.focusWidget())
    return seen


def test_publish_choices_are_one_tab_stop_on_the_chosen_one(qtbot, window) -> None:
    # v2: a first version offers neither choice (nothing to compare with), so v1 is published first.
    from test_publish_dialog import publish_v1

    from notice_studio.ui import commands
    from notice_studio.ui.publish.publish_dialog import PublishDialog

    session = publish_v1(window, qtbot)
    session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "90 days"))
    dialog = PublishDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=15000)
    assert dialog.material.isEnabled() and dialog.editorial.isEnabled()
    dialog.editorial.setChecked(True)
    seen = _walk(qtbot, dialog.change_notice, 2)
    assert seen[1] is dialog.editorial
    assert dialog.material not in seen
    dialog.editorial.setFocus()
    qtbot.waitUntil(dialog.editorial.hasFocus)
    qtbot.keyClick(dialog.editorial, Qt.Key.Key_Up)  # the arrows move the choice
    assert dialog.material.isChecked() and dialog.material.hasFocus()
    dialog.reject()


def test_the_templates_are_one_tab_stop_on_the_chosen_one_before_the_organisation(window, qtbot) -> None:
    from notice_studio.ui.notices.new_notice_dialog import NewNoticeDialog

    dialog = NewNoticeDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    buttons = [button for button, _template in dialog.template_buttons]
    assert len(buttons) >= 3
    qtbot.waitUntil(lambda: QApplication.focusWidget() is buttons[0])  # opens on the choice, not on Cancel
    buttons[1].setChecked(True)
    others = set(buttons) - {buttons[1]}
    # Tab goes from the chosen template to the organisation, and round the dialog back to it once.
    forward = _walk(qtbot, buttons[1], 30)
    assert forward[1] is dialog.organisation
    assert not others & set(forward)
    assert not [w for w in forward if isinstance(w, QScrollArea)]  # no unnamed stop on the list's frame
    backward = _walk(qtbot, dialog.organisation, 30, Qt.Key.Key_Backtab)
    assert backward[1] is buttons[1] and not others & set(backward)
    # The arrow keys move the choice, and the choice takes the Tab stop with it.
    buttons[1].setFocus()
    qtbot.waitUntil(buttons[1].hasFocus)
    qtbot.keyClick(buttons[1], Qt.Key.Key_Down)
    assert buttons[2].isChecked() and buttons[2].hasFocus()
    assert _walk(qtbot, dialog.organisation, 1, Qt.Key.Key_Backtab)[1] is buttons[2]
    dialog.reject()


def test_dialog_scroll_areas_are_no_unnamed_tab_stops_and_export_fields_come_before_its_buttons(qtbot, window) -> None:
    from notice_studio.ui.export.export_dialog import ExportDialog

    dialog = ExportDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    qtbot.wait(50)
    assert QApplication.focusWidget() is dialog.one_file  # the dialog opens in its first field, not on Export
    for area in dialog.findChildren(QScrollArea) + window.findChildren(QScrollArea):
        tab_stop = area.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        assert area.accessibleName() or not tab_stop, area.objectName()
    seen = _walk(qtbot, dialog.one_file, 12)
    order = [w for w in (dialog.version_box, dialog.format_box, dialog.destination, dialog.export_button) if w in seen]
    assert order[-1] is dialog.export_button and len(order) == 4, [type(w).__name__ for w in seen]
    assert seen.index(dialog.destination) < seen.index(dialog.export_button)
    assert dialog.website not in seen
    dialog.reject()


def test_quit_import_and_the_shortcut_list_have_keys_and_no_two_actions_share_one(window) -> None:
    from PySide6.QtGui import QAction

    keys = {a.text().replace("&", ""): a.shortcut().toString() for a in window.findChildren(QAction) if a.text()}
    assert keys["Quit"] == "Ctrl+Q"
    assert keys["Import existing notice…"] == "Ctrl+Shift+I"
    assert keys["Keyboard shortcuts"] == "Ctrl+/"
    used: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if not action.associatedObjects():  # in no menu, bar or widget: its keys do nothing
            continue
        for key in action.shortcuts():
            used.setdefault(key.toString(), []).append(action.text())
    assert {key: names for key, names in used.items() if len(set(names)) > 1} == {}

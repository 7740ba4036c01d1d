"""Withdrawing an upcoming version from the History panel, and the publish dialog's note when a
new version replaces an upcoming one: the same workspace actions as the command line."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from test_history import dock_of, edit_clause, publish_v1, wait_for
from test_publish_dialog import open_dialog
from test_publish_dialog import publish_v1 as publish_filled_v1
from ui_support import UI_AUTHOR

from notice_studio.core.render.common import format_date
from notice_studio.ui import commands


def _with_an_upcoming_v2(qtbot, window):
    """v1 published, then v2 published with a mistyped year (upcoming): the History dock."""
    dock = dock_of(window)
    session = window.session
    publish_v1(window)
    edit_clause(qtbot, window, 1, "information", "personal data")
    session.flush()
    session.repo.publish(dt.date(9999, 12, 31), "A mistyped year.", True, "Jane Counsel", UI_AUTHOR)
    session.refresh_history()
    wait_for(qtbot, dock, lambda entries: any(e.ref == "v2" for e in entries))
    return dock


def test_withdraw_an_upcoming_version_from_the_history_panel_with_a_reason(qtbot, window) -> None:
    dock = _with_an_upcoming_v2(qtbot, window)
    session = window.session
    head = session.repo.head()

    dock.select_refs("v1")
    assert not dock.withdraw_button.isEnabled()
    assert "readers have seen it and it stays in the record; to change it, publish a new version." in (
        dock.withdraw_button.toolTip()
    )
    dock.select_refs("v2")
    assert dock.withdraw_button.isEnabled()
    qtbot.mouseClick(dock.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = dock.withdraw_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.text.text().startswith("Withdraw v2? It will never take effect")
    assert dialog.focusWidget() is dialog.reason or dialog.reason.hasFocus()
    dialog.reason.setText("The year was mistyped")  # optional, as `withdraw --reason`
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # Enter neither withdraws nor drops the reason
    assert dialog.isVisible() and session.repo.version("v2").withdrawn is None
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.repo.version("v2").withdrawn is not None, timeout=10000)
    assert session.repo.version("v2").withdrawn.reason == "The year was mistyped"
    wait_for(qtbot, dock, lambda entries: any(e.title.startswith("Version 2 \u2014 withdrawn") for e in entries))
    assert session.repo.head() == head  # the draft is untouched
    qtbot.waitUntil(lambda: session.latest_version is not None and session.latest_version.name == "v1", timeout=10000)
    dock.select_refs("v2")
    assert not dock.withdraw_button.isEnabled() and dock.withdraw_button.toolTip() == "v2 is already withdrawn."
    assert "(The year was mistyped)" in dock.entry_for("v2").detail  # the history says why


def test_the_publish_dialog_says_which_upcoming_version_the_new_one_replaces(window, qtbot) -> None:
    day = dt.date.today() + dt.timedelta(days=400)
    session = publish_filled_v1(window, qtbot)
    session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "90 days"))
    session.flush()
    session.repo.publish(day, "Backups kept 90 days.", True, "Jane Smith", author=session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None and session.latest_version.name == "v2", timeout=10000)
    session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "60 days"))
    dialog = open_dialog(window, qtbot)
    # the default follows v2 (it never silently replaces an upcoming version); choosing v2's date replaces it
    assert dialog.effective.date().toPython() > day
    dialog.effective.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(lambda: "would replace v2" in dialog.replaces.text() and dialog.ready, timeout=15000)
    qtbot.keyClicks(dialog.approved_by, "Jane Smith")
    for row in range(dialog.findings.count()):  # the far date and any other warning, acknowledged
        item = dialog.findings.item(row)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Checked)
    assert dialog.publish_button.isEnabled(), dialog.why.text()
    with qtbot.waitSignal(dialog.published, timeout=15000):
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert f"v3 replaces v2, which was to take effect on {format_date(day)} and now never will." in (
        dialog.done_text.text()
    )


def test_withdrawing_without_a_reason_and_cancelling(qtbot, window) -> None:
    dock = _with_an_upcoming_v2(qtbot, window)
    session = window.session
    dock.select_refs("v2")
    dock.withdraw_selected()
    qtbot.keyClick(dock.withdraw_dialog, Qt.Key.Key_Escape)
    assert not dock.withdraw_dialog.isVisible() and session.repo.version("v2").withdrawn is None
    dock.withdraw_selected()
    dock.withdraw_dialog.withdraw_button.click()
    qtbot.waitUntil(lambda: session.repo.version("v2").withdrawn is not None, timeout=10000)
    assert session.repo.version("v2").withdrawn.reason == ""

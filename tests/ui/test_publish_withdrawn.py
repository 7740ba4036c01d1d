"""The Publish dialog after a withdrawn version, and a date row that takes no room when empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel
from test_publish_dialog import fill_placeholders, open_dialog

FAR = dt.date(9999, 12, 31)


def publish_and_withdraw_v1(window, qtbot) -> None:
    """v1 published with a mistyped far-future date, then withdrawn: nothing stands."""
    fill_placeholders(window)
    session = window.session
    session.flush()
    session.repo.publish(FAR, "First.", False, "Jane Smith", author=session.author)
    session.workspace.withdraw("v1", "The year was mistyped.")
    session.refresh_history()
    qtbot.waitUntil(lambda: len(session.versions) == 1 and session.versions[0].withdrawn is not None, timeout=10000)


def test_after_a_withdrawn_v1_the_dialog_publishes_v2_as_the_first_version(window, qtbot) -> None:
    publish_and_withdraw_v1(window, qtbot)
    dialog = open_dialog(window, qtbot)
    assert dialog.next_name == "v2"
    assert dialog.latest is None  # the draft follows no version: v1 never took effect
    assert dialog.diff_summary.text() == "First version readers get: every version published so far was withdrawn."
    assert not dialog.compare_button.isVisibleTo(dialog)
    assert dialog.effective.minimumDate().year() < 9999  # the withdrawn date binds nothing
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog))
    assert "v1" not in shown, shown


def test_the_advance_notice_row_takes_no_room_when_it_has_nothing_to_say(window, qtbot) -> None:
    fill_placeholders(window)
    dialog = open_dialog(window, qtbot)
    assert dialog.notice_period.text() == ""
    # The approver's field comes straight after the date: one row gap, no empty row between.
    gap = dialog.approved_by.geometry().top() - dialog.effective.geometry().bottom()
    assert gap <= 12, gap
    past = dt.date.today() - dt.timedelta(days=3)
    dialog.effective.setDate(QDate(past.year, past.month, past.day))
    assert dialog.notice_period.text() and dialog.notice_period.isVisibleTo(dialog)
    dialog.effective.setDate(QDate.currentDate())
    assert dialog.notice_period.text() == "" and not dialog.notice_period.isVisibleTo(dialog)

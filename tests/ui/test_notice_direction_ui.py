"""An Arabic notice's words read right to left in the Compare window's panes and in the outline,
even a paragraph that starts with a Latin word; the app's own English labels stay left to right."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from ui_support import UI_AUTHOR

from notice_studio.core.notice.model import Clause
from notice_studio.ui import commands
from notice_studio.ui.compare.diff_window import DiffWindow

RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
ARABIC = "Lantern تحفظ بياناتك لمدة ثلاثين يوما."


def _block(document, start: str):
    block = document.begin()
    while block.isValid() and not block.text().startswith(start):
        block = block.next()
    assert block.isValid(), start
    return block


def test_an_arabic_notice_compares_and_outlines_right_to_left(qtbot, window) -> None:
    session = window.session
    assert window.outline_view.layoutDirection() == LTR  # an English notice
    session.set_setting("language", "ar")
    assert window.outline_view.layoutDirection() == RTL
    session.flush()
    session.repo.publish(dt.date(2026, 1, 15), "First version.", False, "Jane Counsel", UI_AUTHOR)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None, timeout=10000)
    first = session.notice.clauses[0]
    session.undo_stack.push(commands.EditBody(session, first.id, first.body, ARABIC))
    added = Clause(session.notice.new_clause_id("Retention"), "Retention", "نحذف بياناتك بعد ثلاثين يوما.")
    session.undo_stack.push(commands.AddClause(session, added, None, len(session.notice.clauses)))

    window.compare("v1", "draft")
    diff_window = window.findChildren(DiffWindow)[-1]
    qtbot.waitUntil(lambda: diff_window.diff is not None, timeout=10000)
    for pane in (diff_window.old_pane, diff_window.new_pane):
        assert pane.layoutDirection() == RTL
        assert pane.document().defaultTextOption().textDirection() == RTL
    # The notice's paragraph starts with a Latin word, yet reads right to left.
    assert _block(diff_window.new_pane.document(), "Lantern").textDirection() == RTL
    # The app's own words: the note on the side without the added section, and the column captions.
    assert _block(diff_window.old_pane.document(), "Not in v1").textDirection() == LTR
    assert all(label.layoutDirection() == LTR for label in diff_window.column_labels)
    assert diff_window.summary.layoutDirection() == LTR
    diff_window.close()

    session.set_setting("language", "en")
    assert window.outline_view.layoutDirection() == LTR


def test_each_side_reads_in_the_language_of_its_version(qtbot, window) -> None:
    session = window.session
    session.flush()
    session.repo.publish(dt.date(2026, 1, 15), "First version.", False, "Jane Counsel", UI_AUTHOR)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None, timeout=10000)
    session.set_setting("language", "he")  # v1 was English; the draft is now Hebrew
    window.compare("v1", "draft")
    diff_window = window.findChildren(DiffWindow)[-1]
    qtbot.waitUntil(lambda: diff_window.diff is not None, timeout=10000)
    assert diff_window.old_pane.document().defaultTextOption().textDirection() == LTR
    assert diff_window.new_pane.document().defaultTextOption().textDirection() == RTL
    diff_window.close()

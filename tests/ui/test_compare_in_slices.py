"""Compare draws a long comparison in slices: the window answers between them, every section is
there at the end, lined up on both sides, and "Changed sections only" keeps the current change in
view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QTimer
from ui_support import UI_AUTHOR

from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.ui.main_window import MainWindow

SECTIONS = 90


def _notice_with_two_versions(path: Path) -> Path:
    """v1, then every fourth section reworded and v2 published."""
    notice = Notice(title="Lantern Books privacy notice", organisation="Lantern Books", jurisdictions=["gdpr"])
    for i in range(SECTIONS):
        body = f"Orders placed for shelf {i} are kept while the account is open. " * 10
        notice.add(Clause(f"shelf-{i:03d}", f"Shelf {i}", body.strip()))
    with NoticeRepo.create(path, notice, UI_AUTHOR) as repo:
        repo.publish(dt.date(2026, 2, 1), "First version.", True, "Lee Counsel", UI_AUTHOR)
        draft = repo.load()
        for clause in draft.all_clauses()[::4]:
            clause.body = clause.body.replace("while the account is open", "for two years after the last order")
        repo.save(draft, "Shorter keeping", UI_AUTHOR)
        repo.publish(dt.date(2026, 5, 1), "Second version.", True, "Lee Counsel", UI_AUTHOR)
    return path


def _compare(qtbot, settings, tmp_path):
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.open_notice(_notice_with_two_versions(tmp_path / "lantern"))
    compare = win.compare("v1", "v2")
    compare.resize(1200, 760)
    return win, compare


def _ticks_while(condition) -> tuple[QTimer, list[int]]:
    """A timer that counts its ticks while `condition()` holds: ticks mean the window answered."""
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(1) if condition() else None)
    timer.start()
    return timer, ticks


def test_a_long_comparison_is_drawn_in_slices_and_shows_every_section(qtbot, settings, tmp_path) -> None:
    win, compare = _compare(qtbot, settings, tmp_path)
    # Some rows drawn, the comparison not yet ready: only seen if the window answers between slices.
    timer, ticks = _ticks_while(lambda: compare.diff is None and len(compare.new_pane.frames) > 0)
    with qtbot.waitSignal(compare.loaded, timeout=30000):
        pass
    timer.stop()
    assert ticks, "the window never answered while the panes were drawn"
    assert compare.new_pane.keys == [f"shelf-{i:03d}" for i in range(SECTIONS)]
    assert compare.old_pane.keys == compare.new_pane.keys
    assert len(compare.entries) == len(range(0, SECTIONS, 4))
    qtbot.waitUntil(lambda: not compare.sync._timer.isActive(), timeout=5000)  # re-aligned after the resize
    for row in (0, SECTIONS // 2, SECTIONS - 1):  # both sides of every row start at the same height
        assert abs(compare.old_pane.row_top(row) - compare.new_pane.row_top(row)) < 1
    assert compare.current_change_index == 0 and compare.summary.isEnabled()
    compare.close()
    win.close()


def test_changed_only_is_drawn_in_slices_and_keeps_the_current_change_in_view(qtbot, settings, tmp_path) -> None:
    win, compare = _compare(qtbot, settings, tmp_path)
    qtbot.waitUntil(lambda: compare.diff is not None, timeout=30000)
    compare.summary.setCurrentRow(15)  # shelf 60, well down the notice
    key = compare.entries[15].key

    def in_view() -> bool:
        top = compare.new_pane.row_top(compare.new_pane.row_index(key))
        value = compare.new_pane.verticalScrollBar().value()
        return value <= top < value + compare.new_pane.viewport().height()

    assert in_view()
    for on in (True, False):
        timer, ticks = _ticks_while(lambda: compare.filling)
        with qtbot.waitSignal(compare.refilled, timeout=30000):
            compare.changed_only.setChecked(on)
        timer.stop()
        assert ticks, "the window never answered while the panes were drawn again"
        assert len(compare.new_pane.keys) == (len(compare.entries) if on else SECTIONS)
        assert compare.current_change_index == 15 and compare.entries[15].key == key
        assert in_view()
        for row in range(0, len(compare.new_pane.keys), 7):  # lined up again, row by row
            assert abs(compare.old_pane.row_top(row) - compare.new_pane.row_top(row)) < 1
        assert compare.new_pane.isEnabled() and not compare.still.isVisible()
    compare.close()
    win.close()


def test_switching_again_while_drawing_draws_the_last_choice(qtbot, settings, tmp_path) -> None:
    win, compare = _compare(qtbot, settings, tmp_path)
    qtbot.waitUntil(lambda: compare.diff is not None, timeout=30000)
    compare.changed_only.setChecked(True)
    compare.changed_only.setChecked(False)  # before the first drawing is done
    qtbot.waitUntil(lambda: not compare.filling, timeout=30000)
    assert len(compare.new_pane.keys) == SECTIONS and compare.old_pane.keys == compare.new_pane.keys
    for row in range(0, SECTIONS, 7):
        assert abs(compare.old_pane.row_top(row) - compare.new_pane.row_top(row)) < 1
    assert compare.new_pane.isEnabled() and not compare.still.isVisible()
    compare.close()
    win.close()


def test_choosing_a_change_while_the_panes_are_drawn_shows_it_when_they_are_done(qtbot, settings, tmp_path) -> None:
    win, compare = _compare(qtbot, settings, tmp_path)
    qtbot.waitUntil(lambda: compare.diff is not None, timeout=30000)
    with qtbot.waitSignal(compare.refilled, timeout=30000):
        compare.changed_only.setChecked(True)
        assert compare.filling
        compare.summary.setCurrentRow(len(compare.entries) - 1)  # its row is not drawn yet
    last = len(compare.entries) - 1
    assert compare.current_change_index == last
    row = compare.new_pane.row_index(compare.entries[last].key)
    assert compare.new_pane.verticalScrollBar().value() <= compare.new_pane.row_top(row)
    compare.close()
    win.close()

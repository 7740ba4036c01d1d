"""The History dock on a notice kept for years: a save that publishes nothing neither works out
the versions again nor makes the list's rows again."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from test_history import dock_of, edit_clause, wait_for
from ui_support import UI_AUTHOR

from notice_studio.core.publishing import schedule
from notice_studio.ui.history import history_dock
from notice_studio.ui.history.history_entries import EDIT, VERSION

_MARK = Qt.ItemDataRole.UserRole + 77


def _publish(window, effective: dt.date, words: str) -> None:
    session = window.session
    session.flush()
    session.repo.publish(effective, words, True, "Jane Counsel", UI_AUTHOR)
    session.refresh_history()


def test_a_save_adds_its_row_and_keeps_the_versions_as_they_were(qtbot, window, monkeypatch) -> None:
    asked: list[int] = []

    def counted(versions, today):
        asked.append(len(versions))
        return schedule.withdraw_problems(versions, today)

    monkeypatch.setattr(history_dock, "withdraw_problems", counted, raising=False)
    dock = dock_of(window)
    today = dt.date.today()
    _publish(window, today, "First version.")
    edit_clause(qtbot, window, 1, "information", "personal data")
    _publish(window, today + dt.timedelta(days=40), "We say more about your data.")
    wait_for(qtbot, dock, lambda entries: sum(e.kind == VERSION for e in entries) == 2)
    wait_for(qtbot, dock, lambda entries: "same as v2" in entries[0].detail)
    rows = {dock.list.item(row).data(history_dock._ENTRY_ROLE).ref: row for row in range(dock.list.count())}
    for row in rows.values():
        dock.list.item(row).setData(_MARK, "kept")
    checked = len(asked)
    assert dock.entry_for("v2") is not None and dock.entry_for("v2").withdraw_refusal == ""

    edit_clause(qtbot, window, 2, "we", "we always")
    head = window.session.repo.head()
    wait_for(qtbot, dock, lambda entries: entries[1].kind == EDIT and entries[1].ref == head)
    assert len(asked) == checked  # no version was published: which may be withdrawn is known
    marks = [dock.list.item(row).data(_MARK) for row in range(dock.list.count())]
    refs = [dock.list.item(row).data(history_dock._ENTRY_ROLE).ref for row in range(dock.list.count())]
    assert refs == [e.ref for e in dock.entries]
    assert marks[1] is None  # the new edit's row is new
    assert all(mark == "kept" for ref, mark in zip(refs[2:], marks[2:], strict=True)), marks
    assert dock.entry_for("v2").withdraw_refusal == ""

    _publish(window, today + dt.timedelta(days=80), "We say still more.")
    wait_for(qtbot, dock, lambda entries: any(e.ref == "v3" for e in entries))
    assert len(asked) > checked  # a new version: worked out again
    assert dock.entry_for("v2").withdraw_refusal.startswith("v3 was published after v2")

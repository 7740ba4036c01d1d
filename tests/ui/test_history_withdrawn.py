"""History after a withdrawn version 1, and the restore's undo hint in the status bar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox
from test_history import dock_of, edit_clause, publish_v1, wait_for

from notice_studio.core.notice.store import Version, Withdrawal
from notice_studio.ui.history.history_entries import DRAFT, timeline

FAR = dt.date(9999, 12, 31)


def _version(number: int, *, withdrawn: bool = False) -> Version:
    return Version(
        number,
        f"c{number}",
        dt.date(2026, 1, number) if not withdrawn else FAR,
        True,
        "",
        "Jane Counsel",
        "Uma",
        "2026-01-01T09:00:00+00:00",
        withdrawn=Withdrawal("Uma", "2026-01-02T09:00:00+00:00", "Mistyped.") if withdrawn else None,
    )


def test_history_badges_the_first_version_readers_get_and_the_draft_follows_the_last_standing() -> None:
    v1, v2, v3 = _version(1, withdrawn=True), _version(2), _version(3, withdrawn=True)
    entries = timeline([], [v1, v2, v3], {}, edits_since=2, now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    by_ref = {e.ref: e for e in entries}
    assert by_ref["draft"].kind == DRAFT and by_ref["draft"].detail == "The text you are editing · 2 edits since v2"
    assert by_ref["v2"].kind_tag == "First" and "First version" in by_ref["v2"].accessible_text
    assert by_ref["v1"].kind_tag == "Material" and by_ref["v3"].kind_tag == "Material"


def test_undoing_a_restore_replaces_its_undo_hint_like_every_other_edit(qtbot, window, monkeypatch) -> None:
    dock = dock_of(window)
    publish_v1(window)
    edit_clause(qtbot, window, 1, "information", "personal data")
    wait_for(qtbot, dock, lambda entries: any(e.ref == "v1" for e in entries))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dock.select_refs("v1")
    with qtbot.waitSignal(dock.restored, timeout=10000):
        dock.restore_selected()
    said = window.statusBar().currentMessage()
    assert said.startswith("Version v1 is now the draft") and said.endswith(" Undo (Ctrl+Z) brings it back.")
    window.act_undo.trigger()
    shown = window.statusBar().currentMessage()
    assert "brings it back" not in shown
    assert shown == "Undone: Restored v1 as the draft. Redo (Ctrl+Y) does it again."

"""The History dock says whether each version's signed tag verifies (real gpg keys, real git tags)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from gpg_support import NO_GPG, WHY, gpg_keys, sign_with
from PySide6.QtCore import Qt
from ui_support import UI_AUTHOR

from notice_studio.ui import commands
from notice_studio.ui.history.history_dock import HistoryDelegate, HistoryDock
from notice_studio.ui.history.history_entries import VERSION

pytestmark = pytest.mark.skipif(NO_GPG, reason=WHY)


def test_version_entries_say_whether_their_signature_verifies(
    qtbot, window, notice_folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dock = window.docks["history_dock"]
    dock.show()
    assert isinstance(dock, HistoryDock)
    session = window.session
    with gpg_keys("Jane Counsel <jane@example.com>", "Omar Outside <omar@example.com>") as keys:
        (jane_home, jane_key), (outsider_home, outsider_key) = keys
        # v1 is signed by Jane, whose key this keyring knows; v2 by a key it has never seen.
        for home, key, effective in ((jane_home, jane_key, 1), (outsider_home, outsider_key, 2)):
            monkeypatch.setenv("GNUPGHOME", str(home))
            sign_with(notice_folder, key)
            clause = session.notice.clauses[0]
            session.undo_stack.push(
                commands.EditBody(session, clause.id, clause.body, clause.body + f" Edit {effective}.")
            )
            qtbot.waitUntil(lambda: session.repo.edits(limit=1)[0].message == f"Edited '{clause.title}'", timeout=10000)
            session.flush()
            session.repo.publish(
                dt.date(2026, effective, 15), "We explain how long we keep data.", True, "GC", UI_AUTHOR
            )
        monkeypatch.setenv("GNUPGHOME", str(jane_home))
        session.refresh_history()

        def versions() -> dict[str, str]:
            return {e.ref: e.signature for e in dock.entries if e.kind == VERSION}

        qtbot.waitUntil(lambda: len(versions()) == 2, timeout=15000)
    assert versions() == {
        "v1": "Signed, verified (Jane Counsel <jane@example.com>)",
        "v2": "Signed, NOT verified",
    }
    # In words on the entry, for screen readers, and in its tooltip; never colour alone.
    rows = {
        dock.list.item(i).data(Qt.ItemDataRole.AccessibleTextRole): dock.list.item(i) for i in range(dock.list.count())
    }
    v1 = next(item for text, item in rows.items() if text.startswith("Version 1 "))
    v2 = next(item for text, item in rows.items() if text.startswith("Version 2 "))
    assert "Signed, verified (Jane Counsel <jane@example.com>)" in v1.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Signed, NOT verified" in v2.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Signed, NOT verified" in v2.toolTip()
    # The painted row makes room for the line: a signed version is one line taller than its text alone.
    one_line = dock.list.fontMetrics().lineSpacing()
    padding = 2 * HistoryDelegate.PAD + 4  # what a version row adds around its lines
    assert dock.list.visualItemRect(v1).height() - padding >= 4 * one_line  # title, people, signature, notice
    dock.grab().save(str(tmp_path / "history-signatures.png"))  # looked at: the line sits under 'Approved by'

"""Counsel change a notice's laws in the app (File > Notice settings…, or from the Checks finding
that asks for a law): saved and committed as an edit, undoable, and the checks follow."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from notice_studio.core.library.jurisdictions import JURISDICTIONS
from notice_studio.core.notice.model import Clause
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.ui import commands
from notice_studio.ui.checks.checks_dock import ChecksDock
from notice_studio.ui.publish.notice_settings_dialog import NoticeSettingsDialog

BRAZIL = JURISDICTIONS["lgpd"].label


def _checks(window) -> ChecksDock:
    dock = window.docks["checks_dock"]
    dock.show()
    assert isinstance(dock, ChecksDock)
    return dock


def _asks_for(dock: ChecksDock, law: str) -> list:
    report = dock.last_report
    return [] if report is None else [f for f in report.findings if f.law_to_add == law]


def _add_brazil_rights(window) -> None:
    """A section about rights under the LGPD, which the template notice is not written for."""
    session = window.session
    clause = Clause("brazil-rights", "Rights of players in Brazil", "You can ask us for a copy of your data.\n")
    session.undo_stack.push(commands.AddClause(session, clause, None, len(session.notice.clauses)))


def _committed_laws(path) -> str:
    return subprocess.run(
        ["git", "-C", str(path), "show", "HEAD:notice.yaml"], capture_output=True, text=True, check=True
    ).stdout


def _ok(dialog: NoticeSettingsDialog, qtbot) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_ticking_a_law_saves_it_as_an_undoable_edit_and_the_checks_follow(window, qtbot) -> None:
    session, dock = window.session, _checks(window)
    before = list(session.notice.jurisdictions)
    assert "lgpd" not in before
    _add_brazil_rights(window)
    qtbot.waitUntil(lambda: bool(_asks_for(dock, "lgpd")), timeout=15000)
    (finding,) = _asks_for(dock, "lgpd")
    assert "File > Notice settings…" in finding.app_fix and "notice-studio" not in finding.app_fix

    dialog = window.notice_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    box = dialog.laws.boxes["lgpd"]
    assert box.text() == BRAZIL and not box.isChecked()
    assert all(dialog.laws.boxes[law].isChecked() for law in before)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # its tick box
    _ok(dialog, qtbot)
    assert not dialog.isVisible()
    assert session.notice.jurisdictions == [*before, "lgpd"]

    qtbot.waitUntil(lambda: "lgpd" in _committed_laws(session.path), timeout=10000)
    assert any(BRAZIL in e.message for e in session.repo.edits(limit=5))
    with NoticeRepo.open(session.path) as fresh:  # in notice.yaml, where the command line reads it
        assert fresh.load().jurisdictions == [*before, "lgpd"]
    qtbot.waitUntil(lambda: not _asks_for(dock, "lgpd"), timeout=15000)
    assert BRAZIL in dock.coverage.text()
    library = window.docks["library_browser"]
    assert BRAZIL in library.laws.itemData(0, Qt.ItemDataRole.ToolTipRole)  # the library filter follows

    session.undo_stack.undo()
    assert session.notice.jurisdictions == before
    qtbot.waitUntil(lambda: "lgpd" not in _committed_laws(session.path), timeout=10000)
    qtbot.waitUntil(lambda: bool(_asks_for(dock, "lgpd")), timeout=15000)
    assert BRAZIL not in library.laws.itemData(0, Qt.ItemDataRole.ToolTipRole)


def test_the_finding_offers_to_add_its_law_and_counsel_confirm(window, qtbot) -> None:
    session, dock = window.session, _checks(window)
    _add_brazil_rights(window)
    qtbot.waitUntil(lambda: bool(_asks_for(dock, "lgpd")), timeout=15000)
    (finding,) = _asks_for(dock, "lgpd")
    offers = dict(dock.finding_actions(finding))
    offer = offers[f"Add {BRAZIL} to the notice's laws…"]
    offer()
    (dialog,) = window.findChildren(NoticeSettingsDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    box = dialog.laws.boxes["lgpd"]
    assert box.isChecked()  # ticked for counsel to confirm, nothing changed yet
    qtbot.waitUntil(lambda: dialog.focusWidget() is box, timeout=3000)
    assert "lgpd" not in session.notice.jurisdictions
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # OK by keyboard
    assert "lgpd" in session.notice.jurisdictions
    qtbot.waitUntil(lambda: not _asks_for(dock, "lgpd"), timeout=15000)


def test_a_finding_about_no_law_offers_none(window, qtbot) -> None:
    dock = _checks(window)
    qtbot.waitUntil(lambda: dock.last_report is not None, timeout=15000)
    for finding in dock.last_report.findings:
        if finding.law_to_add is None:
            assert not any("notice's laws" in label for label, _ in dock.finding_actions(finding))


def test_no_law_ticked_is_refused_in_the_cores_words_and_the_dialog_stays(window, qtbot) -> None:
    from notice_studio.core.library.jurisdictions import choice_problem

    session = window.session
    before = list(session.notice.jurisdictions)
    dialog = window.notice_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    for box in dialog.laws.boxes.values():
        box.setChecked(False)
    _ok(dialog, qtbot)
    assert dialog.isVisible() and dialog.laws.problem.isVisible()
    assert dialog.laws.problem.text() == choice_problem([])
    assert session.notice.jurisdictions == before and not session.undo_stack.canUndo()
    dialog.laws.boxes["lgpd"].setChecked(True)
    assert not dialog.laws.problem.isVisible()
    dialog.reject()


def test_the_checks_panel_opens_the_laws_by_keyboard(window, qtbot) -> None:
    dock = _checks(window)
    button = dock.change_laws
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus and button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (dialog,) = window.findChildren(NoticeSettingsDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.reject()

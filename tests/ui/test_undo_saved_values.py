"""Undo puts back a value exactly as it was, even one saved before today's rule for typed values
(over the length limit, or holding a control character): it came from the notice on disk, so
Ctrl+Z restores it instead of raising inside the undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_support import UI_AUTHOR

from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.text_input import MAX_VALUE
from notice_studio.ui.placeholders.variables_panel import VariablesDock
from notice_studio.ui.tables.tables_panel import TablesDock

OLD_VALUE = "a rota planner " + "for shift work " * 300  # longer than today's limit
OLD_CELL = "_ga\x07"  # a bell character saved by an older version
OLD_TITLE = "Who we are\x1b"
OLD_RETENTION = "kept " * 1000


@pytest.fixture
def old_window(qtbot, settings, tmp_path: Path):
    """The app on a notice an older version saved, holding values today's rule refuses."""
    from notice_studio.ui.main_window import MainWindow

    notice = build_notice(None, "Acme Ltd", None)
    notice.variables["service.description"] = OLD_VALUE
    cookies = notice.tables["cookies"]
    cookies.rows[0][0] = OLD_CELL
    notice.clauses[0].title = OLD_TITLE
    assert notice.practices is not None
    notice.practices.categories[0].retention = OLD_RETENTION
    with NoticeRepo.create(tmp_path / "old-notice", notice, UI_AUTHOR):
        pass
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.open_notice(tmp_path / "old-notice")
    qtbot.waitUntil(lambda: win.library is not None, timeout=10000)
    yield win
    if win.session is not None:
        win.close()


def test_the_saved_values_are_over_todays_rule() -> None:
    assert len(OLD_VALUE) > MAX_VALUE


def test_undo_puts_back_a_long_placeholder_value_as_it_was_saved(old_window) -> None:
    session = old_window.session
    assert session.notice.variables["service.description"] == OLD_VALUE
    dock = old_window.docks["variables_panel"]
    assert isinstance(dock, VariablesDock)
    row = dock.rows["service.description"]
    row.field.setText("a rota planner")
    row.field.textEdited.emit(row.field.text())
    assert session.notice.variables["service.description"] == "a rota planner"
    old_window.act_undo.trigger()
    assert session.notice.variables["service.description"] == OLD_VALUE
    assert row.field.text() == OLD_VALUE
    old_window.act_redo.trigger()
    assert session.notice.variables["service.description"] == "a rota planner"


def test_undo_puts_back_a_table_cell_with_a_control_character(old_window) -> None:
    session = old_window.session
    dock = old_window.docks["tables_panel"]
    assert isinstance(dock, TablesDock)
    dock.select_table("cookies")
    dock.model.setData(dock.model.index(0, 0), "_ga")
    assert session.notice.tables["cookies"].rows[0][0] == "_ga"
    old_window.act_undo.trigger()
    assert session.notice.tables["cookies"].rows[0][0] == OLD_CELL
    assert dock.model.index(0, 0).data() == OLD_CELL


def test_undo_puts_back_a_title_with_a_control_character(old_window, qtbot) -> None:
    session = old_window.session
    clause = session.notice.clauses[0]
    assert clause.title == OLD_TITLE
    old_window.select_clause(clause.id)
    old_window.editor.title.setText("Who we are")
    old_window.editor.title.editingFinished.emit()
    assert clause.title == "Who we are"
    old_window.act_undo.trigger()
    assert clause.title == OLD_TITLE


def test_undo_puts_back_practices_with_a_long_value(old_window) -> None:
    import copy

    from notice_studio.ui import commands

    session = old_window.session
    assert session.notice.practices.categories[0].retention == OLD_RETENTION
    edited = copy.deepcopy(session.notice.practices)
    edited.categories[0].retention = "two years"
    old_window._apply_practices(edited, "Changed the retention")  # as the Practices panel applies it
    assert session.notice.practices.categories[0].retention == "two years"
    old_window.act_undo.trigger()
    assert session.notice.practices.categories[0].retention == OLD_RETENTION
    old_window.act_redo.trigger()
    assert session.notice.practices.categories[0].retention == "two years"
    assert isinstance(session.undo_stack.command(0), commands.SetPractices)

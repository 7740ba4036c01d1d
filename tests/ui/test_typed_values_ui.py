"""The app's editors keep to the core's rule for typed values: a value too long or holding a control
character is refused in one sentence before anything is saved, and what was typed is not lost."""

from __future__ import annotations

from test_practices_dock import make

from notice_studio.core.text_input import MAX_VALUE
from notice_studio.ui.placeholders.variables_panel import VariablesDock
from notice_studio.ui.tables.tables_panel import TablesDock


def test_the_practices_text_with_a_long_value_is_refused_and_kept(qtbot) -> None:
    dock, host = make(qtbot)
    retention = host.notice.practices.categories[0].retention  # type: ignore[union-attr]
    long_value = "r" * (MAX_VALUE + 1)
    text = dock.text.toPlainText().replace(retention, long_value, 1)
    dock.text.setPlainText(text)
    assert not dock.apply_text()
    assert "characters long" in dock.problem.text() and dock.problem.text().endswith("Nothing was changed.")
    assert host.messages == [] and dock.text.toPlainText() == text


def test_a_placeholder_value_with_a_control_character_is_refused_in_its_row(window) -> None:
    dock = window.docks["variables_panel"]
    assert isinstance(dock, VariablesDock)
    row = dock.rows["service.description"]
    row.field.setText("a rota planner\x1b[2J")  # as pasted; keyClicks cannot type it
    row.field.textEdited.emit(row.field.text())
    assert "service.description" not in window.session.notice.variables
    assert window.session.undo_stack.count() == 0
    assert "control character U+001B" in row.help.text() and not row.help.isHidden()
    assert row.field.text() == "a rota planner\x1b[2J"
    row.field.setText("a rota planner")
    row.field.textEdited.emit(row.field.text())
    assert window.session.notice.variables["service.description"] == "a rota planner"
    assert "control character" not in row.help.text()


def test_a_table_cell_with_a_control_character_is_refused(window) -> None:
    dock = window.docks["tables_panel"]
    assert isinstance(dock, TablesDock)
    dock.select_table("cookies")
    before = [list(r) for r in window.session.notice.tables["cookies"].rows]
    dock.model.setData(dock.model.index(0, 0), "_ga\x07")
    assert window.session.notice.tables["cookies"].rows == before
    assert "control character U+0007" in dock.problems.text() and not dock.problems.isHidden()


def test_a_refused_cell_opens_again_with_the_text_that_was_typed(window, qtbot) -> None:
    """Nothing typed is lost: the cell the core refused opens again holding the typed text, to mend."""
    from PySide6.QtWidgets import QLineEdit

    dock = window.docks["tables_panel"]
    assert isinstance(dock, TablesDock)
    dock.select_table("cookies")
    typed = "_ga, kept for two years\x07"
    dock.model.setData(dock.model.index(0, 0), typed)
    assert "control character U+0007" in dock.problems.text()

    def editor_text() -> str:
        editor = dock.view.indexWidget(dock.model.index(0, 0))
        return editor.text() if isinstance(editor, QLineEdit) else ""

    qtbot.waitUntil(lambda: editor_text() == typed, timeout=3000)
    assert window.session.notice.tables["cookies"].rows[0][0] != typed  # still nothing saved

"""The Placeholders dock: filling values, undo, the unfilled count and the filter."""

from __future__ import annotations

from PySide6.QtCore import Qt

from notice_studio.ui import commands
from notice_studio.ui.placeholders.variables_panel import VariablesDock


def dock_of(window) -> VariablesDock:
    dock = window.docks["variables_panel"]
    assert isinstance(dock, VariablesDock)
    return dock


def unfilled(window) -> int:
    return len(window.session.notice.unfilled_placeholders())


def test_one_row_per_placeholder_with_library_labels(window) -> None:
    dock = dock_of(window)
    notice = window.session.notice
    assert dock._order[: len(notice.placeholders())] == notice.placeholders()
    spec = window.library.variable_spec("contact.email")
    row = dock.rows["contact.email"]
    assert row.label.text() == spec.label
    assert row.field.accessibleName() == spec.label
    assert row.field.placeholderText() == f"e.g. {spec.example}"
    assert spec.help in row.field.toolTip() and spec.help in row.help.text()
    total = len(notice.placeholders())
    assert dock.count.text() == f"{unfilled(window)} of {total} unfilled"
    assert row.field.property("placeholderState") == "unfilled"
    assert dock.rows["organisation.name"].field.property("placeholderState") == "filled"


def test_filling_a_value_shows_in_the_preview_and_undo_clears_it(qtbot, window) -> None:
    session = window.session
    dock = dock_of(window)
    name = "service.description"
    row = dock.rows[name]
    before = unfilled(window)
    total = len(session.notice.placeholders())
    row.field.setFocus()
    qtbot.keyClicks(row.field, "a rota planner")
    assert session.notice.variables[name] == "a rota planner"
    assert session.undo_stack.count() == 1  # keystrokes merged into one step
    assert dock.count.text() == f"{before - 1} of {total} unfilled"
    assert row.field.property("placeholderState") == "filled"
    qtbot.waitUntil(lambda: "a rota planner" in window.preview.last.text, timeout=10000)
    assert "a rota planner" in window.preview.toPlainText()
    qtbot.waitUntil(lambda: any(e.message == f"Filled in '{name}'" for e in session.repo.edits(limit=5)), timeout=10000)
    assert "a rota planner" in (session.path / "notice.yaml").read_text(encoding="utf-8")

    session.undo_stack.undo()
    assert name not in session.notice.variables
    assert row.field.text() == ""
    assert dock.count.text() == f"{before} of {total} unfilled"
    assert row.field.property("placeholderState") == "unfilled"
    qtbot.waitUntil(lambda: "a rota planner" not in window.preview.last.text, timeout=10000)


def test_outside_changes_keep_the_cursor_of_the_field_being_edited(qtbot, window) -> None:
    session = window.session
    dock = dock_of(window)
    field = dock.rows["service.url"].field
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=3000)
    qtbot.keyClicks(field, "https://acme.example")
    field.setCursorPosition(5)
    # Another placeholder changes (say, from a redo): this field keeps its text, cursor and focus.
    session.undo_stack.push(commands.SetVariable(session, "contact.email", "privacy@acme.example"))
    assert dock.rows["contact.email"].field.text() == "privacy@acme.example"
    assert field.text() == "https://acme.example" and field.cursorPosition() == 5 and field.hasFocus()
    # The same placeholder changes underneath: the text follows, the cursor stays near.
    session.undo_stack.push(commands.SetVariable(session, "service.url", "https://acme.example/app"))
    assert field.text() == "https://acme.example/app" and field.cursorPosition() == 5 and field.hasFocus()


def test_unfilled_only_filter(qtbot, window) -> None:
    dock = dock_of(window)
    filled_index = dock._order.index("organisation.name")
    empty_index = dock._order.index("contact.email")
    assert dock.form.isRowVisible(filled_index)
    dock.only_unfilled.click()
    assert not dock.form.isRowVisible(filled_index)
    assert dock.form.isRowVisible(empty_index)
    dock.only_unfilled.click()
    assert dock.form.isRowVisible(filled_index)


def test_new_and_unused_placeholders_follow_the_notice(qtbot, window) -> None:
    session = window.session
    dock = dock_of(window)
    clause = session.notice.clauses[0]
    new_body = clause.body + "\n\nAsk {{ brand.mascot }}."
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, new_body))
    qtbot.waitUntil(lambda: "brand.mascot" in dock.rows, timeout=3000)
    assert dock.rows["brand.mascot"].used
    assert dock.rows["brand.mascot"].label.text() == "brand.mascot"  # not in the library: its name
    # A value set for a placeholder no clause uses any more is listed, greyed, after the used ones.
    session.undo_stack.push(commands.SetVariable(session, "legacy.thing", "kept"))
    assert "legacy.thing" in dock.rows and not dock.rows["legacy.thing"].used
    assert dock._order[-1] == "legacy.thing"
    assert "Not used" in dock.rows["legacy.thing"].help.text()
    session.undo_stack.undo()
    assert "legacy.thing" not in dock.rows


def test_statements_written_from_the_practices_are_shown_read_only(window, qtbot) -> None:
    dock = dock_of(window)
    row = dock.rows["practices.opt_out_statement"]
    assert row.field.isReadOnly()
    assert row.field.text() == window.session.notice.variables["practices.opt_out_statement"]
    assert "written from the practices" in row.label.text()
    before = window.session.undo_stack.count()
    qtbot.keyClicks(row.field, "typed over")
    assert window.session.undo_stack.count() == before  # nothing typed reaches the notice
    assert "typed over" not in window.session.notice.variables["practices.opt_out_statement"]


def test_tab_goes_from_unfilled_only_through_the_placeholder_fields(qtbot, window) -> None:
    """By keyboard: the fields were made after the window's other widgets, so Tab went from the
    panel's check box to the dock's tab bar and never reached a field."""
    from PySide6.QtWidgets import QApplication

    dock = window.docks["variables_panel"]
    assert isinstance(dock, VariablesDock)
    window.extras.keys.pane_actions[4].trigger()  # Ctrl+5: Placeholders
    qtbot.waitUntil(lambda: dock.isVisible(), timeout=3000)
    dock.only_unfilled.setFocus()
    qtbot.waitUntil(dock.only_unfilled.hasFocus, timeout=3000)
    fields = [dock.rows[name].field for name in dock._order if dock.rows[name].field.isVisible()]
    reached = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == fields[:3]


def test_rows_are_coloured_without_a_style_sheet_per_row(qtbot, window) -> None:
    """A style sheet per row restyled every label one by one when a notice opened; the labels
    now take a text colour from their palette, and the colours still follow the values."""
    from PySide6.QtGui import QColor, QPalette

    dock = dock_of(window)
    dock.show()
    session = window.session
    rows = list(dock.rows.values())
    assert len(rows) > 3
    assert [row.name for row in rows if row.label.styleSheet() or row.help.styleSheet()] == []
    assert [row.name for row in rows if row.box.styleSheet() or row.field.styleSheet()] == []

    def colour(row) -> str:
        return row.label.palette().color(QPalette.ColorRole.WindowText).name()

    name = "service.description"
    row = dock.rows[name]
    assert row.label.property("placeholderState") == "unfilled"
    assert colour(row) == QColor(dock._unfilled_label).name()
    assert row.help.palette().color(QPalette.ColorRole.WindowText).name() == QColor(dock._muted).name()
    session.undo_stack.push(commands.SetVariable(session, name, "a rota planner"))
    assert row.label.property("placeholderState") == "filled"
    filled = dock.rows["organisation.name"]
    assert colour(row) == colour(filled) != QColor(dock._unfilled_label).name()
    session.undo_stack.undo()
    assert colour(row) == QColor(dock._unfilled_label).name()
    assert row.label.styleSheet() == ""

"""The Tables dock: editing cells, adding, removing and reordering rows, validation, undo."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from notice_studio.core.library.templates import load_templates
from notice_studio.ui import commands
from notice_studio.ui.tables.tables_panel import STANDARD_TABLES, TablesDock, cell_problem, cookie_categories


def dock_of(window, table: str = "cookies") -> TablesDock:
    dock = window.docks["tables_panel"]
    assert isinstance(dock, TablesDock)
    dock.select_table(table)
    assert dock.current_name() == table
    return dock


def names(window, table: str = "cookies") -> list[str]:
    return [row[0] for row in window.session.notice.tables[table].rows]


def disk_rows(window, table: str = "cookies") -> list[list[str]]:
    text = (window.session.path / "tables" / f"{table}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


def wait_committed(qtbot, window, table: str, check) -> None:
    """Wait for the table's commit and for the file on disk to pass `check`."""
    message = f"Edited the {table.replace('-', ' ')} table"  # and what changed in it
    qtbot.waitUntil(
        lambda: (
            any(message in e.message for e in window.session.repo.edits(limit=5)) and check(disk_rows(window, table))
        ),
        timeout=10000,
    )


def test_standard_columns_match_the_templates() -> None:
    templates, problems = load_templates()
    assert not problems
    for template in templates:
        for name, table in template.tables.items():
            assert list(table.columns) == STANDARD_TABLES[name], (template.id, name)


def test_picker_lists_the_notice_tables(window) -> None:
    dock = dock_of(window)
    listed = [dock.picker.itemData(i) for i in range(dock.picker.count())]
    assert listed == sorted(window.session.notice.tables)
    assert dock.model.rowCount() == len(window.session.notice.tables["cookies"].rows)
    assert "Shown in section" in dock.where.text() and "Cookies we use" in dock.where.text()


def test_add_a_row_type_its_name_and_undo(qtbot, window) -> None:
    session = window.session
    dock = dock_of(window)
    before = names(window)
    dock.view.setCurrentIndex(dock.model.index(1, 0))
    qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    assert names(window) == [*before[:2], "", *before[2:]]
    assert dock.view.currentIndex().row() == 2
    editor = dock.view.indexWidget(dock.model.index(2, 0))
    assert editor is not None  # ready to type the name
    qtbot.keyClicks(editor, "ab_test")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits the editor on its next turn
    qtbot.waitUntil(lambda: names(window) == [*before[:2], "ab_test", *before[2:]], timeout=3000)
    wait_committed(qtbot, window, "cookies", lambda rows: [r[0] for r in rows[1:]] == names(window))

    session.undo_stack.undo()  # the name
    session.undo_stack.undo()  # the row
    assert names(window) == before
    assert dock.model.rowCount() == len(before)
    wait_committed(qtbot, window, "cookies", lambda rows: [r[0] for r in rows[1:]] == before)


def test_remove_and_reorder_rows(qtbot, window) -> None:
    session = window.session
    dock = dock_of(window)
    before = names(window)
    dock.view.setCurrentIndex(dock.model.index(0, 0))
    assert not dock.up_button.isEnabled() and dock.down_button.isEnabled()
    qtbot.mouseClick(dock.down_button, Qt.MouseButton.LeftButton)
    assert names(window) == [before[1], before[0], *before[2:]]
    assert dock.view.currentIndex().row() == 1
    qtbot.mouseClick(dock.down_button, Qt.MouseButton.LeftButton)
    assert names(window) == [before[1], before[2], before[0], *before[3:]]
    qtbot.mouseClick(dock.up_button, Qt.MouseButton.LeftButton)
    assert names(window) == [before[1], before[0], *before[2:]]

    dock.view.setCurrentIndex(dock.model.index(0, 0))
    qtbot.mouseClick(dock.remove_button, Qt.MouseButton.LeftButton)
    assert names(window) == [before[0], *before[2:]]
    expected = [before[0], *before[2:]]
    wait_committed(qtbot, window, "cookies", lambda rows: [r[0] for r in rows[1:]] == expected)
    assert disk_rows(window)[0] == STANDARD_TABLES["cookies"]

    for _ in range(4):
        session.undo_stack.undo()
    assert names(window) == before
    assert [dock.model.index(r, 0).data() for r in range(dock.model.rowCount())] == before


def test_validation_marks_bad_cells(qtbot, window) -> None:
    dock = dock_of(window)
    category = window.session.notice.tables["cookies"].columns.index("Category")
    cell = dock.model.index(0, category)
    assert dock.model.setData(cell, "Tracking")
    assert window.session.notice.tables["cookies"].rows[0][category] == "Tracking"
    assert dock.model.data(cell, Qt.ItemDataRole.BackgroundRole) is not None
    assert "not a cookie category" in dock.model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert not dock.problems.isHidden() and "Row 1, Category" in dock.problems.text()
    for accepted in ("Functional", "essential", "Strictly necessary"):
        dock.model.setData(cell, accepted)
        assert dock.model.data(cell, Qt.ItemDataRole.BackgroundRole) is None
    # The sample notice explains no advertising cookies, so 'marketing' (= Advertising) is refused.
    dock.model.setData(cell, "marketing")
    assert dock.model.data(cell, Qt.ItemDataRole.BackgroundRole) is not None
    dock.model.setData(cell, "Strictly necessary")
    # The category cell offers the notice's categories in a drop-down.
    dock.view.setCurrentIndex(cell)
    dock.view.edit(cell)
    combo = dock.view.indexWidget(cell)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == list(cookie_categories(window.session.notice))
    combo.setCurrentText("Analytics")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.notice.tables["cookies"].rows[0][category] == "Analytics", timeout=3000)
    dock.model.setData(dock.model.index(1, 0), "")
    assert dock.model.data(dock.model.index(1, 0), Qt.ItemDataRole.ToolTipRole) == "Every row needs a name."
    assert dock.problems.text().startswith("⚠ Row 2, Name")


def test_categories_follow_the_notice_cookie_overview(window) -> None:
    assert cookie_categories(window.session.notice) == ("Strictly necessary", "Preferences", "Analytics")
    assert cell_problem("cookies", "Category", "Preferences", ("Strictly necessary", "Analytics")) is not None
    assert cell_problem("service-providers", "Category", "anything", ("Analytics",)) is None


def test_new_table_with_standard_columns_and_undo(qtbot, window) -> None:
    session = window.session
    session.undo_stack.push(commands.EditTable(session, "service-providers", None))
    dock = window.docks["tables_panel"]
    assert dock.picker.findData("service-providers") == -1
    dock._fill_new_menu()
    labels = {a.text(): a.isEnabled() for a in dock.new_menu.actions()}
    assert labels["Service providers table"] is True
    assert labels["Cookies table (already there)"] is False
    dock.create_table("service-providers")
    assert session.notice.tables["service-providers"].columns == STANDARD_TABLES["service-providers"]
    assert dock.current_name() == "service-providers" and dock.model.rowCount() == 0
    qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    assert session.notice.tables["service-providers"].rows == [["", "", "", ""]]
    wait_committed(
        qtbot,
        window,
        "service-providers",
        lambda rows: rows[0] == STANDARD_TABLES["service-providers"] and len(rows) == 2,
    )
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert "service-providers" not in session.notice.tables
    assert dock.picker.findData("service-providers") == -1


def test_table_model_passes_qtmodeltester(qtmodeltester, window) -> None:
    dock = dock_of(window)
    qtmodeltester.check(dock.model)
    dock.view.setCurrentIndex(dock.model.index(0, 0))
    dock.add_row()
    qtmodeltester.check(dock.model)


def test_add_row_shows_and_selects_the_new_row(qtbot, window) -> None:
    """In a short panel of tall rows, the row added at the end is scrolled into view (below it a
    problem line appears, as the new row is still empty) and selected, ready to type."""
    from notice_studio.ui.layout.panes import go_to

    dock = dock_of(window)
    go_to(next(p for p in window.extras.panes if p.dock is dock))  # View > Tables
    window.resizeDocks([dock], [230], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: dock.view.isVisible() and dock.view.viewport().height() < 150, timeout=3000)
    assert dock.view.rowHeight(0) > 30  # wrapped text
    rows = dock.model.rowCount()
    dock.add_row()
    added = dock.model.index(rows, 0)
    assert names(window)[rows] == "" and dock.problems.isVisible()
    assert dock.view.currentIndex() == added
    assert dock.view.selectionModel().isSelected(added)
    qtbot.waitUntil(lambda: dock.view.viewport().rect().contains(dock.view.visualRect(added)), timeout=3000)

"""The Tables dock: edit the notice's structured tables (cookies, service providers) row by row.

Every change builds a new Table and pushes one EditTable command; the view follows
session.tables_changed, so undo and redo show up here like any other edit.
"""

from __future__ import annotations

import contextlib
import copy

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.checks.tables import (
    DEFAULT_COOKIE_CATEGORIES,
    STANDARD_TABLES,
    cell_problem,
    cookie_categories,
    table_label,
)
from notice_studio.core.notice.model import Table
from notice_studio.core.notice.table_csv import table_problem
from notice_studio.ui import commands
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.palette import WARNING, themed_name
from notice_studio.ui.session import Session
from notice_studio.ui.tables.table_model import CategoryDelegate, TableModel

__all__ = [
    "DEFAULT_COOKIE_CATEGORIES",
    "STANDARD_TABLES",
    "TableModel",
    "TablesDock",
    "cell_problem",
    "cookie_categories",
    "table_label",
]


class TablesDock(QDockWidget):
    """Pick a table, edit its cells, add, remove and reorder rows."""

    def __init__(self, state: AppState, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Tables", parent)
        self.state, self.nav = state, nav
        self.session: Session | None = None
        self._select_after: tuple[int, int] | None = None

        self.picker = QComboBox()
        self.picker.setAccessibleName("Table")
        self.picker.currentIndexChanged.connect(lambda *_: self._show_table())
        self.new_button = QToolButton()
        self.new_button.setText("New table…")
        self.new_button.setAccessibleName("New table")
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_menu = QMenu(self.new_button)
        self.new_menu.aboutToShow.connect(self._fill_new_menu)
        self.new_button.setMenu(self.new_menu)

        self.where = QLabel("")
        self.where.setWordWrap(True)
        self.where.setAccessibleName("Where the table appears")
        self.where.setTextFormat(Qt.TextFormat.PlainText)

        self.model = TableModel(self._push, self)
        self.model.refused_cell.connect(self._edit_again)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Table rows")
        self.view.setItemDelegate(CategoryDelegate(self.model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

        self.add_button = self._button("&Add row", "Add a row below the selected one", self.add_row)
        self.remove_button = self._button("&Remove row", "Remove the selected row", self.remove_row)
        self.up_button = self._button("Move &up", "Move the selected row up", lambda: self.move_row(-1))
        self.down_button = self._button("Move &down", "Move the selected row down", lambda: self.move_row(1))

        self.problems = QLabel("")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed in cells
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems in the table")
        self._warn = themed_name(WARNING)
        self.problems.setStyleSheet(f"color: {self._warn}")
        self.empty = QLabel("")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel("Table:"))
        top.addWidget(self.picker, 1)
        top.addWidget(self.new_button)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.where)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        self.setWidget(body)

        state.session_changed.connect(self._session_changed)
        self._session_changed(state.session)

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    # ----- following the session --------------------------------------------------------------
    def _session_changed(self, session: Session | None) -> None:
        if self.session is not None:
            for signal, slot in (
                (self.session.tables_changed, self._tables_changed),
                (self.session.notice_replaced, self._tables_changed),
                (self.session.structure_changed, self._describe),
            ):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
        self.session = session
        if session is not None:
            session.tables_changed.connect(self._tables_changed)
            session.notice_replaced.connect(self._tables_changed)
            session.structure_changed.connect(self._describe)
        self._tables_changed()

    def current_name(self) -> str:
        return str(self.picker.currentData() or "")

    def _tables_changed(self) -> None:
        """Refill the picker (tables may appear or vanish on undo) and show the current table."""
        names = sorted(self.session.notice.tables) if self.session else []
        current = self.current_name()
        self.picker.blockSignals(True)
        self.picker.clear()
        for name in names:
            self.picker.addItem(table_label(name), name)
        index = self.picker.findData(current)
        self.picker.setCurrentIndex(index if index >= 0 else (0 if names else -1))
        self.picker.blockSignals(False)
        self._show_table()

    def select_table(self, name: str) -> None:
        index = self.picker.findData(name)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def _show_table(self) -> None:
        name = self.current_name()
        notice = self.session.notice if self.session else None
        table = notice.tables.get(name) if notice and name else None
        self.model.set_table(name, table, cookie_categories(notice))
        chosen = None
        if self._select_after is not None and self.model.rowCount():
            row, column = self._select_after
            chosen = self.model.index(max(0, min(row, self.model.rowCount() - 1)), column)
            self.view.setCurrentIndex(chosen)
        self._select_after = None
        if table is not None and table.columns:
            # Narrow columns with wrapped text read better in a side dock than a wide scroll.
            self.view.resizeColumnsToContents()
            for column in range(len(table.columns)):
                self.view.setColumnWidth(column, min(max(self.view.columnWidth(column), 70), 160))
            self.view.resizeRowsToContents()
        has_table = table is not None
        self.view.setVisible(has_table)
        self.empty.setVisible(not has_table)
        if self.session is None:
            self.empty.setText("Open a notice to edit its tables.")
        elif not has_table:
            self.empty.setText(
                "This notice has no tables yet. Use “New table…” to add a cookies or "
                "service-providers table; a clause shows it with a line [[table:cookies]]."
            )
        self._describe()
        self._show_problems()
        self._update_buttons()
        if chosen is not None:  # the row just added (or moved) is where the user looks next
            self._scroll_to(chosen)

    def _scroll_to(self, index: QModelIndex) -> None:
        """Bring `index` into view once the panel is laid out: rows grow to their wrapped text and
        a problem line may appear under the grid, both after the view chose where to scroll."""
        layout = self.widget().layout() if self.widget() is not None else None
        if layout is not None:
            layout.activate()
        self.view.updateGeometries()
        self.view.scrollTo(index)

    def _describe(self) -> None:
        name = self.current_name()
        if self.session is None or not name:
            self.where.setText("")
            return
        numbers = self.session.notice.numbers()
        shown = [(numbers[c.id], c.title) for c in self.session.notice.showing(name)]
        if shown:
            places = "; ".join(f"section {n} ‘{t}’" for n, t in shown)
            self.where.setText(f"Shown in {places}.")
            self.where.setStyleSheet("")
        else:
            library = self.state.library
            offer = [c.title for c in library.clauses() if name in c.tables()] if library is not None else []
            hint = f" Insert ‘{offer[0]}’ from the library, or" if offer else ""
            self.where.setText(f"No clause shows this table yet.{hint} add a line [[table:{name}]] to a clause.")
            self.where.setStyleSheet(f"color: {self._warn}")

    def _show_problems(self) -> None:
        problems = self.model.problems()
        if not problems:
            self.problems.setText("")
            self.problems.hide()
            return
        first = [f"Row {r + 1}, {self.model.table.columns[c]}: {p}" for r, c, p in problems[:3]]
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        self.problems.setText("⚠ " + "\n".join(first) + more)
        self.problems.show()

    def _update_buttons(self) -> None:
        has_table = self.model.columnCount() > 0 and self.session is not None
        row = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        rows = self.model.rowCount()
        self.add_button.setEnabled(has_table)
        self.remove_button.setEnabled(has_table and row >= 0)
        self.up_button.setEnabled(has_table and row > 0)
        self.down_button.setEnabled(has_table and 0 <= row < rows - 1)

    # ----- edits ------------------------------------------------------------------------------
    def _push(self, table: Table, text: str) -> bool:
        """Save an edit of the table as one undo step; False when the core's rule refuses it."""
        if self.session is None:
            return False
        problem = table_problem(self.model.name, table, self.session.notice.tables.get(self.model.name))
        if problem:  # the core's rule, said before anything is saved
            self.problems.setText(f"⚠ {problem}")
            self.problems.show()
            return False
        self.session.undo_stack.push(commands.EditTable(self.session, self.model.name, table, text))
        return True

    def _edit_again(self, row: int, column: int) -> None:
        """Open a refused cell again, holding the text that was typed (once its editor has closed)."""
        QTimer.singleShot(0, lambda: self.view.edit(self.model.index(row, column)))

    def _current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_row(self) -> None:
        """A blank row below the selected one (or at the end), ready to type its name."""
        if self.session is None or not self.model.table.columns:
            return
        new = copy.deepcopy(self.model.table)
        row = self._current_row() + 1 if self._current_row() >= 0 else len(new.rows)
        new.rows.insert(row, [""] * len(new.columns))
        self._select_after = (row, 0)
        self._push(new, f"Add a row to the {self.model.name.replace('-', ' ')} table")
        self.view.setFocus()
        if self.view.currentIndex().isValid():
            self.view.edit(self.view.currentIndex())

    def remove_row(self) -> None:
        row = self._current_row()
        if self.session is None or row < 0:
            return
        new = copy.deepcopy(self.model.table)
        removed = new.rows.pop(row)
        self._select_after = (min(row, len(new.rows) - 1), self.view.currentIndex().column())
        label = removed[0] if removed and removed[0] else f"row {row + 1}"
        self._push(new, f"Remove '{label}' from the {self.model.name.replace('-', ' ')} table")

    def move_row(self, delta: int) -> None:
        row = self._current_row()
        target = row + delta
        if self.session is None or row < 0 or not 0 <= target < self.model.rowCount():
            return
        new = copy.deepcopy(self.model.table)
        new.rows.insert(target, new.rows.pop(row))
        self._select_after = (target, self.view.currentIndex().column())
        self._push(new, f"Move a row in the {self.model.name.replace('-', ' ')} table")

    def _fill_new_menu(self) -> None:
        self.new_menu.clear()
        existing = set(self.session.notice.tables) if self.session else set()
        embedded = sorted({n for c in self.session.notice.all_clauses() for n in c.tables()}) if self.session else []
        names = list(STANDARD_TABLES) + [n for n in embedded if n not in STANDARD_TABLES]
        for name in names:
            action = QAction(f"{table_label(name)} table", self.new_menu)
            if name in existing:
                action.setText(f"{table_label(name)} table (already there)")
                action.setEnabled(False)
            action.triggered.connect(lambda _checked=False, n=name: self.create_table(n))
            self.new_menu.addAction(action)
        if self.session is None:
            for action in self.new_menu.actions():
                action.setEnabled(False)

    def create_table(self, name: str) -> None:
        """Add an empty table with the standard columns (Name and Description for other names)."""
        if self.session is None or name in self.session.notice.tables:
            self.select_table(name)
            return
        columns = STANDARD_TABLES.get(name, ["Name", "Description"])
        self.session.undo_stack.push(
            commands.EditTable(
                self.session, name, Table(list(columns), []), f"Create the {name.replace('-', ' ')} table"
            )
        )
        self.select_table(name)

"""The Tables dock's Qt side: the table model and the cookie-category drop-down editor.

The rules (standard columns, cookie categories, cell validation) are core's
(`core/checks/tables.py`); this module only shows them.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from notice_studio.core.checks.tables import DEFAULT_COOKIE_CATEGORIES, cell_problem
from notice_studio.core.notice.model import Table
from notice_studio.ui.palette import BAD_CELL_BACKGROUND, themed

Index = QModelIndex | QPersistentModelIndex


class TableModel(QAbstractTableModel):
    """A Qt view of one notice table; edits are handed to `on_edit` as a whole new Table.

    `on_edit` returns False when it refuses the edit (the core's rule for a value); a refused cell's
    typed text is kept in `refused` and `refused_cell` asks the view to open the cell again with it,
    so nothing typed is lost."""

    refused_cell = Signal(int, int)

    def __init__(self, on_edit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refused: dict[tuple[int, int], str] = {}
        self.name = ""
        self.table = Table([], [])
        self.categories: tuple[str, ...] = DEFAULT_COOKIE_CATEGORIES
        self._on_edit = on_edit
        self._bad = themed(BAD_CELL_BACKGROUND)

    def set_table(self, name: str, table: Table | None, categories: tuple[str, ...]) -> None:
        table = copy.deepcopy(table) if table is not None else Table([], [])
        same_shape = (
            name == self.name and table.columns == self.table.columns and len(table.rows) == len(self.table.rows)
        )
        self.categories = categories
        if same_shape:
            # Keep the view's current cell and open editor: only the values changed.
            self.table = table
            if table.rows and table.columns:
                self.dataChanged.emit(self.index(0, 0), self.index(len(table.rows) - 1, len(table.columns) - 1))
            return
        self.beginResetModel()
        self.name, self.table = name, table
        self.endResetModel()

    def problem(self, row: int, column: int) -> str | None:
        cells = self.table.rows[row]
        value = cells[column] if column < len(cells) else ""
        return cell_problem(self.name, self.table.columns[column], value, self.categories)

    def problems(self) -> list[tuple[int, int, str]]:
        return [
            (r, c, p)
            for r in range(len(self.table.rows))
            for c in range(len(self.table.columns))
            if (p := self.problem(r, c))
        ]

    # ----- Qt model interface -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.table.columns[section] if section < len(self.table.columns) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cells = self.table.rows[index.row()]
        value = cells[index.column()] if index.column() < len(cells) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._bad if self.problem(index.row(), index.column()) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.problem(index.row(), index.column()) or (value if len(value) > 30 else None)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            problem = self.problem(index.row(), index.column())
            return f"{value}. Problem: {problem}" if problem else value
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        text = " ".join(str(value or "").split())  # one line: the CSV cell renders in one table cell
        row, column = index.row(), index.column()
        if (self.table.rows[row] + [""] * len(self.table.columns))[column] == text:
            return False
        new = copy.deepcopy(self.table)
        new.rows[row] = (new.rows[row] + [""] * len(new.columns))[: len(new.columns)]
        new.rows[row][column] = text
        if (
            self._on_edit(new, f"Edit '{self.table.columns[column]}' in the {self.name.replace('-', ' ')} table")
            is False
        ):
            self.refused[(row, column)] = text  # put back in the cell's editor, not dropped
            self.refused_cell.emit(row, column)
            return False
        return True


class CategoryDelegate(QStyledItemDelegate):
    """An editable drop-down of the notice's cookie categories for the 'Category' column."""

    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def _is_category(self, index: Index) -> bool:
        columns = self.model.table.columns
        return (
            self.model.name == "cookies"
            and index.column() < len(columns)
            and columns[index.column()].lower() == "category"
        )

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if not self._is_category(index):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItems(list(self.model.categories))
        combo.setAccessibleName("Cookie category")
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        refused = self.model.refused.pop((index.row(), index.column()), None)
        if isinstance(editor, QComboBox):
            editor.setCurrentText(refused if refused is not None else str(index.data(Qt.ItemDataRole.EditRole) or ""))
        elif refused is not None and isinstance(editor, QLineEdit):
            editor.setText(refused)  # the text the core refused, to mend rather than type again
        else:
            super().setEditorData(editor, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 6, size.height() + 8)  # breathing room around wrapped text

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

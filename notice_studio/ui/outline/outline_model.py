"""The one Qt item model over the core clause tree.

Structural edits go through this adapter so that every change reaches views as the proper
begin/end signals; numbers are recomputed from the tree, never stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from notice_studio.core.notice.model import Clause, Notice, NoticeError, Position
from notice_studio.ui.palette import CHANGED_MARK, MARK_GLYPH, PROBLEM_MARK, Pair, themed

CLAUSE_MIME = "application/x-notice-studio-clause"
LIBRARY_MIME = "application/x-notice-studio-library-clause"
ClauseIdRole = Qt.ItemDataRole.UserRole + 1
NumberRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def _dot(color: QColor, shape: str = "circle") -> QIcon:
    """A status mark told apart by shape as well as colour (problem: a triangle with "!", changed:
    a ringed dot); a white edge keeps it visible on a selected (blue) row."""
    size = 14
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    glyph = themed(MARK_GLYPH)
    painter.setBrush(color)
    painter.setPen(QPen(glyph, 1.5))
    if shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(7, 1), QPointF(13, 12.5), QPointF(1, 12.5)]))
        painter.setPen(QPen(glyph, 2))
        painter.drawLine(QPointF(7, 5), QPointF(7, 8.5))
        painter.drawPoint(QPointF(7, 10.7))
    else:
        painter.drawEllipse(QPointF(7, 7), 5, 5)
        painter.setBrush(glyph)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(7, 7), 1.6, 1.6)
    painter.end()
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        icon.addPixmap(pixmap, mode)  # no tinting on selected rows
    return icon


class OutlineModel(QAbstractItemModel):
    move_requested = Signal(str, object, int)  # clause id, new parent id or None, index
    insert_requested = Signal(str, object, int)  # library clause id, parent id or None, index

    def __init__(self, notice: Notice, parent=None) -> None:
        super().__init__(parent)
        self._notice = notice
        self._parents: dict[str, Clause | None] = {}
        self._numbers: dict[str, str] = {}
        self._changed: set[str] = set()
        self._problems: dict[str, str] = {}
        self._icons: dict[str, QIcon] = {}
        self._reindex()

    # ----- bookkeeping ------------------------------------------------------------------------
    def _reindex(self) -> None:
        self._parents.clear()

        def visit(items: list[Clause], parent: Clause | None) -> None:
            for clause in items:
                self._parents[clause.id] = parent
                visit(clause.children, clause)

        visit(self._notice.clauses, None)
        self._numbers = self._notice.numbers()

    def _siblings(self, parent: Clause | None) -> list[Clause]:
        return self._notice.clauses if parent is None else parent.children

    def _clause(self, index: Index) -> Clause | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, clause_id: str) -> QModelIndex:
        parent = self._parents.get(clause_id)
        if clause_id not in self._parents:
            return QModelIndex()
        for row, clause in enumerate(self._siblings(parent)):
            if clause.id == clause_id:
                return self.createIndex(row, 0, clause)
        return QModelIndex()

    def clause_id(self, index: Index) -> str | None:
        clause = self._clause(index)
        return clause.id if clause else None

    def _parent_index(self, parent_id: str | None) -> QModelIndex:
        return QModelIndex() if parent_id is None else self.index_of(parent_id)

    def _renumbered(self) -> None:
        self._reindex()
        self._emit_all_changed(QModelIndex())

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, 0, parent))
            for row in range(rows):
                self._emit_all_changed(self.index(row, 0, parent))

    # ----- Qt model interface -----------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        siblings = self._siblings(self._clause(parent))
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        clause = self._clause(index)
        if clause is None:
            return QModelIndex()
        parent = self._parents.get(clause.id)
        if parent is None:
            return QModelIndex()
        grand = self._parents.get(parent.id)
        row = next(i for i, c in enumerate(self._siblings(grand)) if c is parent)
        return self.createIndex(row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._siblings(self._clause(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        clause = self._clause(index)
        if clause is None:
            return None
        number = self._numbers.get(clause.id, "")
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{number}  {clause.title}"
        if role == Qt.ItemDataRole.EditRole:
            return clause.title
        if role == ClauseIdRole:
            return clause.id
        if role == NumberRole:
            return number
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = [f"Section {number}: {clause.title}"]
            if clause.id in self._changed:
                notes.append("Changed since the last published version.")
            if clause.id in self._problems:
                notes.append(self._problems[clause.id])
            if clause.provenance:
                notes.append(
                    f"From the library: {clause.provenance.library_id}, version {clause.provenance.version}"
                    + (" (customised)" if clause.is_customised() else "")
                )
            return "\n".join(notes)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            extra = []
            if clause.id in self._changed:
                extra.append("changed")
            if clause.id in self._problems:
                extra.append("has problems")
            return f"Section {number}, {clause.title}" + (f", {', '.join(extra)}" if extra else "")
        if role == Qt.ItemDataRole.DecorationRole:
            if clause.id in self._problems:
                return self._icon("problem", PROBLEM_MARK, "triangle")
            if clause.id in self._changed:
                return self._icon("changed", CHANGED_MARK, "circle")
            return None
        return None

    def _icon(self, name: str, color: Pair, shape: str) -> QIcon:
        if name not in self._icons:
            self._icons[name] = _dot(themed(color), shape)
        return self._icons[name]

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        # Renames go through the undo stack: the view asks, the window performs.
        return False

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    # ----- drag and drop ----------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CLAUSE_MIME, LIBRARY_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        ids = [clause_id for i in indexes if i.isValid() and (clause_id := self.clause_id(i))]
        if ids:
            mime.setData(CLAUSE_MIME, QByteArray(ids[0].encode()))
            mime.setText(ids[0])
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if data.hasFormat(LIBRARY_MIME):
            return True
        if not data.hasFormat(CLAUSE_MIME):
            return False
        moving = data.data(CLAUSE_MIME).toStdString()
        target = self._clause(parent)
        while target is not None:  # cannot drop a clause inside itself
            if target.id == moving:
                return False
            target = self._parents.get(target.id)
        return True

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        parent_id = self.clause_id(parent)
        if row < 0:
            row = self.rowCount(parent)
        if data.hasFormat(LIBRARY_MIME):
            self.insert_requested.emit(data.data(LIBRARY_MIME).toStdString(), parent_id, row)
            return False
        moving = data.data(CLAUSE_MIME).toStdString()
        old = self._notice.position(moving)
        index = row - 1 if old.parent_id == parent_id and old.index < row else row
        if old.parent_id != parent_id or old.index != index:
            self.move_requested.emit(moving, parent_id, index)
        # Returning False: the move is done by an undo command, the view must not remove rows.
        return False

    # ----- structural edits (the only way the tree changes while a view is attached) ----------
    def insert(self, clause: Clause, parent_id: str | None, index: int) -> Position:
        siblings = self._notice.siblings(parent_id)
        index = max(0, min(index, len(siblings)))
        self.beginInsertRows(self._parent_index(parent_id), index, index)
        position = self._notice.add(clause, parent_id, index)
        self._reindex()
        self.endInsertRows()
        self._renumbered()
        return position

    def remove(self, clause_id: str) -> tuple[Clause, Position]:
        position = self._notice.position(clause_id)
        self.beginRemoveRows(self._parent_index(position.parent_id), position.index, position.index)
        result = self._notice.remove(clause_id)
        self._reindex()
        self.endRemoveRows()
        self._renumbered()
        return result

    def move(self, clause_id: str, parent_id: str | None, index: int) -> Position:
        problem = self._notice.check_move(clause_id, parent_id)
        if problem:  # refused before the view hears of it (Qt would silently refuse some of them)
            raise NoticeError(problem)
        old = self._notice.position(clause_id)
        siblings_after_removal = len(self._notice.siblings(parent_id)) - (1 if old.parent_id == parent_id else 0)
        index = max(0, min(index, siblings_after_removal))
        if old.parent_id == parent_id and old.index == index:
            return old
        destination = index + 1 if old.parent_id == parent_id and index > old.index else index
        if not self.beginMoveRows(
            self._parent_index(old.parent_id), old.index, old.index, self._parent_index(parent_id), destination
        ):
            return old
        self._notice.move(clause_id, parent_id, index)
        self._reindex()
        self.endMoveRows()
        self._renumbered()
        return old

    def rename(self, clause_id: str, title: str, *, restoring: bool = False) -> str:
        old = self._notice.rename(clause_id, title, restoring=restoring)
        index = self.index_of(clause_id)
        self.dataChanged.emit(index, index)
        return old

    def reset_notice(self, notice: Notice) -> None:
        self.beginResetModel()
        self._notice = notice
        self._reindex()
        self.endResetModel()

    def set_marks(self, changed: set[str] | None = None, problems: dict[str, str] | None = None) -> None:
        """Marks for clauses changed since the last version and clauses with problems."""
        if changed is not None:
            self._changed = set(changed)
        if problems is not None:
            self._problems = dict(problems)
        self._emit_all_changed(QModelIndex())

"""The Library dock's results: a Qt model over found library clauses, its two-line delegate,
and the search box / list key handling (Down, Enter, Up) that make the dock keyboard-friendly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QKeyEvent, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from notice_studio.core.library.types import LibraryClause, Topic
from notice_studio.ui.library.library_preview import PreviewColours, laws_label, laws_long
from notice_studio.ui.outline.outline_model import LIBRARY_MIME
from notice_studio.ui.palette import FILLED, LINK, UNFILLED, UNFILLED_BACKGROUND, muted_color, themed_name

LibraryIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def preview_colours() -> PreviewColours:
    return PreviewColours(
        muted_color().name(),
        themed_name(LINK),
        themed_name(UNFILLED),
        themed_name(UNFILLED_BACKGROUND),
        themed_name(FILLED),
    )


def _check_icon(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), 2.2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawPolyline([QPointF(2.5, 7.5), QPointF(5.5, 10.5), QPointF(11.5, 3.5)])
    painter.end()
    return QIcon(pixmap)


class ResultsModel(QAbstractTableModel):
    """Library clauses found by the search; rows drag into the outline as LIBRARY_MIME."""

    HEADERS = ("Clause", "Topic", "Laws")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LibraryClause] = []
        self._topics: Mapping[str, Topic] = {}
        self._in_notice: dict[str, str] = {}  # library id -> section number
        self._check = _check_icon(themed_name(FILLED))

    def set_results(self, clauses: list[LibraryClause], topics: Mapping[str, Topic]) -> None:
        self.beginResetModel()
        self._rows, self._topics = list(clauses), topics
        self.endResetModel()

    def set_in_notice(self, numbers: dict[str, str]) -> None:
        """Mark clauses already inserted (library id -> section number in the notice)."""
        self._in_notice = dict(numbers)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    def clause_at(self, row: int) -> LibraryClause | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, lib_id: str) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == lib_id), -1)

    def topic_label(self, topic: str) -> str:
        found = self._topics.get(topic)
        return found.label if found else topic

    # ----- Qt model interface -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        clause = self.clause_at(index.row()) if index.isValid() else None
        if clause is None:
            return None
        column = index.column()
        in_notice = clause.id in self._in_notice
        if role == Qt.ItemDataRole.DisplayRole:
            return (clause.title, self.topic_label(clause.topic), laws_label(clause.jurisdictions))[column]
        if role == LibraryIdRole:
            return clause.id
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and in_notice:
            return self._check
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                clause.title,
                f"Topic: {self.topic_label(clause.topic)}",
                f"Laws: {laws_long(clause.jurisdictions)}",
            ]
            if in_notice:
                lines.append(f"Already in this notice (section {self._in_notice[clause.id]}).")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = (clause.title, self.topic_label(clause.topic), laws_long(clause.jurisdictions))[column]
            return f"{text}, already in this notice" if in_notice and column == 0 else text
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [LIBRARY_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        clause = self.clause_at(rows[0]) if rows else None
        if clause is not None:
            mime.setData(LIBRARY_MIME, QByteArray(clause.id.encode()))
            mime.setText(clause.id)
        return mime


class SearchEdit(QLineEdit):
    """Down or Enter moves to the results."""

    to_results = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.to_results.emit()
            return
        super().keyPressEvent(event)


class ResultsView(QListView):
    """Enter inserts the current clause; Up on the first row goes back to the search box."""

    insert_requested = Signal()
    to_search = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.insert_requested.emit()
            return
        if event.key() == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.to_search.emit()
            return
        super().keyPressEvent(event)


class ResultDelegate(QStyledItemDelegate):
    """Two lines per clause: the title, then 'topic · laws' in a quieter colour."""

    PAD = 4

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, 2 * height + 3 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, icon = opt.text, QIcon(opt.icon)
        opt.text, opt.icon = "", QIcon()
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        main = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = QColor(main) if selected else muted_color()
        rect = opt.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD, -self.PAD)
        line = opt.fontMetrics.height()
        icon_width = line
        if not icon.isNull():
            icon.paint(painter, QRect(rect.left(), rect.top(), icon_width, line))
        text_left = rect.left() + icon_width + self.PAD
        painter.save()
        painter.setPen(main)
        first = QRect(text_left, rect.top(), rect.right() - text_left, line)
        painter.drawText(
            first,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            opt.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, first.width()),
        )
        model = index.model()
        detail = f"{model.index(index.row(), 1).data()} · {model.index(index.row(), 2).data()}"
        small = QFont(opt.font)
        small.setPointSizeF(opt.font.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.setPen(quiet)
        second = QRect(text_left, rect.top() + line + self.PAD, first.width(), line)
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(small).elidedText(detail, Qt.TextElideMode.ElideRight, second.width()),
        )
        painter.restore()

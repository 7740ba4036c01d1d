"""Widgets for the import preview: the topics picker, roomy and wrapping rows, paragraph display."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.importer import known_topics

INDEX_ROLE = Qt.ItemDataRole.UserRole
_INDEX = INDEX_ROLE


def topic_labels(topics: tuple[str, ...] | list[str]) -> list[str]:
    known = known_topics()
    return [known.get(t, t) for t in topics]


_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_SOFT_BREAK = re.compile(r"\n(?![ \t]*(?:[|#>]|(?:[-*+]|\d{1,9}[.)])(?:\s|$)))")


def shown_paragraph(text: str) -> str:
    """A Markdown paragraph as counsel reads it: soft breaks, emphasis marks and escapes taken out."""
    text = _SOFT_BREAK.sub(" ", text.replace("\\\n", "\x00")).replace("\x00", "\n")
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return _ESCAPE.sub(r"\1", text)


class Roomy(QStyledItemDelegate):
    """Rows with a little air between them (long lists of short rows are hard to follow)."""

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


class WrappedText(Roomy):
    """Row heights that fit the text wrapped to its column (QTreeView measures rows without a width)."""

    def __init__(self, view: QTreeWidget, column: int) -> None:
        super().__init__(view)
        self._view, self._column = view, column

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        if index.column() != self._column:
            return size
        margin = self._view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        width = max(40, self._view.header().sectionSize(self._column) - 2 * margin - 2)
        text = str(index.data() or "")
        rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(size.width(), max(size.height(), rect.height() + 8))


class TopicsPicker(QDialog):
    """A checkable list of the library's topics, with a filter."""

    def __init__(self, chosen: tuple[str, ...], section_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Topics of this section")
        self.resize(460, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Which topics does <b>{html.escape(section_title)}</b> cover? The topics decide which "
            "checks and library suggestions apply to it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter topics")
        self.filter.setAccessibleName("Filter topics")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setAccessibleName("Topics")
        for topic_id, label in known_topics().items():
            item = QListWidgetItem(label)
            item.setData(_INDEX, topic_id)
            item.setToolTip(topic_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if topic_id in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().lower() and needle not in item.data(_INDEX))

    def set_checked(self, topic_id: str, on: bool = True) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_INDEX) == topic_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen(self) -> list[str]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item.data(_INDEX) for item in items if item.checkState() == Qt.CheckState.Checked]

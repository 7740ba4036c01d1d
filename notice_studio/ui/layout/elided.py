"""A flat button whose text is shortened with "…" when the room is too narrow, the whole text in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QWidget


class ElidedButton(QPushButton):
    """Asks for the width of its whole text, accepts less, and then shows the start and "…"."""

    def __init__(self, text: str, tip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._full = text
        self._tip = tip
        self._show()

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._show()

    def _room(self) -> int:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        padding = self.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, self) * 2
        return max(0, self.width() - padding)

    def _show(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self._room())
        super().setText(shown)
        self.setToolTip(" ".join(t for t in (self._full, self._tip) if t))

    def sizeHint(self) -> QSize:
        shown = self.text()
        super().setText(self._full)
        hint = super().sizeHint()
        super().setText(shown)
        return hint

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 6, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show()

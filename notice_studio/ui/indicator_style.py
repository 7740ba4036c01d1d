"""Check boxes and radio buttons with a frame that stands out from what they sit on, app-wide.

Fusion draws their edge a shade darker than the window: about 1.2:1 on a dark palette and 2:1 on
its light one, so an unticked box all but disappears. This style draws the indicator as before,
then a frame in `palette.indicator_frame_color` round it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

from notice_studio.ui.palette import indicator_frame_color

_SQUARE = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)
_ROUND = (QStyle.PrimitiveElement.PE_IndicatorRadioButton,)


class IndicatorStyle(QProxyStyle):
    """The application's style with framed check box and radio button indicators."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _SQUARE and element not in _ROUND:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(indicator_frame_color(option.palette))
        pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element in _ROUND:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 1.5, 1.5)
        painter.restore()


def install(app: QApplication) -> None:
    """Use framed indicators in every window of `app` (the style it has, wrapped once)."""
    if isinstance(app.style(), IndicatorStyle):
        return
    base = QStyleFactory.create(app.style().name())
    app.setStyle(IndicatorStyle(base))

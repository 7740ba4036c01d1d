"""Check boxes and radio buttons show their edge on the dark palette and on Fusion's light one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)
from ui_support import contrast

from notice_studio.ui.app import make_application
from notice_studio.ui.indicator_style import IndicatorStyle


def _dark() -> QPalette:
    palette = QPalette(QColor("#353535"), QColor("#2d2d2d"))  # button, window; the shades follow
    for role, colour in {
        "Base": "#1e1e1e",
        "Text": "#f0f0f0",
        "WindowText": "#f0f0f0",
        "ButtonText": "#f0f0f0",
    }.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def _fusion_light() -> QPalette:
    return QStyle.standardPalette(QApplication.style())


@pytest.fixture
def app_style(qapp):
    """The style the app itself installs, on Fusion; the test session's style and names come back after."""
    old_style, names = qapp.style().name(), (qapp.applicationName(), qapp.organizationName())
    qapp.setStyle("Fusion")
    make_application([])
    yield qapp.style()
    qapp.setStyle(old_style)
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])


def _indicator(button: QAbstractButton) -> QRect:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_RadioButtonIndicator
        if isinstance(button, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxIndicator
    )
    return button.style().subElementRect(element, option, button)


def _weakest_side(qtbot, palette: QPalette, button: QAbstractButton) -> float:
    """The contrast with the background of the indicator's edge, on its weakest side."""
    holder = QWidget()
    holder.setPalette(palette)
    QVBoxLayout(holder).addWidget(button)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    image = holder.grab().toImage()
    ratio = holder.grab().devicePixelRatio()
    background = image.pixelColor(2, 2)
    rect = _indicator(button).translated(
        button.mapTo(holder, _indicator(button).topLeft()) - _indicator(button).topLeft()
    )

    def best(points: list[tuple[int, int]]) -> float:
        return max(contrast(image.pixelColor(round(x * ratio), round(y * ratio)), background) for x, y in points)

    xs, ys = range(rect.left(), rect.right() + 1), range(rect.top(), rect.bottom() + 1)
    sides = [
        [(x, y) for x in xs for y in (rect.top(), rect.top() + 1)],
        [(x, y) for x in xs for y in (rect.bottom(), rect.bottom() - 1)],
        [(x, y) for y in ys for x in (rect.left(), rect.left() + 1)],
        [(x, y) for y in ys for x in (rect.right(), rect.right() - 1)],
    ]
    return min(best(side) for side in sides)


@pytest.mark.parametrize("palette", [_dark, _fusion_light], ids=["dark", "fusion-light"])
@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton], ids=["check-box", "radio-button"])
@pytest.mark.parametrize("ticked", [False, True], ids=["clear", "ticked"])
def test_indicators_have_an_edge_that_shows_on_the_background(qtbot, app_style, palette, kind, ticked) -> None:
    assert isinstance(app_style, IndicatorStyle)  # installed once, for every window of the app
    button = kind("Share with partners")
    button.setChecked(ticked)
    assert _weakest_side(qtbot, palette(), button) >= 3.0  # WCAG's contrast for the parts of a control

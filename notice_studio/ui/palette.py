"""The one place that decides whether the system palette is dark."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window's base colour is dark (pick the dark variant of our colours)."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def muted_color(palette: QPalette | None = None) -> QColor:
    """Secondary text: the text colour moved towards the background (readable in light and dark)."""
    palette = palette or QApplication.palette()
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)

    def mix(t: int, b: int) -> int:
        return round(t * 0.6 + b * 0.4)

    return QColor(mix(text.red(), base.red()), mix(text.green(), base.green()), mix(text.blue(), base.blue()))

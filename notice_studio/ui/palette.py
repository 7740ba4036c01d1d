"""The one place that decides whether the system palette is dark."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window's base colour is dark (pick the dark variant of our colours)."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def muted_color(palette: QPalette | None = None):
    """Secondary text: the text colour moved towards the background (readable in light and dark)."""
    from PySide6.QtGui import QColor

    palette = palette or QApplication.palette()
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return QColor(*(round(t * 0.6 + b * 0.4) for t, b in zip(text.getRgb()[:3], base.getRgb()[:3], strict=True)))

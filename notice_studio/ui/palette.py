"""The one place that decides whether the system palette is dark."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window's base colour is dark (pick the dark variant of our colours)."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


# Our own colours as (light palette, dark palette) pairs; the text colours at least 4.5:1 against the base.
LINK = ("#1d5fbf", "#7fb2ff")
BROKEN_REFERENCE = ("#b42318", "#ff8a80")
CROSS_REFERENCE = ("#6b3fa0", "#c9a7ff")
MARKUP = ("#6b7280", "#9aa4b2")  # list marks and table embeds in the editor
FILLED = ("#1f7a4d", "#7ad7a5")
FILLED_BACKGROUND = ("#e6f4ec", "#1f3a2d")
UNFILLED = ("#9a4b00", "#ffb86b")
UNFILLED_BACKGROUND = ("#fff1dc", "#4a3418")


def themed(pair: tuple[str, str], palette: QPalette | None = None) -> QColor:
    """The variant of one of our colours that reads on this palette."""
    return QColor(pair[1] if is_dark(palette) else pair[0])


def _towards_base(palette: QPalette | None, share: float) -> QColor:
    """The palette's text colour with `share` of it kept and the rest taken from the base colour."""
    palette = palette or QApplication.palette()
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)

    def mix(t: int, b: int) -> int:
        return round(t * share + b * (1 - share))

    return QColor(mix(text.red(), base.red()), mix(text.green(), base.green()), mix(text.blue(), base.blue()))


def muted_color(palette: QPalette | None = None) -> QColor:
    """Secondary text: the text colour moved towards the background (readable in light and dark)."""
    return _towards_base(palette, 0.6)


def indicator_frame_color(palette: QPalette | None = None) -> QColor:
    """The frame round check boxes and radio buttons: close to the text colour, so it shows on any palette."""
    return _towards_base(palette, 0.8)

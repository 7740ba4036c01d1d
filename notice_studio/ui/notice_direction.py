"""Notice text laid out in the notice's own direction; the app's English labels stay left to right."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from notice_studio.core.notice.languages import text_direction


def layout_direction(language: str) -> Qt.LayoutDirection:
    """Right to left for Arabic, Hebrew...; left to right otherwise."""
    return Qt.LayoutDirection.RightToLeft if text_direction(language) == "rtl" else Qt.LayoutDirection.LeftToRight


def set_notice_direction(widget: QWidget, language: str, document: QTextDocument | None = None) -> None:
    """Lay a widget showing the notice's words (and its `document`, every paragraph of it, even one
    that starts with a Latin word or a placeholder) out as the notice's language reads."""
    direction = layout_direction(language)
    widget.setLayoutDirection(direction)
    widget.setLocale(QLocale(language))
    if document is not None:
        option = document.defaultTextOption()
        option.setTextDirection(direction)
        document.setDefaultTextOption(option)

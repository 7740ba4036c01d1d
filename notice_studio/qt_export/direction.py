"""A Qt text document laid out in the notice's direction: right to left for Arabic, Hebrew and the
others core.notice.languages marks so, including paragraphs that start with a Latin word or a number
(Qt would otherwise guess each paragraph's direction from its first letter). Used by the PDF and the
app's preview, so the two lay a notice out alike."""

from __future__ import annotations

from typing import Any


def set_document_direction(document: Any, direction: str) -> None:
    """Give `document` (a QTextDocument) `direction` ('rtl' or 'ltr') before its HTML is set."""
    from PySide6.QtCore import Qt

    option = document.defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if direction == "rtl" else Qt.LayoutDirection.LeftToRight)
    document.setDefaultTextOption(option)

"""Markdown highlighting for clause bodies: headings, emphasis, placeholders, cross-references."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from notice_studio.core.notice.model import CROSSREF_RE, PLACEHOLDER_RE, TABLE_RE
from notice_studio.ui.palette import (
    BROKEN_REFERENCE,
    CROSS_REFERENCE,
    FILLED,
    FILLED_BACKGROUND,
    LINK,
    MARKUP,
    UNFILLED,
    UNFILLED_BACKGROUND,
    themed,
)


def _fmt(
    color: QColor | None = None, bold: bool = False, italic: bool = False, background: QColor | None = None
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color is not None:
        fmt.setForeground(color)
    if background is not None:
        fmt.setBackground(background)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.known_variables: set[str] = set()
        self.filled_variables: set[str] = set()
        self.known_clauses: set[str] = set()
        self._build_formats()

    def _build_formats(self) -> None:
        accent = themed(LINK)
        muted = themed(MARKUP)
        self.heading = _fmt(accent, bold=True)
        self.bold = _fmt(bold=True)
        self.italic = _fmt(italic=True)
        self.list_mark = _fmt(muted, bold=True)
        self.link = _fmt(accent)
        self.placeholder = _fmt(themed(FILLED), bold=True, background=themed(FILLED_BACKGROUND))
        self.unfilled = _fmt(themed(UNFILLED), bold=True, background=themed(UNFILLED_BACKGROUND))
        self.crossref = _fmt(themed(CROSS_REFERENCE), bold=True)
        self.broken = _fmt(themed(BROKEN_REFERENCE), bold=True)
        self.broken.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.table = _fmt(muted, italic=True)

    _RULES = (
        (re.compile(r"^\s{0,3}#{1,6}\s.*$"), "heading"),
        (re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), "bold"),
        (re.compile(r"(?<![*\w])\*[^*\n]+\*(?!\*)|(?<![_\w])_[^_\n]+_(?!_)"), "italic"),
        (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s"), "list_mark"),
        (re.compile(r"\[[^\]\n]+\]\([^)\n]+\)"), "link"),
    )

    def highlightBlock(self, text: str) -> None:
        for pattern, name in self._RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), getattr(self, name))
        for match in TABLE_RE.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.table)
        for match in PLACEHOLDER_RE.finditer(text):
            fmt = self.placeholder if match.group(1) in self.filled_variables else self.unfilled
            self.setFormat(match.start(), match.end() - match.start(), fmt)
        for match in CROSSREF_RE.finditer(text):
            fmt = self.crossref if not self.known_clauses or match.group(1) in self.known_clauses else self.broken
            self.setFormat(match.start(), match.end() - match.start(), fmt)

"""Our own colours stay readable (4.5:1 against the base) in dark and high-contrast palettes."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication
from ui_support import contrast

from notice_studio.ui.editor.highlighter import MarkdownHighlighter
from notice_studio.ui.editor.preview import PreviewPane

PALETTES = {
    "dark": {"Window": "#2d2d2d", "WindowText": "#f0f0f0", "Base": "#1e1e1e", "Text": "#f0f0f0"},
    "high contrast": {"Window": "#000000", "WindowText": "#ffffff", "Base": "#000000", "Text": "#ffffff"},
    "light": {"Window": "#efefef", "WindowText": "#000000", "Base": "#ffffff", "Text": "#000000"},
}


@pytest.fixture(params=list(PALETTES))
def system_palette(request, qapp):
    old = qapp.palette()
    palette = QPalette()
    for role, colour in PALETTES[request.param].items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    QApplication.setPalette(palette)
    yield palette
    QApplication.setPalette(old)


def _css_colour(css: str, selector: str) -> QColor:
    match = re.search(re.escape(selector) + r"[^{]*\{[^}]*?\bcolor:\s*(#[0-9a-fA-F]{3,6})", css)
    assert match, selector
    return QColor(match.group(1))


def test_preview_links_and_status_line_read_on_the_palette(qtbot, system_palette) -> None:
    preview = PreviewPane()
    qtbot.addWidget(preview)
    css = preview.document().defaultStyleSheet()
    base = system_palette.color(QPalette.ColorRole.Base)
    ratios = {sel: round(contrast(_css_colour(css, sel), base), 2) for sel in ("a ", ".ns-status")}
    assert {sel: r for sel, r in ratios.items() if r < 4.5} == {}


def test_broken_cross_references_read_on_the_palette(system_palette) -> None:
    highlighter = MarkdownHighlighter(QTextDocument())
    base = system_palette.color(QPalette.ColorRole.Base)
    assert contrast(highlighter.broken.foreground().color(), base) >= 4.5


def test_qt_applies_the_preview_style_sheet(qtbot, system_palette) -> None:
    # Reading the style sheet's text is not enough: Qt drops a whole sheet it cannot parse (a '#'
    # comment at its top once did), and the preview then showed Qt's own blue links and no marks.
    from PySide6.QtGui import QTextCursor

    preview = PreviewPane()
    qtbot.addWidget(preview)
    css = preview.document().defaultStyleSheet()
    preview.document().setHtml('<p><a href="#x">link</a> <mark>unfilled</mark></p>')
    cursor = QTextCursor(preview.document())
    cursor.setPosition(2)
    assert cursor.charFormat().foreground().color() == _css_colour(css, "a ")
    cursor.setPosition(8)
    mark = re.search(r"mark\s*\{[^}]*?background:\s*(#[0-9a-fA-F]{3,6})", css)
    assert mark
    assert cursor.charFormat().background().color() == QColor(mark.group(1))

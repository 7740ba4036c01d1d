"""Compare with library: the words that differ are marked on both sides, with a summary line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication
from ui_support import contrast

from notice_studio.core.library.merge import ClauseStatus
from notice_studio.ui import palette as colours
from notice_studio.ui.library.library_compare import LibraryCompareDialog
from notice_studio.ui.tasks import TaskRunner

INSERTED = "We keep your order history for 30 days.\n\nYou can ask us for a copy."
YOURS = "We keep your order history for 30 days.\n\nYou can ask our helpdesk for a copy."
LIBRARY = "We keep your order history for 45 days.\n\nYou can ask us for a copy."


def _status(library: str | None = LIBRARY) -> ClauseStatus:
    return ClauseStatus(
        customised=True,
        newer_version=2,
        inserted_text=INSERTED,
        current_text=YOURS,
        library_text=library,
        library_id="order-history",
        inserted_version=1,
        library_version=2,
        text_differs=True,
    )


def _open(qtbot, status: ClauseStatus | None = None) -> LibraryCompareDialog:
    tasks = TaskRunner()
    dialog = LibraryCompareDialog("Order history", status or _status(), tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "changed" in dialog.summary.text() or "no longer" in dialog.summary.text(), timeout=5000)
    return dialog


def _marked(pane, *, struck: bool) -> list[str]:
    """The words of a pane drawn struck out (deleted) or underlined (inserted)."""
    return [
        text.strip()
        for text, fmt in pane.row_formats(0)
        if text.strip() and (fmt.fontStrikeOut() if struck else fmt.fontUnderline())
    ]


def test_an_edited_clause_shows_the_changed_words_on_both_sides(qtbot) -> None:
    dialog = _open(qtbot)
    # Your side: the words the library's text lacks are struck out; the library's words are not shown there.
    assert _marked(dialog.yours, struck=True) == ["30", "our helpdesk"]
    assert "45" not in dialog.yours.toPlainText()
    # The library's side: its words yours lacks are underlined.
    assert _marked(dialog.library, struck=False) == ["45", "us"]
    assert "helpdesk" not in dialog.library.toPlainText()
    assert dialog.summary.text() == "Your text and the library's: 3 words changed in 2 paragraphs."
    assert dialog.yours.accessibleDescription() == dialog.summary.text()
    # The text as inserted is shown as it was, unmarked.
    assert dialog.inserted.toPlainText() == INSERTED


def test_the_marks_use_the_compare_windows_colours_and_keyboard_reaches_them(qtbot) -> None:
    dialog = _open(qtbot)
    struck = next(fmt for text, fmt in dialog.yours.row_formats(0) if text.strip() == "30")
    underlined = next(fmt for text, fmt in dialog.library.row_formats(0) if text.strip() == "45")
    assert struck.foreground().color() == colours.themed(colours.REMOVED, dialog.palette())
    assert struck.background().color() == colours.themed(colours.REMOVED_BACKGROUND, dialog.palette())
    assert underlined.foreground().color() == colours.themed(colours.ADDED, dialog.palette())
    # Tab goes summary -> as inserted -> yours -> library; each column's label has a mnemonic.
    dialog.activateWindow()
    dialog.summary.setFocus()
    qtbot.waitUntil(dialog.summary.hasFocus)
    reached = []
    for _ in range(3):
        dialog.focusNextChild()
        reached.append(QApplication.focusWidget())
    assert reached == [dialog.inserted, dialog.yours, dialog.library]


def test_no_library_text_says_so(qtbot) -> None:
    dialog = _open(qtbot, _status(library=None))
    assert dialog.summary.text() == "The library no longer has this clause."
    assert dialog.library.toPlainText().strip() == "The library no longer has this clause."
    assert _marked(dialog.yours, struck=True) == []


@pytest.fixture
def dark_and_large(qapp):
    old_palette, old_font = qapp.palette(), qapp.font()
    palette = QPalette()
    for role, colour in {"Window": "#2d2d2d", "WindowText": "#f0f0f0", "Base": "#1e1e1e", "Text": "#f0f0f0"}.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    QApplication.setPalette(palette)
    font = QFont(old_font)
    font.setPointSize(16)
    qapp.setFont(font)
    yield
    QApplication.setPalette(old_palette)
    qapp.setFont(old_font)


def test_readable_at_16_pt_in_the_dark_palette(qtbot, dark_and_large, monkeypatch) -> None:
    from notice_studio.ui.layout import fit

    monkeypatch.setattr(fit, "available_area", lambda *_args: QRect(0, 0, 1366, 768))
    dialog = _open(qtbot)
    assert dialog.yours.document().defaultFont().pointSizeF() >= 16
    assert dialog.width() <= 1366
    base = dialog.yours.palette().color(QPalette.ColorRole.Base)
    for pane, word in ((dialog.yours, "30"), (dialog.library, "45")):
        fmt = next(f for text, f in pane.row_formats(0) if text.strip() == word)
        assert fmt.foreground().color() == QColor(
            colours.REMOVED[1] if pane is dialog.yours else colours.ADDED[1]
        )  # the dark variant
        assert contrast(fmt.foreground().color(), fmt.background().color()) >= 4.5
        assert contrast(fmt.foreground().color(), base) >= 4.5


def test_compare_with_library_from_the_editor_marks_an_edit(qtbot, window) -> None:
    """Through the app: a library clause whose wording counsel changed opens with that change marked."""
    from PySide6.QtWidgets import QTextEdit

    from notice_studio.ui import commands

    session = window.session
    clause = next(c for c in session.notice.all_clauses() if c.provenance and c.provenance.library_id == "security")
    first = next(word for word in clause.body.split() if word.isalpha() and len(word) > 3)
    edited = clause.body.replace(first, "Zanzibar", 1)
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, edited))
    dialog = window.compare_with_library(clause.id)
    qtbot.addWidget(dialog)

    def marked(struck: bool) -> list[str]:
        found = []
        for view in dialog.findChildren(QTextEdit):
            block = view.document().begin()
            while block.isValid():
                it = block.begin()
                while not it.atEnd():
                    fragment = it.fragment()
                    fmt = fragment.charFormat()
                    if fragment.text().strip() and (fmt.fontStrikeOut() if struck else fmt.fontUnderline()):
                        found.append(fragment.text().strip())
                    it += 1
                block = block.next()
        return found

    qtbot.waitUntil(lambda: "Zanzibar" in marked(struck=True), timeout=5000)
    assert first in marked(struck=False)


def test_an_arabic_clause_reads_right_to_left_beside_the_library(qtbot) -> None:
    from PySide6.QtCore import Qt

    dialog = LibraryCompareDialog("Order history", _status(), None, None, language="ar")
    qtbot.addWidget(dialog)
    for view in (dialog.inserted, dialog.yours, dialog.library):
        assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert view.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.summary.layoutDirection() == Qt.LayoutDirection.LeftToRight  # the app's own words
    assert dialog.summary.text() == "Your text and the library's: 3 words changed in 2 paragraphs."

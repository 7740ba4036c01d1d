"""Counsel choose the notice's language in File > Notice settings… (saved and committed as an edit,
undoable), and the editor and the preview lay an Arabic notice's text out right to left."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from notice_studio.ui.publish.notice_settings_dialog import NoticeSettingsDialog

RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight


def _committed_notice_yaml(path) -> str:
    return subprocess.run(
        ["git", "-C", str(path), "show", "HEAD:notice.yaml"], capture_output=True, text=True, check=True
    ).stdout


def _choose(dialog: NoticeSettingsDialog, code: str, qtbot) -> None:
    dialog.language.setCurrentIndex(dialog.language.findData(code))
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_choosing_arabic_saves_it_turns_the_editor_right_to_left_and_undo_turns_it_back(window, qtbot) -> None:
    session, editor = window.session, window.editor
    assert session.notice.language == "en" and editor.body.layoutDirection() == LTR
    dialog = window.notice_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.language.currentData() == "en" and dialog.language.itemText(0) == "English"
    assert dialog.language.itemText(dialog.language.findData("ar")) == "Arabic (العربية)"
    _choose(dialog, "ar", qtbot)
    assert session.notice.language == "ar"
    assert editor.body.layoutDirection() == RTL and editor.title.layoutDirection() == RTL
    assert editor.body.document().defaultTextOption().textDirection() == RTL
    assert editor.body.locale().name().startswith("ar")
    qtbot.waitUntil(lambda: "language: ar" in _committed_notice_yaml(session.path), timeout=10000)

    session.undo_stack.undo()
    assert session.notice.language == "en" and editor.body.layoutDirection() == LTR


def _block_direction(document, start: str) -> Qt.LayoutDirection:
    block = document.begin()
    while block.isValid() and not block.text().startswith(start):
        block = block.next()
    assert block.isValid(), start
    return block.textDirection()


def test_the_preview_lays_an_arabic_paragraph_out_right_to_left_even_when_it_starts_in_latin(window, qtbot) -> None:
    session, preview = window.session, window.preview
    first = session.notice.clauses[0]
    session.set_body(first.id, "Lantern هي الشركة التي تجمع بياناتك.")
    session.set_setting("language", "ar")
    qtbot.waitUntil(lambda: preview.last is not None and preview.last.direction == "rtl", timeout=10000)
    assert _block_direction(preview.document(), "Lantern") == RTL
    session.set_setting("language", "de")
    qtbot.waitUntil(lambda: preview.last is not None and preview.last.language == "de", timeout=10000)
    assert _block_direction(preview.document(), "Lantern") == LTR


def test_the_import_summary_says_which_language_the_notice_will_be_in(qapp) -> None:
    from test_notice_language import GERMAN_TEXT

    from notice_studio.core.importer import import_pasted, preview_report
    from notice_studio.ui.importing.import_details import report_html

    page = report_html(preview_report(import_pasted(GERMAN_TEXT)))
    assert "<b>Language:</b> German (Deutsch), told by its common words" in page
    assert "File &gt; Notice settings…" in page

"""Issue 19: windows fit counsel's laptops, everything works by keyboard, the first start guides."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from ui_support import UI_AUTHOR

from notice_studio.ui.layout import window_setup
from notice_studio.ui.layout.fit import fit_dialog, fitted_size
from notice_studio.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


# ----- fitting the screen ------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("screen", ["1366x768", "1280x800@1.5"])
def test_every_window_fits_the_laptop_screen(tmp_path: Path, screen: str) -> None:
    """The real windows on a simulated screen (Qt's offscreen platform, QT_SCALE_FACTOR for 150%)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "tools.fit_report", screen, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    expected = [1366, 768] if screen == "1366x768" else [853, 533]  # 1280x800 at 150% in logical pixels
    assert report["available"] == expected
    assert set(report["windows"]) == {
        "main-window",
        "main-window-library",
        "new-notice",
        "export",
        "publish",
        "compare",
        "import",
        "welcome",
        "settings",
        "notice-settings",
    }
    for name, window in report["windows"].items():
        assert window["fits"], (name, window)
        assert window["minimum_fits"], (name, window)
        assert window["buttons_visible"], (name, window)
        image = QImage(str(tmp_path / f"{name}.png"))
        assert not image.isNull() and image.width() <= expected[0] * 1.5 + 1
    assert report["editor_chars"] >= 45  # the document gets the room (was ~7 characters at 150%)
    if screen == "1366x768":  # with a side panel open the preview was 25 characters wide
        assert report["preview_chars_with_panel"] >= 40, report


def test_a_dialog_taller_than_the_screen_scrolls_and_keeps_its_buttons(qtbot) -> None:
    from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    for i in range(40):
        layout.addWidget(QLabel(f"Line {i}"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    layout.addWidget(buttons)
    assert dialog.minimumSizeHint().height() > 533
    fit_dialog(dialog, QSize(700, 900))
    assert dialog.minimumSizeHint().height() < 300  # the contents scroll instead
    dialog.resize(fitted_size(QSize(700, 900), QRect(0, 0, 853, 533)))
    dialog.show()
    assert dialog.height() <= 533
    bottom = buttons.mapTo(dialog, buttons.rect().bottomLeft()).y()
    assert buttons.isVisible() and bottom <= dialog.height()


# ----- keyboard ----------------------------------------------------------------------------------
def test_a_scrolled_dialog_makes_room_for_what_appears_after_it_is_shown(qtbot) -> None:
    """A section that gains rows once the dialog is open grows; it is not kept at its first height."""
    from PySide6.QtWidgets import QDialog, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    group = QGroupBox("Checks")
    inner = QVBoxLayout(group)
    status = QLabel("Checking…")
    status.setWordWrap(True)  # wrapped text: the layout sizes by height for width
    inner.addWidget(status)
    later = QWidget()
    later_layout = QVBoxLayout(later)
    fields = [QLineEdit() for _ in range(3)]
    for field in fields:
        later_layout.addWidget(field)
    later.setVisible(False)
    inner.addWidget(later)
    layout.addWidget(group)
    layout.addWidget(QLabel("Below the checks"), 1)
    layout.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok))
    fit_dialog(dialog, QSize(600, 500))
    dialog.show()
    qtbot.waitUntil(lambda: group.height() > 0)
    status.setText("No errors. Review each of the warnings below and give a reason for each. " * 3)
    later.setVisible(True)
    qtbot.waitUntil(lambda: all(f.visibleRegion().boundingRect() == f.rect() for f in fields), timeout=3000)
    assert group.height() >= group.heightForWidth(group.width())


def _focus(qtbot, widget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=3000)


def test_tab_goes_outline_title_text_preview_and_the_preview_is_one_stop(qtbot, window) -> None:
    _focus(qtbot, window.outline_view)
    chain = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        chain.append(QApplication.focusWidget())
    assert chain[:3] == [window.editor.title, window.editor.body, window.preview]
    assert chain[3] is not window.preview  # the notice's links are not Tab stops


def test_enter_in_the_outline_goes_to_the_clause_text(qtbot, window) -> None:
    _focus(qtbot, window.outline_view)
    qtbot.keyClick(window.outline_view, Qt.Key.Key_Return)
    assert window.editor.body.hasFocus()


def test_pane_keys_show_raise_and_focus(qtbot, window) -> None:
    extras = window.extras
    names = [pane.name for pane in extras.panes]
    assert names[:3] == ["Outline", "Clause text", "Preview"] and "Library" in names and "Tables" in names
    _focus(qtbot, window.outline_view)
    qtbot.keyClick(window.outline_view, Qt.Key.Key_F6)
    assert window.editor.body.hasFocus()
    qtbot.keyClick(window.editor.body, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.outline_view.hasFocus()
    for number, name in enumerate(names, start=1):
        pane = extras.panes[number - 1]
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        focus = QApplication.focusWidget()
        root = pane.dock if pane.dock is not None else pane.focus()
        assert focus is not None and (root is focus or root.isAncestorOf(focus)), name
        if pane.dock is not None:
            assert pane.dock.isVisible() and not pane.dock.visibleRegion().isEmpty(), name  # raised, not behind
    view_texts = [a.text().replace("&", "") for a in window.view_menu.actions()]
    assert "Library" in view_texts and "Checks" in view_texts


def test_focus_leaves_the_tables_grid(qtbot, window) -> None:
    dock = window.docks["tables_panel"]
    window_setup.go_to(next(p for p in window.extras.panes if p.dock is dock))
    view = dock.view
    _focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()
    _focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert not view.hasFocus()
    _focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.editor.body.hasFocus()


def test_help_lists_the_shortcuts(qtbot, window) -> None:
    dialog = window_setup.show_help(window, "shortcuts")
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    for words in ("Next pane", "F6", "Library", "Ctrl+4", "Publish", "Ctrl+Shift+P", "Settings"):
        assert words in text
    started = window_setup.show_help(window, "started")
    qtbot.addWidget(started)
    assert "Getting started" in started.text.toPlainText()


# ----- room for the document ----------------------------------------------------------------------
def test_guidance_and_preview_are_collapsible_and_remembered(qtbot, window, settings) -> None:
    window.extras.act_guidance.setChecked(True)
    assert window.editor.side.isVisible()
    qtbot.mouseClick(window.editor.guidance_button, Qt.MouseButton.LeftButton)
    assert not window.editor.side.isVisible() and not window.extras.act_guidance.isChecked()
    window.extras.act_preview.setChecked(False)
    assert not window.preview.isVisible()
    assert window.editor.body.minimumWidth() >= window.editor.body.fontMetrics().averageCharWidth() * 30
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert not again.editor.side.isVisible() and not again.preview.isVisible()


def test_long_titles_show_their_beginning_with_a_tooltip(window) -> None:
    session = window.session
    clause = session.notice.clauses[0]
    long_title = "How we handle requests from people in every country where we operate and keep records " * 2
    window.editor.show_clause(clause.id, long_title.strip(), clause.body)
    assert window.editor.title.cursorPosition() == 0
    assert window.editor.title.toolTip() == long_title.strip()


# ----- first start ---------------------------------------------------------------------------------
def test_welcome_records_who_you_are_and_offers_where_to_begin(qtbot, window, settings, monkeypatch) -> None:
    from notice_studio.ui.app import sample_notice_path
    from notice_studio.ui.welcome.welcome_dialog import OPEN, SAMPLE

    settings.set("author/name", "")
    settings.set("welcome/shown", "")
    assert window_setup.needs_welcome(settings)
    assert window.open_notice(sample_notice_path())  # the first start shows the sample
    opened: list[str] = []
    monkeypatch.setattr(window, "choose_notice", lambda: opened.append("open"))
    dialog = window_setup.show_welcome(window)
    qtbot.addWidget(dialog)
    assert not dialog.buttons[OPEN].isEnabled()  # a name first
    words = " ".join(w.text() for w in dialog.findChildren(type(dialog.form.problem)))
    assert "sample" in words.lower()
    assert "(.txt, .md, .html, .docx or .pdf)" in words and "or .pdf" in window.act_import.toolTip()
    dialog.form.name.setText("Dana Whitfield")
    dialog.form.email.setText("dana@northwind.example")
    assert dialog.buttons[OPEN].isEnabled() and dialog.buttons[SAMPLE].isEnabled()
    qtbot.mouseClick(dialog.buttons[OPEN], Qt.MouseButton.LeftButton)
    assert opened == ["open"]
    assert settings.author_name == "Dana Whitfield" and settings.author_email == "dana@northwind.example"
    assert window.session.author.name == "Dana Whitfield"
    assert not window_setup.needs_welcome(settings)


def test_esc_in_the_welcome_keeps_the_name_and_e_mail_typed(qtbot, window, settings) -> None:
    """Esc closes the welcome, not who you are: what was typed is recorded on the next edits."""
    settings.set("author/name", "")
    settings.set("author/email", "")
    dialog = window_setup.show_welcome(window)
    qtbot.addWidget(dialog)
    dialog.form.name.setText("Dana Whitfield")
    dialog.form.email.setText("dana@northwind.example")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert settings.author_name == "Dana Whitfield" and settings.author_email == "dana@northwind.example"
    assert window.session.author.name == "Dana Whitfield"
    assert not window_setup.needs_welcome(settings)


def test_esc_in_the_welcome_with_an_unfinished_e_mail_asks_before_dropping_it(qtbot, window, settings) -> None:
    settings.set("author/email", "")
    dialog = window_setup.show_welcome(window)
    qtbot.addWidget(dialog)
    dialog.form.email.setText("dana@northwind")  # not finished: cannot be recorded as it is
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.asking is not None and dialog.asking.isVisible()
    assert "e-mail address looks incomplete" in dialog.asking.text()
    dialog.asking.escapeButton().click()  # Keep editing
    assert dialog.isVisible() and dialog.form.email.text() == "dana@northwind"
    dialog.form.email.setText("dana@northwind.example")
    dialog.reject()
    assert not dialog.isVisible() and settings.author_email == "dana@northwind.example"


def test_esc_in_the_welcome_without_typing_just_closes_it(qtbot, window, settings) -> None:
    dialog = window_setup.show_welcome(window)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert settings.author_name == UI_AUTHOR.name


def test_welcome_over_your_own_notice_does_not_call_it_the_sample(qtbot, window) -> None:
    from notice_studio.ui.app import sample_notice_path
    from notice_studio.ui.welcome.welcome_dialog import SAMPLE, STAY

    dialog = window_setup.show_welcome(window)  # Help > Welcome… over the user's own notice
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog))
    assert "sample" not in words.lower()
    assert "(.txt, .md, .html, .docx or .pdf)" in words  # every form the import reads
    assert SAMPLE not in dialog.buttons and dialog.buttons[STAY].text() == "&Close"
    assert dialog.buttons[STAY].isDefault()
    qtbot.mouseClick(dialog.buttons[STAY], Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and window.session.path.name == "acme-notice"

    assert window.open_notice(sample_notice_path())
    dialog = window_setup.show_welcome(window)
    qtbot.addWidget(dialog)
    assert dialog.sample_text is not None and dialog.sample_text.isVisibleTo(dialog)
    assert dialog.buttons[SAMPLE].isDefault() and STAY not in dialog.buttons
    dialog.reject()


def test_the_sample_notice_is_marked_as_the_sample(qtbot, window, notice_folder) -> None:
    from notice_studio.ui.app import sample_notice_path

    bar = window.extras.sample_bar
    assert not bar.isVisible()  # an ordinary notice
    assert window.open_notice(sample_notice_path())
    assert bar.isVisible()
    assert window.open_notice(notice_folder)
    assert not bar.isVisible()


def test_the_sample_bar_text_takes_the_bar_width(qtbot, window) -> None:
    """One line on a laptop screen, two on a narrow window; never a narrow column of five."""
    from notice_studio.ui.app import sample_notice_path

    bar = window.extras.sample_bar
    window.showNormal()
    window.resize(1366, 740)
    assert window.open_notice(sample_notice_path())
    label = bar.widgetForAction(bar.actions()[0])
    line = label.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: bar.isVisible() and label.width() > bar.width() // 2, timeout=3000)
    qtbot.waitUntil(lambda: label.height() < 2 * line, timeout=3000)  # one line
    window.resize(860, 740)
    qtbot.waitUntil(lambda: label.width() < 700, timeout=3000)
    qtbot.waitUntil(lambda: line * 2 <= label.height() < 3 * line, timeout=3000)  # two lines
    assert label.width() > bar.width() // 2
    assert bar.height() < 3 * line + 12


def test_settings_dialog_saves_name_email_and_library_folders(qtbot, window, settings, tmp_path) -> None:
    dialog = window_setup.open_settings(window)
    qtbot.addWidget(dialog)
    dialog.form.name.setText("Sam Counsel")
    dialog._folders = [str(tmp_path)]
    with qtbot.waitSignal(window.library_loaded, timeout=15000):
        dialog.accept()
    assert settings.author_name == "Sam Counsel" and settings.library_folders() == [str(tmp_path)]
    assert window.session.author.name == "Sam Counsel"


def test_compare_publish_and_export_stay_on_the_toolbar_at_150_percent(qtbot, window, tmp_path) -> None:
    """1280x800 at 150% is 853 logical pixels wide: Export was behind the » button."""
    from PySide6.QtWidgets import QToolBar

    window.showNormal()
    window.resize(853, 533)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    qtbot.waitUntil(lambda: window.width() == 853 and toolbar.width() <= 853, timeout=3000)
    qtbot.wait(50)
    for action in (window.act_compare, window.act_publish, window.act_export):
        button = toolbar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()
        assert button.geometry().right() <= toolbar.width()
    assert toolbar.widgetForAction(window.act_compare).text() == "Compare"  # the menu says with what
    assert window.act_compare.text() == "Compar&e with last published version"
    assert "last published version" in window.act_compare.toolTip()
    toolbar.grab().save(str(tmp_path / "toolbar-853.png"))


def _window_on_screen(qtbot, settings, notice_folder, monkeypatch, area: QRect) -> MainWindow:
    """The main window laid out for a screen with this free area, the notice open and shown."""
    monkeypatch.setattr(window_setup, "available_area", lambda *_args: area)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_notice(notice_folder)
    qtbot.waitUntil(lambda: window.library is not None and window.preview.last is not None, timeout=10000)
    window.showNormal()  # maximised on the test's small screen
    return window


def test_the_preview_keeps_a_readable_column_beside_a_side_panel(
    qtbot, settings, notice_folder, monkeypatch, tmp_path
) -> None:
    """At 1366x768 with the outline, the guidance and the library open, the preview was 25
    characters wide and long unfilled markers broke mid-word; now it keeps 40 or more, and the
    library's longest marker fits on one of its lines."""
    from PySide6.QtGui import QFont, QFontMetrics

    from notice_studio.core.notice.model import placeholders_in

    window = _window_on_screen(qtbot, settings, notice_folder, monkeypatch, QRect(0, 0, 1366, 768))
    window.resize(1366, 740)
    window.extras.act_guidance.setChecked(True)
    preview = window.preview
    margin = 2 * int(preview.document().documentMargin())

    def column() -> int:
        return preview.viewport().width() - margin

    def chars() -> int:
        return column() // preview.fontMetrics().averageCharWidth()

    qtbot.waitUntil(lambda: chars() >= 60, timeout=3000)  # no panel open: the preview has 40% of the room
    dock = window.docks["library_browser"]
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.isVisible() and dock.width() > 200, timeout=3000)
    qtbot.wait(100)
    assert chars() >= 40, chars()
    # no scroll bar for a table a pixel too wide (once the preview has laid itself out again)
    qtbot.waitUntil(lambda: preview.horizontalScrollBar().maximum() == 0, timeout=5000)
    assert window.editor.body.width() >= window.editor.body.fontMetrics().averageCharWidth() * 40
    bold = QFont(preview.font())
    bold.setBold(True)
    names = {name for clause in window.library.clauses() for name in placeholders_in(clause.body)}
    longest = max(names, key=len)
    assert QFontMetrics(bold).horizontalAdvance(f"[{longest}]") < column(), longest
    assert window.minimumSizeHint().width() <= 1366
    window.grab().save(str(tmp_path / "preview-beside-library.png"))
    # Dragging the divider is the user's choice, kept as panels open and close.
    splitter = window.centralWidget()
    total = sum(splitter.sizes())
    splitter.setSizes([total // 2, total - total // 2])
    splitter.splitterMoved.emit(total // 2, 1)
    dock.hide()
    qtbot.waitUntil(lambda: abs(splitter.sizes()[1] - sum(splitter.sizes()) // 2) <= 2, timeout=3000)


def test_the_preview_never_scrolls_sideways_for_the_notices_wide_tables(qtbot, window) -> None:
    """Qt laid the cookie table (five columns) out a pixel wider than the preview at most widths,
    which showed a horizontal scroll bar at 1366x768 with a side panel open."""
    from notice_studio.ui.editor.preview import PreviewPane

    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.setHtml(window.preview.last.html)
    pane.show()
    scrolled = []
    for width in range(250, 520, 9):
        pane.resize(width, 500)
        QApplication.processEvents()
        wider = pane.document().size().width() > pane.viewport().width()  # a scroll bar on a real screen
        if wider or pane.horizontalScrollBar().maximum() > 0:
            scrolled.append(width)
    assert not scrolled, scrolled


def test_the_clause_title_shows_whole_beside_the_library_at_1366(qtbot, settings, notice_folder, monkeypatch) -> None:
    """With the library open the title field showed "How we protect your" beside the Guidance
    button; the title now has the row and smaller type where it needs it, the tooltip all of it."""
    from PySide6.QtGui import QFontMetrics

    window = _window_on_screen(qtbot, settings, notice_folder, monkeypatch, QRect(0, 0, 1366, 768))
    window.resize(1366, 740)
    window.extras.act_guidance.setChecked(True)
    dock = window.docks["library_browser"]
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.isVisible() and dock.width() > 200, timeout=3000)
    clause = next(c for c in window.session.notice.all_clauses() if c.title == "How we protect your information")
    window.select_clause(clause.id)
    title = window.editor.title
    qtbot.waitUntil(lambda: title.text() == clause.title, timeout=3000)
    qtbot.wait(50)
    assert QFontMetrics(title.font()).horizontalAdvance(title.text()) <= title.contentsRect().width() - 4
    assert title.font().bold() and title.toolTip() == clause.title
    assert window.editor.guidance_button.isVisible()  # still there, under the title


def test_at_853_pixels_a_side_panel_sets_the_preview_aside_instead_of_cramping_it(
    qtbot, settings, notice_folder, monkeypatch, tmp_path
) -> None:
    """1280x800 at 150% (853 logical pixels): with the library open the preview was a column of
    16 characters, one word a line. Now it is set aside, the status bar says so, the clause text
    keeps its room, and the preview comes back (readable) when the panel closes."""
    window = _window_on_screen(qtbot, settings, notice_folder, monkeypatch, QRect(0, 0, 853, 533))
    window.resize(853, 533)
    preview = window.preview

    def chars() -> int:
        width = preview.viewport().width() - 2 * int(preview.document().documentMargin())
        return width // preview.fontMetrics().averageCharWidth()

    qtbot.waitUntil(lambda: preview.isVisible() and chars() >= 40, timeout=3000)  # no panel: room for both
    dock = window.docks["library_browser"]
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.isVisible() and not preview.isVisible(), timeout=3000)
    qtbot.wait(100)  # the clause text takes the room
    assert window.extras.act_preview.isChecked()  # still the user's choice; it comes back
    assert window.statusBar().currentMessage().startswith("Preview hidden until the side panel closes")
    window.grab().save(str(tmp_path / "853-library.png"))
    window.statusBar().clearMessage()
    window.extras.keys.pane_actions[2].trigger()  # Ctrl+3, Preview: says why there is none
    assert window.statusBar().currentMessage().startswith("Preview hidden until the side panel closes")
    body = window.editor.body
    assert body.width() >= body.fontMetrics().averageCharWidth() * 40
    assert window.width() <= 853 and window.minimumSizeHint().width() <= 853
    dock.hide()
    qtbot.waitUntil(lambda: preview.isVisible() and chars() >= 40, timeout=3000)
    window.extras.act_preview.setChecked(False)  # turned off by hand: it stays off
    dock.show()
    dock.hide()
    qtbot.wait(50)
    assert not preview.isVisible()

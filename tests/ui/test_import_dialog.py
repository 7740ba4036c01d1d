"""File > Import existing notice: read a file, adjust the sections found, create the project."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from notice_studio.core.importer import import_file
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.ui.importing.import_dialog import DETAILS, FILE, PREVIEW, ImportDialog
from notice_studio.ui.importing.import_widgets import TopicsPicker
from tools import demo_states

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"
LEFT = Qt.MouseButton.LeftButton


def open_dialog(window, qtbot) -> ImportDialog:
    dialog = ImportDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def read_in(dialog: ImportDialog, qtbot, path: Path | str) -> None:
    """Type the path in and press Import, as a user would; wait for the sections."""
    dialog.path_edit.setText(str(path))
    assert dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.importing, timeout=15000)


def open_with_text(window, qtbot, source: Path, text: str) -> ImportDialog:
    """The dialog with `text` saved as `source` and read in."""
    source.write_text(text, encoding="utf-8")
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, source)
    return dialog


def to_details(dialog: ImportDialog, qtbot, folder: Path):
    """On to the last step, the project folder typed in; wait for the report."""
    qtbot.mouseClick(dialog.next_button, LEFT)
    details = dialog.details
    details.folder.setText(str(folder))
    qtbot.waitUntil(lambda: details.last_report is not None and not details.report_busy.isVisible(), timeout=15000)
    return details


def rows(dialog: ImportDialog) -> list[tuple[str, int, str]]:
    """(title, level, original number) for each row of the sections list."""
    result = []
    for item in dialog.preview.items():
        level, parent = 1, item.parent()
        while parent is not None:  # the row's depth in the tree
            level, parent = level + 1, parent.parent()
        number = item.text(1) if item.text(1) != "—" else ""
        result.append((item.text(0), level, number))
    return result


def outline_rows(outline) -> list[tuple[str, int, str]]:
    return [(s.title, s.level, s.original_number) for s in outline.sections]


def paragraphs_shown(dialog: ImportDialog) -> list[str]:
    view = dialog.preview.paragraphs
    return [view.topLevelItem(n).text(1) for n in range(view.topLevelItemCount())]


def test_reads_a_file_and_lists_the_sections_the_core_found(window, qtbot) -> None:
    path = FIXTURES / "numbered.txt"
    dialog = open_dialog(window, qtbot)
    assert dialog.pages.currentIndex() == FILE
    assert not dialog.next_button.isEnabled()  # nothing to import yet
    read_in(dialog, qtbot, path)
    assert dialog.pages.currentIndex() == PREVIEW
    expected = import_file(path)
    assert rows(dialog) == outline_rows(expected)
    assert outline_rows(dialog.outline) == outline_rows(expected)
    # Each row says why it was taken as a heading; the topics and word counts are shown.
    items = dialog.preview.items()
    assert "numbered '1' in ALL CAPS" in items[1].toolTip(0)
    assert items[1].text(2) == "Who we are (controller identity)"
    assert items[1].text(3) == str(expected.sections[1].word_count)
    assert "numbered.txt" in dialog.preview.summary.text()
    # Selecting a section shows its paragraphs, numbered, as counsel reads them.
    dialog.preview.select(0)
    assert paragraphs_shown(dialog) == [
        "Harbour Lane Bakery Ltd\nLast updated: 3 March 2025",
        expected.sections[0].paragraphs[1],
    ]
    assert dialog.preview.paragraphs.topLevelItem(1).text(0) == "2"


def test_the_summary_says_one_section_in_the_singular(window, qtbot) -> None:
    outline = import_file(FIXTURES / "numbered.txt")
    assert outline.sections[0].level == 1
    dialog = open_dialog(window, qtbot)
    dialog.preview.load(replace(outline, sections=outline.sections[:1]))
    assert dialog.preview.summary.text().startswith("Found 1 section in ")


def test_adjust_the_outline_and_create_the_project(window, qtbot, tmp_path: Path) -> None:
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, FIXTURES / "questions.txt")
    original = dialog.outline
    preview = dialog.preview
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    # Merge "How can you contact us?" into "Do you use cookies?", then undo it with Ctrl+Z.
    preview.select(7)
    assert not preview.undo_button.isEnabled()
    qtbot.mouseClick(preview.merge_button, LEFT)
    assert len(dialog.outline) == 7
    assert [r[0] for r in rows(dialog)][-1] == "Do you use cookies?"
    assert "How can you contact us?" in dialog.outline.sections[6].paragraphs
    assert preview.current_index() == 6
    assert "Merged" in preview.status.text()
    qtbot.keyClick(preview.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.outline == original
    assert rows(dialog) == outline_rows(original)
    assert preview.current_index() == 7
    preview.redo()
    assert len(dialog.outline) == 7
    preview.undo()
    assert dialog.outline == original

    # Split "What are your rights?" at its first paragraph: a new section takes all of its text.
    preview.select(5)  # "What are your rights?"
    assert not preview.split_button.isEnabled()  # no paragraph chosen yet
    preview.select_paragraph(0)
    qtbot.mouseClick(preview.split_button, LEFT)
    assert len(dialog.outline) == 9
    assert dialog.outline.sections[5].paragraphs == ()
    assert dialog.outline.sections[6].title == "New section"
    assert dialog.outline.sections[6].paragraphs == original.sections[5].paragraphs
    assert preview.current_index() == 6  # the new section is selected, ready to rename

    # Rename it inline: Rename opens the title for editing, Enter keeps it.
    qtbot.mouseClick(preview.rename_button, LEFT)
    editor = preview.tree.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Your choices")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.outline.sections[6].title == "Your choices")
    assert rows(dialog)[6][0] == "Your choices"

    # Make it a sub-section of the (now empty) rights section, with the keyboard shortcut.
    preview.tree.setFocus()
    qtbot.keyClick(preview.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dialog.outline.sections[6].level == 2
    assert rows(dialog)[6] == ("Your choices", 2, "")
    assert preview.outdent_button.isEnabled() and not preview.indent_button.isEnabled()

    # Leave out the introduction.
    preview.select(0)
    qtbot.mouseClick(preview.remove_button, LEFT)
    assert dialog.outline.sections[0].title == "What information do we collect?"
    adjusted = dialog.outline

    # Step 3: the laws the text names are ticked (none here), the folder follows the organisation.
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.pages.currentIndex() == DETAILS
    details = dialog.details
    assert details.title.text() == "Pebblestone Veterinary Clinic – Privacy Notice"
    assert details.chosen_jurisdictions() == []
    qtbot.keyClicks(details.organisation, "Pebblestone Vets Ltd")
    assert details.folder.text().endswith("pebblestone-vets-ltd-privacy-notice")
    details.jurisdictions["uk_gdpr"].setChecked(True)
    target = tmp_path / "pebblestone-notice"
    details.folder.setText(str(target))
    qtbot.waitUntil(lambda: details.last_report is not None and not details.report_busy.isVisible(), timeout=15000)
    summary = details.report_view.toPlainText()
    assert f"{len(adjusted)} clauses will be created" in summary
    assert "UK GDPR" in summary
    assert "Library clauses that could fill gaps" in summary
    assert details.last_report.jurisdictions == ("uk_gdpr",)

    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.created_path == target
    with NoticeRepo.open(target) as repo:
        edits = repo.edits()
        assert len(edits) == 1
        assert edits[0].message.startswith("Imported")
        assert edits[0].author == window.author().name
        notice = repo.load()
    assert notice.organisation == "Pebblestone Vets Ltd"
    assert notice.jurisdictions == ["uk_gdpr"]
    assert notice.title == "Pebblestone Veterinary Clinic – Privacy Notice"
    walked = [(clause.title, depth + 1) for clause, depth, _number in notice.walk()]
    assert walked == [(s.title, s.level) for s in adjusted.sections]
    choices = next(c for c in notice.all_clauses() if c.title == "Your choices")
    assert "You can ask for a copy of your information" in choices.body


def test_split_at_a_missed_heading_takes_it_as_the_title(window, qtbot, tmp_path: Path) -> None:
    dialog = open_with_text(
        window,
        qtbot,
        tmp_path / "yoga.md",
        "# Privacy Policy\n\n## Your rights\n\nYou can ask for a copy of your information.\n\n"
        "Making a request\n\nEmail us and we will reply within one month.\n\n"
        "## Contact\n\nWrite to the studio at 4 Quay Street.\n",
    )
    index = next(n for n, s in enumerate(dialog.outline.sections) if s.title == "Your rights")
    dialog.preview.select(index)
    shown = paragraphs_shown(dialog)
    assert shown[1] == "Making a request"
    # Double-clicking a paragraph splits there.
    view = dialog.preview.paragraphs
    item = view.topLevelItem(1)
    rect = view.visualItemRect(item)
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    assert dialog.preview.current_paragraph() == 1
    qtbot.mouseDClick(view.viewport(), LEFT, pos=rect.center())
    new = dialog.outline.sections[index + 1]
    assert new.title == "Making a request"
    assert new.paragraphs == ("Email us and we will reply within one month.",)
    assert dialog.preview.current_index() == index + 1
    assert paragraphs_shown(dialog) == ["Email us and we will reply within one month."]


def test_three_levels_shown_and_moved_a_level_at_a_time(window, qtbot) -> None:
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, FIXTURES / "three_levels.md")
    preview = dialog.preview
    assert rows(dialog) == outline_rows(dialog.outline)
    assert rows(dialog)[3:7] == [
        ("From members", 2, "2.1"),
        ("When you join", 3, "2.1.1"),
        ("On the water", 3, "2.1.2"),
        ("From coaches", 2, "2.2"),
    ]
    members = preview.items()[3]
    assert members.text(3) == "0" and not members.toolTip(3)  # its parts follow it: nothing to fix
    preview.select(4)  # 'When you join': as deep as a section goes, and first under its section
    assert not preview.indent_button.isEnabled() and preview.outdent_button.isEnabled()
    preview.select(6)  # 'From coaches' can go into 'From members', beside its two parts
    assert preview.indent_button.isEnabled() and preview.outdent_button.isEnabled()
    preview.tree.setFocus()
    qtbot.keyClick(preview.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert rows(dialog)[6] == ("From coaches", 3, "2.2")
    assert not preview.indent_button.isEnabled()
    # 'From members' up to a section of its own: its parts, and now 'From coaches', come with it
    preview.select(3)
    qtbot.mouseClick(preview.outdent_button, LEFT)
    assert [level for _, level, _ in rows(dialog)[2:8]] == [1, 1, 2, 2, 2, 2]
    assert preview.current_index() == 3 and not preview.outdent_button.isEnabled()
    qtbot.mouseClick(preview.undo_button, LEFT)
    qtbot.mouseClick(preview.undo_button, LEFT)
    assert rows(dialog) == outline_rows(import_file(FIXTURES / "three_levels.md"))


def test_several_rows_chosen_move_under_an_empty_section_in_one_step(window, qtbot, tmp_path: Path) -> None:
    dialog = open_with_text(
        window,
        qtbot,
        tmp_path / "swimming.txt",
        "Privacy Notice\n\nWho we are\n\nThe Brightwater Swimming Club is run by volunteers.\n\n"
        "What we hold\n\nMembership\n\nYour name, date of birth and the squad you swim in.\n\n"
        "Gala entries\n\nThe events you enter and your times.\n\nLane bookings\n\nThe sessions you book.\n\n"
        "Your rights\n\nAsk the secretary for a copy of what we hold.\n",
    )
    preview = dialog.preview
    assert [title for title, _, _ in rows(dialog)][1:5] == [
        "What we hold",
        "Membership",
        "Gala entries",
        "Lane bookings",
    ]
    assert "1 section with no text</b>" in preview.summary.text()
    # Click 'Membership', Shift+click 'Gala entries': both chosen, and moved under 'What we hold' at once.
    view = preview.tree
    items = preview.items()
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualItemRect(items[2]).center())
    qtbot.mouseClick(
        view.viewport(), LEFT, Qt.KeyboardModifier.ShiftModifier, pos=view.visualItemRect(items[3]).center()
    )
    assert preview.chosen_indices() == [2, 3]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [level for _, level, _ in rows(dialog)] == [1, 1, 2, 2, 1, 1]
    assert "no text" not in preview.summary.text()
    assert preview.chosen_indices() == [2, 3]  # still chosen, to move again
    assert preview.status.text() == "Made 2 sections sub-sections. Ctrl+Z undoes it."
    # One undo puts both back.
    qtbot.mouseClick(preview.undo_button, LEFT)
    assert [level for _, level, _ in rows(dialog)] == [1] * 6
    # Ctrl+click chooses rows apart; Delete leaves them out together.
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualItemRect(preview.items()[0]).center())
    qtbot.mouseClick(
        view.viewport(),
        LEFT,
        Qt.KeyboardModifier.ControlModifier,
        pos=view.visualItemRect(preview.items()[4]).center(),
    )
    assert preview.chosen_indices() == [0, 4]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [title for title, _, _ in rows(dialog)] == ["What we hold", "Membership", "Gala entries", "Your rights"]
    assert preview.status.text() == "Left out 2 sections. Ctrl+Z undoes it."


def test_topics_are_chosen_from_the_library_topics(window, qtbot, monkeypatch) -> None:
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, FIXTURES / "utf16.txt")
    index = next(n for n, s in enumerate(dialog.outline.sections) if s.title == "Loyalty Card")
    assert dialog.outline.sections[index].topics == ()
    assert dialog.preview.items()[index].text(2) == "none found"

    def pick(picker: TopicsPicker) -> int:
        picker.filter.setText("market")
        visible = [picker.list.item(n) for n in range(picker.list.count()) if not picker.list.item(n).isHidden()]
        assert visible and all("market" in (i.text() + i.data(Qt.ItemDataRole.UserRole)).lower() for i in visible)
        picker.set_checked("marketing")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TopicsPicker, "exec", pick)
    dialog.preview.select(index)
    qtbot.mouseClick(dialog.preview.topics_button, LEFT)
    section = dialog.outline.sections[index]
    assert section.topics == ("marketing",)
    assert section.topics_by_hand
    assert "Marketing" in dialog.preview.items()[index].text(2)


def test_page_furniture_and_notes_are_shown_folded(window, qtbot) -> None:
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, FIXTURES / "saved_page.html")
    toggle, extra = dialog.preview.extra_toggle, dialog.preview.extra
    assert toggle.isVisible() and not extra.isVisible()
    assert "8 pieces of page furniture left out" in toggle.text()
    qtbot.mouseClick(toggle, LEFT)
    assert extra.isVisible()
    assert "the cookie banner" in extra.text()
    # Web pages have no numbered headings, so that column is not shown.
    assert dialog.preview.tree.isColumnHidden(1)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("old-notice.pdf", b"%PDF-1.4", "is not a readable PDF"),
        ("missing.txt", None, "There is no file at"),
        ("empty.txt", b"", ""),
    ],
)
def test_a_bad_file_is_explained_in_the_dialog(window, qtbot, tmp_path: Path, name, content, expected) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, path)
    assert dialog.pages.currentIndex() == FILE
    assert dialog.outline is None
    message = dialog.file_status.text()
    assert dialog.file_status.isVisible() and message
    assert expected in message
    assert message.count(".") >= 1 and "Traceback" not in message
    assert dialog.next_button.isEnabled()  # try again after fixing the path
    # A good file after a bad one goes through.
    read_in(dialog, qtbot, FIXTURES / "run_in.txt")
    assert dialog.pages.currentIndex() == PREVIEW
    assert not dialog.file_status.isVisible()


def test_a_folder_with_files_in_it_is_refused(window, qtbot, tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep me", encoding="utf-8")
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, FIXTURES / "unnumbered.md")
    qtbot.mouseClick(dialog.next_button, LEFT)
    details = dialog.details
    details.folder.setText(str(busy))
    assert details.folder_problem.isVisible()
    assert "not empty" in details.folder_problem.text()
    assert not dialog.next_button.isEnabled()
    dialog.create_notice()  # even if asked directly, nothing is created
    assert dialog.created_path is None
    assert "not empty" in dialog.problem_label.text()
    assert sorted(p.name for p in busy.iterdir()) == ["notes.txt"]
    details.folder.setText(str(tmp_path / "fresh"))
    assert not details.folder_problem.isVisible()
    assert dialog.next_button.isEnabled()


def test_back_keeps_the_adjustments_for_the_same_file(window, qtbot) -> None:
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, FIXTURES / "run_in.txt")
    dialog.preview.select(2)
    qtbot.mouseClick(dialog.preview.merge_button, LEFT)
    merged = dialog.outline
    qtbot.mouseClick(dialog.back_button, LEFT)
    assert dialog.pages.currentIndex() == FILE
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.pages.currentIndex() == PREVIEW
    assert dialog.outline is merged


def test_the_window_opens_the_imported_notice(window, qtbot, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "imported"

    def run(dialog: ImportDialog) -> int:
        read_in(dialog, qtbot, FIXTURES / "unnumbered.md")
        qtbot.mouseClick(dialog.next_button, LEFT)
        dialog.details.folder.setText(str(target))
        qtbot.mouseClick(dialog.next_button, LEFT)
        qtbot.waitUntil(lambda: dialog.created_path is not None, timeout=20000)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", run)
    window.act_import.trigger()
    # the new notice opens in the background (the window never waits on reading it)
    qtbot.waitUntil(lambda: window.session is not None and window.session.repo.path == target, timeout=20000)
    assert [c.title for c in window.session.notice.clauses][:2] == ["Introduction", "Who we are"]
    assert window.session.notice.title == "Privacy Policy"


def test_demo_state_shows_the_preview(window, qtbot) -> None:
    dialog = demo_states.import_dialog(window)
    qtbot.addWidget(dialog)
    assert dialog.pages.currentIndex() == PREVIEW
    assert len(dialog.preview.items()) == len(dialog.outline.sections) > 5


def test_split_inside_a_paragraph_at_a_sentence_then_drop_and_undo(window, qtbot) -> None:
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, FIXTURES / "pdf_copy.txt")
    preview = dialog.preview
    index = next(n for n, s in enumerate(dialog.outline.sections) if s.title == "WHAT WE HOLD")
    preview.select(index)
    view = preview.paragraphs
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualItemRect(view.topLevelItem(0)).center())
    assert preview.current_paragraph() == 0
    text = preview.paragraph_text.toPlainText()
    assert text.startswith("For every plot holder")
    assert not preview.split_inside_button.isEnabled()  # the cursor is at the start: nothing to split inside
    # Put the cursor in the middle of the second sentence and split there.
    cursor = preview.paragraph_text.textCursor()
    cursor.setPosition(text.index("also hold the plot number"))
    preview.paragraph_text.setTextCursor(cursor)
    assert preview.split_inside_button.isEnabled()
    qtbot.mouseClick(preview.split_inside_button, LEFT)
    sections = dialog.outline.sections
    assert sections[index].paragraphs == (
        (
            "For every plot holder and everyone on the waiting list we hold a name, a postal address, "
            "a telephone number and the date of joining."
        ),
    )
    assert sections[index + 1].title == "New section"
    assert sections[index + 1].paragraphs[0].startswith("For plot holders we also hold the plot number")
    assert preview.current_index() == index + 1
    # Drop the new section's paragraph as furniture, then undo both edits.
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualItemRect(view.topLevelItem(0)).center())
    qtbot.mouseClick(preview.drop_paragraph_button, LEFT)
    assert dialog.outline.sections[index + 1].paragraphs == ()
    assert dialog.outline.dropped[-1].startswith("For plot holders")
    preview.undo()
    preview.undo()
    assert dialog.outline.sections[index].title == "WHAT WE HOLD"
    assert dialog.outline.sections[index + 1].title == "WHY WE HOLD IT"
    assert "For plot holders we also hold" in dialog.outline.sections[index].paragraphs[0]


def test_tables_found_are_offered_and_made_into_notice_tables(window, qtbot, tmp_path: Path) -> None:
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, FIXTURES / "saved_page.html")
    qtbot.mouseClick(dialog.next_button, LEFT)
    details = dialog.details
    target = tmp_path / "tidewell"
    details.folder.setText(str(target))
    qtbot.waitUntil(lambda: details.last_report is not None and not details.report_busy.isVisible(), timeout=15000)
    assert not details.make_tables.isHidden()  # offered: the summary found a table
    assert "1 table found, kept as text" in details.report_view.toPlainText()
    details.make_tables.setChecked(True)
    qtbot.waitUntil(
        lambda: details.last_report is not None and details.last_report.tables_made == ("cookies",), timeout=15000
    )
    assert "1 notice table made from the tables found (cookies)" in details.report_view.toPlainText()
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.next_button, LEFT)
    with NoticeRepo.open(target) as repo:
        notice = repo.load()
    assert notice.tables["cookies"].columns == ["Cookie", "Purpose", "Expires"]
    assert "[[table:cookies]]" in notice.find("cookies").body


def test_no_tables_no_offer(window, qtbot) -> None:
    dialog = open_dialog(window, qtbot)
    read_in(dialog, qtbot, FIXTURES / "questions.txt")
    qtbot.mouseClick(dialog.next_button, LEFT)
    details = dialog.details
    qtbot.waitUntil(lambda: details.last_report is not None and not details.report_busy.isVisible(), timeout=15000)
    assert details.make_tables.isHidden()
    assert details.values()["tables"] is False


def test_counsel_choose_which_tables_become_notice_tables(window, qtbot, tmp_path: Path) -> None:
    dialog = open_with_text(
        window,
        qtbot,
        tmp_path / "cider.txt",
        "Orchard Vale Cider Privacy Notice\n\n"
        "Cookies\n\nOur shop uses these cookies.\n\n"
        "Cookie\tPurpose\nov_basket\tKeeps your basket\nov_age\tRemembers you are over 18\n\n"
        "Processors\n\nThese firms handle orders for us.\n\n"
        "Firm\tRole\nParcelwise\tDelivers orders\nTillpoint\tTakes payments\n\n"
        "Retention\n\nWe keep records for these periods.\n\n"
        "Record\tKept for\nOrders\tSix years\nEmails\tTwo years\n",
    )
    target = tmp_path / "cider"
    details = to_details(dialog, qtbot, target)
    listed = [details.table_list.item(n).text() for n in range(details.table_list.count())]
    assert listed[0].startswith("1. 'Cookies'") and listed[2].startswith("3. 'Retention'")
    # Tick the second table only, from the keyboard.
    details.table_list.setFocus()
    details.table_list.setCurrentRow(1)
    qtbot.keyClick(details.table_list, Qt.Key.Key_Space)
    assert details.chosen_tables() == [2]
    assert details.make_tables.checkState() == Qt.CheckState.PartiallyChecked
    qtbot.waitUntil(
        lambda: details.last_report is not None and details.last_report.tables_made == ("processors",),
        timeout=15000,
    )
    assert "1 notice table made from the tables found (processors); 2 kept as text" in (
        details.report_view.toPlainText()
    )
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.next_button, LEFT)
    with NoticeRepo.open(target) as repo:
        notice = repo.load()
    assert sorted(notice.tables) == ["processors"]
    assert "| Cookie | Purpose |" in notice.find("cookies").body  # left as text


@pytest.fixture
def copy_to_clipboard() -> Iterator[Callable[..., None]]:
    """Puts text (and HTML, as a browser or Word does) on the clipboard; empties it afterwards, as
    Qt's offscreen clipboard still holding data set from Python crashes the process at its exit."""
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QGuiApplication

    def copy(text: str, html: str = "") -> None:
        data = QMimeData()
        data.setText(text)
        if html:
            data.setHtml(html)
        QGuiApplication.clipboard().setMimeData(data)

    yield copy
    QGuiApplication.clipboard().clear()


def test_paste_the_copied_notice_keeps_its_headings(window, qtbot, tmp_path: Path, copy_to_clipboard) -> None:
    copy_to_clipboard(
        (FIXTURES / "pasted_browser.txt").read_text(encoding="utf-8"),
        (FIXTURES / "pasted_browser.html").read_text(encoding="utf-8"),
    )
    dialog = open_dialog(window, qtbot)
    assert dialog.paste_button.isEnabled()
    qtbot.mouseClick(dialog.paste_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.importing, timeout=15000)
    assert dialog.pages.currentIndex() == PREVIEW
    assert rows(dialog) == [
        ("Who we are", 1, ""),
        ("What we collect", 1, ""),
        ("From our couriers", 2, ""),
        ("Your rights", 1, ""),
    ]
    assert "the pasted text" in dialog.preview.summary.text()
    assert dialog.preview.summary.text().startswith("Found 3 sections and 1 sub-section in ")
    # the line under the title that only gave the notice's date is out of the text, and the dialog says so
    assert "'Last updated: 4 May 2026' was taken out of the text" in html.unescape(dialog.preview.extra.text())
    qtbot.mouseClick(dialog.next_button, LEFT)
    # No file name to go on: the folder offered is named after the notice's title.
    assert Path(dialog.details.folder.text()).name.startswith("beefarm-privacy-notice")
    dialog.details.folder.setText(str(tmp_path / "beefarm"))
    qtbot.mouseClick(dialog.next_button, LEFT)
    qtbot.waitUntil(lambda: dialog.created_path is not None, timeout=20000)
    with NoticeRepo.open(tmp_path / "beefarm") as repo:
        assert repo.edits()[0].message == "Imported 'the pasted text'"
        notice = repo.load()
    assert notice.title == "Beefarm Privacy Notice"
    assert [(clause.title, depth + 1) for clause, depth, _n in notice.walk()] == [
        (title, level) for title, level, _n in rows(dialog)
    ]


def test_ctrl_v_in_the_file_box_pastes_a_notice_but_a_path_stays_a_path(window, qtbot, copy_to_clipboard) -> None:
    dialog = open_dialog(window, qtbot)
    path = str(FIXTURES / "run_in.txt")
    copy_to_clipboard(path)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.path_edit.text() == path and not dialog.importing
    dialog.path_edit.clear()
    copy_to_clipboard((FIXTURES / "pasted_browser.txt").read_text(encoding="utf-8"))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW, timeout=15000)
    assert dialog.path_edit.text() == ""
    assert {"Who we are", "Your rights"} <= {title for title, _level, _n in rows(dialog)}


def test_nothing_to_paste_is_said_in_one_sentence(window, qtbot, copy_to_clipboard) -> None:
    copy_to_clipboard("   ")
    dialog = open_dialog(window, qtbot)
    qtbot.mouseClick(dialog.paste_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.importing, timeout=15000)
    assert dialog.pages.currentIndex() == FILE and dialog.outline is None
    message = dialog.file_status.text()
    assert dialog.file_status.isVisible() and message.startswith("There is nothing to paste;")


def _drop_on(dialog: ImportDialog, data) -> bool:
    """Drag `data` over the dialog and drop it there, as the window system delivers it; True if taken."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(20, 20), action, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(20, 20), action, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog, drop)
    return drop.isAccepted()


def test_drop_a_notice_file_or_a_dragged_selection(window, qtbot) -> None:
    from PySide6.QtCore import QMimeData, QUrl

    dialog = open_dialog(window, qtbot)
    assert dialog.acceptDrops()
    link = QMimeData()
    link.setUrls([QUrl("https://example.com/privacy")])
    link.setText("https://example.com/privacy")
    assert not _drop_on(dialog, link)  # a link to a page is not the notice
    file = QMimeData()
    file.setUrls([QUrl.fromLocalFile(str(FIXTURES / "numbered.txt"))])
    assert _drop_on(dialog, file)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW, timeout=15000)
    assert rows(dialog) == outline_rows(import_file(FIXTURES / "numbered.txt"))
    assert not _drop_on(dialog, file)  # only on the first page
    qtbot.mouseClick(dialog.back_button, LEFT)
    selection = QMimeData()
    selection.setText((FIXTURES / "pasted_browser.txt").read_text(encoding="utf-8"))
    selection.setHtml((FIXTURES / "pasted_browser.html").read_text(encoding="utf-8"))
    assert _drop_on(dialog, selection)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW and not dialog.importing, timeout=15000)
    assert ("From our couriers", 2, "") in rows(dialog)


def test_a_web_address_in_the_file_box_is_fetched_and_read(window, qtbot) -> None:
    from web_support import notice_site

    dialog = open_dialog(window, qtbot)
    with notice_site() as site:
        read_in(dialog, qtbot, f"{site}/gone")
        assert dialog.pages.currentIndex() == FILE
        assert "answered '404 Not Found'" in dialog.file_status.text()
        read_in(dialog, qtbot, f"{site}/privacy")
    assert dialog.pages.currentIndex() == PREVIEW
    assert rows(dialog) == outline_rows(import_file(FIXTURES / "saved_page.html"))
    assert "127.0.0.1/privacy" in dialog.preview.summary.text()


def test_a_section_with_no_text_says_so_and_what_to_do(window, qtbot, tmp_path: Path) -> None:
    # Copied text sets a heading and the headings it groups apart alike, so the group heading comes
    # in as a section with no text; it would block publishing, and the row says so.
    dialog = open_with_text(
        window,
        qtbot,
        tmp_path / "orchard.txt",
        "Orchard Street Library Privacy Notice\n\n"
        "What We Record\n\n"
        "Loans and Returns\n\nThe books you borrow and when you bring them back.\n\n"
        "Room Bookings\n\nThe name given when a study room is booked.\n\n"
        "Your Rights\n\nYou may ask for a copy of your borrowing history.\n",
    )
    items = {item.text(0): item for item in dialog.preview.items()}
    assert set(items) == {"What We Record", "Loans and Returns", "Room Bookings", "Your Rights"}
    empty = items["What We Record"]
    assert empty.text(3) == "no text"
    assert "blocks publishing" in empty.toolTip(3) and "sub-sections" in empty.toolTip(3)
    assert empty.toolTip(0).startswith("What We Record\n")  # the whole title, however narrow the column
    assert items["Your Rights"].text(3) == "10" and not items["Your Rights"].toolTip(3)
    assert "1 section with no text</b> would block publishing" in dialog.preview.summary.text()
    dialog.preview.select(0)
    [advice] = paragraphs_shown(dialog)
    assert advice.startswith("This section has no text, which blocks publishing.") and "sub-sections" in advice
    # Made the group it is, it has sub-sections and nothing to fix.
    dialog.preview.select(1)
    qtbot.mouseClick(dialog.preview.indent_button, LEFT)
    dialog.preview.select(2)
    qtbot.mouseClick(dialog.preview.indent_button, LEFT)
    first = dialog.preview.items()[0]
    assert first.text(3) == "0" and not first.toolTip(3)
    assert "no text" not in dialog.preview.summary.text()
    dialog.preview.select(0)
    assert paragraphs_shown(dialog) == ["This section has no text of its own; its sub-sections follow it."]


def test_the_last_step_says_which_typed_numbers_became_cross_references(window, qtbot, tmp_path: Path) -> None:
    dialog = open_with_text(
        window,
        qtbot,
        tmp_path / "school.txt",
        "Privacy Notice of the Fenland Riding School\n\nWe run a small riding school. Section 2 tells you "
        "how to reach us.\n\n1. What we keep\n\nThe names of riders and the lessons they book.\n\n"
        "2. Contact us\n\nWrite to the office at the stables.\n",
    )
    assert "Section 2 tells you" in dialog.outline.sections[0].body  # the preview shows the original
    details = to_details(dialog, qtbot, tmp_path / "school-notice")
    summary = details.report_view.toPlainText()
    assert "What the import changed" in summary
    assert "1 typed section number written against the original's numbering" in summary
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.next_button, LEFT)
    with NoticeRepo.open(tmp_path / "school-notice") as repo:
        intro = repo.load().clauses[0]
    assert intro.body.startswith("We run a small riding school. [[contact-us]] tells you")


GERMAN_NOTICE = """Datenschutzhinweis

1. Wer wir sind

Die Beispiel GmbH betreibt diesen Dienst für ihre Kunden. Wir sind für die Daten verantwortlich.

2. Ihre Daten

Wir speichern Ihren Namen und Ihre Adresse, wenn Sie bei uns bestellen. Die Daten werden nicht verkauft.
"""


def test_the_language_chosen_overrides_the_one_the_words_tell(window, qtbot, tmp_path: Path) -> None:
    dialog = open_with_text(window, qtbot, tmp_path / "hinweis.txt", GERMAN_NOTICE)
    target = tmp_path / "hinweis"
    details = to_details(dialog, qtbot, target)
    assert details.language.currentIndex() == 0  # by default: as the words tell
    assert "Language: German (Deutsch), told by its common words" in details.report_view.toPlainText()
    details.language.setCurrentIndex(details.language.findData("fr"))
    qtbot.waitUntil(lambda: details.last_report is not None and details.last_report.language == "fr", timeout=15000)
    assert "Language: French (français), as chosen (its words tell German (Deutsch))" in (
        details.report_view.toPlainText()
    )
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.next_button, LEFT)
    with NoticeRepo.open(target) as repo:
        assert repo.load().language == "fr"

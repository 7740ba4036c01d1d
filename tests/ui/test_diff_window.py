"""The comparison window: real notice repositories, real diffs, real exports."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QFileDialog
from ui_support import UI_AUTHOR

from notice_studio.core.notice.model import Clause
from notice_studio.ui import commands
from notice_studio.ui.compare.diff_window import DiffWindow


def publish_v1(window) -> None:
    session = window.session
    session.flush()
    session.repo.publish(dt.date(2026, 1, 15), "Clearer wording.", False, "Jane Counsel", UI_AUTHOR)
    session.refresh_history()


def wait_version(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.session.latest_version is not None, timeout=10000)


def change_draft(window) -> dict[str, str]:
    """After v1: edit words in one clause, move another, add a third. Returns their ids."""
    session = window.session
    clauses = session.notice.clauses
    edited = next(c for c in clauses[1:] if " information " in c.body)
    body = edited.body.replace(" information ", " personal data ", 1)
    session.undo_stack.push(commands.EditBody(session, edited.id, edited.body, body))
    moved = clauses[-1].id
    session.undo_stack.push(commands.MoveClause(session, moved, None, 0))
    added = Clause(
        session.notice.new_clause_id("Artificial intelligence"),
        "Artificial intelligence",
        "We do not use your data to train AI models.",
    )
    session.undo_stack.push(commands.AddClause(session, added, None, len(session.notice.clauses)))
    return {"edited": edited.id, "moved": moved, "added": added.id}


def open_compare(qtbot, window, a: str = "v1", b: str = "draft") -> DiffWindow:
    window.compare(a, b)
    diff_window = window.findChildren(DiffWindow)[-1]
    qtbot.waitUntil(lambda: diff_window.diff is not None, timeout=10000)
    return diff_window


def runs(pane, key: str):
    return pane.row_formats(pane.row_index(key))


def test_compare_v1_with_draft_marks_words_and_steps_through_changes(qtbot, window) -> None:
    publish_v1(window)
    wait_version(qtbot, window)
    ids = change_draft(window)
    diff_window = open_compare(qtbot, window)
    assert diff_window.header.text() == "Comparing <b>v1 (effective 15 January 2026)</b> with <b>Draft</b>"
    assert [e.key for e in diff_window.entries] == [ids["moved"], ids["edited"], ids["added"]]
    texts = [diff_window.summary.item(i).text() for i in range(diff_window.summary.count())]
    assert texts[0].startswith("Moved 1 ") and texts[1].startswith("Changed ") and texts[2].startswith("Added ")

    old_runs, new_runs = runs(diff_window.old_pane, ids["edited"]), runs(diff_window.new_pane, ids["edited"])
    struck = [t for t, f in old_runs if f.fontStrikeOut()]
    underlined = [t for t, f in new_runs if f.fontUnderline()]
    assert struck == ["information"] and underlined == ["personal data"]
    assert not any(f.fontUnderline() for _t, f in old_runs)  # inserted words never show on the old side
    moved_text = diff_window.new_pane.row_text(diff_window.new_pane.row_index(ids["moved"]))
    assert "Moved from section" in moved_text
    assert "Not in v1" in diff_window.old_pane.row_text(diff_window.old_pane.row_index(ids["added"]))

    # Opens at the first change; next/previous go through the list in order, both panes in step.
    assert diff_window.current_change_index == 0
    seen = []
    for _ in range(4):
        seen.append(diff_window.current_change_index)
        assert diff_window.summary.currentRow() == diff_window.current_change_index
        old_bar, new_bar = diff_window.old_pane.verticalScrollBar(), diff_window.new_pane.verticalScrollBar()
        assert old_bar.value() == new_bar.value()
        diff_window.next_change()
    assert seen == [0, 1, 2, 2]  # stops at the last change
    diff_window.previous_change()
    assert diff_window.current_change_index == 1
    row = diff_window.new_pane.row_index(ids["edited"])
    top = int(diff_window.new_pane.row_top(row))
    assert (
        abs(diff_window.new_pane.verticalScrollBar().value() - max(0, top - 4)) <= 1
        or diff_window.new_pane.verticalScrollBar().value() == diff_window.new_pane.verticalScrollBar().maximum()
    )
    diff_window.close()


def test_keyboard_shortcuts_move_between_changes(qtbot, window) -> None:
    publish_v1(window)
    wait_version(qtbot, window)
    change_draft(window)
    diff_window = open_compare(qtbot, window)
    diff_window.activateWindow()
    qtbot.waitUntil(lambda: diff_window.isActiveWindow(), timeout=5000)
    diff_window.summary.setFocus()
    qtbot.keyClick(diff_window.summary, Qt.Key.Key_F8)
    assert diff_window.current_change_index == 1
    qtbot.keyClick(diff_window.summary, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert diff_window.current_change_index == 2
    qtbot.keyClick(diff_window.summary, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert diff_window.current_change_index == 1
    qtbot.keyClick(diff_window.summary, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert diff_window.current_change_index == 0
    qtbot.keyClick(diff_window.summary, Qt.Key.Key_Down)  # plain arrows walk the list of changes
    assert diff_window.current_change_index == 1
    diff_window.close()


def test_changed_only_hides_unchanged_clauses(qtbot, window) -> None:
    publish_v1(window)
    wait_version(qtbot, window)
    ids = change_draft(window)
    diff_window = open_compare(qtbot, window)
    every = len(window.session.notice.all_clauses())
    assert len(diff_window.new_pane.keys) == every
    with qtbot.waitSignal(diff_window.refilled, timeout=10000):  # drawn in slices
        diff_window.changed_only.setChecked(True)
    assert diff_window.new_pane.keys == [ids["moved"], ids["edited"], ids["added"]]
    assert diff_window.old_pane.keys == diff_window.new_pane.keys
    diff_window.next_change()
    assert diff_window.current_change_index == 1
    with qtbot.waitSignal(diff_window.refilled, timeout=10000):
        diff_window.changed_only.setChecked(False)
    assert len(diff_window.new_pane.keys) == every
    assert diff_window.current_change_index == 1  # the place is kept
    diff_window.close()


def test_rows_line_up_on_both_sides_and_after_a_resize(qtbot, window) -> None:
    publish_v1(window)
    wait_version(qtbot, window)
    change_draft(window)
    diff_window = open_compare(qtbot, window)
    left, right = diff_window.old_pane, diff_window.new_pane

    def aligned() -> bool:
        return all(
            abs(left.row_top(i) - right.row_top(i)) < 0.5 and abs(left.row_height(i) - right.row_height(i)) < 0.5
            for i in range(len(left.frames))
        )

    qtbot.waitUntil(aligned, timeout=5000)  # the window is fitted to the screen after it shows, then re-aligned
    # The added clause is much longer on the new side, yet the next row starts level.
    diff_window.showNormal()  # on a short screen the window opens maximised, where resize() does nothing
    width = 760 if abs(diff_window.width() - 760) > 40 else 980
    with qtbot.waitSignal(diff_window.sync.aligned, timeout=5000):
        diff_window.resize(width, 600)
    assert aligned()
    right.verticalScrollBar().setValue(right.verticalScrollBar().maximum() // 2)
    assert left.verticalScrollBar().value() == right.verticalScrollBar().value()
    diff_window.close()


def test_clause_text_is_shown_literally_never_as_markup(qtbot, window) -> None:
    session = window.session
    clause = session.notice.clauses[0]
    hostile = '<script>alert(1)</script> <b onclick="x()">bold</b> <img src=x onerror=alert(2)>'
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, clause.body + "\n\n" + hostile))
    session.undo_stack.push(commands.Rename(session, clause.id, "<i>Intro</i>"))
    diff_window = open_compare(qtbot, window, session.repo.head(), "draft")
    pane = diff_window.new_pane
    text = pane.row_text(pane.row_index(clause.id))
    assert hostile in text and "<i>Intro</i>" in text
    page = pane.toHtml()
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page
    assert "<i>Intro</i>" in diff_window.summary.item(0).text()  # list items are plain text
    diff_window.close()


def test_placeholder_values_are_listed_as_changes(qtbot, window) -> None:
    session = window.session
    name = sorted(session.notice.placeholders())[0]
    session.undo_stack.push(commands.SetVariable(session, name, "Acme Holdings"))
    diff_window = open_compare(qtbot, window, session.repo.head(), "draft")
    keys = [e.key for e in diff_window.entries]
    assert f"value:{name}" in keys
    row = diff_window.new_pane.row_index(f"value:{name}")
    assert "Acme Holdings" in diff_window.new_pane.row_text(row)
    diff_window.close()


def test_export_redline_as_web_page_and_word(qtbot, window, monkeypatch, tmp_path: Path) -> None:
    publish_v1(window)
    wait_version(qtbot, window)
    change_draft(window)
    diff_window = open_compare(qtbot, window)
    target = tmp_path / "changes.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Web page (*.html)"))
    with qtbot.waitSignal(diff_window.export_finished, timeout=10000):
        qtbot.mouseClick(diff_window.export_button, Qt.MouseButton.LeftButton)
    page = target.read_text(encoding="utf-8")
    assert "<ins>" in page and "personal data" in page and "v1 (effective 15 January 2026)" in page

    from docx import Document

    with qtbot.waitSignal(diff_window.export_finished, timeout=10000):
        diff_window.export_to(str(tmp_path / "changes"), html_format=False)
    document = Document(str(tmp_path / "changes.docx"))
    assert any("personal data" in p.text for p in document.paragraphs)
    diff_window.close()


def test_bad_reference_shows_one_sentence(qtbot, window) -> None:
    diff_window = DiffWindow(window.state, window, "v9", "draft", window)
    qtbot.addWidget(diff_window)
    qtbot.waitUntil(lambda: diff_window.stack.currentIndex() == 2, timeout=10000)
    message = diff_window.error_label.text()
    assert message.startswith("The comparison could not be made:") and "Traceback" not in message
    assert not diff_window.export_button.isEnabled()


def test_closing_while_comparing_drops_the_result(qtbot, window) -> None:
    diff_window = DiffWindow(window.state, window, window.session.repo.head(), "draft", window)
    diff_window.show()
    diff_window.close()  # before the background comparison answers
    assert window.tasks.wait()
    QApplication.processEvents()  # the queued answer arrives; it must be ignored without error
    assert diff_window.diff is None


def test_identical_versions_say_so(qtbot, window) -> None:
    diff_window = open_compare(qtbot, window, window.session.repo.head(), "draft")
    assert diff_window.entries == [] and diff_window.current_change_index == -1
    assert diff_window.summary_label.text() == "No differences: the two versions have the same text."
    assert diff_window.summary.item(0).text() == "No differences"
    assert not diff_window.next_button.isEnabled()
    diff_window.next_change()  # nothing to go to; no error
    assert len(diff_window.new_pane.keys) == len(window.session.notice.all_clauses())
    diff_window.close()


def test_panes_show_words_as_readers_see_them(qtbot, window) -> None:
    publish_v1(window)
    wait_version(qtbot, window)
    session = window.session
    clause = next(c for c in session.notice.all_clauses() if "\n- **" in c.body)
    body = clause.body + "\n\nA new closing sentence."
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, body))
    diff_window = open_compare(qtbot, window)
    for pane in (diff_window.old_pane, diff_window.new_pane):
        text = pane.row_text(pane.row_index(clause.id))
        assert "**" not in text and "\u2022 " in text
    assert "A new closing sentence." in diff_window.new_pane.row_text(diff_window.new_pane.row_index(clause.id))


def test_practices_changes_are_described_in_readers_words(qtbot, window) -> None:
    import copy

    session = window.session
    changed = copy.deepcopy(session.notice.practices)
    changed.ai_training = True
    window._apply_practices(changed, "Changed the practices (AI training)")
    diff_window = open_compare(qtbot, window, session.repo.head(), "draft")
    entry = next(e for e in diff_window.entries if e.key == "practices")
    assert entry.text == "Practices: We now use personal information to train machine-learning models."
    row = diff_window.new_pane.row_index("practices")
    assert "We now use personal information to train machine-learning models." in diff_window.new_pane.row_text(row)
    diff_window.close()


def test_cross_references_read_as_the_published_text_reads_them(qtbot, window) -> None:
    """'see [[x]]' shows as 'see section N', each side with its own numbers; a reference changed
    to another is one struck label and one underlined label, never half-marked markup."""
    session = window.session
    first, second, third = (c.id for c in session.notice.clauses[:3])
    clause = session.notice.clauses[3]
    body = f"Our contact details are in [[{second}]]. [[{first}]] says who we are."
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, body))
    publish_v1(window)
    wait_version(qtbot, window)
    session.undo_stack.push(commands.MoveClause(session, first, None, 2))  # second is now 1, first is 3
    changed = body.replace(f"[[{second}]]", f"[[{third}]]")
    session.undo_stack.push(commands.EditBody(session, clause.id, body, changed))
    diff_window = open_compare(qtbot, window)
    old_text = diff_window.old_pane.row_text(diff_window.old_pane.row_index(clause.id))
    new_text = diff_window.new_pane.row_text(diff_window.new_pane.row_index(clause.id))
    assert "[[" not in old_text + new_text
    assert "Our contact details are in section 2. Section 1 says who we are." in old_text
    assert "Our contact details are in section 2. Section 3 says who we are." in new_text
    struck = [t for t, f in runs(diff_window.old_pane, clause.id) if f.fontStrikeOut()]
    underlined = [t for t, f in runs(diff_window.new_pane, clause.id) if f.fontUnderline()]
    assert struck == ["section 2"] and underlined == ["section 2"]  # second was 2; third is 2 now
    diff_window.close()


def test_read_references_joins_a_reference_the_word_diff_split() -> None:
    from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, WordOp
    from notice_studio.ui.compare.diff_panes import NEW, OLD, References, read_references

    ops = [WordOp(EQUAL, "see [[cookie-"), WordOp(DELETE, "list"), WordOp(INSERT, "table"), WordOp(EQUAL, "]] now")]
    numbers = References({"cookie-list": "4", "cookie-table": "4.2"})
    old = read_references([op for op in ops if op.op != INSERT], OLD, numbers)
    new = read_references([op for op in ops if op.op != DELETE], NEW, numbers)
    assert old == [WordOp(EQUAL, "see "), WordOp(DELETE, "section 4"), WordOp(EQUAL, " now")]
    assert new == [WordOp(EQUAL, "see "), WordOp(INSERT, "section 4.2"), WordOp(EQUAL, " now")]
    missing = read_references([WordOp(EQUAL, "[[gone]] is missing.")], NEW, numbers)
    assert "".join(op.text for op in missing) == "[missing section: gone] is missing."


def test_a_changed_table_row_shows_as_a_grid_with_its_changed_cells_marked(qtbot, window) -> None:
    """Not the row's cells joined with '|': a grid under the table's headings, each changed row
    saying in words what changed, its old value struck on the left and its new one inserted
    on the right (with the unchanged columns left out and named); an added row is in the grid
    with every cell inserted."""
    from PySide6.QtGui import QTextTable

    publish_v1(window)
    wait_version(qtbot, window)
    session = window.session
    cookies = copy.deepcopy(session.notice.tables["cookies"])
    consent = next(r for r in cookies.rows if r[0] == "cookie_consent")
    consent[cookies.columns.index("Duration")] = "6 months"
    session.undo_stack.push(commands.EditTable(session, "cookies", cookies))
    schedule = copy.deepcopy(session.notice.tables["retention-schedule"])
    schedule.rows.append(["Support chats", "One year after the chat ends"])
    session.undo_stack.push(commands.EditTable(session, "retention-schedule", schedule))
    diff_window = open_compare(qtbot, window)
    entries = {e.key: e for e in diff_window.entries}
    assert entries["table:cookies"].text == "Table changed: cookies (1 row changed)"
    assert "cookie_consent: Duration: 12 months -> 6 months" in entries["table:cookies"].detail
    assert entries["table:retention-schedule"].text == "Table changed: retention schedule (1 row added)"

    def grid(pane, key):
        (found,) = [f for f in pane.frames[pane.row_index(key)].childFrames() if isinstance(f, QTextTable)]
        return found

    old_pane, new_pane = diff_window.old_pane, diff_window.new_pane
    for pane in (old_pane, new_pane):
        cells = grid(pane, "table:cookies")
        assert (cells.rows(), cells.columns()) == (2, 3)  # headings and the changed row: Change, Name, Duration
        text = pane.row_text(pane.row_index("table:cookies"))
        assert "|" not in text and "Changed: Duration" in text
        assert "Not shown, unchanged: Provider, Purpose, Category." in text
        assert (grid(pane, "table:retention-schedule").rows(), grid(pane, "table:retention-schedule").columns()) == (
            2,
            3,
        )
        assert "Added" in pane.row_text(pane.row_index("table:retention-schedule"))
    assert [t for t, f in runs(old_pane, "table:cookies") if f.fontStrikeOut()] == ["12"]
    assert [t for t, f in runs(new_pane, "table:cookies") if f.fontUnderline()] == ["6"]
    assert not any(f.fontUnderline() for _t, f in runs(old_pane, "table:cookies"))
    added = [t for t, f in runs(new_pane, "table:retention-schedule") if f.fontUnderline()]
    assert added == ["Support chats", "One year after the chat ends"]
    (shows,) = [c.clause_id for c in diff_window.diff.clauses if "cookies" in c.tables_changed]
    clause_text = new_pane.row_text(new_pane.row_index(shows))
    assert "Table: cookies" in clause_text and "[[table:" not in clause_text  # as the redline page reads it


def test_a_wide_table_shows_only_the_columns_that_changed() -> None:
    """Without an added or removed row, the grid holds the row's first cell and its changed cells."""
    from notice_studio.core.diff.notices import diff_notices
    from notice_studio.core.diff.table_rows import shown_columns
    from notice_studio.core.notice.model import Notice, Table
    from notice_studio.ui.compare.diff_panes import NEW, OLD
    from notice_studio.ui.compare.diff_rows import table_grid

    columns = ["Category", "Examples", "Collected", "Sources", "Purposes", "Shared with", "Sold"]
    old = Notice(title="N")
    old.tables["categories"] = Table(list(columns), [["Identifiers", "a name", "Yes", "You", "Support", "-", "No"]])
    new = copy.deepcopy(old)
    new.tables["categories"].rows[0][4] = "Support; Security"
    (table,) = diff_notices(old, new).tables
    assert shown_columns(table) == ["Category", "Purposes"]
    old_row = table_grid(table, OLD, ["Category", "Purposes"])[1]
    assert [[op.text for op in cell if op.op != "insert"] for cell in old_row] == [
        ["Changed: Purposes"],
        ["Identifiers"],
        ["Support"],
    ]
    new_purposes = table_grid(table, NEW, ["Category", "Purposes"])[1][2]
    assert [(op.op, op.text) for op in new_purposes if op.op != "delete"] == [
        ("equal", "Support"),
        ("insert", "; Security"),
    ]


def test_a_wide_table_with_an_added_row_lists_each_row_cell_by_cell() -> None:
    """More columns than half the window holds: each changed row is a title line saying what
    happened, then one line per cell it needs (the heading and the value), not a grid of
    columns too narrow for their words."""
    from notice_studio.core.diff.notices import diff_notices
    from notice_studio.core.diff.table_rows import GRID_COLUMNS
    from notice_studio.core.notice.model import Notice, Table
    from notice_studio.ui.compare.diff_panes import NEW, OLD
    from notice_studio.ui.compare.diff_rows import table_list

    columns = ["Category", "Examples", "Collected", "Sources", "Purposes", "Shared with", "Sold"]
    old = Notice(title="N")
    old.tables["categories"] = Table(list(columns), [["Identifiers", "a name", "Yes", "You", "Support", "-", "No"]])
    new = copy.deepcopy(old)
    new.tables["categories"].rows[0][4] = "Support; Security"
    new.tables["categories"].rows.append(["Biometrics", "fingerprints", "Yes", "You", "Security", "-", "No"])
    (table,) = diff_notices(old, new).tables
    assert len(columns) > GRID_COLUMNS

    def words(line, side):
        skip = "insert" if side == OLD else "delete"
        return ["".join(op.text for op in cell if op.op != skip) for cell in line]

    lines, titles = table_list(table, NEW)
    assert [words(lines[i], NEW)[0] for i in titles] == [
        "Identifiers \u2014 Changed: Purposes",
        "Biometrics \u2014 Added",
    ]
    assert words(lines[1], NEW) == ["Purposes", "Support; Security"]
    assert [words(line, NEW) for line in lines[titles[1] + 1 :]][:2] == [
        ["Category", "Biometrics"],
        ["Examples", "fingerprints"],
    ]
    assert len(lines) == 2 + 1 + len(columns)
    old_lines, _ = table_list(table, OLD)
    assert len(old_lines) == 3 and words(old_lines[1], OLD) == ["Purposes", "Support"]  # the added row: its title only


ITEMS = [
    "- **Orders:** what you bought from us and when it was sent.",
    "- **Returns:** what you sent back and why you sent it.",
    "- **Reviews:** what you wrote about the things you bought.",
]


def test_a_moved_bullet_is_shown_as_moved_and_its_neighbour_is_left_alone(qtbot, window) -> None:
    session = window.session
    clause = session.notice.clauses[1]
    first = "We keep these records:\n\n" + "\n".join(ITEMS)
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, first))
    publish_v1(window)
    wait_version(qtbot, window)
    moved = "We keep these records:\n\n" + "\n".join([ITEMS[2], ITEMS[0], ITEMS[1]])
    session.undo_stack.push(commands.EditBody(session, clause.id, first, moved))
    diff_window = open_compare(qtbot, window)
    new_pane, old_pane = diff_window.new_pane, diff_window.old_pane
    row = new_pane.row_index(clause.id)
    assert "\u21c4 moved within this section: \u2022 Reviews:" in new_pane.row_text(row)
    assert "\u21c4 moved within this section: \u2022 Reviews:" in old_pane.row_text(old_pane.row_index(clause.id))
    new_runs = runs(new_pane, clause.id)
    dashed = QTextCharFormat.UnderlineStyle.DashUnderline
    assert any("Reviews" in text and f.underlineStyle() == dashed for text, f in new_runs)
    # Only the moved bullet is marked: the next bullet's "•" is not shown as added.
    marked = [text for text, f in new_runs if f.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline]
    assert not any("Orders" in text or "\u2022" in text.replace("\u2022 Reviews", "") for text in marked)
    diff_window.close()


def test_a_width_change_lines_the_rows_up_once_in_slices(qtbot, window, monkeypatch) -> None:
    """Resizing a long comparison re-wraps every row: a burst of resize events is lined up once,
    after the size holds still, and a slice at a time (the event loop runs between slices)."""
    from PySide6.QtCore import QTimer

    from notice_studio.ui.compare import pane_sync

    monkeypatch.setattr(pane_sync, "SLICE_MS", 0.0)  # one step per slice, however fast the machine
    monkeypatch.setattr(pane_sync, "SETTLE_MS", 1500)  # the burst below is over by then, however slow
    publish_v1(window)
    wait_version(qtbot, window)
    change_draft(window)
    diff_window = open_compare(qtbot, window)
    left, right, sync = diff_window.old_pane, diff_window.new_pane, diff_window.sync
    diff_window.showNormal()
    qtbot.waitUntil(lambda: sync.aligning is None or sync.aligning.finished, timeout=5000)
    started: list[int] = []
    beats = [0]
    heart = QTimer()
    heart.setInterval(0)
    heart.timeout.connect(lambda: beats.__setitem__(0, beats[0] + 1))
    heart.start()
    sync.aligning_started.connect(lambda: started.append(beats[0]))
    with qtbot.waitSignal(sync.aligned, timeout=10000):
        for width in (700, 740, 780, 820, 860):
            diff_window.resize(width, 600)
            QApplication.processEvents()
    heart.stop()
    assert len(started) == 1  # five width changes, one lining up
    assert beats[0] - started[0] > len(left.frames)  # the window answered between the slices
    assert all(
        abs(left.row_top(i) - right.row_top(i)) < 0.5 and abs(left.row_height(i) - right.row_height(i)) < 0.5
        for i in range(len(left.frames))
    )
    diff_window.close()

"""The History dock: real notice repositories, real autosave commits, real restore."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_support import UI_AUTHOR, make_notice_folder

from notice_studio.core.notice.store import Edit, Version
from notice_studio.ui import commands
from notice_studio.ui.compare.diff_window import DiffWindow
from notice_studio.ui.history import history_dock
from notice_studio.ui.history.history_dock import HistoryDock
from notice_studio.ui.history.history_entries import DRAFT, EDIT, VERSION, local_time, timeline


def dock_of(window) -> HistoryDock:
    dock = window.docks["history_dock"]
    dock.show()  # docks start collapsed on small screens; the user opens them
    assert isinstance(dock, HistoryDock)
    return dock


def edit_clause(qtbot, window, index: int, old: str, new: str) -> str:
    """Replace words in a clause through the undo stack and wait for the autosave commit."""
    session = window.session
    clause = session.notice.clauses[index]
    body = clause.body.replace(old, new, 1) if old in clause.body else clause.body + " " + new
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, body))
    qtbot.waitUntil(lambda: session.repo.edits(limit=1)[0].message == f"Edited '{clause.title}'", timeout=10000)
    return clause.id


def publish_v1(window) -> Version:
    session = window.session
    session.flush()
    version = session.repo.publish(
        dt.date(2026, 1, 15), "We explain how long we keep data.", True, "Jane Counsel", UI_AUTHOR
    )
    session.refresh_history()
    return version


def wait_for(qtbot, dock: HistoryDock, predicate) -> None:
    def holds() -> bool:
        try:
            return bool(predicate(dock.entries))
        except IndexError:  # the list is still loading: fewer entries than the predicate reads
            return False

    qtbot.waitUntil(holds, timeout=10000)


def test_autosaved_edit_appears_newest_first_under_the_draft(qtbot, window) -> None:
    dock = dock_of(window)
    wait_for(qtbot, dock, lambda entries: len(entries) >= 2)
    assert dock.entries[0].kind == DRAFT
    assert dock.entries[0].title == "Draft (unpublished changes)"
    assert dock.entries[-1].title.startswith("Created the notice")

    editor = window.editor.body
    window.select_clause(window.session.notice.clauses[0].id)
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " We also review it yearly.")
    title = window.session.notice.clauses[0].title
    wait_for(qtbot, dock, lambda entries: entries[1].title == f"Edited '{title}'")
    newest = dock.entries[1]
    assert newest.kind == EDIT and newest.ref == window.session.repo.head()
    assert newest.detail.startswith(f"{UI_AUTHOR.name} · Today, ")
    # Every row is reachable for screen readers through its text.
    item = dock.list.item(1)
    assert item.data(Qt.ItemDataRole.AccessibleTextRole).startswith(f"Edited '{title}'")
    assert dock.list.accessibleName() and dock.compare_button.accessibleName() and dock.restore_button.accessibleName()


def test_published_version_sits_on_the_edit_it_tags(qtbot, window) -> None:
    dock = dock_of(window)
    edit_clause(qtbot, window, 1, "information", "personal data")
    tagged = window.session.repo.head()
    version = publish_v1(window)
    wait_for(qtbot, dock, lambda entries: any(e.kind == VERSION for e in entries))
    kinds = [e.kind for e in dock.entries]
    at = kinds.index(VERSION)
    entry = dock.entries[at]
    assert entry.ref == "v1" and version.commit == tagged
    assert entry.title == "Version 1 \u2014 effective 15 January 2026"
    assert entry.material and entry.extra == "We explain how long we keep data."
    assert "Approved by Jane Counsel" in entry.detail
    assert dock.entries[at + 1].ref == tagged and dock.entries[at + 1].tags == ("v1",)
    assert "same as v1" in dock.entries[0].detail
    # A later edit goes above the version; the draft says how many edits since v1.
    edit_clause(qtbot, window, 2, "we", "we always")
    wait_for(qtbot, dock, lambda entries: entries[1].kind == EDIT and entries[2].kind == VERSION)
    wait_for(qtbot, dock, lambda entries: "1 edit since v1" in entries[0].detail)
    image = dock.grab()
    assert not image.isNull()


def test_compare_buttons_and_enter_open_the_comparison(qtbot, window) -> None:
    dock = dock_of(window)
    edit_clause(qtbot, window, 1, "information", "personal data")
    publish_v1(window)
    edit_clause(qtbot, window, 2, "we", "we always")
    wait_for(qtbot, dock, lambda entries: entries[1].kind == EDIT and entries[2].kind == VERSION)
    qtbot.waitUntil(lambda: window.session.latest_version is not None, timeout=10000)  # read in the background
    newest_edit = dock.entries[1].ref

    dock.select_refs("draft")
    assert not dock.compare_button.isEnabled() and not dock.restore_button.isEnabled()
    dock.select_refs("v1")
    assert dock.compare_refs() == ("v1", "draft")
    assert dock.compare_button.isEnabled() and dock.restore_button.isEnabled()
    dock.select_refs("v1", newest_edit)
    assert dock.compare_refs() == ("v1", newest_edit)  # earlier first, whatever the click order
    assert not dock.restore_button.isEnabled()

    dock.select_refs("v1")
    # Session.refresh_history runs in the background and a late, older answer can still land;
    # wait until the session lists v1 before opening (the race is the session's, noted for the lead).
    qtbot.waitUntil(lambda: any(v.name == "v1" for v in window.session.versions), timeout=10000)
    dock.list.setFocus()
    qtbot.keyClick(dock.list, Qt.Key.Key_Return)
    windows = window.findChildren(DiffWindow)
    assert len(windows) == 1
    diff_window = windows[0]
    assert (diff_window.a_ref, diff_window.b_ref) == ("v1", "draft")
    qtbot.waitUntil(lambda: diff_window.diff is not None, timeout=10000)
    assert "v1 (effective 15 January 2026)" in diff_window.header.text()

    dock.select_refs("v1", newest_edit)
    qtbot.mouseClick(dock.compare_button, Qt.MouseButton.LeftButton)
    second = next(w for w in window.findChildren(DiffWindow) if w is not diff_window)
    assert (second.a_ref, second.b_ref) == ("v1", newest_edit)
    qtbot.waitUntil(lambda: second.diff is not None, timeout=10000)
    assert second.new_long.startswith("Edit of Today, ") and second.new_name.startswith("the edit of Today, ")
    for w in (diff_window, second):
        w.close()


def test_delete_key_changes_nothing(qtbot, window) -> None:
    dock = dock_of(window)
    wait_for(qtbot, dock, lambda entries: len(entries) >= 2)
    before = [e.ref for e in dock.entries]
    dock.select_refs(before[1])
    qtbot.keyClick(dock.list, Qt.Key.Key_Delete)
    assert [e.ref for e in dock.entries] == before
    assert len(window.session.repo.edits()) == 1


def test_restore_makes_v1_the_draft_again(qtbot, window, monkeypatch) -> None:
    dock = dock_of(window)
    session = window.session
    clause = session.notice.clauses[1]
    original = clause.body
    publish_v1(window)
    window.select_clause(clause.id)
    edit_clause(qtbot, window, 1, "information", "personal data")
    assert window.editor.body.toPlainText() != original
    wait_for(qtbot, dock, lambda entries: any(e.ref == "v1" for e in entries))

    asked: list[str] = []

    def yes(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    dock.select_refs("v1")
    with qtbot.waitSignal(dock.restored, timeout=10000):
        qtbot.mouseClick(dock.restore_button, Qt.MouseButton.LeftButton)
    assert asked == [
        "Make version v1 the new draft? Your current draft stays in the history and can be restored later."
    ]
    edits = session.repo.edits(limit=3)
    assert edits[0].message == "Restored v1 as the draft"
    assert edits[1].message == f"Edited '{clause.title}'"  # the replaced draft is still in the history
    assert session.notice.find(clause.id).body == original
    window.select_clause(clause.id)
    assert window.editor.body.toPlainText() == original
    wait_for(qtbot, dock, lambda entries: entries[1].title == "Restored v1 as the draft")


def test_restore_is_not_done_when_the_user_says_no(qtbot, window, monkeypatch) -> None:
    dock = dock_of(window)
    publish_v1(window)
    edit_clause(qtbot, window, 1, "information", "personal data")
    wait_for(qtbot, dock, lambda entries: any(e.ref == "v1" for e in entries))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dock.select_refs("v1")
    dock.restore_selected()
    window.tasks.wait()
    assert window.session.repo.edits(limit=1)[0].message.startswith("Edited")


def test_show_all_loads_the_whole_history(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(history_dock, "PAGE", 2)
    dock = dock_of(window)
    for n, word in enumerate(("alpha", "beta", "gamma")):
        edit_clause(qtbot, window, n, "zzz-not-there", word)
    dock.refresh()
    wait_for(qtbot, dock, lambda entries: sum(e.kind == EDIT for e in entries) == 2)
    assert dock.show_all_button.isVisibleTo(dock)
    qtbot.mouseClick(dock.show_all_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dock, lambda entries: sum(e.kind == EDIT for e in entries) == 4)
    assert not dock.show_all_button.isVisibleTo(dock)


def test_dock_follows_the_open_notice(qtbot, window, tmp_path) -> None:
    dock = dock_of(window)
    edit_clause(qtbot, window, 0, "zzz-not-there", "extra")
    wait_for(qtbot, dock, lambda entries: sum(e.kind == EDIT for e in entries) == 2)
    other = make_notice_folder(tmp_path / "other-notice", org="Other plc")
    assert window.open_notice(other)
    wait_for(qtbot, dock, lambda entries: sum(e.kind == EDIT for e in entries) == 1)
    assert dock.session is window.session


def _edit(commit: str, message: str, when: str, clauses: tuple[str, ...] = ()) -> Edit:
    return Edit(commit, "Ann", "ann@example.com", when, message, clauses, False)


def _version(number: int, commit: str) -> Version:
    return Version(
        number,
        commit,
        dt.date(2026, number, 1),
        number == 1,
        f"Change {number}",
        "Jane",
        "Ann",
        "2026-01-01T10:00:00+00:00",
    )


def test_timeline_interleaves_versions_with_the_edits_they_tag() -> None:
    edits = [
        _edit("c3", "Edited 'Cookies'", "2026-03-01T10:00:00+00:00", ("cookies", "security")),
        _edit("c2", "Edited 'Security'", "2026-02-01T10:00:00+00:00"),
        _edit("c1", "Created the notice 'N'", "2026-01-01T09:00:00+00:00"),
    ]
    # v1 tags an edit older than the ones loaded; v2 tags c2.
    versions = [_version(1, "c0"), _version(2, "c2")]
    entries = timeline(edits, versions, {"cookies": "Cookies", "security": "Security"}, edits_since=1)
    assert [e.ref for e in entries] == ["draft", "c3", "v2", "c2", "c1", "v1"]
    assert entries[0].detail.endswith("1 edit since v2")
    assert entries[1].extra == "Sections: Security"  # 'Cookies' is already named in the message
    assert entries[3].tags == ("v2",)
    assert not entries[2].material and entries[5].material


def test_local_time_reads_like_a_person_would_say_it() -> None:
    now = dt.datetime(2026, 3, 3, 18, 0).astimezone()
    today = now.replace(hour=14, minute=5)
    assert local_time(today.isoformat(), now) == "Today, 14:05"
    assert local_time((today - dt.timedelta(days=1)).isoformat(), now) == "Yesterday, 14:05"
    assert local_time((today - dt.timedelta(days=30)).isoformat(), now) == "1 February 2026, 14:05"
    assert local_time("not a date", now) == "not a date"


def test_two_edits_of_the_same_minute_are_told_apart_in_the_comparison(qtbot, window) -> None:
    """Seconds, the short id and what each edit did name it; the columns say which is earlier."""
    dock = dock_of(window)
    first = edit_clause(qtbot, window, 1, "information", "personal data")
    second = edit_clause(qtbot, window, 2, "we", "we always")
    head = window.session.repo.head()
    wait_for(qtbot, dock, lambda entries: entries[1].ref == head and entries[2].kind == EDIT)
    newer, older = dock.entries[1], dock.entries[2]
    titles = {c.id: c.title for c in window.session.notice.clauses}
    assert newer.title == f"Edited '{titles[second]}'" and older.title == f"Edited '{titles[first]}'"
    dock.select_refs(newer.ref, older.ref)
    assert dock.compare_refs() == (older.ref, newer.ref)
    dock.compare_selected()
    compare = next(w for w in window.findChildren(DiffWindow))
    qtbot.waitUntil(lambda: compare.diff is not None, timeout=10000)
    assert compare.old_name == f"the edit of {older.moment} ({older.ref[:7]})"
    assert compare.old_long == f"Edit of {older.moment} ({older.ref[:7]}): Edited '{titles[first]}'"
    assert compare.new_long == f"Edit of {newer.moment} ({newer.ref[:7]}): Edited '{titles[second]}'"
    assert compare.old_long in compare.windowTitle() and compare.new_long in compare.windowTitle()
    left, right = (label.caption for label in compare.column_labels)
    assert left == f"Earlier: {compare.old_long}" and right == f"Later: {compare.new_long}"
    assert compare.column_labels[0].toolTip() == left
    compare.close()


def test_history_writes_dates_and_same_minute_times_as_the_comparison_does(qtbot, window, tmp_path) -> None:
    """'effective 15 January 2026', not '2026-01-15'; two edits of one minute show their seconds
    in the list, the same words the comparison names them with."""
    if dt.datetime.now().second > 40:  # both edits within one minute
        qtbot.wait((61 - dt.datetime.now().second) * 1000)
    dock = dock_of(window)
    edit_clause(qtbot, window, 1, "information", "personal data")
    edit_clause(qtbot, window, 2, "we", "we always")
    publish_v1(window)
    wait_for(qtbot, dock, lambda entries: entries[1].kind == VERSION and entries[3].kind == EDIT)
    version, newer, older = dock.entries[1], dock.entries[2], dock.entries[3]
    assert version.title == "Version 1 \u2014 effective 15 January 2026"
    assert "2026-01-15" not in version.accessible_text
    assert newer.moment.startswith("Today, ") and newer.moment.count(":") == 2
    assert newer.detail == f"{UI_AUTHOR.name} · {newer.moment}"
    assert older.detail == f"{UI_AUTHOR.name} · {older.moment}"
    dock.select_refs(newer.ref, older.ref)
    dock.compare_selected()
    compare = next(w for w in window.findChildren(DiffWindow))
    qtbot.waitUntil(lambda: compare.diff is not None, timeout=10000)
    assert compare.old_name == f"the edit of {older.detail.split(' · ')[-1]} ({older.ref[:7]})"
    compare.close()
    dock.grab().save(str(tmp_path / "history-dates.png"))


def test_an_edit_of_its_own_minute_is_shown_to_the_minute_and_a_day_in_words() -> None:
    now = dt.datetime(2026, 3, 3, 18, 0).astimezone()
    (_draft, today, old) = timeline(
        [
            _edit("3f2a9c1d0e", "Edited 'Cookies'", now.replace(hour=14, minute=27, second=5).isoformat()),
            _edit("9d8e7f6a5b", "Edited 'Retention'", (now - dt.timedelta(days=30)).isoformat()),
        ],
        [],
        {},
        now=now,
    )
    assert today.detail.endswith(" · Today, 14:27") and today.moment == "Today, 14:27:05"
    assert old.detail.endswith(" · 1 February 2026, 18:00")


def test_an_edit_saved_without_a_name_never_shows_an_empty_author() -> None:
    now = dt.datetime(2026, 3, 3, 18, 0).astimezone()
    nameless = Edit("3f2a9c1d0e", " ", "", now.isoformat(), "Edited 'Cookies'", (), False)
    (_draft, entry) = timeline([nameless], [], {}, now=now)
    assert entry.detail == "Author not recorded · Today, 18:00"


def test_an_edit_is_named_to_the_second_with_its_id_and_message() -> None:
    now = dt.datetime(2026, 3, 3, 18, 0).astimezone()
    when = now.replace(hour=14, minute=27, second=5).isoformat()
    long_message = "Chose the clause variants that fit the practices ('Cookies' is now strictly necessary only)"
    (_draft, entry, other) = timeline(
        [_edit("3f2a9c1d0e", "Edited 'Cookies'", when), _edit("9d8e7f6a5b", long_message, when)], [], {}, now=now
    )
    assert entry.label == "the edit of Today, 14:27:05 (3f2a9c1)"
    assert entry.heading == "Edit of Today, 14:27:05 (3f2a9c1): Edited 'Cookies'"
    assert other.heading.startswith("Edit of Today, 14:27:05 (9d8e7f6): Chose the clause variants")
    assert other.heading.endswith("…") and len(other.heading) < 100
    assert local_time(when, now, seconds=True) == "Today, 14:27:05"


def test_restore_is_one_undo_step_and_earlier_steps_stay(qtbot, window, monkeypatch) -> None:
    dock = dock_of(window)
    session = window.session
    publish_v1(window)
    first = edit_clause(qtbot, window, 1, "information", "personal data")
    second = edit_clause(qtbot, window, 2, "we", "we always")
    edited = {cid: session.notice.find(cid).body for cid in (first, second)}
    v1 = session.repo.notice_at("v1")
    wait_for(qtbot, dock, lambda entries: any(e.ref == "v1" for e in entries))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dock.select_refs("v1")
    with qtbot.waitSignal(dock.restored, timeout=10000):
        dock.restore_selected()
    assert all(session.notice.find(cid).body == v1.find(cid).body for cid in edited)
    assert window.act_undo.isEnabled() and window.act_undo.text() == "&Undo Restored v1 as the draft"

    window.act_undo.trigger()  # the draft as it was before the restore, in one step
    assert {cid: session.notice.find(cid).body for cid in edited} == edited
    qtbot.waitUntil(lambda: session.repo.edits(limit=1)[0].message == "Undid: Restored v1 as the draft", timeout=10000)
    assert session.repo.load().find(second).body == edited[second]
    window.act_undo.trigger()  # the step before the restore is still there
    assert session.notice.find(second).body == v1.find(second).body
    assert session.notice.find(first).body == edited[first]
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert all(session.notice.find(cid).body == v1.find(cid).body for cid in edited)

    def redone_and_saved() -> bool:
        # "Undid: Restored v1 as the draft", the save before, holds the words too: waiting for them
        # alone passed before the redo was saved (1 failure in 9 runs before this wait)
        message = session.repo.edits(limit=1)[0].message
        return "Restored v1 as the draft" in message and not message.startswith("Undid:")

    qtbot.waitUntil(redone_and_saved, timeout=10000)
    assert session.repo.load().find(second).body == v1.find(second).body


def test_a_narrow_history_panel_shows_a_versions_date_on_a_line_of_its_own(qtbot, window) -> None:
    """At 1366x768 the row read "Version 11 — effective 12 …" between its two tags; where the title
    does not fit, the date goes under it, whole, and the row grows a line."""
    from PySide6.QtGui import QFont, QFontMetrics

    dock = dock_of(window)
    publish_v1(window)
    wait_for(qtbot, dock, lambda entries: any(e.ref == "v1" for e in entries))
    row = next(i for i, e in enumerate(dock.entries) if e.ref == "v1")
    item = dock.list.item(row)
    delegate = dock.list.itemDelegate()
    dock.list.setFixedWidth(600)
    qtbot.waitUntil(lambda: dock.list.viewport().width() > 500, timeout=3000)
    wide = dock.list.visualItemRect(item).height()
    dock.list.setFixedWidth(250)  # narrower than the title beside its tags
    qtbot.waitUntil(lambda: dock.list.viewport().width() < 250, timeout=3000)
    qtbot.waitUntil(lambda: dock.list.visualItemRect(item).height() > wide, timeout=3000)
    lines = delegate._title_lines(dock.entries[row], dock.list.font(), dock.list.viewport().width())
    assert lines[0] == "Version 1" and " ".join(lines[1:]) == "effective 15 January 2026"
    bold = QFont(dock.list.font())
    bold.setBold(True)
    assert all(QFontMetrics(bold).horizontalAdvance(line) < dock.list.viewport().width() for line in lines)

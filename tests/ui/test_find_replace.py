"""Find and replace across the notice: finding in every clause, replacing, one-step undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from notice_studio.core.notice.model import Clause, Notice
from notice_studio.ui import commands
from notice_studio.ui.editor.find_replace import BODY, TITLE, FindReplaceDialog, find_matches, make_pattern


def bodies(window) -> dict[str, str]:
    return {c.id: c.body for c in window.session.notice.all_clauses()}


def titles(window) -> dict[str, str]:
    return {c.id: c.title for c in window.session.notice.all_clauses()}


def open_dialog(qtbot, window, find: str, replace: str = "") -> FindReplaceDialog:
    dialog = FindReplaceDialog(window.state, window, window)
    dialog.show()
    dialog.find_edit.setText(find)
    dialog.replace_edit.setText(replace)
    dialog.update_count()
    return dialog


def test_pattern_options() -> None:
    notice = Notice(
        clauses=[
            Clause("a", "Data we hold", "We hold data. Metadata is not DATA."),
            Clause("b", "Other", "No matches here, only dat."),
        ]
    )
    assert [(m.clause_id, m.field) for m in find_matches(notice, make_pattern("data"))] == [
        ("a", TITLE),
        ("a", BODY),
        ("a", BODY),
        ("a", BODY),
    ]
    assert len(find_matches(notice, make_pattern("data", whole_words=True))) == 3  # not "Metadata"
    assert len(find_matches(notice, make_pattern("data", match_case=True))) == 2  # "data", "Metadata"
    assert len(find_matches(notice, make_pattern("DATA", match_case=True, whole_words=True))) == 1
    assert find_matches(notice, make_pattern("")) == []
    assert len(find_matches(notice, make_pattern("(a)"))) == 0  # the text is literal, not a regex


def test_find_next_walks_across_clauses(qtbot, window) -> None:
    window.select_clause(window.session.notice.clauses[0].id)
    dialog = open_dialog(qtbot, window, "personal information")
    found = dialog.matches()
    clauses = {m.clause_id for m in found}
    assert len(clauses) > 3
    assert dialog.count.text() == f"{len(found)} matches in {len(clauses)} clauses"

    seen: list[str] = []
    for _ in range(6):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        match = dialog.current
        assert window.current_clause_id() == match.clause_id
        if match.field == BODY:
            assert window.editor.body.textCursor().selectedText().lower() == "personal information"
        else:
            assert window.editor.title.selectedText().lower() == "personal information"
        seen.append(match.clause_id)
    assert len(set(seen)) > 1  # it moved on to other clauses
    assert dialog.count.text().startswith("Match 6 of ")
    previous = dialog.find_next(backwards=True)
    assert previous == found[4]


def test_find_wraps_around_and_reports_no_match(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window, "personal information")
    found = dialog.matches()
    dialog.current = found[-1]
    assert dialog.find_next() == found[0]
    assert "start of the notice" in dialog.status.text()
    dialog.find_edit.setText("zzzz-not-there")
    dialog.update_count()
    assert dialog.count.text() == "No matches"
    assert not dialog.next_button.isEnabled() and not dialog.replace_all_button.isEnabled()


def test_replace_one_match_then_the_next_is_selected(qtbot, window) -> None:
    session = window.session
    dialog = open_dialog(qtbot, window, "personal information", "personal data")
    total = len(dialog.matches())
    first = dialog.find_next()
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    body = session.notice.find(first.clause_id).body
    assert body[first.start : first.start + len("personal data")] == "personal data"
    assert len(dialog.matches()) == total - 1
    assert dialog.current is not None and dialog.current.key > (first.order, 1, first.start)
    session.undo_stack.undo()
    assert len(dialog.matches()) == total


def test_replace_all_is_one_undo_step(qtbot, window) -> None:
    session = window.session
    original_bodies, original_titles = bodies(window), titles(window)
    dialog = open_dialog(qtbot, window, "information", "details")
    found = dialog.matches()
    changed = {m.clause_id for m in found}
    assert any(m.field == TITLE for m in found) and any(m.field == BODY for m in found)
    steps = session.undo_stack.count()

    qtbot.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.undoText() == "Replace ‘information’ with ‘details’"
    assert not any("information" in b.lower() for b in bodies(window).values())
    assert not any("information" in t.lower() for t in titles(window).values())
    assert f"Replaced {len(found)} matches in {len(changed)} clauses" in dialog.status.text()
    assert dialog.count.text() == "No matches"
    # The editor shows the replaced text of the clause it has open.
    shown = window.editor.clause_id
    assert window.editor.body.toPlainText() == session.notice.find(shown).body
    qtbot.waitUntil(
        lambda: any(e.message.startswith("Edited ") and len(e.clauses) >= 2 for e in session.repo.edits(limit=5)),
        timeout=10000,
    )
    some = next(iter(changed))
    # Autosave commits at least once a second, so a large replacement may arrive in two saves.
    qtbot.waitUntil(
        lambda: (
            "information"
            not in (session.path / "clauses" / f"{some}.md").read_text(encoding="utf-8").split("---")[-1].lower()
        ),
        timeout=10000,
    )

    session.undo_stack.undo()
    assert bodies(window) == original_bodies
    assert titles(window) == original_titles
    assert session.undo_stack.count() == steps + 1 and session.undo_stack.canRedo()
    session.undo_stack.redo()
    assert not any("information" in b.lower() for b in bodies(window).values())


def test_dialog_controls_are_named_and_it_closes_with_the_notice(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window, "notice")
    for widget in (
        dialog.find_edit,
        dialog.replace_edit,
        dialog.case_box,
        dialog.words_box,
        dialog.next_button,
        dialog.previous_button,
        dialog.replace_button,
        dialog.replace_all_button,
    ):
        assert widget.accessibleName()
    assert not dialog.isModal()
    with qtbot.waitSignal(dialog.destroyed, timeout=3000):
        window._close_session()


def test_opening_again_replaces_the_open_dialog(qtbot, window) -> None:
    first = open_dialog(qtbot, window, "cookies", "tracking tools")
    first.words_box.setChecked(True)
    with qtbot.waitSignal(first.destroyed, timeout=3000):
        second = FindReplaceDialog(window.state, window, window)
        second.show()
    assert second.find_edit.text() == "cookies" and second.replace_edit.text() == "tracking tools"
    assert second.words_box.isChecked()
    assert [d for d in window.findChildren(FindReplaceDialog) if d.isVisible()] == [second]


def test_a_replacement_that_would_make_a_title_a_paragraph_leaves_the_title(qtbot, window) -> None:
    original_titles = titles(window)
    long = "details " * 30  # 239 characters once trimmed
    dialog = open_dialog(qtbot, window, "information", long)
    assert any(m.field == TITLE for m in dialog.matches())
    qtbot.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    assert titles(window) == original_titles  # bodies may take it; titles may not
    assert "left: a title cannot be empty or longer than 200 characters" in dialog.status.text()


def test_find_folds_case_as_each_language_does() -> None:
    notice = Notice(clauses=[Clause("a", "Straße", "Die Hauptstraße; İzmir und Izmir.")])
    found = find_matches(notice, make_pattern("STRASSE"))
    assert [(m.field, m.start, m.end) for m in found] == [(TITLE, 0, 6), (BODY, 9, 15)]
    body = notice.clauses[0].body
    assert [body[m.start : m.end] for m in find_matches(notice, make_pattern("izmir"))] == ["İzmir", "Izmir"]
    assert [body[m.start : m.end] for m in find_matches(notice, make_pattern("İZMİR", whole_words=True))] == [
        "İzmir",
        "Izmir",
    ]
    assert len(find_matches(notice, make_pattern("straße", match_case=True))) == 1  # only as written


def test_replace_finds_a_sharp_s_typed_as_ss(qtbot, window) -> None:
    session = window.session
    clause = session.notice.clauses[0]
    old = clause.body
    session.undo_stack.push(commands.EditBody(session, clause.id, old, old + "\n\nUnser Büro: Hauptstraße 5.", 0))
    dialog = open_dialog(qtbot, window, "HAUPTSTRASSE", "Marktplatz")
    assert [m.clause_id for m in dialog.matches()] == [clause.id]
    dialog.find_next()
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert session.notice.find(clause.id).body == old + "\n\nUnser Büro: Marktplatz 5."
    assert dialog.matches() == []

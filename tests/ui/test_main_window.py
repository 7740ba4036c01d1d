"""End-to-end flows in the main window: real widgets, real notice repositories."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from ui_support import make_notice_folder

from notice_studio.core.notice.model import Clause
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.ui import commands
from notice_studio.ui.outline.outline_model import CLAUSE_MIME, OutlineModel
from notice_studio.ui.session import RECOVERY_FILE


def committed_messages(window) -> list[str]:
    return [e.message for e in window.session.repo.edits(limit=20)]


def wait_saved(qtbot, window, message: str) -> None:
    qtbot.waitUntil(lambda: any(message in m for m in committed_messages(window)), timeout=10000)


def test_outline_model_passes_qtmodeltester(qtmodeltester, window) -> None:
    qtmodeltester.check(window.session.outline)
    session = window.session
    first = session.notice.clauses[0].id
    session.undo_stack.push(commands.MoveClause(session, first, None, 2))
    session.undo_stack.undo()
    qtmodeltester.check(window.session.outline)


def test_window_shows_the_notice_with_numbers(window) -> None:
    model: OutlineModel = window.session.outline
    assert model.rowCount() == len(window.session.notice.clauses)
    assert model.data(model.index(0, 0)).startswith("1  ")
    assert window.editor.title.text() == window.session.notice.clauses[0].title
    assert "Draft" in window.status_version.text()


def test_typing_autosaves_one_commit_and_undo_redo(qtbot, window) -> None:
    session = window.session
    clause = session.notice.clauses[0]
    window.select_clause(clause.id)
    editor = window.editor.body
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Extra words typed here.")
    assert session.notice.find(clause.id).body.endswith("Extra words typed here.")
    wait_saved(qtbot, window, f"Edited '{clause.title}'")
    disk = (session.path / "clauses" / f"{clause.id}.md").read_text()
    assert disk.rstrip().endswith("Extra words typed here.")
    # Typing merged into one undo step; undo restores the text in model and editor.
    session.undo_stack.undo()
    assert not session.notice.find(clause.id).body.endswith("Extra words typed here.")
    assert not editor.toPlainText().endswith("Extra words typed here.")
    session.undo_stack.redo()
    assert editor.toPlainText().endswith("Extra words typed here.")


def test_rename_keeps_id_and_commits(qtbot, window) -> None:
    session = window.session
    clause = session.notice.clauses[1]
    window.select_clause(clause.id)
    window.editor.title.setText("Who we are")
    window.editor.title.editingFinished.emit()
    assert session.notice.find(clause.id).title == "Who we are"
    assert window.session.outline.data(window.session.outline.index(1, 0)) == "2  Who we are"
    wait_saved(qtbot, window, "Renamed")


def test_move_actions_renumber_and_touch_only_the_outline(qtbot, window) -> None:
    session = window.session
    first, second = session.notice.clauses[0].id, session.notice.clauses[1].id
    window.select_clause(first)
    window.act_down.trigger()
    assert [c.id for c in session.notice.clauses[:2]] == [second, first]
    assert session.outline.data(session.outline.index(1, 0)).startswith("2  ")
    wait_saved(qtbot, window, "Moved")
    changed = subprocess.run(
        ["git", "-C", str(session.path), "show", "--name-only", "--format=", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert changed == ["notice.yaml"]
    window.act_indent.trigger()
    assert session.notice.position(first).parent_id == second
    window.act_outdent.trigger()
    assert session.notice.position(first).parent_id is None


def test_drag_and_drop_reorders_through_the_undo_stack(qtbot, window) -> None:
    session = window.session
    model = session.outline
    ids = [c.id for c in session.notice.clauses]
    mime = model.mimeData([model.index(0, 0)])
    assert bytes(mime.data(CLAUSE_MIME)).decode() == ids[0]
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert [c.id for c in session.notice.clauses[:3]] == [ids[1], ids[2], ids[0]]
    assert session.undo_stack.undoText().startswith(f"Moved '{session.notice.find(ids[0]).title}' after")
    wait_saved(qtbot, window, "Moved")
    with NoticeRepo.open(session.path) as repo:
        assert [c.id for c in repo.load().clauses[:3]] == [ids[1], ids[2], ids[0]]
    # Nesting by dropping onto a clause; a clause cannot be dropped into itself.
    target = model.index(0, 0)
    inner = QMimeData()
    inner.setData(CLAUSE_MIME, ids[0].encode())
    assert not model.canDropMimeData(inner, Qt.DropAction.MoveAction, -1, 0, model.index(2, 0))
    model.dropMimeData(inner, Qt.DropAction.MoveAction, -1, 0, target)
    assert session.notice.position(ids[0]).parent_id == ids[1]


def test_new_clause_delete_and_undo(qtbot, window, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    session = window.session
    window.select_clause(session.notice.clauses[0].id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Our Promise", True))
    window.act_new_clause.trigger()
    assert session.notice.clauses[1].id == "our-promise"
    assert window.editor.title.text() == "Our Promise"
    window.act_delete.trigger()
    assert not session.notice.has("our-promise")
    session.undo_stack.undo()
    assert session.notice.has("our-promise")
    wait_saved(qtbot, window, "Added 'Our Promise'")


def test_undoing_a_clause_delete_replaces_the_undo_hint_in_the_status_bar(qtbot, window) -> None:
    """'Clause deleted. Undo (Ctrl+Z) brings it back.' stayed after Ctrl+Z brought it back."""
    session = window.session
    clause = session.notice.clauses[1]
    window.select_clause(clause.id)
    window.act_delete.trigger()
    assert window.statusBar().currentMessage() == "Clause deleted. Undo (Ctrl+Z) brings it back."
    window.act_undo.trigger()
    assert session.notice.has(clause.id)
    shown = window.statusBar().currentMessage()
    assert "brings it back" not in shown
    assert shown.startswith("Undone: ") and clause.title in shown
    window.act_redo.trigger()  # deleted again: the old hint does not come back, nor stay wrong
    assert not session.notice.has(clause.id) and "brings it back" not in window.statusBar().currentMessage()


def test_the_undo_item_does_not_make_a_mnemonic_of_an_ampersand_in_a_title(qtbot, window) -> None:
    session = window.session
    clause = session.notice.clauses[1]
    session.undo_stack.push(commands.Rename(session, clause.id, "Terms & conditions"))
    assert "&&" in window.act_undo.text() and window.act_undo.text().startswith("&Undo")


def test_a_new_clause_title_too_long_is_refused_and_offered_again_as_typed(qtbot, window, monkeypatch) -> None:
    """Clause > New clause kept to no title rule: a paragraph pasted as the title (or a control
    character) became a clause, where the command line's 'clause add' refuses it. Now the core's
    sentence is shown in the same dialog, holding what was typed to shorten."""
    from PySide6.QtWidgets import QInputDialog

    session = window.session
    count = len(session.notice.clauses)
    long_title = "Our promise to you " * 15  # 284 characters once the last space goes
    asked: list[tuple[str, str]] = []
    answers = iter([(long_title, True), ("Our promise", True)])

    def get_text(_parent, _title, label, _echo=None, text="", *_rest):
        asked.append((label, text))
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    window.act_new_clause.trigger()
    assert asked[1][0].startswith("A clause title of 284 characters is too long for a heading")
    assert asked[1][1] == long_title  # what was typed comes back to be shortened
    assert len(session.notice.clauses) == count + 1
    assert all(len(c.title) <= 200 for c in session.notice.all_clauses())
    assert session.notice.has("our-promise")


def test_deleting_a_section_with_sub_sections_asks_first(qtbot, window) -> None:
    """As `clause remove` asks: how many sub-sections, counted at every level; No is the default."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    session = window.session
    parent = next(c for c in session.notice.clauses if c.children)
    child = parent.children[0]
    session.undo_stack.push(commands.AddClause(session, Clause("deeper-part", "Deeper part", "Words."), child.id, 0))
    subs = len(list(parent.descendants()))
    assert subs == len(parent.children) + 1 + sum(len(list(c.descendants())) for c in parent.children[1:])
    asked: list[tuple[str, str]] = []

    def answer(label: str, tries: int = 250) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(20, lambda: answer(label, tries - 1))
            return
        asked.append((box.text(), box.defaultButton().text().replace("&", "")))
        next(b for b in box.buttons() if b.text().replace("&", "") == label).click()

    window.select_clause(parent.id)
    QTimer.singleShot(0, lambda: answer("No"))
    window.act_delete.trigger()
    assert asked == [(f"Delete '{parent.title}' and its {subs} sub-clauses?", "No")]
    assert session.notice.has(parent.id) and session.notice.has("deeper-part")

    QTimer.singleShot(0, lambda: answer("Yes"))
    window.act_delete.trigger()
    assert len(asked) == 2 and not session.notice.has(parent.id) and not session.notice.has("deeper-part")
    session.undo_stack.undo()
    assert session.notice.has(parent.id) and session.notice.has("deeper-part")


def test_insert_from_library_records_provenance(qtbot, window) -> None:
    session = window.session
    window.select_clause(session.notice.clauses[0].id)
    new_id = window.insert_library_clause("governing-law")
    assert new_id is not None
    clause = session.notice.find(new_id)
    assert clause.provenance and clause.provenance.library_id == "governing-law"
    assert "From library" in window.editor.provenance.text()
    wait_saved(qtbot, window, "from the library")


def test_placeholder_value_reaches_the_preview(qtbot, window) -> None:
    session = window.session
    session.undo_stack.push(commands.SetVariable(session, "organisation.name", "Zephyr Widgets Ltd"))
    qtbot.waitUntil(lambda: "Zephyr Widgets Ltd" in window.preview.toPlainText(), timeout=10000)
    wait_saved(qtbot, window, "Filled in 'organisation.name'")


def test_recovery_file_is_offered_after_a_crash(qtbot, settings, notice_folder, monkeypatch) -> None:
    from notice_studio.core.notice.notice_format import notice_files
    from notice_studio.ui.main_window import MainWindow

    with NoticeRepo.open(notice_folder) as repo:
        notice = repo.load()
    first = notice.clauses[0]
    notice.set_body(first.id, first.body + "\n\nTyped just before the crash.")
    import json

    (notice_folder / RECOVERY_FILE).write_text(json.dumps(notice_files(notice)))
    asked: list[str] = []

    def yes(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_notice(notice_folder)
    assert asked == ["Recover unsaved text?"]
    assert win.session.notice.find(first.id).body.endswith("Typed just before the crash.")
    qtbot.waitUntil(lambda: any("Recovered" in e.message for e in win.session.repo.edits(limit=3)), timeout=10000)
    qtbot.waitUntil(lambda: not (notice_folder / RECOVERY_FILE).exists(), timeout=10000)
    win.close()


def test_a_notice_open_elsewhere_is_refused(qtbot, settings, tmp_path, monkeypatch) -> None:
    from notice_studio.ui.main_window import MainWindow

    folder = make_notice_folder(tmp_path / "locked")
    code = (
        "import sys, time\nfrom notice_studio.core.notice.store import NoticeRepo\n"
        "r = NoticeRepo.open(sys.argv[1], write=True)\nprint('locked', flush=True)\ntime.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        errors: list[str] = []
        win = MainWindow(settings)
        qtbot.addWidget(win)
        monkeypatch.setattr(win, "show_error", errors.append)
        assert not win.open_notice(folder)
        assert errors and "open in another Notice Studio window" in errors[0]
        assert win.session is None
        win.close()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_not_a_notice_gets_one_sentence(qtbot, settings, tmp_path, monkeypatch) -> None:
    from notice_studio.ui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    errors: list[str] = []
    monkeypatch.setattr(win, "show_error", errors.append)
    assert not win.open_notice(tmp_path)
    assert errors == [
        f"{tmp_path} is not a notice (it has no notice.yaml); open a notice folder or create one with File > New notice."
    ]
    (tmp_path / "notice.yaml").write_text("title: Kept by hand\n", encoding="utf-8")
    assert not win.open_notice(tmp_path)
    assert errors[1] == (
        f"{tmp_path} has a notice.yaml but no history; import it with File > Import existing notice or create one "
        "with File > New notice."
    )
    win.close()


def test_close_commits_pending_edits(qtbot, settings, notice_folder: Path) -> None:
    from notice_studio.ui.main_window import MainWindow

    settings.set("autosave/idle_ms", 60000)  # only closing can save it
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_notice(notice_folder)
    session = win.session
    clause = session.notice.clauses[0]
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, clause.body + " Closing words."))
    win.close()
    with NoticeRepo.open(notice_folder) as repo:
        assert repo.load().find(clause.id).body.endswith("Closing words.")
        assert repo.edits(limit=1)[0].message == f"Edited '{clause.title}'"
    assert not (notice_folder / RECOVERY_FILE).exists()


@pytest.mark.parametrize("action", ["act_up", "act_outdent", "act_indent"])
def test_impossible_moves_explain_themselves(window, action) -> None:
    window.select_clause(window.session.notice.clauses[0].id)
    getattr(window, action).trigger()
    assert "first" in window.statusBar().currentMessage() or "top level" in window.statusBar().currentMessage()


def test_outline_marks_clauses_changed_since_the_last_version(qtbot, window) -> None:
    import datetime as dt

    session = window.session
    ids = [c.id for c in session.notice.clauses]
    session.repo.publish(dt.date(2026, 1, 1), "First.", True, "GC", session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None, timeout=10000)
    assert session.changed_clause_ids == set()
    session.undo_stack.push(commands.MoveClause(session, ids[0], None, 2))  # a move touches only notice.yaml
    wait_saved(qtbot, window, "Moved")
    qtbot.waitUntil(lambda: ids[0] in session.changed_clause_ids, timeout=10000)
    model = session.outline
    assert "Changed since the last published version." in model.data(
        model.index_of(ids[0]), Qt.ItemDataRole.ToolTipRole
    )
    assert model.data(model.index_of(ids[0]), Qt.ItemDataRole.DecorationRole) is not None
    assert "1 change since v1" in window.status_version.text()


def test_status_bar_compares_content_not_saved_edits(qtbot, window) -> None:
    """An edit undone leaves two saved edits but no change: the status bar says so, as `diff`
    and the publish dialog do (one rule: NoticeDiff.change_count)."""
    import datetime as dt

    session = window.session
    clause = session.notice.clauses[1]
    session.repo.publish(dt.date(2019, 3, 1), "First.", True, "GC", session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: window.status_version.text().startswith("Draft — same as v1"), timeout=10000)
    assert window.status_version.text() == "Draft — same as v1 (effective 1 March 2019)"
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, clause.body + " Temporary words.", 0))
    wait_saved(qtbot, window, f"Edited '{clause.title}'")
    qtbot.waitUntil(lambda: "1 change since v1" in window.status_version.text(), timeout=10000)
    assert window.status_version.toolTip() == "Sections: 1 changed."
    session.undo_stack.undo()
    qtbot.waitUntil(lambda: session.repo.edits_since("v1") == 2, timeout=10000)  # typed, then undone
    qtbot.waitUntil(lambda: "same as v1" in window.status_version.text(), timeout=10000)
    assert not session.workspace.compare("v1", "draft").has_changes
    assert window.status_version.toolTip() == ""


def test_an_emptied_title_puts_the_saved_one_back_and_says_why(qtbot, window) -> None:
    session = window.session
    clause = session.notice.clauses[1]
    window.select_clause(clause.id)
    title = window.editor.title
    title.setFocus()
    title.setText("Who we are")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert session.notice.find(clause.id).title == "Who we are"
    title.setText("   ")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert title.text() == "Who we are" == session.notice.find(clause.id).title
    assert window.statusBar().currentMessage() == "A clause needs a title, so its saved title is back."
    title.setText("Plots " + "and the sheds beside them " * 9)  # a paragraph typed as a title
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert title.text() == "Who we are" == session.notice.find(clause.id).title
    assert window.statusBar().currentMessage().startswith("A clause title of 239 characters is too long")


def test_a_title_typed_without_enter_is_kept_on_close(qtbot, settings, notice_folder: Path) -> None:
    from notice_studio.ui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_notice(notice_folder)
    clause_id = win.session.notice.clauses[0].id
    win.editor.title.setText("Welcome to our notice")  # typed, no Enter, focus never left
    win.close()
    with NoticeRepo.open(notice_folder) as repo:
        assert repo.load().find(clause_id).title == "Welcome to our notice"


def test_undo_goes_to_the_clause_it_changes_and_saves_clear_the_modified_mark(qtbot, window) -> None:
    session = window.session
    first, second = session.notice.clauses[0], session.notice.clauses[1]
    session.undo_stack.push(commands.EditBody(session, first.id, first.body, first.body + " More."))
    assert window.isWindowModified()
    window.select_clause(second.id)
    session.undo_stack.undo()
    assert window.current_clause_id() == first.id
    assert window.editor.body.toPlainText() == session.notice.find(first.id).body
    session.undo_stack.redo()
    wait_saved(qtbot, window, f"Edited '{first.title}'")
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=10000)


def test_your_name_dialog_changes_who_is_recorded(qtbot, window) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = window.edit_author()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.name.setText("")
    assert not save.isEnabled() and "Enter your name" in dialog.problem.text()
    dialog.name.setText("Rosa Counsel")
    dialog.email.setText("rosa@")
    assert not save.isEnabled()
    dialog.email.setText("rosa@example.com")
    save.click()
    assert window.settings.author_name == "Rosa Counsel"
    session = window.session
    clause = session.notice.clauses[0]
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, clause.body + " Signed."))
    wait_saved(qtbot, window, f"Edited '{clause.title}'")
    assert session.repo.edits(limit=1)[0].author == "Rosa Counsel"


def test_a_damaged_notice_file_gets_one_sentence_naming_file_and_line(
    qtbot, settings, notice_folder: Path, monkeypatch
) -> None:
    """Damage saved by hand with git (a damaged file changed outside the app gets the outside-changes
    question instead: test_open_damaged.py)."""
    from notice_studio.ui.main_window import MainWindow

    (notice_folder / "notice.yaml").write_text("title: Broken\noutline:\n  - a\n  b: [\n", encoding="utf-8")
    subprocess.run(
        [
            "git",
            "-C",
            str(notice_folder),
            "-c",
            "user.name=Hand",
            "-c",
            "user.email=h@example.org",
            "commit",
            "-qam",
            "x",
        ],
        check=True,
    )
    win = MainWindow(settings)
    qtbot.addWidget(win)
    errors: list[str] = []
    monkeypatch.setattr(win, "show_error", errors.append)
    assert not win.open_notice(notice_folder)
    assert len(errors) == 1 and "notice.yaml, line" in errors[0] and "Traceback" not in errors[0]
    assert "notice-studio restore" in errors[0]  # the way out that works: the history has the versions
    assert win.session is None
    # Nothing was committed over the damaged file, and the notice is not left locked.
    assert not (notice_folder / ".git" / "notice-studio.lock").exists()
    with NoticeRepo.open(notice_folder) as repo:
        assert repo.edits(limit=1)[0].message == "x"
    win.close()


def test_opening_the_notice_that_is_already_open_is_harmless(window, notice_folder: Path) -> None:
    session = window.session
    assert window.open_notice(notice_folder)
    assert window.session is session
    assert "already open" in window.statusBar().currentMessage()


@pytest.mark.parametrize("choice", ["keep", "discard", None])
def test_files_changed_outside_the_app_are_shown_before_they_are_saved(
    qtbot, settings, notice_folder, monkeypatch, choice
) -> None:
    """A hand edit in the folder: the window asks keep / discard first; cancelling does not open."""
    from notice_studio.ui.interaction import DialogInteraction
    from notice_studio.ui.main_window import MainWindow

    clause_file = next((notice_folder / "clauses").glob("*.md"))
    original = clause_file.read_text(encoding="utf-8")
    clause_file.write_text(original + "\nA sentence typed in another editor.\n", encoding="utf-8")
    asked: list[str] = []

    def choose(self, question, options, unattended=""):
        asked.append(question)
        return choice

    monkeypatch.setattr(DialogInteraction, "choose", choose)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    opened = window.open_notice(notice_folder)
    assert asked and clause_file.relative_to(notice_folder).as_posix() in asked[0]
    assert opened is (choice is not None)
    text = clause_file.read_text(encoding="utf-8")
    if choice == "keep":
        assert "another editor" in text
        assert window.session.repo.edits()[0].message.startswith("Kept")
    elif choice == "discard":
        assert text == original
    else:
        assert window.session is None and "another editor" in text  # nothing decided, nothing lost
    window.close()


def test_typing_without_a_pause_still_reaches_the_disk_about_every_second(qtbot, window) -> None:
    """The recovery file (or a commit) follows typing that never pauses, so a crash loses at most
    about the last second: before, the recovery file waited for a 300 ms pause that never came."""
    import json
    import time

    session = window.session
    clause = session.notice.clauses[0]
    window.select_clause(clause.id)
    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    base = body.toPlainText()
    path = session.path / RECOVERY_FILE
    clause_file = f"clauses/{clause.id}.md"

    def on_disk() -> int:
        """How many typed characters are safe on disk: in the recovery file or committed."""
        best = 0
        try:
            text = json.loads(path.read_text(encoding="utf-8")).get(clause_file, "")
            best = max(best, text.count("q"))
        except (OSError, ValueError):
            pass
        committed = session.repo.load().find(clause.id)
        return max(best, committed.body.count("q") if committed else 0)

    assert "q" not in base
    typed: list[tuple[float, int]] = []
    started = time.monotonic()
    while time.monotonic() - started < 3.0:  # a keystroke every ~60 ms: never a 300 ms pause
        qtbot.keyClick(body, "q")
        typed.append((time.monotonic(), len(typed) + 1))
        qtbot.wait(60)
    now = time.monotonic()
    safe = on_disk()
    due = max(count for when, count in typed if when <= now - 1.5)
    assert safe >= due, (safe, due, len(typed))


def test_inserting_a_library_clause_the_notice_already_has_asks_first(qtbot, window, monkeypatch) -> None:
    session = window.session
    window.select_clause(session.notice.clauses[0].id)
    first = window.insert_library_clause("governing-law")
    assert first is not None
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(*args, **kwargs):
        asked.append(args[2])
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    count = len(session.notice.all_clauses())
    assert window.insert_library_clause("governing-law") is None
    assert len(asked) == 1 and f"(id {first})" in asked[0] and asked[0].endswith("insert a second copy?")
    assert len(session.notice.all_clauses()) == count
    answer[0] = QMessageBox.StandardButton.Yes
    second = window.insert_library_clause("governing-law")
    assert second is not None and second != first and len(asked) == 2

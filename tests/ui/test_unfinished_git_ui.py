"""An autosave refused while a git operation run by hand is unfinished in the notice's folder:
the window says so in one sentence that also says the typing is kept, and the text is saved once
the operation is undone (real window, real notice repository, real git)."""

from __future__ import annotations

import subprocess

from notice_support import git
from unfinished_support import left_unfinished


def one_sentence(text: str) -> bool:
    return text.endswith(".") and text.count(". ") == 0 and "\n" not in text and "Traceback" not in text


def test_a_refused_autosave_is_one_sentence_that_says_the_text_is_kept(qtbot, window, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    session = window.session
    folder = session.path
    head = left_unfinished(folder, "merge")
    clause = session.notice.clauses[0]
    window.select_clause(clause.id)
    editor = window.editor.body
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)

    qtbot.keyClicks(editor, " Words typed during the merge.")

    qtbot.waitUntil(lambda: len(errors) == 1, timeout=10000)
    shown = errors[0]
    assert one_sentence(shown), shown
    assert shown.startswith("Your text is kept in this window, but the edit could not be saved because a git merge")
    assert f"'git -C {folder} merge --abort'" in shown
    assert editor.toPlainText().endswith("Words typed during the merge.")
    assert git(folder, "rev-parse", "HEAD").strip() == head

    subprocess.run(["git", "-C", str(folder), "merge", "--abort"], check=True, capture_output=True)
    qtbot.keyClicks(editor, " More.")
    qtbot.waitUntil(
        lambda: (
            (folder / "clauses" / f"{clause.id}.md")
            .read_text(encoding="utf-8")
            .rstrip()
            .endswith("Words typed during the merge. More.")
            and git(folder, "status", "--porcelain", "--", "clauses").strip() == ""
        ),
        timeout=10000,
    )


def test_discard_at_open_undoes_the_operation_and_says_so(qtbot, settings, notice_folder, monkeypatch) -> None:
    """A clause changed by hand during a `git am` left unfinished: Discard in the dialog at open
    undoes it with 'git am --abort' (git refuses 'git rebase --abort' for it) and says so."""
    from notice_studio.ui.interaction import DialogInteraction
    from notice_studio.ui.main_window import MainWindow

    left_unfinished(notice_folder, "am")
    draft = git(notice_folder, "rev-parse", "refs/heads/main").strip()
    clause_file = next((notice_folder / "clauses").glob("*.md"))
    saved = clause_file.read_text(encoding="utf-8")
    clause_file.write_text(saved + "\nA sentence typed while the patch was half applied.\n", encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(DialogInteraction, "choose", lambda self, question, options, unattended="": "discard")
    monkeypatch.setattr(DialogInteraction, "inform", lambda self, message: told.append(message))

    window = MainWindow(settings)
    qtbot.addWidget(window)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    assert window.open_notice(notice_folder), errors

    assert len(told) == 1 and one_sentence(told[0]) and told[0].endswith("undone with 'git am --abort'.")
    assert not (notice_folder / ".git" / "rebase-apply").exists()
    assert git(notice_folder, "rev-parse", "HEAD").strip() == draft
    assert clause_file.read_text(encoding="utf-8") == saved
    window.close()

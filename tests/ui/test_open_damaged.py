"""Opening a notice whose files were damaged outside the app: the window asks, in the same core
call as the command line (settle_outside_changes), to put back the last saved version."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ui_support import answer_question

from notice_studio.core.notice.store import NoticeRepo

if TYPE_CHECKING:
    from notice_studio.ui.main_window import MainWindow


def new_window(qtbot, settings) -> tuple[MainWindow, list[str]]:
    """A main window with nothing open, whose error boxes are collected instead of shown."""
    from notice_studio.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    errors: list[str] = []
    window.show_error = errors.append  # type: ignore[method-assign]
    return window, errors


def test_a_notice_damaged_outside_the_app_opens_after_putting_back_the_last_save(
    qtbot, settings, notice_folder: Path
) -> None:
    notice_file = notice_folder / "notice.yaml"
    saved = notice_file.read_text(encoding="utf-8")
    notice_file.write_text("title: [unclosed\n  - x: :\n", encoding="utf-8")
    window, errors = new_window(qtbot, settings)

    # Cancel: not opened, the hand edit left to fix, nothing saved, the notice not left locked.
    seen: list[tuple[str, list[str]]] = []
    answer_question("Cancel", seen)
    assert not window.open_notice(notice_folder)
    question, buttons = seen[0]
    assert "notice.yaml, line 1: the YAML is not valid" in question  # where the "[" was opened
    assert buttons == ["Cancel", "Discard them (back to the last save)"]  # keeping a damaged file is not offered
    assert window.session is None and not errors
    assert notice_file.read_text(encoding="utf-8").startswith("title: [unclosed")
    assert not (notice_folder / ".git" / "notice-studio.lock").exists()
    with NoticeRepo.open(notice_folder) as repo:
        assert repo.edits(limit=1)[0].message.startswith("Created")

    answer_question("Discard them (back to the last save)", seen)
    assert window.open_notice(notice_folder)
    assert notice_file.read_text(encoding="utf-8") == saved and not errors
    assert window.session is not None and window.session.notice.clauses
    window.close()


def test_a_clause_file_saved_in_another_encoding_gets_the_same_way_out(qtbot, settings, notice_folder: Path) -> None:
    clause_file = next((notice_folder / "clauses").glob("*.md"))
    saved = clause_file.read_bytes()
    clause_file.write_bytes(saved + "Caf\u00e9 du Club.\n".encode("latin-1"))
    window, errors = new_window(qtbot, settings)
    seen: list[tuple[str, list[str]]] = []
    answer_question("Discard them (back to the last save)", seen)
    assert window.open_notice(notice_folder), errors
    assert f"{clause_file.relative_to(notice_folder).as_posix()}: the file is not UTF-8 text" in seen[0][0]
    assert clause_file.read_bytes() == saved
    window.close()


def test_a_notice_yaml_cut_short_offers_only_to_put_back_the_last_save(qtbot, settings, notice_folder: Path) -> None:
    notice_file = notice_folder / "notice.yaml"
    saved = notice_file.read_text(encoding="utf-8")
    notice_file.write_text(saved[: saved.index("outline:")], encoding="utf-8")
    window, errors = new_window(qtbot, settings)
    seen: list[tuple[str, list[str]]] = []
    answer_question("Discard them (back to the last save)", seen)
    assert window.open_notice(notice_folder), errors
    question, buttons = seen[0]
    assert "notice.yaml, line" in question and "cut short" in question
    assert buttons == ["Cancel", "Discard them (back to the last save)"]  # keeping would drop every section
    assert notice_file.read_text(encoding="utf-8") == saved
    assert window.session is not None and window.session.notice.clauses
    window.close()


def test_a_notice_looking_at_an_older_save_is_not_opened_for_editing(qtbot, settings, notice_folder: Path) -> None:
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(notice_folder), *args], check=True, capture_output=True, text=True
        ).stdout

    with NoticeRepo.open(notice_folder, write=True) as repo:
        notice = repo.load()
        notice.title = "Privacy Notice (second edit)"
        assert repo.save(notice, "Renamed the notice", None)
    git("checkout", "-q", "--detach", "HEAD~1")
    window, errors = new_window(qtbot, settings)
    assert not window.open_notice(notice_folder)
    assert window.session is None
    assert len(errors) == 1 and f"'git -C {notice_folder} checkout main'" in errors[0]
    assert not (notice_folder / ".git" / "notice-studio.lock").exists()

    git("checkout", "-q", "--detach", "main")  # at the draft's own last save: put back, nothing lost
    assert window.open_notice(notice_folder), errors
    assert git("symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert window.session is not None and window.session.notice.title == "Privacy Notice (second edit)"
    window.close()

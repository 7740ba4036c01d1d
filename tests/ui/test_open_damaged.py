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

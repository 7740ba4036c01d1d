"""Reading a notice folder for editing in one piece of work (what the app runs in the background)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from notice_support import AUTHOR, small_notice

from notice_studio.core.notice.store import NoticeError, NoticeLockedError, NoticeRepo
from notice_studio.core.workspace.opening import open_for_editing


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "acme"
    with NoticeRepo.create(folder, small_notice(), AUTHOR) as repo:
        repo.publish(dt.date(2026, 4, 1), "First version.", True, "Jane Counsel", AUTHOR)
    return folder


def test_the_draft_and_versions_are_read_and_the_notice_is_locked(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    opened = open_for_editing(folder)
    try:
        assert opened.outside == []
        assert opened.notice is not None and opened.notice.find("security").title == "Security"
        assert [v.name for v in opened.versions or []] == ["v1"]
        with pytest.raises(NoticeLockedError):
            NoticeRepo.open(folder, write=True)
    finally:
        opened.repo.close()


def test_files_changed_outside_are_named_before_the_draft_is_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    clause = folder / "clauses" / "children.md"
    clause.write_text(clause.read_text(encoding="utf-8") + "\nAdded by hand.\n", encoding="utf-8")
    opened = open_for_editing(folder)
    try:
        assert opened.outside == ["clauses/children.md"]
        assert opened.notice is None and opened.versions is None  # read once they are settled
    finally:
        opened.repo.close()


def test_a_damaged_draft_is_refused_by_name_and_the_lock_is_let_go(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "notice.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    git = ["git", "-C", str(folder), "-c", "user.name=Hand", "-c", "user.email=hand@example.com"]
    subprocess.run([*git, "commit", "-qam", "Damaged by hand"], check=True)  # saved, so no outside change
    with pytest.raises(NoticeError, match="notice.yaml"):
        open_for_editing(folder)
    NoticeRepo.open(folder, write=True, keep_outside_changes=False).close()  # not left locked

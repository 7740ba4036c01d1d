"""A save whose git commit went through keeps its files, whatever fails after it: git holds the
edit, so putting the old files back would leave the folder behind its own history (the edit
shown as changed outside Notice Studio, undone) and the typed text only in memory. Real git
repositories; what comes after the commit (git's answer, reading the new commit back) is made to fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import git as gitpython
import pytest
from notice_support import AUTHOR, git, small_notice

from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.notice_format import notice_files
from notice_studio.core.notice.store import JOURNAL_NAME, NoticeRepo

SAVED_TEXT = "We keep the lesson register for two seasons, then shred it."
SECOND_TITLE = "How we look after records"


def commits(folder: Path) -> int:
    return int(git(folder, "rev-list", "--count", "HEAD"))


def fail_once_committed(repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch, failure: BaseException) -> None:
    """Reading the draft's commit fails once, as soon as a new commit is in git (asked of git itself)."""
    before = commits(repo.path)
    real_head: Callable[[NoticeRepo], str] = NoticeRepo.head
    raised: list[BaseException] = []

    def head(self: NoticeRepo) -> str:
        if not raised and commits(self.path) > before:
            raised.append(failure)
            raise failure
        return real_head(self)

    monkeypatch.setattr(NoticeRepo, "head", head)


@pytest.fixture
def repo(tmp_path: Path):
    with NoticeRepo.create(tmp_path / "notice", small_notice(), AUTHOR) as created:
        yield created


def edited(repo: NoticeRepo, *, two_files: bool):
    notice = repo.load()
    notice.find("retention").body = SAVED_TEXT
    if two_files:  # notice.yaml too: the save is journalled
        notice.find("security").title = SECOND_TITLE
    return notice


def assert_saved_and_kept(repo: NoticeRepo, notice, before: int) -> None:
    assert commits(repo.path) == before + 1
    assert git(repo.path, "log", "-1", "--format=%s").strip() == "Edited 'Retention'"
    on_disk = (repo.path / "clauses" / "retention.md").read_text(encoding="utf-8")
    assert SAVED_TEXT in on_disk and SAVED_TEXT in git(repo.path, "show", "HEAD:clauses/retention.md")
    assert repo.outside_changes() == []
    assert not (repo.path / ".git" / JOURNAL_NAME).exists()
    with NoticeRepo.open(repo.path) as fresh:
        assert notice_files(fresh.load()) == notice_files(notice)
    assert repo.save(notice, "Edited 'Retention'", AUTHOR) is None  # nothing left to save again
    assert commits(repo.path) == before + 1


def interrupted_as_git_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C lands as git finishes the commit: the real `git commit` runs, then the store hears
    the interrupt instead of its answer."""
    real_git = NoticeRepo._git

    def run_git(self: NoticeRepo, *args: str, **kwargs: object) -> str:
        out = real_git(self, *args, **kwargs)  # type: ignore[arg-type]
        if args[0] == "commit":
            raise KeyboardInterrupt
        return out

    monkeypatch.setattr(NoticeRepo, "_git", run_git)


@pytest.mark.parametrize("two_files", [False, True], ids=["one file", "journalled"])
def test_an_interrupt_after_the_commit_keeps_the_saved_files(
    repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch, two_files: bool
) -> None:
    """The interrupt goes on (the command line stops), and the edit stays saved."""
    notice, before = edited(repo, two_files=two_files), commits(repo.path)
    with monkeypatch.context() as patched:
        interrupted_as_git_commits(patched)
        with pytest.raises(KeyboardInterrupt):
            repo.save(notice, "Edited 'Retention'", AUTHOR)
    assert_saved_and_kept(repo, notice, before)


@pytest.mark.parametrize("two_files", [False, True], ids=["one file", "journalled"])
def test_a_git_failure_after_the_commit_keeps_the_saved_files_and_says_they_are_saved(
    repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch, two_files: bool
) -> None:
    notice, before = edited(repo, two_files=two_files), commits(repo.path)
    failure = gitpython.GitCommandError(["git", "rev-parse", "HEAD"], 128, b"fatal: unable to read HEAD")
    fail_once_committed(repo, monkeypatch, failure)
    with pytest.raises(NoticeError) as raised:
        repo.save(notice, "Edited 'Retention'", AUTHOR)
    message = str(raised.value)
    assert message.startswith("The edit was saved") and "Traceback" not in message
    assert_saved_and_kept(repo, notice, before)

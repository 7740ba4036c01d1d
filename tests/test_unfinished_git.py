"""A merge, rebase or cherry-pick someone ran with git by hand and left unfinished: saves, Keep,
publish and sync are refused in one sentence naming the git command that finishes or undoes it,
and nothing is committed in Notice Studio's name (real git repositories, the command line and
the store the app's autosave uses; no Qt)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from notice_support import AUTHOR, git, small_notice
from remote_support import shared_notice

from notice_studio.cli import main
from notice_studio.core.notice.notice_format import notice_files
from notice_studio.core.notice.store import NoticeRepo, UnfinishedGitError

HAND = ["-c", "user.name=Hand", "-c", "user.email=hand@paddock-riding.example"]
OPERATIONS = {
    "merge": (["merge", "coach"], "MERGE_HEAD"),
    "rebase": (["rebase", "coach"], "rebase-merge"),
    "cherry-pick": (["cherry-pick", "coach"], "CHERRY_PICK_HEAD"),
}


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def left_unfinished(folder: Path, operation: str) -> str:
    """Two wordings of a file kept beside the notice, committed by hand on 'coach' and on main;
    `operation` stops on them in conflict. Returns the draft's commit as git left it."""
    notes = folder / "minutes.txt"
    notes.write_text("Minutes of the riding school committee.\n", encoding="utf-8")
    git(folder, "add", "minutes.txt")
    git(folder, *HAND, "commit", "-qm", "minutes")
    git(folder, "checkout", "-q", "-b", "coach")
    notes.write_text("Minutes, as the coach keeps them.\n", encoding="utf-8")
    git(folder, *HAND, "commit", "-qam", "coach's minutes")
    git(folder, "checkout", "-q", "main")
    notes.write_text("Minutes, as the secretary keeps them.\n", encoding="utf-8")
    git(folder, *HAND, "commit", "-qam", "secretary's minutes")
    args, marker = OPERATIONS[operation]
    with pytest.raises(subprocess.CalledProcessError):
        git(folder, *HAND, *args)
    assert (folder / ".git" / marker).exists()
    return git(folder, "rev-parse", "HEAD").strip()


def refused(err: str, folder: Path, operation: str, doing: str) -> bool:
    where = f"git -C {folder} {operation}"
    return (
        err.removeprefix("notice-studio: ").startswith(doing)
        and f"'{where} --continue'" in err
        and f"'{where} --abort'" in err
        and err.strip().count("\n") == 0
        and "Traceback" not in err
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with NoticeRepo.create(tmp_path / "paddock", small_notice(), AUTHOR):
        pass
    return tmp_path / "paddock"


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_an_edit_is_not_saved_over_unfinished_git_work(
    folder: Path, capsys: pytest.CaptureFixture[str], operation: str
) -> None:
    head = left_unfinished(folder, operation)
    code, _, err = run(capsys, "set", folder, "organisation.name=Paddock Riding School")
    assert code != 0 and refused(err, folder, operation, "The edit could not be saved because a git")
    assert git(folder, "rev-parse", "HEAD").strip() == head

    with NoticeRepo.open(folder, write=True) as repo:  # the app's autosave saves through the store
        notice = repo.load()
        notice.variables["organisation.name"] = "Paddock Riding School"
        with pytest.raises(UnfinishedGitError) as app_refusal:
            repo.save_files(notice_files(notice), "Fill in 'organisation.name'", AUTHOR)
    assert refused(str(app_refusal.value), folder, operation, "The edit could not be saved")
    assert git(folder, "rev-parse", "HEAD").strip() == head


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_keep_is_refused_and_the_changed_file_stays_as_it_is(
    folder: Path, capsys: pytest.CaptureFixture[str], operation: str
) -> None:
    head = left_unfinished(folder, operation)
    clause = folder / "clauses" / "children.md"
    typed = clause.read_text(encoding="utf-8").replace("under 16", "under 13")
    clause.write_text(typed, encoding="utf-8")

    code, _, err = run(capsys, "outside-changes", folder, "--keep")
    assert code != 0 and refused(err, folder, operation, "The changes made outside Notice Studio were not kept")
    assert git(folder, "rev-parse", "HEAD").strip() == head
    assert clause.read_text(encoding="utf-8") == typed


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_publishing_is_refused(folder: Path, capsys: pytest.CaptureFixture[str], operation: str) -> None:
    head = left_unfinished(folder, operation)
    code, _, err = run(capsys, "publish", folder, "--effective", "2026-05-01", "--force")
    assert code != 0 and refused(err, folder, operation, "The version could not be published")
    assert git(folder, "tag", "--list").strip() == ""
    assert git(folder, "rev-parse", "HEAD").strip() == head


def test_sync_is_refused_and_nothing_is_sent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server, yours, _theirs = shared_notice(tmp_path)
    sent = git(server, "rev-parse", "main").strip()
    left_unfinished(yours, "merge")
    code, _, err = run(capsys, "sync", yours)
    assert code != 0 and refused(err, yours, "merge", "The notice was not synced")
    assert git(server, "rev-parse", "main").strip() == sent


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_the_command_the_sentence_names_ends_it_and_saving_works_again(
    folder: Path, capsys: pytest.CaptureFixture[str], operation: str
) -> None:
    left_unfinished(folder, operation)
    _, _, err = run(capsys, "set", folder, "organisation.name=Paddock Riding School")
    abort = err.split("undo it with '", 1)[1].split("'", 1)[0]
    assert abort == f"git -C {folder} {operation} --abort"
    subprocess.run(abort.split(" "), check=True, capture_output=True)
    code, _, err = run(capsys, "set", folder, "organisation.name=Paddock Riding School")
    assert code == 0, err
    assert git(folder, "log", "-1", "--format=%s").strip().startswith("Fill")

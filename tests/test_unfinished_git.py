"""A merge, rebase, cherry-pick, revert or `git am` someone ran with git by hand and left
unfinished: saves, Keep, publish, withdrawal and sync are refused in one sentence naming the git command that finishes or undoes it,
and nothing is committed in Notice Studio's name (real git repositories, the command line and
the store the app's autosave uses; no Qt)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from notice_support import AUTHOR, git, small_notice
from remote_support import shared_notice
from unfinished_support import OPERATIONS, left_unfinished

from notice_studio.cli import main
from notice_studio.core.notice.notice_format import notice_files
from notice_studio.core.notice.store import NoticeRepo, UnfinishedGitError
from notice_studio.core.workspace.interaction import Unattended
from notice_studio.core.workspace.outside import DISCARD, settle_outside_changes


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


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


def on_the_draft_again(folder: Path, draft: str) -> bool:
    """git's operation is over: no mark of it is left, and the folder is on the draft as it was."""
    with NoticeRepo.open(folder) as repo:
        unfinished = repo.unfinished_git_work()
    return (
        unfinished is None
        and git(folder, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
        and git(folder, "rev-parse", "HEAD").strip() == draft
    )


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_discard_undoes_an_operation_that_touched_no_notice_file_with_its_own_abort(
    folder: Path, capsys: pytest.CaptureFixture[str], operation: str
) -> None:
    left_unfinished(folder, operation)
    draft = git(folder, "rev-parse", "refs/heads/main").strip()

    code, out, err = run(capsys, "outside-changes", folder, "--discard")

    assert code == 0, err
    said = out.strip()
    assert said.startswith("The unfinished git ") and said.count("\n") == 0
    assert said.endswith(f"run by hand in this folder was undone with 'git {operation} --abort'.")
    assert on_the_draft_again(folder, draft)
    assert (folder / "minutes.txt").read_text(encoding="utf-8") == "Minutes, as the secretary keeps them.\n"
    code, _, err = run(capsys, "set", folder, "organisation.name=Paddock Riding School")
    assert code == 0, err


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_discard_in_the_app_undoes_the_operation_and_puts_the_changed_clause_back(folder: Path, operation: str) -> None:
    """The store the app's Discard calls: `git am` is undone with 'git am --abort' (git refuses
    'git rebase --abort' for it), and a clause edited meanwhile is put back as last saved."""
    left_unfinished(folder, operation)
    draft = git(folder, "rev-parse", "refs/heads/main").strip()
    clause = folder / "clauses" / "children.md"
    saved = git(folder, "show", f"{draft}:clauses/children.md")
    clause.write_text(saved.replace("under 16", "under 13"), encoding="utf-8")

    answers = Unattended(choice=DISCARD)  # counsel choose Discard in the dialog the app shows at open
    with NoticeRepo.open(folder, write=True, keep_outside_changes=False) as repo:
        assert repo.outside_changes() == ["clauses/children.md"]
        assert settle_outside_changes(repo, answers, AUTHOR)
        assert repo.outside_changes() == []

    assert len(answers.messages) == 1
    assert answers.messages[0].endswith(f"run by hand in this folder was undone with 'git {operation} --abort'.")
    assert on_the_draft_again(folder, draft)
    assert clause.read_text(encoding="utf-8") == saved


def test_discard_says_nothing_about_git_when_nothing_was_unfinished(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "outside-changes", folder, "--discard", "--json")
    assert code == 0
    assert '"undone_git_operation": null' in out


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_the_hint_about_changed_files_names_git_s_own_way_out_not_keep(
    folder: Path, capsys: pytest.CaptureFixture[str], operation: str
) -> None:
    """A script (no terminal to ask on) is told how to finish or undo the operation, since Keep
    would be refused; the listing says the same."""
    left_unfinished(folder, operation)
    clause = folder / "clauses" / "children.md"
    clause.write_text(clause.read_text(encoding="utf-8").replace("under 16", "under 13"), encoding="utf-8")

    code, _, err = run(capsys, "set", folder, "organisation.name=Paddock Riding School")
    assert code != 0 and err.strip().count("\n") == 0 and "Traceback" not in err
    where = f"git -C {folder} {operation}"
    assert f"'{where} --continue'" in err and f"'{where} --abort'" in err
    assert f"'notice-studio outside-changes {folder} --discard'" in err
    assert "--keep" not in err

    code, out, _ = run(capsys, "outside-changes", folder)
    way_out = out.strip().splitlines()[-1]
    assert code == 0 and f"'{where} --abort'" in way_out and "--keep" not in way_out


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_withdrawing_a_version_is_refused_too(folder: Path, capsys: pytest.CaptureFixture[str], operation: str) -> None:
    code, _, err = run(capsys, "publish", folder, "--effective", "2099-05-01", "--force")
    assert code == 0, err
    head = left_unfinished(folder, operation)

    code, _, err = run(capsys, "withdraw", folder, "v1")

    assert code != 0 and refused(err, folder, operation, "The version could not be withdrawn")
    assert git(folder, "tag", "--list").split() == ["v1"]
    assert git(folder, "rev-parse", "HEAD").strip() == head

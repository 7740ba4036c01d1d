"""A notice folder left damaged or oddly placed by other programs: a detached HEAD, a notice.yaml
cut short. Real temporary git repositories; nothing is saved where it would be lost."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from notice_support import AUTHOR, git, small_notice

from notice_studio.core.notice import store_remote
from notice_studio.core.notice.model import Clause, NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace.opening import open_for_editing
from notice_studio.core.workspace.workspace import Workspace


def _two_edits(tmp_path: Path) -> Path:
    folder = tmp_path / "acme"
    with NoticeRepo.create(folder, small_notice(), AUTHOR) as repo:
        notice = repo.load()
        notice.add(Clause("contact", "Contact", "Write to our privacy team at the postal address below."))
        repo.save(notice, "Added 'Contact'", AUTHOR)
    return folder


def test_a_folder_detached_at_an_older_save_is_refused_with_the_git_command(tmp_path: Path) -> None:
    folder = _two_edits(tmp_path)
    draft = git(folder, "rev-parse", "main").strip()
    git(folder, "checkout", "-q", "--detach", "HEAD~1")
    with pytest.raises(NoticeError, match=f"'git -C {folder} checkout main'"), Workspace.open(folder, write=True):
        pass
    with pytest.raises(NoticeError, match="checkout main"):
        open_for_editing(folder).repo.close()
    assert git(folder, "rev-parse", "main").strip() == draft
    git(folder, "checkout", "-q", "main")
    NoticeRepo.open(folder, write=True).close()  # the refusals left no lock behind


def test_reading_a_folder_detached_at_an_older_save_says_it_is_not_the_draft(tmp_path: Path) -> None:
    """`outline`, `check` and `show` read the folder's state; on a detached HEAD they showed the
    older state as if it were the draft. They still read it, and say what it is and how to go back."""
    folder = _two_edits(tmp_path)
    git(folder, "checkout", "-q", "--detach", "HEAD~1")
    with NoticeRepo.open(folder) as repo:
        said = " ".join(repo.recovery.messages)
        assert "contact" not in [c.id for c in repo.load().all_clauses()]  # the older state, as the folder shows it
    assert "What you read is not the draft" in said and f"'git -C {folder} checkout main'" in said
    result = subprocess.run(
        [sys.executable, "-m", "notice_studio", "outline", str(folder)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "What you read is not the draft" in result.stderr


def test_a_folder_detached_at_the_drafts_own_save_goes_back_to_the_draft(tmp_path: Path) -> None:
    folder = _two_edits(tmp_path)
    git(folder, "checkout", "-q", "--detach", "HEAD")
    with Workspace.open(folder, write=True) as workspace:
        assert any("put back on the draft" in m for m in workspace.repo.recovery.messages)
        notice = workspace.notice
        notice.variables["contact.phone"] = "+44 20 0000 0000"
        assert workspace.repo.save(notice, "Filled in 'contact.phone'", AUTHOR)
    assert git(folder, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert "contact.phone" in git(folder, "show", "main:notice.yaml")


def test_a_save_after_the_folder_was_detached_under_an_open_notice_is_refused(tmp_path: Path) -> None:
    folder = _two_edits(tmp_path)
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        git(folder, "checkout", "-q", "--detach", "HEAD~1")
        notice.variables["contact.phone"] = "+44 20 0000 0000"
        with pytest.raises(NoticeError, match="HEAD is detached"):
            repo.save(notice, "Filled in 'contact.phone'", AUTHOR)
        with pytest.raises(NoticeError, match="could not be published"):
            repo.publish(dt.date(2026, 4, 1), "First version.", True, "Jane Counsel", AUTHOR)
    assert len(git(folder, "log", "--all", "--format=%H").split()) == 2


def test_sync_never_sends_work_made_apart_from_the_draft(tmp_path: Path) -> None:
    folder = _two_edits(tmp_path)
    server = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", "--initial-branch=main", str(server))
    with NoticeRepo.open(folder, write=True) as repo:
        store_remote.add_remote(repo, server.as_uri())
        store_remote.sync(repo, author=AUTHOR)
        sent = git(server, "rev-parse", "main").strip()
        git(folder, "checkout", "-q", "--detach", "HEAD~1")
        with pytest.raises(NoticeError, match="not synced"):
            store_remote.sync(repo, author=AUTHOR)
    assert git(server, "rev-parse", "main").strip() == sent


def _cut(path: Path, before: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(before)], encoding="utf-8")


def test_a_notice_yaml_cut_before_its_outline_is_damage_and_cannot_be_kept(tmp_path: Path) -> None:
    folder = _two_edits(tmp_path)
    _cut(folder / "notice.yaml", "outline:")
    with NoticeRepo.open(folder, write=True, keep_outside_changes=False) as repo:
        problem = repo.draft_problem()
        assert problem is not None and problem.problem.startswith("notice.yaml, line ")
        assert "cut short" in str(problem) and "outside-changes" in str(problem)
        with pytest.raises(NoticeError, match="cut short"):
            repo.keep_outside(AUTHOR)
        repo.discard_outside()
        assert [c.id for c in repo.load().clauses] == ["introduction", "security", "children", "contact"]


def test_a_notice_yaml_cut_inside_its_outline_names_the_sections_it_lost(tmp_path: Path) -> None:
    folder = _two_edits(tmp_path)
    _cut(folder / "notice.yaml", "- children")
    with NoticeRepo.open(folder, write=True, keep_outside_changes=False) as repo:
        problem = repo.draft_problem()
        assert problem is not None
        assert "clauses/children.md, clauses/contact.md" in problem.problem
        with pytest.raises(NoticeError, match="no longer lists"):
            repo.keep_outside(AUTHOR)
    assert git(folder, "log", "-1", "--format=%s").strip() == "Added 'Contact'"


def test_a_clause_removed_in_notice_studio_is_no_damage(tmp_path: Path) -> None:
    folder = _two_edits(tmp_path)
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        notice.remove("contact")
        assert repo.save(notice, "Removed 'Contact'", AUTHOR)
        assert repo.draft_problem() is None


def test_a_notice_with_no_sections_cannot_be_published(tmp_path: Path) -> None:
    from notice_studio.core.checks import run_checks
    from notice_studio.core.notice.model import Notice

    report = run_checks(Notice(title="Privacy Notice"))
    assert [f.rule for f in report.blocking] == ["notice-empty"]


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    from notice_studio.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _published(tmp_path: Path) -> Path:
    folder = _two_edits(tmp_path)
    with NoticeRepo.open(folder, write=True) as repo:
        repo.publish(dt.date(2026, 4, 1), "First version.", True, "Jane Counsel", AUTHOR)
    return folder


def test_a_published_version_exports_while_a_draft_file_is_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _published(tmp_path)
    with (folder / "clauses" / "security.md").open("a", encoding="utf-8") as clause:
        clause.write("<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n")
    out = tmp_path / "v1.html"
    code, _, err = run(capsys, "export", folder, "--version", "v1", "--format", "html", "--out", out)
    assert code == 0, err
    assert "encryption" in out.read_text(encoding="utf-8")
    code, _, err = run(capsys, "export", folder, "--version", "draft", "--format", "html", "--out", out)
    assert code == 1 and "clauses/security.md, line" in err


def test_a_symbolic_link_is_never_kept_as_an_edit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _published(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the website\n", encoding="utf-8")
    (folder / "clauses" / "secret.md").symlink_to(secret)
    code, _, err = run(capsys, "outside-changes", folder, "--keep")
    assert code == 1 and "clauses/secret.md" in err and "symbolic link" in err
    assert git(folder, "ls-files", "clauses/secret.md") == ""
    # without an interaction, outside changes are kept as an edit when the notice is opened
    with pytest.raises(NoticeError, match="symbolic link"), Workspace.open(folder, write=True):
        pass
    assert git(folder, "ls-files", "clauses/secret.md") == ""
    code, _, err = run(capsys, "outside-changes", folder, "--discard")
    assert code == 0, err
    assert not (folder / "clauses" / "secret.md").is_symlink() and secret.exists()


def test_unsaved_damage_to_notice_yaml_advises_putting_the_last_save_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _published(tmp_path)
    _cut(folder / "notice.yaml", "  - retention")  # the outline now names a clause cut in half
    yaml = folder / "notice.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "  - reten\n", encoding="utf-8")
    code, _, err = run(capsys, "outline", folder)
    assert code == 1 and f"notice-studio outside-changes {folder} --discard" in err and "restore" not in err


def test_a_script_is_told_in_one_sentence_what_to_do_about_outside_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _published(tmp_path)
    _cut(folder / "notice.yaml", "outline:")
    code, _, err = run(capsys, "set", folder, "contact.phone=+44 20 0000 0000")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "?" not in err and err.count(". ") == 0 and "cut short" in err
    assert f"notice-studio outside-changes {folder} --discard" in err
    (folder / "notice.yaml").write_text(git(folder, "show", "HEAD:notice.yaml") + "# a note\n", encoding="utf-8")
    code, _, err = run(capsys, "set", folder, "contact.phone=+44 20 0000 0000")
    assert code == 1 and "?" not in err and err.count(". ") == 0
    assert f"notice-studio outside-changes {folder} --keep" in err


def test_check_and_publish_refuse_a_notice_with_no_sections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "empty"
    from notice_studio.core.notice.model import Notice

    NoticeRepo.create(folder, Notice(title="Privacy Notice"), AUTHOR).close()
    code, out, _ = run(capsys, "check", folder)
    assert code == 1 and "no sections" in out

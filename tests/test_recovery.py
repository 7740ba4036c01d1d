"""A notice whose files cannot be read (a hand edit, a deleted file, a file saved in another
encoding) is recovered with the commands the error names: the history still lists, the files
are put back as last saved, and a version can be restored (real git repositories, no Qt)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from notice_support import AUTHOR, git

from notice_studio.cli import main
from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Unattended, Workspace

LARKSPUR = """# Privacy Notice of Larkspur Rowing Club

## 1. Who we are

Larkspur Rowing Club is a members' club on the River Wend. Write to privacy@larkspur-rowing.example.

## 2. What we collect

We collect your name, date of birth and emergency contact when you join.

## 3. Your rights

Members may see what the club holds on them, correct it or ask us to delete it.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def larkspur(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The rowing club's notice, imported and published once (v1)."""
    source = tmp_path / "larkspur.md"
    source.write_text(LARKSPUR, encoding="utf-8")
    folder = tmp_path / "larkspur"
    assert run(capsys, "import", source, folder)[0] == 0
    assert run(capsys, "publish", folder, "--effective", "2024-03-03", "--force")[0] == 0
    return folder


def broken_yaml(folder: Path) -> str:
    (folder / "notice.yaml").write_text("title: [unclosed\n  - x: :\n", encoding="utf-8")
    return "notice.yaml, line 1: the YAML is not valid"  # where the '[' was opened and never closed


def deleted_clause(folder: Path) -> str:
    (folder / "clauses" / "your-rights.md").unlink()
    return "clauses/your-rights.md: the outline in notice.yaml lists this clause but its file is missing"


def not_utf8(folder: Path) -> str:
    (folder / "clauses" / "your-rights.md").write_bytes(b"---\ntitle: Your rights\n---\nYou may ask \xe9 copy.\n")
    return "clauses/your-rights.md: the file is not UTF-8 text"


def conflict_left(folder: Path) -> str:
    """A merge conflict pasted back from another tool: as text it would reach the website."""
    clause = folder / "clauses" / "your-rights.md"
    text = clause.read_text(encoding="utf-8").replace(
        "Members may see what the club holds on them, correct it or ask us to delete it.",
        "<<<<<<< ours\nMembers may see what the club holds on them.\n=======\nMembers may have their records erased.\n>>>>>>> theirs",
    )
    clause.write_text(text, encoding="utf-8")
    line = text.splitlines().index("<<<<<<< ours") + 1
    return f"clauses/your-rights.md, line {line}: a merge conflict was left in the file"


DAMAGES = [broken_yaml, deleted_clause, not_utf8, conflict_left]


def saved_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.parts
    }


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_notice_damaged_outside_the_app_is_put_back_with_the_command_its_error_names(
    larkspur: Path, capsys: pytest.CaptureFixture[str], damage: Callable[[Path], str]
) -> None:
    saved = saved_files(larkspur)
    edits = git(larkspur, "rev-list", "--count", "HEAD")
    problem = damage(larkspur)
    damaged = saved_files(larkspur)

    code, _, err = run(capsys, "check", larkspur)
    assert code == 1 and problem in err and len(err.strip().splitlines()) == 1
    assert f"notice-studio outside-changes {larkspur} --discard" in err  # the way out that works

    code, out, _ = run(capsys, "log", larkspur, "--json")  # the history does not need the draft
    assert code == 0 and [v["version"] for v in json.loads(out)["versions"]] == ["v1"]
    code, out, err = run(capsys, "outside-changes", larkspur)
    assert code == 0 and "--discard" in out, err

    # Keeping would save a file that cannot be read; a script's restore would drop the hand edit
    # unasked. Both refuse in one sentence naming --discard, and touch nothing.
    for command in (("outside-changes", larkspur, "--keep"), ("restore", larkspur, "v1")):
        code, _, err = run(capsys, *command)
        assert code == 1 and problem in err and len(err.strip().splitlines()) == 1
        assert f"notice-studio outside-changes {larkspur} --discard" in err
        assert saved_files(larkspur) == damaged and git(larkspur, "rev-list", "--count", "HEAD") == edits

    code, out, err = run(capsys, "outside-changes", larkspur, "--discard")
    assert code == 0 and out.startswith("Put back as last saved") and err == ""
    assert saved_files(larkspur) == saved
    assert run(capsys, "check", larkspur)[0] == 0


def test_the_workspace_offers_only_discard_for_a_notice_that_cannot_be_read(larkspur: Path) -> None:
    """The one core call both front ends use (app dialog, command-line prompt)."""
    saved = saved_files(larkspur)
    problem = broken_yaml(larkspur)
    keep = Unattended(choice="keep")
    with pytest.raises(NoticeError, match="left as they are"), Workspace.open(larkspur, write=True, interaction=keep):
        pass
    assert problem in keep.questions[0] and "Keep the changes" not in keep.questions[0]
    assert saved_files(larkspur) != saved  # cancelled: the hand edit is still there to fix

    discard = Unattended(choice="discard")
    with Workspace.open(larkspur, write=True, interaction=discard) as ws:
        assert ws.notice.title == "Privacy Notice of Larkspur Rowing Club"
        assert ws.restore("v1") is None  # nothing to restore: the draft is v1 again
    assert saved_files(larkspur) == saved


def test_restore_works_when_the_last_saved_edit_cannot_be_read(
    larkspur: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Damage saved by hand with git: putting the last save back cannot help, restoring a version does."""
    saved = saved_files(larkspur)
    problem = broken_yaml(larkspur)
    git(larkspur, *HAND, "commit", "-qam", "by hand")

    code, _, err = run(capsys, "check", larkspur)
    assert code == 1 and problem in err and f"notice-studio restore {larkspur} VERSION" in err
    assert "--discard" not in err

    code, out, err = run(capsys, "restore", larkspur, "v1")
    assert code == 0 and "now v1 again" in out and err == ""
    assert saved_files(larkspur) == saved
    assert git(larkspur, "status", "--porcelain") == ""
    with NoticeRepo.open(larkspur) as repo:
        assert repo.edits(limit=1)[0].message == "Restored v1 as the draft"
        assert repo.load().find("your-rights").body.startswith("Members may see what the club holds")


HAND = ["-c", "user.name=Hand", "-c", "user.email=hand@larkspur-rowing.example"]
"""Someone committing with git by hand, outside Notice Studio."""


def two_wordings(larkspur: Path) -> tuple[Path, str]:
    """The rights clause worded one way on a branch 'coach' and another on main, both committed
    by hand: what a merge, cherry-pick or rebase stops on. Returns the file and its saved text."""
    rights = larkspur / "clauses" / "your-rights.md"
    saved = rights.read_text(encoding="utf-8")
    git(larkspur, "checkout", "-q", "-b", "coach")
    rights.write_text(saved.replace("delete it.", "delete it, free of charge."), encoding="utf-8")
    git(larkspur, *HAND, "commit", "-qam", "coach's wording")
    git(larkspur, "checkout", "-q", "main")
    rights.write_text(saved.replace("delete it.", "erase it."), encoding="utf-8")
    git(larkspur, *HAND, "commit", "-qam", "secretary's wording")
    return rights, saved


def test_a_merge_run_by_hand_and_left_in_conflict_is_undone_by_discard(
    larkspur: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git itself left the conflict (and an unfinished merge): discard puts the last save back
    and ends the merge, so the next edit can be saved."""
    rights, _saved = two_wordings(larkspur)
    mine = rights.read_text(encoding="utf-8")
    with pytest.raises(subprocess.CalledProcessError):
        git(larkspur, *HAND, "merge", "coach")

    code, _, err = run(capsys, "check", larkspur)
    assert code == 1 and "clauses/your-rights.md, line" in err and "merge conflict" in err
    assert f"notice-studio outside-changes {larkspur} --discard" in err
    code, out, _ = run(capsys, "outside-changes", larkspur, "--discard")
    assert code == 0 and "clauses/your-rights.md" in out and rights.read_text(encoding="utf-8") == mine
    assert not (larkspur / ".git" / "MERGE_HEAD").exists()
    code, _, err = run(capsys, "set", larkspur, "--new", "organisation.name=Larkspur Rowing Club")
    assert code == 0, err
    with NoticeRepo.open(larkspur) as repo:
        assert repo.load().variables["organisation.name"] == "Larkspur Rowing Club"


@pytest.mark.parametrize("operation", ["cherry-pick", "revert", "rebase"])
def test_a_cherry_pick_revert_or_rebase_left_in_conflict_is_ended_by_discard(
    larkspur: Path, capsys: pytest.CaptureFixture[str], operation: str
) -> None:
    """Like a merge: git left the operation unfinished in conflict; discard ends it and saves work again."""
    rights, saved = two_wordings(larkspur)
    if operation == "revert":
        rights.write_text(saved.replace("delete it.", "wipe it."), encoding="utf-8")
        git(larkspur, *HAND, "commit", "-qam", "treasurer's wording")
    mine = rights.read_text(encoding="utf-8")
    head = git(larkspur, "rev-parse", "HEAD").strip()
    args = {
        "cherry-pick": ["cherry-pick", "coach"],
        "revert": ["revert", "--no-edit", "HEAD~1"],
        "rebase": ["rebase", "coach"],
    }
    with pytest.raises(subprocess.CalledProcessError):
        git(larkspur, *HAND, *args[operation])

    code, out, _ = run(capsys, "outside-changes", larkspur, "--discard")
    assert code == 0, out
    assert rights.read_text(encoding="utf-8") == mine and git(larkspur, "rev-parse", "HEAD").strip() == head
    assert not any(
        (larkspur / ".git" / m).exists() for m in ("CHERRY_PICK_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply")
    )
    code, _, err = run(capsys, "set", larkspur, "--new", "organisation.name=Larkspur Rowing Club")
    assert code == 0, err


NOTICE_LINES = "format: 1\nid: x\n{line3}\norganisation: Paws\nlanguage: en\n"


@pytest.mark.parametrize(
    "line3",
    [
        "title: [unclosed",  # the parser notices on line 4, where the next key starts
        "title: {unclosed: 1",
        'title: "unclosed',
        "title: a: b",
        "  title: indented",
        "\ttitle: a tab",
    ],
)
def test_a_yaml_error_names_the_line_to_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str], line3: str) -> None:
    with NoticeRepo.create(tmp_path / "n", Notice(title="Paws", organisation="Paws"), AUTHOR):
        pass
    (tmp_path / "n" / "notice.yaml").write_text(NOTICE_LINES.format(line3=line3), encoding="utf-8")
    assert main(["outline", str(tmp_path / "n")]) == 1
    assert "notice.yaml, line 3: the YAML is not valid" in capsys.readouterr().err


def test_a_yaml_error_in_front_matter_names_the_line_of_the_file() -> None:
    from notice_studio.core.notice.frontmatter import FormatError, parse

    text = "---\ntitle: Cookies\nsource: [library\nversion: 2\n---\nBody.\n"
    with pytest.raises(FormatError) as caught:
        parse(text, "clauses/cookies.md")
    assert caught.value.line == 3  # the file's line 3, where '[' is opened

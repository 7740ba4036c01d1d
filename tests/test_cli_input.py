"""Text handed to the command line (standard input, --file, arguments): refused before any write
when it is not UTF-8, never emptying a clause by accident; and a save that fails part-way."""

from __future__ import annotations

import argparse
import errno
import json
from pathlib import Path

import pytest
from notice_support import AUTHOR, git
from test_cli_edit import run

from notice_studio.core.notice import store as store_module
from notice_studio.core.notice.model import Clause, Notice, NoticeError
from notice_studio.core.notice.notice_format import NOTICE_FILE
from notice_studio.core.notice.store import JOURNAL_NAME, NoticeRepo
from notice_studio.core.workspace import Workspace
from notice_studio.core.workspace.interaction import Unattended

CAFE_1252 = "Caf\xe9 au lait is served after the Sunday outing.\n".encode("cp1252")
"""What a Windows-1252 editor saves: 0xe9 is not UTF-8."""


def boathouse() -> Notice:
    """A small notice three levels deep (our own text: a fictional allotment society)."""
    notice = Notice(title="Privacy Notice of Harbour Lane Allotments", organisation="Harbour Lane Allotments")
    notice.add(Clause("who-we-are", "Who we are", "Harbour Lane Allotments lets plots to local growers."))
    notice.add(Clause("what-we-collect", "What we collect", "We keep your name and plot number."))
    notice.add(
        Clause("young-growers", "Young growers", "For growers under 16 we keep a guardian's name."), "what-we-collect"
    )
    notice.add(Clause("school-plots", "School plots", "Schools see which pupils came."), "young-growers")
    notice.add(Clause("keeping", "How long we keep it", "We keep records for two years after your plot ends."))
    return notice


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with NoticeRepo.create(tmp_path / "allotments", boathouse(), AUTHOR) as store:
        return store.path


def one_sentence(err: str, *words: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].endswith("."), err
    assert "unexpected" not in err and "Traceback" not in err, err
    for word in words:
        assert word in lines[0], lines[0]


def unchanged(folder: Path, commits: str) -> None:
    """Nothing was written: no journal, no stray file, no new edit."""
    assert not (folder / ".git" / JOURNAL_NAME).exists()
    assert git(folder, "status", "--porcelain", "--untracked-files=all") == ""
    assert git(folder, "rev-parse", "HEAD") == commits


# ----- 1. text that is not UTF-8 ------------------------------------------------------------------
@pytest.mark.parametrize("action", [("clause", "add", "--title", "Cafe"), ("clause", "edit", "who-we-are")])
def test_windows_1252_on_standard_input_is_refused_before_any_write(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, action: tuple[str, ...]
) -> None:
    head = git(folder, "rev-parse", "HEAD")
    command, verb, *rest = action
    code, _out, err = run(capsys, command, verb, folder, *rest, stdin=CAFE_1252, monkeypatch=monkeypatch)
    assert code == 1
    one_sentence(err, "Standard input is not UTF-8 text (byte 3)")
    unchanged(folder, head)
    code, _out, _err = run(capsys, "set", folder, "--new", "organisation.name=Harbour Lane")  # the notice still works
    assert code == 0 and not reload_has(folder, "cafe")


def reload_has(folder: Path, clause_id: str) -> bool:
    with NoticeRepo.open(folder) as repo:
        return repo.load().has(clause_id)


def test_a_windows_1252_file_is_refused_with_its_name(folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path):
    text = tmp_path / "cafe.md"
    text.write_bytes(CAFE_1252)
    code, _out, err = run(capsys, "clause", "edit", folder, "who-we-are", "--file", text)
    assert code == 1
    one_sentence(err, f"{text} is not UTF-8 text (byte 3)", "save it as UTF-8")


@pytest.mark.parametrize(
    "argv",
    [
        ("clause", "rename", "{folder}", "who-we-are", "Caf\udce9"),  # how Python hands over the byte 0xe9
        ("set", "{folder}", "organisation.name=Caf\udce9"),
        ("import", "--title", "Caf\udce9", "{notes}", "{new}"),
    ],
)
def test_an_argument_that_is_not_utf8_is_one_sentence(
    folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notice\n\n## Who we are\n\nWe grow leeks.\n", encoding="utf-8")
    head = git(folder, "rev-parse", "HEAD")
    args = [a.format(folder=folder, notes=notes, new=tmp_path / "new") for a in argv]
    code, _out, err = run(capsys, *args)
    assert code == 1
    one_sentence(err, "The argument '", "Caf\ufffd", "is not UTF-8 text")
    unchanged(folder, head)
    assert not (tmp_path / "new").exists()


def test_a_byte_order_mark_is_dropped_and_utf8_saved(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _out, _err = run(
        capsys,
        "clause",
        "edit",
        folder,
        "who-we-are",
        stdin=b"\xef\xbb\xbfCaf\xc3\xa9 open.\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0
    with NoticeRepo.open(folder) as repo:
        assert repo.load().find("who-we-are").body.strip() == "Caf\u00e9 open."


# ----- 1b. the store: refuse unsavable text, roll back a failed save, recover an old journal -------
def test_text_no_file_can_hold_is_refused_naming_the_file_and_nothing_is_written(folder: Path) -> None:
    head = git(folder, "rev-parse", "HEAD")
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        ws.add_clause("Cafe", "Caf\udce9 au lait.")
        ws.edit_body("keeping", "We keep records for one year.")
        with pytest.raises(NoticeError) as refused:
            ws.save()
        assert "clauses/cafe.md is not UTF-8 text" in str(refused.value)
        unchanged(folder, head)
        ws.edit_body("cafe", "Coffee after the outing.")
        assert ws.save() is not None  # the next save works
    assert reload_has(folder, "cafe")


def test_a_save_that_fails_part_way_leaves_the_notice_as_last_saved(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = git(folder, "rev-parse", "HEAD")
    written = store_module.write_atomic

    def full_at_the_outline(path, text, *, durable=True):  # the disk fills after the new clause is written
        if Path(path).name == NOTICE_FILE:
            raise OSError(errno.ENOSPC, "No space left on device")
        written(path, text, durable=durable)

    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        ws.add_clause("Tool shed", "The shed key is logged.")
        ws.remove("keeping")
        monkeypatch.setattr(store_module, "write_atomic", full_at_the_outline)
        with pytest.raises(NoticeError, match="disk is full"):
            ws.save()
        unchanged(folder, head)
        monkeypatch.setattr(store_module, "write_atomic", written)
        assert ws.save() is not None  # the edit was kept in memory and saves once there is room
    with NoticeRepo.open(folder) as repo:
        notice = repo.load()
    assert notice.has("tool-shed") and not notice.has("keeping")


def test_a_journal_left_by_a_save_that_failed_on_its_text_is_undone_on_opening(folder: Path) -> None:
    head = git(folder, "rev-parse", "HEAD")
    outline = (folder / NOTICE_FILE).read_text(encoding="utf-8")
    journal = {  # what the version before this fix left: text with a lone surrogate, never written
        "write": {"clauses/cafe.md": "---\ntitle: Cafe\n---\nCaf\udce9\n", NOTICE_FILE: outline + "- cafe\n"},
        "remove": [],
    }
    (folder / ".git" / JOURNAL_NAME).write_text(json.dumps(journal), encoding="utf-8")
    with NoticeRepo.open(folder) as reader:  # reading ignores it
        assert not reader.load().has("cafe")
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        assert any("could not be saved" in m and "undone" in m for m in ws.repo.recovery.messages)
        unchanged(folder, head)
        ws.rename("who-we-are", "About us")
        assert ws.save() is not None


# ----- 2. empty input to clause edit ------------------------------------------------------------
def test_empty_input_does_not_empty_a_clause_unless_asked(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    head = git(folder, "rev-parse", "HEAD")
    empty = tmp_path / "empty.md"
    empty.write_text("\n", encoding="utf-8")
    code, _out, err = run(capsys, "clause", "edit", folder, "who-we-are", stdin="", monkeypatch=monkeypatch)
    assert code == 1
    one_sentence(err, "No text came from standard input", "'Who we are'", "--allow-empty")
    code, _out, err = run(capsys, "clause", "edit", folder, "who-we-are", "--file", empty)
    assert code == 1
    one_sentence(err, f"No text came from {empty}", "--allow-empty")
    unchanged(folder, head)
    code, out, _err = run(capsys, "clause", "edit", folder, "who-we-are", "--allow-empty", "--file", empty)
    assert code == 0 and "Saved" in out
    with NoticeRepo.open(folder) as repo:
        assert repo.load().find("who-we-are").body.strip() == ""


def test_the_workspace_keeps_the_text_when_the_user_says_no(folder: Path) -> None:
    asked = Unattended()
    with Workspace.open(folder, write=True, author=AUTHOR, interaction=asked) as ws:
        assert ws.replace_body("keeping", "  \n", "the pasted text") is None
        assert ws.notice.find("keeping").body.startswith("We keep records")
        assert asked.questions == ["No text came from the pasted text; empty the text of 'How long we keep it'?"]
        assert ws.replace_body("keeping", "Two years.", "the pasted text") is not None


# ----- 3. the delete question counts every sub-clause ---------------------------------------------
def test_the_delete_question_counts_sub_clauses_at_every_level(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _out, err = run(capsys, "clause", "remove", folder, "what-we-collect", stdin="", monkeypatch=monkeypatch)
    assert code == 1
    one_sentence(err, "Delete 'What we collect' and its 2 sub-clauses?", "--yes")
    asked = Unattended()
    with Workspace.open(folder, author=AUTHOR, interaction=asked) as ws:
        assert not ws.confirm_remove("what-we-collect") and ws.confirm_remove("keeping")
    assert asked.questions == ["Delete 'What we collect' and its 2 sub-clauses?"]  # none for a clause without any


def test_every_command_help_starts_with_what_the_command_does() -> None:
    """`notice-studio new --help` said only its usage: each command's help opens with its summary."""
    from notice_studio.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert len(commands.choices) > 15
    for name, command in commands.choices.items():
        assert command.description, name
        assert command.format_help().split("\n\n")[1].strip()[0].isupper(), name

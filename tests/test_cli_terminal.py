"""What the command line prints cannot drive the terminal: control characters in text received from
colleagues (titles, review notes, edit messages) are shown as escapes, JSON stays exact JSON, and
data written to a file or pipe stays exact."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from remote_support import OTHER, edit, shared_notice, sync

from notice_studio.cli import main
from notice_studio.core.notice.store import NoticeRepo

HOSTILE_TITLE = "Links\x1b[31m red\x9b2J"
"""ESC [31m turns the terminal red; 0x9b is a one-byte ESC [ to some terminals."""
HOSTILE_NOTE = "Look \x1b[2J\x1b]0;PWNED\x07 here\rOK"
"""Clears the screen, retitles the window, rings the bell, and a carriage return overwrites the line."""
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def received(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Your copy of a notice after a sync brought a colleague's hostile title, note and empty clause."""
    _, yours, theirs = shared_notice(tmp_path)

    def change(notice) -> None:
        # Written past the title rule (which refuses control characters), as an older version or a
        # hand edit would: what reaches the terminal from a synced file is what is tested here.
        notice.find("security").title = HOSTILE_TITLE
        notice.find("children").body = ""

    edit(theirs, change, f"Renamed 'Security' to '{HOSTILE_TITLE}'", OTHER)
    with NoticeRepo.open(theirs, write=True) as repo:
        from notice_studio.core.notice import store_remote

        store_remote.request_review(repo, HOSTILE_NOTE, OTHER)
    sync(theirs, OTHER)
    sync(yours)
    return yours


def argv_for(folder: Path, *words: str) -> list[str]:
    return [str(folder) if word == "DIR" else word for word in words]


@pytest.mark.parametrize(
    "words",
    [
        ("outline", "DIR"),
        ("review", "list", "DIR"),
        ("log", "DIR"),
        ("history", "DIR", "security"),
        ("check", "DIR"),
        ("diff", "DIR", "HEAD~1", "draft"),
        ("status", "DIR"),
    ],
)
def test_control_characters_from_colleagues_are_shown_not_obeyed(
    received: Path, capsys: pytest.CaptureFixture[str], words: tuple[str, ...]
) -> None:
    _, out, err = run(capsys, *argv_for(received, *words))
    assert "Traceback" not in err and "unexpected" not in err, err
    assert not RAW.search(out + err), repr(out + err)
    if words[0] in ("outline", "log", "history", "diff"):
        assert "Links\\u001b[31m red\\u009b2J" in out, out
    if words[0] == "review":
        assert "Look \\u001b[2J\\u001b]0;PWNED\\u0007 here\\u000dOK" in out, out


@pytest.mark.parametrize(
    "words", [("outline", "DIR", "--json"), ("review", "list", "DIR", "--json"), ("log", "DIR", "--json")]
)
def test_json_output_stays_exact_json(received: Path, capsys: pytest.CaptureFixture[str], words) -> None:
    code, out, _ = run(capsys, *argv_for(received, *words))
    assert code == 0 and not RAW.search(out)  # json.dumps escapes C0 itself, not DEL and C1 (0x9b)
    wanted = HOSTILE_NOTE if words[0] == "review" else HOSTILE_TITLE
    assert any(wanted in text for text in strings(json.loads(out)))  # the same characters, read back


def strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return [data] if isinstance(data, str) else []


def test_data_written_to_a_file_or_pipe_stays_exact(received: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(received))
    assert code == 0 and HOSTILE_TITLE in out  # `show > notice.md` keeps the text as it is


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal needs POSIX")
def test_on_a_real_terminal_even_the_notice_text_is_shown_safely(received: Path) -> None:
    """`show` on a terminal (a pseudo-terminal here, as a terminal emulator gives): escaped too."""
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    with subprocess.Popen(
        [sys.executable, "-m", "notice_studio", "show", str(received)], stdout=follower, stderr=follower, env=env
    ) as proc:
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the command ends
                break
            if not chunk:
                break
            seen += chunk
        assert proc.wait(timeout=60) == 0
    os.close(leader)
    text = seen.decode("utf-8")
    assert "Links\\u001b[31m red\\u009b2J" in text and not RAW.search(text.replace("\r\n", "\n")), text


def test_bidirectional_overrides_are_shown_not_obeyed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """U+202E turns the rest of a line around on screen: a title 'Cookies\\u202e 03 syad' would read
    'Cookies days 30'. Shown as its escape, like the other controls (noticed in session 14)."""
    from notice_support import AUTHOR, small_notice

    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR) as repo:
        notice = repo.load()
        notice.rename("security", "Security\u202e 03 syad\u2066x\u2069")
        repo.save(notice, "Renamed", AUTHOR)
    code, out, _ = run(capsys, "outline", str(tmp_path / "n"))
    assert code == 0 and "Security\\u202e 03 syad\\u2066x\\u2069" in out
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", out)
    code, out, _ = run(capsys, "outline", str(tmp_path / "n"), "--json")
    assert any("Security\u202e 03 syad" in text for text in strings(json.loads(out)))  # exact once read back

"""Ctrl+C, sent as a real SIGINT to a real process: at any moment, from the first imports to a
question on the terminal, the command says one sentence (what state the notice is in and what to
do), never a traceback, and exits with status 130."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from notice_support import AUTHOR, git
from test_cli_input import boathouse

from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.wording import STOPPED

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT and pseudo-terminals are POSIX")

ROOT = Path(__file__).resolve().parents[1]
READY = b"entry point loaded\n"
ENTRY = (
    "import os, sys\n"
    "from notice_studio.__main__ import main\n"  # what the installed notice-studio script runs
    f"os.write(2, {READY!r})\n"
    "sys.exit(main())\n"
)


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NOTICE_STUDIO_DEBUG": ""}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with NoticeRepo.create(tmp_path / "allotments", boathouse(), AUTHOR) as store:
        return store.path


@pytest.mark.parametrize("delay", [0.02, 0.05, 0.1, 0.15, 0.25])
def test_ctrl_c_while_the_command_starts_is_one_sentence(folder: Path, delay: float) -> None:
    """The command's modules take a few tenths of a second to load; Ctrl+C then said nothing useful
    and printed a traceback ending in KeyboardInterrupt."""
    with subprocess.Popen(
        [sys.executable, "-c", ENTRY, "log", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    ) as proc:
        assert proc.stderr is not None and proc.stderr.readline() == READY
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:  # this machine loaded everything before the signal came: nothing to test
        pytest.skip(f"the command finished within {delay} s")
    assert (proc.returncode, err.decode()) == (130, f"notice-studio: {STOPPED}\n"), err.decode()
    assert out == b""


def test_ctrl_c_at_a_question_is_the_same_sentence_and_changes_nothing(folder: Path) -> None:
    """Later, inside the command (here at the delete question on a terminal): the same sentence."""
    import pty

    before = git(folder, "rev-parse", "HEAD")
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-c", ENTRY, "clause", "remove", str(folder), "what-we-collect"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment(),
    ) as proc:
        os.close(follower)
        seen = read_terminal(leader, until=b"[y/N]")
        assert b"[y/N]" in seen, seen
        waiting_for_an_answer(proc.pid)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 130
        rest = read_terminal(leader)
    os.close(leader)
    text = rest.decode().replace("\r\n", "\n")
    assert f"notice-studio: {STOPPED}\n" in text and "Traceback" not in text, text
    assert git(folder, "rev-parse", "HEAD") == before
    assert git(folder, "status", "--porcelain") == ""


def waiting_for_an_answer(pid: int) -> None:
    """Wait until the command sleeps in its read of the answer. A signal that lands between the
    question and that read is only noticed when a line is typed (CPython's input() checks signals
    when its read is interrupted), a window no person's Ctrl+C falls into."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        time.sleep(1.0)
        return
    asleep = 0
    deadline = time.monotonic() + 30
    while asleep < 3 and time.monotonic() < deadline:
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
        asleep = asleep + 1 if state == "S" else 0
        time.sleep(0.05)


def read_terminal(leader: int, until: bytes | None = None, seconds: float = 60) -> bytes:
    """What the command wrote to its terminal: up to `until`, else until it closed (or `seconds`)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while (until is None or until not in seen) and time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if not ready:
            if until is None and seen:
                break  # the command has ended and said all it had to say
            continue
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the command
            break
        if not chunk:
            break
        seen += chunk
    return seen


def test_the_sentence_says_what_state_the_notice_is_in_and_what_to_do() -> None:
    assert STOPPED.startswith("stopped by Ctrl+C") and "as it was last saved" in STOPPED
    assert STOPPED.endswith("run the command again to finish it.")


# ----- Ctrl+C after the version's tag is written: the version is published -----------------------
def _draft_after_v1(repo: NoticeRepo) -> str:
    """Publish v1, then save an edit in the draft; the folder (repo closed)."""
    import datetime as dt

    repo.publish(dt.date(2026, 1, 1), "First version.", True, "GC", AUTHOR)
    notice = repo.load()
    clause = notice.clauses[0]
    notice.set_body(clause.id, clause.body + " We answer letters within a week.")
    repo.save(notice, f"Edited '{clause.id}'", AUTHOR)
    folder = str(repo.path)
    repo.close()
    return folder


def test_ctrl_c_after_the_tag_is_written_says_the_version_was_published(
    repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The interrupt came as the new version was read back after `git tag`: v2 stands, so the
    command says so and exits 0, never 'the notice is as it was last saved … run it again'."""
    from notice_studio.cli import main

    folder = _draft_after_v1(repo)
    read_back = NoticeRepo.version

    def interrupted(self: NoticeRepo, name: str):
        if name == "v2" and "v2" in git(Path(folder), "tag").split():
            monkeypatch.setattr(NoticeRepo, "version", read_back)  # once
            raise KeyboardInterrupt
        return read_back(self, name)

    monkeypatch.setattr(NoticeRepo, "version", interrupted)
    code = main(["publish", folder, "--effective", "2026-02-01", "--force"])
    out, err = capsys.readouterr()
    assert git(Path(folder), "tag").split() == ["v1", "v2"]
    assert code == 0, err
    assert "v2 was published before the interrupt" in err and STOPPED not in err, err
    assert "Published v2" in out


def test_ctrl_c_before_the_tag_is_written_publishes_nothing(
    repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from notice_studio.cli import main
    from notice_studio.core.notice import store

    folder = _draft_after_v1(repo)

    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_version_message", interrupted)
    code = main(["publish", folder, "--effective", "2026-02-01", "--force"])
    err = capsys.readouterr().err
    assert (code, err) == (130, f"notice-studio: {STOPPED}\n")
    assert git(Path(folder), "tag").split() == ["v1"]

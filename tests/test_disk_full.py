"""A full disk, a broken git, folders that cannot be written: one sentence each, nothing half-done."""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from notice_support import AUTHOR, git, small_notice
from test_faults import assert_one_sentence, cli

from notice_studio.cli.common import run_command
from notice_studio.core.notice import git_program
from notice_studio.core.notice.lockfile import ProcessLock
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.store import LOCK_NAME, NoticeRepo
from notice_studio.core.oserrors import disk_full_in, os_sentence

_GIT_OUT_OF_SPACE = "fatal: sha1 file '.git/index.lock' write error. Out of diskspace"


def _refuse_every_ref_update(folder: Path, words: str = _GIT_OUT_OF_SPACE) -> None:
    """A hook in the real repository that fails each commit the way git does on a full disk."""
    hook = folder / ".git" / "hooks" / "reference-transaction"
    hook.write_text(f'#!/bin/sh\nif [ "$1" = prepared ]; then echo "{words}" >&2; exit 1; fi\nexit 0\n')
    hook.chmod(0o755)


def test_a_save_git_cannot_write_is_undone_and_said_as_a_full_disk(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    with NoticeRepo.create(folder, small_notice(), AUTHOR):
        pass
    _refuse_every_ref_update(folder)
    with NoticeRepo.open(folder) as repo:
        notice = repo.load()
        notice.variables["organisation.name"] = "Changed Ltd"
        with pytest.raises(NoticeError) as raised:
            repo.save(notice, "Filled in 'organisation.name'", AUTHOR)
    assert str(raised.value) == "The edit could not be saved because the disk is full; free some space and try again."
    assert git(folder, "status", "--porcelain") == ""
    assert not list((folder / ".git").glob("notice-studio-undo-*"))
    (folder / ".git" / "hooks" / "reference-transaction").unlink()
    assert cli("set", str(folder), "organisation.name=Later Ltd").returncode == 0


def _tmpfs(tmp_path: Path, size: str = "3m") -> Path | None:
    mount = tmp_path / "tiny"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        return None
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True)
    return mount if done.returncode == 0 else None


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB disk of its own (a tmpfs; root only), unmounted afterwards."""
    mount = _tmpfs(tmp_path)
    if mount is None:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def _fill_leaving(mount: Path, kilobytes: int) -> Path:
    filler = mount / "filler"
    free = shutil.disk_usage(mount).free // 1024
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(free - kilobytes, 0) * 1024)
    return filler


@pytest.mark.parametrize("left", [8, 16, 24, 32])
def test_a_save_on_a_nearly_full_disk_leaves_the_folder_as_last_saved(
    tmp_path: Path, small_disk: Path, left: int
) -> None:
    folder = small_disk / "n"
    with NoticeRepo.create(folder, small_notice(), AUTHOR):
        pass
    filler = _fill_leaving(small_disk, left)
    long_text = tmp_path / "long.md"
    long_text.write_text("Longer text that needs more room than the disk has left. " * 400)
    for args in (
        ["set", str(folder), "organisation.name=" + "Z" * 30],
        ["clause", "edit", str(folder), "security", "--file", str(long_text)],
    ):
        result = cli(*args)
        if result.returncode != 0:
            assert_one_sentence(result, "because the disk is full; free some space")
        assert git(folder, "status", "--porcelain") == "" or result.returncode == 0
    assert cli("outline", str(folder)).returncode == 0  # reading needs no room
    filler.unlink()
    assert git(folder, "status", "--porcelain") == ""
    assert cli("set", str(folder), "organisation.name=Roomy Ltd").returncode == 0


def test_the_command_line_says_any_full_disk_in_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    def full(_args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", "/somewhere/file")

    assert run_command(full, argparse.Namespace()) == 1
    assert capsys.readouterr().err == (
        "notice-studio: The command could not finish because the disk is full; free some space and try again.\n"
    )


def test_git_words_for_a_full_disk_are_recognised() -> None:
    assert disk_full_in(_GIT_OUT_OF_SPACE)
    assert disk_full_in("error: unable to write file: No space left on device")
    assert not disk_full_in("fatal: not a git repository")


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "because the disk is full; free some space"),
        (errno.EROFS, "because /x/out cannot be written; make it writable or choose another place"),
        (errno.EACCES, "because /x/out cannot be written"),
        (errno.ENAMETOOLONG, "because the name is too long"),
    ],
)
def test_one_sentence_for_each_operating_system_refusal(number: int, words: str) -> None:
    sentence = os_sentence(OSError(number, os.strerror(number), "/x/out"), "The website could not be written")
    assert sentence.startswith("The website could not be written " + words) and sentence.endswith(".")
    assert "\n" not in sentence


# ----- a git that is there but does not work (macOS's placeholder without the Command Line Tools)
def _placeholder_git(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "git"
    program.write_text(
        "#!/bin/sh\necho 'xcrun: error: invalid active developer path (/Library/Developer/CommandLineTools), "
        "missing xcrun at: /Library/Developer/CommandLineTools/usr/bin/xcrun' >&2\nexit 1\n"
    )
    program.chmod(0o755)
    return folder


def test_a_git_that_does_not_run_is_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _placeholder_git(tmp_path)
    monkeypatch.delenv("GIT_PYTHON_GIT_EXECUTABLE", raising=False)
    monkeypatch.setenv("PATH", str(folder))
    assert not git_program.runs(str(folder / "git"))
    assert git_program.find_git() is None


@pytest.mark.parametrize("args", [["outline", "somewhere"], []])
def test_cli_and_app_with_a_broken_git_say_what_to_install(tmp_path: Path, args: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GIT_PYTHON_GIT_EXECUTABLE"}
    env.update(
        PATH=str(_placeholder_git(tmp_path)),
        PYTHONPATH=str(Path(__file__).resolve().parents[1]),
        HOME=str(tmp_path),
        QT_QPA_PLATFORM="offscreen",
    )
    result = subprocess.run(
        [sys.executable, "-m", "notice_studio", *args], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "git program, which is not installed" in result.stderr


# ----- names too long, folders that cannot be written: the same one mapping, on every command
def test_a_notice_folder_name_too_long_is_one_sentence(tmp_path: Path) -> None:
    result = cli("new", str(tmp_path / ("é" * 200)), "--org", "Acme")  # 400 bytes: too long on Linux
    assert result.returncode == 1 and "Traceback" not in result.stderr
    last = result.stderr.splitlines()[-1]  # after the template's notes on what it leaves out
    assert "the name is too long" in last and "choose a shorter name" in last and "unexpected" not in last


def test_an_export_file_name_too_long_is_one_sentence(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    result = cli("export", str(tmp_path / "n"), "--format", "html", "--out", str(tmp_path / ("a" * 300 + ".html")))
    assert_one_sentence(result, "the name is too long")


def test_a_website_onto_a_read_only_disk_is_one_sentence(tmp_path: Path) -> None:
    mount = _tmpfs(tmp_path, "1m")
    if mount is None:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
            pass
        published = cli("publish", str(tmp_path / "n"), "--effective", "2026-01-05", "--force")
        assert published.returncode == 0, published.stderr
        assert subprocess.run(["mount", "-o", "remount,ro", str(mount)], capture_output=True).returncode == 0
        result = cli("site", str(tmp_path / "n"), "--out", str(mount / "site"))
        assert_one_sentence(result, f"because {mount / 'site'} cannot be written")
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


# ----- folders left by a killed import or `new`
def _left_behind(parent: Path, name: str, age: float) -> Path:
    """A making folder like one a killed `import` leaves: a whole git repository, hidden."""
    staging = parent / f".{name}.creating-x1y2z3"
    (staging / ".git").mkdir(parents=True)
    (staging / "notice.yaml").write_text("title: Left behind\n")
    then = time.time() - age
    os.utime(staging, (then, then))
    return staging


def test_making_a_notice_clears_what_a_killed_attempt_left_beside_it(tmp_path: Path) -> None:
    stale = _left_behind(tmp_path, "n", age=3600)
    young = _left_behind(tmp_path, "m", age=5)
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    assert not stale.exists()
    assert young.exists()  # another notice's, and perhaps being made now


def test_a_making_folder_a_live_process_holds_is_left_alone(tmp_path: Path) -> None:
    staging = _left_behind(tmp_path, "n", age=3600)
    holder = ProcessLock(staging / ".git" / LOCK_NAME)
    holder.acquire()
    try:
        with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
            pass
        assert staging.exists()
    finally:
        holder.release()


# ----- git's own lock, held by a git command someone runs by hand
_BY_HAND = ("-c", "user.name=Hand Typist", "-c", "user.email=hand@example.com")


def test_a_lock_held_by_a_running_git_commit_is_left_to_it(tmp_path: Path) -> None:
    if git_program.git_running_in(tmp_path) is None:
        pytest.skip("running git commands cannot be seen on this system (no /proc)")
    folder = tmp_path / "n"
    with NoticeRepo.create(folder, small_notice(), AUTHOR):
        pass
    (folder / "by-hand.txt").write_text("A note added by hand.\n")
    git(folder, "add", "by-hand.txt")
    git(folder, *_BY_HAND, "commit", "-q", "-m", "A note by hand")
    (folder / "by-hand.txt").write_text("The note, changed by hand.\n")
    by_hand = subprocess.Popen(  # waits in its editor, holding .git/index.lock (as `commit -a` does)
        ["git", *_BY_HAND, "commit", "-a"],
        cwd=folder,
        env={**os.environ, "GIT_EDITOR": "sleep 60; true"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        lock = folder / ".git" / "index.lock"
        deadline = time.time() + 10
        while not lock.exists() and time.time() < deadline:
            time.sleep(0.05)
        assert lock.exists()
        old = time.time() - 60  # old, yet in use
        os.utime(lock, (old, old))
        with NoticeRepo.open(folder, write=True) as repo:
            notice = repo.load()
            notice.set_body("security", "Saved while git commit waits.")
            with pytest.raises(NoticeError) as raised:
                repo.save(notice, "Edited 'Security'", AUTHOR)
        assert "git is busy in this folder" in str(raised.value) and "index.lock" in str(raised.value)
        assert lock.exists() and by_hand.poll() is None
    finally:
        by_hand.terminate()
        by_hand.wait(timeout=10)


@pytest.mark.parametrize("crashed", [True, False])
def test_where_git_commands_cannot_be_seen_a_crashed_windows_git_lock_is_cleared_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crashed: bool
) -> None:
    """On macOS and Windows (no /proc) a git lock counts as a crash's only after ten minutes, lest a
    `git commit` typed by hand lose it. But when the notice lock was left by a Notice Studio
    process that died, the git lock is that process's: clear it at once, as on Linux, rather than
    refusing every save for ten minutes after a crash of the app."""
    folder = tmp_path / "n"
    with NoticeRepo.create(folder, small_notice(), AUTHOR):
        pass
    monkeypatch.setattr(git_program, "git_running_in", lambda _folder: None)
    lock = folder / ".git" / "index.lock"
    lock.write_text("")
    old = time.time() - 30
    os.utime(lock, (old, old))
    if crashed:
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        (folder / ".git" / LOCK_NAME).write_text(f"{dead.pid} {socket.gethostname()}\n")
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        notice.set_body("security", "Saved after a crash.")
        if crashed:
            repo.save(notice, "Edited 'Security'", AUTHOR)
            assert not lock.exists()
        else:
            with pytest.raises(NoticeError, match="git is busy in this folder"):
                repo.save(notice, "Edited 'Security'", AUTHOR)
            assert lock.exists()


# ----- the notice lock a killed process left: say what held it
def test_a_lock_left_by_a_killed_command_names_the_command(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    with NoticeRepo.create(folder, small_notice(), AUTHOR):
        pass
    held = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    held.kill()
    held.wait()
    host = socket.gethostname()
    (folder / ".git" / LOCK_NAME).write_text(f"{held.pid} {host} notice-studio clause\n")  # as a killed CLI leaves it
    with NoticeRepo.open(folder, write=True) as repo:
        told = " ".join(repo.recovery.messages)
    assert f"A lock left by the command 'notice-studio clause' (process {held.pid} on {host})" in told
    assert "window" not in told


@pytest.mark.parametrize("left", [4, 8])
def test_publishing_on_a_full_disk_is_one_sentence(small_disk: Path, left: int) -> None:
    folder = small_disk / "n"
    with NoticeRepo.create(folder, small_notice(), AUTHOR):
        pass
    filler = _fill_leaving(small_disk, left)  # git cannot write the tag's (or the settings') lock file
    result = cli("publish", str(folder), "--effective", "2026-01-05", "--force")
    assert_one_sentence(result, "because the disk is full; free some space")
    filler.unlink()
    assert git(folder, "tag") == "" and git(folder, "status", "--porcelain") == ""

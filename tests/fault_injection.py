"""Fault injection for the harness: apply one kind of edit in a forked child that kills itself.

`edit_killed_at(folder, kind, n)` forks; the child applies the edit, and every file write,
file removal and writing git command is a step counted before it runs (after one step is
before the next). At step n the child sends itself SIGKILL: no cleanup, no `finally`. Before
a git command that takes git's own locks, one more step leaves those locks behind first, as a
git process killed mid-write would. Forking (rather than starting Python afresh) keeps each
kill at a few milliseconds, so every step of every edit kind fits in CI.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import signal
import sys
import traceback

import git
from notice_support import AUTHOR, small_notice

from notice_studio.core.notice import store as store_module
from notice_studio.core.notice.model import Clause, Provenance, Table
from notice_studio.core.notice.store import NoticeRepo

FOLDER = pathlib.Path()
KILL_AT = 0
_GIT_LOCKS = {"commit": ("index.lock", "refs/heads/main.lock"), "add": ("index.lock",), "config": ("config.lock",)}
_WRITING = {"init", "commit", "add", "config", "tag", "reset", "rm", "gc", "update-ref"}
_step = 0
_GIT_LOCKS = {"commit": ("index.lock", "refs/heads/main.lock"), "add": ("index.lock",), "config": ("config.lock",)}
_WRITING = {"init", "commit", "add", "config", "tag", "reset", "rm", "gc", "update-ref"}


def tick() -> None:
    global _step
    _step += 1
    if _step == KILL_AT:
        os.kill(os.getpid(), signal.SIGKILL)


_write = store_module.write_atomic  # the store's name for core.fileio.write_atomic


def write_atomic(path: pathlib.Path, text: str | bytes, *, durable: bool = True) -> None:
    tick()
    _write(path, text, durable=durable)


_unlink = pathlib.Path.unlink


def unlink(self: pathlib.Path, missing_ok: bool = False) -> None:
    watched = str(FOLDER) in str(self) and "/.git/" not in str(self)
    if watched:
        tick()
    _unlink(self, missing_ok=missing_ok)


_execute = git.cmd.Git.execute


def execute(self: git.cmd.Git, command: list[str], *args: object, **kwargs: object) -> object:
    verb = next((c for c in command[1:] if not c.startswith("-") and "=" not in c), "")
    if verb not in _WRITING:
        return _execute(self, command, *args, **kwargs)  # type: ignore[arg-type]
    tick()
    locks = _GIT_LOCKS.get(verb, ())
    if locks and _step + 1 == KILL_AT:
        git_dir = pathlib.Path(self._working_dir or FOLDER) / ".git"
        for lock in locks:
            (git_dir / lock).parent.mkdir(parents=True, exist_ok=True)
            (git_dir / lock).write_text("")
    if locks:
        tick()
    return _execute(self, command, *args, **kwargs)  # type: ignore[arg-type]


def _install(folder: pathlib.Path, kill_at: int) -> None:
    global FOLDER, KILL_AT
    FOLDER, KILL_AT = folder, kill_at
    store_module.write_atomic = write_atomic  # type: ignore[assignment]
    pathlib.Path.unlink = unlink  # type: ignore[method-assign]
    git.cmd.Git.execute = execute  # type: ignore[method-assign]


def edit(repo: NoticeRepo, kind: str) -> None:
    notice = repo.load()
    if kind == "edit":
        notice.set_body("security", "We protect your data with encryption and audits.")
    elif kind == "add":
        notice.add(Clause("complaints", "Complaints", "You may complain to a regulator."))
    elif kind == "insert":
        body = "We answer requests within one month."
        notice.add(Clause("requests", "Requests", body, Provenance("requests", 3, body, "Requests")), "security", 0)
    elif kind == "remove":
        notice.remove("security")  # and its sub-clause from the library, with its base file
    elif kind == "move":
        notice.move("children", None, 0)
    elif kind == "variable":
        notice.set_variable("organisation.name", "Acme Group plc")
    elif kind == "table":
        notice.tables["cookies"] = Table(["Name", "Purpose"], [["session", "Keeps you signed in"]])
    if kind == "publish":
        repo.publish(dt.date(2026, 1, 1), "First version.", True, "Jane Counsel", AUTHOR)
    elif kind == "restore":
        repo.restore("HEAD~1", AUTHOR)
    else:
        repo.save(notice, f"Fault harness: {kind}", AUTHOR)


def edit_killed_at(folder: pathlib.Path, kind: str, kill_at: int) -> bool:
    """Apply `kind` to `folder` in a forked child killed at step `kill_at`; True if it finished."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            _install(folder, kill_at)
            if kind == "create":
                NoticeRepo.create(folder, small_notice(), AUTHOR).close()
            else:
                with NoticeRepo.open(folder, write=True) as repo:
                    edit(repo, kind)
        except BaseException:  # noqa: BLE001 - reported through the exit status
            traceback.print_exc()
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return False
    assert os.WEXITSTATUS(status) == 0, f"the {kind} edit failed in the child (see its traceback above)"
    return True

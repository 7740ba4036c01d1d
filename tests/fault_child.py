"""Child process of the fault harness: applies one kind of edit, killing itself at write step N.

    python tests/fault_child.py FOLDER KIND N

Every file write, file removal and writing git command is a step, counted before it runs
(after one step is before the next); at step N the process sends itself SIGKILL (no cleanup,
no `finally`). Before a git command
that takes git's own locks, one more step leaves those locks behind first, as a git process
killed mid-write would. Exit 0 and "done" on stdout when the edit finished before step N.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import signal
import sys

import git

sys.path.insert(0, os.path.dirname(__file__))

from notice_support import AUTHOR, small_notice

from notice_studio.core.notice import store as store_module
from notice_studio.core.notice.model import Clause, Provenance, Table
from notice_studio.core.notice.store import NoticeRepo

FOLDER = pathlib.Path(sys.argv[1])
KIND = sys.argv[2]
KILL_AT = int(sys.argv[3])
_step = 0
_GIT_LOCKS = {"commit": ("index.lock", "refs/heads/main.lock"), "add": ("index.lock",), "config": ("config.lock",)}
_WRITING = {"init", "commit", "add", "config", "tag", "reset", "rm", "gc", "update-ref"}


def tick() -> None:
    global _step
    _step += 1
    if _step == KILL_AT:
        os.kill(os.getpid(), signal.SIGKILL)


_write = store_module._write_atomic


def write_atomic(path: pathlib.Path, text: str) -> None:
    tick()
    _write(path, text)


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


store_module._write_atomic = write_atomic  # type: ignore[assignment]
pathlib.Path.unlink = unlink  # type: ignore[method-assign]
git.cmd.Git.execute = execute  # type: ignore[method-assign]


def edit(repo: NoticeRepo) -> None:
    notice = repo.load()
    if KIND == "edit":
        notice.set_body("security", "We protect your data with encryption and audits.")
    elif KIND == "add":
        notice.add(Clause("complaints", "Complaints", "You may complain to a regulator."))
    elif KIND == "insert":
        body = "We answer requests within one month."
        notice.add(Clause("requests", "Requests", body, Provenance("requests", 3, body, "Requests")), "security", 0)
    elif KIND == "remove":
        notice.remove("security")  # and its sub-clause from the library, with its base file
    elif KIND == "move":
        notice.move("children", None, 0)
    elif KIND == "variable":
        notice.set_variable("organisation.name", "Acme Group plc")
    elif KIND == "table":
        notice.tables["cookies"] = Table(["Name", "Purpose"], [["session", "Keeps you signed in"]])
    if KIND == "publish":
        repo.publish(dt.date(2026, 1, 1), "First version.", True, "Jane Counsel", AUTHOR)
    elif KIND == "restore":
        repo.restore("HEAD~1", AUTHOR)
    else:
        repo.save(notice, f"Fault harness: {KIND}", AUTHOR)


if KIND == "create":
    NoticeRepo.create(FOLDER, small_notice(), AUTHOR).close()
else:
    with NoticeRepo.open(FOLDER, write=True) as notice_repo:
        edit(notice_repo)
print("done")

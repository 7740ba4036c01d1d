"""The notice lock: one Notice Studio process writes a notice at a time.

Where the system offers `flock` the lock is a kernel lock on `.git/notice-studio.lock`, taken
atomically and released by the kernel when its process dies, so a crash leaves nothing to clear
and two processes can never both hold it. The file records who holds it, for the message; it
is removed on release, and a process that locked a file just removed checks the inode and
tries again, so removal cannot let two holders in.
Elsewhere (Windows) it falls back to an exclusively created file, cleared when its owner is dead.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


_command = ""
"""The command this process runs ('notice-studio sync'), recorded in the lock so that another
process refused by it can say to wait for the command; '' in the app, whose window holds a notice
until it is closed."""


@contextmanager
def held_by_command(command: str) -> Iterator[None]:
    """Locks taken meanwhile record that a command, not a window, holds the notice."""
    global _command
    before, _command = _command, " ".join(command.split())
    try:
        yield
    finally:
        _command = before


class LockBusy(Exception):
    """Another live process holds the lock; `owner` says which, in words; `command` is the command
    it runs ('' for the app's window, or a lock recorded before commands were named)."""

    def __init__(self, owner: str, command: str = "") -> None:
        super().__init__(owner)
        self.owner = owner
        self.command = command


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _describe(text: str) -> str:
    parts = text.split()
    return f"process {parts[0]} on {parts[1]}" if len(parts) >= 2 else "another process"


def _busy(text: str) -> LockBusy:
    """The refusal for a lock whose file reads `text` ('pid host' and, for a command, the command)."""
    return LockBusy(_describe(text), " ".join(text.split()[2:]))


class ProcessLock:
    """`acquire()` returns True when it took over a lock left by a process that died."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.left_by: LockBusy | None = None
        """After `acquire()` took over a lock left by a process that died: who that was."""

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        if self._fd is not None:
            return False
        me = f"{os.getpid()} {socket.gethostname()} {_command}".strip().encode() + b"\n"
        if fcntl is None:  # pragma: no cover - Windows
            return self._acquire_exclusive_file(me)
        for _attempt in range(20):
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                busy = _busy(os.pread(fd, 400, 0).decode("utf-8", "replace"))
                os.close(fd)
                raise busy from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # the holder removed the file as we locked it: lock the new one
        else:
            raise LockBusy("another process")
        previous = os.pread(fd, 400, 0).decode("utf-8", "replace")
        left_behind = bool(previous.strip())
        self.left_by = _busy(previous) if left_behind else None
        os.ftruncate(fd, 0)
        os.pwrite(fd, me, 0)
        self._fd = fd
        return left_behind

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if fcntl is None:  # pragma: no cover - Windows
            os.close(fd)
            self.path.unlink(missing_ok=True)
            return
        try:
            self.path.unlink(missing_ok=True)  # while still locked; a racer re-checks the inode it locked
        finally:
            os.close(fd)  # closing releases the kernel lock

    def owner(self) -> LockBusy:
        try:
            return _busy(self.path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return LockBusy("another process")

    # ----- fallback without flock ----------------------------------------------------------
    def _acquire_exclusive_file(self, me: bytes) -> bool:  # pragma: no cover - Windows
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if self._stale():
                    self.path.unlink(missing_ok=True)
                    continue
                raise self.owner() from None
            os.write(fd, me)
            self._fd = fd
            return _attempt > 0
        raise self.owner()

    def _stale(self) -> bool:  # pragma: no cover - Windows
        try:
            parts = self.path.read_text().split()
            pid, host = int(parts[0]), parts[1]
        except (OSError, ValueError, IndexError):
            try:
                return time.time() - self.path.stat().st_mtime > 10
            except OSError:
                return True
        return host == socket.gethostname() and not _pid_alive(pid)

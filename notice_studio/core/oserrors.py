"""Operating-system failures (a full disk, a folder that cannot be written, a name too long) as
one plain sentence each. The one mapping: the store, exports, the website builder, the command
line and the app all say these things through `os_sentence` and `disk_full_in`."""

from __future__ import annotations

import errno
import os
import shutil

# How a full disk reads in git's error text: the C library's words, and git's own when it
# writes an object ("sha1 file '...' write error. Out of diskspace").
_DISK_FULL_WORDS = ("no space left on device", "out of diskspace", "disk quota exceeded")
_NOT_WRITABLE_WORDS = ("permission denied", "read-only file system")


def disk_full_in(text: str) -> bool:
    """Whether an error message (git's, or an OSError's) says the disk is full."""
    lowered = text.lower()
    return any(words in lowered for words in _DISK_FULL_WORDS)


# git's words when it could not write a file and does not say why (a ref's or the config's lock;
# "empty commit message": the message file git writes first came out empty, and every save gives one).
_WRITE_FAILED_WORDS = (
    "couldn't write",
    "could not write",
    "failed to write",
    "unable to write",
    "write error",
    "empty commit message",
)
NEARLY_FULL_BYTES = 1 << 20
"""Less free space than this on the disk, and a write that failed, is a full disk."""


def write_failed_for_space(text: str, folder: str | os.PathLike[str]) -> bool:
    """Whether a write git reports as failed, without saying why, failed because the disk that
    holds `folder` is (all but) full."""
    lowered = text.lower()
    if not any(words in lowered for words in _WRITE_FAILED_WORDS):
        return False
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def not_writable_in(text: str) -> bool:
    """Whether an error message says a file or folder cannot be written."""
    lowered = text.lower()
    return any(words in lowered for words in _NOT_WRITABLE_WORDS)


def disk_full_sentence(doing: str) -> str:
    return f"{doing} because the disk is full; free some space and try again."


def not_writable_sentence(doing: str, where: str, fix: str = "make it writable or choose another place") -> str:
    return f"{doing} because {where} cannot be written; {fix}, and try again."


def os_sentence(
    exc: OSError,
    doing: str,
    where: str = "",
    fix: str = "make it writable or choose another place",
) -> str:
    """An OSError as one sentence: what could not be done, why in plain words, what to do.
    `where`: how to name the place written (default: the file named by the error)."""
    place = where or (f"{exc.filename}" if exc.filename else "the folder")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or disk_full_in(str(exc)):
        return disk_full_sentence(doing)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return not_writable_sentence(doing, place, fix)
    if exc.errno == errno.ENAMETOOLONG:
        return f"{doing} because the name is too long for this computer's files; choose a shorter name and try again."
    return f"{doing} ({exc.strerror or exc}); check {place} and try again."


def first_os_error(exc: BaseException) -> OSError | None:
    """The OSError behind `exc` (itself, or what it was raised from), if any."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, OSError) and seen.errno is not None:
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def failure_sentence(exc: BaseException, doing: str) -> str | None:
    """One sentence for an unforeseen failure the operating system caused (a full disk, a
    read-only folder, a name too long), or None when it is something else."""
    found = first_os_error(exc)
    if found is not None:
        return os_sentence(found, doing)
    if disk_full_in(str(exc)):
        return disk_full_sentence(doing)
    return None

"""Writing a file so that readers see the old contents or the new, never half of either.

The one atomic writer: the store, exports, redlines, the website builder and the command line
all write through `write_atomic`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from notice_studio.core.notice.model import NoticeError


def umask() -> int:
    """The process's file-creation mask (read without changing it for long)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~umask()
"""What open() would give a new file (mkstemp's 0600 would hide notices from co-workers)."""


def write_atomic(path: str | os.PathLike[str], content: str | bytes, *, durable: bool = True) -> None:
    """Write `content` (text as UTF-8, line endings as given) to `path` in one step.

    The bytes go to a temporary file beside `path` and then replace it, so a crash or a full
    disk leaves the old file whole. A file that exists keeps its permissions; missing parent
    folders are made. `durable` flushes the data to disk before the rename (and, for a new file,
    the folder after it). A caller may skip that for a file whose text is committed to git right
    after (git syncs its own objects); a new file is always flushed.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        mode = target.stat().st_mode & 0o7777
        new = False
    except FileNotFoundError:
        mode, new = _NEW_FILE_MODE, True
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable or new:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if new:  # a new name must reach the disk too
        fsync_folder(target.parent)


def output_file(
    out: str | os.PathLike[str],
    example: str = "notice.html",
    *,
    kind: str = "",
    suffixes: Mapping[str, tuple[str, ...]] | None = None,
) -> Path:
    """Where an export, a comparison or a copy for review is written, checked before any work is
    done: the file's folder must already exist (a mistyped path makes no folders) and the path must
    not be a folder. `example`: a file name to suggest when a folder is given. With `kind` (a
    format) and `suffixes` (each format's file name endings), a name that ends as another
    format's file (a PDF called x.html) is refused: opened by its name, it would not open."""
    path = Path(out)
    if path.is_dir():
        raise NoticeError(f"{path} is a folder; give a file name, e.g. {path / example}.")
    if kind and suffixes:
        ending = path.suffix.lower()
        mine = suffixes.get(kind, ())
        if ending and ending not in mine and any(ending in theirs for theirs in suffixes.values()):
            raise NoticeError(
                f"{path.name} ends in {ending}, but the file will be {kind.upper()}; name it "
                f"{path.with_suffix(mine[0]).name if mine else path.stem} or choose the format that {ending} is for."
            )
    _parent_exists(path)
    return path


def output_folder(out: str | os.PathLike[str]) -> Path:
    """A folder to write files into (the website), checked the same way: it may be new, but the
    folder it goes in must exist, and it must not be a file."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise NoticeError(f"{path} is a file; choose a folder for the website.")
    _parent_exists(path)
    return path


def _parent_exists(path: Path) -> None:
    existing = path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise NoticeError(f"{existing} is a file, not a folder; choose another path for {path.name}.")
    if existing != path.parent:
        raise NoticeError(f"The folder {path.parent} does not exist; create it or choose another path.")


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (Windows cannot open a folder; its renames are durable)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)

"""A new notice's first commit in one step: every file in one `git fast-import` stream.

Adding thousands of clause files one object at a time (each flushed to disk) and packing them
again on closing took most of a large import; fast-import writes one pack, flushed once, and
`read-tree -u` then writes the folder from it. The store runs the git commands.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from notice_studio.core.progress import Progress, counted


def can_fast_import(files: dict[str, str]) -> bool:
    """False when a file has a carriage return: `git add` would normalise its line ends
    (.gitattributes says eol=lf), which a verbatim stream does not."""
    return not any("\r" in text for text in files.values())


def _ident(name: str, email: str, when: float) -> bytes:
    # git drops these from names and e-mail addresses too (ident.c); fast-import refuses them
    def clean(text: str) -> str:
        return "".join(c for c in text if c not in "<>\n").strip()

    offset = time.localtime(when).tm_gmtoff // 60
    sign = "-" if offset < 0 else "+"
    zone = f"{sign}{abs(offset) // 60:02d}{abs(offset) % 60:02d}"
    return f"{clean(name)} <{clean(email)}> {int(when)} {zone}".encode()


def _message(text: str) -> bytes:
    """As `git commit -m` keeps it: trailing spaces and surrounding blank lines gone, one newline at the end."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return ("\n".join(lines).strip("\n") + "\n").encode()


def fast_import_stream(
    files: dict[str, str],
    message: str,
    ref: str,
    author: tuple[str, str],
    committer: tuple[str, str],
    progress: Progress | None = None,
) -> bytes:
    """The fast-import commands that commit `files` (path -> text) as the first commit on `ref`."""
    when = time.time()
    parts: list[bytes] = []
    paths = sorted(files)
    for mark, rel in enumerate(counted(paths, len(paths), "Storing the notice's files", progress), 1):
        data = files[rel].encode("utf-8")
        parts.append(b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data))
    text = _message(message)
    parts.append(b"commit %s\n" % ref.encode())
    parts.append(b"author %s\ncommitter %s\n" % (_ident(*author, when), _ident(*committer, when)))
    parts.append(b"data %d\n%s\n" % (len(text), text))
    parts += [b'M 100644 :%d "%s"\n' % (mark, _quoted(rel)) for mark, rel in enumerate(paths, 1)]
    parts.append(b"\ndone\n")
    return b"".join(parts)


def _quoted(rel: str) -> bytes:
    return rel.replace("\\", "\\\\").replace('"', '\\"').encode("utf-8")


def flush_to_disk(folder: Path, paths: Iterable[str]) -> None:
    """Flush the files git wrote for the notice: one `sync` where the system has it, else each file."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for rel in paths:
        fd = os.open(folder / rel, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes only a writable file
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

"""Writing a file so that readers see the old contents or the new, never half of either."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_READABLE_BY_ALL = 0o644
"""New files are readable by everyone (mkstemp makes its temporary file private)."""


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write `content` (text as UTF-8 with the line endings given) to `path` in one step.

    The bytes go to a temporary file beside `path`, reach the disk, and then replace `path`, so a
    crash or a full disk leaves the old file whole. A file that exists keeps its permissions;
    missing parent folders are made.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _READABLE_BY_ALL
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

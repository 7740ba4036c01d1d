"""Writing a command's output file: atomically, and with a one-sentence error if it cannot be."""

from __future__ import annotations

from pathlib import Path

from notice_studio.cli.common import CommandError
from notice_studio.core.fileio import write_atomic


def write_output(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` (text as UTF-8); a refusal from the system becomes a CommandError."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise CommandError(f"Could not write {path} ({exc.strerror or exc}); choose another path") from None

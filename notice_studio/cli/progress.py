"""Progress of slow work on stderr: nothing for the first second, then a line per step and per
tenth of a counted step, so a large import shows it is moving without chattering on small ones."""

from __future__ import annotations

import sys
import time

SILENT_FOR_S = 1.0
"""Work that finishes sooner prints no progress at all."""


class StderrProgress:
    """A `Progress` (core/progress.py) that prints on stderr."""

    def __init__(self, silent_for: float | None = None) -> None:
        self._start = time.monotonic()
        self._silent_for = SILENT_FOR_S if silent_for is None else silent_for
        self._last: tuple[str, int] = ("", -1)

    def __call__(self, done: int, total: int, what: str) -> None:
        if time.monotonic() - self._start < self._silent_for:
            return
        tenth = done * 10 // total if total else -1
        if self._last == (what, tenth):
            return
        self._last = (what, tenth)
        if total:
            print(f"{what}: {done:,} of {total:,} ({done * 100 // total}%)", file=sys.stderr, flush=True)
        else:
            print(f"{what}…", file=sys.stderr, flush=True)

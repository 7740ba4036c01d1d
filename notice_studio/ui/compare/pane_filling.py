"""Drawing a long comparison a slice at a time: rows go into both panes for a few milliseconds,
the new rows are lined up, then the event loop runs before the next slice, so the window keeps
answering while a notice of tens of thousands of words is drawn (each QTextDocument edit block
lays out only the frames it added)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from notice_studio.ui.compare.diff_panes import ComparePane, align_rows

WRITE_MS = 8.0
"""Time spent writing rows per slice; laying them out and lining them up takes one to two times
as long again, so a slice keeps the window busy for some 20-30 ms."""


class PaneFilling(QObject):
    """Writes `rows` (diff_rows.pane_rows) into two panes in slices; `done` once every row is in.
    A filling that is `cancel`led (a newer one started, the window closed) writes nothing more."""

    done = Signal()

    def __init__(
        self, left: ComparePane, right: ComparePane, rows: Iterator[None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.left, self.right, self._rows = left, right, rows
        self.cancelled = False
        self.finished = False
        self._aligned = 0  # rows lined up so far (the rows start by emptying both panes)

    def start(self) -> None:
        """Write the first slice now (a short comparison is drawn at once), the rest later."""
        self._slice()

    def cancel(self) -> None:
        self.cancelled = True

    def _slice(self) -> None:
        if self.cancelled:
            return
        deadline = time.perf_counter() + WRITE_MS / 1000
        finished = True
        with self.left.editing(), self.right.editing():
            for _row in self._rows:
                if time.perf_counter() > deadline:
                    finished = False
                    break
        align_rows(self.left, self.right, self._aligned)  # the rows this slice added
        self._aligned = len(self.left.frames)
        if not finished:
            QTimer.singleShot(1, self._slice)  # a real timer: a due heartbeat or paint goes first
            return
        self.finished = True
        self.done.emit()

"""Keeping the two comparison panes in step: one scroll bar for both, and the rows lined up
again after a width change, a slice at a time (a long notice re-wraps every row, which takes
longer than the window may stay frozen)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QScrollBar

from notice_studio.ui.compare.diff_panes import ComparePane, align_rows, free_rows, lay_out_to, line_up

SLICE_MS = 8.0
"""Time spent lining up rows before the event loop runs again."""
SETTLE_MS = 120
"""How long the width must hold still before the rows are lined up again."""


class RowAligning(QObject):
    """Lines up every row of two panes in slices: free the fixed heights (the layout is lazy),
    lay both panes out a few rows further per slice, then give each row's shorter side the
    taller side's height. `done` once every row is level; a `cancel`led one does nothing more."""

    done = Signal()

    def __init__(self, left: ComparePane, right: ComparePane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = left, right
        self._frames = left.frames  # the panes refilled (a new list) stops this aligning
        self._rows = len(left.frames)
        self._laid = 0  # rows laid out on both sides at the new width
        self._level = 0  # rows lined up
        self._scroll = right.verticalScrollBar().value()
        self.cancelled = False
        self.finished = False

    def start(self) -> None:
        self._slice()

    def cancel(self) -> None:
        self.cancelled = True

    def _slice(self) -> None:
        if self.cancelled or self.left.frames is not self._frames:
            return
        deadline = time.perf_counter() + SLICE_MS / 1000
        while self._level < self._rows:
            if self._laid < self._rows:  # measuring a row lays out the rest of the notice at once
                lay_out_to(self.left, self._laid)
                lay_out_to(self.right, self._laid)
                self._laid += 1
            else:
                row = range(self._level, self._level + 1)
                free_rows(self.left, row)
                free_rows(self.right, row)
                line_up(self.left, self.right, self._level)
                self._level += 1
            if time.perf_counter() > deadline:
                break
        self.right.verticalScrollBar().setValue(self._scroll)
        if self._level < self._rows:
            QTimer.singleShot(1, self._slice)  # a real timer: a due heartbeat or paint goes first
            return
        self.finished = True
        self.done.emit()


class PaneSync(QObject):
    """Keeps the two panes in step: scrolling either scrolls both; a width change re-aligns.

    The panes hide their own scroll bars (so both have the same width and wrap alike); `bar`
    is the one scroll bar shown, beside the new side. Width changes are coalesced: the rows are
    lined up once the size has held still for a moment, in slices (RowAligning).
    """

    aligned = Signal()
    aligning_started = Signal()

    def __init__(self, left: ComparePane, right: ComparePane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = left, right
        self._busy = False
        self.aligning: RowAligning | None = None
        for pane in (left, right):
            pane.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.bar = QScrollBar(Qt.Orientation.Vertical)
        self.bar.setAccessibleName("Scroll both versions")
        inner = right.verticalScrollBar()
        inner.rangeChanged.connect(self._copy_range)
        inner.valueChanged.connect(self.bar.setValue)
        self.bar.valueChanged.connect(inner.setValue)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._align_in_slices)
        left.verticalScrollBar().valueChanged.connect(lambda v: self._follow(self.right, v))
        right.verticalScrollBar().valueChanged.connect(lambda v: self._follow(self.left, v))
        left.resized.connect(self.align_later)
        right.resized.connect(self.align_later)

    def _copy_range(self, low: int, high: int) -> None:
        inner = self.right.verticalScrollBar()
        self.bar.setRange(low, high)
        self.bar.setPageStep(inner.pageStep())
        self.bar.setSingleStep(inner.singleStep())

    def _follow(self, other: ComparePane, value: int) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            bar = other.verticalScrollBar()
            if bar.maximum() < value:
                bar.setMaximum(value)
            bar.setValue(value)
        finally:
            self._busy = False

    def align_later(self) -> None:
        """Line the rows up once the width stops changing (a drag sends a resize per step)."""
        self.stop_aligning()
        self._timer.start()

    def _align_in_slices(self) -> None:
        self.stop_aligning()
        if not self.left.frames:
            return
        aligning = self.aligning = RowAligning(self.left, self.right, self)
        aligning.done.connect(self.aligned)
        self.aligning_started.emit()
        aligning.start()

    def stop_aligning(self) -> None:
        """Line up nothing more (the window closes; a newer width or filling replaces it)."""
        if self.aligning is not None:
            self.aligning.cancel()
            self.aligning.deleteLater()
            self.aligning = None

    def align_now(self) -> None:
        self._timer.stop()
        self.stop_aligning()
        if not self.left.frames:
            return
        value = self.right.verticalScrollBar().value()
        align_rows(self.left, self.right)
        self.right.verticalScrollBar().setValue(value)
        self.aligned.emit()

    def scroll_to_row(self, index: int) -> None:
        top = max(0, int(self.right.row_top(index)) - 4)
        self.right.verticalScrollBar().setValue(top)
        self.left.verticalScrollBar().setValue(top)

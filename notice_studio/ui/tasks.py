"""Background work: a pool for reads (render, diff, checks) and one serial lane for git writes.

Results come back on the main thread through queued signals; workers never touch widgets.
Each request carries a token and late answers for an older token are dropped (debounce and
drop stale results, as git-cola's diff widget does).
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

T = TypeVar("T")
OnError = Callable[[Exception], object]
"""Called on the UI thread with the exception a job raised."""


class _Relay(QObject):
    # One list argument, never a bare None: PySide6 miscounts references to None passed
    # through queued `object` signals and eventually crashes ("deallocating None").
    finished = Signal(object)  # [callback, result]
    failed = Signal(object)  # [callback, exception]


class _Job(QRunnable):
    def __init__(
        self,
        fn: Callable[[], Any],
        relay: _Relay,
        on_done: Callable[[Any], object] | None,
        on_error: OnError | None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._relay, self._on_done, self._on_error = fn, relay, on_done, on_error

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - handed to the caller on the main thread
            exc.__notice_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.failed.emit([self._on_error, exc])
            return
        self._relay.finished.emit([self._on_done, result])


UI_SWITCH_S = 0.001
"""How long a worker may keep the interpreter once the UI thread asks for it. Workers run Python
(render, checks, diff) while the window works; at the default 5 ms every call from Qt into
Python during a paint (the outline's data(), the highlighter) could wait that long."""


class TaskRunner(QObject):
    """Runs callables off the UI thread and calls back on it.

    Reads asked for while the UI thread is busy (a handler opening a notice asks for five) start
    once it is back in the event loop, so they do not compete with the rest of that handler."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        if sys.getswitchinterval() > UI_SWITCH_S:
            sys.setswitchinterval(UI_SWITCH_S)
        self._waiting: list[_Job] = []
        self._starter = QTimer(self)
        self._starter.setSingleShot(True)
        self._starter.setInterval(0)
        self._starter.timeout.connect(self._start_waiting)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)  # git writes are serialised
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._relay.failed.connect(self._deliver)
        self._tokens: dict[str, int] = {}
        self._lock = threading.Lock()

    def _deliver(self, pair: list[Any]) -> None:
        callback, value = pair
        if callback is not None:
            callback(value)

    def run(
        self, fn: Callable[[], T], on_done: Callable[[T], object] | None = None, on_error: OnError | None = None
    ) -> None:
        self._waiting.append(_Job(fn, self._relay, on_done, on_error))
        self._starter.start()

    def _start_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for job in waiting:
            self._pool.start(job)

    def write(
        self, fn: Callable[[], T], on_done: Callable[[T], object] | None = None, on_error: OnError | None = None
    ) -> None:
        """Run a git write in the single write lane (one at a time, in order)."""
        self._writes.start(_Job(fn, self._relay, on_done, on_error))

    def latest(
        self, key: str, fn: Callable[[], T], on_done: Callable[[T], object], on_error: OnError | None = None
    ) -> None:
        """Run `fn`; deliver its result only if no newer request with the same key was made."""
        with self._lock:
            token = self._tokens.get(key, 0) + 1
            self._tokens[key] = token

        def done(result: T) -> None:
            if self._tokens.get(key) == token:
                on_done(result)

        def failed(exc: Exception) -> None:
            if self._tokens.get(key) == token and on_error:
                on_error(exc)

        self.run(fn, done, failed)

    def wait(self, msecs: int = 30000) -> bool:
        self._starter.stop()
        self._start_waiting()
        return self._pool.waitForDone(msecs) and self._writes.waitForDone(msecs)


class Debouncer(QObject):
    """Calls `fn` once, `delay_ms` after the last `poke()`; with `max_wait_ms`, also at the latest
    that long after the first poke it has not yet answered, however closely the pokes follow."""

    def __init__(
        self, delay_ms: int, fn: Callable[[], None], parent: QObject | None = None, max_wait_ms: int = 0
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max_wait_ms)
        self._deadline.timeout.connect(self._fire)
        self._max_wait = max_wait_ms > 0

    def _fire(self) -> None:
        self._timer.stop()
        self._deadline.stop()
        self._fn()

    def poke(self) -> None:
        self._timer.start()
        if self._max_wait and not self._deadline.isActive():
            self._deadline.start()

    def fire_now(self) -> None:
        if self._timer.isActive():
            self._fire()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

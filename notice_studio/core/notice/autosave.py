"""Coalescing autosave: many quick edits become one commit after an idle pause.

The caller hands over a snapshot of the notice's files (from `notice_files`) with each edit;
only the newest snapshot is committed, on a single background thread, once no edit has
arrived for `idle_seconds` (or at once on `flush()`: clause switch, close). Edits that keep
arriving never postpone the commit by more than `max_wait_seconds` after the first of them,
so a crash during continuous typing loses at most about that much (one commit a second). Commit messages
name every clause edited since the last commit. No Qt here: the app marshals the callbacks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from notice_studio.core.notice import messages
from notice_studio.core.notice.store import Author, NoticeRepo


class AutoSaver:
    def __init__(
        self,
        repo: NoticeRepo,
        author: Author | None = None,
        idle_seconds: float = 1.5,
        on_saved: Callable[[str | None], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        max_wait_seconds: float = 1.0,
    ) -> None:
        self._repo = repo
        self._author = author
        self._idle = idle_seconds
        self._max_wait = max(max_wait_seconds, 0.0)
        self._first_pending: float | None = None
        self._on_saved = on_saved
        self._on_error = on_error
        self._lock = threading.Lock()
        self._files: dict[str, str] | None = None
        self._titles: list[str] = []
        self._other: list[str] = []
        self._timer: threading.Timer | None = None
        self._commit_lock = threading.Lock()

    @property
    def pending(self) -> bool:
        with self._lock:
            return self._files is not None

    def set_author(self, author: Author) -> None:
        self._author = author

    def edited(self, files: dict[str, str], clause_title: str | None = None, message: str | None = None) -> None:
        """Record an edit: the notice's files after it, and the clause it touched (or a message)."""
        with self._lock:
            now = time.monotonic()
            if self._files is None or self._first_pending is None:
                self._first_pending = now
            self._files = files
            if clause_title and clause_title not in self._titles:
                self._titles.append(clause_title)
            if message and message not in self._other:
                self._other.append(message)
            if self._timer:
                self._timer.cancel()
            delay = max(0.0, min(self._idle, self._first_pending + self._max_wait - now))
            self._timer = threading.Timer(delay, self._commit_pending)
            self._timer.daemon = True
            self._timer.start()

    def flush(self) -> str | None:
        """Commit what is pending now, in the calling thread; returns the commit or None."""
        with self._lock:
            if self._timer:
                self._timer.cancel()
                self._timer = None
        return self._commit_pending()

    def _message(self, titles: list[str], other: list[str]) -> str:
        parts = [messages.edited(titles)] if titles else []
        parts += messages.coalesce(other)
        if not parts:
            return messages.edited([])
        return "; ".join(parts)

    def _commit_pending(self) -> str | None:
        with self._commit_lock:
            with self._lock:
                files, titles, other = self._files, self._titles, self._other
                self._files, self._titles, self._other = None, [], []
                self._timer = None
                self._first_pending = None
            if files is None:
                return None
            try:
                commit = self._repo.save_files(files, self._message(titles, other), self._author)
            except Exception as exc:
                with self._lock:  # keep the snapshot so the next flush retries it
                    if self._files is None:
                        self._files, self._titles, self._other = files, titles, other
                if self._on_error:
                    self._on_error(exc)
                    return None
                raise
            if self._on_saved:
                self._on_saved(commit)
            return commit

"""The Sync action: fetch, merge and send in the write lane, results back on the UI thread.

The window hands over what sync needs (the open notice's workspace, the task runner, and a way
to save pending typing first); it never waits for the network. The workspace decides; the
draft, read again in the background when edits arrived, is handed to whoever receives `synced`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.notice.store_remote import DEFAULT_REMOTE, SyncResult
from notice_studio.core.remote.merge import Resolution
from notice_studio.core.workspace import Workspace
from notice_studio.ui.tasks import TaskRunner


def make_sync_action(parent: QObject) -> QAction:
    """The one "Sync with server" entry the window puts in its menu (and anywhere else)."""
    action = QAction("S&ync with server", parent)
    action.setShortcut(QKeySequence("Ctrl+Alt+S"))
    action.setStatusTip("Receive the team's edits, merge them clause by clause, and send yours")
    return action


class SyncController(QObject):
    """Runs sync for one open notice through `action`, the window's one Sync entry (made here if not given)."""

    started = Signal()
    synced = Signal(object, object)  # SyncResult without conflicts; the draft as it now is (None: unchanged)
    conflicts = Signal(object)  # SyncResult whose conflicts the user must decide
    failed = Signal(str)  # one sentence

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        before_sync: Callable[[], None] | None = None,
        remote: str = DEFAULT_REMOTE,
        parent: QObject | None = None,
        action: QAction | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace, self._tasks = workspace, tasks
        self._before_sync = before_sync
        self._remote = remote
        self._busy = False
        self._released = False
        self.action = action if action is not None else make_sync_action(self)
        self.action.triggered.connect(self._triggered)

    def _triggered(self) -> None:
        self.sync()

    def release(self) -> None:
        """Stop answering the action (its notice was closed); a sync still running finishes on its own."""
        if not self._released:
            self._released = True
            self.action.triggered.disconnect(self._triggered)

    @property
    def busy(self) -> bool:
        return self._busy

    def sync(self, resolutions: Mapping[str, Resolution] | None = None) -> bool:
        """Start a sync (False if one is already running)."""
        if self._busy:
            return False
        if self._before_sync is not None:
            self._before_sync()  # hands pending typing to autosave; its commit runs first in the write lane
        self._busy = True
        if not self._released:
            self.action.setEnabled(False)
        self.started.emit()
        workspace, remote, chosen = self._workspace, self._remote, dict(resolutions or {})

        def work() -> tuple[SyncResult, Notice | None]:
            result = workspace.sync(remote, resolutions=chosen, reload=False)  # the window's tree is not ours to touch
            return result, workspace.repo.load() if result.draft_changed else None

        self._tasks.write(work, self._done, self._error)
        return True

    def _finish(self) -> None:
        self._busy = False
        if not self._released:
            self.action.setEnabled(True)

    def _done(self, outcome: tuple[SyncResult, Notice | None]) -> None:
        self._finish()
        result, notice = outcome
        if result.conflicts:
            self.conflicts.emit(result)
        else:
            self.synced.emit(result, notice)

    def _error(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, NoticeError):
            self.failed.emit(str(exc))
        else:
            from notice_studio.core.oserrors import failure_sentence  # a full disk and such in plain words

            said = failure_sentence(exc, "Sync stopped")
            self.failed.emit(said or f"Sync stopped unexpectedly ({exc.__class__.__name__}: {exc}); try again.")

"""Team work in the window: Sync with server, Open from server…, and the Reviews panel.

Built per open notice from the shared AppState; the window only adds the actions to its menus.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store_remote import SyncResult
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.remote.open_from_server import OpenFromServerDialog
from notice_studio.ui.remote.reviews_dock import ReviewsDock
from notice_studio.ui.remote.sync_action import SyncController, make_sync_action
from notice_studio.ui.session import Session


class TeamWork(QObject):
    def __init__(self, state: AppState, nav: Navigator, window: QMainWindow) -> None:
        super().__init__(window)
        self.state, self.nav, self.window = state, nav, window
        self.controller: SyncController | None = None
        self.reviews: ReviewsDock | None = None
        self._retired: list[ReviewsDock] = []
        self._controllers: list[SyncController] = []
        self.sync_action = make_sync_action(self)  # the one Sync entry; each notice's controller drives it
        self.open_action = QAction("Open from &server…", self)
        self.open_action.setStatusTip("Copy a notice from your team's git server and open it")
        self.open_action.triggered.connect(self.open_from_server)
        state.session_changed.connect(self._session_changed)
        self._session_changed(state.session)

    def _session_changed(self, session: Session | None) -> None:
        if self.controller is not None:
            self.controller.release()
            self.controller.setParent(None)  # a sync still running finishes on its own
            self._controllers.append(self.controller)
            self.controller = None
        if self.reviews is not None:
            # Kept alive with the window: a refresh still running in the background answers to it.
            self.window.removeDockWidget(self.reviews)
            self.reviews.hide()
            self._retired.append(self.reviews)
            self.reviews = None
        self.sync_action.setEnabled(session is not None)
        if session is None:
            return
        controller = SyncController(
            session.workspace, self.state.tasks, session.save_soon, parent=self, action=self.sync_action
        )
        controller.synced.connect(lambda result, notice: self._synced(session, result, notice))
        controller.conflicts.connect(self._conflicts)
        controller.failed.connect(self.nav.show_error)
        self.controller = controller
        # Asking git for the notice's servers is git work: off the UI thread.
        self.state.tasks.run(session.workspace.remotes, lambda remotes: self._show_reviews(session, bool(remotes)))

    def _show_reviews(self, session: Session, has_remote: bool) -> None:
        """A notice with a server gets the Reviews panel (hidden until asked for)."""
        if has_remote and self.state.session is session and self.reviews is None:
            dock = ReviewsDock(session.workspace, self.state.tasks, self.nav.current_clause_id, self.window)
            dock.setObjectName("reviews-dock")
            dock.compare_requested.connect(lambda version, draft: self.nav.compare(version or draft, "draft"))
            dock.failed.connect(self.nav.show_error)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            dock.refresh()
            self.reviews = dock

    def _synced(self, session: Session, result: SyncResult, notice: Notice | None) -> None:
        if notice is not None and self.state.session is session:
            session.replace_notice(notice)  # read in the background: the window only swaps it in
        self.nav.status(result.sentence, 8000)
        if result.diverged_versions:
            self.nav.show_error(result.diverged_sentence)  # needs a person's decision: not only a passing status
        if result.not_sent:
            self.nav.show_error(result.sentence)  # merged here while offline: say plainly it was not sent
        if self.reviews is not None:
            self.reviews.refresh()

    def _conflicts(self, result: SyncResult) -> None:
        """Open the comparison window in conflict mode: theirs / yours / result."""
        from notice_studio.ui.compare.diff_window import DiffWindow  # loaded when first needed, as for Compare

        window = DiffWindow.for_conflicts(self.state, self.nav, result.conflicts, self.window)
        if self.controller is not None and window.conflict_mode is not None:
            window.conflict_mode.decided.connect(self.controller.sync)
        window.show()

    def open_from_server(self) -> None:
        dialog = OpenFromServerDialog(self.state.tasks, Path.home(), self.window)
        dialog.opened.connect(lambda path: self.nav.open_notice_soon(Path(path)))
        dialog.exec()

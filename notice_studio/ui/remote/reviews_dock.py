"""The Reviews dock: open reviews and their state, comments, approve or ask for changes.

Reads and writes run through the task runner (records are git commits); the dock receives the
open notice's workspace (which decides), the runner, and which clause is selected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.notice.model import NoticeError
from notice_studio.core.remote.reviews import APPROVE, CHANGES, COMMENT, Review
from notice_studio.core.workspace import Workspace
from notice_studio.ui.tasks import TaskRunner

_VERB = {"request": "asked again", COMMENT: "commented", APPROVE: "approved", CHANGES: "asked for changes"}


class ReviewsDock(QDockWidget):
    """Reviews of the draft: ask, comment (on the selected clause), approve, ask for changes."""

    changed = Signal()  # a review record was added (share it with Sync)
    compare_requested = Signal(str, str)  # (published version or '', draft commit): open the comparison
    failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        current_clause: Callable[[], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Reviews", parent)
        self.setObjectName("ReviewsDock")
        self._workspace, self._tasks = workspace, tasks
        self._current_clause = current_clause or (lambda: None)
        self.reviews: list[Review] = []

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Review", "State", "Asked by"])
        self.tree.setAccessibleName("Reviews")
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.text = QLineEdit()
        self.text.setPlaceholderText("A note, a comment, or what should change")
        self.text.setAccessibleName("Review note or comment")
        self.ask = QPushButton("Ask for review")
        self.comment = QPushButton("Comment")
        self.approve = QPushButton("Approve")
        self.changes = QPushButton("Ask for changes")
        self.compare = QPushButton("Compare with published")
        self.compare.clicked.connect(self._compare)
        self.ask.clicked.connect(self.ask_for_review)
        self.comment.clicked.connect(lambda: self._add(COMMENT))
        self.approve.clicked.connect(lambda: self._add(APPROVE))
        self.changes.clicked.connect(lambda: self._add(CHANGES))

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        for button in (self.ask, self.comment, self.approve, self.changes):
            row.addWidget(button)
        layout.addWidget(self.compare)
        layout.addLayout(row)
        self.setWidget(body)
        self._update_buttons()

    # ----- reading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        workspace = self._workspace

        def load() -> list:
            return [workspace.reviews(include_closed=True), workspace.approval_problem()]

        self._tasks.latest("reviews", load, self._show, self._error)

    def _show(self, pair: list) -> None:
        reviews, problem = pair
        selected = self.selected_review_id()
        self.reviews = list(reviews)
        self.tree.clear()
        for review in reversed(self.reviews):
            item = QTreeWidgetItem([review.request.text or f"Review {review.id}", review.state, review.request.author])
            item.setData(0, Qt.ItemDataRole.UserRole, review.id)
            item.setToolTip(0, f"Review {review.id} of the draft {review.draft[:8]}")
            for event in review.events[1:]:
                about = f" on '{event.clause_id}'" if event.clause_id else ""
                child = QTreeWidgetItem([f"{_VERB[event.kind]}{about}: {event.text}".rstrip(": "), "", event.author])
                child.setData(0, Qt.ItemDataRole.UserRole, review.id)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            if review.id == selected:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self.status.setText(problem or "")
        self._update_buttons()

    def selected_review_id(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def _update_buttons(self) -> None:
        has = self.selected_review_id() is not None
        for button in (self.comment, self.approve, self.changes, self.compare):
            button.setEnabled(has)

    def _compare(self) -> None:
        review = next((r for r in self.reviews if r.id == self.selected_review_id()), None)
        if review is not None:
            self.compare_requested.emit(review.request.version, review.draft)

    # ----- writing ----------------------------------------------------------------------------
    def ask_for_review(self) -> None:
        workspace, note = self._workspace, self.text.text()
        self._tasks.write(lambda: workspace.request_review(note), self._written, self._error)

    def _add(self, kind: str) -> None:
        review_id = self.selected_review_id()
        if review_id is None:
            return
        text = self.text.text()
        clause = self._current_clause() if kind == COMMENT else ""
        workspace = self._workspace
        self._tasks.write(
            lambda: workspace.review_event(review_id, kind, text, clause or ""),
            self._written,
            self._error,
        )

    def _written(self, _result: object) -> None:
        self.text.clear()
        self.changed.emit()
        self.refresh()

    def _error(self, exc: BaseException) -> None:
        message = exc.in_app if isinstance(exc, NoticeError) else f"The reviews could not be read ({exc})."
        self.status.setText(message)
        self.failed.emit(message)

"""Structural edits go through a tree editor: the notice itself, or the app's outline adapter.

The workspace decides what an edit is (rules, messages); the tree editor performs it. The app
passes its `QAbstractItemModel` adapter, which wraps each change in begin/end row signals
around the same core `Notice` methods, so views update without a second copy of any rule.
"""

from __future__ import annotations

from typing import Protocol

from notice_studio.core.notice.model import Clause, Notice, Position


class TreeEditor(Protocol):
    def insert(self, clause: Clause, parent_id: str | None, index: int) -> Position: ...

    def remove(self, clause_id: str) -> tuple[Clause, Position]: ...

    def move(self, clause_id: str, parent_id: str | None, index: int) -> Position: ...

    def rename(self, clause_id: str, title: str, *, restoring: bool = False) -> str: ...

    def reset_notice(self, notice: Notice) -> None: ...


class NoticeTree:
    """The plain tree editor: the core notice's own methods (the command line uses this)."""

    def __init__(self, notice: Notice) -> None:
        self.notice = notice

    def insert(self, clause: Clause, parent_id: str | None, index: int) -> Position:
        return self.notice.add(clause, parent_id, index)

    def remove(self, clause_id: str) -> tuple[Clause, Position]:
        return self.notice.remove(clause_id)

    def move(self, clause_id: str, parent_id: str | None, index: int) -> Position:
        return self.notice.move(clause_id, parent_id, index)

    def rename(self, clause_id: str, title: str, *, restoring: bool = False) -> str:
        return self.notice.rename(clause_id, title, restoring=restoring)

    def reset_notice(self, notice: Notice) -> None:
        self.notice = notice

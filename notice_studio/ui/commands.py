"""Every user edit is one QUndoCommand whose redo/undo call the session (and so the core).

Undo puts back what the notice held before with `restoring=True`: a value saved by an older
version, over today's rule for typed values, comes back as it was on disk instead of raising
inside the undo step (see the workspace's note on restoring). Redo needs no such pass: what it
puts back was typed, and checked, in this session."""

from __future__ import annotations

import copy
import logging
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from notice_studio.core.diff.table_rows import table_edit_message
from notice_studio.core.notice import messages
from notice_studio.core.notice.model import Clause, Notice, NoticeError, Table
from notice_studio.core.practices.model import Practices
from notice_studio.core.workspace import LibraryUpdate, VariantSwap
from notice_studio.ui.session import Session

_MERGE_SECONDS = 2.0


class Command(QUndoCommand):
    """An undo step whose change the core may refuse. `apply` and `revert` make the change and
    put it back; when either raises, the step is marked obsolete (the undo stack drops it), the
    notice is left as the core left it (the core checks before it changes anything) and the
    window is told in one sentence, after the stack has finished (an exception must never reach
    the Qt event loop)."""

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self.session = session

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        try:
            self.apply()
        except Exception as exc:  # noqa: BLE001 - reported to the user, never raised into Qt
            self._failed(exc, "done")

    def undo(self) -> None:
        try:
            self.revert()
        except Exception as exc:  # noqa: BLE001 - reported to the user, never raised into Qt
            self._failed(exc, "undone")

    def _failed(self, exc: Exception, what: str) -> None:
        self.setObsolete(True)
        if isinstance(exc, NoticeError):
            message = exc.in_app
        else:
            logging.getLogger(__name__).error("%r could not be %s", self.text(), what, exc_info=exc)
            message = (
                f"'{self.text()}' could not be {what}, so it was taken off the undo list and the notice is as it was; "
                "save your work and report this (the details are in the log)."
            )
        session = self.session  # not self: the stack deletes an obsolete step once this returns
        QTimer.singleShot(0, session, lambda: session.command_failed.emit(message))


class EditBody(Command):
    """Typing in one clause; consecutive typing merges into one undo step."""

    ID = 1

    def __init__(self, session: Session, clause_id: str, old: str, new: str, cursor: int = -1) -> None:
        title = session.notice.find(clause_id).title
        super().__init__(session, f"Typing in '{title}'")
        self.clause_id, self.old, self.new = clause_id, old, new
        self.cursor = cursor
        self.stamp = time.monotonic()

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditBody) or other.clause_id != self.clause_id or other.isObsolete():
            return False  # a refused step is dropped, never folded into the one before it
        if other.stamp - self.stamp > _MERGE_SECONDS:
            return False
        self.new, self.cursor, self.stamp = other.new, other.cursor, other.stamp
        return True

    def apply(self) -> None:
        if self.session.notice.find(self.clause_id).body != self.new:
            self.session.set_body(self.clause_id, self.new)
            self.session.reveal.emit(self.clause_id)

    def revert(self) -> None:
        self.session.set_body(self.clause_id, self.old)
        self.session.reveal.emit(self.clause_id)


class Rename(Command):
    def __init__(self, session: Session, clause_id: str, title: str) -> None:
        self.old = session.notice.find(clause_id).title
        super().__init__(session, messages.renamed(self.old, title))
        self.clause_id, self.title = clause_id, " ".join(title.split())

    def apply(self) -> None:
        self.session.rename(self.clause_id, self.title)
        self.session.reveal.emit(self.clause_id)

    def revert(self) -> None:
        self.session.rename(self.clause_id, self.old, restoring=True)
        self.session.reveal.emit(self.clause_id)


class AddClause(Command):
    def __init__(
        self, session: Session, clause: Clause, parent_id: str | None, index: int, from_library: bool = False
    ) -> None:
        text = messages.added(clause.title, clause.title if from_library else None)
        super().__init__(session, text)
        self.clause, self.parent_id, self.index = clause, parent_id, index

    def apply(self) -> None:
        self.session.insert(self.clause, self.parent_id, self.index, self.text())

    def revert(self) -> None:
        self.session.remove(self.clause.id, f"Undid: {self.text()}")


class RemoveClause(Command):
    def __init__(self, session: Session, clause_id: str) -> None:
        clause = session.notice.find(clause_id)
        super().__init__(session, messages.removed(clause.title))
        self.clause_id = clause_id
        self.clause: Clause | None = None
        self.parent_id: str | None = None
        self.index = 0

    def apply(self) -> None:
        self.clause, self.parent_id, self.index = self.session.remove(self.clause_id, self.text())

    def revert(self) -> None:
        assert self.clause is not None
        self.session.insert(self.clause, self.parent_id, self.index, f"Restored '{self.clause.title}'")


class MoveClause(Command):
    def __init__(self, session: Session, clause_id: str, parent_id: str | None, index: int) -> None:
        old = session.notice.position(clause_id)
        self.old_parent, self.old_index = old.parent_id, old.index
        super().__init__(session, session.workspace.move_message(clause_id, parent_id, index))
        self.clause_id, self.parent_id, self.index = clause_id, parent_id, index

    def apply(self) -> None:
        self.session.move(self.clause_id, self.parent_id, self.index, self.text())

    def revert(self) -> None:
        self.session.move(self.clause_id, self.old_parent, self.old_index, f"Undid: {self.text()}")


class SetVariable(Command):
    ID = 2

    def __init__(self, session: Session, name: str, value: str) -> None:
        super().__init__(session, f"Fill in '{name}'")
        self.name, self.value = name, value
        self.old = session.notice.variables.get(name, "")
        self.stamp = time.monotonic()

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if other.isObsolete():
            return False  # a refused step is dropped, never folded into the one before it
        if isinstance(other, SetVariable) and other.name == self.name and other.stamp - self.stamp < _MERGE_SECONDS:
            self.value, self.stamp = other.value, other.stamp
            return True
        return False

    def apply(self) -> None:
        if self.session.notice.variables.get(self.name, "") != self.value:
            self.session.set_variable(self.name, self.value)

    def revert(self) -> None:
        self.session.set_variable(self.name, self.old, restoring=True)


class EditTable(Command):
    def __init__(self, session: Session, name: str, table: Table | None, text: str | None = None) -> None:
        old = session.notice.tables.get(name)
        super().__init__(session, text or table_edit_message(name, old, table))
        self.name = name
        self.old = copy.deepcopy(old) if old else None
        self.new = copy.deepcopy(table) if table else None

    def apply(self) -> None:
        self.session.set_table(self.name, copy.deepcopy(self.new))

    def revert(self) -> None:
        self.session.set_table(self.name, copy.deepcopy(self.old), restoring=True)


class UpdateFromLibrary(Command):
    """Take a newer library version, or another variant (title, text, provenance), as the
    workspace planned it."""

    def __init__(self, session: Session, update: LibraryUpdate) -> None:
        self.message = update.message or messages.updated_from_library(update.after.title, update.version)
        what = "Switch '{}' to another variant" if update.message else "Update '{}' from the library"
        super().__init__(session, what.format(update.before.title))
        self.update = update

    def apply(self) -> None:
        self.session.set_clause_state(self.update.clause_id, self.update.after, self.message)
        self.session.reveal.emit(self.update.clause_id)

    def revert(self) -> None:
        self.session.set_clause_state(self.update.clause_id, self.update.before, f"Undid: {self.message}")
        self.session.reveal.emit(self.update.clause_id)


class SetPractices(Command):
    """A change to the data inventory (the Practices panel)."""

    def __init__(self, session: Session, practices: Practices, message: str) -> None:
        super().__init__(session, message)
        self.new, self.message = copy.deepcopy(practices), message
        self.old = copy.deepcopy(session.notice.practices)

    def apply(self) -> None:
        self.session.set_practices(copy.deepcopy(self.new), self.message)

    def revert(self) -> None:
        if self.old is not None:
            self.session.set_practices(copy.deepcopy(self.old), f"Undid: {self.message}", restoring=True)


class SwapVariants(Command):
    """Clauses replaced by the library variants that fit the practices (the Practices panel)."""

    def __init__(self, session: Session, swaps: list[VariantSwap]) -> None:
        from notice_studio.core.workspace.workspace import messages_for_swaps

        self.message = messages_for_swaps(swaps)
        super().__init__(session, "Use the clause variants that fit the practices")
        self.swaps = list(swaps)

    def apply(self) -> None:
        self.session.apply_variant_swaps(self.swaps)

    def revert(self) -> None:
        for swap in self.swaps:
            self.session.set_clause_state(swap.clause_id, swap.before, f"Undid: {self.message}")
        self.session.practices_changed.emit()  # the panel proposes the swaps again


class SetNoticeSetting(Command):
    """One of the notice's settings: a publishing rule or its language (File > Notice settings)."""

    def __init__(self, session: Session, name: str, value: object, label: str) -> None:
        super().__init__(session, f"Change '{label}'")
        self.name, self.value = name, value
        self.old: object = None

    def apply(self) -> None:
        self.old = self.session.set_setting(self.name, self.value)

    def revert(self) -> None:
        self.session.set_setting(self.name, self.old)


class SetLaws(Command):
    """The laws the notice is written for (File > Notice settings)."""

    def __init__(self, session: Session, laws: list[str]) -> None:
        super().__init__(session, "Change the notice's laws")
        self.laws = list(laws)
        self.old: list[str] = list(session.notice.jurisdictions)

    def apply(self) -> None:
        self.old = self.session.set_laws(self.laws)

    def revert(self) -> None:
        self.session.set_laws(self.old, restoring=True)


class RestoreDraft(Command):
    """History > Restore…: an earlier version or edit became the draft, already saved by the store
    (`message` is that edit's). Undo puts back the draft as it was before, as one saved edit, and
    the steps before it stay undoable: they were made on that very draft (the same objects)."""

    def __init__(self, session: Session, before: Notice, after: Notice, message: str) -> None:
        super().__init__(session, message)
        self.before, self.after, self.message = before, after, message
        self._saved = True  # the first redo shows what the store already saved

    def apply(self) -> None:
        self.session.swap_draft(self.after, None if self._saved else self.message)
        self._saved = False

    def revert(self) -> None:
        self.session.swap_draft(self.before, f"Undid: {self.message}")

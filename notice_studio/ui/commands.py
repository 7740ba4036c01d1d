"""Every user edit is one QUndoCommand whose redo/undo call the session (and so the core).

Undo puts back what the notice held before with `restoring=True`: a value saved by an older
version, over today's rule for typed values, comes back as it was on disk instead of raising
inside the undo step (see the workspace's note on restoring). Redo needs no such pass: what it
puts back was typed, and checked, in this session."""

from __future__ import annotations

import copy
import time

from PySide6.QtGui import QUndoCommand

from notice_studio.core.diff.table_rows import table_edit_message
from notice_studio.core.notice import messages
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.practices.model import Practices
from notice_studio.core.workspace import LibraryUpdate, VariantSwap
from notice_studio.ui.session import Session

_MERGE_SECONDS = 2.0


class EditBody(QUndoCommand):
    """Typing in one clause; consecutive typing merges into one undo step."""

    ID = 1

    def __init__(self, session: Session, clause_id: str, old: str, new: str, cursor: int = -1) -> None:
        title = session.notice.find(clause_id).title
        super().__init__(f"Typing in '{title}'")
        self.session, self.clause_id, self.old, self.new = session, clause_id, old, new
        self.cursor = cursor
        self.stamp = time.monotonic()

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditBody) or other.clause_id != self.clause_id:
            return False
        if other.stamp - self.stamp > _MERGE_SECONDS:
            return False
        self.new, self.cursor, self.stamp = other.new, other.cursor, other.stamp
        return True

    def redo(self) -> None:
        if self.session.notice.find(self.clause_id).body != self.new:
            self.session.set_body(self.clause_id, self.new)
            self.session.reveal.emit(self.clause_id)

    def undo(self) -> None:
        self.session.set_body(self.clause_id, self.old)
        self.session.reveal.emit(self.clause_id)


class Rename(QUndoCommand):
    def __init__(self, session: Session, clause_id: str, title: str) -> None:
        self.old = session.notice.find(clause_id).title
        super().__init__(messages.renamed(self.old, title))
        self.session, self.clause_id, self.title = session, clause_id, " ".join(title.split())

    def redo(self) -> None:
        self.session.rename(self.clause_id, self.title)
        self.session.reveal.emit(self.clause_id)

    def undo(self) -> None:
        self.session.rename(self.clause_id, self.old, restoring=True)
        self.session.reveal.emit(self.clause_id)


class AddClause(QUndoCommand):
    def __init__(
        self, session: Session, clause: Clause, parent_id: str | None, index: int, from_library: bool = False
    ) -> None:
        text = messages.added(clause.title, clause.title if from_library else None)
        super().__init__(text)
        self.session, self.clause, self.parent_id, self.index = session, clause, parent_id, index

    def redo(self) -> None:
        self.session.insert(self.clause, self.parent_id, self.index, self.text())

    def undo(self) -> None:
        self.session.remove(self.clause.id, f"Undid: {self.text()}")


class RemoveClause(QUndoCommand):
    def __init__(self, session: Session, clause_id: str) -> None:
        clause = session.notice.find(clause_id)
        super().__init__(messages.removed(clause.title))
        self.session, self.clause_id = session, clause_id
        self.clause: Clause | None = None
        self.parent_id: str | None = None
        self.index = 0

    def redo(self) -> None:
        self.clause, self.parent_id, self.index = self.session.remove(self.clause_id, self.text())

    def undo(self) -> None:
        assert self.clause is not None
        self.session.insert(self.clause, self.parent_id, self.index, f"Restored '{self.clause.title}'")


class MoveClause(QUndoCommand):
    def __init__(self, session: Session, clause_id: str, parent_id: str | None, index: int) -> None:
        old = session.notice.position(clause_id)
        self.old_parent, self.old_index = old.parent_id, old.index
        super().__init__(session.workspace.move_message(clause_id, parent_id, index))
        self.session, self.clause_id, self.parent_id, self.index = session, clause_id, parent_id, index

    def redo(self) -> None:
        self.session.move(self.clause_id, self.parent_id, self.index, self.text())

    def undo(self) -> None:
        self.session.move(self.clause_id, self.old_parent, self.old_index, f"Undid: {self.text()}")


class SetVariable(QUndoCommand):
    ID = 2

    def __init__(self, session: Session, name: str, value: str) -> None:
        super().__init__(f"Fill in '{name}'")
        self.session, self.name, self.value = session, name, value
        self.old = session.notice.variables.get(name, "")
        self.stamp = time.monotonic()

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, SetVariable) and other.name == self.name and other.stamp - self.stamp < _MERGE_SECONDS:
            self.value, self.stamp = other.value, other.stamp
            return True
        return False

    def redo(self) -> None:
        if self.session.notice.variables.get(self.name, "") != self.value:
            self.session.set_variable(self.name, self.value)

    def undo(self) -> None:
        self.session.set_variable(self.name, self.old, restoring=True)


class EditTable(QUndoCommand):
    def __init__(self, session: Session, name: str, table: Table | None, text: str | None = None) -> None:
        old = session.notice.tables.get(name)
        super().__init__(text or table_edit_message(name, old, table))
        self.session, self.name = session, name
        self.old = copy.deepcopy(old) if old else None
        self.new = copy.deepcopy(table) if table else None

    def redo(self) -> None:
        self.session.set_table(self.name, copy.deepcopy(self.new))

    def undo(self) -> None:
        self.session.set_table(self.name, copy.deepcopy(self.old), restoring=True)


class UpdateFromLibrary(QUndoCommand):
    """Take a newer library version, or another variant (title, text, provenance), as the
    workspace planned it."""

    def __init__(self, session: Session, update: LibraryUpdate) -> None:
        self.message = update.message or messages.updated_from_library(update.after.title, update.version)
        what = "Switch '{}' to another variant" if update.message else "Update '{}' from the library"
        super().__init__(what.format(update.before.title))
        self.session, self.update = session, update

    def redo(self) -> None:
        self.session.set_clause_state(self.update.clause_id, self.update.after, self.message)
        self.session.reveal.emit(self.update.clause_id)

    def undo(self) -> None:
        self.session.set_clause_state(self.update.clause_id, self.update.before, f"Undid: {self.message}")
        self.session.reveal.emit(self.update.clause_id)


class SetPractices(QUndoCommand):
    """A change to the data inventory (the Practices panel)."""

    def __init__(self, session: Session, practices: Practices, message: str) -> None:
        super().__init__(message)
        self.session, self.new, self.message = session, copy.deepcopy(practices), message
        self.old = copy.deepcopy(session.notice.practices)

    def redo(self) -> None:
        self.session.set_practices(copy.deepcopy(self.new), self.message)

    def undo(self) -> None:
        if self.old is not None:
            self.session.set_practices(copy.deepcopy(self.old), f"Undid: {self.message}", restoring=True)


class SwapVariants(QUndoCommand):
    """Clauses replaced by the library variants that fit the practices (the Practices panel)."""

    def __init__(self, session: Session, swaps: list[VariantSwap]) -> None:
        from notice_studio.core.workspace.workspace import messages_for_swaps

        self.message = messages_for_swaps(swaps)
        super().__init__("Use the clause variants that fit the practices")
        self.session, self.swaps = session, list(swaps)

    def redo(self) -> None:
        self.session.apply_variant_swaps(self.swaps)

    def undo(self) -> None:
        for swap in self.swaps:
            self.session.set_clause_state(swap.clause_id, swap.before, f"Undid: {self.message}")
        self.session.practices_changed.emit()  # the panel proposes the swaps again


class SetNoticeSetting(QUndoCommand):
    """One of the notice's publishing rules (File > Notice settings)."""

    def __init__(self, session: Session, name: str, value: object, label: str) -> None:
        super().__init__(f"Change '{label}'")
        self.session, self.name, self.value = session, name, value
        self.old: object = None

    def redo(self) -> None:
        self.old = self.session.set_setting(self.name, self.value)

    def undo(self) -> None:
        self.session.set_setting(self.name, self.old)


class SetLaws(QUndoCommand):
    """The laws the notice is written for (File > Notice settings)."""

    def __init__(self, session: Session, laws: list[str]) -> None:
        super().__init__("Change the notice's laws")
        self.session, self.laws = session, list(laws)
        self.old: list[str] = list(session.notice.jurisdictions)

    def redo(self) -> None:
        self.old = self.session.set_laws(self.laws)

    def undo(self) -> None:
        self.session.set_laws(self.old, restoring=True)


class RestoreDraft(QUndoCommand):
    """History > Restore…: an earlier version or edit became the draft, already saved by the store
    (`message` is that edit's). Undo puts back the draft as it was before, as one saved edit, and
    the steps before it stay undoable: they were made on that very draft (the same objects)."""

    def __init__(self, session: Session, before: Notice, after: Notice, message: str) -> None:
        super().__init__(message)
        self.session, self.before, self.after, self.message = session, before, after, message
        self._saved = True  # the first redo shows what the store already saved

    def redo(self) -> None:
        self.session.swap_draft(self.after, None if self._saved else self.message)
        self._saved = False

    def undo(self) -> None:
        self.session.swap_draft(self.before, f"Undid: {self.message}")

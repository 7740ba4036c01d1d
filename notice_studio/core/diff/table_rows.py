"""Which columns and words a changed table's rows are shown with: one rule for the comparison
window and the HTML redline (the Word redline tracks the whole table in place)."""

from __future__ import annotations

from notice_studio.core.diff.notices import ChangeKind, RowChange, TableChange

__all__ = ["hidden_columns", "row_status", "shown_columns"]

_STATUS = {ChangeKind.ADDED: "Added", ChangeKind.REMOVED: "Removed"}


def shown_columns(t: TableChange) -> list[str]:
    """The columns a reader needs, new order first: all of them when a row was added or
    removed, otherwise the first (what names the row) and those with a changed cell, added
    or removed (a seven-column table breaks words in half a laptop screen)."""
    every = list(dict.fromkeys(t.new_columns + t.old_columns))
    if any(r.kind != ChangeKind.MODIFIED for r in t.rows):
        return every
    changed = {c for r in t.rows for c in r.changed_columns} | set(t.columns_added) | set(t.columns_removed)
    return [c for n, c in enumerate(every) if n == 0 or c in changed]


def hidden_columns(t: TableChange) -> list[str]:
    """The unchanged columns `shown_columns` leaves out."""
    shown = shown_columns(t)
    return [c for c in dict.fromkeys(t.new_columns + t.old_columns) if c not in shown]


def row_status(row: RowChange) -> str:
    """What happened to a row in words, not colour alone: 'Changed: Duration', 'Added', 'Removed'."""
    return _STATUS.get(row.kind) or "Changed: " + ", ".join(row.changed_columns)

"""Which columns and words a changed table's rows are shown with: one rule for the comparison
window and the HTML redline (the Word redline tracks the whole table in place)."""

from __future__ import annotations

from notice_studio.core.diff.notices import ChangeKind, RowChange, TableChange, align_rows
from notice_studio.core.notice import messages
from notice_studio.core.notice.model import Table
from notice_studio.core.wording import plural

__all__ = [
    "GRID_COLUMNS",
    "hidden_columns",
    "listed_columns",
    "listed_row_by_row",
    "row_status",
    "shown_columns",
    "table_edit_message",
]

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


GRID_COLUMNS = 4
"""The most columns a changed table's rows are shown under as a grid (in half a 1366-pixel
window, or a 320-pixel phone, without breaking words); a wider table lists each changed row's
cells one under another instead (the comparison window and the HTML redline alike)."""


def listed_row_by_row(t: TableChange) -> bool:
    """True when `t`'s changed rows are too wide for a grid and are listed cell under cell."""
    return len(shown_columns(t)) > GRID_COLUMNS


def listed_columns(row: RowChange, every: tuple[str, ...]) -> list[str]:
    """The cells a row listed cell under cell shows: every cell of an added or removed row, the
    changed ones of a changed row (`every`: that side's columns, in order)."""
    return [c for c in every if row.kind != ChangeKind.MODIFIED or c in row.changed_columns]


def hidden_columns(t: TableChange) -> list[str]:
    """The unchanged columns `shown_columns` leaves out."""
    shown = shown_columns(t)
    return [c for c in dict.fromkeys(t.new_columns + t.old_columns) if c not in shown]


def row_status(row: RowChange) -> str:
    """What happened to a row in words, not colour alone: 'Changed: Duration', 'Added', 'Removed'."""
    return _STATUS.get(row.kind) or "Changed: " + ", ".join(row.changed_columns)


def table_edit_message(name: str, old: Table | None, new: Table | None) -> str:
    """The history's words for one table edit: "Edited the cookies table: row 'Analytics',
    column 'Duration'", "...: 3 cells", "...: added row 'theme'", "...: removed column 'Expires'"."""
    label = name.replace("-", " ")
    if old is None or new is None:
        return f"{'Added' if old is None else 'Removed'} the {label} table"
    rows = align_rows(old, new)
    cells = [(r.name, c.column) for r in rows if r.kind == ChangeKind.MODIFIED for c in r.cells]
    parts = []
    if len(cells) == 1:
        parts.append(f"row '{cells[0][0]}', column '{cells[0][1]}'")
    elif len({row for row, _ in cells}) == 1:
        parts.append(f"row '{cells[0][0]}', {len(cells)} cells")
    elif cells:
        parts.append(plural(len(cells), "cell"))
    for kind, verb in ((ChangeKind.ADDED, "added"), (ChangeKind.REMOVED, "removed")):
        names = [r.name for r in rows if r.kind == kind]
        if len(names) == 1:
            parts.append(f"{verb} row '{names[0]}'" if names[0] else f"{verb} a row")
        elif names:
            parts.append(f"{verb} {plural(len(names), 'row')}")
    for verb, columns in (
        ("added", [c for c in new.columns if c not in old.columns]),
        ("removed", [c for c in old.columns if c not in new.columns]),
    ):
        if len(columns) == 1:
            parts.append(f"{verb} column '{columns[0]}'")
        elif columns:
            parts.append(f"{verb} {plural(len(columns), 'column')}")
    if not parts and old.rows != new.rows:
        parts.append("moved rows")
    elif not parts and old.columns != new.columns:
        parts.append("moved columns")
    return messages.table_edited(name, ", ".join(parts))

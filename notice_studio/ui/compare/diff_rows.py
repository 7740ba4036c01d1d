"""What the comparison window shows for each change: summary lines and the rows of both panes.

Pure drawing of an immutable NoticeDiff: one row per clause (in the new reading order, removed
clauses where they were), then one per changed placeholder value, table and notice detail.
The words shown are what readers see (placeholder values filled in), as the redline does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from notice_studio.core.diff.notices import ChangeKind, ClauseChange, NoticeDiff, RowChange, TableChange, VariableChange
from notice_studio.core.diff.references import side_references
from notice_studio.core.diff.table_rows import (
    hidden_columns,
    listed_columns,
    listed_row_by_row,
    row_status,
    shown_columns,
)
from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, WordOp, diff_words
from notice_studio.core.wording import plural
from notice_studio.ui.compare.diff_panes import (
    ADDED,
    MODIFIED,
    MOVED,
    NEW,
    OLD,
    OTHER,
    REMOVED,
    UNCHANGED,
    Colours,
    ComparePane,
    RowWriter,
)

PRACTICES_KEY = "practices"
"""The row (and first list entry) for the changes to the practices."""


@dataclass(frozen=True)
class SummaryEntry:
    """One line of the list of changes; `key` names its row in the panes."""

    key: str
    kind: str
    text: str
    detail: str


def row_kind(change: ClauseChange) -> str:
    return {
        ChangeKind.UNCHANGED: OTHER if change.is_change else UNCHANGED,
        ChangeKind.MODIFIED: MODIFIED,
        ChangeKind.ADDED: ADDED,
        ChangeKind.REMOVED: REMOVED,
        ChangeKind.MOVED: MOVED,
        ChangeKind.MOVED_MODIFIED: MOVED,
    }[change.kind]


def _verb(change: ClauseChange) -> str:
    if change.kind == ChangeKind.UNCHANGED:
        return "Values changed in" if change.variables_changed else "Table changed in"
    return {
        ChangeKind.MODIFIED: "Changed",
        ChangeKind.ADDED: "Added",
        ChangeKind.REMOVED: "Removed",
        ChangeKind.MOVED: "Moved",
        ChangeKind.MOVED_MODIFIED: "Moved and changed",
    }[change.kind]


def _tag(change: ClauseChange) -> str:
    if change.kind == ChangeKind.UNCHANGED:
        return "Values changed" if change.variables_changed else "Table changed"
    return _verb(change)


def clause_status(change: ClauseChange, old_name: str, new_name: str) -> tuple[str, str]:
    """(note on the old side, note on the new side): what happened, in plain words."""
    old_notes: list[str] = []
    new_notes: list[str] = []
    if change.kind == ChangeKind.ADDED:
        new_notes.append(f"Added in {new_name}.")
    elif change.kind == ChangeKind.REMOVED:
        old_notes.append(f"Removed in {new_name}.")
    else:
        if change.moved:
            old_notes.append(f"Moved to section {change.new_number} in {new_name}.")
            new_notes.append(f"Moved from section {change.old_number}.")
        if change.renamed:
            new_notes.append(f"Renamed (was \u201c{change.renamed[0]}\u201d).")
    if change.variables_changed:
        new_notes.append("Placeholder values changed: " + ", ".join(change.variables_changed) + ".")
    if change.tables_changed:
        new_notes.append("Table changed: " + ", ".join(change.tables_changed) + ".")
    return " ".join(old_notes), " ".join(new_notes)


def summary_entries(diff: NoticeDiff) -> list[SummaryEntry]:
    """Every change in reading order: clauses, then values, tables and notice details."""
    entries: list[SummaryEntry] = []
    for change in diff.changes():
        number = change.new_number or change.old_number or ""
        text = f"{_verb(change)} {number} {change.title}".strip()
        if change.moved:
            text += f" (was {change.old_number})"
        if change.renamed and change.kind != ChangeKind.ADDED:
            text += " \u2014 renamed"
        detail = f"Section {number}: {change.title}"
        entries.append(SummaryEntry(change.clause_id, row_kind(change), text, detail))
    if diff.practices:
        more = len(diff.practices) - 1
        text = "Practices: " + diff.practices[0].sentence + (f" (and {more} more)" if more else "")
        entries.append(SummaryEntry(PRACTICES_KEY, OTHER, text, "\n".join(p.sentence for p in diff.practices)))
    for v in diff.variables:
        verb = {ChangeKind.ADDED: "Value filled in", ChangeKind.REMOVED: "Value removed"}.get(v.kind, "Value changed")
        entries.append(
            SummaryEntry(
                f"value:{v.name}",
                OTHER,
                f"{verb}: {v.name}",
                f"Placeholder {v.name}: {v.old_value or 'not set'} \u2192 {v.new_value or 'not set'}",
            )
        )
    for t in diff.tables:
        verb = {ChangeKind.ADDED: "Table added", ChangeKind.REMOVED: "Table removed"}.get(t.kind, "Table changed")
        counts = plural(len(t.rows), "row") if t.kind != ChangeKind.MODIFIED else t.counts().rstrip(".")
        entries.append(
            SummaryEntry(
                f"table:{t.name}",
                OTHER,
                f"{verb}: {_table_name(t.name)} ({counts})",
                "\n".join(
                    [f"Table {t.name}: {t.counts()}", *(f"{r.name}: {c.text()}" for r in t.rows for c in r.cells)]
                ),
            )
        )
    for f in diff.fields:
        entries.append(
            SummaryEntry(
                f"field:{f.field}",
                OTHER,
                f"Notice {f.field} changed",
                f"{f.field.capitalize()}: {f.old_value} \u2192 {f.new_value}",
            )
        )
    return entries


def summary_sentence(diff: NoticeDiff) -> str:
    """'3 sections changed, 1 added, 1 moved; 1 placeholder value changed.'"""
    if not diff.has_changes:
        return "No differences: the two versions have the same text."
    return diff.summary.sentence()


def _table_name(name: str) -> str:
    return name.replace("-", " ").replace("_", " ")


def pane_rows(
    left: ComparePane,
    right: ComparePane,
    diff: NoticeDiff,
    *,
    old_name: str,
    new_name: str,
    colours: Colours,
    changed_only: bool = False,
    language: str = "en",
) -> Iterator[None]:
    """Empty both panes, then write the rows one pair at a time, pausing after each (so a long
    comparison can be drawn in slices); each side reads its cross-references with its own section
    numbers, as its published text did."""
    left.reset()
    right.reset()
    left.references, right.references = side_references(diff, language)
    left.move_labels, right.move_labels = diff.move_labels()
    for change in diff.clauses:
        if changed_only and not change.is_change:
            continue
        _clause_row(left, right, change, old_name, new_name, colours)
        yield
    if diff.practices:
        for pane in (left, right):
            row = pane.add_row(PRACTICES_KEY, OTHER, colours)
            row.heading("", [WordOp(EQUAL, "What the practices say")], [("Changed", colours.kind(OTHER))])
            if pane is left:
                row.line("", [WordOp(EQUAL, f"As they were in {old_name}.")])
                continue
            for practice in diff.practices:  # said once each, in readers' words
                row.line("", [WordOp(INSERT, practice.sentence)])
        yield
    for v in diff.variables:
        _value_row(left, right, v, colours)
        yield
    for t in diff.tables:
        _table_row(left, right, t, colours)
        yield
    for f in diff.fields:
        ops = diff_words(f.old_value, f.new_value)
        for pane in (left, right):
            row = pane.add_row(f"field:{f.field}", OTHER, colours)
            row.heading("", [WordOp(EQUAL, f"Notice {f.field}")], [("Changed", colours.kind(OTHER))])
            row.line("", ops)
        yield


def _clause_row(
    left: ComparePane, right: ComparePane, change: ClauseChange, old_name: str, new_name: str, colours: Colours
) -> None:
    kind = row_kind(change)
    old_note, new_note = clause_status(change, old_name, new_name)
    tag = [(_tag(change), colours.kind(kind))] if change.is_change else []
    for pane, present, number, note in (
        (left, change.old_title is not None, change.old_number, old_note),
        (right, change.new_title is not None, change.new_number, new_note),
    ):
        row = pane.add_row(change.clause_id, kind, colours, gap=not present)
        if not present:
            _gap(row, change, old_name, new_name)
            continue
        row.heading(number or "", change.rendered_title_ops, tag)
        if note:
            row.note(note)
        row.text(change.rendered_ops)


def _gap(row: RowWriter, change: ClauseChange, old_name: str, new_name: str) -> None:
    """The empty side of an added or removed clause."""
    if change.kind == ChangeKind.ADDED:
        row.note_inline(f"Not in {old_name}. Section {change.new_number} \u201c{change.title}\u201d was added.")
    else:
        row.note_inline(f"Not in {new_name}. Section {change.old_number} \u201c{change.title}\u201d was removed.")


def _value_row(left: ComparePane, right: ComparePane, v: VariableChange, colours: Colours) -> None:
    ops = diff_words(v.old_value or "", v.new_value or "")
    for pane, value in ((left, v.old_value), (right, v.new_value)):
        row = pane.add_row(f"value:{v.name}", OTHER, colours)
        row.heading("", [WordOp(EQUAL, f"Placeholder {v.name}")], [("Value changed", colours.kind(OTHER))])
        if value is None:
            row.note("Not set.")
        else:
            row.line("", ops)
        if v.used_in and pane is right:
            row.note(f"Used in {plural(len(v.used_in), 'section')}.")


def _table_row(left: ComparePane, right: ComparePane, t: TableChange, colours: Colours) -> None:
    """Each side's changed rows as a small grid under its column headings; a row's first cell
    says in words what happened to it, and its changed cells are marked as words are."""
    counts = t.counts()
    shown, hidden = shown_columns(t), hidden_columns(t)
    for pane, side in ((left, OLD), (right, NEW)):
        row = pane.add_row(f"table:{t.name}", OTHER, colours)
        row.heading("", [WordOp(EQUAL, f"Table: {_table_name(t.name)}")], [("Table changed", colours.kind(OTHER))])
        if (side == OLD and t.kind == ChangeKind.ADDED) or (side == NEW and t.kind == ChangeKind.REMOVED):
            row.note("Not in this version.")
            continue
        row.note(counts + (f" Not shown, unchanged: {', '.join(hidden)}." if hidden else ""))
        if not listed_row_by_row(t):
            row.grid(table_grid(t, side, shown))
        else:
            cells, titles = table_list(t, side)
            row.grid(cells, heading=False, titles=titles)


def table_list(t: TableChange, side: str) -> tuple[list[list[list[WordOp]]], list[int]]:
    """One side's changed rows as a two-column list: a title line per row (its name and what
    happened), then a line per cell it needs (every cell of an added or removed row, the
    changed ones of a changed row): the column's heading and the value. Returns the lines and
    the indices of the title lines."""
    every = t.old_columns if side == OLD else t.new_columns
    lines: list[list[list[WordOp]]] = []
    titles: list[int] = []
    for change in t.rows:
        titles.append(len(lines))
        lines.append([[WordOp(EQUAL, f"{change.name or '(no name)'} \u2014 {row_status(change)}")], []])
        columns = listed_columns(change, every)
        for column, cell in zip(columns, _row_cells(change, every, columns, side), strict=True):
            if (change.old_row if side == OLD else change.new_row) is not None:
                lines.append([[WordOp(EQUAL, column)], cell])
    return lines, titles


def table_grid(t: TableChange, side: str, shown: list[str]) -> list[list[list[WordOp]]]:
    """One side's grid: a heading row ('Change' and that side's `shown` columns, an added or
    removed column marked), then one row per changed row, each cell as word operations."""
    every = t.old_columns if side == OLD else t.new_columns
    columns = [c for c in every if c in shown]
    gone = t.columns_removed if side == OLD else t.columns_added
    mark = DELETE if side == OLD else INSERT
    grid = [[[WordOp(EQUAL, "Change")], *([WordOp(mark if c in gone else EQUAL, c)] for c in columns)]]
    for change in t.rows:
        grid.append([[WordOp(EQUAL, row_status(change))], *_row_cells(change, every, columns, side)])
    return grid


def _row_cells(change: RowChange, every: tuple[str, ...], columns: list[str], side: str) -> list[list[WordOp]]:
    """A row's cells on one side: empty where the row is not in it, every cell deleted or
    inserted for a removed or added row, a changed cell's words as the diff marks them."""
    mine = change.old_row if side == OLD else change.new_row
    if mine is None:
        return [[] for _ in columns]
    values = dict(zip(every, mine, strict=False))
    if change.kind != ChangeKind.MODIFIED:
        mark = DELETE if side == OLD else INSERT
        return [[WordOp(mark, values.get(c, ""))] for c in columns]
    changed = {cell.column: list(diff_words(cell.old_value, cell.new_value)) for cell in change.cells}
    return [changed.get(c) or [WordOp(EQUAL, values.get(c, ""))] for c in columns]

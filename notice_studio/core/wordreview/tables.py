"""Notice tables (cookies, service providers) edited in the review copy come back as table
proposals: a changed cell, a row added, a row taken out.

The copy writes each `[[table:name]]` of the draft as a Word table whose first cell carries a
bookmark naming it (send.shown_tables), so a Word table is matched to the notice table by that
bookmark, wherever it now stands, and a table the reviewer added is ignored; a renamed column
is proposed too. Copies sent before the bookmarks existed are matched by position, and a table
whose header no longer matches is then left alone. Rows are matched by their text, so a row
added or taken out in the middle does not turn every row after it into changed cells.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from notice_studio.core.diff.words import DELETE, EQUAL
from notice_studio.core.export.docx_revisions import TextRun, paragraph_runs
from notice_studio.core.notice.model import Notice, Table
from notice_studio.core.wordreview.proposals import Proposal
from notice_studio.core.wordreview.send import ClauseText, ShownTable, shown_tables

__all__ = ["TableChange", "apply_tables", "table_comment_places", "table_proposals"]


@dataclass(frozen=True)
class TableChange:
    """Where a table proposal applies: the table, the sent row it follows or changes, the cells."""

    table: str
    row: int
    """Index into the sent rows (for an added row: the sent row it goes before); -1 for the
    header (a column's name)."""
    column: int
    """-1 for a whole row added or taken out."""
    cells: tuple[str, ...] = ()


_Cell = list[TextRun]


_Rows = list[tuple[list[_Cell], bool]]


def _word_tables(document: Any) -> list[tuple[set[str], _Rows]]:
    """Each Word table's bookmarks and rows of cells (each cell's runs, paragraphs joined by
    spaces), with whether the row is a tracked deletion."""
    out = []
    for tbl in document.element.body.iter(qn("w:tbl")):
        marks = {b.get(qn("w:name"), "") for b in tbl.iter(qn("w:bookmarkStart"))}
        rows = []
        for tr in tbl.iter(qn("w:tr")):
            trpr = tr.find(qn("w:trPr"))
            deleted = trpr is not None and trpr.find(qn("w:del")) is not None
            cells = []
            for tc in tr.iter(qn("w:tc")):
                runs: _Cell = []
                for p in tc.iter(qn("w:p")):
                    if runs:
                        runs.append(TextRun(" ", EQUAL))
                    runs.extend(paragraph_runs(p))
                cells.append(runs)
            rows.append((cells, deleted))
        out.append((marks, rows))
    return out


def _matched(
    shown: Sequence[ShownTable], word_tables: list[tuple[set[str], _Rows]]
) -> list[tuple[ShownTable, _Rows, bool]]:
    """Each notice table with its Word table, and whether that was found by its bookmark."""
    by_mark = {mark: rows for marks, rows in word_tables for mark in marks}
    if any(table.bookmark in by_mark for table in shown):
        return [(table, by_mark[table.bookmark], True) for table in shown if table.bookmark in by_mark]
    return [(table, rows, False) for table, (_, rows) in zip(shown, word_tables, strict=False)]


def _text(cell: _Cell) -> str:
    return " ".join("".join(r.text for r in cell if r.op != DELETE).split())


def _who(cells: Sequence[_Cell], reviewer: str) -> tuple[str, str, bool]:
    tracked = next((r for cell in cells for r in cell if r.op != EQUAL and r.text.strip()), None)
    if tracked is None:
        return reviewer, "", False
    return tracked.author or reviewer, tracked.date, True


def _changes(
    table: Table, name: str, word_rows: _Rows, known: bool
) -> list[tuple[str, TableChange, str, str, list[_Cell]]]:
    """(kind, where, old, new, cells) for each change the reviewer made to one table; `known`:
    the Word table is this table for certain (its bookmark), so a changed header is a change."""
    rows = [cells for cells, deleted in word_rows if not deleted]
    taken_out = [cell for cells, deleted in word_rows if deleted for cell in cells]
    header = [_text(c) for c in rows[0]][: len(table.columns)] if rows else []
    if not rows or (header != table.columns and not known):
        return []  # not the table that was sent here (or its header was rewritten)
    width = len(table.columns)
    out: list[tuple[str, TableChange, str, str, list[_Cell]]] = []
    for c, (was_name, now_name) in enumerate(zip(table.columns, header, strict=False)):
        if was_name != now_name and now_name:
            out.append(("replace", TableChange(name, -1, c, (now_name,)), was_name, now_name, [rows[0][c]]))
    sent_rows = [(list(row) + [""] * width)[:width] for row in table.rows]
    now_rows = [(row + [[]] * width)[:width] for row in rows[1:]]
    was = [" | ".join(row) for row in sent_rows]
    now = [" | ".join(_text(c) for c in row) for row in now_rows]
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=was, b=now, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        j = b1
        for k in range(a1, a2):  # a row changed in place pairs with a similar row; others are added or gone
            match = next((m for m in range(j, b2) if _similar(was[k], now[m])), None)
            if match is None:
                out.append(("delete", TableChange(name, k, -1), was[k], "", taken_out))
                continue
            for m in range(j, match):
                out.append(_added(name, k, now[m], now_rows[m]))
            for c in range(width):
                new_cell = _text(now_rows[match][c])
                if sent_rows[k][c] != new_cell:
                    change = TableChange(name, k, c, (new_cell,))
                    out.append(("replace", change, sent_rows[k][c], new_cell, [now_rows[match][c]]))
            j = match + 1
        for m in range(j, b2):
            out.append(_added(name, a2, now[m], now_rows[m]))
    return out


def _similar(old: str, new: str) -> bool:
    """The same row with some cells changed: at least half its cells kept (one cell: most words)."""
    old_cells, new_cells = old.split(" | "), new.split(" | ")
    if len(old_cells) > 1:
        return 2 * sum(a == b for a, b in zip(old_cells, new_cells, strict=False)) >= len(old_cells)
    return difflib.SequenceMatcher(a=old.split(), b=new.split(), autojunk=False).ratio() >= 0.5


def _added(name: str, before: int, text: str, cells: list[_Cell]) -> tuple[str, TableChange, str, str, list[_Cell]]:
    return ("insert", TableChange(name, before, -1, tuple(_text(c) for c in cells)), "", text, cells)


def table_proposals(
    document: Any, texts: Sequence[ClauseText], sent: Notice, reviewer: str
) -> tuple[list[Proposal], dict[str, TableChange]]:
    """Proposals for the notice tables the reviewer changed, and where each applies."""
    proposals: list[Proposal] = []
    where: dict[str, TableChange] = {}
    for shown, word_rows, known in _matched(shown_tables(list(texts), sent), _word_tables(document)):
        clause_id, name = shown.clause_id, shown.name
        table = sent.tables[name]
        for count, (kind, change, old, new, cells) in enumerate(_changes(table, name, word_rows, known), start=1):
            author, date, tracked = _who(cells, reviewer)
            pid = f"{clause_id}/table/{name}/{count}"
            where[pid] = change
            column = f", column '{table.columns[change.column]}'" if change.column >= 0 else ""
            place = f"table '{name}', row {change.row + 1}{column}"
            if change.row < 0:
                place = f"table '{name}', the name of column {change.column + 1}"
            title = sent.find(clause_id).title
            proposals.append(
                Proposal(pid, clause_id, title, "table", kind, author, date, tracked, old, new, before=place)
            )
    return proposals, where


def table_comment_places(document: Any, texts: Sequence[ClauseText], sent: Notice) -> dict[str, str]:
    """Where each comment on a notice table's cell stands ("table 'cookies', row 2, column
    'Name'"), by comment id."""
    places: dict[str, str] = {}
    for shown, word_rows, _ in _matched(shown_tables(list(texts), sent), _word_tables(document)):
        columns = sent.tables[shown.name].columns
        for r, (cells, _) in enumerate(word_rows):
            for c, cell in enumerate(cells):
                column = f"column '{columns[c]}'" if c < len(columns) else f"column {c + 1}"
                place = f"table '{shown.name}', " + (f"row {r}, {column}" if r else f"the name of {column}")
                for run in cell:
                    for cid in run.comments:
                        places.setdefault(cid, place)
    return places


def apply_tables(
    notice: Notice,
    sent: Notice,
    proposals: Sequence[Proposal],
    where: dict[str, TableChange],
    accepted: Collection[str],
) -> tuple[list[str], list[str]]:
    """The accepted table proposals made on `notice`; returns clause titles changed and sentences
    about tables changed since the review was sent (their proposals are not made)."""
    titles: list[str] = []
    skipped: list[str] = []
    by_table: dict[str, list[tuple[Proposal, TableChange]]] = {}
    for proposal in proposals:
        change = where.get(proposal.id)
        if change is not None and proposal.id in accepted:
            by_table.setdefault(change.table, []).append((proposal, change))
    for name, changes in by_table.items():
        before, now = sent.tables[name], notice.tables.get(name)
        if now == before:
            made: Table | None = _made(before, [c for _, c in changes])
        elif now is not None and now == _made(before, [c for c in where.values() if c.table == name]):
            continue  # the draft has the reviewer's table already (the copy imported before)
        else:
            made = _cells_merged(before, now, [c for _, c in changes])
        if made is None:
            skipped.append(
                f"The table '{name}' was changed since the review was sent; make the reviewer's changes to it by hand."
            )
            continue
        if made != now:
            notice.tables[name] = made
            titles.extend(p.clause_title for p, _ in changes)
    return titles, skipped


def _made(before: Table, changes: Sequence[TableChange]) -> Table:
    """The sent table with `changes` made."""
    width = len(before.columns)
    columns = list(before.columns)
    rows = [(list(row) + [""] * width)[:width] for row in before.rows]
    gone = {c.row for c in changes if c.column < 0 and not c.cells}
    added: dict[int, list[list[str]]] = {}
    for change in changes:
        if change.row < 0:
            columns[change.column] = change.cells[0]
        elif change.column >= 0:
            rows[change.row][change.column] = change.cells[0]
        elif change.cells:
            added.setdefault(change.row, []).append(list(change.cells))
    out: list[list[str]] = []
    for k in range(len(rows) + 1):
        out.extend(added.get(k, []))
        if k < len(rows) and k not in gone:
            out.append(rows[k])
    return Table(columns, out)


def _cells_merged(before: Table, now: Table | None, changes: Sequence[TableChange]) -> Table | None:
    """`now` (the draft's table, edited since the copy was sent) with the changed cells and column
    names made, when its rows and columns are still those sent and each changed cell still holds
    the sent value or the reviewer's already; None when that cannot be said (rows added or taken
    out on either side, or the same cell edited differently)."""
    width = len(before.columns)
    if now is None or len(now.columns) != width or len(now.rows) != len(before.rows):
        return None
    if any(c.column < 0 for c in changes):
        return None
    columns = list(now.columns)
    rows = [(list(row) + [""] * width)[:width] for row in now.rows]
    sent_rows = [(list(row) + [""] * width)[:width] for row in before.rows]
    for change in changes:
        new = change.cells[0]
        if change.row < 0:
            was, here = before.columns[change.column], columns[change.column]
        else:
            was, here = sent_rows[change.row][change.column], rows[change.row][change.column]
        if here not in (was, new):
            return None
        if change.row < 0:
            columns[change.column] = new
        else:
            rows[change.row][change.column] = new
    return Table(columns, rows)

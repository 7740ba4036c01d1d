"""A table whose rows or cells changed, written as a Word table with tracked changes.

Each changed cell holds its old value deleted (`w:del`) and its new value inserted (`w:ins`);
an added row is a tracked row insertion, a removed row a tracked row deletion; an added or
removed column shows its heading and cells inserted or deleted. Accept All gives the new
table, Reject All the old one. Rows are matched as the diff matches them (`align_rows`).
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from notice_studio.core.diff.notices import ChangeKind, RowChange, align_rows
from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, Op
from notice_studio.core.export.docx_revisions import Revisions, clean_xml
from notice_studio.core.notice.model import Table

__all__ = ["write_tracked_table"]

_ROW_OP = {ChangeKind.ADDED: INSERT, ChangeKind.REMOVED: DELETE}


def write_tracked_table(document: Any, revisions: Revisions, old: Table, new: Table) -> None:
    """Append `new` as a Word table with the changes from `old` tracked in its rows and cells."""
    columns = list(dict.fromkeys([*new.columns, *old.columns]))
    if not columns:
        return
    rows = align_rows(old, new)
    grid = document.add_table(rows=len(rows) + 1, cols=len(columns))
    grid.style = "Table Grid"
    for c, name in enumerate(columns):
        op = EQUAL if name in new.columns and name in old.columns else INSERT if name in new.columns else DELETE
        revisions.run(grid.cell(0, c).paragraphs[0], name, op, bold=True)
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(header)
    for r, row in enumerate(rows, start=1):
        row_op = _ROW_OP.get(row.kind, EQUAL)
        if row_op != EQUAL:
            grid.rows[r]._tr.get_or_add_trPr().append(revisions.mark("ins" if row_op == INSERT else "del"))
        for c, name in enumerate(columns):
            paragraph = grid.cell(r, c).paragraphs[0]
            for text, op in _cell_runs(row, row_op, name, old, new):
                if text:
                    revisions.run(paragraph, text, op)


def _cell_runs(row: RowChange, row_op: Op, column: str, old: Table, new: Table) -> list[tuple[str, Op]]:
    """The cell's text as (text, op) runs: kept, or old deleted then new inserted."""
    before = _value(old, row.old_row, column)
    after = _value(new, row.new_row, column)
    if row_op == INSERT:
        return [(after, INSERT)]
    if row_op == DELETE:
        return [(before, DELETE)]
    if before == after:
        return [(after, EQUAL)]
    if before and after:  # a deleted space keeps the two values apart on the page, not "13 months25 months"
        return [(before, DELETE), (" ", DELETE), (after, INSERT)]
    return [(before, DELETE), (after, INSERT)]


def _value(table: Table, row: tuple[str, ...] | None, column: str) -> str:
    if row is None or column not in table.columns:
        return ""
    i = table.columns.index(column)
    return clean_xml(row[i]) if i < len(row) else ""

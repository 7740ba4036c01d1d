"""Clause text (`md_blocks.Block`s) written into a Word document, with revision marks.

Shared by the tracked-change redline and the copy sent for review: bold, italics, lists,
headings and quotes become Word formatting and styles; cross-references become links to the
clause's bookmark reading "section N"; embedded tables become Word tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from notice_studio.core.diff.words import EQUAL, Op
from notice_studio.core.export.docx import restarted_numbering, set_numbering
from notice_studio.core.export.docx_append import add_styled_paragraph
from notice_studio.core.export.docx_revisions import Revisions, clean_xml
from notice_studio.core.export.docx_table_revisions import write_tracked_table
from notice_studio.core.export.md_blocks import Block
from notice_studio.core.notice.model import Table

__all__ = ["View", "add_bookmark", "add_styled_paragraph", "clean_xml", "identity_view", "write_blocks"]

View = Callable[[Op], "tuple[Op, bool] | None"]
"""How a diff op is written: (op, as a move) or None to leave the text out."""


def identity_view(op: Op) -> tuple[Op, bool]:
    return op, False


def add_bookmark(paragraph: Any, name: str, bookmark_id: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _style(document: Any, block: Block, depth: int) -> str:
    if block.style == "bullet":
        return "List Bullet" if block.level == 0 else f"List Bullet {min(block.level + 1, 3)}"
    if block.style == "number":
        return "List Number" if block.level == 0 else f"List Number {min(block.level + 1, 3)}"
    if block.style == "heading":
        return f"Heading {min(depth + 2, 9)}"
    if block.style == "quote":
        return "Quote"
    return "Normal"


def _combined(ops: list[Op]) -> Op:
    kinds = set(ops)
    return kinds.pop() if len(kinds) == 1 else EQUAL


@dataclass(slots=True)
class Lists:
    """The Word lists being written: blocks written in several calls (a clause's text cut at
    its moves) carry on one numbered list instead of starting a new one at each call."""

    started: dict[tuple[str, int], int | None] = field(default_factory=dict)
    previous_style: str = ""


def write_blocks(
    document: Any,
    blocks: list[Block],
    revisions: Revisions,
    *,
    depth: int = 0,
    view: View = identity_view,
    bookmarks: Mapping[str, str] | None = None,
    tables: Mapping[str, Table] | None = None,
    old_tables: Mapping[str, Table] | None = None,
    lists: Lists | None = None,
) -> list[Any]:
    """Append `blocks` as paragraphs (and tables); returns the paragraphs written.

    With `old_tables` (a redline), an embedded table that changed is written with its row and
    cell changes tracked. `lists` carries numbered lists on from an earlier call."""
    written: list[Any] = []
    lists = Lists() if lists is None else lists
    list_started = lists.started
    ends = _paragraph_ends(blocks, view, tables or {})
    for block, end_op in zip(blocks, ends, strict=True):
        if block.style == "table":
            seen = view(block.op)
            if seen is None:
                continue
            table = (tables or {}).get(block.table or "")
            before = (old_tables or {}).get(block.table or "")
            if table is not None and seen[0] == EQUAL and before is not None and _differ(before, table):
                write_tracked_table(document, revisions, before, table)
            elif table is not None and seen[0] == EQUAL:
                _write_table(document, table)
            else:
                paragraph = add_styled_paragraph(document, "Normal")
                revisions.run(paragraph, f"[Table: {block.table}]", seen[0], moved=seen[1], italic=True)
                revisions.mark_paragraph(paragraph, seen[0], moved=seen[1])
                written.append(paragraph)
            continue
        runs = [(piece, view(piece.op)) for piece in block.pieces if piece.kind in ("text", "atom", "soft")]
        runs = [(piece, seen) for piece, seen in runs if seen is not None and piece.shown]
        if not runs:
            continue
        style = _style(document, block, depth)
        paragraph = add_styled_paragraph(document, style)
        if block.style == "number":
            key = (style, block.level)
            if lists.previous_style != style or key not in list_started:
                list_started[key] = restarted_numbering(document, style, block.number or 1)
            num_id = list_started[key]
            if num_id is not None:
                set_numbering(paragraph, num_id)
        lists.previous_style = style
        for piece, seen in runs:
            op, moved = seen  # type: ignore[misc]
            text = clean_xml(piece.shown)
            if piece.target and bookmarks and piece.target in bookmarks:
                link = OxmlElement("w:hyperlink")
                link.set(qn("w:anchor"), bookmarks[piece.target])
                paragraph._p.append(link)
                revisions.run(paragraph, text, op, moved=moved, bold=piece.bold, italic=piece.italic, container=link)
            else:
                revisions.run(paragraph, text, op, moved=moved, bold=piece.bold, italic=piece.italic, code=piece.code)
        ops = [seen[0] for _, seen in runs if seen]
        mark = view(end_op) or (_combined(ops), False)
        mark_op, mark_moved = mark
        revisions.mark_paragraph(paragraph, mark_op, moved=mark_moved)
        written.append(paragraph)
    return written


def _shows_as(block: Block, view: View, tables: Mapping[str, Table]) -> str:
    """'paragraph', 'table' (a Word table) or '' (nothing is written for the block)."""
    if block.style == "table":
        seen = view(block.op)
        if seen is None:
            return ""
        return "table" if block.table in tables and seen[0] == EQUAL else "paragraph"
    pieces = (p for p in block.pieces if p.kind in ("text", "atom", "soft") and p.shown)
    return "paragraph" if any(view(p.op) is not None for p in pieces) else ""


def _paragraph_ends(blocks: list[Block], view: View, tables: Mapping[str, Table]) -> list[Op]:
    """What happened to each written paragraph's end: the break before the next thing written
    (kept when that is a Word table, which a paragraph cannot join), else the clause's end."""
    shows = [_shows_as(b, view, tables) for b in blocks]
    ends: list[Op] = []
    for k in range(len(blocks)):
        nxt = next((j for j in range(k + 1, len(blocks)) if shows[j]), None)
        if nxt is None:
            ends.append(blocks[-1].mark_op)
        elif shows[nxt] == "table":
            ends.append(EQUAL)
        else:
            first = blocks[nxt].pieces[0] if blocks[nxt].pieces else None
            ends.append(first.op if first is not None and first.kind == "break" else EQUAL)
    return ends


def _differ(old: Table, new: Table) -> bool:
    return list(old.columns) != list(new.columns) or [list(r) for r in old.rows] != [list(r) for r in new.rows]


def _write_table(document: Any, table: Table) -> None:
    if not table.columns:
        return
    grid = document.add_table(rows=len(table.rows) + 1, cols=len(table.columns))
    grid.style = "Table Grid"
    for c, name in enumerate(table.columns):
        cell = grid.cell(0, c).paragraphs[0]
        cell.add_run(clean_xml(name)).bold = True
    for r, row in enumerate(table.rows, start=1):
        for c in range(len(table.columns)):
            grid.cell(r, c).paragraphs[0].add_run(clean_xml(row[c] if c < len(row) else ""))
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(header)

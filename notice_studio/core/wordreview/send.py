"""The draft as a Word document to send for review.

Each clause starts with its heading, which carries a bookmark named after the clause (so a
returned copy maps back clause by clause); the body follows with Word formatting, lists and
tables. Each notice table's first cell carries a bookmark too (`shown_tables`), so a table the
reviewer adds does not shift which Word table is which. Custom document properties record which notice and which saved edit the copy was sent
from. Reviewers use Track Changes and comments as usual.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from notice_studio.core.export.docx import bookmark_names
from notice_studio.core.export.docx_blocks import add_bookmark, add_styled_paragraph, clean_xml, write_blocks
from notice_studio.core.export.docx_revisions import Revisions, set_custom_properties
from notice_studio.core.export.md_blocks import AtomTable, Block, source_blocks
from notice_studio.core.notice.model import Notice
from notice_studio.core.render.common import display_number
from notice_studio.core.wordreview.md_tables import (
    MarkdownTable,
    markdown_table,
    md_table_bookmark,
    write_markdown_table,
)

__all__ = [
    "COMMIT_PROPERTY",
    "NOTICE_PROPERTY",
    "TITLE_PROPERTY",
    "ClauseText",
    "ShownTable",
    "clause_texts",
    "review_docx_bytes",
    "shown_tables",
]

NOTICE_PROPERTY = "NoticeStudio.Notice"
COMMIT_PROPERTY = "NoticeStudio.SentFrom"
TITLE_PROPERTY = "NoticeStudio.Title"


@dataclass(frozen=True)
class ClauseText:
    """One clause as the review copy shows it: heading prefix, title and body blocks."""

    clause_id: str
    number_prefix: str
    title_blocks: list[Block]
    body_blocks: list[Block]
    depth: int
    bookmark: str


def clause_texts(notice: Notice) -> list[ClauseText]:
    """Every clause as the review copy shows it (the same function reads a copy back)."""
    atoms = AtomTable(numbers=notice.numbers(), variables=notice.variables, language=notice.language or "en")
    names = bookmark_names([c.id for c, _, _ in notice.walk()])
    out = []
    for clause, depth, number in notice.walk():
        title = source_blocks(" ".join(clause.title.split()), atoms) if clause.title.strip() else []
        out.append(
            ClauseText(
                clause.id,
                f"{display_number(number)} ",
                title,
                source_blocks(clause.body, atoms),
                depth,
                names[clause.id],
            )
        )
    return out


@dataclass(frozen=True)
class ShownTable:
    """A notice table as the review copy shows it: a Word table whose first cell carries
    `bookmark`, so it is found again even if the reviewer adds tables of their own."""

    clause_id: str
    name: str
    bookmark: str


def shown_tables(texts: list[ClauseText], notice: Notice) -> list[ShownTable]:
    """The notice tables the copy shows as Word tables, in reading order."""
    shown = [
        (text.clause_id, block.table)
        for text in texts
        for block in text.body_blocks
        if block.style == "table" and block.table in notice.tables and notice.tables[block.table].columns
    ]
    return [
        ShownTable(clause_id, name, f"nt{k}_{re.sub(r'[^A-Za-z0-9]', '_', name)}"[:40])
        for k, (clause_id, name) in enumerate(shown, start=1)
        if name is not None
    ]


def review_docx_bytes(notice: Notice, *, notice_id: str, commit: str, sender: str = "") -> bytes:
    """The review copy of `notice` (as saved in `commit`) as a .docx file's bytes."""
    document: Any = Document()
    props = document.core_properties
    props.title = clean_xml(notice.title)
    props.author = clean_xml(sender or "Notice Studio")
    props.comments = "Sent for review from Notice Studio."
    set_custom_properties(
        document, {NOTICE_PROPERTY: notice_id, COMMIT_PROPERTY: commit, TITLE_PROPERTY: clean_xml(notice.title)}
    )
    document.add_paragraph(clean_xml(notice.title), style="Title")
    when = dt.date.today().isoformat()
    document.add_paragraph(
        f"Draft sent for review on {when}. Please turn on Track Changes (Review > Track Changes) and use "
        "comments for questions. Keep the section headings: each one tells Notice Studio which section "
        "your changes belong to.",
        style="Subtitle",
    )
    revisions = Revisions(sender or "Notice Studio")
    bookmark_id = 1
    texts = clause_texts(notice)
    links = {text.clause_id: text.bookmark for text in texts}
    for text in texts:
        heading = add_styled_paragraph(document, f"Heading {min(text.depth + 1, 9)}")
        revisions.run(heading, text.number_prefix)
        for block in text.title_blocks:
            for piece in block.pieces:
                if piece.kind in ("text", "atom", "soft") and piece.shown:
                    revisions.run(heading, clean_xml(piece.shown))
        add_bookmark(heading, text.bookmark, bookmark_id)
        bookmark_id += 1
        pending: list[Block] = []
        for number, (block, table) in enumerate(markdown_tables(text.body_blocks)):
            if table is None:
                pending.append(block)
                continue
            write_blocks(document, pending, revisions, depth=text.depth, bookmarks=links, tables=notice.tables)
            pending = []
            write_markdown_table(document, table, md_table_bookmark(text.bookmark, number), bookmark_id)
            bookmark_id += 1
        write_blocks(document, pending, revisions, depth=text.depth, bookmarks=links, tables=notice.tables)
    grids = [g for g in document.tables if not _is_markdown_table(g)]  # the notice's own, in reading order
    for shown, grid in zip(shown_tables(texts, notice), grids, strict=True):
        add_bookmark(grid.cell(0, 0).paragraphs[0], shown.bookmark, bookmark_id)
        bookmark_id += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def markdown_tables(blocks: list[Block]) -> list[tuple[Block, MarkdownTable | None]]:
    """Each body block with the Markdown table it holds (None for the rest)."""
    return [(block, markdown_table(block)) for block in blocks]


def _is_markdown_table(grid: Any) -> bool:
    return any((b.get(qn("w:name")) or "").startswith("nsmd") for b in grid._tbl.iter(qn("w:bookmarkStart")))

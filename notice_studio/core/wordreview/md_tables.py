"""Tables typed in a clause as Markdown (`| a | b |` lines): a real Word table in the review
copy, read back as the clause's own lines so that an edit in a cell maps back to its words.

The copy holds each such table as a Word table whose first cell carries a bookmark
(`md_table_bookmark`). Before a returned copy is read, `as_sent_lines` puts in its place one
paragraph holding the table's Markdown line by line: the pipes and spaces exactly as sent, each
cell's runs as the reviewer left them (tracked insertions and deletions included). The reader
then sees the paragraph it sent, with the reviewer's words changed. A table whose rows or columns
the reviewer added or removed cannot be put back into lines that way: it is read as sent, and a
sentence says so.
"""

from __future__ import annotations

import contextlib
import copy
import re
from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from notice_studio.core.export.docx_blocks import add_bookmark, clean_xml
from notice_studio.core.export.md_blocks import Block

_DELIMITER = re.compile(r"^\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?$")
_CELL = re.compile(r"(\|\s*)([^|]*?)(?=\s*\|)")


@dataclass(frozen=True)
class MarkdownTable:
    """A table block's lines: the delimiter line, and each row's separators around its cells."""

    lines: list[str]
    rows: list[tuple[list[str], list[str]]]
    """(separators, cells) per row but the delimiter: len(separators) == len(cells) + 1."""


def markdown_table(block: Block) -> MarkdownTable | None:
    """The block as a Markdown table, when it is one written in plain words (no emphasis,
    placeholders or references in it, which a Word cell could not give back exactly)."""
    if block.style != "paragraph":
        return None
    pieces = [p for p in block.pieces if p.kind != "break"]
    if not pieces or any(p.kind not in ("text", "soft") or p.bold or p.italic or p.code for p in pieces):
        return None
    lines = "".join(p.shown if p.kind == "text" else "\n" for p in pieces).split("\n")
    if len(lines) < 2 or not _DELIMITER.match(lines[1].strip()):
        return None
    rows = []
    for line in [lines[0], *lines[2:]]:
        if not (line.startswith("|") and line.endswith("|")):
            return None
        separators, cells, end = [], [], 0
        for match in _CELL.finditer(line):
            separators.append(line[end : match.start(2)])
            cells.append(match.group(2))
            end = match.end(2)
        separators.append(line[end:])
        rows.append((separators, cells))
    if len({len(cells) for _, cells in rows}) != 1:
        return None
    return MarkdownTable(lines, rows)


def md_table_bookmark(clause_bookmark: str, number: int) -> str:
    """The bookmark of a clause's `number`th Markdown table (Word keeps names to 40 characters)."""
    return f"nsmd{number}_{clause_bookmark}"[:40]


def write_markdown_table(document: Any, table: MarkdownTable, bookmark: str, bookmark_id: int) -> None:
    """The table as a Word table (its header as the first row), a bookmark in the first cell."""
    width = len(table.rows[0][1])
    grid = document.add_table(rows=len(table.rows), cols=width)
    with contextlib.suppress(KeyError, ValueError):  # a template without the style: plain grid
        grid.style = "Table Grid"
    for r, (_, cells) in enumerate(table.rows):
        for c, text in enumerate(cells):
            grid.cell(r, c).paragraphs[0].add_run(clean_xml(text))  # plain: bold would read back as an edit
    add_bookmark(grid.cell(0, 0).paragraphs[0], bookmark, bookmark_id)


def as_sent_lines(document: Any, sent: dict[str, tuple[MarkdownTable, str]]) -> list[str]:
    """Put each Markdown table of a returned copy back as its paragraph of lines (see the module
    note). `sent`: each table's bookmark, with the table as sent and its clause's title. Returns
    a sentence for each table whose rows or columns changed, which is read as sent."""
    notes: list[str] = []
    for tbl in list(document.element.body.iter(qn("w:tbl"))):
        names = {b.get(qn("w:name"), "") for b in tbl.iter(qn("w:bookmarkStart"))}
        found = next((sent[name] for name in names if name in sent), None)
        if found is None:
            continue
        table, title = found
        trs = list(tbl.iter(qn("w:tr")))
        rows = [list(tr.iter(qn("w:tc"))) for tr in trs]
        same_shape = len(rows) == len(table.rows) and all(len(r) == len(table.rows[0][1]) for r in rows)
        same_shape = same_shape and not any(_row_changed(tr) for tr in trs)
        paragraph = OxmlElement("w:p")
        if same_shape:
            for k, (cells, (separators, _)) in enumerate(zip(rows, table.rows, strict=True)):
                if k == 1:
                    _plain(paragraph, " " + table.lines[1] + " ")
                elif k:
                    _plain(paragraph, " ")
                for tc, separator in zip(cells, separators, strict=False):
                    _plain(paragraph, separator)
                    _cell_runs(paragraph, tc)
                _plain(paragraph, separators[-1])
        else:
            _plain(paragraph, " ".join(table.lines))
            for start in tbl.iter(qn("w:commentRangeStart")):  # its comments are still read
                paragraph.append(copy.deepcopy(start))
            notes.append(
                f"A table in '{title}' had rows or columns added or taken out; Notice Studio cannot take that "
                "back into the text yet, so make that change by hand (its other edits were not read either)."
            )
        tbl.addprevious(paragraph)
        tbl.getparent().remove(tbl)
    return notes


def _row_changed(tr: Any) -> bool:
    trpr = tr.find(qn("w:trPr"))
    return trpr is not None and (trpr.find(qn("w:ins")) is not None or trpr.find(qn("w:del")) is not None)


def _plain(paragraph: Any, text: str) -> None:
    if not text:
        return
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    paragraph.append(run)


def _cell_runs(paragraph: Any, tc: Any) -> None:
    """The cell's content (runs, tracked changes, comment marks), its paragraphs joined by a space."""
    for k, p in enumerate(tc.iter(qn("w:p"))):
        if k:
            _plain(paragraph, " ")
        for child in p:
            if child.tag not in (qn("w:pPr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
                paragraph.append(copy.deepcopy(child))

"""Tables in the imported text, offered as the notice's own tables.

Every reader writes a table it recovers (a web page's or Word file's table, rows aligned by
tabs or wide spaces in copied text, cells set apart in a PDF) as a Markdown table inside its
section. Those can stay text, or become notice tables: the rows go to `tables/<name>.csv` and
the clause keeps a `[[table:<name>]]` line where the table stood, so the table can be edited as
a table and is rendered and checked like any other.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from notice_studio.core.importer.blocks import ImportProblem
from notice_studio.core.importer.outline import ImportedOutline
from notice_studio.core.notice.model import Notice, Table
from notice_studio.core.wording import plural

TableChoice = bool | Collection[int]
"""Which tables found become notice tables: all (True), none (False), or these numbers (1 = the first
found, in reading order, as the import report numbers them)."""

_ROW = re.compile(r"^\|.*\|[ \t]*$")
_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class FoundTable:
    """A table found in a section's text."""

    section: int
    """Index of the section (in the outline) that holds it."""
    section_title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def summary(self) -> str:
        return f"'{self.section_title}': {len(self.columns)} columns, {len(self.rows)} rows"


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(inner)]


def split_tables(body: str) -> list[str | tuple[list[str], list[list[str]], str]]:
    """The body as pieces, in order: text (str), and Markdown tables as (columns, rows, the table's
    lines as written)."""
    lines = body.split("\n")
    pieces: list[str | tuple[list[str], list[list[str]], str]] = []
    text: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and _ROW.match(lines[i]) and _RULE.match(lines[i + 1]):
            end = i + 2
            while end < len(lines) and _ROW.match(lines[end]):
                end += 1
            columns = _cells(lines[i])
            rows = [_cells(line) for line in lines[i + 2 : end]]
            width = len(columns)
            if rows and all(len(row) == width for row in rows):
                if text:
                    pieces.append("\n".join(text))
                    text = []
                pieces.append((columns, rows, "\n".join(lines[i:end])))
                i = end
                continue
        text.append(lines[i])
        i += 1
    if text:
        pieces.append("\n".join(text))
    return pieces


def found_tables(outline: ImportedOutline) -> list[FoundTable]:
    """Every Markdown table in the outline's sections (headed rows of equal width)."""
    found: list[FoundTable] = []
    for index, section in enumerate(outline.sections):
        for piece in split_tables(section.body):
            if isinstance(piece, tuple):
                columns, rows, _written = piece
                found.append(FoundTable(index, section.title, tuple(columns), tuple(tuple(r) for r in rows)))
    return found


def chosen_numbers(choice: TableChoice, found: int) -> set[int]:
    """The table numbers `choice` stands for, among `found` tables; a number not found is refused."""
    if choice is True:
        return set(range(1, found + 1))
    if choice is False:
        return set()
    numbers = set(choice)
    wrong = sorted(n for n in numbers if not 1 <= n <= found)
    if wrong:
        have = "no tables" if not found else f"{plural(found, 'table')}, numbered 1 to {found}"
        raise ImportProblem(
            f"There is no table {wrong[0]} in the text ({have} in the import report); choose among those."
        )
    return numbers


def move_tables_out(notice: Notice, choice: TableChoice = True) -> list[str]:
    """Turn the Markdown tables in the clause texts that `choice` names into notice tables embedded where
    they stood; the others stay text.

    Returns the new tables' names. A header cell left empty gets a name ('Column 2') so that
    every column can be edited and rendered."""
    clauses = [(clause, split_tables(clause.body)) for clause in notice.all_clauses()]
    found = sum(1 for _, pieces in clauses for p in pieces if isinstance(p, tuple))
    wanted = chosen_numbers(choice, found)
    names: list[str] = []
    number = 0
    for clause, pieces in clauses:
        if not any(isinstance(p, tuple) for p in pieces):
            continue
        out: list[str] = []
        changed = False
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            number += 1
            columns, rows, written = piece
            if number not in wanted:
                out.append(written)  # stays text, as it was
                continue
            changed = True
            columns = [c or f"Column {n}" for n, c in enumerate(columns, start=1)]
            name = _table_name(clause.id, notice)
            notice.tables[name] = Table(columns=columns, rows=[list(r) for r in rows])
            names.append(name)
            out.append(f"\n[[table:{name}]]\n")
        if changed:
            clause.body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return names


def _table_name(clause_id: str, notice: Notice) -> str:
    base = clause_id[:70].rstrip("-") or "table"
    name, n = base, 2
    while name in notice.tables:
        name, n = f"{base}-{n}", n + 1
    return name

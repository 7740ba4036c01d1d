"""Tables as CSV text: the notice's own `tables/<name>.csv`, and a CSV file a person imports.

A notice's table files are always comma-separated (`table_text` writes them). A file someone
imports may come from a spreadsheet that separates cells with semicolons (Excel's default where
the comma is the decimal mark) or tabs, so the import finds the separator from the header row
and refuses a header that does not name the table's columns. Both refuse a quote that is never
closed, which would otherwise swallow the rest of the file into one cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.model import Table
from notice_studio.core.text_input import value_problem

SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}
"""The separators an imported CSV file may use, in the order a tie is settled."""


class ColumnsDifferError(FormatError):
    """An imported file's header does not name the columns of the table it is imported into."""


def table_text(table: Table) -> str:
    """The CSV text of a table (commas, header row first), as the notice stores it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return out.getvalue()


def read_table(text: str, path: str, separator: str = ",") -> Table:
    """A table from CSV text (header row first); `path` names the file in error messages."""
    rows = list(_rows(text, path, separator))
    if not rows:
        return Table(columns=[], rows=[])
    columns = [c.strip() for c in rows[0][1]]
    width = len(columns)
    for line, row in rows[1:]:
        if len(row) > width:
            raise FormatError(path, line, f"this row has {len(row)} cells but the header has {width} columns")
    return Table(columns=columns, rows=[row + [""] * (width - len(row)) for _, row in rows[1:]])


def read_import(text: str, path: str, columns: Sequence[str] | None = None) -> Table:
    """A CSV file a person imports into a table: the separator found from its header row; with
    `columns` (the table's own), the header must name the same columns, in any order, and the
    rows come back in the table's column order."""
    separator = find_separator(text)
    table = read_table(text, path, separator)
    if columns is None or not table.columns:
        return table
    line = _header_line(text)
    given = [_key(c) for c in table.columns]
    if len(set(given)) < len(given):
        twice = next(c for c in table.columns if given.count(_key(c)) > 1)
        raise ColumnsDifferError(path, line, f"the header names the column '{twice}' twice")
    if sorted(given) != sorted(_key(c) for c in columns):
        name = SEPARATORS.get(separator, separator)
        raise ColumnsDifferError(
            path,
            line,
            f"the header ({', '.join(table.columns)}, separated by {name}) does not name the table's columns "
            f"({', '.join(columns)})",
        )
    order = [given.index(_key(c)) for c in columns]
    return Table(list(columns), [[row[i] for i in order] for row in table.rows])


def find_separator(text: str) -> str:
    """The separator that splits the header row into the most cells (commas on a tie)."""
    lines = text.lstrip("\ufeff").splitlines()
    header = lines[_header_line(text) - 1] if lines else ""
    return max(SEPARATORS, key=lambda s: len(next(csv.reader([header], delimiter=s), [])))


def table_problem(name: str, table: Table, old: Table | None = None) -> str:
    """Why `table` cannot be saved as the table `name` ('' when it can): a cell or column name new
    since `old` that breaks core.text_input's rule for typed values. Only new values are checked,
    so a cell already saved never blocks an edit elsewhere in the table."""
    before = {(c, v) for row in old.rows for c, v in zip(old.columns, row, strict=False)} if old else set()
    old_columns = set(old.columns) if old else set()
    for column in table.columns:
        if column not in old_columns:
            problem = value_problem(column, f"A column name of the table '{name}'", lines=False)
            if problem:
                return problem
    for n, row in enumerate(table.rows, start=1):
        for column, value in zip(table.columns, row, strict=False):
            if (column, value) not in before:
                problem = value_problem(value, f"Row {n}, column '{column}' of the table '{name}'")
                if problem:
                    return problem
    return ""


def _rows(text: str, path: str, separator: str) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, its cells) for each row that is not blank."""
    # The app reads back whatever it wrote: no cell is longer than the text it comes from, so a
    # limit that size never refuses a saved table (the module's default, 131,072, did).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=separator, strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FormatError(path, start, _problem(str(exc))) from None
        if any(cell.strip() for cell in row):
            yield start, row
        start = reader.line_num + 1


def _problem(error: str) -> str:
    if "end of data" in error or "EOF" in error:
        return 'a quote (") opened on this line is never closed; close it or remove it'
    if "expected after" in error:
        return 'a quoted cell has more text after its closing quote ("); put the whole cell in quotes'
    return f"this row is not valid CSV ({error})"


def _header_line(text: str) -> int:
    return next((n for n, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1) if line.strip()), 1)


def _key(column: str) -> str:
    return " ".join(column.split()).casefold()

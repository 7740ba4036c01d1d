"""Table rules: standard columns, cookie categories the notice explains, cells that must be filled.

The Tables panel shows these problems cell by cell; `run_checks` reports them as errors, so a
notice with an invalid table row cannot be published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notice_studio.core.checks.types import Finding
from notice_studio.core.notice.model import Notice

STANDARD_TABLES: dict[str, list[str]] = {
    "cookies": ["Name", "Provider", "Purpose", "Duration", "Category"],
    "service-providers": ["Name", "Service", "Country", "Transfer safeguard"],
}
"""The columns the shipped templates use (clause_library/templates/*.yaml)."""

DEFAULT_COOKIE_CATEGORIES = ("Strictly necessary", "Preferences", "Analytics", "Advertising")
"""The categories the library's cookie overview clauses explain."""

_SYNONYMS = {
    "functional": "preferences",
    "marketing": "advertising",
    "necessary": "strictly necessary",
    "essential": "strictly necessary",
    "strictly essential": "strictly necessary",
}
_BOLD_BULLET_RE = re.compile(r"^\s*[-*+]\s+\*\*([^*\n]+)\*\*", re.MULTILINE)
_CATEGORY_CLAUSES = ("cookies-overview", "cookies-advertising")
"""Library clauses whose bold bullet items name the cookie categories the notice explains."""


def table_label(name: str) -> str:
    """'service-providers' -> 'Service providers' (the caption readers see)."""
    from notice_studio.core.render.markdown import table_caption  # markdown-it loads after start-up

    return table_caption(name)


def explained_cookie_categories(notice: Notice) -> tuple[str, ...]:
    """The categories the notice's cookie overview lists (bold bullet items); () when it has none."""
    found: list[str] = []
    for clause in notice.all_clauses():
        source = clause.provenance.library_id if clause.provenance else clause.id
        if source in _CATEGORY_CLAUSES:
            found += [" ".join(m.split()) for m in _BOLD_BULLET_RE.findall(clause.body)]
    return tuple(dict.fromkeys(found))


def cookie_categories(notice: Notice | None) -> tuple[str, ...]:
    """The categories the notice's cookie overview lists (bold bullet items), else the library's."""
    return (explained_cookie_categories(notice) if notice is not None else ()) or DEFAULT_COOKIE_CATEGORIES


def cookie_category_key(name: str) -> str:
    """One spelling per cookie category ('Marketing' and 'advertising' -> 'advertising')."""
    wanted = " ".join(name.lower().split())
    return _SYNONYMS.get(wanted, wanted)


def cell_problem(table_name: str, column: str, value: str, categories: tuple[str, ...]) -> str | None:
    """Why a cell is not acceptable, in one sentence; None when it is fine."""
    key = column.strip().lower()
    if key == "name" and not value.strip():
        return "Every row needs a name."
    if table_name == "cookies" and key == "duration" and not value.strip():
        return "Say how long the cookie lasts (for example '12 months' or 'until you sign out')."
    if table_name == "cookies" and key == "category":
        known = ", ".join(categories[:-1]) + f" or {categories[-1]}" if len(categories) > 1 else "".join(categories)
        wanted = " ".join(value.lower().split())
        if not wanted:
            return f"Choose a category: {known}."
        allowed = {c.lower() for c in categories}
        if wanted not in allowed and _SYNONYMS.get(wanted) not in allowed:
            return f"‘{value.strip()}’ is not a cookie category your notice explains; use {known}."
    return None


def table_problems(notice: Notice) -> Iterator[Finding]:
    """One error per invalid cell of every table the notice has."""
    categories = cookie_categories(notice)
    for name, table in sorted(notice.tables.items()):
        for number, row in enumerate(table.rows, start=1):
            for column, header in enumerate(table.columns):
                value = row[column] if column < len(row) else ""
                problem = cell_problem(name, header, value, categories)
                if problem is None:
                    continue
                yield Finding(
                    "table-cell-invalid",
                    "error",
                    f"The table '{table_label(name)}', row {number}, column '{header}': {problem}",
                    f"Correct the cell in the Tables panel (or notice-studio table set DIR {name} ...).",
                    None,
                    location="notice",
                    excerpt=f"{name}:{number}:{header}",
                    in_app="Correct the cell in the Tables panel.",
                )

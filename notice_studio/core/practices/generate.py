"""Tables made from the practices: the CCPA categories table and the retention schedule.

A clause embeds them like any table (`[[table:ccpa-categories]]`); they are regenerated each time
the practices change, so the notice cannot say one thing in its table and another in practices.
"""

from __future__ import annotations

from collections.abc import Callable

from notice_studio.core.notice.model import Notice, Table
from notice_studio.core.practices.model import CCPA_CATEGORIES, Category, Practices

CCPA_TABLE = "ccpa-categories"
RETENTION_TABLE = "retention-schedule"
SALE_TABLE = "ccpa-sold-shared"
CAPTIONS: dict[str, str] = {
    CCPA_TABLE: "Personal information we collect, by CCPA category",
    RETENTION_TABLE: "How long we keep personal information",
    SALE_TABLE: "Personal information sold or shared",
}
"""Captions readers see above the generated tables."""
NONE = "—"
NOT_SOLD = "Not sold or shared"


def _labels(ids: list[str], lookup: Callable[[str], object | None]) -> list[str]:
    labels: list[str] = []
    for ident in ids:
        found = lookup(ident)
        label = str(getattr(found, "label", ident))
        if label not in labels:
            labels.append(label)
    return labels


def _joined(values: list[str]) -> str:
    return "; ".join(values) if values else NONE


def sale_column(p: Practices, categories: list[Category]) -> str:
    """'Advertising partners (sold and shared)', or 'Not sold or shared'."""
    ids = {c.id for c in categories}
    how: dict[str, list[str]] = {}
    for word, block in (("sold", p.sold), ("shared", p.shared)):
        if ids & set(block.categories):
            for label in _labels(block.to, p.recipient) or ["Third parties"]:
                how.setdefault(label, []).append(word)
    if not how:
        return NOT_SOLD
    return "; ".join(f"{label} ({' and '.join(words)})" for label, words in how.items())


def ccpa_table(p: Practices) -> Table:
    """The twelve CCPA categories, each with what the practices say about it."""
    columns = [
        "Category",
        "Examples",
        "Collected?",
        "Sources",
        "Purposes",
        "Disclosed for a business purpose to",
        "Sold or shared to",
    ]
    rows: list[list[str]] = []
    for key, name in CCPA_CATEGORIES.items():
        found = [c for c in p.categories if c.ccpa == key or (key == "sensitive" and c.sensitive and c.ccpa != key)]
        if key == "sensitive":
            found = [c for c in p.categories if c.sensitive]
        if not found:
            rows.append([name, NONE, "No", NONE, NONE, NONE, NONE])
            continue
        rows.append(
            [
                name,
                "; ".join(c.examples or c.label for c in found),
                "Yes",
                _joined(_labels([s for c in found for s in c.sources], p.source)),
                _joined(_labels([s for c in found for s in c.purposes], p.purpose)),
                _joined(_labels([s for c in found for s in c.disclosed_to], p.recipient)),
                sale_column(p, found),
            ]
        )
    return Table(columns, rows)


def retention_table(p: Practices) -> Table:
    return Table(
        ["Information", "How long we keep it"],
        [[c.label, c.retention or NONE] for c in p.categories],
    )


def sale_table(p: Practices) -> Table:
    """Each category sold or shared: how, to whom and why."""
    rows: list[list[str]] = []
    for category in p.categories:
        how = [w for w, block in (("Sold", p.sold), ("Shared", p.shared)) if category.id in block.categories]
        if not how:
            continue
        blocks = [b for b in (p.sold, p.shared) if category.id in b.categories]
        rows.append(
            [
                category.label,
                " and ".join(how).capitalize(),
                _joined(_labels([r for b in blocks for r in b.to], p.recipient)),
                _joined(_labels([r for b in blocks for r in b.purposes], p.purpose)),
            ]
        )
    return Table(["Information", "Sold or shared", "To", "Why"], rows)


GENERATED: dict[str, Callable[[Practices], Table]] = {
    CCPA_TABLE: ccpa_table,
    RETENTION_TABLE: retention_table,
    SALE_TABLE: sale_table,
}


def embedded_tables(notice: Notice) -> set[str]:
    # The substring test skips the regular expression for the many clauses that embed nothing.
    return {name for clause in notice.all_clauses() if "table:" in clause.body for name in clause.tables()}


def stale_tables(notice: Notice) -> list[str]:
    """Generated tables the notice embeds whose rows no longer match the practices."""
    if notice.practices is None:
        return []
    stale = []
    for name in sorted(embedded_tables(notice) & set(GENERATED)):
        made = GENERATED[name](notice.practices)
        have = notice.tables.get(name)
        if have is None or have.columns != made.columns or have.rows != made.rows:
            stale.append(name)
    return stale


def regenerate_from_practices(notice: Notice) -> list[str]:
    """Remake the tables and statements the notice uses from its practices; names of those changed."""
    from notice_studio.core.practices.statements import regenerate_statements

    return regenerate_tables(notice) + regenerate_statements(notice)


def regenerate_tables(notice: Notice) -> list[str]:
    """Make every generated table the notice embeds from its practices; names of those changed."""
    changed = stale_tables(notice)
    if notice.practices is not None:
        for name in changed:
            notice.tables[name] = GENERATED[name](notice.practices)
    return changed

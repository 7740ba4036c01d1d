"""The one place the checks touch the clause library, requirements.yaml and the fact table.

Everything the rules need from those modules goes through these small functions, so a change
in their API is fixed here. `load_context` is the only function that reads files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from notice_studio.core.checks.types import CheckContext
from notice_studio.core.notice.model import Clause

if TYPE_CHECKING:
    from notice_studio.core.library.catalog import Library
    from notice_studio.core.library.fit import LawMismatch
    from notice_studio.core.library.requirements import Element, Requirements
    from notice_studio.core.library.types import LibraryClause


# ----- library ---------------------------------------------------------------------------------
def library_clause(library: Library | None, clause: Clause) -> LibraryClause | None:
    """The library clause a notice clause was inserted from, if the library has it."""
    if library is None or clause.provenance is None:
        return None
    return library.get(clause.provenance.library_id)


def clause_topic(library_clause: LibraryClause | None) -> str:
    return str(getattr(library_clause, "topic", "") or "") if library_clause is not None else ""


def clause_satisfies(library_clause: LibraryClause | None) -> tuple[str, ...]:
    return tuple(getattr(library_clause, "satisfies", ()) or ()) if library_clause is not None else ()


def clause_title(library_clause: LibraryClause) -> str:
    return str(getattr(library_clause, "title", "") or "")


def clause_id(library_clause: LibraryClause) -> str:
    return str(getattr(library_clause, "id", "") or "")


def law_mismatch(library: Library | None, clause: Clause, notice_laws: Sequence[str]) -> LawMismatch | None:
    """How the library clause `clause` came from misses the notice's laws; None when it fits."""
    if library is None or clause.provenance is None:
        return None
    return library.law_mismatch(clause.provenance.library_id, notice_laws)


def satisfying(library: Library | None, element_id: str, jurisdiction: str) -> list[LibraryClause]:
    """Library clauses that claim `element_id` and are meant for `jurisdiction` (or all laws)."""
    if library is None:
        return []
    return [c for c in _satisfying_index(library).get(element_id, []) if c.applies_to([jurisdiction])]


# The library object is immutable once loaded; index it once per object.
_INDEX: dict[int, tuple[Library, dict[str, list[LibraryClause]]]] = {}


def _satisfying_index(library: Library) -> dict[str, list[LibraryClause]]:
    cached = _INDEX.get(id(library))
    if cached is not None and cached[0] is library:
        return cached[1]
    index: dict[str, list[LibraryClause]] = {}
    for clause in library.clauses():
        for element in clause.satisfies:
            index.setdefault(element, []).append(clause)
    if len(_INDEX) > 8:
        _INDEX.clear()
    _INDEX[id(library)] = (library, index)
    return index


# ----- requirements ----------------------------------------------------------------------------
def elements_for(requirements: Requirements, jurisdiction: str) -> list[Element]:
    """Elements that apply to one jurisdiction, inherited laws included (no_pda -> GDPR)."""
    return list(requirements.for_jurisdictions([jurisdiction]))


def all_elements(requirements: Requirements) -> tuple[Element, ...]:
    return tuple(requirements.elements)


def law_name(jurisdiction: str) -> str:
    from notice_studio.core.library.jurisdictions import label

    return label(jurisdiction, jurisdiction.upper())


# ----- facts -----------------------------------------------------------------------------------
def fact_for_condition(condition: str) -> str | None:
    from notice_studio.core.library.facts import fact_for_condition as lookup

    return lookup(condition)


def fact_question(fact: str) -> str:
    from notice_studio.core.library.facts import FACTS

    found = FACTS.get(fact)
    return found.question if found else ""


@lru_cache(maxsize=1)
def fact_keys() -> tuple[str, ...]:
    from notice_studio.core.library.facts import FACTS

    return tuple(FACTS)


# ----- loading (I/O) -------------------------------------------------------------------------
def load_context(
    *,
    last_published: dt.date | None = None,
    published_count: int | None = None,
    published_version: bool = False,
    today: dt.date | None = None,
    library_folders: Sequence[str] = (),
    skip: Iterable[str] = (),
) -> CheckContext:
    """A context with the shipped library (plus the user's folders) and requirements loaded.

    A library or requirements file that cannot be read leaves that part out (no coverage
    check) rather than failing: the drafting checks still run.
    """
    library = requirements = None
    try:
        from notice_studio.core.library.catalog import load_library

        library = load_library(library_folders)
    except Exception:  # noqa: BLE001 - a broken library must not stop the other checks
        library = None
    try:
        from notice_studio.core.library.requirements import load_requirements

        requirements = load_requirements()
    except Exception:  # noqa: BLE001
        requirements = None
    return CheckContext(
        library=library,
        requirements=requirements,
        last_published=last_published,
        today=today or dt.date.today(),
        published_version=published_version,
        published_count=published_count,
        skip=frozenset(skip),
    )

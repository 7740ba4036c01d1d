"""Library updates for clauses in a notice: is a clause customised, is there a newer version,
and a three-way merge that keeps the user's edits when the library text changes.

The merge works on lines (a Markdown paragraph is usually one line or a few): base is the text
as inserted, ours the notice's current text, theirs the newest library text. Where only one
side changed a region, that side wins; where both changed it differently, the user's text is
kept and the region is reported as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .library_types import LibraryClause
from .model import Clause, Provenance


@dataclass(frozen=True)
class ClauseStatus:
    """How a notice clause stands against the library clause it came from."""

    customised: bool
    """The user changed the title or text since it was inserted (or last updated)."""
    newer_version: int | None
    """The library's version when it is newer than the one inserted, else None."""
    inserted_text: str
    current_text: str
    library_text: str | None
    """The newest library text, or None when the library no longer has the clause."""
    library_id: str = ""
    inserted_version: int = 0

    @property
    def in_library(self) -> bool:
        return self.library_text is not None

    @property
    def update_available(self) -> bool:
        return self.newer_version is not None


@dataclass(frozen=True)
class Conflict:
    """A region both the user and the library changed: the user's text was kept."""

    base: str
    ours: str
    theirs: str


@dataclass(frozen=True)
class MergeResult:
    body: str
    conflicts: bool
    title: str = ""
    """The merged title: the library's new title unless the user renamed the clause."""
    conflict_regions: tuple[Conflict, ...] = ()
    version: int = 0
    """The library version the merge brings the clause to."""


def clause_status(clause: Clause, library: object) -> ClauseStatus | None:
    """The clause's library status; None for a clause that did not come from the library.

    `library` is a `Library` (anything with `get(id) -> LibraryClause | None`).
    """
    provenance = clause.provenance
    if provenance is None:
        return None
    current = library.get(provenance.library_id)  # type: ignore[attr-defined]
    newer = current.version if current is not None and current.version > provenance.version else None
    return ClauseStatus(
        customised=clause.is_customised(),
        newer_version=newer,
        inserted_text=provenance.base_body,
        current_text=clause.body,
        library_text=current.body if current is not None else None,
        library_id=provenance.library_id,
        inserted_version=provenance.version,
    )


def merge_update(clause: Clause, library_clause: LibraryClause) -> MergeResult:
    """Three-way merge of the clause's text with the newer library text (pure: changes nothing)."""
    provenance = clause.provenance or Provenance(library_clause.id, 0, clause.body, clause.title)
    body, regions = merge3(provenance.base_body, clause.body, library_clause.body)
    base_title = provenance.base_title or clause.title
    title = library_clause.title if clause.title == base_title else clause.title
    return MergeResult(body, bool(regions), title, tuple(regions), library_clause.version)


def apply_update(clause: Clause, library_clause: LibraryClause, result: MergeResult | None = None) -> MergeResult:
    """Bring `clause` to the library clause's version (in place); keep old values first for undo.

    The merged text (user edits kept) becomes the body, and the provenance records the new
    version with the new library text as the base for the next update.
    """
    result = result or merge_update(clause, library_clause)
    clause.body = result.body
    clause.title = result.title or clause.title
    clause.provenance = Provenance(library_clause.id, library_clause.version, library_clause.body, library_clause.title)
    return result


def merge3(base: str, ours: str, theirs: str) -> tuple[str, list[Conflict]]:
    """Merge two edits of `base` line by line; returns the text and the conflicting regions."""
    if ours == theirs or theirs == base:
        return ours, []
    if ours == base:
        return theirs, []
    a, o, t = base.split("\n"), ours.split("\n"), theirs.split("\n")
    in_ours = _matches(a, o)
    in_theirs = _matches(a, t)
    out: list[str] = []
    conflicts: list[Conflict] = []
    i = j = k = 0

    def settle(base_end: int, ours_end: int, theirs_end: int) -> None:
        chunk_a, chunk_o, chunk_t = a[i:base_end], o[j:ours_end], t[k:theirs_end]
        if chunk_o == chunk_a:
            out.extend(chunk_t)
        elif chunk_t == chunk_a or chunk_o == chunk_t:
            out.extend(chunk_o)
        else:
            out.extend(chunk_o)
            conflicts.append(Conflict("\n".join(chunk_a), "\n".join(chunk_o), "\n".join(chunk_t)))

    for line in range(len(a)):
        if line in in_ours and line in in_theirs:
            ours_line, theirs_line = in_ours[line], in_theirs[line]
            if ours_line < j or theirs_line < k:
                continue
            settle(line, ours_line, theirs_line)
            out.append(a[line])
            i, j, k = line + 1, ours_line + 1, theirs_line + 1
    settle(len(a), len(o), len(t))
    return "\n".join(out), conflicts


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    """Base line index -> index of the same line in `other`, for lines difflib keeps unchanged."""
    mapping: dict[int, int] = {}
    for block in SequenceMatcher(None, base, other, autojunk=False).get_matching_blocks():
        for n in range(block.size):
            mapping[block.a + n] = block.b + n
    return mapping

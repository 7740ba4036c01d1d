"""Library updates for clauses in a notice: is a clause customised, is there a newer version,
and a three-way merge that keeps the user's edits when the library text changes.

Base is the text as inserted, ours the notice's current text, theirs the newest library text.
The merge works on lines first (a Markdown paragraph is usually one line), then by words inside
a paragraph both sides changed: where only one side changed some words, that side wins; only
where both changed the same words differently is the region a conflict, and the user's text is
kept there unless they choose otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from notice_studio.core.diff.three_way import Clash, Hunk, merge_hunks
from notice_studio.core.diff.word_merge import TextConflict, merge_text
from notice_studio.core.library.types import LibraryClause
from notice_studio.core.notice.model import Clause, Provenance

if TYPE_CHECKING:
    from notice_studio.core.library.catalog import Library


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
    library_version: int = 0
    """The library's version now (0 when it no longer has the clause)."""
    text_differs: bool = False
    """The library's text or title now differs from what was inserted, whatever the versions say
    (a firm's clause that replaced the shipped one under the same id and version)."""
    overriding_folder: str = ""
    """The folder whose clause replaces an earlier folder's clause of this id ('' when none does)."""
    overridden: str = ""
    """What that folder's clause replaces, in plain words (`ClauseOrigin.replaced`)."""

    @property
    def in_library(self) -> bool:
        return self.library_text is not None

    @property
    def update_available(self) -> bool:
        """A newer version, or a different text under the same version number."""
        return self.newer_version is not None or (self.text_differs and self.library_version == self.inserted_version)

    @property
    def library_older(self) -> bool:
        """The library's clause now has a lower version than the one inserted (a firm's folder
        with an older copy replaced the clause it came from)."""
        return self.in_library and self.library_version < self.inserted_version

    @property
    def state(self) -> str:
        """How the clause stands against the library, in plain words."""
        if not self.in_library:
            return "no longer in the library"
        if self.newer_version is not None:
            return f"version {self.newer_version} available"
        if self.library_older:
            return (
                f"the library's clause is now version {self.library_version}, older than the version "
                f"{self.inserted_version} inserted; nothing newer to update to"
            )
        if self.text_differs:
            return f"the library's text differs from the text inserted, though both are version {self.library_version}"
        return "up to date"

    @property
    def override_note(self) -> str:
        """'' or a sentence saying the library's clause of this id is a firm's, not the shipped one."""
        if not self.overriding_folder:
            return ""
        return (
            f"The library's '{self.library_id}' comes from your folder '{self.overriding_folder}', "
            f"which overrides {self.overridden or 'the shipped clause of that id'}."
        )


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


def clause_status(clause: Clause, library: Library) -> ClauseStatus | None:
    """The clause's library status; None for a clause that did not come from the library."""
    provenance = clause.provenance
    if provenance is None:
        return None
    current = library.get(provenance.library_id)
    newer = current.version if current is not None and current.version > provenance.version else None
    differs = current is not None and (
        current.body.strip() != provenance.base_body.strip()
        or bool(provenance.base_title and current.title != provenance.base_title)
    )
    origin = current.origin if current is not None else None
    return ClauseStatus(
        customised=clause.is_customised(),
        newer_version=newer,
        inserted_text=provenance.base_body,
        current_text=clause.body,
        library_text=current.body if current is not None else None,
        library_id=provenance.library_id,
        inserted_version=provenance.version,
        library_version=current.version if current is not None else 0,
        text_differs=differs,
        overriding_folder=origin.root.name if origin is not None and origin.overrides else "",
        overridden=origin.replaced() if origin is not None else "",
    )


def merge_update(clause: Clause, library_clause: LibraryClause, on_conflict: str = "ours") -> MergeResult:
    """Three-way merge of the clause's text with the newer library text (pure: changes nothing).

    Edits to different words merge, even inside one paragraph. Where both changed the same
    words, `on_conflict` says what the body keeps there: "ours" (the user's words), "theirs"
    (the library's) or "both" (each side's words, marked: see `both_wordings`).
    """
    provenance = clause.provenance or Provenance(library_clause.id, 0, clause.body, clause.title)
    body, regions = merge3(provenance.base_body, clause.body, library_clause.body, on_conflict, words=True)
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


def merge3(
    base: str, ours: str, theirs: str, on_conflict: str = "ours", *, words: bool = False
) -> tuple[str, list[Conflict]]:
    """Merge two edits of `base`; returns the text and the conflicting regions.

    Lines first: each side's changes are hunks of base lines replaced (difflib), and hunks of
    the two sides conflict only when they overlap, or insert different text at the same place
    (a paragraph added after one the library reworded keeps both). With `words` (library
    updates), lines both sides changed are then merged by words (`core.diff.word_merge`, the merge
    sync uses), so edits to different words of one paragraph both stay and only the words both
    changed differently are a conflict.
    """
    if ours == theirs or theirs == base:
        return ours, []
    if ours == base:
        return theirs, []
    a = tuple(base.split("\n"))
    out: list[str] = []
    conflicts: list[Conflict] = []
    for piece in merge_hunks(a, _hunks(a, ours, True), _hunks(a, theirs, False)):
        if not isinstance(piece, Clash):
            out.extend(piece)
            continue
        if not words:
            out.extend(
                {"ours": piece.ours, "theirs": piece.theirs, "both": (*piece.ours, "", *piece.theirs)}[on_conflict]
            )
            conflicts.append(Conflict("\n".join(piece.base), "\n".join(piece.ours), "\n".join(piece.theirs)))
            continue
        text, clashes = _merge_words("\n".join(piece.base), "\n".join(piece.ours), "\n".join(piece.theirs), on_conflict)
        out.extend(text.split("\n"))
        conflicts.extend(clashes)
    return "\n".join(out), conflicts


YOURS_MARK = "[your wording: "
LIBRARY_MARK = "[library wording: "
"""With "keep both", each clash reads `[your wording: …] [library wording: …]` in place, so the
rest of the sentence is not repeated and counsel sees exactly which words to choose between."""


BOTH_WORDINGS_RE = re.compile(r"\[(?:your|library) wording: [^\]\n]*\]")
"""Either half of a clash kept with "keep both": `check` reports it as a drafting marker until
counsel choose, so a notice is never published with both."""


def both_wordings(ours: str, theirs: str) -> str:
    """The clashing words of each side, marked, side by side."""
    return f"{YOURS_MARK}{ours.strip()}] {LIBRARY_MARK}{theirs.strip()}]"


def _merge_words(base: str, ours: str, theirs: str, on_conflict: str) -> tuple[str, list[Conflict]]:
    out: list[str] = []
    conflicts: list[Conflict] = []
    for piece in merge_text(base, ours, theirs):
        if not isinstance(piece, TextConflict):
            out.append(piece)
            continue
        conflicts.append(Conflict(piece.base, piece.yours, piece.theirs))
        if on_conflict == "both":
            lead = piece.yours[: len(piece.yours) - len(piece.yours.lstrip())]
            tail = piece.yours[len(piece.yours.rstrip()) :]
            out.append(lead + both_wordings(piece.yours, piece.theirs) + tail)
        else:
            out.append(piece.theirs if on_conflict == "theirs" else piece.yours)
    return "".join(out), conflicts


def _hunks(base: tuple[str, ...], text: str, ours: bool) -> list[Hunk[tuple[str, ...]]]:
    other = text.split("\n")
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [Hunk(i1, i2, tuple(other[j1:j2]), ours) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]

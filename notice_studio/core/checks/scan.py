"""One pass over the notice that every rule shares: order, numbers, parents, plain text, topics."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from notice_studio.core.checks import sources
from notice_studio.core.checks.text import per_text, plain
from notice_studio.core.checks.topics import topics_in
from notice_studio.core.notice.model import Clause, Notice

# Checks read at most this much of one section (a 20,000-word notice is about 130,000 characters in
# all), so a section pasted in by mistake at many megabytes cannot make checking take minutes; the
# check 'clause-too-large' says so and blocks publishing.
CHECKED_CHARS = 1_000_000

if TYPE_CHECKING:
    from notice_studio.core.library.catalog import Library
    from notice_studio.core.library.types import LibraryClause


@dataclass(frozen=True)
class ClauseInfo:
    clause: Clause
    index: int
    """Position in reading order."""
    depth: int
    number: str
    parent_id: str | None
    ancestors: tuple[str, ...]
    plain: str
    """The body with markup blanked (same length as the body)."""
    own_topics: frozenset[str]
    """From front matter, the library clause and cue words in the title."""
    topics: frozenset[str]
    """own_topics plus every ancestor's."""
    library_clause: LibraryClause | None
    full_length: int = 0
    """The body's real length when only its first CHECKED_CHARS are checked, else 0."""

    @property
    def id(self) -> str:
        return self.clause.id


@dataclass(frozen=True)
class Scan:
    notice: Notice
    clauses: tuple[ClauseInfo, ...]
    by_id: dict[str, ClauseInfo]
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """Notice-wide values a per-clause rule needs, worked out once per scan."""

    def order(self, clause_id: str | None) -> int:
        info = self.by_id.get(clause_id or "")
        return info.index if info else -1


def scan(notice: Notice, library: Library | None) -> Scan:
    infos: list[ClauseInfo] = []

    def visit(
        items: list[Clause], depth: int, prefix: str, parents: tuple[ClauseInfo, ...], ancestors: tuple[str, ...]
    ) -> None:
        for n, clause in enumerate(items, start=1):
            number = f"{prefix}{n}"
            lib = sources.library_clause(library, clause)
            own = _own_topics(tuple(clause.topics), clause.title, sources.clause_topic(lib))
            topics = own.union(*(parent.own_topics for parent in parents)) if parents else own
            full_length = len(clause.body) if len(clause.body) > CHECKED_CHARS else 0
            if full_length:
                clause = replace(clause, body=clause.body[:CHECKED_CHARS])
            info = ClauseInfo(
                clause=clause,
                index=len(infos),
                depth=depth,
                number=number,
                parent_id=ancestors[-1] if ancestors else None,
                ancestors=ancestors,
                plain=plain(clause.body),
                own_topics=own,
                topics=topics,
                library_clause=lib,
                full_length=full_length,
            )
            infos.append(info)
            if clause.children:
                visit(clause.children, depth + 1, number + ".", (*parents, info), (*ancestors, info.id))

    visit(notice.clauses, 0, "", (), ())
    return Scan(notice, tuple(infos), {info.id: info for info in infos})


@per_text
def _own_topics(front_matter: tuple[str, ...], title: str, library_topic: str) -> frozenset[str]:
    """A section's own topics: from its front matter, cue words in its title and its library clause."""
    own = set(front_matter) | topics_in(title)
    if library_topic:
        own.add(library_topic)
    return frozenset(own)

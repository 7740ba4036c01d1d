"""Library checks across folders and clauses: one id in two of the firm's folders, and clauses
whose `requires` go round in a circle. Both are reported as problems, never raised."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from notice_studio.core.library.types import ClauseOrigin, LibraryClause, LibraryProblem


def firm_over_firm(clause: LibraryClause, origin: ClauseOrigin, line: int | None) -> LibraryProblem:
    """Two of the firm's own folders hold a clause of one id: which wins, and whether it is older."""
    assert origin.overridden_root is not None
    older = (
        f", though it is an older version ({clause.version}; that one is {origin.overridden_version})"
        if clause.version < origin.overridden_version
        else ""
    )
    return LibraryProblem(
        origin.path,
        line,
        f"the id '{clause.id}' is also used by {origin.overridden_path}; your folder '{origin.root.name}' comes "
        f"after '{origin.overridden_root.name}', so this clause is used in place of that one{older}; "
        "remove the one you do not want or give it another id",
        "override",
    )


def circular_requires(
    clauses: Mapping[str, LibraryClause], lines: Mapping[tuple[Path | None, str], int | None]
) -> list[LibraryProblem]:
    """Clauses that require each other in a circle (a requires b, b requires a), each circle once,
    named at the first clause's 'requires' line (`lines`: (file, required id) -> line). Only circles
    through a clause of the firm's own folders are reported: the shipped library's paired sections
    list each other on purpose."""
    problems: list[LibraryProblem] = []
    done: set[str] = set()
    for start in sorted(clauses):
        if start in done:
            continue
        # Depth-first without recursion; `trail` is the path from `start`, so a required clause
        # already on it closes a circle. Every clause is entered once, so it always ends.
        trail: list[str] = []
        on_trail: set[str] = set()
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(clauses[start].requires))]
        trail.append(start)
        on_trail.add(start)
        while stack:
            current, pending = stack[-1]
            step = next((r for r in pending if r in clauses), None)
            if step is None:
                stack.pop()
                trail.pop()
                on_trail.discard(current)
                done.add(current)
                continue
            if step in on_trail:
                circle = trail[trail.index(step) :]
                if all(_shipped(clauses[c]) for c in circle):
                    continue  # shipped sections that refer to each other (11 circles today): deliberate, not a problem
                first = clauses[circle[0]]
                path = first.origin.path if first.origin else Path(f"{first.id}.md")
                names = " requires ".join(f"'{c}'" for c in [*circle, circle[0]])
                next_id = circle[1] if len(circle) > 1 else circle[0]
                problems.append(
                    LibraryProblem(
                        path,
                        lines.get((path, next_id)),
                        f"the clauses require each other in a circle ({names}); "
                        "take one of these ids out of a 'requires' list to break it",
                        "requires",
                    )
                )
            elif step not in done:
                stack.append((step, iter(clauses[step].requires)))
                trail.append(step)
                on_trail.add(step)
    return problems


def _shipped(clause: LibraryClause) -> bool:
    return clause.origin is None or clause.origin.shipped

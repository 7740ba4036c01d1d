"""Read a reviewed copy: which paragraphs belong to which clause, with their revisions.

A clause starts at the paragraph holding its bookmark (its heading) and runs to the next
clause's heading; paragraphs before the first clause (the title and the note) are not part of
any clause. Body paragraphs are joined with a newline that carries what happened to the first
paragraph's end (so a tracked paragraph split or join is a tracked newline).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from notice_studio.core.diff.words import EQUAL, INSERT
from notice_studio.core.export.docx_revisions import (
    TextRun,
    body_paragraphs,
    comment_starts,
    paragraph_mark,
    paragraph_runs,
)

__all__ = ["ReviewedClause", "read_clauses"]


@dataclass
class ReviewedClause:
    clause_id: str
    heading: list[TextRun] = field(default_factory=list)
    body: list[TextRun] = field(default_factory=list)
    comment_ids: list[str] = field(default_factory=list)


def _drop_prefix(runs: list[TextRun], prefix: str) -> list[TextRun]:
    """`runs` without the heading's number ("2.1 "), when the copy still starts with it."""
    kept = "".join(r.text for r in runs if r.op != INSERT)
    if not kept.startswith(prefix.rstrip()):
        return runs
    todo = len(prefix) if kept.startswith(prefix) else len(prefix.rstrip())
    out: list[TextRun] = []
    for run in runs:
        if todo and run.op != INSERT:
            cut = min(todo, len(run.text))
            todo -= cut
            rest = run.text[cut:]
            if rest:
                out.append(TextRun(rest, run.op, run.author, run.date, run.revision, run.comments))
            continue
        if todo and run.op == INSERT:
            continue
        out.append(run)
    return out


def _is_blank(runs: list[TextRun], mark: TextRun) -> bool:
    return mark.op == EQUAL and not "".join(r.text for r in runs).strip()


def read_clauses(document: Any, bookmarks: Mapping[str, str], prefixes: Mapping[str, str]) -> dict[str, ReviewedClause]:
    """Clauses found in the copy, by id. `bookmarks`: bookmark name -> clause id;
    `prefixes`: clause id -> the number printed before its title."""
    found: dict[str, ReviewedClause] = {}
    current: ReviewedClause | None = None
    previous_mark: TextRun | None = None
    for p in body_paragraphs(document):
        names = [b.get(qn("w:name")) for b in p.iter(qn("w:bookmarkStart"))]
        starts = [bookmarks[n] for n in names if n in bookmarks and bookmarks[n] not in found]
        runs = paragraph_runs(p)
        if starts:
            current = ReviewedClause(starts[0])
            found[current.clause_id] = current
            current.heading = _drop_prefix(runs, prefixes.get(current.clause_id, ""))
            current.comment_ids.extend(comment_starts(p))
            previous_mark = None
            continue
        if current is None:
            continue
        current.comment_ids.extend(comment_starts(p))
        mark = paragraph_mark(p)
        if _is_blank(runs, mark):
            continue
        if previous_mark is not None:
            current.body.append(
                TextRun("\n", previous_mark.op, previous_mark.author, previous_mark.date, previous_mark.revision)
            )
        current.body.extend(runs)
        previous_mark = mark
    return found

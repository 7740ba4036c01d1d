"""Read a reviewed copy: which paragraphs belong to which clause, with their revisions.

A clause starts at the paragraph holding its bookmark (its heading) and runs to the next
clause's heading; paragraphs before the first clause (the title and the note) are not part of
any clause. Body paragraphs are joined with a newline that carries what happened to the first
paragraph's end (so a tracked paragraph split or join is a tracked newline).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from notice_studio.core.diff.words import DELETE, EQUAL, INSERT
from notice_studio.core.export.docx_revisions import (
    TextRun,
    body_paragraphs,
    comment_starts,
    paragraph_mark,
    paragraph_runs,
)

__all__ = ["NEW_SECTION", "ReviewedClause", "heading_level", "read_clauses", "renamed_sections", "without_number"]


@dataclass
class ReviewedClause:
    clause_id: str
    heading: list[TextRun] = field(default_factory=list)
    body: list[TextRun] = field(default_factory=list)
    comment_ids: list[str] = field(default_factory=list)
    after: str | None = None
    """For a section the reviewer added: the sent clause it follows (None: before the first)."""
    level: int = 0
    """For a section the reviewer added: its heading level (1 = top)."""

    @property
    def is_new(self) -> bool:
        return self.level > 0


NEW_SECTION = "new-section-"
"""Key prefix of sections a reviewer added (a heading paragraph with no section bookmark)."""

_NO_PARAGRAPH_YET = TextRun("", EQUAL)
"""The clause has no body paragraph yet: nothing ends before the first one."""

_HEADING_STYLE = re.compile(r"heading\s*([1-9])$", re.IGNORECASE)


def heading_level(p: Any) -> int:
    """The paragraph's heading level from its style (0: not a heading)."""
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    found = _HEADING_STYLE.match((style.get(qn("w:val")) or "") if style is not None else "")
    return int(found.group(1)) if found else 0


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


_TYPED_NUMBER = re.compile(r"\s*\d{1,3}(?:\.\d{1,3})*\.?\s+(?=\S)")


def without_number(runs: list[TextRun]) -> list[TextRun]:
    """A heading's runs without a section number typed before its words ("12. "): numbers are
    computed, never part of a title."""
    found = _TYPED_NUMBER.match("".join(r.text for r in runs if r.op != INSERT))
    return _drop_prefix(runs, found.group(0).lstrip()) if found else runs


def renamed_sections(
    found: dict[str, ReviewedClause],
    order: Sequence[str],
    levels: Mapping[str, int],
    same: Callable[[str, ReviewedClause], bool],
) -> None:
    """A heading retyped in Word loses the section's bookmark and reads as a new section while the
    section seems taken out. A new section standing where a sent section went missing, at its
    level, and like it (`same(clause_id, reviewed)`: its title or its text) is that section,
    renamed: it takes the section's id back (in place in `found`)."""
    for key, new in list(found.items()):
        if not new.is_new:
            continue
        k = order.index(new.after) + 1 if new.after in order else 0
        if k >= len(order) or order[k] in found or levels.get(order[k]) != new.level:
            continue
        if not same(order[k], new):
            continue
        clause_id = order[k]
        keys = list(found)
        for later in keys[keys.index(key) + 1 :]:  # sections added after the renamed one follow it
            if found[later].is_new and found[later].after == new.after:
                found[later].after = clause_id
        found[clause_id] = ReviewedClause(clause_id, new.heading, new.body, new.comment_ids)
        del found[key]


def _is_blank(runs: list[TextRun], mark: TextRun) -> bool:
    return mark.op == EQUAL and not "".join(r.text for r in runs).strip()


def _starts_section(
    current: ReviewedClause,
    level: int,
    runs: list[TextRun],
    levels: Mapping[str, int],
    body_headings: Mapping[str, Collection[str]],
) -> bool:
    text = " ".join("".join(r.text for r in runs if r.op != DELETE).split())
    if not text:
        return False
    section_level = current.level if current.is_new else levels.get(current.clause_id, 0)
    if level <= section_level:
        return True
    own = body_headings.get(current.clause_id, ())
    return level == section_level + 1 and text not in own


def read_clauses(
    document: Any,
    bookmarks: Mapping[str, str],
    prefixes: Mapping[str, str],
    levels: Mapping[str, int] | None = None,
    body_headings: Mapping[str, Collection[str]] | None = None,
    sent_paragraphs: Mapping[str, Collection[str]] | None = None,
) -> dict[str, ReviewedClause]:
    """Clauses found in the copy, by id. `bookmarks`: bookmark name -> clause id;
    `prefixes`: clause id -> the number printed before its title; `levels`: clause id -> its
    heading level; `body_headings`: clause id -> the headings its text had. A heading the
    reviewer added (no bookmark) at a section's level or one below, and not one of the text's
    own headings, starts a new section, keyed `NEW_SECTION` + a number. Under it, a paragraph the
    section before had as sent (`sent_paragraphs`), unchanged, stays that section's text: a
    heading typed in the middle of a section adds a section, it does not move words."""
    found: dict[str, ReviewedClause] = {}
    current: ReviewedClause | None = None
    last_sent: str | None = None
    marks: dict[str, TextRun | None] = {}  # each clause's last paragraph end so far (None: none there)
    joins: dict[str, int] = {}  # where in each clause's body its last paragraph break is
    levels = levels or {}
    for p in body_paragraphs(document):
        if current is not None:  # a comment in a table goes with the section the table stands in
            current.comment_ids.extend(_table_comments_before(p))
        names = [b.get(qn("w:name")) for b in p.iter(qn("w:bookmarkStart"))]
        starts = [bookmarks[n] for n in names if n in bookmarks and bookmarks[n] not in found]
        runs = paragraph_runs(p)
        if starts:
            current = ReviewedClause(starts[0])
            found[current.clause_id] = current
            last_sent = current.clause_id
            current.heading = _drop_prefix(runs, prefixes.get(current.clause_id, ""))
            current.comment_ids.extend(comment_starts(p))
            continue
        level = heading_level(p)
        if level and current is not None and _starts_section(current, level, runs, levels, body_headings or {}):
            current = ReviewedClause(f"{NEW_SECTION}{sum(c.is_new for c in found.values()) + 1}", after=last_sent)
            current.level = level
            found[current.clause_id] = current
            current.heading = without_number([r for r in runs if r.op != DELETE])
            current.comment_ids.extend(comment_starts(p))
            continue
        if current is None:
            continue
        mark = paragraph_mark(p)
        if mark is not None and _is_blank(runs, mark):
            current.comment_ids.extend(comment_starts(p))
            continue
        target = current
        if current.is_new and last_sent is not None and _kept(runs, mark, (sent_paragraphs or {}).get(last_sent, ())):
            target = found[last_sent]
        target.comment_ids.extend(comment_starts(p))
        before = marks.get(target.clause_id, _NO_PARAGRAPH_YET)
        if before is not None and before is not _NO_PARAGRAPH_YET:
            joins[target.clause_id] = len(target.body)
            target.body.append(TextRun("\n", before.op, before.author, before.date, before.revision))
        target.body.extend(runs)
        marks[target.clause_id] = mark
    if current is not None:
        current.comment_ids.extend(_table_comments_before(None, document.element.body))
    for clause_id, at in joins.items():  # a paragraph added at a section's end: its break is new too
        last = marks.get(clause_id)
        body = found[clause_id].body
        if last is not None and last.op == INSERT and body[at].op == EQUAL:
            body[at] = TextRun("\n", INSERT, last.author, last.date, last.revision)
    return found


def _table_comments_before(p: Any, parent: Any = None) -> list[str]:
    """Comments in the tables standing just before paragraph `p` (None: at the end of `parent`)."""
    tables = []
    sibling = p.getprevious() if p is not None else (parent[-1] if len(parent) else None)
    while sibling is not None and sibling.tag != qn("w:p"):
        if sibling.tag == qn("w:tbl"):
            tables.append(sibling)
        sibling = sibling.getprevious()
    return [c.get(qn("w:id")) or "" for tbl in reversed(tables) for c in tbl.iter(qn("w:commentRangeStart"))]


def _kept(runs: list[TextRun], mark: TextRun | None, sent: Collection[str]) -> bool:
    """An unchanged paragraph the clause had when it was sent."""
    if mark is None or mark.op != EQUAL or any(r.op != EQUAL for r in runs):
        return False
    return " ".join("".join(r.text for r in runs).split()) in sent

"""Sections a reviewer added in the copy: whether one is a sent section whose heading was retyped,
and where an accepted one goes in the draft (after the section it followed, or the nearest one
before it that the draft still has), with a sentence when that is not where the copy had it."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from notice_studio.core.diff.words import DELETE, INSERT
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.wordreview.reviewed import ReviewedClause
from notice_studio.core.wordreview.send import ClauseText
from notice_studio.core.wordreview.source_edits import shown_text

if TYPE_CHECKING:
    from notice_studio.core.wordreview.review import WordReview

__all__ = ["add_sections", "like_a_sent_section", "placement_notes"]


def like_a_sent_section(sent: Notice, texts: list[ClauseText]) -> Callable[[str, ReviewedClause], bool]:
    """Whether a section the reviewer added is like a sent section: its title or its text mostly
    the same words."""
    bodies = {t.clause_id: shown_text(t.body_blocks) for t in texts}

    def similar(a: str, b: str) -> bool:
        return bool(a.split()) and difflib.SequenceMatcher(a=a.split(), b=b.split(), autojunk=False).ratio() >= 0.6

    def like(clause_id: str, added: ReviewedClause) -> bool:
        title = "".join(r.text for r in added.heading if r.op != DELETE)
        body = "".join(r.text for r in added.body if r.op != INSERT)
        return similar(title, sent.find(clause_id).title) or similar(body, bodies[clause_id])

    return like


def add_sections(review: WordReview, notice: Notice, accepted: Collection[str]) -> list[str]:
    """The accepted sections the reviewer added, each placed after the section it followed in
    the copy, at its heading's level. Returns their titles."""
    titles: list[str] = []
    placed: dict[str | None, int] = {}  # sections already added after the same one
    for proposal in review.proposals:
        section = review._new.get(proposal.clause_id)
        if section is None or proposal.id not in accepted:
            continue
        title = section.title or "New section"
        if any(c.title == title and c.body.strip() == section.body.strip() for c, _, _ in notice.walk()):
            continue  # added already (the copy imported before): never a second one
        clause = Clause(notice.new_clause_id(section.title or "section"), section.title or "New section", section.body)
        parent: str | None = None
        index = 0
        anchor = _anchor(review, notice, section.after)
        if anchor is not None:
            chain = [anchor]
            while (up := notice.position(chain[-1]).parent_id) is not None:
                chain.append(up)
            chain.reverse()  # from the top level down to the section it follows
            if section.level > len(chain):  # one level below: its first sub-section
                parent, index = chain[-1], 0
            else:
                where = notice.position(chain[section.level - 1])
                parent, index = where.parent_id, where.index + 1
        index += placed.get(section.after, 0)
        placed[section.after] = placed.get(section.after, 0) + 1
        notice.add(clause, parent, index)
        titles.append(clause.title)
    return titles


def _anchor(review: WordReview, notice: Notice, after: str | None) -> str | None:
    """The section a new section goes after: the one it followed in the copy or, when the draft
    no longer has that one, the nearest section before it in the copy that the draft still has
    (None: at the start)."""
    if after is None or notice.has(after):
        return after
    order = [t.clause_id for t in review.sent_texts()]
    earlier = order[: order.index(after)] if after in order else []
    return next((c for c in reversed(earlier) if notice.has(c)), None)


def placement_notes(review: WordReview, draft: Notice, accepted: Collection[str]) -> list[str]:
    """Sentences on the accepted new sections that cannot go after the section they followed in the
    copy (the draft no longer has it), saying where they go instead."""
    sent = review._sent
    assert sent is not None
    notes = []
    for proposal in review.proposals:
        section = review._new.get(proposal.clause_id)
        if section is None or proposal.id not in accepted or section.after is None or draft.has(section.after):
            continue
        anchor = _anchor(review, draft, section.after)
        where = f"after '{draft.find(anchor).title}'" if anchor is not None else "at the start"
        notes.append(
            f"The new section '{section.title or 'New section'}' went {where}, because '{sent.find(section.after).title}', "
            "the section it followed in the copy, is no longer in the draft; move it if it belongs elsewhere."
        )
    return notes

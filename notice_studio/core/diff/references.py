"""Cross-references in compared text read as readers see them: each `[[clause-id]]` becomes
"section N" with that side's numbering. Pure; the Compare window and the `diff` command both
read a comparison's words through here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from notice_studio.core.diff.words import DELETE, EQUAL, WordOp
from notice_studio.core.notice.model import CROSSREF_RE
from notice_studio.core.render.common import crossref_label
from notice_studio.core.render.markdown import starts_sentence

__all__ = ["BOTH", "References", "read_references", "side_references", "with_section_numbers"]

BOTH = "both"
"""A side that shows deleted and added words together (a conflict, or the `diff` command)."""


@dataclass(frozen=True)
class References:
    """One side's section numbers, to read each `[[clause-id]]` as the published text does."""

    numbers: Mapping[str, str]
    language: str = "en"


def side_references(diff: object, language: str = "en") -> tuple[References, References]:
    """The old and the new version's section numbers in a `NoticeDiff` (old ids for the old)."""
    clauses = getattr(diff, "clauses", ())
    old = {(c.old_id or c.clause_id): c.old_number for c in clauses if c.old_number}
    new = {c.clause_id: c.new_number for c in clauses if c.new_number}
    return References(old, language), References(new, language)


def read_references(ops: list[WordOp], side: str, references: References) -> list[WordOp]:
    """`ops` (one side's, the other side's words left out) with each `[[clause-id]]` shown as
    "section N" (the renderer's `crossref_label`, capital at a sentence's start). A reference
    whose words were changed is one marked label, even when the word diff split its markup."""
    text = "".join(op.text for op in ops)
    if "[[" not in text:
        return ops
    if side == BOTH:  # deleted and added words interleave: only references kept whole in one run
        return [WordOp(op.op, labels(op.text, references), op.moved) for op in ops]
    codes = [(op.op, op.moved) for op in ops for _ in op.text]
    out: list[WordOp] = []

    def keep(start: int, end: int) -> None:
        while start < end:
            stop = start
            while stop < end and codes[stop] == codes[start]:
                stop += 1
            out.append(WordOp(codes[start][0], text[start:stop], codes[start][1]))
            start = stop

    at = 0
    for match in CROSSREF_RE.finditer(text):
        keep(at, match.start())
        changed = [code for code in codes[match.start() : match.end()] if code[0] != EQUAL]
        line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        label = crossref_label(match.group(1), references.numbers, references.language, starts_sentence(line))
        op, moved = changed[0] if changed else (EQUAL, 0)
        out.append(WordOp(op, label, moved))
        at = match.end()
    keep(at, len(text))
    return out


def labels(text: str, references: References) -> str:
    """`text` with each `[[clause-id]]` as "section N"."""
    if "[[" not in text:
        return text

    def label(match: re.Match[str]) -> str:
        line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        return crossref_label(match.group(1), references.numbers, references.language, starts_sentence(line))

    return CROSSREF_RE.sub(label, text)


def with_section_numbers(ops: tuple[WordOp, ...], old: References, new: References) -> tuple[WordOp, ...]:
    """Deleted and added words together, each reference numbered as its own side numbers it:
    deleted words by the old version, kept and added words by the new."""
    return tuple(WordOp(o.op, labels(o.text, old if o.op == DELETE else new), o.moved) for o in ops)

"""How much two texts differ, in words: '3 words changed in 1 paragraph'. Pure, stdlib only."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, Op, WordOp, tokenize
from notice_studio.core.wording import plural

_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n\s*")


def words_changed(ops: Iterable[WordOp]) -> int:
    """Words changed: for each run of changes between kept words, the more of the words taken
    out and the words put in ('30 days' -> '45 days' is one word changed)."""
    total = out = came = 0
    for op in [*ops, WordOp(EQUAL, "")]:
        if op.op == EQUAL:
            total += max(out, came)
            out = came = 0
        elif op.op == DELETE:
            out += _count_words(op.text)
        else:
            came += _count_words(op.text)
    return total


def paragraphs_changed(ops: Iterable[WordOp]) -> int:
    """Paragraphs with a change in them, counted on the side that has more of them."""
    ops = tuple(ops)
    return max(_changed_on(ops, DELETE), _changed_on(ops, INSERT))


def change_summary(ops: Iterable[WordOp]) -> str:
    """'3 words changed in 1 paragraph.', or that the texts are the same."""
    ops = tuple(ops)
    if all(op.op == EQUAL for op in ops):
        return "No differences: the two texts are the same."
    words, paragraphs = words_changed(ops), paragraphs_changed(ops)
    if not words:
        return f"Only punctuation or spacing differs, in {plural(paragraphs, 'paragraph')}."
    return f"{plural(words, 'word')} changed in {plural(paragraphs, 'paragraph')}."


def _count_words(text: str) -> int:
    return sum(1 for token in tokenize(text) if any(ch.isalnum() for ch in token))


def _changed_on(ops: tuple[WordOp, ...], own: Op) -> int:
    """Paragraphs of one side's text (`own`: DELETE for the old text, INSERT for the new) that
    hold a change: its own changed words, or the place where the other side's words were."""
    text = "".join(op.text for op in ops if op.op in (EQUAL, own))
    breaks = [m.end() for m in _PARAGRAPH_BREAK_RE.finditer(text)]
    changed: set[int] = set()
    at = 0
    for op in ops:
        if op.op == EQUAL:
            at += len(op.text)
        elif op.op == own:
            # A paragraph break at either end of the run is not a paragraph of its own.
            start = at + len(op.text) - len(op.text.lstrip())
            end = max(start, at + len(op.text.rstrip()) - 1)
            changed.update(range(bisect_right(breaks, start), bisect_right(breaks, end) + 1))
            at += len(op.text)
        else:
            changed.add(bisect_right(breaks, at))
    return len(changed)

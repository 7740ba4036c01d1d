"""A clause's text compared for the comparison views: words, with whole lines kept whole.

Two refinements over the plain word comparison (`words.diff_words`), both about lines: when
paragraphs or list items changed order, lines are lined up first (so a reordered item is one
moved line, `moves.py`, not a scatter of words that look alike); and a run of whole lines added
or taken out starts at a line's start, so the next bullet's mark is never shown as changed.
Pure.
"""

from __future__ import annotations

import itertools
from difflib import SequenceMatcher

from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, WordOp, diff_words
from notice_studio.core.scripts import words

__all__ = ["diff_body"]

_MIN_WORDS = 4
"""A line counts as reordered only with at least this many words (the same as a move's)."""


def diff_body(old: str, new: str) -> tuple[WordOp, ...]:
    """A clause's text compared word by word, except that when whole lines (paragraphs, list
    items) changed order, lines are lined up first and only lines that differ are compared by
    words: reordered items whose words look alike ("what you …") are then a moved line each,
    not a scatter of changed words."""
    if old == new or ("\n" not in old and "\n" not in new):
        return diff_words(old, new)  # no line to keep whole
    if "\n" not in old or "\n" not in new:
        return _to_line_starts(diff_words(old, new))
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_keys = [line.rstrip("\r\n") for line in old_lines]
    new_keys = [line.rstrip("\r\n") for line in new_lines]
    if not _reordered(old_keys, new_keys):
        return _to_line_starts(diff_words(old, new))
    ops: list[WordOp] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal" and a == b:
            ops.append(WordOp(EQUAL, a))
        elif tag in ("equal", "replace"):
            ops.extend(diff_words(a, b))
        elif tag == "delete":
            ops.append(WordOp(DELETE, a))
        else:
            ops.append(WordOp(INSERT, b))
    merged: list[WordOp] = []
    for op in ops:
        if merged and merged[-1].op == op.op:
            merged[-1] = WordOp(op.op, merged[-1].text + op.text)
        elif op.text:
            merged.append(op)
    return _to_line_starts(tuple(merged))


def _reordered(old_keys: list[str], new_keys: list[str]) -> bool:
    """Some line of several words that both texts have once changed places with another."""
    new_set, old_set = set(new_keys), set(old_keys)
    old_common = [k for k in old_keys if k in new_set and k.count(" ") >= _MIN_WORDS - 1]
    new_common = [k for k in new_keys if k in old_set and k.count(" ") >= _MIN_WORDS - 1]
    if old_common == new_common:  # the usual case: lines edited, added or removed in place
        return False

    def once(keys: list[str]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for i, key in enumerate(keys):
            if len(words(key)) >= _MIN_WORDS:
                seen[key] = -1 if key in seen else i
        return {k: i for k, i in seen.items() if i >= 0}

    old_at, new_at = once(old_common), once(new_common)
    order = [new_at[k] for k in sorted(old_at, key=old_at.__getitem__) if k in new_at]
    return any(b < a for a, b in itertools.pairwise(order))


def _to_line_starts(ops: tuple[WordOp, ...]) -> tuple[WordOp, ...]:
    """Runs of whole lines added or taken out start at a line's start.

    The comparison may place an added bullet as "Preferences …\n- **" after the earlier "- **",
    or as "\n- **Preferences …" after the line before (the same text either way); readers then
    see the next bullet's marker marked as added, or the change hanging off the line before.
    Such a run is slid over the text it repeats so it reads "- **Preferences …\n".
    """
    if len(ops) < 2:
        return ops
    out = list(ops)
    for k in range(len(out)):
        run = out[k]
        before = out[k - 1].text if k and out[k - 1].op == EQUAL else None
        after = out[k + 1].text if k + 1 < len(out) and out[k + 1].op == EQUAL else None
        if run.op == EQUAL or "\n" not in run.text or (k and before is None):
            continue
        if before is None or before.endswith("\n"):
            continue  # already starts a line
        tail = before[before.rfind("\n") + 1 :]
        if "\n" in before and run.text.endswith(tail) and len(tail) < len(run.text) and after is not None:
            out[k - 1] = WordOp(EQUAL, before[: -len(tail)])  # slide back to the line's start
            out[k] = WordOp(run.op, tail + run.text[: -len(tail)])
            out[k + 1] = WordOp(EQUAL, tail + after)
            continue
        shift = _forward_to_line_start(before, run.text, after or "")
        if shift:  # slide forward over the repeated text to the line break
            out[k - 1] = WordOp(EQUAL, before + run.text[:shift])
            out[k] = WordOp(run.op, run.text[shift:] + (after or "")[:shift])
            out[k + 1] = WordOp(EQUAL, (after or "")[shift:])
    return tuple(o for o in out if o.text)


def _forward_to_line_start(before: str, run: str, after: str) -> int:
    """How far the run can slide forward (its start repeating what follows it) to start at a
    line break or just after one; 0 when it cannot."""
    for shift in range(1, min(len(run), len(after)) + 1):
        if run[shift - 1] != after[shift - 1]:
            return 0
        if run[shift - 1] == "\n" or (shift < len(run) and run[shift] == "\n"):
            return shift
    return 0

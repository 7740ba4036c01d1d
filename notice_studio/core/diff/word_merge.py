"""Three-way merge of a clause's text by words, with the common ancestor.

Each side's edits are found with the word diff (`core.diff.words`, diff-match-patch over word
tokens) against the ancestor and become hunks: a stretch of the ancestor's text replaced by new
text. Hunks of the two sides that do not overlap are both applied, so edits to different
words never conflict; where both sides changed the same words differently, the region is a
`TextConflict` and the caller chooses (yours, theirs, or edited text).
"""

from __future__ import annotations

from dataclasses import dataclass

from notice_studio.core.diff.three_way import Clash, Hunk, merge_hunks
from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, diff_words


@dataclass(frozen=True, slots=True)
class TextConflict:
    """Words both sides changed differently: the ancestor's text and each side's."""

    base: str
    yours: str
    theirs: str


Piece = str | TextConflict
"""Merged text is a run of pieces: agreed text, or a conflict still to be decided."""


def _hunks(base: str, other: str, yours: bool) -> list[Hunk[str]]:
    hunks: list[Hunk[str]] = []
    position = 0
    for op in diff_words(base, other):
        if op.op == EQUAL:
            position += len(op.text)
            continue
        start = end = position
        text = ""
        if op.op == DELETE:
            end = position + len(op.text)
            position = end
        elif op.op == INSERT:
            text = op.text
        last = hunks[-1] if hunks else None
        if last is not None and last.end == start:  # a delete followed by an insert: one replacement
            hunks[-1] = Hunk(last.start, end, last.new + text, yours)
        else:
            hunks.append(Hunk(start, end, text, yours))
    return hunks


def merge_text(base: str, yours: str, theirs: str) -> list[Piece]:
    """Merge two edits of `base` by words: agreed text and conflicts, in reading order."""
    if yours == theirs or theirs == base:
        return [yours]
    if yours == base:
        return [theirs]
    pieces: list[Piece] = []
    for piece in merge_hunks(base, _hunks(base, yours, True), _hunks(base, theirs, False)):
        pieces.append(TextConflict(piece.base, piece.ours, piece.theirs) if isinstance(piece, Clash) else piece)
    return _join(pieces)


def _join(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str):
            if not piece:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + piece
                continue
        out.append(piece)
    return out or [""]


def conflicts_in(pieces: list[Piece]) -> list[TextConflict]:
    return [p for p in pieces if isinstance(p, TextConflict)]


def assemble(pieces: list[Piece], choices: list[str]) -> str:
    """The merged text, with `choices[n]` standing in for the n-th conflict."""
    out: list[str] = []
    n = 0
    for piece in pieces:
        if isinstance(piece, TextConflict):
            out.append(choices[n])
            n += 1
        else:
            out.append(piece)
    return "".join(out)

"""Text moved within or between sections, as the redlines show it. Pure.

Both redlines (HTML and Word) compare each clause's text themselves (references and placeholder
values kept whole), so the moves are found again over those texts with the diff engine's own
rule (`core/diff/moves.py`) and labelled as the Compare window labels them (`move_label`). A
paragraph or list item that moved whole is shown as moved; a moved sentence inside a paragraph
stays a deletion and an insertion, and the clause's note says where it went.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from notice_studio.core.diff.moves import mark_moves, plain_words
from notice_studio.core.diff.notices import ClauseChange, move_label
from notice_studio.core.diff.words import EQUAL, WordOp
from notice_studio.core.export.md_blocks import AtomTable, Block

__all__ = ["TextMoves", "find_text_moves"]


@dataclass(frozen=True)
class TextMoves:
    """Each clause's compared text with moved runs numbered, and what to call each move."""

    ops: dict[str, tuple[WordOp, ...]]
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Move number -> (label where the words left, label where they arrived)."""
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Clause id -> 'Some text moved to section 9.' sentences."""
    words: dict[str, tuple[tuple[str, str, int], ...]] = field(default_factory=dict)
    """Clause id -> (op, words as typed, move number) of each moved run, to find moved blocks."""

    def note(self, clause_id: str) -> str:
        return " ".join(self.notes.get(clause_id, ()))

    def block_moves(self, clause_id: str, blocks: Sequence[Block]) -> list[int]:
        """For each block, the number of the move it wholly belongs to (0: not moved)."""
        moved = self.words.get(clause_id, ())
        numbers = []
        for block in blocks:
            number = 0
            if moved and block.op != EQUAL:
                text = plain_words("".join(p.source for p in block.pieces if p.kind in ("text", "atom")))
                number = next((n for op, words, n in moved if text and op == block.op and text in words), 0)
            numbers.append(number)
        return numbers


def find_text_moves(
    changes: Sequence[ClauseChange], ops_of: Callable[[ClauseChange], tuple[WordOp, ...]], atoms: AtomTable
) -> TextMoves:
    """The moves among the texts `ops_of` gives for every clause of a comparison."""

    def as_typed(text: str) -> str:  # a reference renumbered by the move still matches
        return "".join(atoms.atoms[ch].source if ch in atoms.atoms else ch for ch in text)

    marked, found = mark_moves([ops_of(c) for c in changes], as_typed)
    ops = {c.clause_id: o for c, o in zip(changes, marked, strict=True)}
    labels: dict[int, tuple[str, str]] = {}
    notes: dict[str, list[str]] = {}
    for m in found:
        source, target = changes[m.source], changes[m.target]
        labels[m.number] = gone, came = move_label(source, target)
        if source is target:
            notes.setdefault(source.clause_id, []).append("Some text moved within this section.")
            continue
        notes.setdefault(source.clause_id, []).append(f"Some text {gone}.")
        notes.setdefault(target.clause_id, []).append(f"Some text {came}.")
    told = {cid: tuple(dict.fromkeys(sentences)) for cid, sentences in notes.items()}
    words = {
        cid: tuple((o.op, plain_words(as_typed(o.text)), o.moved) for o in runs if o.moved) for cid, runs in ops.items()
    }
    return TextMoves(ops, labels, told, {cid: w for cid, w in words.items() if w})

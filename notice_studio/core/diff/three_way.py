"""The one three-way merge engine: two sides' changes to a common ancestor, as hunks, merged.

A hunk replaces the ancestor's items [start, end) with new items (start == end: an insertion).
Hunks of the two sides are grouped where they overlap, or insert at the same point; a group
with one side's hunks only (or both sides making the same change) is agreed, anything else is a
conflict for the caller to decide. An insertion next to the other side's change is not a
conflict. The items are a string's characters (clause text merged by words, core.diff.word_merge)
or a text's lines (library updates, core.library.merge): anything that slices and concatenates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Generic, TypeVar

S = TypeVar("S", str, tuple[str, ...])


@dataclass(frozen=True, slots=True)
class Hunk(Generic[S]):
    start: int
    end: int
    """Ancestor items [start, end) are replaced by `new`."""
    new: S
    ours: bool


@dataclass(frozen=True, slots=True)
class Clash(Generic[S]):
    """Both sides changed the same stretch differently: the ancestor's items and each side's."""

    base: S
    ours: S
    theirs: S


def _touches(hunk: Hunk[S], start: int, end: int) -> bool:
    """Whether `hunk` overlaps the ancestor range [start, end) of a group of changes."""
    if hunk.start == hunk.end:  # an insertion: inside the range, or at the same insertion point
        return start < hunk.start < end or start == end == hunk.start
    if start == end:
        return hunk.start < start < hunk.end
    return max(start, hunk.start) < min(end, hunk.end)


def _apply(base: S, start: int, end: int, hunks: Sequence[Hunk[S]]) -> S:
    """The ancestor's items [start, end) with one side's hunks applied."""
    out = base[start:start]
    position = start
    for hunk in hunks:
        out = out + base[position : hunk.start] + hunk.new
        position = hunk.end
    return out + base[position:end]


def merge_hunks(base: S, ours: Sequence[Hunk[S]], theirs: Sequence[Hunk[S]]) -> list[S | Clash[S]]:
    """The merge in reading order: agreed stretches and clashes (empty stretches left out)."""
    hunks = sorted(chain(ours, theirs), key=lambda h: (h.start, h.end))
    groups: list[list[Hunk[S]]] = []
    for hunk in hunks:
        if groups and _touches(hunk, groups[-1][0].start, max(h.end for h in groups[-1])):
            groups[-1].append(hunk)
        else:
            groups.append([hunk])
    pieces: list[S | Clash[S]] = []
    position = 0
    for group in groups:
        start, end = group[0].start, max(h.end for h in group)
        pieces.append(base[position:start])
        mine = _apply(base, start, end, [h for h in group if h.ours])
        other = _apply(base, start, end, [h for h in group if not h.ours])
        sides = {h.ours for h in group}
        if sides == {True} or mine == other:
            pieces.append(mine)
        elif sides == {False}:
            pieces.append(other)
        else:
            pieces.append(Clash(base[start:end], mine, other))
        position = end
    pieces.append(base[position:])
    return [p for p in pieces if isinstance(p, Clash) or len(p)]

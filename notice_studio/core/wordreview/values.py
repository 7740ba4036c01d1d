"""A reviewer who rewrites a placeholder's value in Word (the organisation's name, an address)
proposes a new value for the placeholder, not new words in place of it.

A change that lies inside the words a placeholder shows becomes a 'value' proposal: accepting
it sets the placeholder's value, so every place that shows it changes together and the clause
keeps its placeholder. A change that runs past those words is left as a text change and says
that accepting it writes the words in place of the placeholder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from notice_studio.core.export.md_blocks import Block
from notice_studio.core.notice.model import PLACEHOLDER_RE
from notice_studio.core.wordreview.proposals import Chunk, Proposal
from notice_studio.core.wordreview.source_edits import kept_words_at

__all__ = ["with_values"]


def _placeholders(blocks: Sequence[Block]) -> list[tuple[int, int, str]]:
    """(start, end, name) of each placeholder's words in the shown text."""
    out = []
    pos = 0
    for block in blocks:
        for piece in block.pieces:
            found = PLACEHOLDER_RE.fullmatch(piece.source) if piece.kind == "atom" else None
            if found and piece.shown:
                out.append((pos, pos + len(piece.shown), found.group(1)))
            pos += len(piece.shown)
    return out


def _references(blocks: Sequence[Block]) -> list[tuple[int, int, str]]:
    """(start, end, words) of each cross-reference's words ("section 3") in the shown text."""
    out = []
    pos = 0
    for block in blocks:
        for piece in block.pieces:
            if piece.kind == "atom" and piece.target is not None and piece.shown:
                out.append((pos, pos + len(piece.shown), piece.shown))
            pos += len(piece.shown)
    return out


def _ranges(chunks: Sequence[Chunk], owner: Mapping[int, str]) -> dict[str, tuple[int, int]]:
    """Each proposal's range in the sent text."""
    where: dict[str, tuple[int, int]] = {}
    pos = 0
    for k, chunk in enumerate(chunks):
        pid = owner.get(k)
        if pid is not None:
            start = where.get(pid, (pos, pos))[0]
            where[pid] = (min(start, pos), pos + len(chunk.old))
        pos += len(chunk.old)
    return where


def _with_references(
    proposals: Sequence[Proposal], where: Mapping[str, tuple[int, int]], blocks: Sequence[Block]
) -> list[Proposal]:
    """Changes that rewrite a cross-reference's words say so (`Proposal.reference`); a change
    whose new words still show the reference's words whole keeps the reference (see
    source_edits) and says nothing."""
    spans = _references(blocks)
    out = []
    for proposal in proposals:
        start, end = where.get(proposal.id, (-1, -1))
        for s, e, words in spans:
            touches = (start < e and s < end) or (start == end and s < start < e)
            whole = start <= s and e <= end
            if touches and not (whole and kept_words_at(proposal.new_text, words, s - start) >= 0):
                proposal = replace(proposal, reference=words)
                break
        out.append(proposal)
    return out


def with_values(
    proposals: Sequence[Proposal], chunks: Sequence[Chunk], owner: Mapping[int, str], blocks: Sequence[Block]
) -> list[Proposal]:
    """`proposals` with changes to a placeholder's words made value proposals (or flagged),
    and changes that rewrite a cross-reference flagged."""
    proposals = _with_references(proposals, _ranges(chunks, owner), blocks)
    spans = _placeholders(blocks)
    if not spans:
        return list(proposals)
    where = _ranges(chunks, owner)
    shown = "".join(c.old for c in chunks)
    out = []
    for proposal in proposals:
        start, end = where.get(proposal.id, (-1, -1))
        for s, e, name in spans:
            inside = s <= start and end <= e and (start < e or end > s) and (start, end) != (s, s)
            if inside and not (start == end and start in (s, e)):
                value = " ".join((shown[s:start] + proposal.new_text + shown[end:e]).split())
                was = " ".join(shown[s:e].split())  # the whole value, not just the words the diff changed
                proposal = replace(proposal, kind="value", placeholder=name, value=value, old_text=was, new_text=value)
                break
            if start < e and s < end:
                proposal = replace(proposal, placeholder=name)
                break
        out.append(proposal)
    return out

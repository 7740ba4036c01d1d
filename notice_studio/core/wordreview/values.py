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
    proposals: Sequence[Proposal], chunks: Sequence[Chunk], owner: dict[int, str], blocks: Sequence[Block]
) -> list[Proposal]:
    """`proposals` with changes to a placeholder's words made value proposals (or flagged), and
    changes that rewrite a cross-reference flagged. Several changes by one reviewer in the same
    placeholder's words are one value proposal (`owner` is updated to match)."""
    proposals = _with_references(proposals, _ranges(chunks, owner), blocks)
    spans = _placeholders(blocks)
    if not spans:
        return list(proposals)
    where = _ranges(chunks, owner)
    shown = "".join(c.old for c in chunks)
    out: list[Proposal] = []
    first_in: dict[tuple[int, str, bool], int] = {}  # a placeholder's words, by reviewer: its value proposal
    edits_in: dict[int, list[tuple[int, int, str]]] = {}
    for proposal in proposals:
        start, end = where.get(proposal.id, (-1, -1))
        made: Proposal | None = proposal
        for s, e, name in spans:
            inside = s <= start and end <= e and (start < e or end > s) and (start, end) != (s, s)
            if inside and not (start == end and start in (s, e)):
                key = (s, proposal.author, proposal.tracked)
                if key in first_in:  # another change in the same words: one new value, made whole
                    k = first_in[key]
                    edits_in[k].append((start, end, proposal.new_text))
                    out[k] = _valued(out[k], shown, s, e, edits_in[k])
                    for chunk, pid in owner.items():
                        if pid == proposal.id:
                            owner[chunk] = out[k].id
                    made = None
                    break
                first_in[key] = len(out)
                edits_in[len(out)] = [(start, end, proposal.new_text)]
                made = _valued(replace(proposal, kind="value", placeholder=name), shown, s, e, edits_in[len(out)])
                break
            if start < e and s < end:
                made = replace(proposal, placeholder=name)
                break
        if made is not None:
            out.append(made)
    return out


def _valued(proposal: Proposal, shown: str, s: int, e: int, edits: Sequence[tuple[int, int, str]]) -> Proposal:
    """`proposal` saying the placeholder's whole value as sent and as it is with `edits` made."""
    value, pos = "", s
    for start, end, text in sorted(edits):
        value += shown[pos:start] + text
        pos = end
    value = " ".join((value + shown[pos:e]).split())
    return replace(proposal, value=value, old_text=" ".join(shown[s:e].split()), new_text=value)

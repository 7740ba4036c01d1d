"""Edits made to the text a reader sees, carried back onto the clause's Markdown.

The review copy shows a clause as `md_blocks` pieces: text (shown as typed), atoms (a
placeholder's value, "section N"), markup (`**`, list and heading marks: shown as nothing) and
breaks between paragraphs. An edit in shown-text coordinates replaces the source of the shown
characters it covers and keeps the markup around them; an edit that cuts into an atom turns
that atom into plain text (a reviewer who rewrites a placeholder's value writes words, not a
placeholder). Deleting a paragraph break also deletes the list or heading mark after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from notice_studio.core.export.md_blocks import Block, Piece

__all__ = ["Edit", "apply_edits", "shown_text", "tidy_markdown"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace shown characters [start, end) with `text`."""

    start: int
    end: int
    text: str


def shown_text(blocks: list[Block]) -> str:
    """What the review copy shows for these blocks, paragraphs joined by newlines."""
    return "".join(p.shown for b in blocks for p in b.pieces)


@dataclass
class _Span:
    piece: Piece
    start: int
    end: int
    style: str


def _spans(blocks: list[Block]) -> list[_Span]:
    spans: list[_Span] = []
    pos = 0
    for block in blocks:
        for piece in block.pieces:
            spans.append(_Span(piece, pos, pos + len(piece.shown), block.style))
            pos += len(piece.shown)
    return spans


def _widen(edits: list[Edit], spans: list[_Span], shown: str) -> list[Edit]:
    """Stretch edits that cut into an atom or a break so they cover it whole."""
    out: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start, end, text = edit.start, edit.end, edit.text
        for span in spans:
            if span.piece.kind not in ("atom",) or span.start == span.end:
                continue
            touches = span.start < end and start < span.end
            inside = start == end and span.start < start < span.end
            if (touches or inside) and not (start <= span.start and span.end <= end):
                new_start, new_end = min(start, span.start), max(end, span.end)
                text = shown[new_start:start] + text + shown[end:new_end]
                start, end = new_start, new_end
        if out and start < out[-1].end:  # overlapping after widening: join them
            last = out.pop()
            text = last.text + shown[last.end : start] + text if start >= last.end else last.text + text
            start, end = last.start, max(end, last.end)
        out.append(Edit(start, end, text))
    return out


def _insert_source(text: str, style: str) -> str:
    """Reviewer text as Markdown: a new paragraph in a list becomes a new item."""
    if "\n" not in text:
        return text
    joiner = {"bullet": "\n- ", "number": "\n1. "}.get(style, "\n\n")
    return joiner.join(text.split("\n"))


def apply_edits(blocks: list[Block], edits: list[Edit]) -> str:
    """The clause's Markdown with `edits` (in shown-text coordinates) made."""
    spans = _spans(blocks)
    shown = shown_text(blocks)
    edits = _widen([e for e in edits if e.start != e.end or e.text], spans, shown)
    deleted = [False] * len(shown)
    for edit in edits:
        for k in range(edit.start, edit.end):
            deleted[k] = True
    # Where each edit's new text goes: before shown char `start` for replacements and for
    # insertions at a paragraph's start; right after char start-1 for other insertions.
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    for edit in edits:
        if not edit.text:
            continue
        style = next((s.style for s in spans if s.start <= max(edit.start - 1, 0) < s.end), "paragraph")
        text = _insert_source(edit.text, style)
        prev = edit.start - 1
        if edit.end > edit.start or prev < 0 or shown[prev] == "\n":
            before.setdefault(edit.start, []).append(text)
        else:
            after.setdefault(prev, []).append(text)

    out: list[str] = []
    break_deleted = False
    for span in spans:
        piece = span.piece
        if span.start == span.end:
            if piece.kind == "marker" and break_deleted:
                continue
            if piece.kind == "break" and break_deleted:
                continue
            out.append(piece.source)
            continue
        if span.start in before:
            out.extend(before.pop(span.start))
        if piece.kind in ("atom", "break", "soft"):
            gone = all(deleted[span.start : span.end])
            break_deleted = piece.kind == "break" and gone
            if not gone:
                out.append(piece.source)
            for k in range(span.start, span.end):
                if k in after:
                    out.extend(after.pop(k))
            continue
        break_deleted = False
        for offset, ch in enumerate(piece.shown):
            k = span.start + offset
            if k != span.start and k in before:
                out.extend(before.pop(k))
            if not deleted[k]:
                out.append(ch)
            if k in after:
                out.extend(after.pop(k))
    for rest in (*before.values(), *after.values()):
        out.extend(rest)
    return "".join(out)


_EMPTY_EMPHASIS = re.compile(r"\*\*\*\*|____")
_EMPTY_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]*$\n?", re.MULTILINE)
_BLANKS = re.compile(r"\n{3,}")


def tidy_markdown(text: str) -> str:
    """Remove what deleting words can leave behind: empty emphasis, empty list items, extra
    blank lines."""
    previous = None
    while previous != text:
        previous = text
        text = _EMPTY_EMPHASIS.sub("", text)
    text = _EMPTY_ITEM.sub("", text)
    return _BLANKS.sub("\n\n", text).strip("\n")

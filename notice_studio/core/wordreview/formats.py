"""Formatting a reviewer changed: words made bold or italic become proposals to add Markdown
emphasis around them. Emphasis taken away is proposed too, and says it is to be removed by hand
(the words may sit inside a longer bold stretch). With Track Changes on, Word records the change
(w:rPrChange); without it, the words' bold and italic are compared with what was sent, the way
untracked word edits are found."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from notice_studio.core.diff.words import INSERT
from notice_studio.core.export.docx_revisions import TextRun
from notice_studio.core.export.md_blocks import Block
from notice_studio.core.wordreview.proposals import UNTRACKED, Chunk, Proposal
from notice_studio.core.wordreview.source_edits import Edit

__all__ = ["FORMATS_MARKDOWN_ADDS", "FormatChange", "format_edits", "format_proposals"]

_MARKS = {"bold": "**", "italic": "*", "bold, italic": "***"}
FORMATS_MARKDOWN_ADDS = frozenset(_MARKS)
"""Formatting changes that accepting makes (emphasis added around the words)."""


@dataclass(frozen=True)
class FormatChange:
    """Emphasis added to (or taken from) shown characters [start, end) of the sent text."""

    start: int
    end: int
    formatted: str

    @property
    def mark(self) -> str:
        return _MARKS.get(self.formatted, "")


def _sent_positions(chunks: Sequence[Chunk]) -> list[int]:
    """For each character of the reviewed text (tracked changes rejected): where it was in the
    text that was sent, or -1 for words typed without Track Changes."""
    out: list[int] = []
    pos = 0
    for chunk in chunks:
        if chunk.key is not None and chunk.key[0] == UNTRACKED:
            out.extend([-1] * (len(chunk.new) + chunk.hidden))
        else:
            out.extend(range(pos, pos + len(chunk.old)))
        pos += len(chunk.old)
    return out


def _untracked(run: TextRun, was: tuple[bool, bool]) -> str:
    """How a run's bold and italic differ from what was sent there ('bold', 'not italic'...)."""
    said = []
    for word, now, before in (("bold", run.bold, was[0]), ("italic", run.italic, was[1])):
        if now != before:
            said.append(word if now else f"not {word}")
    return ", ".join(said)


def _sent_looks(blocks: Sequence[Block]) -> list[tuple[bool, bool]]:
    """Bold and italic of each shown character as the copy was sent."""
    return [(p.bold, p.italic) for b in blocks for p in b.pieces for _ in p.shown]


def format_proposals(
    runs: Sequence[TextRun],
    chunks: Sequence[Chunk],
    blocks: Sequence[Block],
    *,
    clause_id: str,
    clause_title: str,
    part: str,
    reviewer: str,
) -> tuple[list[Proposal], dict[str, FormatChange]]:
    """Proposals for formatting changes on words that were sent (not on words the reviewer typed)."""
    sent_of = _sent_positions(chunks)
    sent = "".join(c.old for c in chunks)
    looks = _sent_looks(blocks)
    found: list[tuple[int, int, TextRun, bool]] = []  # start, end, run, tracked

    def note(start: int, end: int, run: TextRun, tracked: bool) -> None:
        last = found[-1] if found else None
        same = last is not None and (last[2].formatted, last[2].format_author, last[3]) == (
            run.formatted,
            run.format_author,
            tracked,
        )
        if last is not None and same and (last[1] == start or not sent[last[1] : start].strip()):
            found[-1] = (last[0], end, last[2], tracked)
        else:
            found.append((start, end, run, tracked))

    r = 0
    for run in runs:
        if run.op == INSERT:
            continue
        where = sent_of[r : r + len(run.text)]
        r += len(run.text)
        if run.formatted:
            if where and -1 not in where and where[-1] - where[0] == len(where) - 1:
                note(where[0], where[-1] + 1, run, True)
            continue
        now = (run.bold, run.italic)
        if where and where[0] >= 0 and where[-1] - where[0] == len(where) - 1:
            seg = looks[where[0] : where[-1] + 1]
            if seg.count(now) == len(seg):  # the usual case, checked in one step: as sent
                continue
        for pos, ch in zip(where, run.text, strict=True):  # formatting changed without Track Changes
            if pos < 0 or ch.isspace() or pos >= len(looks):
                continue
            said = _untracked(run, looks[pos])
            if said:
                note(pos, pos + 1, replace(run, formatted=said, format_author="", format_date=""), False)
    proposals: list[Proposal] = []
    changes: dict[str, FormatChange] = {}
    for n, (start, end, run, tracked) in enumerate(found, start=1):
        while start < end and sent[start].isspace():
            start += 1
        while end > start and sent[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        pid = f"{clause_id}/{part}/format-{n}"
        changes[pid] = FormatChange(start, end, run.formatted)
        proposals.append(
            Proposal(
                pid,
                clause_id,
                clause_title,
                part,
                "format",
                run.format_author or reviewer,
                run.format_date,
                tracked,
                sent[start:end],
                sent[start:end],
                before=sent[max(0, start - 40) : start],
                after=sent[end : end + 40],
                value=run.formatted,
            )
        )
    return proposals, changes


def format_edits(changes: dict[str, FormatChange], accepted: Collection[str], text_edits: Sequence[Edit]) -> list[Edit]:
    """Emphasis marks around the accepted formatting changes that Markdown can add and that do
    not touch a changed word."""
    out: list[Edit] = []
    for pid, change in changes.items():
        if pid not in accepted or not change.mark:
            continue
        if any(e.start <= change.end and change.start <= e.end for e in text_edits):
            continue
        out += [Edit(change.start, change.start, change.mark, True), Edit(change.end, change.end, change.mark, True)]
    return out

"""Formatting a reviewer changed with Track Changes on (w:rPrChange): words made bold or italic
become proposals to add Markdown emphasis around them. Emphasis taken away is proposed too, and
says it is to be removed by hand (the words may sit inside a longer bold stretch)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from notice_studio.core.diff.words import INSERT
from notice_studio.core.export.docx_revisions import TextRun
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
            out.extend([-1] * len(chunk.new))
        else:
            out.extend(range(pos, pos + len(chunk.old)))
        pos += len(chunk.old)
    return out


def format_proposals(
    runs: Sequence[TextRun],
    chunks: Sequence[Chunk],
    *,
    clause_id: str,
    clause_title: str,
    part: str,
    reviewer: str,
) -> tuple[list[Proposal], dict[str, FormatChange]]:
    """Proposals for formatting changes on words that were sent (not on words the reviewer typed)."""
    sent_of = _sent_positions(chunks)
    sent = "".join(c.old for c in chunks)
    found: list[tuple[int, int, TextRun]] = []
    r = 0
    for run in runs:
        if run.op == INSERT:
            continue
        where = sent_of[r : r + len(run.text)]
        r += len(run.text)
        if not run.formatted or not where or -1 in where or where[-1] - where[0] != len(where) - 1:
            continue
        start, end = where[0], where[-1] + 1
        last = found[-1] if found else None
        if (
            last
            and last[1] == start
            and (last[2].formatted, last[2].format_author) == (run.formatted, run.format_author)
        ):
            found[-1] = (last[0], end, last[2])
        else:
            found.append((start, end, run))
    proposals: list[Proposal] = []
    changes: dict[str, FormatChange] = {}
    for n, (start, end, run) in enumerate(found, start=1):
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
                True,
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

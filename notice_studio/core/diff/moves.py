"""Text moved within or between sections: the same sentences taken out in one place and put in
at another. Pure; works on the word runs of a whole notice's comparison.

A comparison of each section on its own sees a moved paragraph as words deleted here and words
inserted there. Here every deleted and inserted run (a removed section's whole text is one
deleted run, an added one's one inserted run) is cut into sentences and list items; a deleted
sentence whose words reappear in an inserted run elsewhere is a move. Neighbouring sentences
moved together are one move. Both ends of a move get the same number (`WordOp.moved`), so the
views can show "moved here" and "moved from here" instead of a deletion and an addition.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, Op, WordOp
from notice_studio.core.scripts import words
from notice_studio.core.sentences import sentence_ends

__all__ = ["MIN_WORDS", "MovedRun", "mark_moves", "plain_words"]

MIN_WORDS = 4
"""A sentence starts a move only with at least this many words ("and" or "Yes." is no move);
shorter ones join a move that runs on through them."""

_SEMICOLON_RE = re.compile(r";(?=\s)")
_MARK_RE = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+")
MARKUP_RE = re.compile(r"^[ \t]*(?:[-+*]|\d+[.)])[ \t]+|\*\*|__|`", re.MULTILINE)


def plain_words(text: str) -> str:
    """The words of a Markdown snippet, list marks and emphasis left out, spaces made single."""
    return " ".join(MARKUP_RE.sub("", text).split())


_KEY_RE = re.compile(r"\w+|[^\w\s*_`#>]")


@dataclass(frozen=True, slots=True)
class MovedRun:
    """One move: its number, the sections it left and arrived in (by their place in the list
    of sections given to `mark_moves`) and the words moved."""

    number: int
    source: int
    target: int
    text: str


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    key: str
    words: int
    partner: tuple[int, int] | None = None
    move: int = 0


@dataclass(slots=True)
class _Run:
    section: int
    index: int
    op: Op
    text: str
    units: list[_Unit]


def _units(text: str, canon: Callable[[str], str] | None, before: str, after: str) -> list[_Unit]:
    """The run's sentences and lines; only whole ones (a sentence or line from its start to its
    end, `before` and `after` being the side's text around the run) can be moved."""
    units = []
    for start, end in _sentence_spans(text):
        piece = text[start:end]
        if not piece.strip():
            continue
        lead = (before + text[:start]).rstrip(" \t")
        trail = (text[end:] + after).lstrip(" \t")
        if (lead and lead[-1] not in "\n.!?;:") or (piece[-1] not in ".!?;" and trail[:1] not in ("", "\n")):
            continue  # part of a sentence: words that look alike, not a move
        body = _MARK_RE.sub("", canon(piece) if canon else piece)
        key = " ".join(_KEY_RE.findall(body)).rstrip(" .!?;:,")  # a sentence moved to a list's end loses its stop
        if key:
            units.append(_Unit(start, end, key, len(words(body))))
    return units


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """The sentences (as `split_sentences` finds them) and the parts a semicolon ends, line by line."""
    offset = 0
    for line in text.split("\n"):
        ends = {*sentence_ends(line), *(m.end() for m in _SEMICOLON_RE.finditer(line)), len(line)}
        start = 0
        for end in sorted(ends):
            yield offset + start, offset + end
            start = end
        offset += len(line) + 1


def mark_moves(
    sections: Sequence[tuple[WordOp, ...]], canon: Callable[[str], str] | None = None
) -> tuple[list[tuple[WordOp, ...]], list[MovedRun]]:
    """Each section's runs with moved text split out and numbered, and the moves found.

    `canon` gives the text sentences are compared by (the redline's encoded references read
    back as `[[id]]`, so a reference renumbered by the move still matches)."""
    candidates: list[tuple[int, int]] = []
    sides: set[str] = set()
    for s, ops in enumerate(sections):
        if len(ops) < 2 and not (ops and ops[0].op != EQUAL):
            continue  # unchanged
        for i, op in enumerate(ops):
            # a cheap bound first (a run of MIN_WORDS words holds MIN_WORDS - 1 gaps)
            if op.op != EQUAL and op.text.count(" ") + op.text.count("\n") >= MIN_WORDS - 1:
                candidates.append((s, i))
                sides.add(op.op)
    if len(sides) < 2:  # nothing taken out, or nothing put in: no move
        return list(sections), []
    runs: list[_Run] = []
    for s, i in candidates:
        ops = sections[s]
        if len(words(ops[i].text)) >= MIN_WORDS:
            before, after = _side_context(ops, i)
            runs.append(_Run(s, i, ops[i].op, ops[i].text, _units(ops[i].text, canon, before, after)))
    inserted = [r for r in runs if r.op == INSERT]
    deleted = [r for r in runs if r.op == DELETE]
    if not inserted or not deleted:
        return list(sections), []
    waiting: dict[str, list[tuple[int, int]]] = {}
    for r, run in enumerate(inserted):
        for u, unit in enumerate(run.units):
            if unit.words >= MIN_WORDS:
                waiting.setdefault(unit.key, []).append((r, u))

    moves: list[MovedRun] = []
    for run in deleted:
        previous: tuple[int, int] | None = None
        for unit in run.units:
            partner = _partner(unit, previous, inserted, waiting)
            if partner is None:
                previous = None
                continue
            r, u = partner
            target = inserted[r].units[u]
            if previous is not None and previous == (r, u - 1):
                unit.move = moves[-1].number
            else:
                moves.append(MovedRun(len(moves) + 1, run.section, inserted[r].section, ""))
                unit.move = moves[-1].number
            target.move = unit.move
            unit.partner = partner
            previous = partner
    if not moves:
        return list(sections), []

    result = [list(ops) for ops in sections]
    texts: dict[int, list[str]] = {}
    for run in reversed(runs):  # later runs first, so earlier indexes stay valid
        pieces = _pieces(run)
        if len(pieces) == 1 and not pieces[0][1]:
            continue
        if run.op == DELETE:
            for text, number in pieces:
                if number:
                    texts.setdefault(number, []).insert(0, text)
        result[run.section][run.index : run.index + 1] = [WordOp(run.op, t, n) for t, n in pieces]
    told = [MovedRun(m.number, m.source, m.target, " ".join(" ".join(texts.get(m.number, [])).split())) for m in moves]
    return [tuple(ops) for ops in result], told


def _side_context(ops: tuple[WordOp, ...], i: int) -> tuple[str, str]:
    """The text just before run `i` and just after it on the run's own side (enough to tell
    whether the run starts and ends at a sentence's or a line's edge)."""
    own = (EQUAL, ops[i].op)
    before = "".join(o.text for o in ops[max(0, i - 3) : i] if o.op in own)[-40:]
    after = "".join(o.text for o in ops[i + 1 : i + 4] if o.op in own)[:40]
    return before, after


def _partner(
    unit: _Unit,
    previous: tuple[int, int] | None,
    inserted: list[_Run],
    waiting: dict[str, list[tuple[int, int]]],
) -> tuple[int, int] | None:
    """Where this deleted sentence went: the next sentence after the previous one's partner
    when it reads the same, else the first unused inserted sentence that does."""
    if previous is not None:
        r, u = previous
        units = inserted[r].units
        if u + 1 < len(units) and not units[u + 1].move and units[u + 1].key == unit.key:
            _take(waiting, unit.key, (r, u + 1))
            return (r, u + 1)
    if unit.words < MIN_WORDS:
        return None
    candidates = waiting.get(unit.key)
    while candidates:
        r, u = candidates.pop(0)
        if not inserted[r].units[u].move:
            return (r, u)
    return None


def _take(waiting: dict[str, list[tuple[int, int]]], key: str, spot: tuple[int, int]) -> None:
    spots = waiting.get(key)
    if spots and spot in spots:
        spots.remove(spot)


def _pieces(run: _Run) -> list[tuple[str, int]]:
    """The run cut into (text, move number) pieces; blank text between or beside moved
    sentences goes with them, so a moved bullet's line break moves too."""
    spans: list[tuple[int, int, int]] = []
    cursor = 0
    for unit in run.units:
        if not unit.move:
            continue
        if unit.start > cursor:
            spans.append((cursor, unit.start, 0))
        spans.append((unit.start, unit.end, unit.move))
        cursor = unit.end
    if cursor < len(run.text):
        spans.append((cursor, len(run.text), 0))
    pieces: list[tuple[str, int]] = []
    for k, (start, end, number) in enumerate(spans):
        text = run.text[start:end]
        if not number and not text.strip():
            before = spans[k - 1][2] if k else 0
            after = spans[k + 1][2] if k + 1 < len(spans) else 0
            number = before or after
        if pieces and pieces[-1][1] == number:
            pieces[-1] = (pieces[-1][0] + text, number)
        else:
            pieces.append((text, number))
    return pieces

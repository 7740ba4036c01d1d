"""Clause text with Markdown markup blanked out, offsets kept, and split into sentences.

Every rule reports offsets into `clause.body`, so instead of stripping markup we replace it
with spaces: the plain text has exactly the body's length and every index means the same.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import ParamSpec, TypeVar

from notice_studio.core.notice.model import CROSSREF_RE, PLACEHOLDER_RE, TABLE_RE
from notice_studio.core.scripts import has_letters
from notice_studio.core.sentences import sentence_ends

# Order matters: whole-line constructs first, then inline ones.
_TABLE_LINE_RE = re.compile(r"^[ \t]*\|.*$", re.MULTILINE)
_HEADING_RE = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+", re.MULTILINE)
_LIST_RE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_QUOTE_RE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_RULE_RE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_LINK_TAIL_RE = re.compile(r"\]\([^)\n]*\)")
_LINK_HEAD_RE = re.compile(r"!?\[(?=[^\]\n]*\]\()")
_AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE_RE = re.compile(r"`+")
_EMPHASIS_RE = re.compile(r"[*_]{1,3}")
_ESCAPE_RE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|>\n])")


_P = ParamSpec("_P")
_R = TypeVar("_R")
_CLEARS: list[Callable[[], None]] = []
PER_TEXT_ENTRIES = 131072
"""Results kept per cached function: room for every text of a 13,000-section notice several times
over (titles, bodies, sentences). With 4,096 a notice larger than that evicted every entry before
its next use, so one edit re-checked every section (3.5-5.6 s instead of under 1 s)."""


def per_text(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Cache a function of clause text alone (and other hashable, notice-independent arguments).

    After one edit only the edited clause's text is new, so a rule that keeps its text-only
    work in such a function re-reads one clause instead of all of them. The function must not
    read anything but its arguments. `clear_caches()` empties every one (cold-cache benchmark).
    """
    cached = lru_cache(maxsize=PER_TEXT_ENTRIES)(func)
    _CLEARS.append(cached.cache_clear)
    return cached  # type: ignore[return-value]


def clear_caches() -> None:
    """Forget every per-text result (the next check re-reads every clause)."""
    for clear in _CLEARS:
        clear()


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _as_word(match: re.Match[str]) -> str:
    """A placeholder or cross-reference reads as one short word ("x")."""
    return "x" + " " * (len(match.group(0)) - 1)


def _emphasis(match: re.Match[str]) -> str:
    """Blank `*`/`_` runs that open or close emphasis; keep snake_case and lone asterisks."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    opens = not (before.isalnum() or before == "\\") and not after.isspace()
    closes = not before.isspace() and not after.isalnum()
    return " " * (end - start) if opens or closes else match.group(0)


@per_text
def plain(body: str, tables: bool = True) -> str:
    """`body` with markup replaced by spaces (same length); tables blanked when `tables` is False."""
    text = body
    if "[[" in text:
        text = TABLE_RE.sub(_blank, text)
        text = CROSSREF_RE.sub(_as_word, text)
    if "{{" in text:
        text = PLACEHOLDER_RE.sub(_as_word, text)
    if "|" in text:
        if tables:
            text = _TABLE_LINE_RE.sub(
                lambda m: re.sub(r"[|:]|-{3,}", lambda n: " " * len(n.group(0)), m.group(0)), text
            )
        else:
            text = _TABLE_LINE_RE.sub(_blank, text)
    if "---" in text or "***" in text or "___" in text:
        text = _RULE_RE.sub(_blank, text)
    if "#" in text:
        text = _HEADING_RE.sub(_blank, text)
    if ">" in text:
        text = _QUOTE_RE.sub(_blank, text)
        text = _AUTOLINK_RE.sub(lambda m: " " + m.group(1) + " ", text)
    text = _LIST_RE.sub(_blank, text)
    if "[" in text:
        text = _LINK_HEAD_RE.sub(_blank, text)
        text = _LINK_TAIL_RE.sub(_blank, text)
    if "`" in text:
        text = _CODE_RE.sub(_blank, text)
    if "*" in text or "_" in text:
        text = _EMPHASIS_RE.sub(_emphasis, text)
    if "\\" in text:
        text = _ESCAPE_RE.sub(" ", text)
    return text


# ----- sentences ---------------------------------------------------------------------------------
_BLOCK_BREAK_RE = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t])|\n(?=[ \t]{0,3}#)|\n(?=[ \t]*\|)")
WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:-[A-Za-z0-9][A-Za-z0-9'’]*)*")  # one class per run: fast


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _block_spans(body: str) -> list[tuple[int, int]]:
    """Paragraphs, list items, headings and table rows of the (unmasked) body."""
    spans, pos = [], 0
    for match in _BLOCK_BREAK_RE.finditer(body):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(body)))
    return spans


@per_text
def sentences(body: str, tables: bool = False) -> tuple[Sentence, ...]:
    """Sentences of a clause body as spans of the body; headings and list items end sentences."""
    text = plain(body, tables)
    result: list[Sentence] = []
    for block_start, block_end in _block_spans(body):
        block = text[block_start:block_end]
        start = 0
        for end in sentence_ends(block):
            _add(result, text, block_start + start, block_start + end)
            start = end
        _add(result, text, block_start + start, block_end)
    return tuple(result)


def _add(result: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not has_letters(stripped):  # a letter of any script, or a digit
        return
    start += chunk.index(stripped)  # the leading white space
    end = start + len(stripped)
    result.append(Sentence(start, end, " ".join(stripped.split())))


# ----- cues: which sentences a case-blind regex finds something in ----------------------------------
# Letters beyond ASCII that a case-blind regex takes for an ASCII one but lower() does not lower to it.
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})


@dataclass(frozen=True)
class Cue:
    """A case-blind regex and words (lower-case, taken literally) one of which every match of it holds
    (none: every sentence is searched).

    A sentence holding none of the words is not searched: finding the words with `str.find` is many
    times faster than running the regex over every sentence, and most sentences hold none.
    """

    pattern: re.Pattern[str]
    needs: tuple[str, ...]


def _fold(text: str) -> str:
    """`text` lower-cased as a case-blind regex compares letters ('ſ' as 's', 'ı' and 'İ' as 'i')."""
    if not text.isascii() and any(letter in text for letter in "İıſK"):
        text = text.translate(_FOLD)
    return text.lower()


def found_in(text: str, cue: Cue) -> bool:
    """Does `cue.pattern` find something in `text`? (Searched only where one of its words is.)"""
    if cue.needs:
        low = _fold(text)
        if not any(word in low for word in cue.needs):
            return False
    return bool(cue.pattern.search(text))


def matches_from(pattern: re.Pattern[str], text: str, starts: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a case-blind regex each of whose matches starts with one of the words
    `starts` (lower-case): tried only where one of them is, instead of at every character."""
    low = _fold(text)
    if len(low) != len(text):
        yield from pattern.finditer(text)
        return
    at_words = set()
    for word in starts:
        at = low.find(word)
        while at >= 0:
            at_words.add(at)
            at = low.find(word, at + 1)
    end = 0
    for at in sorted(at_words):
        if at >= end and (match := pattern.match(text, at)):
            yield match
            end = match.end()


@per_text
def folded(body: str) -> str:
    """`plain(body)` lower-cased as a case-blind regex compares letters."""
    return _fold(plain(body))


@per_text
def cued(body: str, cue: Cue) -> tuple[int, ...]:
    """The indices of the sentences of `body` (`sentences(body)`) that `cue.pattern` finds something in,
    searched in `plain(body)`."""
    text, low, spans = plain(body), folded(body), sentences(body, False)
    if not cue.needs or len(low) != len(text):
        candidates: list[int] | range = range(len(spans))
    else:
        starts = [s.start for s in spans]
        found: set[int] = set()
        for word in cue.needs:
            at = low.find(word)
            while at >= 0:
                k = bisect_right(starts, at) - 1
                if k >= 0 and at + len(word) <= spans[k].end:
                    found.add(k)
                    at = low.find(word, spans[k].end)  # the sentence is in: on to the next one
                else:
                    at = low.find(word, at + 1)
        candidates = sorted(found)
    return tuple(k for k in candidates if cue.pattern.search(text, spans[k].start, spans[k].end))


def as_typed(body: str, start: int, end: int) -> str:
    """`body[start:end]` on one line without its markup, but with the placeholders and
    cross-references inside it as typed (`{{ name }}`, `[[clause-id]]`), not the one-letter stand-ins
    the checks read: what a finding quotes to counsel."""
    text = plain(body)[start:end]
    for pattern in (CROSSREF_RE, PLACEHOLDER_RE):
        for match in reversed(list(pattern.finditer(body, start, end))):
            a, b = match.start() - start, match.end() - start
            text = text[:a] + match.group(0) + text[b:]
    return " ".join(text.split())


def quote(text: str, limit: int = 120) -> str:
    """A short one-line quotation of `text`."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

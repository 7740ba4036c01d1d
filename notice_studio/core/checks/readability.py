"""Flesch reading ease and Flesch-Kincaid grade per clause, with the hardest sentence named.

Scores are computed on the text with markup, placeholders and tables stripped. Syllables are
counted with the usual vowel-group heuristic: good enough to rank sentences, not to certify.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from notice_studio.core.checks.scan import ClauseInfo
from notice_studio.core.checks.text import WORD_RE, as_typed, per_text, quote, sentences
from notice_studio.core.checks.types import ClauseReadability, Finding

HARD_EASE = 40.0
"""Below this reading ease a clause is reported (30-50 reads as 'difficult', college level)."""
LONG_SENTENCE = 35
"""A sentence longer than this many words is reported."""

_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")


_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Vowel groups, less a silent final e ("use", "makes", "stored"); at least one."""
    word = word.lower().strip("'’")
    if not word:
        return 0
    if word.isdigit():
        return max(1, len(word) // 2)
    count = len(_VOWEL_GROUP_RE.findall(word))
    if count > 1:
        if (
            (word.endswith("e") and word[-2] not in _VOWELS and not (word.endswith("le") and word[-3] not in _VOWELS))
            or (
                word.endswith("es")
                and word[-3] not in _VOWELS
                and not word.endswith(("ses", "zes", "ces", "ges", "xes", "shes", "ches"))
            )
            or (word.endswith("ed") and word[-3] not in _VOWELS and not word.endswith(("ted", "ded")))
        ):
            count -= 1
    return max(1, count)


def ease(words: int, sentences_: int, syllables_: int) -> float:
    return 206.835 - 1.015 * (words / sentences_) - 84.6 * (syllables_ / words)


def grade(words: int, sentences_: int, syllables_: int) -> float:
    return 0.39 * (words / sentences_) + 11.8 * (syllables_ / words) - 15.59


def score(info: ClauseInfo) -> ClauseReadability | None:
    """Scores for one clause; None when it has no sentences to score."""
    return _scored(info.clause.body, info.id)


@per_text
def _scored(body: str, clause_id: str) -> ClauseReadability | None:
    scored = _score(body)
    return None if scored is None else replace(scored, clause_id=clause_id)


@per_text
def _score(body: str) -> ClauseReadability | None:
    spans = sentences(body, False)
    total_words = total_syllables = 0
    counted = 0
    worst = None
    worst_key = (-1.0, 0)
    longest = 0
    for sentence in spans:
        tokens = WORD_RE.findall(sentence.text)
        if not tokens:
            continue
        n_syllables = sum(map(syllables, tokens))
        n_words = len(tokens)
        total_words += n_words
        total_syllables += n_syllables
        counted += 1
        longest = max(longest, n_words)
        if n_words >= 8:
            key = (grade(n_words, 1, n_syllables), n_words)
            if key > worst_key:
                worst_key, worst = key, sentence
    if not counted or not total_words:
        return None
    if worst is None:
        worst = max((s for s in spans if WORD_RE.search(s.text)), key=lambda s: len(s.text))
    return ClauseReadability(
        clause_id="",
        words=total_words,
        sentences=counted,
        reading_ease=round(ease(total_words, counted, total_syllables), 1),
        grade=round(grade(total_words, counted, total_syllables), 1),
        longest_sentence_words=longest,
        worst_start=worst.start,
        worst_end=worst.end,
        worst_sentence=as_typed(body, worst.start, worst.end),
    )


def findings(info: ClauseInfo, result: ClauseReadability | None) -> tuple[Finding, ...]:
    """The finding for a clause hard to read: made again only when its scores or number change."""
    if result is None:
        return ()
    return _findings(result, info.number)


@per_text
def _findings(result: ClauseReadability, number: str) -> tuple[Finding, ...]:
    return tuple(_finding(result, number))


def _finding(result: ClauseReadability, number: str) -> Iterator[Finding]:
    hard = result.reading_ease < HARD_EASE and result.words >= 30
    long = result.longest_sentence_words > LONG_SENTENCE
    if not (hard or long):
        return
    reasons = []
    if hard:
        reasons.append(f"reading ease {result.reading_ease:.0f}, grade {result.grade:.0f}")
    if long:
        reasons.append(f"a sentence of {result.longest_sentence_words} words")
    yield Finding(
        "readability",
        "info",
        f"Section {number} is hard to read ({'; '.join(reasons)}); the hardest sentence is "
        f'"{quote(result.worst_sentence, 90)}".',
        "Split long sentences and prefer short, everyday words.",
        result.clause_id,
        result.worst_start,
        result.worst_end,
        "body",
        quote(result.worst_sentence, 120),
    )

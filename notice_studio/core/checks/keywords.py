"""Find requirements.yaml keywords in clause text quickly: one trie-shaped regex for all of them.

Keywords are hints, not proof (requirements.md): coverage.py decides what a hit is worth. Words
are compared without their inflections, so a keyword finds the forms real notices write:
'discriminate' finds 'discriminated', 'verify' finds 'verified' and 'verifying', 'cookie' finds
'cookies'; a keyword in the plural wants the plural. Other forms of a word ('deletion' for
'delete', 'obligation' for 'obligatory') can mean something else and count only where a keyword
lists them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notice_studio.core.checks.text import per_text

if TYPE_CHECKING:
    from notice_studio.core.library.requirements import Element

# Words too common to make a keyword distinctive on their own.
GENERIC_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "is",
        "are",
        "be",
        "we",
        "us",
        "our",
        "you",
        "your",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "do",
        "not",
        "no",
        "any",
        "all",
        "how",
        "what",
        "who",
        "when",
        "where",
        "which",
        "if",
        "can",
        "may",
        "will",
        "use",
        "used",
        "uses",
        "using",
        "share",
        "shared",
        "sharing",
        "collect",
        "collected",
        "collection",
        "provide",
        "provided",
        "receive",
        "received",
        "contact",
        "information",
        "data",
        "personal",
        "third",
        "party",
        "parties",
        "service",
        "services",
        "provider",
        "providers",
        "request",
        "requests",
        "right",
        "rights",
        "about",
        "other",
        "such",
        "into",
        "than",
        "time",
        "order",
        "behalf",
        "long",
        "keep",
        "store",
        "stored",
        "email",
        "e-mail",
        "address",
        "phone",
        "us?",
        "make",
        "made",
        "give",
        "given",
        "need",
        "needed",
        "have",
        "has",
        "been",
        "were",
        "was",
    ]
)
# Single words specific enough to count without section context.
STRONG_WORDS = frozenset(
    [
        "portability",
        "erasure",
        "rectification",
        "datatilsynet",
        "encarregado",
        "controlador",
        "gpc",
        "dnt",
        "revisão",
        "finalidade",
        "anonymization",
    ]
)


_TOKEN_RE = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens; punctuation and hyphens split words ("e-mail" -> "e", "mail")."""
    return tuple(_TOKEN_RE.findall(text.lower()))


_SUFFIXES = (("ing", ""), ("ied", "i"), ("ies", "i"), ("ed", ""), ("es", ""))
_SHORTEST_STEM = 4


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word without its inflection, the same for all of them ('delete', 'deleted', 'deleting' ->
    'delet'; 'verify', 'verified', 'verifying' -> 'verifi'; 'cookie', 'cookies' -> 'cooki';
    'access', 'accesses' -> 'access'). Only a comparison key: never shown."""
    for suffix, instead in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _SHORTEST_STEM:
            word = word[: -len(suffix)] + instead
            break
    else:
        if word.endswith(("s", "e")) and not word.endswith("ss") and len(word) > _SHORTEST_STEM:
            word = word[:-1]
    if word.endswith("y") and len(word) > _SHORTEST_STEM:
        word = word[:-1] + "i"
    return word


@functools.lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """What a word is compared by: its stem, marked '+s' when the word is a plural ('sources' ->
    'sourc+s'). A keyword written in the plural wants the plural ('sources' is not 'open-source');
    one in the singular takes either."""
    base = stem(word)
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return (word[:-1] if base == word else base) + "+s"  # 'outs' -> 'out+s', 'sources' -> 'sourc+s'
    return base


def word_keys(text: str) -> tuple[str, ...]:
    """The keys of the word tokens of `text`, in order."""
    return tuple(map(word_key, tokens(text)))


@functools.lru_cache(maxsize=4096)
def _phrase(keys: tuple[str, ...]) -> re.Pattern[str]:
    """A keyword's words among a text's keys: a singular word also matches the plural."""
    return re.compile(" " + " ".join(re.escape(k) + ("" if k.endswith("+s") else r"(?:\+s)?") for k in keys) + " ")


@dataclass(frozen=True, eq=False)
class KeywordIndex:
    """Compared (and hashed) by identity, so results can be cached per index and text."""

    first: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    """First word's key -> (keyword, its words' keys), longest first (see word_key)."""
    symbols: tuple[str, ...]
    """Keywords that are mostly punctuation ('@', 'dpo@'): matched as substrings."""
    elements: dict[str, tuple[str, ...]]
    """Lower-case keyword -> element ids listing it."""
    strong: frozenset[str]
    """Keywords distinctive enough to count without section context."""
    generic: frozenset[str]
    """Keywords made only of common words ("we use", "at any time"): they need the element's main topic."""


def is_generic(keyword: str) -> bool:
    return all(t in GENERIC_WORDS for t in tokens(keyword))


def is_strong(keyword: str) -> bool:
    """A keyword distinctive enough to count without section context."""
    words = tokens(keyword)
    if len(words) == 1:
        return words[0] in STRONG_WORDS
    if len(words) >= 4:
        return True
    return sum(1 for t in words if t not in GENERIC_WORDS) >= 2


def build(elements: Iterable[Element], extra: dict[str, tuple[str, ...]] | None = None) -> KeywordIndex:
    """Index every element's keywords, plus `extra` phrases per element id."""
    owners: dict[str, list[str]] = {}
    for element in elements:
        for keyword in (*element.keywords, *(extra or {}).get(element.id, ())):
            key = " ".join(str(keyword).lower().split())
            if key:
                owners.setdefault(key, []).append(element.id)
    first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    symbols = []
    for keyword in owners:
        words = word_keys(keyword)
        if not words or "@" in keyword:
            symbols.append(keyword)
            continue
        first.setdefault(words[0], []).append((keyword, words))
    return KeywordIndex(
        first={k: tuple(sorted(v, key=lambda kv: -len(kv[1]))) for k, v in first.items()},
        symbols=tuple(symbols),
        elements={k: tuple(dict.fromkeys(v)) for k, v in owners.items()},
        strong=frozenset(k for k in owners if is_strong(k)),
        generic=frozenset(k for k in owners if is_generic(k)),
    )


@per_text
def hits(index: KeywordIndex, text: str) -> frozenset[str]:
    """Every keyword found in `text` (any case, any form of its words; punctuation between words is ignored)."""
    words = word_keys(text)
    present = set(words)
    present.update([w[:-2] for w in present if w.endswith("+s")])  # a plural is also the word
    found: set[str] = set()
    joined = ""
    for word in present.intersection(index.first):
        for keyword, keyword_words in index.first[word]:
            if len(keyword_words) == 1:
                found.add(keyword)
            elif present.issuperset(keyword_words):
                if not joined:
                    joined = " " + " ".join(words) + " "
                if _phrase(keyword_words).search(joined):
                    found.add(keyword)
    if index.symbols:
        lowered = text.lower()
        found.update(k for k in index.symbols if k in lowered)
    return frozenset(found)

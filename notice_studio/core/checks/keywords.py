"""Find requirements.yaml keywords in clause text quickly: one trie-shaped regex for all of them.

Keywords are hints, not proof (requirements.md): coverage.py decides what a hit is worth.
"""

from __future__ import annotations

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


@dataclass(frozen=True, eq=False)
class KeywordIndex:
    """Compared (and hashed) by identity, so results can be cached per index and text."""

    first: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    """First token -> (keyword, its tokens), longest first."""
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
        words = tokens(keyword)
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
    """Every keyword found in `text` (any case; punctuation between words is ignored)."""
    words = tokens(text)
    present = set(words)
    present.update([w[:-1] for w in present if len(w) > 3 and w.endswith("s")])  # plurals
    found: set[str] = set()
    joined = ""
    for word in present.intersection(index.first):
        for keyword, keyword_words in index.first[word]:
            if len(keyword_words) == 1:
                found.add(keyword)
            elif present.issuperset(keyword_words):
                if not joined:
                    joined = " " + " ".join(words) + " "
                phrase = " " + " ".join(keyword_words)
                if phrase + " " in joined or phrase + "s " in joined:
                    found.add(keyword)
    if index.symbols:
        lowered = text.lower()
        found.update(k for k in index.symbols if k in lowered)
    return frozenset(found)

"""Words in messages: one rule for '1 section' against '2 sections', and one for naming the
known names when a typed one is unknown (closest first)."""

from collections.abc import Sequence
from difflib import get_close_matches


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 section', '0 sections', '2 sections'; many is an irregular plural ('2 matches')."""
    return f"{n} {plural_word(n, word, many)}"


def plural_word(n: int, word: str, many: str | None = None) -> str:
    """The word alone, singular only for exactly one: 'section' or 'sections'."""
    return word if n == 1 else (many or word + "s")


def use_one_of(name: str, known: Sequence[str]) -> str:
    """The end of a refusal of an unknown name: 'use retention, or one of: id, label'."""
    close = get_close_matches(name, known, n=3, cutoff=0.6)
    rest = [k for k in known if k not in close]
    if not close:
        return f"use one of: {', '.join(known)}"
    if not rest:
        return f"use {' or '.join(close)}"
    return f"use {' or '.join(close)}, or one of: {', '.join(rest)}"

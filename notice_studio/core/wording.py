"""Counting words in messages: one rule for '1 section' against '2 sections'."""


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 section', '0 sections', '2 sections'; many is an irregular plural ('2 matches')."""
    return f"{n} {plural_word(n, word, many)}"


def plural_word(n: int, word: str, many: str | None = None) -> str:
    """The word alone, singular only for exactly one: 'section' or 'sections'."""
    return word if n == 1 else (many or word + "s")

"""English words (resources/words), for the one question the notice's own text cannot always answer:
whether the end of a line and the start of the next are one word or two - a hyphen at the end kept
('award-' + 'winning') or a word hyphenated ('inven-' + 'tory'), a word broken at a table cell's edge
('persisten' + 't') or two words ('work' + 'samples')."""

from __future__ import annotations

import functools
import gzip

from notice_studio.paths import resources_folder


@functools.cache
def english_words() -> frozenset[str]:
    """The shipped list, in lower case; empty where an installation lacks it (the text's own words
    then decide alone, as they did before the list)."""
    try:
        data = (resources_folder() / "words" / "english.txt.gz").read_bytes()
    except OSError:
        return frozenset()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


_ENDINGS = ("s", "es", "d", "ed", "ing", "er", "ers", "ly", "ship", "ness", "ment", "ments", "able", "ity", "ions")


def is_english_word(word: str) -> bool:
    """`word` (lower case) is on the list, or is a listed word with an ending the list leaves out
    ('encrypting', 'viewership')."""
    english = english_words()
    if word in english:
        return True
    for ending in _ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and (stem in english or stem + "e" in english):
            return True
    return False


def two_words(head: str, tail: str) -> bool:
    """True when `head` ending a line and `tail` starting the next (lower case) are two English words
    that make no word together ('award' + 'winning', 'work' + 'samples'): two words, not one broken."""
    english = english_words()
    return head in english and tail in english and not is_english_word(head + tail)

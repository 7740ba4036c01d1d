"""One rule for counting words in messages: singular for exactly one, plural otherwise."""

from __future__ import annotations

from notice_studio.core.wording import plural, plural_word


def test_one_is_singular() -> None:
    assert plural(1, "section") == "1 section"


def test_none_and_many_are_plural() -> None:
    assert plural(0, "section") == "0 sections"
    assert plural(2, "sub-section") == "2 sub-sections"


def test_an_irregular_plural_is_given() -> None:
    assert plural(1, "match", "matches") == "1 match"
    assert plural(3, "match", "matches") == "3 matches"
    assert plural(2, "placeholder value", "placeholder values") == "2 placeholder values"


def test_the_word_alone() -> None:
    assert plural_word(1, "field") == "field"
    assert plural_word(2, "field") == "fields"
    assert plural_word(0, "match", "matches") == "matches"

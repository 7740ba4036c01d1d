"""Finding literal words in a clause's text, as the app's Find and replace does: case folded as each
language does ('STRASSE' finds 'Straße', 'istanbul' finds 'İstanbul'), accents aside, or exactly.
Pure, stdlib only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from notice_studio.core.scripts import find_folded, has_letters


@dataclass(frozen=True)
class TextSearch:
    """Words to find, taken literally; `match_case` compares exactly, otherwise as `fold_for_search`
    does; `whole_words` wants no letter or digit (of any script) straight before or after."""

    text: str
    match_case: bool = False
    whole_words: bool = False

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """The (start, end) of each place the words are in `text`, in order, never overlapping."""
        for start, end in self._places(text):
            if not self.whole_words or (
                not _word_char(text[start - 1 : start]) and not _word_char(text[end : end + 1])
            ):
                yield start, end

    def found_at(self, text: str, start: int, end: int) -> bool:
        """Are the words still at exactly `text[start:end]`?"""
        return (start, end) in set(self.spans(text))

    def replace_all(self, text: str, replacement: str) -> tuple[str, int]:
        """`text` with every place replaced, and how many there were."""
        parts: list[str] = []
        last = count = 0
        for start, end in self.spans(text):
            parts += [text[last:start], replacement]
            last, count = end, count + 1
        return "".join([*parts, text[last:]]), count

    def _places(self, text: str) -> Iterator[tuple[int, int]]:
        if not self.match_case:
            yield from find_folded(text, self.text)
            return
        at = text.find(self.text)
        while at >= 0 and self.text:
            yield at, at + len(self.text)
            at = text.find(self.text, at + len(self.text))


def _word_char(ch: str) -> bool:
    return bool(ch) and (ch == "_" or has_letters(ch))

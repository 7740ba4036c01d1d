"""Text in any writing system: the one place for what counts as a letter, a word and a sentence end,
how a heading becomes an ASCII id, and how searches fold case. Pure, stdlib only.

A notice may be written in Greek, Cyrillic, Arabic, Hebrew, Devanagari, Chinese, Japanese or Thai as
well as in a Latin alphabet. Letters are what Unicode says they are (categories L*, with the marks
that belong to them: an Arabic vowel sign or a Devanagari vowel is part of its word). Chinese,
Japanese, Thai, Lao, Khmer and Myanmar are written without spaces between words, so each of their
characters is a word of its own when texts are compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

__all__ = [
    "NO_SPACE_CHARS",
    "SENTENCE_MARKS",
    "TOKEN_RE",
    "WORD_PATTERN",
    "WORD_RE",
    "ascii_slug",
    "fold_for_search",
    "has_letters",
    "mostly_latin",
    "tokens",
    "words",
]


def _ranges(pairs: Iterable[tuple[int, int]]) -> str:
    """A regex character class body for code point ranges (inclusive)."""
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" if a != b else re.escape(chr(a)) for a, b in pairs)


def _marks() -> str:
    """Combining marks (Unicode categories M*) of the scripts notices are written in, as a class body.

    Python's `\\w` leaves them out, which cut 'हिन्दी' into four pieces. Scanned once at import (a few
    thousand code points, about a millisecond), not typed by hand."""
    spans: list[tuple[int, int]] = []
    for low, high in ((0x0300, 0x2E00), (0x3099, 0x309B), (0xA600, 0xAC00), (0xFE00, 0xFE30)):
        for code in range(low, high):
            if unicodedata.category(chr(code))[0] == "M":
                if spans and spans[-1][1] == code - 1:
                    spans[-1] = (spans[-1][0], code)
                else:
                    spans.append((code, code))
    return _ranges(spans)


NO_SPACE_CHARS = _ranges(
    [
        (0x0E00, 0x0EFF),  # Thai, Lao
        (0x1000, 0x109F),  # Myanmar
        (0x1780, 0x17FF),  # Khmer
        (0x3005, 0x3007),  # 々 〆 〇
        (0x3040, 0x30FF),  # Hiragana, Katakana
        (0x31F0, 0x31FF),  # Katakana extensions
        (0x3400, 0x4DBF),  # CJK extension A
        (0x4E00, 0x9FFF),  # CJK unified ideographs
        (0xF900, 0xFAFF),  # CJK compatibility ideographs
        (0xFF66, 0xFF9F),  # half-width Katakana
        (0x20000, 0x3134F),  # CJK extensions B-G
    ]
)
"""Characters of scripts written without spaces between words (a class body): each is a word."""

_MARKS = _marks()
# Written with the common case first, a run of one character class (twice as fast as one class of
# letters-or-marks repeated): letters, then marks and letters again ('हिन्दी'); a character of a script
# without spaces and its marks; marks before any letter.
WORD_PATTERN = (
    rf"[^\W{NO_SPACE_CHARS}]+(?:[{_MARKS}]+[^\W{NO_SPACE_CHARS}]*)*"
    rf"|[{NO_SPACE_CHARS}][{_MARKS}]*"
    rf"|[{_MARKS}]+(?:[^\W{NO_SPACE_CHARS}]+[{_MARKS}]*)*"
)
"""One word: a character of a script written without spaces (with its marks), or a run of letters,
digits, underscores and marks of any other script."""
WORD_RE = re.compile(WORD_PATTERN)
TOKEN_RE = re.compile(rf"{WORD_PATTERN}|\s+|[^\w\s]")
"""A word, a run of white space, or one other character: joined, the tokens give the text back."""
# Text with no mark and no character of a script without spaces (an English notice, curly quotes and
# all) splits the same with the plain patterns, two to three times faster; one scan tells which.
_NEEDS_SCRIPT_RULES = re.compile(f"[{NO_SPACE_CHARS}{_MARKS}]")
_PLAIN_WORD_RE = re.compile(r"\w+")
_PLAIN_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")

_LETTER_OR_DIGIT_RE = re.compile(r"[^\W_]")

SENTENCE_MARKS = "。！？｡"
"""Marks that end a sentence with no space after them (Chinese and Japanese full stops, and the
full-width '!' and '?')."""


def has_letters(text: str) -> bool:
    """Is there anything to read in `text`: a letter (of any script) or a digit, not only marks."""
    return _LETTER_OR_DIGIT_RE.search(text) is not None


def words(text: str) -> list[str]:
    """The words of `text`, as the comparison counts them (each Chinese or Thai character is one)."""
    return (WORD_RE if _NEEDS_SCRIPT_RULES.search(text) else _PLAIN_WORD_RE).findall(text)


def tokens(text: str) -> list[str]:
    """`text` as words, runs of white space and single other characters (`TOKEN_RE`); joined, `text`."""
    return (TOKEN_RE if _NEEDS_SCRIPT_RULES.search(text) else _PLAIN_TOKEN_RE).findall(text)


def _is_latin(ch: str) -> bool:
    code = ord(ch)
    return code < 0x0250 or 0x1E00 <= code < 0x1F00 or 0x2C60 <= code < 0x2C80 or 0xA720 <= code < 0xA800


def mostly_latin(text: str) -> bool:
    """Are most of the letters in `text` Latin (what our English wording tables can read)? Text with
    no letters at all counts as Latin: there is nothing another script could say."""
    letters = [ch for ch in text if ch.isalpha()]
    return 2 * sum(map(_is_latin, letters)) >= len(letters)


# ----- ids made from headings ------------------------------------------------------------------
_GREEK = "α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:x ο:o π:p ρ:r σ:s ς:s τ:t υ:y φ:f χ:ch ψ:ps ω:o"
_CYRILLIC = (
    "а:a б:b в:v г:g д:d е:e ё:yo ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch"
    " ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya і:i ї:yi є:ye ґ:g ў:u ђ:dj ј:j љ:lj њ:nj ћ:c џ:dz ѓ:gj ќ:kj ѕ:dz"
)
_TRANSLITERATION = str.maketrans(dict(pair.split(":") for pair in f"{_GREEK} {_CYRILLIC}".split()))
"""Greek and Cyrillic letters (lower case, accents taken off first) in Latin letters, as ids spell them."""


def ascii_slug(text: str, max_length: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens ('Cookies & tracking' -> 'cookies-tracking'; Greek and
    Cyrillic spelt in Latin letters, 'Πολιτική απορρήτου' -> 'politiki-aporritou'); '' when nothing
    Latin is left (a heading in Chinese or Arabic)."""
    # letters the table spells as a whole ('й', 'ї') first, then the rest with their accents off ('ή')
    spelt = text.lower().replace("ου", "ou").translate(_TRANSLITERATION)
    lowered = _strip_marks(unicodedata.normalize("NFKD", spelt)).replace("ου", "ou").translate(_TRANSLITERATION)
    ascii_text = lowered.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:max_length].rstrip("-")


# ----- search ----------------------------------------------------------------------------------
_SEARCH_FOLD = str.maketrans({"ı": "i"})


def _strip_marks(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fold_for_search(text: str) -> str:
    """`text` as searches compare it: case folded ('ß' -> 'ss'), accents and other marks taken off
    (after NFKD), Turkish dotted and dotless i both as 'i' ('İstanbul', 'ıstanbul' -> 'istanbul')."""
    if text.isascii():
        return text.lower()  # the same, many times faster
    return _strip_marks(unicodedata.normalize("NFKD", text.casefold())).translate(_SEARCH_FOLD)


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def folded_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`text` folded character by character as `fold_for_search` folds it, and, for each character
    of the result, the offset in `text` it came from ('ß' gives two, a combining accent none); None
    when every character folds to one, so each offset is its own.

    Only the characters beyond ASCII are folded one by one, and the offsets are made of ranges:
    Find and replace runs this over a whole notice on the app's thread: 465,000 characters (the
    shipped library twice) in 17 ms, 56 ms with one 'ß' in them (a character-by-character loop: 233 ms)."""
    folds = {ch: fold_for_search(ch) for ch in set(_NON_ASCII_RE.findall(text))}
    # folded text is lower case already, and lower() never changes the length of ASCII text
    haystack = _NON_ASCII_RE.sub(lambda m: folds[m.group()], text).lower() if folds else text.lower()
    odd = "".join(re.escape(ch) for ch, folded in folds.items() if len(folded) != 1)
    if not odd:
        return haystack, None
    origin: list[int] = []
    last = 0
    for match in re.finditer(f"[{odd}]", text):
        origin.extend(range(last, match.start()))
        origin.extend([match.start()] * len(folds[match.group()]))
        last = match.end()
    origin.extend(range(last, len(text)))
    return haystack, origin


def find_folded(text: str, wanted: str) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets in `text` of each place `wanted` is found, compared as searches do
    (`fold_for_search`); never overlapping."""
    needle = fold_for_search(wanted)
    if not needle:
        return
    haystack, origin = folded_with_offsets(text)
    at = haystack.find(needle)
    while at >= 0:
        end = at + len(needle)
        if origin is None:
            yield at, end
        else:
            # a folded character that is cut in half ('ß' is 'ss') counts as found whole
            after = origin[end] if end < len(origin) else len(text)
            yield origin[at], after if after != origin[end - 1] else after + 1
        at = haystack.find(needle, end)

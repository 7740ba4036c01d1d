"""Where sentences end in plain text: the one splitter for checks and change notices.

A sentence ends at '.', '!' or '?' (and the Arabic '؟', the Devanagari '।') before white space and a
word that is not lower case; at the Chinese and Japanese '。', '！' and '？' with no space needed.

A full stop after an abbreviation ("e.g.", "i.e.", "E.U.", "U.S.", "Inc.", German "z.B.", "Abs.",
French "p. ex.", "c.-à-d.") ends no sentence, written with or without a space inside ("z. B.");
one after "No." or "Art." ends none when a number follows ("Art. 13"). Pure, stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notice_studio.core.scripts import SENTENCE_MARKS

__all__ = ["sentence_ends", "split_sentences"]

# Written to start with one character class, so the regex engine skips ahead to a mark that can end a
# sentence (the same matches as "[.!?]+['\"’”)\]]*(?=...)|[.!?]+['\"’”)\]]*\s*$", five times faster).
# The next sentence may open with a quote, a bracket, Markdown emphasis or a placeholder (moves
# compare the Markdown itself; checks see markup blanked to spaces); its first letter, of any script,
# must not be a lower-case one (`sentence_ends` looks: Greek and Cyrillic have capitals, Arabic and
# Devanagari no case at all). Chinese and Japanese full stops need no space after them.
_SENTENCE_END_RE = re.compile(
    rf"[.!?؟।॥۔{SENTENCE_MARKS}](?:(?<=[{SENTENCE_MARKS}])[{SENTENCE_MARKS}]*[」』）’”\"')\]]*"
    r"|[.!?؟।॥۔]*['\"’”)\]]*(?:(?=\s+(?:\{\{|[\"“‘(\[*_`]{0,3}(?:[A-Z0-9x]|(?P<first>[^\x00-\x7f\W]))))|\s*$))"
)
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "art",
        "arts",
        "no",
        "nos",
        "para",
        "s",
        "ss",
        "cf",
        "vs",
        "al",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "u.s",
        "u.s.a",
        "u.k",
        "e.u",
        "e.e.a",
        "reg",
        "regs",
        "civ",
        "sec",
        "secs",
        "cl",
        "sch",
        "ch",
        "p",
        "pp",
        "vol",
        "jr",
        "sr",
        "fig",
        "approx",
        "b.v",
        "n.v",
        "s.a",
        "plc",
        "pty",
        # German and French: one list, matched with or without the spaces inside ("z. B.", "p. ex.").
        "z.b",
        "d.h",
        "abs",
        "nr",
        "bzw",
        "ggf",
        "usw",
        "u.a",
        "p.ex",
        "c.-à-d",
    ]
)
# The first letters of the abbreviations with a full stop inside ("z." of "z.b"): a full stop there,
# before a space, ends no sentence when the rest of the abbreviation follows ("z. B.").
_STARTS = {a[: i + 1]: a for a in _ABBREVIATIONS for i, c in enumerate(a) if c == "." and i < len(a) - 1}
# Abbreviations that are also everyday words ("say no.", "anyone's."): only before a number
# ("No. 5", "s. 27", "Art. 13") do they keep a sentence going.
_NUMBERED_ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "s",
        "ss",
        "art",
        "arts",
        "para",
        "p",
        "pp",
        "sec",
        "secs",
        "cl",
        "ch",
        "sch",
        "reg",
        "regs",
        "vol",
        "fig",
        "st",
        "co",
    ]
)
# A word of letters in any script, with full stops (each maybe followed by one space) and hyphens
# inside: "e.g", "z. B", "p. ex", "c.-à-d".
_WORD_BEFORE_RE = re.compile(r"([^\W\d_](?:[^\W\d_]|-|\.[ \t]?)*)$")
_SPACE_RE = re.compile(r"\s+")


def sentence_ends(block: str) -> Iterator[int]:
    """The offsets in `block` (one paragraph, list item or line) where a sentence ends, before
    the white space that follows it; the block's own end is not given."""
    last = len(block.rstrip())
    for match in _SENTENCE_END_RE.finditer(block):
        if match.end() >= last:
            return
        first = match.group("first")
        if first and first.islower():
            continue  # a lower-case word in a script beyond ASCII ('z.B. über')
        if block[match.start()] == ".":
            before = _WORD_BEFORE_RE.search(block, max(0, match.start() - 12), match.start())
            if before and _is_abbreviation(block, before, match.end()):
                continue
        yield match.end()


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each stripped; a line break always ends one."""
    found: list[str] = []
    for line in text.split("\n"):
        start = 0
        for end in [*sentence_ends(line), len(line)]:
            if line[start:end].strip():
                found.append(line[start:end].strip())
            start = end
    return found


def _is_abbreviation(block: str, before: re.Match[str], after: int) -> bool:
    """Whether the full stop ending `before` belongs to an abbreviation: the words before it
    (from the last one back, "ex", "p. ex") are one, or start one that the text after completes."""
    found = before.group(1)
    starts = [0, *(m.end() for m in re.finditer(r"\.[ \t]", found))]
    for offset in reversed(starts):
        word = _SPACE_RE.sub("", found[offset:]).lower().rstrip(".")
        start = before.start() + offset
        if start > 0 and block[start - 1] in "'’":
            return False  # a possessive ("anyone's."), not an abbreviation
        if word in _ABBREVIATIONS:
            if word in _NUMBERED_ABBREVIATIONS:
                return block[after:].lstrip()[:1].isdigit()
            return True
        whole = _STARTS.get(word + ".")
        if whole and _SPACE_RE.sub("", word + "." + block[after : after + len(whole) * 2]).lower().startswith(
            whole + "."
        ):
            return True
    return False

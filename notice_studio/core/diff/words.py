"""Word-level text comparison: diff-match-patch over word tokens, timeout off, semantic cleanup.

Texts are split into word, whitespace and punctuation tokens (`core/scripts.py`: a Chinese,
Japanese or Thai character is a word of its own, since those scripts put no spaces between
words); each distinct token becomes one character (diff-match-patch's "lines to chars" trick
applied to words), the character strings
are compared, and the result is mapped back. Counsel then see "30 days" -> "45 days" rather
than character noise, and a long clause never degrades to delete-all/insert-all because the
time limit is off (`Diff_Timeout = 0`).

Two engines give the same kind of answer: the C++ `fast_diff_match_patch` (default, several
times faster) and the pure-Python `diff_match_patch`. Pure functions, immutable results.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import diff_match_patch as _dmp_module

from notice_studio.core.scripts import tokens

try:  # the C++ engine; the pure-Python one is the fallback (and a reference in tests)
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - fast-diff-match-patch is a declared dependency
    _fast = None

Op = Literal["equal", "insert", "delete"]
EQUAL: Op = "equal"
INSERT: Op = "insert"
DELETE: Op = "delete"


_SURROGATES = range(0xD800, 0xE000)
# Windows builds of the C++ engine reject characters outside the Basic Multilingual Plane.
_FAST_MAX_CODEPOINT = 0xFFFF if sys.platform == "win32" else 0x10FFFF


@dataclass(frozen=True, slots=True)
class WordOp:
    """One run of the comparison: text kept (`equal`), added (`insert`) or taken out (`delete`)."""

    op: Op
    text: str
    moved: int = 0
    """For an inserted or deleted run: the number of the text move it is one end of (the same
    words taken out in one place and put in at another, `core/diff/moves.py`); 0 when not moved."""


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and single punctuation marks; joined they give `text` back."""
    return tokens(text)


def old_text(ops: tuple[WordOp, ...]) -> str:
    """The text before the change (equal + deleted runs)."""
    return "".join(o.text for o in ops if o.op != INSERT)


def new_text(ops: tuple[WordOp, ...]) -> str:
    """The text after the change (equal + inserted runs)."""
    return "".join(o.text for o in ops if o.op != DELETE)


def has_changes(ops: tuple[WordOp, ...]) -> bool:
    return any(o.op != EQUAL for o in ops)


DEFAULT_ENGINE = "fast" if _fast is not None else "python"
"""What engine='auto' uses; the benchmark switches it to compare the two."""


def diff_words(old: str, new: str, *, engine: str = "auto") -> tuple[WordOp, ...]:
    """Compare two texts word by word; `engine` is 'auto', 'fast' or 'python'."""
    if old == new:
        return (WordOp(EQUAL, old),) if old else ()
    if not old:
        return (WordOp(INSERT, new),)
    if not new:
        return (WordOp(DELETE, old),)
    old_chars, new_chars, vocabulary = _tokens_to_chars(old, new)
    use_fast = (DEFAULT_ENGINE if engine == "auto" else engine) == "fast"
    if use_fast and _fast is not None and len(vocabulary) <= _max_token_code(_FAST_MAX_CODEPOINT):
        raw = _fast.diff(old_chars, new_chars, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False)
        pairs = [(_FAST_OPS[op], chars) for op, chars in raw]
    else:
        pairs = _python_diff(old_chars, new_chars)
    token_of = dict(zip(map(_token_char, range(len(vocabulary))), vocabulary, strict=True))
    return _merge((op, "".join(map(token_of.__getitem__, chars))) for op, chars in pairs)


_FAST_OPS: dict[str, Op] = {"=": EQUAL, "+": INSERT, "-": DELETE}
_PY_OPS: dict[int, Op] = {0: EQUAL, 1: INSERT, -1: DELETE}


def _python_diff(old_chars: str, new_chars: str) -> list[tuple[Op, str]]:
    dmp = _dmp_module.diff_match_patch()
    dmp.Diff_Timeout = 0  # the default 1 s turns a large diff into delete-all/insert-all
    diffs = dmp.diff_main(old_chars, new_chars, checklines=False)
    dmp.diff_cleanupSemantic(diffs)
    return [(_PY_OPS[op], chars) for op, chars in diffs]


# Token number n is stored as the character _token_char(n): code points from 1 upwards,
# skipping the surrogate block so the strings stay valid for the C++ engine.
def _token_char(n: int) -> str:
    code = n + 1
    if code >= _SURROGATES.start:
        code += len(_SURROGATES)
    return chr(code)


def _max_token_code(limit: int) -> int:
    """How many distinct tokens fit below code point `limit`."""
    return limit - len(_SURROGATES) if limit >= _SURROGATES.stop else min(limit, _SURROGATES.start - 1)


def _tokens_to_chars(old: str, new: str) -> tuple[str, str, list[str]]:
    vocabulary: list[str] = []
    index: dict[str, str] = {}

    def encode(text: str) -> str:
        found = _tokens(text)
        for token in found:
            if token not in index:
                index[token] = _token_char(len(vocabulary))
                vocabulary.append(token)
        return "".join(map(index.__getitem__, found))

    old_chars = encode(old)
    new_chars = encode(new)
    if len(vocabulary) > 0x10FFFF - len(_SURROGATES) - 1:  # pragma: no cover - > 1.1 million distinct words
        raise ValueError("The texts have too many distinct words to compare.")
    return old_chars, new_chars, vocabulary


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """`tokenize(text)`, cached: each version of a notice is compared with the one before and the
    one after it, and a clause's text with several views of the other side."""
    return tuple(tokens(text))


def _merge(pairs: Iterable[tuple[Op, str]]) -> tuple[WordOp, ...]:
    """Join neighbouring runs of the same kind and drop empty ones."""
    out: list[WordOp] = []
    for op, text in pairs:
        if not text:
            continue
        if out and out[-1].op == op:
            out[-1] = WordOp(op, out[-1].text + text)
        else:
            out.append(WordOp(op, text))
    return tuple(out)

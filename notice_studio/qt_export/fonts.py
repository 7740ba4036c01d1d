"""Letters of a notice that no font on this computer can show: the PDF would print empty boxes.

Qt sets the PDF in PDF_FONT and takes each letter that font lacks from another installed font;
a letter no installed font has is drawn as a box, with no error. On a machine without Chinese,
Japanese or Korean fonts that is every such letter, so export says so in one sentence.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence

from notice_studio.core.render.renderer import RenderedNotice

PDF_FONT = "DejaVu Sans"
_TAG = re.compile(r"<[^>]*>")
_NOT_DRAWN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})  # spaces and controls: nothing to draw
_CJK = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x30FF),  # CJK punctuation, Hiragana, Katakana
    (0x3100, 0x31FF),  # Bopomofo, Hangul compatibility Jamo, Katakana extensions
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # full-width and half-width forms
    (0x20000, 0x3134F),  # CJK Extensions B to G
)


def font_families() -> list[str]:
    """Every font family installed here, as Qt finds them (what it may fall back to)."""
    from PySide6.QtGui import QFontDatabase

    return list(QFontDatabase.families())


def _font(family: str):
    """The font Qt would use for `family`. Not cached: Qt keeps a font cache per thread, and a raw
    font kept after the export thread that made it had ended answered wrongly (DejaVu Sans seemed
    to lack the em dash, and the next export from the app warned of it)."""
    from PySide6.QtGui import QFont, QRawFont

    return QRawFont.fromFont(QFont(family))


def missing_characters(text: str, families: Iterable[str]) -> list[str]:
    """The distinct letters of `text`, in order, that neither PDF_FONT nor any of `families` has."""
    wanted = [ch for ch in dict.fromkeys(text) if ord(ch) > 0x7E and unicodedata.category(ch) not in _NOT_DRAWN]
    pdf_font = _font(PDF_FONT)
    wanted = [ch for ch in wanted if not pdf_font.supportsCharacter(ord(ch))]
    if not wanted:
        return []
    fonts = [_font(family) for family in families]
    return [ch for ch in wanted if not any(font.supportsCharacter(ord(ch)) for font in fonts)]


def is_cjk(ch: str) -> bool:
    return any(low <= ord(ch) <= high for low, high in _CJK)


def missing_font_sentence(missing: Sequence[str]) -> str:
    """One sentence naming what the PDF shows as boxes and what to install ('' when nothing)."""
    if not missing:
        return ""
    sample = ", ".join(missing[:3])
    what = f"{len(missing)} character{'s' if len(missing) != 1 else ''} ({sample}{', …' if len(missing) > 3 else ''})"
    if any(is_cjk(ch) for ch in missing):
        return (
            f"The PDF shows {what} as empty boxes because no font on this computer has Chinese, Japanese "
            "or Korean letters; install one, such as Noto Sans CJK (the fonts-noto-cjk package on Debian "
            "and Ubuntu), and export again."
        )
    return (
        f"The PDF shows {what} as empty boxes because no font on this computer has them; install a "
        "font that does, such as one of the Noto fonts, and export again."
    )


def pdf_font_warnings(rendered: RenderedNotice) -> tuple[str, ...]:
    """What the notice's PDF cannot show here, as one sentence (none when every letter has a font)."""
    text = html.unescape(_TAG.sub(" ", rendered.html))
    sentence = missing_font_sentence(missing_characters(text, font_families()))
    return (sentence,) if sentence else ()

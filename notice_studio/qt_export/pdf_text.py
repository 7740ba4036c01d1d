"""What a reader copies out of the PDF: each glyph's text as the notice spells it.

Qt writes each font's ToUnicode map (glyph -> text, what copying, search and screen readers
read) from the font's own character map read backwards, so a glyph several characters share
maps to the lowest of them. DejaVu Sans draws the tab and the space with one glyph: every space
was copied out as a tab. Its ligature glyphs map to the presentation forms U+FB00-FB06, so
"effect" was copied as "e\ufb00ect", which search does not find. The maps are rewritten to the
characters the notice has.
"""

from __future__ import annotations

import re

_TEXT_OF: dict[str, str] = {
    "0009": "0020",  # the space glyph: a space, never a tab
    "FB00": "00660066",  # ff
    "FB01": "00660069",  # fi
    "FB02": "0066006C",  # fl
    "FB03": "006600660069",  # ffi
    "FB04": "00660066006C",  # ffl
    "FB05": "00730074",  # long s + t
    "FB06": "00730074",  # st
}
_ARRAY = re.compile(rb"\[[^\]]*\]")
_PAIR = re.compile(rb"(<[0-9A-Fa-f]+>\s*)(<[0-9A-Fa-f]+>)")  # bfchar: source, text
_RANGE = re.compile(rb"(<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*)(<[0-9A-Fa-f]+>)")  # bfrange: first, last, text
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_SECTION = re.compile(rb"(begin(bfchar|bfrange))(.*?)(end\2)", re.S)


def _text(token: re.Match[bytes]) -> bytes:
    code = token.group(1).decode("ascii").upper()
    return b"<" + _TEXT_OF.get(code, code).encode("ascii") + b">"


def _section(match: re.Match[bytes]) -> bytes:
    kind, body = match.group(2), match.group(3)
    if kind == b"bfchar":
        body = _PAIR.sub(lambda m: m.group(1) + _HEX.sub(_text, m.group(2)), body)
    else:
        body = _ARRAY.sub(lambda m: _HEX.sub(_text, m.group(0)), body)
        # a one-glyph range's text may be replaced; a longer one counts up from it, so it stays
        body = _RANGE.sub(
            lambda m: m.group(1) + (_HEX.sub(_text, m.group(4)) if m.group(2) == m.group(3) else m.group(4)), body
        )
    return match.group(1) + body + match.group(4)


def readable_to_unicode(cmap: bytes) -> bytes:
    """A ToUnicode map with spaces as spaces and ligatures as their letters."""
    return _SECTION.sub(_section, cmap)


def fix_copied_text(writer) -> None:
    """Rewrite the ToUnicode map of every font on `writer`'s pages (a pypdf PdfWriter)."""
    seen: set[int] = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
        for ref in fonts.values():
            font = ref.get_object()
            to_unicode = font.get("/ToUnicode")
            if to_unicode is None or id(to_unicode.get_object()) in seen:
                continue
            stream = to_unicode.get_object()
            seen.add(id(stream))
            stream.set_data(readable_to_unicode(stream.get_data()))

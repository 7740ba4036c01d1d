"""Bytes -> text: BOMs, UTF-16 without a BOM, UTF-8, Windows-1252 and a web page's own charset.

Binary data is refused in one sentence. Used by every text reader (plain text, Markdown, HTML).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from notice_studio.core.importer.blocks import ImportProblem

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
# Joiners spell words in Persian, Arabic and Indic scripts and join emoji ('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u06cc\u0645');
# between Latin letters they are copy-and-paste noise that splits a word for the checks.
_LATIN_JOINER = re.compile(r"(?<=[\x00-\u024f])[\u200c\u200d](?=[\x00-\u024f])")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> (text, encoding): BOMs first, then UTF-8, then Windows-1252; refuses binary files."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            return _checked(text, name), encoding + " (with BOM)"
    # Before UTF-8: ASCII saved as UTF-16 is also valid UTF-8, full of NUL characters.
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"), name), utf16
    return _utf8_or_cp1252(data, name)


MIXED = "utf-8 with some windows-1252"
"""The encoding of a file saved partly in each (text pasted together from two programs)."""
_SAYS_UTF8 = ", though the page says utf-8"
"""Added to the encoding of a page whose charset says UTF-8 and is not, wholly."""
_PAGE_SAYS = ", as the page says"
"""Added to the encoding a page names in its charset (other than UTF-8): named, not guessed."""
MISREAD_NOTE = (
    "Parts of the file are not in the encoding it says or that most of it uses; they were read as "
    "Windows-1252, so check accented letters, quotes and symbols such as the euro sign."
)


GUESSED_NOTE = (
    "The file is not UTF-8, so it was read as Windows-1252 (Western European); if it was saved in "
    "another encoding its accented letters are wrong, so check them, or save it as UTF-8 and import it again."
)


def misread_note(encoding: str) -> str:
    """The note for the report when some or all of a file's bytes were read in an encoding the file
    does not name (Windows-1252 is a guess: Central European text saved as Windows-1250 reads as
    Windows-1252 without an error, with wrong letters), or ''."""
    if encoding == MIXED or encoding.endswith(_SAYS_UTF8):
        return MISREAD_NOTE
    return GUESSED_NOTE if encoding == "windows-1252" else ""


def _utf8_or_cp1252(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8; bytes that are not UTF-8 are read as Windows-1252 (all of them: a Windows-1252
    file; some: a file pasted together from both, whose UTF-8 words stay right)."""
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors=_CP1252_FALLBACK)
    whole = data.decode("cp1252", errors="replace")
    return (_checked(whole, name), "windows-1252") if text == whole else (_checked(text, name), MIXED)


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


_CP1252_FALLBACK = "notice-studio-cp1252"
codecs.register_error(_CP1252_FALLBACK, _as_cp1252)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM shows as a NUL in every other byte of ASCII text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _checked(text: str, name: str) -> str:
    """Normalise line ends and invisible characters; refuse text that is really binary data."""
    if text:
        sample = text[:20000]
        bad = sum(
            1
            for ch in sample
            if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r\f\v")
        )
        if bad > max(3, len(sample) // 50):
            raise ImportProblem(
                f"{name} does not contain readable text (it looks like binary data); check that it is the right file."
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\v", "\n")
    return _LATIN_JOINER.sub("", text.translate(_ZERO_WIDTH))


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> text using a BOM, else the page's own <meta charset>, else UTF-8/Windows-1252."""
    if data[:4].startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, name)
    head = data[:4096].decode("ascii", errors="replace")
    found = re.search(r"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head, re.IGNORECASE)
    if found:
        encoding = found.group(1).lower()
        if encoding in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
            encoding = "cp1252"  # browsers treat these labels as Windows-1252
        if encoding in ("utf-8", "utf8"):
            text, actual = _utf8_or_cp1252(data, name)  # a page that says UTF-8 and is not, wholly
            return text, "utf-8" if actual == "utf-8" else actual + _SAYS_UTF8
        try:
            text = _checked(data.decode(encoding, errors="replace"), name)
        except LookupError:
            pass
        else:
            return text, encoding + _PAGE_SAYS  # named by the page, not guessed: no note
    return decode_text(data, name)

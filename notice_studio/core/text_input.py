"""Text a person hands over whole (a file, standard input, a command-line argument): UTF-8 only.

One rule for every way in. Guessing another encoding, as the importer does for a foreign
document, could change a clause's words without anyone noticing; a clause is edited on purpose,
so text that is not UTF-8 is refused in one sentence that names where it came from.
"""

from __future__ import annotations

import codecs

from notice_studio.core.notice.model import NoticeError

SAVE_AS_UTF8 = "save it as UTF-8 and try again"


def utf8_text(data: bytes | str, source: str, fix: str = SAVE_AS_UTF8) -> str:
    """`data` as text; refuses bytes that are not UTF-8 (a leading byte-order mark is dropped).

    A `str` is checked too: Python hands over undecodable bytes (in arguments, or standard
    input read as text) as lone surrogates, which can never be written to a file.
    """
    if isinstance(data, str):
        if not _has_surrogates(data):
            return data
        data = _original_bytes(data)
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NoticeError(f"{source} is not UTF-8 text (byte {exc.start}); {fix}.") from None


def shown(text: str) -> str:
    """`text` printable: each byte that is not UTF-8 shown as the replacement mark."""
    return _original_bytes(text).decode("utf-8", errors="replace") if _has_surrogates(text) else text


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _original_bytes(text: str) -> bytes:
    """The bytes a surrogate-escaped `str` was read from (other lone surrogates as invalid UTF-8)."""
    try:
        return text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="surrogatepass")

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


# ----- values a person types into one field -----------------------------------------------------
MAX_VALUE = 4000
"""The longest value typed into one field (a placeholder, a practices entry, a table cell), in
characters: about 600 words. Real values are a sentence or two (a retention period, a list of
examples, an address: a few hundred characters at most), so the limit never stands in anyone's
way, while a file pasted into a field by mistake is caught before it is saved; wording longer than
this belongs in a clause's text. It is also far below the CSV reader's field limit, although the
reader no longer depends on that (`table_csv` raises the limit to fit whatever it reads)."""

_LINE_BREAKS = "\t\n\r"


def value_problem(text: str, field: str, *, lines: bool = True, limit: int | None = MAX_VALUE) -> str:
    """Why `text` cannot be saved as `field` ('' when it can): a control character (tab and line
    breaks are allowed where `lines`), or more than `limit` characters. The one rule for values
    typed at the command line and in the app; `field` starts the sentence ("The title")."""
    bad = next((ch for ch in text if _is_control(ch) and not (lines and ch in _LINE_BREAKS)), None)
    if bad is not None:
        return (
            f"{field} contains the control character U+{ord(bad):04X}, which readers would see as stray "
            "symbols; remove it and try again."
        )
    if limit is not None and len(text) > limit:
        return (
            f"{field} is {len(text):,} characters long; keep it to {limit:,} characters and put longer "
            "wording in a clause's text."
        )
    return ""


def check_value(text: str, field: str, *, lines: bool = True, limit: int | None = MAX_VALUE) -> None:
    """Refuse `text` for `field` in one sentence (see `value_problem`)."""
    problem = value_problem(text, field, lines=lines, limit=limit)
    if problem:
        raise NoticeError(problem)


def _is_control(ch: str) -> bool:
    """C0 and C1 control characters and DEL (Unicode category Cc)."""
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F

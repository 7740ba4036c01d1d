"""A notice in another language than English: the wording checks (rules.ENGLISH_WORDING) read
English words only, so they stay silent there and this one note says so, rather than report
English phrases missing from, say, a German notice, or pass it for saying nothing wrong."""

from __future__ import annotations

from notice_studio.core.checks.types import Finding
from notice_studio.core.notice.languages import is_english, language_label
from notice_studio.core.notice.model import Notice


def reads_wording(notice: Notice) -> bool:
    """True when the wording checks can read the notice (it is in English)."""
    return is_english(notice.language or "en")


def wording_not_read(notice: Notice) -> list[Finding]:
    if reads_wording(notice):
        return []
    return [
        Finding(
            "wording-not-read",
            "info",
            f"This notice is in {language_label(notice.language)}, and the wording checks read English only, so "
            "its wording was not checked (defined terms, references typed as words, what the text says about "
            "the practices, readability) and the laws' disclosures are listed for you to confirm.",
            "Read the text against the practices and the laws' requirements yourself; the checks of "
            "placeholders, cross-references, tables and dates still ran.",
            None,
            None,
            None,
            "notice",
        )
    ]

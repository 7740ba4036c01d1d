"""The notice's own settings (its publishing rules in notice.yaml `settings:`, and its language),
named once for the app and the CLI.

    advance-notice-days   material changes must be published this many days before they take effect
    require-approval      publishing waits for an approval of the draft as it is now
    language              the language the notice is written in (notice.yaml `language`, a BCP 47 code)

Each rule is read and written by the module that enforces it (core.publishing.schedule,
core.remote.reviews); this table only names them, parses what counsel type and describes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from notice_studio.core.notice.languages import ENGLISH, language_label, normalise_language
from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.publishing.schedule import MAX_ADVANCE_NOTICE, advance_notice_days, set_advance_notice_days
from notice_studio.core.remote.reviews import requires_approval, set_requires_approval

_YES = {"yes", "y", "true", "on", "1", "required"}
_NO = {"no", "n", "false", "off", "0", "optional", "none"}


@dataclass(frozen=True)
class NoticeSetting:
    name: str
    label: str
    meaning: str
    read: Callable[[Notice], object]
    write: Callable[[Notice, object], object]
    parse: Callable[[str], object]
    shown: Callable[[object], str]


def _days(text: str) -> int | None:
    cleaned = text.strip().lower().removesuffix("days").removesuffix("day").strip()
    if cleaned in _NO or cleaned == "":
        return None
    if not cleaned.isdigit() or int(cleaned) > MAX_ADVANCE_NOTICE:
        raise NoticeError(
            f"'{text}' is not a number of days; give advance-notice-days=0 to {MAX_ADVANCE_NOTICE} "
            "(0 or none turns the rule off)."
        )
    return int(cleaned) or None


def _yes_no(text: str) -> bool:
    cleaned = text.strip().lower()
    if cleaned in _YES:
        return True
    if cleaned in _NO:
        return False
    raise NoticeError(f"'{text}' is not yes or no; give require-approval=yes or require-approval=no.")


def _set_language(notice: Notice, value: object) -> None:
    notice.language = normalise_language(str(value or ENGLISH))


SETTINGS: dict[str, NoticeSetting] = {
    s.name: s
    for s in (
        NoticeSetting(
            "advance-notice-days",
            "Advance notice of material changes",
            "material changes must be published at least this many days before they take effect",
            advance_notice_days,
            lambda notice, value: set_advance_notice_days(notice, value if isinstance(value, int) else None),
            _days,
            lambda value: f"{value} days" if value else "not set",
        ),
        NoticeSetting(
            "require-approval",
            "Approval required before publishing",
            "publishing waits for an approval of the draft as it is now",
            requires_approval,
            lambda notice, value: set_requires_approval(notice, bool(value)),
            _yes_no,
            lambda value: "yes" if value else "no",
        ),
        NoticeSetting(
            "language",
            "Language",
            "the language the notice is written in (its page's lang and direction; English wording checks)",
            lambda notice: notice.language or ENGLISH,
            _set_language,
            normalise_language,
            lambda value: f"{language_label(str(value))}, code {value}",
        ),
    )
}


def setting(name: str) -> NoticeSetting:
    found = SETTINGS.get(name.strip().lower().replace("_", "-"))
    if found is None:
        raise NoticeError(f"There is no notice setting '{name}'; use {' or '.join(SETTINGS)}.")
    return found

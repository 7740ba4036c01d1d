"""The date a notice states for itself ('Last revised: Oct. 1st, 2021'), read as a date.

Counsel type dates every way: '1 October 2021', 'Oct. 1st, 2021', '2021-10-01',
'Effective from June 01, 2023', '10/01/2021'. The imported notice offers the date found as
its first version's effective date.
"""

from __future__ import annotations

import datetime as dt
import re

IMPORTED_EFFECTIVE = "imported_effective"
"""The notice setting holding the original's own date (ISO), offered as version 1's effective date."""

_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_FORMS = [
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 1 October 2021
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # Oct. 1st, 2021
    re.compile(rf"\b{_YEAR}-(?P<m>\d{{1,2}})-(?P<day>\d{{1,2}})\b"),  # 2021-10-01
    re.compile(rf"\b(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.]{_YEAR}\b"),  # 01/10/2021
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # October 2021
]
_LEAD = re.compile(
    r"(?:last\s+(?:updated|revised|modified|reviewed|amended|changed)|(?:date\s+of\s+)?(?:last\s+)?(?:(?:update|revision)\b|updated\s*:)"
    r"|effective(?:\s+(?:date|as\s+of|from|since|on))?|(?:updated|revised|modified|amended)\s+(?:on|as\s+of)"
    r"|(?:in\s+force|valid)\s+(?:from|since|as\s+of)|(?:this\s+)?(?:notice|policy|statement)\s+(?:was\s+)?(?:last\s+)?"
    r"(?:updated|revised|modified|amended)|version\s+(?:date|of))",
    re.IGNORECASE,
)


def parse_date(text: str, *, day_first: bool = True) -> dt.date | None:
    """The first date written in `text` in any common form (a month and year alone last), or None."""
    for patterns in (_FORMS[:4], _FORMS[4:]):
        found = []
        for pattern in patterns:
            for match in pattern.finditer(text):
                date = _as_date(match, day_first)
                if date:
                    found.append((match.start(), date))
                    break
        if found:
            return min(found)[1]
    return None


def is_bare_date(text: str) -> bool:
    """A line that is a date and nothing else ('17 June 2025', 'Oct. 1st, 2021'): a notice's date under its name."""
    return any(pattern.fullmatch(text.strip(" .*_")) for pattern in _FORMS[:4])


def _as_date(match: re.Match[str], day_first: bool) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month = _MONTHS.get(groups["month"].lower().rstrip("."), 0)
        day = int(groups["day"]) if groups.get("day") else 1
    elif groups.get("m"):
        month, day = int(groups["m"]), int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (b, a) if (day_first and b <= 12) or a > 12 else (a, b)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def stated_date(text: str, *, day_first: bool = True, opening: bool = False) -> tuple[dt.date, str] | None:
    """The notice's own 'last updated' or effective date, and the line that states it.

    `opening`: `text` starts where the notice starts, so a date alone on its first line ('21 April
    2026' under the title) is the notice's date too, when no line says 'last updated'."""
    lines = text.splitlines()
    for line in lines[:400]:
        for lead in _LEAD.finditer(line):
            found = parse_date(line[lead.end() :][:40], day_first=day_first)
            if found:
                shown = line if len(line) <= 120 else line[max(0, lead.start() - 20) : lead.end() + 40]
                return found, " ".join(shown.strip(" *#_>").split())
    if opening:
        first = next((line for line in lines if line.strip()), "")
        date = parse_date(first, day_first=day_first) if is_bare_date(first) else None
        if date:
            return date, " ".join(first.strip(" *#_>").split())
    return None


def offered_effective_date(settings: dict[str, object]) -> dt.date | None:
    """The effective date to offer when publishing the first version of an imported notice."""
    value = settings.get(IMPORTED_EFFECTIVE)
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None

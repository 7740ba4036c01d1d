"""Periods of time as a notice writes them ("six months", "180 days", "up to 13 months", "2 years"),
read into days so two ways of saying one period compare equal. Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "twenty-one": 21,
    "twenty-four": 24,
    "thirty": 30,
    "thirty-six": 36,
    "forty-five": 45,
    "forty-eight": 48,
    "sixty": 60,
    "ninety": 90,
}
_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
_NUMBER = "|".join(sorted((re.escape(w) for w in _NUMBERS), key=len, reverse=True))
_MAXIMUM = r"up to|at most|no (?:more|longer) than|not (?:more|longer) than|a maximum of|a maximum|maximum of|within"
_MINIMUM = r"at least|a minimum of|no less than|not less than"
DURATION_RE = re.compile(
    rf"\b(?:(?P<max>{_MAXIMUM})\s+|(?P<min>{_MINIMUM})\s+)?"
    rf"(?:\((?=\d)|)(?P<n>\d{{1,4}}(?:\.\d+)?|{_NUMBER})\)?[\s-]+\(?(?P<unit>day|week|month|year)s?\b",
    re.IGNORECASE,
)
_TOLERANCE_DAYS = 3.0
_TOLERANCE_SHARE = 0.03


@dataclass(frozen=True)
class Duration:
    """One period: its length in days, whether it is a maximum or minimum, and where it was read."""

    days: float
    bound: str
    """'max' ("up to 13 months"), 'min' ("at least a year") or '' (a plain period)."""
    start: int
    end: int
    text: str


def durations(text: str) -> tuple[Duration, ...]:
    """Every period written in `text`, in order."""
    found = []
    for match in DURATION_RE.finditer(text):
        number = match.group("n").lower()
        count = float(number) if number[0].isdigit() else float(_NUMBERS[number])
        bound = "max" if match.group("max") else "min" if match.group("min") else ""
        days = count * _DAYS[match.group("unit").lower()]
        found.append(Duration(days, bound, match.start(), match.end(), " ".join(match.group(0).split())))
    return tuple(found)


def same_period(a: float, b: float) -> bool:
    """True when two lengths in days are one period said two ways ("six months" and "180 days")."""
    return abs(a - b) <= max(_TOLERANCE_DAYS, _TOLERANCE_SHARE * max(a, b))

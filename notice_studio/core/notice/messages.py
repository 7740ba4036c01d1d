"""Commit messages in plain words, as counsel will read them in the history."""

from __future__ import annotations

import re

_MOVED_RE = re.compile(r"^Moved '(.*)' (?:after '.*'|to the start of .*)$")
_TABLE_RE = re.compile(r"^Edited the (.+) table(?:: .*)?$")


def _quote(title: str) -> str:
    return f"'{title}'"


def edited(titles: list[str]) -> str:
    """ "Edited 'Cookies'", "Edited 'Cookies' and 'Security'", "Edited 4 clauses"."""
    titles = list(dict.fromkeys(titles))
    if not titles:
        return "Edited the notice"
    if len(titles) == 1:
        return f"Edited {_quote(titles[0])}"
    if len(titles) == 2:
        return f"Edited {_quote(titles[0])} and {_quote(titles[1])}"
    return f"Edited {len(titles)} clauses"


def renamed(old: str, new: str) -> str:
    return f"Renamed {_quote(old)} to {_quote(new)}"


def added(title: str, library_title: str | None = None) -> str:
    if library_title:
        return f"Added {_quote(title)} from the library"
    return f"Added {_quote(title)}"


def removed(title: str) -> str:
    return f"Deleted {_quote(title)}"


def moved(title: str, after: str | None, parent: str | None) -> str:
    """ "Moved 'Children' after 'Security'", or "... to the start of 'Your rights'"."""
    if after:
        return f"Moved {_quote(title)} after {_quote(after)}"
    if parent:
        return f"Moved {_quote(title)} to the start of {_quote(parent)}"
    return f"Moved {_quote(title)} to the start of the notice"


def variables_set(names: list[str]) -> str:
    if len(names) == 1:
        return f"Filled in '{names[0]}'"
    return f"Filled in {len(names)} placeholders"


def updated_from_library(title: str, version: int) -> str:
    return f"Updated {_quote(title)} from the library (version {version})"


def switched_variant(title: str, variant_id: str) -> str:
    return f"Switched {_quote(title)} to the library variant '{variant_id}'"


def table_edited(name: str, detail: str = "") -> str:
    """ "Edited the cookies table", or "...: row 'Analytics', column 'Duration'" with what changed."""
    return f"Edited the {name.replace('-', ' ')} table" + (f": {detail}" if detail else "")


def coalesce(phrases: list[str]) -> list[str]:
    """One save's messages, each clause's moves and each table's edits told once."""
    return _coalesce_tables(coalesce_moves(phrases))


def _coalesce_tables(phrases: list[str]) -> list[str]:
    """Several edits of one table in one save: "Edited the cookies table: 3 changes"."""
    counts: dict[str, int] = {}
    for phrase in phrases:
        match = _TABLE_RE.match(phrase)
        if match:
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    kept = []
    for phrase in phrases:
        match = _TABLE_RE.match(phrase)
        if match is None or counts[match.group(1)] == 1:
            kept.append(phrase)
        elif counts[match.group(1)] > 1:
            kept.append(f"Edited the {match.group(1)} table: {counts[match.group(1)]} changes")
            counts[match.group(1)] = 0  # told
    return kept


def coalesce_moves(phrases: list[str]) -> list[str]:
    """Repeated moves of one clause in one save read as one move, to where it ended up:
    ["Moved 'A' after 'B'", "Moved 'A' after 'C'"] -> ["Moved 'A' after 'C'"]."""
    last: dict[str, int] = {}
    for n, phrase in enumerate(phrases):
        match = _MOVED_RE.match(phrase)
        if match:
            last[match.group(1)] = n
    kept = []
    for n, phrase in enumerate(phrases):
        match = _MOVED_RE.match(phrase)
        if match is None or last[match.group(1)] == n:
            kept.append(phrase)
    return kept

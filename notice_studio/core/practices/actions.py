"""What counsel can do to the practices and facts, as Qt-free functions both front ends call.

Each returns the changed notice state and a plain-words commit message; the caller saves it with
the store's `save` (one commit, like any edit).

    notice, message = set_practices(notice, practices)        # the panel's Save
    practices = change_practice(notice.practices, "sold.categories", "identifiers, usage")
    message = set_facts(notice, {"dpo_appointed": True})
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import asdict, fields

import yaml

from notice_studio.core.library.facts import FACTS
from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.practices.facts import derived_facts
from notice_studio.core.practices.generate import regenerate_from_practices
from notice_studio.core.practices.model import Practices
from notice_studio.core.practices.practices_format import (
    BLOCK_TYPES,
    ENTRY_TYPES,
    ENTRY_WORDS,
    practices_yaml,
    read_practices,
)
from notice_studio.core.text_input import value_problem
from notice_studio.core.wording import use_one_of

LIST_FIELDS = ("sources", "purposes", "disclosed_to", "countries", "categories", "to")


def apply_practices(notice: Notice, practices: Practices, *, restoring: bool = False) -> list[str]:
    """Make `practices` the notice's: facts they decide follow, generated tables and statements are
    remade. Returns the names of the tables and statements that changed. A new value that breaks
    the rule for typed values (`practices_problem`) is refused and nothing changes, unless
    `restoring` practices the notice held before (undo, redo: see `Workspace.set_practices`)."""
    problem = "" if restoring else practices_problem(practices, notice.practices)
    if problem:
        raise NoticeError(problem)
    notice.practices = practices
    notice.facts.update(derived_facts(practices))
    return regenerate_from_practices(notice)


def practices_problem(practices: Practices, old: Practices | None = None) -> str:
    """Why `practices` cannot be saved ('' when they can): a value that is new since `old` and too
    long or holds a control character (core.text_input's rule for typed values). Only new values
    are checked, so one already saved never blocks an unrelated change."""
    before = set(_texts(asdict(old))) if old is not None else set()
    for path, text in _texts(asdict(practices)):
        if (path, text) not in before:
            problem = value_problem(text, f"The practices value {path}")
            if problem:
                return problem
    return ""


def _texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted path as 'practices set' names it, text) of every text in the practices."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for n, item in enumerate(value, start=1):
            name = item.get("id") if isinstance(item, dict) else None
            yield from _texts(item, f"{path}.{name or n}" if isinstance(item, dict) else path)


def set_practices(notice: Notice, practices: Practices, what: str = "") -> str:
    """Apply `practices`; the commit message for the change."""
    apply_practices(notice, practices)
    return f"Changed the practices ({what})" if what else "Changed the practices"


def _value(text: str, key: str) -> object:
    """A command-line value: true/false, a comma-separated list for list fields, else text."""
    if text.strip().lower() in ("true", "yes"):
        return True
    if text.strip().lower() in ("false", "no"):
        return False
    if key in LIST_FIELDS:
        return [v.strip() for v in text.split(",") if v.strip()]
    return text


def change_practice(practices: Practices | None, path: str, value: str, *, new: bool = False) -> Practices:
    """A copy of `practices` with one field set; see `change_practices`."""
    return change_practices(practices, [(path, value)], new=new)


def change_practices(practices: Practices | None, changes: list[tuple[str, str]], *, new: bool = False) -> Practices:
    """A copy of `practices` with fields set, checked once all are made (so a recipient can be
    added in the same change that names it). A path is dotted: 'automated_decisions',
    'sold.categories', 'children.minors_users', 'categories.<id>.retention'. A name the practices
    do not have is refused, naming the known ones; an unknown id is refused too unless `new` (the
    user asked for a new entry: 'practices set --new'), so a typo never adds a category. An empty
    value clears the field (or, for 'categories.<id>', removes the entry)."""
    data = yaml.safe_load(practices_yaml(practices or Practices())) or {}
    for path, value in changes:
        _change(data, path, value, new)
    try:
        return read_practices(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    except FormatError as exc:
        raise NoticeError(f"The practices cannot be changed that way: {exc.problem}.") from None


def _names(kind: type) -> list[str]:
    return [f.name for f in fields(kind)]


def _known(name: str, known: list[str], what: str) -> None:
    if name not in known:
        raise NoticeError(f"'{name}' is not {what}; {use_one_of(name, known)}.")


def _change(data: dict[str, object], path: str, value: str, new: bool) -> None:
    parts = [p for p in path.split(".") if p]
    if not parts:
        raise NoticeError("Name the practice to change, for example sold.categories or automated_decisions.")
    section = parts[0]
    _known(section, _names(Practices), "a part of the practices")
    if section in BLOCK_TYPES:
        if len(parts) != 2:
            raise NoticeError(
                f"Name one field of '{section}', for example {section}.{_names(BLOCK_TYPES[section])[0]}."
            )
        _known(parts[1], _names(BLOCK_TYPES[section]), f"a field of '{section}' in the practices")
        block = data.get(section)
        if not isinstance(block, dict):
            block = {}
            data[section] = block
        _assign(block, parts[1], value)
        return
    if section not in ENTRY_TYPES:
        if section == "transfers":
            raise NoticeError(
                "Transfers are a list without ids and cannot be set one field at a time; "
                "edit them in the practices file (notice-studio practices load, or View > Practices)."
            )
        if len(parts) != 1:
            raise NoticeError(f"'{section}' is a single value; set it as {section}=true or {section}=false.")
        _assign(data, section, value)
        return
    word = ENTRY_WORDS[section]
    if len(parts) < 2:
        raise NoticeError(f"Name the entry of '{section}' to change, for example {section}.<id>.label.")
    entries = data.get(section) or []
    if not isinstance(entries, list):
        raise NoticeError(f"'{section}' in the practices is not a list.")
    data[section] = entries
    ids = [str(e.get("id")) for e in entries if isinstance(e, dict)]
    entry = next((e for e in entries if isinstance(e, dict) and str(e.get("id")) == parts[1]), None)
    if len(parts) == 2:
        if value.strip():
            raise NoticeError(f"Set a field of '{path}' (for example {path}.label), or give no value to remove it.")
        if entry is None:
            raise NoticeError(
                f"There is no {word} '{parts[1]}' in the practices to remove; {use_one_of(parts[1], ids)}."
            )
        entries.remove(entry)
        return
    if len(parts) > 3:
        raise NoticeError(f"'{path}' does not name a practice; write {section}.{parts[1]}.<field>.")
    _known(parts[2], _names(ENTRY_TYPES[section]), f"a field of a {word} in the practices")
    if entry is None:
        if not new:
            known = f" ({use_one_of(parts[1], ids)})" if ids else ""
            raise NoticeError(
                f"There is no {word} '{parts[1]}' in the practices{known}; "
                f"to add it as a new {word}, run practices set again with --new."
            )
        entry = {"id": parts[1]}
        entries.append(entry)
    _assign(entry, parts[2], value)


def _assign(target: dict[str, object], key: str, value: str) -> None:
    if value == "":
        target.pop(key, None)
    else:
        target[key] = _value(value, key)


def decided_by_practices(notice: Notice) -> set[str]:
    return set(derived_facts(notice.practices)) if notice.practices is not None else set()


def set_facts(notice: Notice, answers: dict[str, bool]) -> str:
    """Record yes/no facts; refuses unknown facts and those the practices decide."""
    decided = decided_by_practices(notice)
    for fact in answers:
        if fact not in FACTS:
            raise NoticeError(f"'{fact}' is not a fact Notice Studio knows; use one of: {', '.join(FACTS)}.")
        if fact in decided:
            raise NoticeError(
                f"'{fact}' follows from the practices; change them instead (notice-studio practices set DIR ...)."
            )
    notice.facts.update(answers)
    names = ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in answers.items())
    return f"Answered {names}"


def copy_practices(notice: Notice) -> Practices:
    """A working copy of the notice's practices (a new, empty inventory when it has none)."""
    return copy.deepcopy(notice.practices) if notice.practices is not None else Practices()

"""Placeholders a library update renames: carry the notice's filled-in value to the new name.

A library clause records a rename in its front matter (`renamed: {old.name: new.name}`). Without
a record, a rename is taken as plain when the update removes exactly one placeholder and adds
exactly one at the same place in the clause's list of placeholders. Otherwise the value is not
carried; it stays in the notice under its old name and the user is told what it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from notice_studio.core.notice.model import placeholders_in


@dataclass(frozen=True)
class PlaceholderCarry:
    """What a library update did with the value of a placeholder the clause no longer uses."""

    title: str
    """The clause's title after the update."""
    old: str
    new: str
    """The new name: the rename's, or the one placeholder the update added ('' when none)."""
    value: str
    carried: bool
    held: str = ""
    """The value the new name already had, which a carried value would have replaced."""

    @property
    def sentence(self) -> str:
        """One plain sentence for the user."""
        old, new = f"{{{{ {self.old} }}}}", f"{{{{ {self.new} }}}}"
        if self.carried:
            return f"The value of {old} ('{self.value}') now fills {new}, its new name in '{self.title}'."
        if self.held:
            return (
                f"'{self.title}' now uses {new} in place of {old}; {new} keeps its value '{self.held}' and "
                f"the value of {old} ('{self.value}') is kept under that name."
            )
        fill = f"; fill in {new} if it is the same" if self.new else ""
        return (
            f"'{self.title}' no longer uses {old}, so its value '{self.value}' was not carried over; "
            f"it is kept under that name{fill}."
        )


def renamed_placeholders(
    library_before: tuple[str, str],
    library_after: tuple[str, str],
    recorded: Mapping[str, str],
    clause_before: tuple[str, str],
    clause_after: tuple[str, str],
    values: Mapping[str, str],
) -> list[PlaceholderCarry]:
    """For each filled-in placeholder the clause used before an update and not after: where its value
    goes. Each pair is (title, body): the library text as inserted and now, the clause before and after.
    `recorded` is the library clause's `renamed` field."""
    used_before, used_after = placeholders_in(*clause_before), placeholders_in(*clause_after)
    gone = [name for name in used_before if name not in used_after and values.get(name)]
    added = [name for name in used_after if name not in used_before]
    plain = _plain_rename(placeholders_in(*library_before), placeholders_in(*library_after))
    carries = []
    for old in gone:
        new = _follow(old, recorded, used_after) or (plain[1] if plain and plain[0] == old else "")
        if new not in used_after:
            new = ""
        value, held = values[old], values.get(new, "") if new else ""
        if new and held == value:
            continue  # the new name already holds the same value: nothing to carry, nothing to say
        if new:
            carries.append(PlaceholderCarry(clause_after[0], old, new, value, not held, held))
        else:
            carries.append(PlaceholderCarry(clause_after[0], old, added[0] if len(added) == 1 else "", value, False))
    return carries


def _follow(old: str, recorded: Mapping[str, str], used: list[str]) -> str:
    """The recorded new name of `old` that the clause uses, following renames of renames."""
    seen = {old}
    name = old
    while name in recorded:
        name = recorded[name]
        if name in used:
            return name
        if name in seen:
            return ""  # renamed in a circle: no answer
        seen.add(name)
    return ""


def _plain_rename(before: list[str], after: list[str]) -> tuple[str, str] | None:
    """(old, new) when the library removed one placeholder and added one at the same place."""
    removed = [name for name in before if name not in after]
    added = [name for name in after if name not in before]
    if len(removed) == 1 and len(added) == 1 and before.index(removed[0]) == after.index(added[0]):
        return removed[0], added[0]
    return None

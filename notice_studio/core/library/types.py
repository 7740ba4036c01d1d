"""The clause library's plain data: clauses, their origin, variable specs, topics, problems.

Kept apart from the loader so the parser, the merge code and the app can share the types
without importing each other. Everything here is immutable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from notice_studio.core.notice.model import cross_references_in, placeholders_in, tables_in

ALL = "all"
"""The `jurisdictions` value of a clause that fits every law."""


@dataclass(frozen=True)
class VariableSpec:
    """How to ask for a placeholder's value: a label, a help sentence and an example."""

    label: str
    help: str = ""
    example: str = ""


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    material: bool = False
    """True when a change to clauses of this topic is material for readers."""


@dataclass(frozen=True)
class ClauseOrigin:
    """Which library folder a clause was read from, and whether it replaces an earlier one."""

    root: Path
    path: Path
    shipped: bool = False
    """True for the library that ships with Notice Studio."""
    overrides: bool = False
    """True when this clause replaces a clause with the same id from an earlier folder."""
    overridden_path: Path | None = None
    overridden_root: Path | None = None
    """The folder of the clause this one replaces (None when it replaces none)."""
    overridden_shipped: bool = False
    """True when the clause this one replaces is the shipped one."""
    overridden_version: int = 0
    """The version of the clause this one replaces (0 when it replaces none)."""

    def replaced(self) -> str:
        """'' or the clause this one replaces, in plain words: 'the shipped clause of that id' or
        'the clause of that id in your folder 'firm-a''."""
        if not self.overrides:
            return ""
        if self.overridden_shipped or self.overridden_root is None:
            return "the shipped clause of that id"
        return f"the clause of that id in your folder '{self.overridden_root.name}'"


@dataclass(frozen=True)
class LibraryClause:
    id: str
    title: str
    topic: str
    jurisdictions: tuple[str, ...]
    satisfies: tuple[str, ...] = ()
    variables: Mapping[str, VariableSpec] = field(default_factory=dict, hash=False)
    version: int = 1
    guidance: str = ""
    variants: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    body: str = ""
    renamed: Mapping[str, str] = field(default_factory=dict, hash=False)
    """Placeholders this clause renamed in some version: old name -> new name (for updates)."""
    origin: ClauseOrigin | None = field(default=None, compare=False)

    def placeholders(self) -> list[str]:
        """Placeholder names used in the title and body, in order of first use."""
        return placeholders_in(self.title, self.body)

    def cross_references(self) -> list[str]:
        return cross_references_in(self.body)

    def tables(self) -> list[str]:
        return tables_in(self.body)

    def applies_to(self, jurisdictions: Iterable[str]) -> bool:
        """True when the clause is for every law or for at least one of `jurisdictions`."""
        return ALL in self.jurisdictions or any(j in self.jurisdictions for j in jurisdictions)


@dataclass(frozen=True)
class LibraryProblem:
    """Something wrong in a library file; `str()` names the file and line."""

    path: Path
    line: int | None
    message: str
    kind: str = "format"
    """yaml, field, id, duplicate, topic, jurisdiction, satisfies, placeholder, reference, body, file,
    override (one id in two of the firm's folders), requires (a circle)."""
    blocking: bool = False
    """True when the clause could not be loaded at all (it is missing from the library)."""

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"

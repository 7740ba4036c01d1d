"""The notice as plain data: an ordered tree of clauses, variables and tables.

No I/O and no Qt here. Every editing operation the app and the command line offer is a
method on `Notice`; each one returns what an undo needs to put things back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from notice_studio.core.practices.model import Practices
from notice_studio.core.scripts import ascii_slug

PLACEHOLDER_RE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}")
"""`{{ organisation.name }}`: a value filled in per notice."""

CROSSREF_RE = re.compile(r"\[\[\s*([a-z0-9][a-z0-9-]*)\s*\]\]")
"""`[[retention]]`: a reference to another clause by id, rendered as "section N"."""

TABLE_RE = re.compile(r"^[ \t]*\[\[\s*table:\s*([a-z0-9][a-z0-9-]*)\s*\]\][ \t]*$", re.MULTILINE)
"""A line holding only `[[table:cookies]]` embeds the notice's table `tables/cookies.csv`."""

CLAUSE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
"""A clause id is also a file name (`clauses/<id>.md`), so it can never hold `/`, `.` or `\\`."""

TABLE_NAME_RE = CLAUSE_ID_RE
"""A table name is a file name too (`tables/<name>.csv`) and what `[[table:name]]` can embed."""

VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
"""What a placeholder may be called: letters, digits, _ and dots."""


def check_clause_id(clause_id: object, where: str = "") -> str:
    """`clause_id` if it is a safe slug; otherwise a NoticeError naming where it came from."""
    if not isinstance(clause_id, str) or not CLAUSE_ID_RE.match(clause_id):
        origin = f" in {where}" if where else ""
        raise NoticeError(
            f"'{clause_id}'{origin} is not a valid clause id; use lower-case letters, digits and hyphens only."
        )
    return clause_id


def check_table_name(name: object, where: str = "") -> str:
    """`name` if it is a safe table name; otherwise a NoticeError naming where it came from."""
    if not isinstance(name, str) or not TABLE_NAME_RE.match(name):
        origin = f" in {where}" if where else ""
        raise NoticeError(
            f"'{name}'{origin} is not a valid table name; use lower-case letters, digits and hyphens only."
        )
    return name


def placeholders_in(*texts: str) -> list[str]:
    """Placeholder names used in `texts`, in order of first use."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in PLACEHOLDER_RE.finditer(text):
            seen.setdefault(match.group(1), None)
    return list(seen)


def resolve_references(text: str, aliases: Mapping[str, str]) -> str:
    """`text` with each cross-reference to a library clause id in `aliases` pointing at its section."""
    if not aliases or "[[" not in text:
        return text
    return CROSSREF_RE.sub(lambda m: f"[[{aliases[m.group(1)]}]]" if m.group(1) in aliases else m.group(0), text)


def cross_references_in(body: str) -> list[str]:
    return list(dict.fromkeys(CROSSREF_RE.findall(body)))


def tables_in(body: str) -> list[str]:
    return list(dict.fromkeys(TABLE_RE.findall(body)))


class NoticeError(Exception):
    """A problem the user can act on; the message is one plain sentence. `in_app` is the same
    sentence in the app's words where the message names a command ('File > New notice' for
    'notice-studio new'); it is the message itself otherwise."""

    def __init__(self, message: str = "", *, in_app: str = "") -> None:
        super().__init__(message)
        self.in_app = in_app or message


class UnknownTableError(NoticeError):
    """A table name the notice does not have (the message lists the tables it has)."""


class UpToDate(NoticeError):
    """Nothing to do: the clause already has the library's newest text (not a failure)."""


def slugify(text: str, max_length: int = 60) -> str:
    """A lower-case ASCII slug ("Cookies & tracking" -> "cookies-tracking"; Greek and Cyrillic spelt in
    Latin letters); "clause" when nothing Latin is left (a title in Chinese or Arabic)."""
    return ascii_slug(text, max_length) or "clause"


def unique_clause_id(title: str, taken: set[str] | frozenset[str], suffixes: dict[str, int] | None = None) -> str:
    """A slug for a clause titled `title` that is none of the ids `taken` ("cookies", "cookies-2", ...).

    `suffixes`, kept by a caller making many ids, remembers the last number tried for each slug, so
    a title repeated thousands of times does not count up from 2 each time. A title with nothing
    Latin in it (Chinese, Arabic, Hebrew ...) gets "section-1", "section-2", ...: ids, and the page
    anchors made from them, are ASCII, never empty and never the same twice."""
    slug = ascii_slug(title)
    base = slug or "section"
    candidate, n = (slug, (suffixes or {}).get(slug, 2)) if slug else ("", (suffixes or {}).get("", 1))
    while not candidate or candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    if suffixes is not None:
        suffixes[slug] = n  # "" counts the sections with no Latin title
    return candidate


@dataclass
class Provenance:
    """Where a clause came from: a library clause id, its version, and the text as inserted."""

    library_id: str
    version: int
    base_body: str = ""
    base_title: str = ""


@dataclass
class Clause:
    id: str
    title: str
    body: str = ""
    provenance: Provenance | None = None
    topics: list[str] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
    children: list[Clause] = field(default_factory=list)

    def placeholders(self) -> list[str]:
        """Placeholder names used in the title and body, in order of first use."""
        return placeholders_in(self.title, self.body)

    def cross_references(self) -> list[str]:
        return cross_references_in(self.body)

    def tables(self) -> list[str]:
        return tables_in(self.body)

    def descendants(self) -> Iterator[Clause]:
        """Its sub-clauses at every level, in outline order."""
        for child in self.children:
            yield child
            yield from child.descendants()

    def is_customised(self) -> bool:
        """True when the body or title differs from the library text it was inserted from."""
        if self.provenance is None:
            return False
        return self.body.strip() != self.provenance.base_body.strip() or (
            bool(self.provenance.base_title) and self.title != self.provenance.base_title
        )


@dataclass
class Table:
    """A structured table (cookies, service providers) kept as CSV."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row, strict=False)) for row in self.rows]


@dataclass(frozen=True)
class Position:
    """Where a clause sits: its parent's id (None at top level) and index among siblings."""

    parent_id: str | None
    index: int


MAX_TITLE = 200
"""The longest clause title, in characters: a heading a reader can take in (a long one is text)."""


def title_problem(title: str) -> str:
    """Why `title` cannot be a clause's title ('' when it can): empty, or a paragraph typed as a
    heading. The one rule for renaming, adding, replacing and the editor's title field."""
    from notice_studio.core.text_input import value_problem  # imports this module's NoticeError

    control = value_problem(title, "The title", limit=None)  # tabs and line breaks become spaces
    if control:
        return control
    title = " ".join(title.split())
    if not title:
        return "A clause needs a title."
    if len(title) > MAX_TITLE:
        return (
            f"A clause title of {len(title)} characters is too long for a heading; keep it to {MAX_TITLE} "
            "and put the rest in the clause's text."
        )
    return ""


def check_title_length(title: str) -> None:
    """Refuse a title typed as a heading that is really a paragraph (an empty one is each caller's to word)."""
    problem = title_problem(title)
    if problem and title.strip():
        raise NoticeError(problem)


@dataclass
class Notice:
    title: str = "Privacy Notice"
    organisation: str = ""
    language: str = "en"
    jurisdictions: list[str] = field(default_factory=list)
    template: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    facts: dict[str, bool] = field(default_factory=dict)
    settings: dict[str, object] = field(default_factory=dict)
    clauses: list[Clause] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    practices: Practices | None = None
    """The data inventory (practices.yaml); None for a notice that has none yet."""
    notice_id: str = field(default="", compare=False)
    """A stable id made when the notice is created (notice.yaml `id`); '' for older notices."""

    # ----- reading -------------------------------------------------------------------------
    def walk(self) -> Iterator[tuple[Clause, int, str]]:
        """Every clause in reading order as (clause, depth, number), numbers "1", "1.2", ..."""

        def visit(items: list[Clause], depth: int, prefix: str) -> Iterator[tuple[Clause, int, str]]:
            for i, clause in enumerate(items, start=1):
                number = f"{prefix}{i}"
                yield clause, depth, number
                yield from visit(clause.children, depth + 1, number + ".")

        yield from visit(self.clauses, 0, "")

    def all_clauses(self) -> list[Clause]:
        return [clause for clause, _, _ in self.walk()]

    def showing(self, table: str) -> list[Clause]:
        """The clauses that show the table `table` (a line [[table:NAME]])."""
        return [clause for clause in self.all_clauses() if table in clause.tables()]

    def numbers(self) -> dict[str, str]:
        return {clause.id: number for clause, _, number in self.walk()}

    def reference_aliases(self) -> dict[str, str]:
        """Library clause ids that name a section of another id: a cross-reference [[dnt-gpc]] leads
        to the one section made from the library clause dnt-gpc when no section has that id (a
        variant swapped in keeps the id it had). The one rule render, checks, exports and the
        commands that take a section id share."""
        ids: set[str] = set()
        made_from: dict[str, list[str]] = {}
        for clause, _, _ in self.walk():
            ids.add(clause.id)
            if clause.provenance is not None:
                made_from.setdefault(clause.provenance.library_id, []).append(clause.id)
        return {lib: found[0] for lib, found in made_from.items() if len(found) == 1 and lib not in ids}

    def section_id(self, name: str) -> str:
        """The id of the section `name` names: its own id, or the library clause it came from."""
        if self.has(name):
            return name
        return self.reference_aliases().get(name, name)

    def find(self, clause_id: str) -> Clause:
        for clause, _, _ in self.walk():
            if clause.id == clause_id:
                return clause
        raise NoticeError(f"There is no clause with the id '{clause_id}' in this notice.")

    def has(self, clause_id: str) -> bool:
        return any(clause.id == clause_id for clause, _, _ in self.walk())

    def siblings(self, parent_id: str | None) -> list[Clause]:
        return self.clauses if parent_id is None else self.find(parent_id).children

    def position(self, clause_id: str) -> Position:
        def search(items: list[Clause], parent: str | None) -> Position | None:
            for i, clause in enumerate(items):
                if clause.id == clause_id:
                    return Position(parent, i)
                found = search(clause.children, clause.id)
                if found:
                    return found
            return None

        found = search(self.clauses, None)
        if found is None:
            raise NoticeError(f"There is no clause with the id '{clause_id}' in this notice.")
        return found

    def placeholders(self) -> list[str]:
        """Every placeholder name the notice uses, in order of first use."""
        seen: dict[str, None] = {}
        for clause in self.all_clauses():
            for name in clause.placeholders():
                seen.setdefault(name, None)
        return list(seen)

    def unfilled_placeholders(self) -> list[str]:
        return [name for name in self.placeholders() if not self.variables.get(name, "").strip()]

    def new_clause_id(self, title: str) -> str:
        """A fresh slug for a clause titled `title`, unique within this notice."""
        return unique_clause_id(title, {clause.id for clause in self.all_clauses()})

    # ----- editing -------------------------------------------------------------------------
    def add(self, clause: Clause, parent_id: str | None = None, index: int | None = None) -> Position:
        """Insert `clause` (with its children) under `parent_id` at `index` (default: last)."""
        check_clause_id(clause.id)
        for child in clause.descendants():
            check_clause_id(child.id)
        ids = {c.id for c in self.all_clauses()}
        new_ids = [clause.id] + [c.id for c in clause.descendants()]
        clash = [i for i in new_ids if i in ids]
        if clash:
            raise NoticeError(f"The notice already has a clause with the id '{clash[0]}'.")
        siblings = self.siblings(parent_id)
        index = len(siblings) if index is None else max(0, min(index, len(siblings)))
        siblings.insert(index, clause)
        return Position(parent_id, index)

    def remove(self, clause_id: str) -> tuple[Clause, Position]:
        """Remove a clause and its sub-clauses; returns them and where they were, for undo."""
        position = self.position(clause_id)
        clause = self.siblings(position.parent_id).pop(position.index)
        return clause, position

    def check_move(self, clause_id: str, parent_id: str | None) -> str:
        """Why a clause cannot be moved under `parent_id` ('' when it can): the one rule the
        editor asks before it offers a move, and `move` applies (an index is only clamped)."""
        if not self.has(clause_id):
            return f"There is no clause with the id '{clause_id}' in this notice."
        if parent_id is None:
            return ""
        if parent_id == clause_id or any(c.id == parent_id for c in self.find(clause_id).descendants()):
            return "A clause cannot be moved inside itself or its own sub-clauses; choose another place for it."
        if not self.has(parent_id):
            return f"There is no clause with the id '{parent_id}' in this notice to move a clause under."
        return ""

    def move(self, clause_id: str, parent_id: str | None, index: int) -> Position:
        """Move a clause under `parent_id` at `index` (index counted after removal)."""
        problem = self.check_move(clause_id, parent_id)
        if problem:
            raise NoticeError(problem)
        old = self.position(clause_id)
        clause = self.siblings(old.parent_id).pop(old.index)
        siblings = self.siblings(parent_id)
        index = max(0, min(index, len(siblings)))
        siblings.insert(index, clause)
        return old

    def step_target(self, clause_id: str, step: str) -> Position:
        """Where 'up', 'down', 'indent' or 'outdent' would put a clause; a clear error if nowhere."""
        pos = self.position(clause_id)
        siblings = self.siblings(pos.parent_id)
        if step == "up":
            if pos.index == 0:
                raise NoticeError("This clause is already the first at its level.")
            return Position(pos.parent_id, pos.index - 1)
        if step == "down":
            if pos.index >= len(siblings) - 1:
                raise NoticeError("This clause is already the last at its level.")
            return Position(pos.parent_id, pos.index + 1)
        if step == "indent":
            if pos.index == 0:
                raise NoticeError(
                    "The first clause at a level cannot be indented; there is no clause above it to nest under."
                )
            new_parent = siblings[pos.index - 1]
            return Position(new_parent.id, len(new_parent.children))
        if step == "outdent":
            if pos.parent_id is None:
                raise NoticeError("This clause is already at the top level.")
            parent_pos = self.position(pos.parent_id)
            return Position(parent_pos.parent_id, parent_pos.index + 1)
        raise ValueError(f"unknown step {step!r}")

    def move_up(self, clause_id: str) -> Position:
        return self.move(clause_id, *self._target(clause_id, "up"))

    def move_down(self, clause_id: str) -> Position:
        return self.move(clause_id, *self._target(clause_id, "down"))

    def indent(self, clause_id: str) -> Position:
        """Make the clause the last sub-clause of the clause above it."""
        return self.move(clause_id, *self._target(clause_id, "indent"))

    def outdent(self, clause_id: str) -> Position:
        """Make the clause the next sibling of its parent."""
        return self.move(clause_id, *self._target(clause_id, "outdent"))

    def _target(self, clause_id: str, step: str) -> tuple[str | None, int]:
        target = self.step_target(clause_id, step)
        return target.parent_id, target.index

    def rename(self, clause_id: str, title: str, *, restoring: bool = False) -> str:
        """Give a clause a new title; returns the old one. `restoring`: a title the clause held
        before (undo, redo), put back exactly as it was and not refused (see `Workspace.rename`)."""
        if not restoring:
            title = " ".join(title.split())
            problem = title_problem(title)
            if problem:
                raise NoticeError(problem)
        clause = self.find(clause_id)
        old, clause.title = clause.title, title
        return old

    def set_body(self, clause_id: str, body: str) -> str:
        clause = self.find(clause_id)
        old, clause.body = clause.body, body
        return old

    def set_variable(self, name: str, value: str) -> str | None:
        """Set a placeholder value; an empty value removes it. Returns the old value."""
        if not VARIABLE_NAME.fullmatch(name):
            raise NoticeError(f"'{name}' is not a valid placeholder name (letters, digits, _ and dots).")
        old = self.variables.get(name)
        if value == "":
            self.variables.pop(name, None)
        else:
            self.variables[name] = value
        return old

"""Clause-aligned comparison of two versions of a notice. Pure; the results are immutable.

Clauses are matched by id, never by position, so renumbering alone is no change. Each clause
is unchanged, modified (text or title), added, removed, moved, or moved and modified. Inside a
clause, words are compared (see `diff_words`). Placeholder values are substituted on both sides
for a second comparison (`rendered_ops`), so a changed value shows where readers see it.
Tables are compared row by row. The side-by-side view, the redline export and the change
notice are all drawn from a `NoticeDiff`.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from notice_studio.core.diff.lines import diff_body
from notice_studio.core.diff.moves import mark_moves
from notice_studio.core.diff.pairing import pair_sections
from notice_studio.core.diff.practices import PracticeChange, practices_changes
from notice_studio.core.diff.words import WordOp, diff_words, has_changes
from notice_studio.core.notice.model import PLACEHOLDER_RE, TABLE_RE, Clause, Notice, Table
from notice_studio.core.wording import plural

if TYPE_CHECKING:  # the store imports git; the engine itself stays pure
    from notice_studio.core.notice.store import NoticeRepo

__all__ = [
    "UNFILLED",
    "CellChange",
    "ChangeKind",
    "ClauseChange",
    "DiffSummary",
    "FieldChange",
    "NoticeDiff",
    "RowChange",
    "TableChange",
    "TextMove",
    "VariableChange",
    "WordOp",
    "align_rows",
    "diff_clause",
    "diff_notices",
    "diff_versions",
    "move_label",
    "reader_wording",
    "render_placeholders",
]


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    MOVED_MODIFIED = "moved-modified"


@dataclass(frozen=True, slots=True)
class ClauseChange:
    """What happened to one clause between the two versions."""

    clause_id: str
    kind: ChangeKind
    old_number: str | None
    new_number: str | None
    old_parent: str | None
    new_parent: str | None
    depth: int
    """Nesting depth (0 = top level) in the new version, or in the old one if removed."""
    old_title: str | None
    new_title: str | None
    old_body: str | None
    new_body: str | None
    topics: tuple[str, ...]
    renamed: tuple[str, str] | None
    """(old title, new title) when the title changed."""
    moved: bool
    """It changed parent, or its order among its siblings changed beyond insertions/removals."""
    title_ops: tuple[WordOp, ...]
    word_ops: tuple[WordOp, ...]
    """The body (as typed, placeholders unsubstituted) word by word."""
    rendered_title_ops: tuple[WordOp, ...]
    rendered_ops: tuple[WordOp, ...]
    """The body with each side's placeholder values filled in, word by word."""
    reader_title_ops: tuple[WordOp, ...] = ()
    reader_ops: tuple[WordOp, ...] = ()
    """The body as readers see it, word by word: values filled in and each unfilled placeholder
    as one `UNFILLED` mark, never its `{{ name }}` (what change notices quote)."""
    variables_changed: tuple[str, ...] = ()
    """Placeholders this clause uses whose value changed."""
    tables_changed: tuple[str, ...] = ()
    """Tables this clause embeds that changed."""
    old_id: str | None = None
    """The section's id in the old version when it differs: a section removed and another added
    whose words are mostly the same are one section, renamed or rewritten (`pairing.py`)."""

    @property
    def moved_in(self) -> bool:
        """Some of its inserted words were moved here from elsewhere (`NoticeDiff.moves`)."""
        return any(o.moved and o.op == "insert" for o in self.rendered_ops)

    @property
    def moved_out(self) -> bool:
        """Some of its deleted words were moved elsewhere (`NoticeDiff.moves`)."""
        return any(o.moved and o.op == "delete" for o in self.rendered_ops)

    @property
    def text_changed(self) -> bool:
        """The clause's own body or title was edited."""
        return self.kind in (ChangeKind.MODIFIED, ChangeKind.MOVED_MODIFIED)

    @property
    def body_changed(self) -> bool:
        return self.old_body is not None and self.new_body is not None and self.old_body != self.new_body

    @property
    def rendered_changed(self) -> bool:
        """What readers see differs (an edit, a placeholder value, or an added/removed clause)."""
        return has_changes(self.rendered_ops) or has_changes(self.rendered_title_ops)

    @property
    def is_change(self) -> bool:
        """Anything a reviewer should look at: any kind but unchanged, or changed values/tables."""
        return self.kind != ChangeKind.UNCHANGED or bool(self.variables_changed or self.tables_changed)

    @property
    def number(self) -> str:
        return self.new_number or self.old_number or ""

    @property
    def title(self) -> str:
        return self.new_title if self.new_title is not None else (self.old_title or "")


@dataclass(frozen=True, slots=True)
class VariableChange:
    """A placeholder value that was added, removed or changed."""

    name: str
    old_value: str | None
    new_value: str | None
    used_in: tuple[str, ...]
    """Ids of the clauses (new version first, then removed ones) that use it."""

    @property
    def kind(self) -> ChangeKind:
        if self.old_value is None:
            return ChangeKind.ADDED
        if self.new_value is None:
            return ChangeKind.REMOVED
        return ChangeKind.MODIFIED


@dataclass(frozen=True, slots=True)
class CellChange:
    """One cell of a changed row: its column's heading and the value before and after."""

    column: str
    old_value: str
    new_value: str

    def text(self) -> str:
        """'Duration: 13 months -> 25 months' (a side with no value reads '(empty)')."""
        return f"{self.column}: {self.old_value or '(empty)'} -> {self.new_value or '(empty)'}"


@dataclass(frozen=True, slots=True)
class RowChange:
    """One table row added, removed or changed. `key` is its first cell."""

    kind: ChangeKind
    key: str
    old_row: tuple[str, ...] | None
    new_row: tuple[str, ...] | None
    changed_columns: tuple[str, ...] = ()
    cells: tuple[CellChange, ...] = ()
    """For a changed row, each changed cell with its old and new value, in column order."""
    label: str = ""
    """The row as readers find it in the table: its first cell, or its name when the first
    column holds only an id (see `_label`)."""

    @property
    def name(self) -> str:
        return self.label or self.key


@dataclass(frozen=True, slots=True)
class TableChange:
    name: str
    kind: ChangeKind
    """ADDED, REMOVED or MODIFIED."""
    old_columns: tuple[str, ...]
    new_columns: tuple[str, ...]
    rows: tuple[RowChange, ...]
    used_in: tuple[str, ...]

    @property
    def columns_added(self) -> tuple[str, ...]:
        return tuple(c for c in self.new_columns if c not in self.old_columns)

    @property
    def columns_removed(self) -> tuple[str, ...]:
        return tuple(c for c in self.old_columns if c not in self.new_columns)

    def counts(self) -> str:
        """'2 rows changed, 1 row added, 1 column removed.' (zero counts left out); a table
        added or removed whole: 'Table added (4 rows).'"""
        rows = [r.kind for r in self.rows]
        if self.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
            return f"Table {self.kind.value} ({plural(len(rows), 'row')})."
        said = [
            f"{plural(n, what)} {verb}"
            for n, what, verb in (
                (rows.count(ChangeKind.MODIFIED), "row", "changed"),
                (rows.count(ChangeKind.ADDED), "row", "added"),
                (rows.count(ChangeKind.REMOVED), "row", "removed"),
                (len(self.columns_added), "column", "added"),
                (len(self.columns_removed), "column", "removed"),
            )
            if n
        ]
        return (", ".join(said) or "The order of rows or columns changed") + "."


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A notice-level setting that changed: title, organisation, language or jurisdictions."""

    field: str
    old_value: str
    new_value: str


@dataclass(frozen=True, slots=True)
class DiffSummary:
    unchanged: int
    modified: int
    """Text or title edited (moved-and-modified clauses count here and under `moved`)."""
    added: int
    removed: int
    moved: int
    renamed: int
    variables: int
    tables: int
    fields: int

    changed: int
    """Clauses with any change (a moved-and-modified clause counts once)."""
    practices: int = 0
    """Changes to the practices (what is collected, shared, sold, kept, transferred …)."""

    @property
    def total(self) -> int:
        """Number of changes a reviewer looks at: clauses, values, tables, notice details, practices."""
        return self.changed + self.variables + self.tables + self.fields + self.practices

    def sentence(self) -> str:
        """'Sections: 2 changed, 1 added, 1 moved; 1 placeholder value changed.' (zero counts left out)."""
        counts = (
            (self.modified, "changed"),
            (self.added, "added"),
            (self.removed, "removed"),
            (self.moved, "moved"),
            (self.renamed, "renamed"),
        )
        said = ", ".join(f"{n} {word}" for n, word in counts if n)
        parts = [f"Sections: {said}" if said else "No section text changed"]
        for n, one, many in (
            (self.variables, "placeholder value", "placeholder values"),
            (self.tables, "table", "tables"),
            (self.fields, "notice detail", "notice details"),
            (self.practices, "practice", "practices"),
        ):
            if n:
                parts.append(f"{plural(n, one, many)} changed")
        return "; ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class TextMove:
    """Words taken out of one section and put in at another place (the same or another
    section). `number` is the `WordOp.moved` mark of both ends in the sections' rendered ops."""

    number: int
    from_clause: str
    to_clause: str
    text: str
    """The moved words, as readers see them (placeholder values filled in)."""


@dataclass(frozen=True, slots=True)
class NoticeDiff:
    """Two versions compared. `clauses` follows the new reading order; removed clauses sit
    where they were."""

    clauses: tuple[ClauseChange, ...]
    variables: tuple[VariableChange, ...]
    tables: tuple[TableChange, ...]
    fields: tuple[FieldChange, ...]
    summary: DiffSummary
    practices: tuple[PracticeChange, ...] = ()
    """The practices' changes in readers' words (`core/diff/practices.py`)."""
    moves: tuple[TextMove, ...] = ()
    """Sentences and paragraphs moved within or between sections (numbered as in the ops)."""

    @property
    def change_count(self) -> int:
        """How many changes a reviewer looks at (`DiffSummary.total`); 0 exactly when the two
        notices read the same. The status bar, `diff` and publishing all go by this one count."""
        return self.summary.total

    @property
    def has_changes(self) -> bool:
        return self.change_count > 0

    def changes(self) -> tuple[ClauseChange, ...]:
        """Only the clauses a reviewer needs to look at."""
        return tuple(c for c in self.clauses if c.is_change)

    def move_labels(self) -> tuple[dict[int, str], dict[int, str]]:
        """Each move's label on the old side and on the new side, by move number (`move_label`)."""
        changes = {c.clause_id: c for c in self.clauses}
        old: dict[int, str] = {}
        new: dict[int, str] = {}
        for move in self.moves:
            old[move.number], new[move.number] = move_label(changes.get(move.from_clause), changes.get(move.to_clause))
        return old, new

    def clause(self, clause_id: str) -> ClauseChange:
        for change in self.clauses:
            if change.clause_id == clause_id:
                return change
        raise KeyError(clause_id)


def move_label(source: ClauseChange | None, target: ClauseChange | None) -> tuple[str, str]:
    """What moved words are called where they left ('moved to section 9') and where they arrived
    ('moved from section 8'); readers of the new version know sections by their new numbers."""
    if source is not None and source is target:
        return "moved within this section", "moved within this section"
    to_new = target.new_number if target else None
    from_old, from_new = (source.old_number, source.new_number) if source else (None, None)
    arrived = f"moved from section {from_new}" if from_new else f"moved from former section {from_old or '?'}"
    return f"moved to section {to_new or '?'}", arrived


# ----- placeholders ----------------------------------------------------------------------------
def render_placeholders(text: str, values: Mapping[str, str]) -> str:
    """`text` with each `{{ name }}` replaced by its value; unfilled ones stay as typed."""
    if "{{" not in text:
        return text
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1)) or m.group(0), text)


UNFILLED = "\ufffc"
"""Where a placeholder has no value, in `reader_wording`: readers see a blank marker there, no
wording, so a change notice may neither quote it nor name it as a former or new value."""


def reader_wording(text: str, values: Mapping[str, str]) -> str:
    """`text` with each placeholder's value, or `UNFILLED` for one that has none."""
    if "{{" not in text:
        return text

    def value(m: re.Match[str]) -> str:
        filled = values.get(m.group(1)) or ""
        return filled if filled.strip() else UNFILLED

    return PLACEHOLDER_RE.sub(value, text)


# ----- one clause ------------------------------------------------------------------------------
def diff_clause(
    old: Clause | None,
    new: Clause | None,
    *,
    old_variables: Mapping[str, str] | None = None,
    new_variables: Mapping[str, str] | None = None,
    old_number: str | None = None,
    new_number: str | None = None,
    moved: bool = False,
) -> ClauseChange:
    """Compare one clause with its earlier text (what the editor runs after each pause)."""
    if old is None and new is None:
        raise ValueError("diff_clause needs at least one clause")
    return _clause_change(
        old,
        new,
        old_variables or {},
        new_variables or {},
        old_number,
        new_number,
        None,
        None,
        0,
        moved,
        None,
        (),
    )


def _clause_change(
    old: Clause | None,
    new: Clause | None,
    old_vars: Mapping[str, str],
    new_vars: Mapping[str, str],
    old_number: str | None,
    new_number: str | None,
    old_parent: str | None,
    new_parent: str | None,
    depth: int,
    moved: bool,
    changed_vars: frozenset[str] | None,
    changed_tables: tuple[str, ...],
    old_id: str | None = None,
) -> ClauseChange:
    old_title = old.title if old else None
    new_title = new.title if new else None
    old_body = old.body if old else None
    new_body = new.body if new else None
    title_ops = diff_words(old_title or "", new_title or "")
    word_ops = diff_body(old_body or "", new_body or "")
    uses = sorted(set(old.placeholders() if old else ()) | set(new.placeholders() if new else ()))
    if uses:  # substitute each side's values, so a changed value shows where it appears
        rendered_title_ops = diff_words(
            render_placeholders(old_title or "", old_vars), render_placeholders(new_title or "", new_vars)
        )
        rendered_ops = diff_body(
            render_placeholders(old_body or "", old_vars), render_placeholders(new_body or "", new_vars)
        )
    else:
        rendered_title_ops, rendered_ops = title_ops, word_ops
    reader_title_ops, reader_ops = rendered_title_ops, rendered_ops
    if uses and any(not (side.get(n) or "").strip() for n in uses for side in (old_vars, new_vars)):
        reader_title_ops = diff_words(
            reader_wording(old_title or "", old_vars), reader_wording(new_title or "", new_vars)
        )
        reader_ops = diff_body(reader_wording(old_body or "", old_vars), reader_wording(new_body or "", new_vars))
    if changed_vars is None:
        changed_vars = frozenset(n for n in uses if old_vars.get(n) != new_vars.get(n))
    variables_changed = tuple(n for n in uses if n in changed_vars)

    if old is None:
        kind = ChangeKind.ADDED
    elif new is None:
        kind = ChangeKind.REMOVED
    else:
        edited = old_title != new_title or old_body != new_body
        if edited:
            kind = ChangeKind.MOVED_MODIFIED if moved else ChangeKind.MODIFIED
        else:
            kind = ChangeKind.MOVED if moved else ChangeKind.UNCHANGED
    renamed = (
        (old_title, new_title) if old_title is not None and new_title is not None and old_title != new_title else None
    )
    topics = tuple((new.topics if new and new.topics else old.topics if old else ()) or ())
    either = new or old
    if either is None:
        raise ValueError("A clause change needs the clause on at least one side.")
    return ClauseChange(
        clause_id=either.id,
        kind=kind,
        old_number=old_number,
        new_number=new_number,
        old_parent=old_parent,
        new_parent=new_parent,
        depth=depth,
        old_title=old_title,
        new_title=new_title,
        old_body=old_body,
        new_body=new_body,
        topics=topics,
        renamed=renamed,
        moved=bool(moved and old and new),
        title_ops=title_ops,
        word_ops=word_ops,
        rendered_title_ops=rendered_title_ops,
        rendered_ops=rendered_ops,
        reader_title_ops=reader_title_ops,
        reader_ops=reader_ops,
        variables_changed=variables_changed,
        tables_changed=changed_tables,
        old_id=old_id,
    )


# ----- the whole notice ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Place:
    clause: Clause
    number: str
    depth: int
    parent: str | None
    index: int


def _places(notice: Notice) -> dict[str, _Place]:
    places: dict[str, _Place] = {}

    def visit(items: list[Clause], depth: int, prefix: str, parent: str | None) -> None:
        for i, clause in enumerate(items):
            number = f"{prefix}{i + 1}"
            places[clause.id] = _Place(clause, number, depth, parent, i)
            visit(clause.children, depth + 1, number + ".", clause.id)

    visit(notice.clauses, 0, "", None)
    return places


def diff_notices(old: Notice, new: Notice) -> NoticeDiff:
    """Compare two versions of a notice clause by clause."""
    old_places, new_places = _places(old), _places(new)
    paired = _paired_ids(old_places, new_places)
    if paired:  # a section re-made under a new id is compared as that section
        old_places = _renamed_places(old_places, paired)
    was_id = {new_id: old_id for old_id, new_id in paired.items()}
    moved = _moved_ids(old_places, new_places)
    variables = _variable_changes(old, new, old_places, new_places)
    changed_vars = frozenset(v.name for v in variables)
    tables = _table_changes(old.tables, new.tables, old_places, new_places)
    table_users: dict[str, list[str]] = {}
    for table in tables:
        for clause_id in table.used_in:
            table_users.setdefault(clause_id, []).append(table.name)

    changes: list[ClauseChange] = []
    for clause_id in _reading_order(list(old_places), list(new_places)):
        o, n = old_places.get(clause_id), new_places.get(clause_id)
        place = n or o
        if place is None:  # the reading order lists only ids from one side or the other
            continue
        changes.append(
            _clause_change(
                o.clause if o else None,
                n.clause if n else None,
                old.variables,
                new.variables,
                o.number if o else None,
                n.number if n else None,
                o.parent if o else None,
                n.parent if n else None,
                place.depth,
                clause_id in moved,
                changed_vars,
                tuple(table_users.get(clause_id, ())),
                was_id.get(clause_id),
            )
        )
    changes, moves = _with_text_moves(changes)
    fields = _field_changes(old, new)
    practices = practices_changes(old.practices, new.practices)
    kinds = [c.kind for c in changes]
    summary = DiffSummary(
        unchanged=kinds.count(ChangeKind.UNCHANGED),
        modified=kinds.count(ChangeKind.MODIFIED) + kinds.count(ChangeKind.MOVED_MODIFIED),
        added=kinds.count(ChangeKind.ADDED),
        removed=kinds.count(ChangeKind.REMOVED),
        moved=kinds.count(ChangeKind.MOVED) + kinds.count(ChangeKind.MOVED_MODIFIED),
        renamed=sum(1 for c in changes if c.renamed),
        variables=len(variables),
        tables=len(tables),
        fields=len(fields),
        changed=len(kinds) - kinds.count(ChangeKind.UNCHANGED),
        practices=len(practices),
    )
    return NoticeDiff(tuple(changes), variables, tables, fields, summary, practices, moves)


def _paired_ids(old_places: dict[str, _Place], new_places: dict[str, _Place]) -> dict[str, str]:
    """{old id: new id} for sections removed under one id and added under another with
    mostly the same words (see `pairing.py`)."""
    removed = {i: _pairing_text(p.clause) for i, p in old_places.items() if i not in new_places}
    if not removed:
        return {}
    added = {i: _pairing_text(p.clause) for i, p in new_places.items() if i not in old_places}
    return pair_sections(removed, added)


def _pairing_text(clause: Clause) -> str:
    return f"{clause.title}\n{clause.body}"


def _renamed_places(places: dict[str, _Place], paired: Mapping[str, str]) -> dict[str, _Place]:
    """The old version's places keyed by the new ids of the paired sections (parents too)."""
    return {
        paired.get(i, i): _Place(
            p.clause, p.number, p.depth, paired.get(p.parent, p.parent) if p.parent else None, p.index
        )
        for i, p in places.items()
    }


def _with_text_moves(changes: list[ClauseChange]) -> tuple[list[ClauseChange], tuple[TextMove, ...]]:
    """The clause changes with moved sentences marked in their ops, and the moves found."""
    rendered, found = mark_moves([c.rendered_ops for c in changes])
    if not found:
        return changes, ()
    same_words = all(c.word_ops is c.rendered_ops for c in changes)
    words = rendered if same_words else mark_moves([c.word_ops for c in changes])[0]
    same_reader = all(c.reader_ops is c.rendered_ops for c in changes)
    reader = rendered if same_reader else mark_moves([c.reader_ops for c in changes])[0]
    marked = [
        replace(c, rendered_ops=r, word_ops=w, reader_ops=rd)
        if (r, w, rd) != (c.rendered_ops, c.word_ops, c.reader_ops)
        else c
        for c, r, w, rd in zip(changes, rendered, words, reader, strict=True)
    ]
    moves = tuple(TextMove(m.number, changes[m.source].clause_id, changes[m.target].clause_id, m.text) for m in found)
    return marked, moves


def diff_versions(repo: NoticeRepo, a: str, b: str) -> NoticeDiff:
    """Compare two versions of a stored notice: 'v3', 'draft', or a saved edit's commit id."""
    return diff_notices(repo.notice_at(a), repo.notice_at(b))


def _reading_order(old_ids: list[str], new_ids: list[str]) -> list[str]:
    """The new reading order with each removed clause placed where it was in the old one."""
    new_set = set(new_ids)
    if all(i in new_set for i in old_ids):
        return new_ids
    order: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            order.extend(i for i in old_ids[i1:i2] if i not in new_set)
        order.extend(new_ids[j1:j2])
    return order


def _moved_ids(old_places: dict[str, _Place], new_places: dict[str, _Place]) -> set[str]:
    """Clauses that changed parent, or whose order among siblings that stayed changed.

    Among the siblings present in both versions under the same parent, the longest run kept in
    the same relative order stays put; every other one moved. Insertions and removals shift
    numbers but never make a clause "moved".
    """
    moved: set[str] = set()
    by_parent: dict[str | None, list[tuple[int, int, str]]] = {}
    for clause_id, n in new_places.items():
        o = old_places.get(clause_id)
        if o is None:
            continue
        if o.parent != n.parent:
            moved.add(clause_id)
        else:
            by_parent.setdefault(n.parent, []).append((n.index, o.index, clause_id))
    for siblings in by_parent.values():
        siblings.sort()
        old_order = [o_index for _, o_index, _ in siblings]
        keep = _longest_increasing(old_order)
        moved.update(cid for k, (_, _, cid) in enumerate(siblings) if k not in keep)
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting, n log n).

    Exact, unlike difflib's longest-block-first matching, so the fewest clauses are called moved.
    """
    tails: list[int] = []  # values ending the best run of each length
    tail_pos: list[int] = []
    previous: list[int] = [-1] * len(values)
    for pos, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(pos)
        else:
            tails[k] = value
            tail_pos[k] = pos
        previous[pos] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos != -1:
        keep.add(pos)
        pos = previous[pos]
    return keep


def _variable_changes(
    old: Notice, new: Notice, old_places: dict[str, _Place], new_places: dict[str, _Place]
) -> tuple[VariableChange, ...]:
    names = sorted(set(old.variables) | set(new.variables))
    changed = [n for n in names if old.variables.get(n) != new.variables.get(n)]
    if not changed:
        return ()
    uses: dict[str, list[str]] = {}
    for places in (new_places, old_places):
        for clause_id, place in places.items():
            for name in place.clause.placeholders():
                users = uses.setdefault(name, [])
                if clause_id not in users:
                    users.append(clause_id)
    return tuple(VariableChange(n, old.variables.get(n), new.variables.get(n), tuple(uses.get(n, ()))) for n in changed)


def _table_changes(
    old: Mapping[str, Table], new: Mapping[str, Table], old_places: dict[str, _Place], new_places: dict[str, _Place]
) -> tuple[TableChange, ...]:
    result = []
    for name in sorted(set(old) | set(new)):
        o, n = old.get(name), new.get(name)
        old_cols = tuple(o.columns) if o else ()
        new_cols = tuple(n.columns) if n else ()
        old_rows = [tuple(r) for r in o.rows] if o else []
        new_rows = [tuple(r) for r in n.rows] if n else []
        if o is not None and n is not None and old_cols == new_cols and old_rows == new_rows:
            continue
        kind = ChangeKind.ADDED if o is None else ChangeKind.REMOVED if n is None else ChangeKind.MODIFIED
        users: list[str] = []
        for places in (new_places, old_places):
            for clause_id, place in places.items():
                if name in TABLE_RE.findall(place.clause.body) and clause_id not in users:
                    users.append(clause_id)
        rows = _row_changes(old_cols, old_rows, new_cols, new_rows)
        result.append(TableChange(name, kind, old_cols, new_cols, rows, tuple(users)))
    return tuple(result)


def _row_changes(
    old_cols: tuple[str, ...],
    old_rows: list[tuple[str, ...]],
    new_cols: tuple[str, ...],
    new_rows: list[tuple[str, ...]],
) -> tuple[RowChange, ...]:
    """The rows added, removed or changed; when rows are matched by name, removed ones last."""
    aligned = _aligned_rows(old_cols, old_rows, new_cols, new_rows)
    changes = [r for r in aligned if r.kind != ChangeKind.UNCHANGED]
    if _keys_unique(old_rows) and _keys_unique(new_rows):
        changes.sort(key=lambda r: r.kind == ChangeKind.REMOVED)
    return tuple(changes)


def align_rows(old: Table | None, new: Table | None) -> tuple[RowChange, ...]:
    """Every row of a table's two versions in reading order (the new order, each removed row
    after the row it followed), unchanged ones included: what a redline draws."""
    old_cols, new_cols = tuple(old.columns) if old else (), tuple(new.columns) if new else ()
    old_rows = [tuple(r) for r in old.rows] if old else []
    new_rows = [tuple(r) for r in new.rows] if new else []
    return _aligned_rows(old_cols, old_rows, new_cols, new_rows)


def _keys_unique(rows: list[tuple[str, ...]]) -> bool:
    keys = [_key(r) for r in rows]
    return len(set(keys)) == len(keys)


def _aligned_rows(
    old_cols: tuple[str, ...],
    old_rows: list[tuple[str, ...]],
    new_cols: tuple[str, ...],
    new_rows: list[tuple[str, ...]],
) -> tuple[RowChange, ...]:
    """Rows matched by their first cell when it is unique on both sides (a cookie's name),
    otherwise by position within difflib's replaced blocks."""

    def cells(cols: tuple[str, ...], row: tuple[str, ...]) -> dict[str, str]:
        return {c: (row[i] if i < len(row) else "") for i, c in enumerate(cols)}

    def paired(o: tuple[str, ...], n: tuple[str, ...]) -> RowChange:
        oc, nc = cells(old_cols, o), cells(new_cols, n)
        # a removed column is told once as a column, not as a changed cell in every row; an added
        # column's values are new words readers read, so they stay changed cells
        cols = tuple(c for c in new_cols if oc.get(c, "") != nc[c])
        if not cols:
            return RowChange(ChangeKind.UNCHANGED, _key(n), o, n, label=_label(new_cols, n))
        told = tuple(CellChange(c, oc.get(c, ""), nc.get(c, "")) for c in cols)
        return RowChange(ChangeKind.MODIFIED, _key(n), o, n, cols, told, _label(new_cols, n))

    def added(n: tuple[str, ...]) -> RowChange:
        return RowChange(ChangeKind.ADDED, _key(n), None, n, label=_label(new_cols, n))

    def removed(o: tuple[str, ...]) -> RowChange:
        return RowChange(ChangeKind.REMOVED, _key(o), o, None, label=_label(old_cols, o))

    result: list[RowChange] = []
    if _keys_unique(old_rows) and _keys_unique(new_rows):
        new_keys = {_key(r) for r in new_rows}
        old_by_key = {_key(r): r for r in old_rows}
        # each removed row goes after the nearest earlier old row that is still there
        after: dict[str | None, list[tuple[str, ...]]] = {}
        anchor: str | None = None
        for row in old_rows:
            if _key(row) in new_keys:
                anchor = _key(row)
            else:
                after.setdefault(anchor, []).append(row)
        result.extend(removed(o) for o in after.pop(None, []))
        for row in new_rows:
            before = old_by_key.get(_key(row))
            result.append(added(row) if before is None else paired(before, row))
            result.extend(removed(o) for o in after.pop(_key(row), []))
        return tuple(result)
    matcher = difflib.SequenceMatcher(None, old_rows, new_rows, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old_rows[i1:i2], new_rows[j1:j2]
        if tag == "equal":
            result.extend(paired(o, n) for o, n in zip(olds, news, strict=True))
            continue
        together = min(len(olds), len(news)) if tag == "replace" else 0
        result.extend(paired(o, n) for o, n in zip(olds[:together], news[:together], strict=True))
        result.extend(removed(o) for o in olds[together:])
        result.extend(added(n) for n in news[together:])
    return tuple(result)


def _key(row: tuple[str, ...]) -> str:
    return row[0] if row else ""


_ID_HEADINGS = frozenset(["id", "key", "code", "slug"])
_NAME_HEADINGS = ("name", "label", "title")


def _label(columns: tuple[str, ...], row: tuple[str, ...]) -> str:
    """The row's first cell, or its name/label/title cell when the first column is headed as a
    bare id ('id', 'key', 'code', 'slug') and the table has such a column."""
    if columns and columns[0].strip().casefold() in _ID_HEADINGS:
        headings = [c.strip().casefold() for c in columns]
        for wanted in _NAME_HEADINGS:
            if wanted in headings:
                i = headings.index(wanted)
                if i < len(row) and row[i].strip():
                    return row[i]
    return _key(row)


def _field_changes(old: Notice, new: Notice) -> tuple[FieldChange, ...]:
    pairs = (
        ("title", old.title, new.title),
        ("organisation", old.organisation, new.organisation),
        ("language", old.language, new.language),
        ("jurisdictions", ", ".join(old.jurisdictions), ", ".join(new.jurisdictions)),
    )
    return tuple(FieldChange(name, a, b) for name, a, b in pairs if a != b)

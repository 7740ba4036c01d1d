"""Three-way merge of a whole notice: the common ancestor, yours and theirs.

The outline merges by clause id (where each clause sits and the order of siblings), clause text
by words (`core.diff.word_merge`), titles, placeholder values, facts and settings by key, tables by
row (keyed by the first column). Where only one side changed something, that change is taken;
where both changed the same thing differently, a `Conflict` records the ancestor's, your and
their value, and the caller's `Resolution` for its key decides (open conflicts keep yours).
Pure: no git, no files; the store's remote half reads and writes the versions.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from notice_studio.core.diff.word_merge import TextConflict, assemble, merge_text
from notice_studio.core.notice.model import Clause, Notice, Provenance, Table

YOURS = "yours"
THEIRS = "theirs"
EDIT = "edit"
CHOICES = (YOURS, THEIRS, EDIT)
REMOVED = "(removed)"
"""A conflict's side for a clause that side removed."""

T = TypeVar("T")


@dataclass(frozen=True)
class Resolution:
    """How one conflict is decided: keep yours, take theirs, or an edited text."""

    choice: str
    text: str = ""


@dataclass(frozen=True)
class Conflict:
    """Something both sides changed differently, in plain words, with the three values."""

    key: str
    """Stable id: `clause/<id>/text/<n>`, `clause/<id>/title`, `clause/<id>/removed`,
    `clause/<id>/place`, `order/<parent>`, `variable/<name>`, `table/<name>/row/<key>`, ..."""
    kind: str
    """text, title, value, removed, outline, table or notice."""
    label: str
    base: str
    yours: str
    theirs: str
    clause_id: str | None = None
    resolution: Resolution | None = None

    @property
    def is_open(self) -> bool:
        return self.resolution is None

    @property
    def editable(self) -> bool:
        """Whether an edited text can stand in for both sides (text, titles and values)."""
        return self.kind in ("text", "title", "value", "notice")


@dataclass(frozen=True)
class MergeResult:
    notice: Notice
    conflicts: tuple[Conflict, ...] = ()

    @property
    def open_conflicts(self) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if c.is_open)


@dataclass
class _Merger:
    resolutions: Mapping[str, Resolution]
    conflicts: list[Conflict] = field(default_factory=list)

    def pick(
        self,
        key: str,
        kind: str,
        label: str,
        base: T,
        yours: T,
        theirs: T,
        show: Callable[[T], str] = str,
        parse: Callable[[str], T] | None = None,
        clause_id: str | None = None,
    ) -> T:
        """The merged value of one thing; a conflict when both sides changed it differently."""
        if yours == theirs or theirs == base:
            return yours
        if yours == base:
            return theirs
        resolution = self.resolutions.get(key)
        self.conflicts.append(Conflict(key, kind, label, show(base), show(yours), show(theirs), clause_id, resolution))
        if resolution is None or resolution.choice == YOURS:
            return yours
        if resolution.choice == THEIRS:
            return theirs
        return parse(resolution.text) if parse is not None else yours

    def mapping(
        self,
        prefix: str,
        kind: str,
        noun: str,
        base: Mapping[str, T],
        yours: Mapping[str, T],
        theirs: Mapping[str, T],
        parse: Callable[[str], T] | None = None,
    ) -> dict[str, T]:
        """Key by key; a key missing on a side counts as removed there."""
        out: dict[str, T] = {}
        for key in [
            *yours,
            *(k for k in theirs if k not in yours),
            *(k for k in base if k not in yours and k not in theirs),
        ]:
            value = self.pick(
                f"{prefix}/{key}",
                kind,
                f"{noun} {key}",
                base.get(key),
                yours.get(key),
                theirs.get(key),
                show=lambda v: "" if v is None else str(v),
                parse=parse,
            )
            if value is not None:
                out[key] = value
        return out


def merge_notices(
    base: Notice, yours: Notice, theirs: Notice, resolutions: Mapping[str, Resolution] | None = None
) -> MergeResult:
    """Merge `theirs` into `yours` with `base` as the common ancestor (the inputs are not changed)."""
    m = _Merger(resolutions or {})
    merged = Notice(notice_id=yours.notice_id or theirs.notice_id or base.notice_id)
    for name in ("title", "organisation", "language", "template"):
        setattr(
            merged,
            name,
            m.pick(
                f"notice/{name}",
                "notice",
                f"the notice's {name}",
                getattr(base, name),
                getattr(yours, name),
                getattr(theirs, name),
                parse=str,
            ),
        )
    merged.jurisdictions = _merge_set(base.jurisdictions, yours.jurisdictions, theirs.jurisdictions)
    merged.variables = m.mapping(
        "variable", "value", "placeholder", base.variables, yours.variables, theirs.variables, parse=str
    )
    merged.facts = m.mapping("fact", "value", "fact", base.facts, yours.facts, theirs.facts)
    merged.settings = m.mapping("setting", "value", "setting", base.settings, yours.settings, theirs.settings)
    merged.tables = _merge_tables(m, base.tables, yours.tables, theirs.tables)
    merged.clauses = _merge_clauses(m, base, yours, theirs)
    return MergeResult(merged, tuple(m.conflicts))


def _merge_set(base: list[str], yours: list[str], theirs: list[str]) -> list[str]:
    added = [x for x in theirs if x not in base and x not in yours]
    removed = {x for x in base if x not in theirs}
    return [x for x in yours if x not in removed] + added


# ----- tables ------------------------------------------------------------------------------------
def _table_csv(table: Table | None) -> str:
    if table is None:
        return "(no table)"
    return "\n".join(" | ".join(row) for row in [table.columns, *table.rows])


def _keyed_rows(table: Table | None) -> dict[str, tuple[str, ...]]:
    rows: dict[str, tuple[str, ...]] = {}
    for row in table.rows if table else []:
        key = row[0] if row else ""
        n, unique = 1, key
        while unique in rows:
            n += 1
            unique = f"{key}#{n}"
        rows[unique] = tuple(row)
    return rows


def _merge_tables(
    m: _Merger, base: dict[str, Table], yours: dict[str, Table], theirs: dict[str, Table]
) -> dict[str, Table]:
    out: dict[str, Table] = {}
    for name in [
        *yours,
        *(n for n in theirs if n not in yours),
        *(n for n in base if n not in yours and n not in theirs),
    ]:
        b, y, t = base.get(name), yours.get(name), theirs.get(name)
        if y is None or t is None or y.columns != t.columns or (b is not None and b.columns != y.columns):
            table = m.pick(f"table/{name}", "table", f"the table {name}", b, y, t, show=_table_csv)
            if table is not None:
                out[name] = copy.deepcopy(table)
            continue
        rows_b, rows_y, rows_t = _keyed_rows(b), _keyed_rows(y), _keyed_rows(t)
        merged = m.mapping(f"table/{name}/row", "table", f"the table {name}, row", rows_b, rows_y, rows_t)
        order = _merge_order(list(rows_b), list(rows_y), list(rows_t), set(merged), lambda: None)
        out[name] = Table(columns=list(y.columns), rows=[list(merged[k]) for k in order])
    return out


# ----- clauses and the outline -------------------------------------------------------------------
@dataclass(frozen=True)
class _Tree:
    clauses: dict[str, Clause]
    parent: dict[str, str | None]
    children: dict[str | None, list[str]]

    @classmethod
    def of(cls, notice: Notice) -> _Tree:
        clauses: dict[str, Clause] = {}
        parent: dict[str, str | None] = {}
        children: dict[str | None, list[str]] = {None: [c.id for c in notice.clauses]}

        def visit(items: list[Clause], parent_id: str | None) -> None:
            for clause in items:
                clauses[clause.id] = clause
                parent[clause.id] = parent_id
                children[clause.id] = [c.id for c in clause.children]
                visit(clause.children, clause.id)

        visit(notice.clauses, None)
        return cls(clauses, parent, children)

    def title(self, clause_id: str | None) -> str:
        if clause_id is None:
            return "the top level"
        clause = self.clauses.get(clause_id)
        return f"'{clause.title}'" if clause else f"'{clause_id}'"


def _content(clause: Clause | None) -> tuple[object, ...] | None:
    if clause is None:
        return None
    return (
        clause.title,
        clause.body,
        tuple(clause.topics),
        _provenance_key(clause.provenance),
        sorted(clause.meta.items(), key=lambda kv: kv[0]),
    )


def _provenance_key(p: Provenance | None) -> tuple[str, int, str, str] | None:
    return None if p is None else (p.library_id, p.version, p.base_body, p.base_title)


def _show_provenance(key: tuple[str, int, str, str] | None) -> str:
    return "(written here)" if key is None else f"library {key[0]}, version {key[1]}"


def _merge_clause(m: _Merger, b: Clause | None, y: Clause, t: Clause) -> Clause:
    cid = y.id
    base = b or Clause(cid, "", "")
    name = f"'{y.title}'"
    title = m.pick(
        f"clause/{cid}/title", "title", f"the title of {name}", base.title, y.title, t.title, parse=str, clause_id=cid
    )
    pieces = merge_text(base.body, y.body, t.body)
    choices: list[str] = []
    n = 0
    for piece in pieces:
        if isinstance(piece, TextConflict):
            n += 1
            choices.append(
                m.pick(
                    f"clause/{cid}/text/{n}",
                    "text",
                    f"the text of {name}",
                    piece.base,
                    piece.yours,
                    piece.theirs,
                    parse=str,
                    clause_id=cid,
                )
            )
    body = assemble(pieces, choices)
    topics = m.pick(
        f"clause/{cid}/topics",
        "value",
        f"the topics of {name}",
        tuple(base.topics),
        tuple(y.topics),
        tuple(t.topics),
        show=", ".join,
        clause_id=cid,
    )
    prov_key = m.pick(
        f"clause/{cid}/source",
        "value",
        f"the library source of {name}",
        _provenance_key(base.provenance),
        _provenance_key(y.provenance),
        _provenance_key(t.provenance),
        show=_show_provenance,
        clause_id=cid,
    )
    provenance = None if prov_key is None else Provenance(*prov_key)
    meta = m.mapping(f"clause/{cid}/meta", "value", f"{name}:", base.meta, y.meta, t.meta)
    return Clause(cid, title, body, provenance, list(topics), dict(meta), [])


def _merge_clauses(m: _Merger, base_notice: Notice, yours_notice: Notice, theirs_notice: Notice) -> list[Clause]:
    b, y, t = _Tree.of(base_notice), _Tree.of(yours_notice), _Tree.of(theirs_notice)
    ids = [*y.clauses, *(i for i in t.clauses if i not in y.clauses)]
    merged: dict[str, Clause] = {}
    for cid in ids:
        cb, cy, ct = b.clauses.get(cid), y.clauses.get(cid), t.clauses.get(cid)
        if cy is not None and ct is not None:
            merged[cid] = _merge_clause(m, cb, cy, ct)
            continue
        kept = cy or ct
        assert kept is not None
        if cb is None:  # added on one side
            merged[cid] = _copy(kept)
            continue
        if _content(kept) == _content(cb):  # removed on one side, untouched on the other
            continue
        # removed on one side, edited on the other
        yours_kept = cy is not None
        resolution = m.resolutions.get(f"clause/{cid}/removed")
        m.conflicts.append(
            Conflict(
                f"clause/{cid}/removed",
                "removed",
                f"'{kept.title}' was removed by {'them' if yours_kept else 'you'} and edited by {'you' if yours_kept else 'them'}",
                cb.body,
                cy.body if cy else REMOVED,
                ct.body if ct else REMOVED,
                cid,
                resolution,
            )
        )
        choice = resolution.choice if resolution else YOURS
        if (choice == YOURS) == yours_kept:
            merged[cid] = _copy(kept)

    parent = _merge_parents(m, b, y, t, merged)
    return _build(m, b, y, t, merged, parent)


def _copy(clause: Clause) -> Clause:
    return Clause(
        clause.id,
        clause.title,
        clause.body,
        copy.deepcopy(clause.provenance),
        list(clause.topics),
        dict(clause.meta),
        [],
    )


def _merge_parents(m: _Merger, b: _Tree, y: _Tree, t: _Tree, merged: dict[str, Clause]) -> dict[str, str | None]:
    parent: dict[str, str | None] = {}
    for cid in merged:
        in_y, in_t = cid in y.parent, cid in t.parent
        if in_y and in_t:
            parent[cid] = m.pick(
                f"clause/{cid}/place",
                "outline",
                f"the place of '{merged[cid].title}' in the outline",
                b.parent.get(cid),
                y.parent[cid],
                t.parent[cid],
                show=lambda p: "under " + (y.title(p) if p in y.clauses else t.title(p)) if p else "at the top level",
                clause_id=cid,
            )
        else:
            parent[cid] = y.parent[cid] if in_y else t.parent[cid]
    # A parent that did not survive: the nearest ancestor that did (on the side that put it there).
    for cid in parent:
        p = parent[cid]
        while p is not None and p not in merged:
            p = y.parent.get(p) if p in y.parent else t.parent.get(p) if p in t.parent else b.parent.get(p)
        parent[cid] = p
    # Moves on both sides can make a clause its own ancestor: such clauses stay where you put them.
    changed = True
    while changed:
        changed = False
        for cid in parent:
            seen = {cid}
            p = parent[cid]
            while p is not None and p not in seen:
                seen.add(p)
                p = parent[p]
            if p is None:
                continue
            yp = y.parent.get(cid)
            parent[cid] = yp if parent[cid] != yp and (yp is None or yp in merged) else None
            changed = True
    return parent


def _merge_order(
    base: list[str], yours: list[str], theirs: list[str], wanted: set[str], on_conflict: Callable[[], None]
) -> list[str]:
    """The order of `wanted` items: three-way on the items all sides have, then the others placed
    after their predecessor on the side that has them."""
    yr = [i for i in yours if i in wanted]
    tr = [i for i in theirs if i in wanted]
    common = set(yr) & set(tr) & set(base)
    bc = [i for i in base if i in common]
    yc = [i for i in yr if i in common]
    tc = [i for i in tr if i in common]
    if yc == bc and tc != bc:
        first, second = tr, yr
    else:
        if tc != bc and yc != tc:
            on_conflict()
        first, second = yr, tr
    result = list(first)
    placed = set(result)
    for index, item in enumerate(second):
        if item in placed:
            continue
        at = 0
        for before in reversed(second[:index]):
            if before in placed:
                at = result.index(before) + 1
                break
        result.insert(at, item)
        placed.add(item)
    result += sorted(wanted - placed)
    return result


def _ordered(m: _Merger, b: _Tree, y: _Tree, t: _Tree, p: str | None, members: set[str], title: str) -> list[str]:
    """The merged order of the clauses placed under `p`; a conflict when both sides reordered them."""
    key = f"order/{p or 'top'}"
    resolution = m.resolutions.get(key)
    reordered_both = False

    def conflict() -> None:
        nonlocal reordered_both
        reordered_both = True

    order = _merge_order(b.children.get(p, []), y.children.get(p, []), t.children.get(p, []), members, conflict)
    if not reordered_both:
        return order
    m.conflicts.append(
        Conflict(
            key,
            "outline",
            f"the order of the clauses {'at the top level' if p is None else 'under ' + title}",
            ", ".join(b.title(i) for i in b.children.get(p, [])),
            ", ".join(y.title(i) for i in y.children.get(p, [])),
            ", ".join(t.title(i) for i in t.children.get(p, [])),
            p,
            resolution,
        )
    )
    if resolution is not None and resolution.choice == THEIRS:
        return _merge_order(b.children.get(p, []), t.children.get(p, []), y.children.get(p, []), members, lambda: None)
    return order


def _build(
    m: _Merger, b: _Tree, y: _Tree, t: _Tree, merged: dict[str, Clause], parent: dict[str, str | None]
) -> list[Clause]:
    groups: dict[str | None, set[str]] = {None: set()}
    for cid, p in parent.items():
        groups.setdefault(p, set()).add(cid)
    for p, members in groups.items():
        if p is not None:
            order = _ordered(m, b, y, t, p, members, f"'{merged[p].title}'")
            merged[p].children = [merged[cid] for cid in order]
    return [merged[cid] for cid in _ordered(m, b, y, t, None, groups[None], "")]

"""Starter notices: templates in the library's `templates/*.yaml`, built into a new Notice.

A template names its jurisdictions, the facts the checks rely on, a nested outline of library
clause ids and starter tables. Later library folders may add templates or replace one by id.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from notice_studio.core.library.catalog import TEMPLATES_DIR, Library, default_roots, load_library
from notice_studio.core.library.facts import FACTS
from notice_studio.core.library.jurisdictions import JURISDICTIONS, normalise
from notice_studio.core.library.parse import read_yaml_file
from notice_studio.core.library.types import ALL, LibraryProblem
from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.languages import ENGLISH, normalise_language
from notice_studio.core.notice.model import CLAUSE_ID_RE, TABLE_NAME_RE, Notice, NoticeError, Table
from notice_studio.core.practices.facts import derived_facts
from notice_studio.core.practices.generate import regenerate_from_practices
from notice_studio.core.practices.model import Practices
from notice_studio.core.practices.practices_format import from_mapping

DEFAULT_TEMPLATE = "saas-eu-uk-ca"

OutlineItem = tuple[str, tuple["OutlineItem", ...]]
"""(library clause id, sub-clauses)."""


@dataclass(frozen=True)
class StarterTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()

    def to_table(self) -> Table:
        return Table(list(self.columns), [list(row) for row in self.rows])


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    description: str
    jurisdictions: tuple[str, ...]
    outline: tuple[OutlineItem, ...]
    facts: Mapping[str, bool] = field(default_factory=dict, hash=False)
    tables: Mapping[str, StarterTable] = field(default_factory=dict, hash=False)
    practices: Practices | None = field(default=None, compare=False)
    """The data inventory a new notice starts with (consistent with the template's clauses)."""
    notice_title: str = "Privacy Notice"
    default: bool = False
    path: Path | None = field(default=None, compare=False)

    def clause_ids(self) -> list[str]:
        """Every library clause id of the outline, in reading order."""
        ids: list[str] = []

        def visit(items: tuple[OutlineItem, ...]) -> None:
            for clause_id, children in items:
                ids.append(clause_id)
                visit(children)

        visit(self.outline)
        return ids


# ----- reading templates -------------------------------------------------------------------------
def load_templates(
    roots: Sequence[str | os.PathLike[str]] | None = None,
) -> tuple[list[Template], list[LibraryProblem]]:
    """Templates of every library folder (later folders replace by id) and the problems found."""
    found: dict[str, Template] = {}
    problems: list[LibraryProblem] = []
    for root in default_roots() if roots is None else [Path(r) for r in roots]:
        folder = Path(root) / TEMPLATES_DIR
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            try:
                template = _parse_template(path)
            except _TemplateError as exc:
                problems.append(LibraryProblem(path, exc.line, exc.message, "template", True))
                continue
            found[template.id] = template
    templates = sorted(found.values(), key=lambda t: (not t.default, t.title.lower()))
    return templates, problems


def list_templates(roots: Sequence[str | os.PathLike[str]] | None = None) -> list[Template]:
    """Every readable template, the default first, then by title."""
    return load_templates(roots)[0]


def get_template(template_id: str, roots: Sequence[str | os.PathLike[str]] | None = None) -> Template:
    templates = list_templates(roots)
    for template in templates:
        if template.id == template_id:
            return template
    known = ", ".join(t.id for t in templates) or "none are installed"
    raise NoticeError(f"There is no template '{template_id}'; use one of: {known}.")


def default_template(templates: Sequence[Template]) -> Template:
    for template in templates:
        if template.id == DEFAULT_TEMPLATE:
            return template
    for template in templates:
        if template.default:
            return template
    if not templates:
        raise NoticeError("No notice templates are installed; reinstall Notice Studio.")
    return templates[0]


def pick_template(jurisdictions: Sequence[str], templates: Sequence[Template]) -> Template:
    """The template that covers most of `jurisdictions` with the fewest others (default on ties)."""
    wanted = set(jurisdictions)
    fallback = default_template(templates)

    def score(t: Template) -> tuple[int, int, bool]:
        have = set(t.jurisdictions)
        return (len(have & wanted), -len(have - wanted), t is fallback)

    best = max(templates, key=score)
    return best if score(best)[0] > 0 else fallback


class _TemplateError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _parse_template(path: Path) -> Template:
    try:
        data = read_yaml_file(path)
    except FormatError as exc:
        raise _TemplateError(exc.problem, exc.line) from None
    if not isinstance(data, dict):
        raise _TemplateError("a template must be a set of 'key: value' lines", 1)
    text = path.read_text(encoding="utf-8")

    def line_of(key: str) -> int | None:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.startswith(f"{key}:"):
                return number
        return None

    for key in ("id", "title", "jurisdictions", "outline"):
        if not data.get(key):
            raise _TemplateError(f"the template lacks the required field '{key}'", 1)
    template_id = str(data["id"])
    if not CLAUSE_ID_RE.match(template_id) or template_id != path.stem:
        raise _TemplateError(
            f"the id '{template_id}' must be a lower-case slug equal to the file name '{path.stem}'", line_of("id")
        )
    jurisdictions = data["jurisdictions"]
    if not isinstance(jurisdictions, list) or any(str(j) not in JURISDICTIONS for j in jurisdictions):
        raise _TemplateError(f"'jurisdictions' must be a list of: {', '.join(JURISDICTIONS)}", line_of("jurisdictions"))
    facts = data.get("facts") or {}
    if not isinstance(facts, dict) or not all(isinstance(v, bool) for v in facts.values()):
        raise _TemplateError("'facts' must map fact names to true or false", line_of("facts"))
    unknown = [f for f in facts if f not in FACTS]
    if unknown:
        raise _TemplateError(f"'{unknown[0]}' is not a fact Notice Studio knows ({', '.join(FACTS)})", line_of("facts"))
    seen: set[str] = set()
    try:
        outline = _parse_outline(data["outline"], seen)
    except _TemplateError as exc:
        raise _TemplateError(exc.message, line_of("outline")) from None
    tables = {}
    raw_tables = data.get("tables") or {}
    if not isinstance(raw_tables, dict):
        raise _TemplateError("'tables' must map table names to columns and rows", line_of("tables"))
    for name, spec in raw_tables.items():
        if not isinstance(name, str) or not TABLE_NAME_RE.match(name):
            raise _TemplateError(
                f"the table name '{name}' is not valid; use lower-case letters, digits and hyphens only",
                line_of("tables"),
            )
        columns = spec.get("columns") if isinstance(spec, dict) else None
        rows = spec.get("rows") or [] if isinstance(spec, dict) else None
        if (
            not isinstance(columns, list)
            or not isinstance(rows, list)
            or any(not isinstance(r, list) or len(r) > len(columns) for r in rows)
        ):
            raise _TemplateError(
                f"the table '{name}' needs 'columns' (a list) and 'rows' (lists no longer than the columns)",
                line_of("tables"),
            )
        tables[str(name)] = StarterTable(
            tuple(str(c) for c in columns),
            tuple(tuple(str(c) for c in row) + ("",) * (len(columns) - len(row)) for row in rows),
        )
    practices = None
    if data.get("practices") is not None:
        try:
            practices = from_mapping(data["practices"], str(path))
        except FormatError as exc:
            raise _TemplateError(f"its 'practices' cannot be read: {exc.problem}", line_of("practices")) from None
    return Template(
        id=template_id,
        title=str(data["title"]),
        description=" ".join(str(data.get("description") or "").split()),
        jurisdictions=tuple(str(j) for j in jurisdictions),
        outline=outline,
        facts={str(k): bool(v) for k, v in facts.items()},
        tables=tables,
        practices=practices,
        notice_title=str(data.get("notice_title") or "Privacy Notice"),
        default=bool(data.get("default")),
        path=path,
    )


def _parse_outline(items: object, seen: set[str]) -> tuple[OutlineItem, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise _TemplateError("'outline' must be a list of clause ids or 'id: [sub-clauses]'")
    result: list[OutlineItem] = []
    children: tuple[OutlineItem, ...]
    for item in items:
        if isinstance(item, str):
            clause_id, children = item, ()
        elif isinstance(item, dict) and len(item) == 1:
            clause_id, sub = next(iter(item.items()))
            children = _parse_outline(sub, seen)
        else:
            raise _TemplateError(f"the outline entry {item!r} is neither a clause id nor 'id: [sub-clauses]'")
        clause_id = str(clause_id)
        if not CLAUSE_ID_RE.match(clause_id):
            raise _TemplateError(f"the outline names '{clause_id}', which is not a valid clause id")
        if clause_id in seen:
            raise _TemplateError(f"the outline lists '{clause_id}' twice")
        seen.add(clause_id)
        result.append((clause_id, children))
    return tuple(result)


def template_problems(template: Template, library: Library) -> list[str]:
    """Outline ids the library lacks (one sentence each); empty when the template can be built."""
    return [
        f"the template '{template.id}' names the clause '{clause_id}', which is not in the library"
        for clause_id in template.clause_ids()
        if clause_id not in library
    ]


# ----- building a notice -------------------------------------------------------------------------
def build_notice(
    template_id: str | None = None,
    organisation: str = "",
    jurisdictions: list[str] | None = None,
    *,
    library: Library | None = None,
    title: str | None = None,
    language: str = ENGLISH,
) -> Notice:
    """A new notice from a template: every clause from the library with its provenance.
    `language`: the one the notice is written in (a code or name; core.notice.languages).

    With no template, the one that best fits `jurisdictions` (or the default). Given
    jurisdictions replace the template's, and clauses written only for other laws are left out.
    """
    library = library or load_library()
    templates = list_templates(library.roots)
    wanted = normalise(jurisdictions) if jurisdictions else None
    if template_id:
        template = next((t for t in templates if t.id == template_id), None)
        if template is None:
            known = ", ".join(t.id for t in templates) or "none are installed"
            raise NoticeError(f"There is no template '{template_id}'; use one of: {known}.")
    elif wanted:
        template = pick_template(wanted, templates)
    else:
        template = default_template(templates)
    missing = template_problems(template, library)
    if missing:
        raise NoticeError(f"The template cannot be used: {missing[0]}; update the clause library.")

    chosen = list(wanted or template.jurisdictions)
    notice = Notice(
        title=title or template.notice_title,
        organisation=organisation,
        language=normalise_language(language),
        jurisdictions=chosen,
        template=template.id,
        facts=dict(template.facts),
        tables={name: table.to_table() for name, table in template.tables.items()},
    )
    if organisation:
        notice.variables["organisation.name"] = organisation
    covered = _with_inherited(chosen)

    def add(items: tuple[OutlineItem, ...], parent: str | None) -> None:
        for clause_id, children in items:
            source = library.clause(clause_id)
            if wanted is not None and ALL not in source.jurisdictions and not covered & set(source.jurisdictions):
                add(children, parent)  # not for these laws: keep the sub-clauses that are
                continue
            clause = library.make_clause(clause_id, notice)
            notice.add(clause, parent)
            add(children, clause.id)

    add(template.outline, None)
    if template.practices is not None:
        notice.practices = copy.deepcopy(template.practices)
        notice.facts.update(derived_facts(notice.practices))
        regenerate_from_practices(notice)
    return notice


def _with_inherited(jurisdictions: list[str]) -> set[str]:
    """Jurisdictions plus the ones they inherit (Norway applies the GDPR)."""
    from notice_studio.core.library.requirements import load_requirements

    result = set(jurisdictions)
    try:
        inherits = {law.id.lower(): (law.inherits or "").lower() for law in load_requirements().laws}
    except Exception:  # noqa: BLE001 - without the reference data, no inheritance
        inherits = {}
    for jurisdiction in list(result):
        parent = inherits.get(jurisdiction)
        while parent and parent not in result:
            result.add(parent)
            parent = inherits.get(parent)
    return result

"""The on-disk format of a notice, as a pure mapping between `Notice` and file texts.

    notice.yaml              metadata, variables, facts, outline
    clauses/<id>.md          one clause: front matter (title, topics, source) + Markdown body
    library-base/<id>.md     the library text a clause was inserted from (for updates)
    tables/<name>.csv        structured tables

The store does the git and file work; this module only turns texts into a `Notice` and back,
so any version can be read from any source (working tree, a commit, a test's dict).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeAlias

from notice_studio.core.notice.frontmatter import Document, FormatError, compose, dump_yaml, load_yaml, parse
from notice_studio.core.notice.model import (
    CLAUSE_ID_RE,
    TABLE_NAME_RE,
    Clause,
    Notice,
    NoticeError,
    Provenance,
    check_clause_id,
    check_table_name,
)
from notice_studio.core.notice.table_csv import read_table, table_text
from notice_studio.core.practices.practices_format import PRACTICES_FILE, practices_yaml, read_practices

NOTICE_FILE = "notice.yaml"
CLAUSES_DIR = "clauses"
BASE_DIR = "library-base"
TABLES_DIR = "tables"
FORMAT_VERSION = 2
"""The notice.yaml format this app writes, and the newest it reads; a newer one is refused, not
rewritten. Format 2: versions may be withdrawn (tags `withdrawn/v<N>`), scheduled ahead of their
date, and publishing may require an approval; an app that knows only format 1 would misread them
(a withdrawn version as upcoming, publishing without the approval), so format 2 shuts it out."""


class NewerFormatError(NoticeError):
    """notice.yaml says it was written in a format newer than this app knows."""


def clause_path(clause_id: str) -> str:
    return f"{CLAUSES_DIR}/{clause_id}.md"


def base_path(clause_id: str) -> str:
    return f"{BASE_DIR}/{clause_id}.md"


def table_path(name: str) -> str:
    return f"{TABLES_DIR}/{name}.csv"


# ----- writing ---------------------------------------------------------------------------------
def _outline(clauses: list[Clause]) -> list[object]:
    return [{c.id: _outline(c.children)} if c.children else c.id for c in clauses]


def notice_yaml(notice: Notice) -> str:
    data: dict[str, object] = {"format": FORMAT_VERSION}
    if notice.notice_id:
        data["id"] = notice.notice_id
    data |= {
        "title": notice.title,
        "organisation": notice.organisation,
        "language": notice.language,
        "jurisdictions": list(notice.jurisdictions),
    }
    if notice.template:
        data["template"] = notice.template
    data["variables"] = dict(sorted(notice.variables.items()))
    if notice.facts:
        data["facts"] = dict(sorted(notice.facts.items()))
    if notice.settings:
        data["settings"] = notice.settings
    data["outline"] = _outline(notice.clauses)
    return dump_yaml(data)


_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([^'\"\s]+)['\"]?[ \t]*$", re.MULTILINE)
_FORMAT_LINE = re.compile(r"^format:.*\n", re.MULTILINE)


def yaml_notice_id(text: str) -> str:
    """The notice's id as notice.yaml's text gives it ('' when it has none)."""
    found = _ID_LINE.search(text)
    return found.group(1) if found else ""


_CONFLICT = re.compile(r"^<{7}(?: [^\n]*)?$(?s:.*?)^>{7}(?: [^\n]*)?$", re.MULTILINE)


def merge_conflict_line(text: str) -> int | None:
    """The line where a merge conflict left in a file by git starts (<<<<<<< ... >>>>>>>), or None."""
    found = _CONFLICT.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def with_notice_id(text: str, notice_id: str) -> str:
    """notice.yaml's text with `id` set where `notice_yaml` writes it (after `format`)."""
    line = f"id: {dump_yaml(notice_id).strip()}\n"
    found = _FORMAT_LINE.search(text)
    return text[: found.end()] + line + text[found.end() :] if found else line + text


def clause_text(clause: Clause) -> str:
    source = (clause.provenance.library_id, clause.provenance.version) if clause.provenance else None
    extra = json.dumps(clause.meta, sort_keys=True, default=str) if clause.meta else ""
    return _clause_text(clause.title, clause.body, tuple(clause.topics), source, extra)


@lru_cache(maxsize=4096)
def _clause_text(title: str, body: str, topics: tuple[str, ...], source: tuple[str, int] | None, extra: str) -> str:
    """Cached: autosave serialises the whole notice after each pause, but one clause changed."""
    meta: dict[str, object] = {"title": title}
    if topics:
        meta["topics"] = list(topics)
    if source:
        meta["source"] = {"library": source[0], "version": source[1]}
    if extra:
        meta.update({k: v for k, v in json.loads(extra).items() if k not in ("title", "topics", "source")})
    return compose(meta, body)


def base_text(provenance: Provenance) -> str:
    return _base_text(provenance.base_title, provenance.version, provenance.base_body)


@lru_cache(maxsize=4096)
def _base_text(title: str, version: int, body: str) -> str:
    return compose({"title": title, "version": version}, body)


def notice_files(notice: Notice) -> dict[str, str]:
    """Every file of the notice, path -> text.

    Every clause id and table name becomes a file name here, whatever made the notice
    (library, template, notice.yaml, command line, import), so they are checked here: no
    path this returns can leave the notice folder.
    """
    files = {NOTICE_FILE: notice_yaml(notice)}
    for clause in notice.all_clauses():
        files[clause_path(check_clause_id(clause.id))] = clause_text(clause)
        if clause.provenance:
            files[base_path(clause.id)] = base_text(clause.provenance)
    for name, table in notice.tables.items():
        files[table_path(check_table_name(name, "the notice's tables"))] = table_text(table)
    if notice.practices is not None:
        files[PRACTICES_FILE] = practices_yaml(notice.practices)
    return files


# ----- reading ---------------------------------------------------------------------------------
_OutlineEntry: TypeAlias = "tuple[str, list[_OutlineEntry]]"
"""A clause id and its sub-clauses, as the outline in notice.yaml lists them."""


def _parse_outline(items: object, path: str, seen: set[str]) -> list[_OutlineEntry]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise FormatError(path, None, "'outline' must be a list of clause ids")
    result: list[_OutlineEntry] = []
    for item in items:
        if isinstance(item, str):
            clause_id, children = item, []
        elif isinstance(item, dict) and len(item) == 1:
            clause_id, sub = next(iter(item.items()))
            children = _parse_outline(sub, path, seen)
        else:
            raise FormatError(path, None, f"the outline entry {item!r} is neither a clause id nor 'id: [sub-clauses]'")
        clause_id = str(clause_id)
        if not CLAUSE_ID_RE.match(clause_id):
            raise FormatError(path, None, f"the outline names '{clause_id}', which is not a valid clause id")
        if clause_id in seen:
            raise FormatError(path, None, f"the outline lists the clause '{clause_id}' twice")
        seen.add(clause_id)
        result.append((clause_id, children))
    return result


def read_notice(read: Callable[[str], str | None], table_names: Iterable[str] = ()) -> Notice:
    """Build a Notice from file texts; `read(path)` returns a file's text or None if missing."""
    text = read(NOTICE_FILE)
    if text is None:
        raise FormatError(NOTICE_FILE, None, "the file is missing")
    data = copy.deepcopy(_notice_data(text))  # a copy: the notice's settings and values become its own
    if not isinstance(data, dict):
        raise FormatError(NOTICE_FILE, 1, "the file must be a set of 'key: value' lines")
    check_format_version(data.get("format"), _line_of(text, "format"))

    def as_list(key: str) -> list[str]:
        value = data.get(key) or []
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list):
            raise FormatError(NOTICE_FILE, _line_of(text, key), f"'{key}' must be a list")
        return [str(v) for v in value]

    def as_dict(key: str) -> dict[str, object]:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise FormatError(NOTICE_FILE, _line_of(text, key), f"'{key}' must be a set of 'name: value' lines")
        return value

    notice = Notice(
        title=str(data.get("title") or "Privacy Notice"),
        organisation=str(data.get("organisation") or ""),
        language=str(data.get("language") or "en"),
        jurisdictions=as_list("jurisdictions"),
        template=str(data.get("template") or ""),
        variables={str(k): "" if v is None else str(v) for k, v in as_dict("variables").items()},
        facts={str(k): bool(v) for k, v in as_dict("facts").items()},
        settings=as_dict("settings"),
        notice_id=str(data.get("id") or ""),
    )
    if "outline" not in data:  # Notice Studio always writes it, `outline: []` when empty
        raise FormatError(
            NOTICE_FILE, len(text.splitlines()) or 1, "the file ends before its outline (it may have been cut short)"
        )
    try:
        outline = _parse_outline(data.get("outline"), NOTICE_FILE, set())
    except FormatError as exc:
        raise FormatError(NOTICE_FILE, _line_of(text, "outline"), exc.problem) from None

    def build(entries: list[_OutlineEntry]) -> list[Clause]:
        return [_read_clause(read, clause_id, build(children)) for clause_id, children in entries]

    notice.clauses = build(outline)
    for name in table_names:
        if not TABLE_NAME_RE.match(name):
            raise FormatError(
                table_path(name),
                None,
                "the file name is not a valid table name (use lower-case letters, digits, hyphens)",
            )
        table_text_ = read(table_path(name))
        if table_text_ is not None:
            notice.tables[name] = read_table(table_text_, table_path(name))
    practices_text = read(PRACTICES_FILE)
    if practices_text is not None:
        notice.practices = read_practices(practices_text, PRACTICES_FILE)
    return notice


def check_format_version(value: object, line: int | None = None) -> None:
    """Refuse a notice written by a newer Notice Studio: saving it here would drop what it added."""
    if _format_number(value, line) > FORMAT_VERSION:
        raise NewerFormatError(
            f"This notice was saved by a newer Notice Studio (format {value}); update Notice Studio to open it."
        )


def _format_number(value: object, line: int | None) -> int:
    if value is None:
        return 1  # notices from before the format was written down
    try:
        return int(str(value))
    except ValueError:
        raise FormatError(NOTICE_FILE, line, f"'format: {value}' must be a whole number") from None


def is_older_format(text: str) -> bool:
    """True when notice.yaml's text is in a format older than the one this app writes (the next
    save rewrites it in the current one, so older apps stop opening it)."""
    try:
        data = _notice_data(text)
        return isinstance(data, dict) and _format_number(data.get("format"), None) < FORMAT_VERSION
    except FormatError:
        return False


def _read_clause(read: Callable[[str], str | None], clause_id: str, children: list[Clause]) -> Clause:
    path = clause_path(clause_id)
    text = read(path)
    if text is None:
        raise FormatError(path, None, f"the outline in {NOTICE_FILE} lists this clause but its file is missing")
    doc = _parse(text, path)
    meta = dict(doc.meta)
    title = str(meta.pop("title", "") or clause_id)
    topics = meta.pop("topics", []) or []
    if isinstance(topics, str):
        topics = [topics]
    if not isinstance(topics, list):
        raise FormatError(path, _line_of(text, "topics"), "'topics' must be a list of topic ids")
    source = meta.pop("source", None)
    provenance = None
    if isinstance(source, dict) and source.get("library"):
        try:
            version = int(source.get("version") or 1)
        except (TypeError, ValueError):
            raise FormatError(path, 2, "'source: version' must be a whole number") from None
        provenance = Provenance(str(source["library"]), version)
        base = read(base_path(clause_id))
        if base is not None:
            base_doc = _parse(base, base_path(clause_id))
            provenance.base_body = base_doc.body.rstrip()
            provenance.base_title = str(base_doc.meta.get("title") or "")
    body = doc.body.rstrip()
    return Clause(clause_id, title, body, provenance, [str(t) for t in topics], meta, children)


def outline_ids(text: str) -> set[str]:
    """The clause ids a notice.yaml's outline lists (none when it cannot be read)."""
    try:
        data = _notice_data(text)
        entries = _parse_outline(data.get("outline") if isinstance(data, dict) else None, NOTICE_FILE, set())
    except FormatError:
        return set()
    ids: set[str] = set()
    stack = list(entries)
    while stack:
        clause_id, children = stack.pop()
        ids.add(clause_id)
        stack += children
    return ids


@lru_cache(maxsize=8)
def _notice_data(text: str) -> object:
    """Cached: a sync reads three versions of notice.yaml, mostly the same text, and reloads it
    after (the YAML parser is most of reading a notice's outline). Callers copy the result."""
    return load_yaml(text, NOTICE_FILE)


@lru_cache(maxsize=2048)
def _parse(text: str, path: str) -> Document:
    """Cached: a sync reads three versions of the notice whose files are mostly the same text.
    Callers copy `meta` before changing it."""
    return parse(text, path)


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None

"""Reading one clause file of the library: front matter checks that need no other file.

Checks that need the whole library (unknown topics, unknown requirement ids, undeclared
placeholders, references to missing clauses, duplicates) are done by `library.py` from the
names and line numbers this module records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from notice_studio.core.library.jurisdictions import JURISDICTIONS
from notice_studio.core.library.types import ALL, LibraryClause, LibraryProblem, VariableSpec
from notice_studio.core.notice.frontmatter import FormatError, load_yaml, split
from notice_studio.core.notice.model import CLAUSE_ID_RE, CROSSREF_RE, PLACEHOLDER_RE
from notice_studio.core.wording import plural_word

_VARIABLE_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$")
_HEADING_RE = re.compile(r"^#{1,6}\s")

REQUIRED_FIELDS = ("id", "title", "topic", "jurisdictions", "version")
OPTIONAL_FIELDS = ("satisfies", "variables", "guidance", "variants", "requires", "renamed")
KNOWN_FIELDS = frozenset(REQUIRED_FIELDS + OPTIONAL_FIELDS)


def read_yaml_file(path: Path) -> object:
    """A library YAML file's data (topics, variables, a template); a file that cannot be read, is not
    UTF-8 or is not valid YAML raises FormatError naming the line (where a bracket or quote opened)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(str(path), None, f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise FormatError(str(path), None, f"the file cannot be read ({exc.strerror})") from None
    return load_yaml(text, str(path))


@dataclass(frozen=True)
class ParsedFile:
    """One clause file after the checks that need no other file."""

    clause: LibraryClause | None
    problems: tuple[LibraryProblem, ...]
    path: Path | None = None
    id_line: int | None = None
    topic_line: int | None = None
    satisfies: tuple[tuple[str, int | None], ...] = ()
    placeholders: tuple[tuple[str, int], ...] = ()
    """Every placeholder used (name, line), for the check against shared variables."""
    references: tuple[tuple[str, int | None, str], ...] = ()
    """(clause id, line, where) for `[[id]]` in the body and ids in variants/requires."""


class _Lines:
    """Finds the file line of a front matter key or value, for problem messages."""

    def __init__(self, front: list[str]) -> None:
        self.front = front  # front[0] is file line 2

    def key(self, name: str, indent: str = "") -> int | None:
        pattern = re.compile(rf"^{re.escape(indent)}['\"]?{re.escape(name)}['\"]?\s*:")
        for i, line in enumerate(self.front):
            if pattern.match(line):
                return i + 2
        return None

    def value(self, key: str, value: str) -> int | None:
        start = self.key(key)
        if start is None:
            return None
        for i in range(start - 2, len(self.front)):
            line = self.front[i]
            if i > start - 2 and line and not line[0].isspace() and not line.startswith("-"):
                break  # the next top-level key: the value is not written out on its own line
            if value in line:
                return i + 2
        return start


def parse_clause_file(text: str, path: Path) -> ParsedFile:
    """Parse and check one `<id>.md` library file."""
    problems: list[LibraryProblem] = []

    def problem(line: int | None, message: str, kind: str, blocking: bool = False) -> None:
        problems.append(LibraryProblem(path, line, message, kind, blocking))

    def fail(line: int | None, message: str, kind: str) -> ParsedFile:
        problem(line, message, kind, blocking=True)
        return ParsedFile(None, tuple(problems), path)

    try:
        found = split(text, str(path))
        if found is None:
            return fail(
                1, "the file must start with a '---' line and YAML front matter (id, title, topic, ...)", "yaml"
            )
        front, body, first_body_line = found
        meta = load_yaml("\n".join(front), str(path), first_line=2, front_matter=True)
    except FormatError as exc:
        return fail(exc.line, exc.problem, "yaml")
    where = _Lines(front)
    if not isinstance(meta, dict):
        return fail(2, "the front matter must be a set of 'key: value' lines", "yaml")

    # ----- required fields ------------------------------------------------------------------
    missing = [name for name in REQUIRED_FIELDS if meta.get(name) in (None, "", [])]
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        return fail(2, f"the front matter lacks the required {plural_word(len(missing), 'field')} {names}", "field")

    clause_id = meta["id"]
    id_line = where.key("id")
    if not isinstance(clause_id, str) or not CLAUSE_ID_RE.match(clause_id):
        return fail(
            id_line, f"'id: {clause_id}' is not a valid clause id (lower-case letters, digits and hyphens)", "id"
        )
    if clause_id != path.stem:
        return fail(
            id_line,
            f"the id '{clause_id}' differs from the file name; rename the file to '{clause_id}.md' or change the id to '{path.stem}'",
            "id",
        )

    title = meta["title"]
    if not isinstance(title, str) or not title.strip():
        return fail(where.key("title"), "'title' must be a line of text", "field")

    topic = meta["topic"]
    if not isinstance(topic, str):
        return fail(
            where.key("topic"), "'topic' must be one topic id from topics.yaml, for example 'retention'", "field"
        )

    version = meta["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return fail(where.key("version"), f"'version: {version}' must be a whole number of 1 or more", "field")

    jurisdictions = _string_list(meta["jurisdictions"])
    if jurisdictions is None:
        return fail(
            where.key("jurisdictions"), "'jurisdictions' must be 'all' or a list such as [gdpr, uk_gdpr]", "field"
        )
    unknown = [j for j in jurisdictions if j != ALL and j not in JURISDICTIONS]
    if unknown:
        known = ", ".join([ALL, *JURISDICTIONS])
        return fail(
            where.value("jurisdictions", unknown[0]),
            f"'{unknown[0]}' is not a jurisdiction id; use {known}",
            "jurisdiction",
        )

    # ----- optional fields (a problem here is reported, the clause still loads) --------------
    def id_list(name: str) -> tuple[str, ...]:
        value = meta.get(name)
        if value is None:
            return ()
        items = _string_list(value)
        if items is None:
            problem(where.key(name), f"'{name}' must be a list of ids, for example [a-id, b-id]", "field")
            return ()
        return tuple(dict.fromkeys(items))

    satisfies = id_list("satisfies")
    variants = id_list("variants")
    requires = id_list("requires")

    guidance = meta.get("guidance") or ""
    if not isinstance(guidance, str):
        problem(where.key("guidance"), "'guidance' must be text", "field")
        guidance = ""

    variables: dict[str, VariableSpec] = {}
    raw_vars = meta.get("variables")
    if raw_vars is not None and not isinstance(raw_vars, dict):
        problem(
            where.key("variables"), "'variables' must map each placeholder name to its label, help and example", "field"
        )
    for name, spec in (raw_vars or {}).items() if isinstance(raw_vars, dict) else ():
        line = where.key(str(name), indent="  ") or where.key("variables")
        if not isinstance(name, str) or not _VARIABLE_NAME_RE.match(name):
            problem(line, f"'{name}' is not a valid placeholder name (letters, digits, _ and dots)", "field")
            continue
        if not isinstance(spec, dict) or not str(spec.get("label") or "").strip():
            problem(line, f"the variable '{name}' needs at least a 'label'", "field")
            spec = spec if isinstance(spec, dict) else {}
        variables[name] = VariableSpec(
            label=str(spec.get("label") or name).strip(),
            help=str(spec.get("help") or "").strip(),
            example=str(spec.get("example") or "").strip(),
        )

    renamed: dict[str, str] = {}
    raw_renamed = meta.get("renamed")
    if raw_renamed is not None and not (
        isinstance(raw_renamed, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in raw_renamed.items())
        and all(_VARIABLE_NAME_RE.match(n) for pair in raw_renamed.items() for n in pair)
    ):
        problem(
            where.key("renamed"),
            "'renamed' must map each old placeholder name to its new one, for example {contact.email: contact.privacy_email}",
            "field",
        )
    elif raw_renamed:
        renamed = {str(k): str(v) for k, v in raw_renamed.items()}

    for name in meta:
        if name not in KNOWN_FIELDS:
            problem(
                where.key(str(name)),
                f"'{name}' is not a field clause files use ({', '.join(sorted(KNOWN_FIELDS))})",
                "field",
            )

    # ----- body -----------------------------------------------------------------------------
    body_lines = body.split("\n")
    placeholders: list[tuple[str, int]] = []
    references: list[tuple[str, int | None, str]] = []
    in_fence = False
    for offset, text_line in enumerate(body_lines):
        number = first_body_line + offset
        if text_line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and _HEADING_RE.match(text_line):
            problem(
                number,
                "the body has a heading; the clause title is its heading, so write the text without '#' lines",
                "body",
            )
        if "{{" in text_line:
            placeholders.extend((m.group(1), number) for m in PLACEHOLDER_RE.finditer(text_line))
        if "[[" in text_line:
            references.extend((ref, number, "body") for ref in CROSSREF_RE.findall(text_line))
    for match in PLACEHOLDER_RE.finditer(title):
        placeholders.append((match.group(1), where.key("title") or 2))
    for name, ids in (("variants", variants), ("requires", requires)):
        references.extend((ref, where.value(name, ref), name) for ref in ids)

    used = {name for name, _line in placeholders}
    for old_name, new_name in renamed.items():
        if new_name not in used:
            problem(
                where.key("renamed"),
                f"'renamed' gives '{old_name}' the new name '{new_name}', which the clause does not use; "
                "write the name its text uses",
                "placeholder",
            )

    body = "\n".join(body_lines).strip("\n").rstrip()
    if not body.strip():
        problem(first_body_line, "the clause has no text below the front matter", "body")

    clause = LibraryClause(
        id=clause_id,
        title=" ".join(title.split()),
        topic=topic,
        jurisdictions=tuple(dict.fromkeys(jurisdictions)),
        satisfies=satisfies,
        variables=variables,
        version=version,
        guidance=guidance.strip(),
        variants=variants,
        requires=requires,
        body=body,
        renamed=renamed,
    )
    return ParsedFile(
        clause,
        tuple(problems),
        path,
        id_line=id_line,
        topic_line=where.key("topic"),
        satisfies=tuple((s, where.value("satisfies", s)) for s in satisfies),
        placeholders=tuple(placeholders),
        references=tuple(references),
    )


def _string_list(value: object) -> list[str] | None:
    """A YAML list of strings (or one string) as a list of lower-case-stripped ids; None if invalid."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None
    return [v.strip() for v in value]

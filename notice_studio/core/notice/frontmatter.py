"""YAML front matter (`---` ... `---`) above a Markdown body, with errors that name file and line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import yaml


class FormatError(Exception):
    """A file that cannot be read as expected; `str()` names the file and line."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Document:
    meta: dict[str, object]
    body: str
    body_line: int
    """1-based line number where the body starts in the file."""


class YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The fast (libyaml) safe loader, keeping dates as plain strings (we parse them ourselves).

    It refuses aliases (`*name`): our files never need them, and an alias bomb ("billion
    laughs") or a recursive alias would hang or crash every reader that walks the result.
    It also refuses a key given twice in one mapping, which YAML would silently let win.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "it uses an alias ('*name'); write the value out in full", node.start_mark
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: set[object] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key '{key}' is given twice; keep one", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


YamlLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_UNCLOSED = ("while parsing a flow", "while scanning a quoted scalar")
"""Errors about something opened and never closed ('[', '{', a quote): the parser notices on a
later line (where the next key starts), but the line to fix is where it was opened."""


def yaml_error_line(exc: yaml.MarkedYAMLError, text: str) -> int | None:
    """The line (from 1) of `text` to name for a YAML syntax error: where the problem is, or,
    for something left unclosed, the line it was opened on."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and mark is not None:
        if mark.line >= text.count("\n") or (exc.context or "").startswith(_UNCLOSED):
            mark = exc.context_mark
    return mark.line + 1 if mark else None


def load_yaml(text: str, path: str, first_line: int = 1, *, front_matter: bool = False) -> object:
    """Parse YAML; a syntax error becomes a FormatError naming `path` and the line."""
    what = "the front matter is not valid YAML" if front_matter else "the YAML is not valid"
    try:
        return yaml.load(text, Loader=YamlLoader)
    except yaml.MarkedYAMLError as exc:
        found = yaml_error_line(exc, text)
        line = first_line + found - 1 if found else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise FormatError(path, line, f"{what} ({problem})") from None
    except yaml.YAMLError as exc:
        raise FormatError(path, None, f"{what} ({exc})") from None


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml when available (~10x faster); never writes aliases, which our loader refuses."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump_yaml(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def split(text: str, path: str) -> tuple[list[str], str, int] | None:
    """The front matter lines of `text`, its body and the body's first line; None if it has none.

    Front matter starts at a first line '---' and ends at the next '---' (or YAML's '...').
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return lines[1:end], "\n".join(lines[end + 1 :]), end + 2
    raise FormatError(path, 1, "the front matter that starts with '---' is never closed by a second '---' line")


def parse(text: str, path: str) -> Document:
    """Split `text` into front matter and body. A file without front matter has empty meta."""
    found = split(text, path)
    if found is None:
        return Document({}, text.lstrip("\ufeff").replace("\r\n", "\n"), 1)
    front, body, body_line = found
    meta = load_yaml("\n".join(front), path, first_line=2, front_matter=True)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FormatError(path, 2, "the front matter must be a set of 'key: value' lines")
    return Document(meta, body, body_line)


def compose(meta: Mapping[str, object], body: str) -> str:
    """Front matter plus body, ending in exactly one newline."""
    return f"---\n{dump_yaml(meta)}---\n{body.rstrip()}\n"

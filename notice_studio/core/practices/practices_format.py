"""`practices.yaml`: reading (every problem named with file and line) and writing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, fields
from typing import TypeVar

import yaml

from notice_studio.core.notice.frontmatter import FormatError, dump_yaml, yaml_error_line
from notice_studio.core.practices.model import (
    CCPA_CATEGORIES,
    COOKIE_CONSENT,
    LEGAL_BASES,
    RECIPIENT_KINDS,
    SAFEGUARDS,
    SENSITIVE_KINDS,
    SOURCE_KINDS,
    Category,
    Children,
    Cookies,
    Practices,
    Purpose,
    Recipient,
    SaleOrSharing,
    Source,
    Transfer,
)
from notice_studio.core.wording import use_one_of

PRACTICES_FILE = "practices.yaml"
FORMAT_VERSION = 1
T = TypeVar("T")


class _Map(dict[str, object]):
    """A YAML mapping that remembers the line it started on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int] = {}  # noqa: RUF012 - replaced per mapping, never changed in place


class _Loader(yaml.SafeLoader):
    pass


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _Map:
    result = _Map({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    result.line = node.start_mark.line + 1
    result.key_lines = {str(key.value): key.start_mark.line + 1 for key, _value in node.value}
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)


def _line(value: object, fallback: int | None = None) -> int | None:
    return value.line if isinstance(value, _Map) else fallback


class _Reader:
    """Field readers that raise FormatError at the line of the entry being read."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: object, problem: str, line: int | None = None) -> FormatError:
        return FormatError(self.path, _line(where, line), problem)

    def known_keys(self, entry: _Map, kind: type, what: str, extra: tuple[str, ...] = ()) -> None:
        """Refuse a key `kind` has no field for (a typo such as 'retension' would be dropped)."""
        known = [*extra, *(f.name for f in fields(kind))]
        for key in entry:
            if key not in known:
                line = entry.key_lines.get(key) or _line(entry)
                raise FormatError(self.path, line, f"'{key}' is not {what} ({use_one_of(key, known)})")

    def mapping(self, value: object, name: str, where: object) -> _Map:
        if value is None:
            return _Map()
        if not isinstance(value, dict):
            raise self.fail(where, f"'{name}' must be a set of 'key: value' lines")
        return value if isinstance(value, _Map) else _Map(value)

    def items(self, data: _Map, key: str) -> list[_Map]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(data, f"'{key}' must be a list of entries, each a set of 'key: value' lines")
        return [v if isinstance(v, _Map) else _Map(v) for v in value]

    def text(self, entry: _Map, key: str, required: bool = False) -> str:
        value = entry.get(key)
        if value is None or value == "":
            if required:
                raise self.fail(entry, f"this entry needs a '{key}'")
            return ""
        if isinstance(value, (dict, list)):
            raise self.fail(entry, f"'{key}' must be a single value")
        return str(value)

    def strings(self, entry: _Map, key: str) -> list[str]:
        value = entry.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            raise self.fail(entry, f"'{key}' must be a list")
        return [str(v) for v in value]

    def flag(self, entry: _Map, key: str) -> bool:
        value = entry.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(entry, f"'{key}' must be true or false, not '{value}'")
        return value

    def choice(self, entry: _Map, key: str, allowed: tuple[str, ...], default: str = "") -> str:
        value = self.text(entry, key) or default
        if value and value not in allowed:
            raise self.fail(entry, f"'{key}: {value}' is not one of: {', '.join(allowed)}")
        return value


def read_practices(text: str, path: str = PRACTICES_FILE) -> Practices:
    """Parse practices.yaml; a problem raises FormatError naming the file and line."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise FormatError(path, yaml_error_line(exc, text), f"the YAML is not valid ({exc.problem})") from None
    if data is None:
        return Practices()
    if not isinstance(data, _Map):
        raise FormatError(path, 1, "the file must be a set of 'key: value' lines")
    r = _Reader(path)
    _check_keys(data, r)
    p = Practices()
    p.sources = [
        Source(
            r.text(e, "id", True),
            r.text(e, "label") or r.text(e, "id"),
            r.choice(e, "kind", SOURCE_KINDS, "data_subject"),
        )
        for e in r.items(data, "sources")
    ]
    p.purposes = [
        Purpose(r.text(e, "id", True), r.text(e, "label") or r.text(e, "id"), r.choice(e, "legal_basis", LEGAL_BASES))
        for e in r.items(data, "purposes")
    ]
    p.recipients = [
        Recipient(
            r.text(e, "id", True),
            r.text(e, "label") or r.text(e, "id"),
            r.choice(e, "kind", RECIPIENT_KINDS, "service_provider"),
            r.strings(e, "countries"),
        )
        for e in r.items(data, "recipients")
    ]
    p.categories = [
        Category(
            id=r.text(e, "id", True),
            label=r.text(e, "label") or r.text(e, "id"),
            ccpa=r.choice(e, "ccpa", tuple(CCPA_CATEGORIES)),
            examples=r.text(e, "examples"),
            sources=r.strings(e, "sources"),
            purposes=r.strings(e, "purposes"),
            disclosed_to=r.strings(e, "disclosed_to"),
            retention=r.text(e, "retention"),
            sensitive=r.choice(e, "sensitive", SENSITIVE_KINDS),
        )
        for e in r.items(data, "categories")
    ]
    for key in ("sold", "shared"):
        entry = r.mapping(data.get(key), key, data)
        setattr(
            p,
            key,
            SaleOrSharing(r.strings(entry, "categories"), r.strings(entry, "to"), r.strings(entry, "purposes")),
        )
    p.transfers = [
        Transfer(r.text(e, "to", True), r.choice(e, "safeguard", SAFEGUARDS)) for e in r.items(data, "transfers")
    ]
    kids = r.mapping(data.get("children"), "children", data)
    p.children = Children(
        r.flag(kids, "directed_to_children"), r.flag(kids, "minors_users"), r.flag(kids, "under_16_sold_or_shared")
    )
    p.automated_decisions = r.flag(data, "automated_decisions")
    p.ai_training = r.flag(data, "ai_training")
    cookies = r.mapping(data.get("cookies"), "cookies", data)
    p.cookies = Cookies(r.choice(cookies, "consent", COOKIE_CONSENT, "opt-in"), r.strings(cookies, "categories"))
    _check_references(p, data, r)
    return p


ENTRY_TYPES: dict[str, type] = {"categories": Category, "sources": Source, "purposes": Purpose, "recipients": Recipient}
"""The lists whose entries are named by id: 'categories.<id>.<field>'."""
ENTRY_WORDS = {"categories": "category", "sources": "source", "purposes": "purpose", "recipients": "recipient"}
BLOCK_TYPES: dict[str, type] = {
    "sold": SaleOrSharing,
    "shared": SaleOrSharing,
    "children": Children,
    "cookies": Cookies,
}
"""The sections set field by field: 'children.minors_users'."""


def _check_keys(data: _Map, r: _Reader) -> None:
    """Every key must be one the practices have: nothing typed is dropped without a word."""
    r.known_keys(data, Practices, "a part of the practices", extra=("format",))
    for section, kind in [*ENTRY_TYPES.items(), ("transfers", Transfer)]:
        for entry in r.items(data, section):
            r.known_keys(entry, kind, f"a field of a {ENTRY_WORDS.get(section, 'transfer')}")
    for name, kind in BLOCK_TYPES.items():
        r.known_keys(r.mapping(data.get(name), name, data), kind, f"a field of '{name}'")


def _check_references(p: Practices, data: _Map, r: _Reader) -> None:
    """Every id a category, sale or sharing names must be listed in its own section."""
    known: dict[str, Callable[[str], object]] = {
        "sources": p.source,
        "purposes": p.purpose,
        "disclosed_to": p.recipient,
        "to": p.recipient,
        "categories": p.category,
    }
    entries = r.items(data, "categories")
    for category, entry in zip(p.categories, entries, strict=True):
        for key in ("sources", "purposes", "disclosed_to"):
            for ref in getattr(category, key):
                if known[key](ref) is None:
                    section = "recipients" if key == "disclosed_to" else key
                    raise r.fail(
                        entry,
                        f"the category '{category.id}' names '{ref}' under {key}, which is not listed under {section}",
                    )
    for name in ("sold", "shared"):
        entry = r.mapping(data.get(name), name, data)
        block: SaleOrSharing = getattr(p, name)
        for key in ("categories", "to", "purposes"):
            for ref in getattr(block, key):
                if known[key](ref) is None:
                    section = "recipients" if key == "to" else key
                    raise r.fail(
                        entry, f"'{name}' names '{ref}' under {key}, which is not listed under {section}", _line(data)
                    )
    seen: set[str] = set()
    for section in ("sources", "purposes", "recipients", "categories"):
        for entry in r.items(data, section):
            ident = f"{section}:{entry.get('id')}"
            if ident in seen:
                raise r.fail(entry, f"the id '{entry.get('id')}' is listed twice under {section}")
            seen.add(ident)


def practices_yaml(p: Practices) -> str:
    """The file text; empty fields are left out so hand-written files stay short."""

    def clean(value: object) -> object:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v not in ("", [], {}, None)}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    data: dict[str, object] = {"format": FORMAT_VERSION}
    raw = asdict(p)
    for key in ("categories", "sources", "purposes", "recipients", "sold", "shared", "transfers", "children"):
        data[key] = clean(raw[key])
    data["automated_decisions"] = p.automated_decisions
    data["ai_training"] = p.ai_training
    data["cookies"] = clean(raw["cookies"])
    return dump_yaml(data)


def from_mapping(data: object, path: str) -> Practices:
    """Practices from already-parsed YAML (a template's `practices:` block)."""
    return read_practices(dump_yaml(data), path)

"""The legal reference data: what a privacy notice must say under each law (requirements.yaml).

Loaded once per file (cached on path, size and modification time) and returned as frozen data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from notice_studio.core.notice.frontmatter import FormatError, load_yaml


@dataclass(frozen=True)
class Element:
    """One thing a notice must disclose under one law."""

    id: str
    law: str
    """Upper-case law id, e.g. 'GDPR', 'UK_GDPR', 'CCPA' (a jurisdiction id upper-cased)."""
    citation: str
    description: str
    keywords: tuple[str, ...] = ()
    condition: str | None = None
    """When set, the element applies only if this is true (a plain sentence)."""
    groups: tuple[str, ...] = ()
    """GDPR-family groups: art12, art13, art14, art21."""
    check: str = "keyword"
    verification: str = ""
    equivalent_to: str | None = None
    evidence: tuple[str, ...] = ()
    """Regular expressions (case-insensitive): the text that claims this element must match one.
    Without them, the element's keywords serve as evidence."""

    @property
    def jurisdiction(self) -> str:
        return self.law.lower()

    @property
    def cited(self) -> str:
        """'UK GDPR Art. 13(1)(a)': the law's name once, even when the citation already has it."""
        law = self.law.replace("_", " ")
        return self.citation if self.citation.upper().startswith(law.upper()) else f"{law} {self.citation}"


@dataclass(frozen=True)
class Law:
    id: str
    name: str
    jurisdiction: str = ""
    notes: str = ""
    inherits: str | None = None


@dataclass(frozen=True)
class Requirements:
    elements: tuple[Element, ...]
    laws: tuple[Law, ...] = ()
    gdpr_article13_element_ids: tuple[str, ...] = ()
    by_id: dict[str, Element] = field(default_factory=dict, hash=False, compare=False)

    def get(self, element_id: str) -> Element | None:
        return self.by_id.get(element_id)

    def for_law(self, law: str) -> list[Element]:
        """Elements listed under `law` (upper- or lower-case id), without inherited ones."""
        law = law.upper()
        return [e for e in self.elements if e.law == law]

    def for_jurisdictions(self, jurisdictions: list[str]) -> list[Element]:
        """Elements that apply to a notice for `jurisdictions`, including inherited laws (Norway -> GDPR)."""
        laws: list[str] = []
        inherits = {law.id: law.inherits for law in self.laws}
        for jurisdiction in jurisdictions:
            law = jurisdiction.upper()
            while law and law not in laws:
                laws.append(law)
                law = inherits.get(law) or ""
        return [e for e in self.elements if e.law in laws]


_CACHE: dict[Path, tuple[tuple[int, int], Requirements]] = {}


def load_requirements(path: str | os.PathLike[str] | None = None) -> Requirements:
    """Read requirements.yaml (default: the shipped one); cached until the file changes."""
    if path is None:
        from notice_studio.paths import requirements_file

        path = requirements_file()
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise FormatError(str(path), None, "the requirements file is missing") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    requirements = _parse(path.read_text(encoding="utf-8"), str(path))
    _CACHE[path] = (stamp, requirements)
    return requirements


def _parse(text: str, where: str) -> Requirements:
    data = load_yaml(text, where)
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise FormatError(where, None, "the file must have an 'elements' list")

    def strings(value: object) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    elements = []
    for raw in data["elements"]:
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("law"):
            raise FormatError(where, None, f"the element {raw!r} needs at least an 'id' and a 'law'")
        elements.append(
            Element(
                id=str(raw["id"]),
                law=str(raw["law"]).upper(),
                citation=str(raw.get("citation") or ""),
                description=str(raw.get("description") or ""),
                keywords=strings(raw.get("keywords")),
                condition=str(raw["condition"]) if raw.get("condition") else None,
                groups=strings(raw.get("groups")),
                check=str(raw.get("check") or "keyword"),
                verification=str(raw.get("verification") or ""),
                equivalent_to=str(raw["equivalent_to"]) if raw.get("equivalent_to") else None,
                evidence=strings(raw.get("evidence")),
            )
        )
    laws = tuple(
        Law(
            id=str(raw.get("id", "")).upper(),
            name=str(raw.get("name") or ""),
            jurisdiction=str(raw.get("jurisdiction") or ""),
            notes=str(raw.get("notes") or ""),
            inherits=str(raw["inherits"]).upper() if raw.get("inherits") else None,
        )
        for raw in data.get("laws") or []
        if isinstance(raw, dict)
    )
    return Requirements(
        elements=tuple(elements),
        laws=laws,
        gdpr_article13_element_ids=strings(data.get("gdpr_article13_element_ids")),
        by_id={e.id: e for e in elements},
    )

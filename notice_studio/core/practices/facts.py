"""The yes/no facts the inventory decides, the laws facts bring in, and the requirements a fact
waives (for counsel to confirm when a notice is created)."""

from __future__ import annotations

from dataclasses import dataclass

from notice_studio.core.library.facts import FACTS, fact_for_condition
from notice_studio.core.notice.model import Notice
from notice_studio.core.practices.model import Practices


def derived_facts(p: Practices) -> dict[str, bool]:
    """Facts that follow from the inventory; they replace what notice.yaml says."""
    facts = {
        "sells_or_shares": p.sells_or_shares,
        "sells_under_16": p.children.under_16_sold_or_shared,
        "child_directed": p.children.directed_to_children,
        "minors_directed": p.children.minors_users,
        "data_from_third_parties": any(s.kind == "third_party" for s in p.sources),
    }
    if p.legal_bases():
        facts["uses_consent"] = "consent" in p.legal_bases() or p.cookies.consent == "opt-in"
        facts["legitimate_interests"] = "legitimate_interests" in p.legal_bases()
    return facts


def effective_facts(notice: Notice) -> dict[str, bool]:
    """notice.yaml's facts with those the practices decide put in their place."""
    practices = notice.practices
    if practices is None:
        return dict(notice.facts)
    return {**notice.facts, **derived_facts(practices)}


def fact_conflicts(notice: Notice) -> list[tuple[str, bool, bool]]:
    """(fact, notice.yaml's answer, the practices' answer) wherever the two disagree."""
    if notice.practices is None:
        return []
    derived = derived_facts(notice.practices)
    return [(k, notice.facts[k], v) for k, v in derived.items() if k in notice.facts and notice.facts[k] != v]


LAWS_FOR_FACTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("child_directed", "coppa", ()),
    ("minors_directed", "ca_bpc_22581", ("ccpa", "caloppa")),
)
"""(fact, law it brings in, only when the notice already has one of these laws; () = always)."""


def laws_required(facts: dict[str, bool], jurisdictions: list[str]) -> list[tuple[str, str]]:
    """(fact, law id) for each law a true fact brings in that the notice does not list."""
    have = set(jurisdictions)
    missing: list[tuple[str, str]] = []
    for fact, law, when in LAWS_FOR_FACTS:
        if facts.get(fact) and law not in have and (not when or have & set(when)):
            missing.append((fact, law))
    return missing


@dataclass(frozen=True)
class Waiver:
    """A fact answered 'no' that makes requirements of the chosen laws not apply."""

    fact: str
    question: str
    elements: tuple[tuple[str, str, str], ...]
    """(element id, law, citation with the law's name) waived."""


def waived_requirements(facts: dict[str, bool], jurisdictions: list[str], requirements: object) -> list[Waiver]:
    """Each false fact that waives requirements of `jurisdictions`: ask counsel to confirm it."""
    by_fact: dict[str, list[tuple[str, str, str]]] = {}
    for element in requirements.for_jurisdictions(list(jurisdictions)):  # type: ignore[attr-defined]
        if not element.condition:
            continue
        fact = fact_for_condition(element.condition)
        if fact and facts.get(fact) is False:
            by_fact.setdefault(fact, []).append((element.id, element.law, element.cited))
    return [
        Waiver(fact, FACTS[fact].question if fact in FACTS else fact, tuple(elements))
        for fact, elements in by_fact.items()
    ]

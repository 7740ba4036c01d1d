"""Contradictions about transfers and children: the text denies what the practices, a fact or
another section of the notice says. The cookie and retention rules live beside this module; this
one also runs them, so `run_checks` makes one call.

Severity: an error when the practices or a fact record the opposite of the sentence (the notice
would be untrue); a warning when only another sentence of the notice, or a reading of the
practices that a person must confirm, disagrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from notice_studio.core.checks import cookie_rules
from notice_studio.core.checks.claims import Claim
from notice_studio.core.checks.claims_places import (
    not_for_children,
    transfer_claims,
    transfer_denials,
    under_16_sale_denials,
)
from notice_studio.core.checks.retention import retention
from notice_studio.core.checks.scan import Scan
from notice_studio.core.checks.text import as_typed, quote
from notice_studio.core.checks.types import Finding, Severity
from notice_studio.core.notice.model import PLACEHOLDER_RE
from notice_studio.core.practices.model import Practices
from notice_studio.core.practices.statements import SALE_STATEMENT, listed, lower_label

_EU = {
    *[
        "austria",
        "belgium",
        "bulgaria",
        "croatia",
        "cyprus",
        "czechia",
        "denmark",
        "estonia",
        "finland",
        "france",
        "germany",
        "greece",
        "hungary",
        "ireland",
        "italy",
        "latvia",
        "lithuania",
        "luxembourg",
        "malta",
        "netherlands",
        "poland",
        "portugal",
        "romania",
        "slovakia",
        "slovenia",
        "spain",
        "sweden",
    ],
    *[
        "at",
        "be",
        "bg",
        "hr",
        "cy",
        "cz",
        "dk",
        "ee",
        "fi",
        "fr",
        "de",
        "gr",
        "el",
        "hu",
        "ie",
        "it",
        "lv",
        "lt",
        "lu",
        "mt",
        "nl",
        "pl",
        "pt",
        "ro",
        "sk",
        "si",
        "es",
        "se",
    ],
    "czech republic",
    "the netherlands",
    "eu",
    "european union",
}
_EEA = _EU | {"iceland", "liechtenstein", "norway", "is", "li", "no", "eea", "european economic area"}
_UK = {"uk", "united kingdom", "gb", "great britain", "england", "scotland", "wales", "northern ireland"}
_INSIDE = {
    "eea": _EEA,
    "european economic area": _EEA,
    "eu": _EU,
    "european union": _EU,
    "uk": _UK,
    "united kingdom": _UK,
}
_FACT = {"eea": "transfers_outside_eea", "eu": "transfers_outside_eea", "uk": "transfers_outside_uk"}

_AGE_RE = re.compile(r"\d{1,2}")


def _outside(p: Practices, region: str) -> list[str]:
    """Countries the practices send data to that lie outside `region` (as written in practices.yaml)."""
    inside = _INSIDE[region]
    named = [t.to for t in p.transfers] + [c for r in p.recipients for c in r.countries]
    found = []
    for country in named:
        key = re.sub(r"\([^)]*\)", "", country).strip().lower()
        if key and key not in inside:
            found.append(country.strip())
    return list(dict.fromkeys(found))


def _at(clause_id: str, body: str, rule: str, severity: Severity, message: str, fix: str, span: Claim) -> Finding:
    return Finding(rule, severity, message, fix, clause_id, span.start, span.end, "body", body[span.start : span.end])


def _said(body: str, claim: Claim) -> str:
    return quote(as_typed(body, claim.start, claim.sentence_end), 60)


def transfers(scan: Scan, facts: dict[str, bool]) -> Iterator[Finding]:
    p = scan.notice.practices
    said_elsewhere = [(info, c) for info in scan.clauses for c in transfer_claims(info.clause.body)]
    for info in scan.clauses:
        body = info.clause.body
        for claim, region in transfer_denials(body):
            shown = _said(body, claim)
            countries = _outside(p, region) if p is not None else []
            fact = _FACT.get(region, "")
            if countries:
                yield _at(
                    info.id, body, "practice-transfer-contradicted", "error",
                    f"The text says '{shown}', but the practices record data going to {', '.join(countries)}.",
                    "Describe the transfers and their safeguards (use the clause 'international-transfers-eu'),"
                    " or correct the transfers and recipients' countries in practices.yaml or the Practices panel.",
                    claim,
                )  # fmt: skip
            elif facts.get(fact):
                yield _at(
                    info.id, body, "practice-transfer-contradicted", "error",
                    f"The text says '{shown}', but the fact '{fact}' says personal data is transferred there.",
                    f"Describe the transfers and their safeguards, or set the fact (notice-studio facts DIR {fact}=no).",
                    claim,
                )  # fmt: skip
            elif said_elsewhere:
                other, said = said_elsewhere[0]
                where = "this section" if other.id == info.id else f"section {other.number}"
                yield _at(
                    info.id, body, "transfer-text-contradicted", "warning",
                    f"The text says '{shown}', but {where} says '{_said(other.clause.body, said)}'.",
                    "Make the two sections agree, and record any transfer in practices.yaml or the Practices panel.",
                    claim,
                )  # fmt: skip


def children(scan: Scan, facts: dict[str, bool]) -> Iterator[Finding]:
    if facts.get("child_directed"):
        for info in scan.clauses:
            body = info.clause.body
            for claim, denies_both in not_for_children(body):
                yield _at(
                    info.id, body, "practice-children-contradicted", "error" if denies_both else "warning",
                    f"The text says '{_said(body, claim)}', but the practices record the service as directed to"
                    " children under 13 (or their data knowingly collected).",
                    "Use clauses written for a service directed to children (COPPA), or set"
                    " children.directed_to_children: false in practices.yaml or the Practices panel.",
                    claim,
                )  # fmt: skip
    yield from _under_16(scan)


def _minimum_age(scan: Scan) -> int | None:
    value = scan.notice.variables.get("children.minimum_age", "")
    match = _AGE_RE.fullmatch(value.strip())
    return int(match.group(0)) if match else None


def _under_16(scan: Scan) -> Iterator[Finding]:
    """'We do not knowingly sell data of consumers under 16' while users from 13 and all users' data is sold."""
    p = scan.notice.practices
    age = _minimum_age(scan)
    if p is None or age is None or age >= 16 or not p.sells_or_shares or p.children.under_16_sold_or_shared:
        return
    sold = listed([lower_label(getattr(p.category(c), "label", c)) for c in p.sold.categories + p.shared.categories])
    message = (
        "says no personal information of consumers under 16 is knowingly sold or shared, but the notice admits users"
        f" from age {age} and the practices record {sold} sold or shared with no exception for them."
    )
    fix = (
        "If users under 16 are among those whose information is sold or shared, set"
        " children.under_16_sold_or_shared: true in practices.yaml (their opt-in consent is then needed); if they"
        " are excluded, say so in the text and acknowledge this warning; or raise children.minimum_age to 16."
    )
    for info in scan.clauses:
        body = info.clause.body
        for placeholder in PLACEHOLDER_RE.finditer(body):
            if placeholder.group(1) == SALE_STATEMENT:
                yield Finding(
                    "practice-under-16-sale",
                    "warning",
                    f"The sale statement {message}",
                    fix,
                    info.id,
                    placeholder.start(),
                    placeholder.end(),
                    "body",
                    placeholder.group(0),
                )
        for claim in under_16_sale_denials(body):
            yield _at(info.id, body, "practice-under-16-sale", "warning", f"The text {message}", fix, claim)


def contradictions(scan: Scan, facts: dict[str, bool], already: Sequence[Finding]) -> list[Finding]:
    """Every rule of this module and its neighbours; skips a span an earlier rule already reported."""
    found: list[Finding] = [*transfers(scan, facts), *children(scan, facts)]
    p = scan.notice.practices
    if p is not None:
        found += retention(scan, p)
        found += cookie_rules.cookies(scan, p)
    taken = [(f.clause_id, f.start, f.end or f.start) for f in already if f.start is not None]
    return [f for f in found if not any(_overlaps(f, t) for t in taken)]


def _overlaps(f: Finding, span: tuple[str | None, int | None, int | None]) -> bool:
    clause_id, start, end = span
    if f.start is None or start is None or end is None or f.clause_id != clause_id:
        return False
    return f.start < end and start < (f.end or f.start)

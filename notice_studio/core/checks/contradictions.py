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
from notice_studio.core.checks.retention import retention
from notice_studio.core.checks.scan import Scan
from notice_studio.core.checks.text import as_typed, quote, sentences
from notice_studio.core.checks.types import Finding, Severity
from notice_studio.core.notice.model import PLACEHOLDER_RE
from notice_studio.core.practices.model import Practices
from notice_studio.core.practices.statements import SALE_STATEMENT, listed, lower_label

_NEG = r"(?:do not|don't|does not|doesn't|never|will not|won't)"
_REGION = r"(?P<region>European Economic Area|EEA|European Union|EU|United Kingdom|UK)"
_NO_TRANSFER_RE = re.compile(
    rf"(?:\bwe {_NEG} (?:transfer|send|move)\b[^.\n]{{0,60}}?\b(?:outside|beyond)"
    r"|\b(?:is|are) (?:not|never) (?:transferred|sent|moved) (?:outside|beyond)"
    r"|\b(?:stays|remains|stay|remain) (?:only |exclusively )?(?:within|inside))"
    rf" (?:of )?(?:the )?{_REGION}\b",
    re.IGNORECASE,
)
_TRANSFER_RE = re.compile(
    r"\bwe (?:may |also |sometimes |will |can |)transfer\b[^.\n]{0,80}?"
    r"\b(?:outside|abroad|other countries|those countries|countries outside|third countries|the United States)\b",
    re.IGNORECASE,
)
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

_NOT_DIRECTED_RE = re.compile(
    r"\b(?:is|are) not (?:directed|intended|aimed|targeted|designed) (?:to|at|for) (?:children|kids|anyone under)\b",
    re.IGNORECASE,
)
_NOT_KNOWINGLY_RE = re.compile(
    rf"\bwe {_NEG} knowingly collect\b[^.\n]{{0,60}}\b(?:child|children|them|under 1[36])\b", re.IGNORECASE
)
_NO_UNDER_16_RE = re.compile(
    rf"\b(?:we {_NEG}|we do not have actual knowledge that we) (?:sell|share)\b[^.\n]{{0,80}}\bunder 16\b",
    re.IGNORECASE,
)
_AGE_RE = re.compile(r"\d{1,2}")


def _region_key(region: str) -> str:
    key = region.lower()
    return {"european economic area": "eea", "european union": "eu", "united kingdom": "uk"}.get(key, key)


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


def _span(
    clause_id: str, body: str, rule: str, severity: Severity, message: str, fix: str, match: re.Match[str]
) -> Finding:
    return Finding(
        rule, severity, message, fix, clause_id, match.start(), match.end(), "body", body[match.start() : match.end()]
    )


def transfers(scan: Scan, facts: dict[str, bool]) -> Iterator[Finding]:
    p = scan.notice.practices
    said_elsewhere = [(info, m) for info in scan.clauses for m in _TRANSFER_RE.finditer(info.plain)]
    for info in scan.clauses:
        for match in _NO_TRANSFER_RE.finditer(info.plain):
            region = _region_key(match.group("region") or "")
            shown = quote(as_typed(info.clause.body, match.start(), match.end()), 60)
            countries = _outside(p, region) if p is not None else []
            fact = _FACT.get(region, "")
            if countries:
                yield _span(
                    info.id, info.clause.body, "practice-transfer-contradicted", "error",
                    f"The text says '{shown}', but the practices record data going to {', '.join(countries)}.",
                    "Describe the transfers and their safeguards (use the clause 'international-transfers-eu'),"
                    " or correct the transfers and recipients' countries in practices.yaml or the Practices panel.",
                    match,
                )  # fmt: skip
            elif facts.get(fact):
                yield _span(
                    info.id, info.clause.body, "practice-transfer-contradicted", "error",
                    f"The text says '{shown}', but the fact '{fact}' says personal data is transferred there.",
                    f"Describe the transfers and their safeguards, or set the fact (notice-studio facts DIR {fact}=no).",
                    match,
                )  # fmt: skip
            else:
                other = next(((o, m) for o, m in said_elsewhere if o.id != info.id or m.start() != match.start()), None)
                if other is not None:
                    where = "this section" if other[0].id == info.id else f"section {other[0].number}"
                    said = quote(as_typed(other[0].clause.body, other[1].start(), other[1].end()), 60)
                    yield _span(
                        info.id, info.clause.body, "transfer-text-contradicted", "warning",
                        f"The text says '{shown}', but {where} says '{said}'.",
                        "Make the two sections agree, and record any transfer in practices.yaml or the Practices panel.",
                        match,
                    )  # fmt: skip


def children(scan: Scan, facts: dict[str, bool]) -> Iterator[Finding]:
    if facts.get("child_directed"):
        for info in scan.clauses:
            for match in _NOT_DIRECTED_RE.finditer(info.plain):
                denies_both = any(
                    s.start <= match.start() < s.end and _NOT_KNOWINGLY_RE.search(info.plain[s.start : s.end])
                    for s in sentences(info.clause.body)
                )
                yield _span(
                    info.id, info.clause.body, "practice-children-contradicted", "error" if denies_both else "warning",
                    f"The text says the service '{quote(as_typed(info.clause.body, match.start(), match.end()), 50)}',"
                    " but the practices record it as directed to children under 13 (or their data knowingly collected).",
                    "Use clauses written for a service directed to children (COPPA), or set"
                    " children.directed_to_children: false in practices.yaml or the Practices panel.",
                    match,
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
                yield _span(
                    info.id,
                    body,
                    "practice-under-16-sale",
                    "warning",
                    f"The sale statement {message}",
                    fix,
                    placeholder,
                )
        for match in _NO_UNDER_16_RE.finditer(info.plain):
            yield _span(info.id, body, "practice-under-16-sale", "warning", f"The text {message}", fix, match)


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

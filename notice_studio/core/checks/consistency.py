"""Consistency: the notice must not contradict its own practices, tables or facts.

Each rule names what disagrees with what and how to fix it; all are errors (they block publishing),
because a notice that says something untrue about its practices is a deceptive notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from notice_studio.core.checks.claims import (
    SALE,
    Claim,
    limited_to,
    precise_location_denials,
    sale_claims,
    sale_denials,
)
from notice_studio.core.checks.claims_uses import (
    ai_training_denials,
    automated_denials,
    consent_claims,
)
from notice_studio.core.checks.scan import ClauseInfo, Scan
from notice_studio.core.checks.text import as_typed, per_text, plain, quote
from notice_studio.core.checks.types import Finding
from notice_studio.core.library.jurisdictions import IN_APP
from notice_studio.core.library.jurisdictions import label as law_label
from notice_studio.core.notice.model import Notice
from notice_studio.core.practices.facts import fact_conflicts, laws_required
from notice_studio.core.practices.generate import stale_tables
from notice_studio.core.practices.model import Practices
from notice_studio.core.practices.statements import stale_statements

_ADS_RE = re.compile(
    r"\bads?\b[^.\n]{0,60}\bon other (?:websites|sites|apps)\b|\bwe (?:may |also |)share\b[^.\n]{0,80}cross-context",
    re.IGNORECASE,
)
_OPT_OUT_SALE_RE = re.compile(
    r"\b(?:treat|honou?r|process|apply)\w*\b[^.\n]{0,60}\bopt(?:-| )out of the sal(?:e|ing)\b"
    r"|Do Not Sell or Share My Personal Information",
    re.IGNORECASE,
)
_DPF_RE = re.compile(r"\bData Privacy Framework\b", re.IGNORECASE)
PRACTICES_HINT = "notice-studio practices set DIR ... or the Practices panel"


def _may_hold(lower: str, *words: str) -> bool:
    """False only when the lower-cased text holds none of `words`, one of which a case-blind regex needs
    (text beyond ASCII is always searched: case-blind matching folds more letters than lower() does)."""
    return not lower.isascii() or any(w in lower for w in words)


def _finding(
    rule: str, message: str, fix: str, clause: tuple[str, str], start: int, end: int, in_app: str = ""
) -> Finding:
    clause_id, body = clause
    return Finding(rule, "error", message, fix, clause_id, start, end, "body", body[start:end], in_app=in_app)


@dataclass(frozen=True)
class ProseFacts:
    """What the prose rules need from the practices: small and hashable, so each clause's
    findings are cached until its text or these answers change."""

    sold: tuple[str, ...]
    shared: tuple[str, ...]
    sensitive: frozenset[str]
    under_16: bool
    precise_location: bool
    to_us: bool
    consent: bool
    cookie_consent: str
    automated: bool = False
    ai_training: bool = False

    @classmethod
    def of(cls, p: Practices) -> ProseFacts:
        return cls(
            tuple(p.sold.categories),
            tuple(p.shared.categories),
            frozenset(c.id for c in p.categories if c.sensitive),
            p.children.under_16_sold_or_shared,
            p.collects_precise_location(),
            p.transfers_to_us(),
            "consent" in p.legal_bases() or p.cookies.consent == "opt-in",
            p.cookies.consent,
            p.automated_decisions,
            p.ai_training,
        )


def _scope_applies(claim: Claim, p: ProseFacts) -> bool:
    """Does a denial of selling or sharing contradict the practices? Only what its object names counts."""
    blocks = ([p.sold] if claim.lemmas & SALE else []) + ([p.shared] if "share" in claim.lemmas else [])
    limit = limited_to(claim)
    if limit == "other":
        return False
    if limit == "sensitive":
        return any(p.sensitive & set(b) for b in blocks)
    if limit == "children":
        return p.under_16
    return any(blocks)


def prose_vs_practices(info: ClauseInfo, p: Practices | ProseFacts) -> tuple[Finding, ...]:
    facts = p if isinstance(p, ProseFacts) else ProseFacts.of(p)
    return _prose(info.id, info.clause.body, facts)


@per_text
def _prose(clause_id: str, body: str, p: ProseFacts) -> tuple[Finding, ...]:
    return tuple(_prose_findings(clause_id, body, p))


def _prose_findings(clause_id: str, body: str, p: ProseFacts) -> Iterator[Finding]:
    text = plain(body)
    lower = text.lower()
    for claim in sale_denials(body):
        if not _scope_applies(claim, p):
            continue
        sells, shares = bool(claim.lemmas & SALE), "share" in claim.lemmas
        what = "sold or shared" if sells and shares else "sold" if sells else "shared"
        yield _finding(
            "practice-sale-contradicted",
            f"The text says '{quote(as_typed(body, claim.start, claim.sentence_end), 60)}', but the practices record personal information {what}"
            f" ({', '.join(dict.fromkeys(p.sold + p.shared))}).",
            "Make the text say what is sold or shared (use the clause 'ccpa-disclosed-sold-shared'), "
            f"or correct 'sold'/'shared' in practices.yaml ({PRACTICES_HINT}).",
            (clause_id, body),
            claim.start,
            claim.end,
            "Make the text say what is sold or shared (use the clause 'ccpa-disclosed-sold-shared'), "
            "or correct what the Practices panel records as sold or shared.",
        )
    if not p.sold:
        for claim in sale_claims(body):
            yield _finding(
                "practice-sale-unrecorded",
                f"The text says '{quote(as_typed(body, claim.start, claim.sentence_end), 60)}', but the practices record"
                " no personal information sold.",
                "Record what is sold, to whom and why under 'sold' in practices.yaml, or remove the sentence.",
                (clause_id, body),
                claim.start,
                claim.end,
            )
    if not p.sold and not p.shared and _may_hold(lower, "on other ", "cross-context"):
        for match in _ADS_RE.finditer(text):
            yield _finding(
                "practice-advertising-unrecorded",
                f"The text describes advertising based on activity elsewhere ('{quote(as_typed(body, match.start(), match.end()), 50)}'),"
                " but the practices record nothing shared for cross-context behavioural advertising.",
                "Record the sharing under 'shared' in practices.yaml, or remove the advertising wording.",
                (clause_id, body),
                match.start(),
                match.end(),
            )
    if (
        not p.sold
        and not p.shared
        and _may_hold(lower, "out of the sal", "do not sell or share my personal information")
    ):
        for match in _OPT_OUT_SALE_RE.finditer(text):
            yield _finding(
                "practice-opt-out-without-sale",
                f"The text offers an opt-out of selling or sharing ('{quote(as_typed(body, match.start(), match.end()), 50)}'),"
                " but the practices record nothing sold or shared, so the promise is empty.",
                "Use the clause variant for a business that does not sell or share (e.g. 'dnt-gpc-no-sale'),"
                " or record the sale or sharing in practices.yaml.",
                (clause_id, body),
                match.start(),
                match.end(),
            )
    if p.precise_location:
        for claim in precise_location_denials(body):
            yield _finding(
                "practice-location-contradicted",
                f"The text says '{quote(as_typed(body, claim.start, claim.sentence_end), 60)}', but the practices record precise location collected.",
                "Correct the sentence, or remove the 'precise-location' category from practices.yaml.",
                (clause_id, body),
                claim.start,
                claim.end,
            )
    if not p.to_us and "privacy framework" in lower:
        for match in _DPF_RE.finditer(text):
            yield _finding(
                "practice-dpf-without-us",
                "The text relies on the Data Privacy Framework, but the practices record no recipient or"
                " transfer in the United States.",
                "Remove the Data Privacy Framework wording, or record the US recipient or transfer in practices.yaml.",
                (clause_id, body),
                match.start(),
                match.end(),
            )
    if p.automated and "automat" in lower:
        for claim in automated_denials(body):
            yield _finding(
                "practice-automated-contradicted",
                f"The text says '{quote(as_typed(body, claim.start, claim.sentence_end), 60)}' (no decisions made"
                " solely by automated means), but the practices record automated decisions.",
                "Use the clause 'automated-decisions' and describe them, or set automated_decisions: false"
                " in practices.yaml.",
                (clause_id, body),
                claim.start,
                claim.end,
            )
    if p.ai_training:
        for claim in ai_training_denials(body):
            yield _finding(
                "practice-ai-training-contradicted",
                f"The text says '{quote(as_typed(body, claim.start, claim.sentence_end), 60)}' (personal information"
                " not used to train AI models), but the practices record that it is.",
                "Say how personal information is used for training, or set ai_training: false in practices.yaml.",
                (clause_id, body),
                claim.start,
                claim.end,
            )
    if p.consent:
        return
    for claim in consent_claims(body):
        yield _finding(
            "practice-consent-contradicted",
            f"The text says '{quote(as_typed(body, claim.start, claim.sentence_end), 50)}', but the practices record no"
            f" processing based on consent and cookies set on an {p.cookie_consent} basis.",
            "Describe the opt-out choices the service really offers, or record the consent in practices.yaml"
            " (a purpose with legal_basis: consent, or cookies consent: opt-in).",
            (clause_id, body),
            claim.start,
            claim.end,
        )


def tables_vs_practices(notice: Notice, p: Practices) -> Iterator[Finding]:
    for name in stale_tables(notice):
        yield Finding(
            "practice-table-stale",
            "error",
            f"The table '{name}' no longer matches the practices it is made from.",
            "Regenerate it from the practices (notice-studio practices sync DIR, or save in the Practices panel).",
            None,
            location="notice",
            excerpt=name,
            in_app="Regenerate it from the practices: save them in the Practices panel.",
        )
    for name in stale_statements(notice):
        yield Finding(
            "practice-statement-stale",
            "error",
            f"The statement {{{{ {name} }}}} no longer matches the practices it is made from.",
            "Remake it from the practices (notice-studio practices sync DIR, or save in the Practices panel).",
            None,
            location="notice",
            excerpt=name,
            in_app="Remake it from the practices: save them in the Practices panel.",
        )
    for word in p.sales_without_purpose():
        yield Finding(
            "practice-sale-purpose-missing",
            "warning",
            f"The practices record personal information {word} but no purpose for it, so the notice cannot say"
            f" why it is {word}, which the CCPA requires (Cal. Civ. Code §1798.110(c)(3)).",
            f"Add the purposes under '{word}' in practices.yaml (notice-studio practices set DIR"
            f" {word}.purposes=ID, the ids under 'purposes').",
            None,
            location="notice",
            excerpt=f"{word}.purposes",
            in_app=f"Choose why it is {word} in the Practices panel.",
        )
    cookies = notice.tables.get("cookies")
    if cookies is None or p.sells_or_shares:
        return
    column = next((i for i, c in enumerate(cookies.columns) if c.strip().lower() == "category"), None)
    if column is None:
        return
    for number, row in enumerate(cookies.rows, start=1):
        if column < len(row) and row[column].strip().lower() in ("advertising", "marketing", "targeting"):
            name = row[0] if row else ""
            yield Finding(
                "practice-table-advertising",
                "error",
                f"Row {number} of the cookies table ('{name}') is an advertising cookie, but the practices record"
                " nothing sold or shared.",
                "Remove the row if the cookie is not used, or record the sharing under 'shared' in practices.yaml.",
                None,
                location="notice",
                excerpt=f"cookies:{number}",
            )


def facts_vs_laws(notice: Notice, facts: dict[str, bool]) -> Iterator[Finding]:
    for fact, law in laws_required(facts, notice.jurisdictions):
        name = law_label(law)
        yield Finding(
            "law-required-by-fact",
            "error",
            f"The fact '{fact}' is true, so {name} applies, but the notice is not written for it.",
            f"Add the law (notice-studio laws DIR --add {law}) and its clauses, or correct the fact.",
            None,
            location="notice",
            excerpt=f"{fact}:{law}",
            jurisdiction=law,
            in_app=f"Add {name} to the notice's laws in {IN_APP} and add its clauses, or correct the fact.",
        )
    for fact, said, derived in fact_conflicts(notice):
        yield Finding(
            "fact-contradicts-practices",
            "error",
            f"notice.yaml says {fact}: {str(said).lower()}, but the practices say {str(derived).lower()}.",
            "Correct the practices, or set the fact to match them (practices decide this fact).",
            None,
            location="notice",
            excerpt=fact,
        )


def consistency(scan: Scan, facts: dict[str, bool]) -> list[Finding]:
    notice = scan.notice
    found: list[Finding] = list(facts_vs_laws(notice, facts))
    p = notice.practices
    if p is None:
        return found
    prose = ProseFacts.of(p)
    for info in scan.clauses:
        found += prose_vs_practices(info, prose)
    found += tables_vs_practices(notice, p)
    return found

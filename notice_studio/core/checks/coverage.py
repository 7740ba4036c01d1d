"""Coverage: does the notice say everything each selected law requires (requirements.yaml)?

An element is satisfied by a clause whose library clause lists it under `satisfies` (or whose
front matter does) while the clause's current text still carries the element's evidence (its
`evidence` patterns, else its keywords), or - for clauses not from the library - by a keyword
found in a section about the right thing. Elements only a person can judge (check: manual) are
listed for counsel to confirm and never passed automatically. Keywords alone produce false positives, so a keyword counts only when
the clause's topics fit the element, unless the phrase is distinctive on its own.
Conditional elements follow the notice's facts: false -> not applicable; unset -> applicable,
and the finding says which fact to set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notice_studio.core.checks import keywords, sources
from notice_studio.core.checks.dates import is_stale
from notice_studio.core.checks.scan import Scan
from notice_studio.core.checks.text import per_text, plain
from notice_studio.core.checks.types import CheckContext, Coverage, Finding
from notice_studio.core.notice.model import placeholders_in, tables_in

if TYPE_CHECKING:
    from notice_studio.core.library.catalog import Library
    from notice_studio.core.library.requirements import Element, Requirements
    from notice_studio.core.library.types import LibraryClause

# Topics a section must be about for a keyword hit to count, per element (uk_gdpr_* share gdpr_*).
ELEMENT_TOPICS: dict[str, tuple[str, ...]] = {
    "gdpr_controller_identity": ("controller", "introduction", "contact", "scope"),
    "gdpr_controller_contact": ("contact", "controller"),
    "gdpr_representative": ("representative", "contact", "controller"),
    "gdpr_dpo_contact": ("dpo", "contact", "controller"),
    "gdpr_purposes": ("purposes", "legal-bases"),
    "gdpr_legal_basis": ("legal-bases", "purposes"),
    "gdpr_legitimate_interests": ("legitimate-interests", "legal-bases", "purposes"),
    "gdpr_recipients": ("sharing", "service-providers"),
    "gdpr_international_transfers": ("international-transfers", "sharing", "service-providers"),
    "gdpr_transfer_safeguards": ("international-transfers",),
    "gdpr_retention_period": ("retention",),
    "gdpr_right_access": ("rights", "right-access"),
    "gdpr_right_rectification": ("rights", "accuracy"),
    "gdpr_right_erasure": ("rights", "right-deletion"),
    "gdpr_right_restriction": ("rights", "right-restriction"),
    "gdpr_right_portability": ("rights", "right-portability"),
    "gdpr_right_object": ("rights", "right-objection"),
    "gdpr_right_object_direct_marketing": ("right-objection", "marketing", "rights"),
    "gdpr_right_withdraw_consent": ("consent", "rights", "legal-bases", "cookies", "marketing"),
    "gdpr_right_complaint_supervisory_authority": ("complaints", "rights", "contact"),
    "gdpr_statutory_contractual_requirement": ("statutory-requirement", "data-provided"),
    "gdpr_automated_decision_making": ("automated-decisions",),
    "gdpr_further_processing": ("further-processing", "purposes", "changes"),
    "gdpr_categories_of_data": ("data-provided", "data-automatic", "data-third-party", "sensitive-data"),
    "gdpr_source_of_data": ("data-third-party", "data-provided"),
    "gdpr_how_to_exercise_rights": ("rights", "contact"),
    "gdpr_transparent_form": (),
    "gdpr_joint_controller_arrangement": ("controller", "sharing"),
    "ccpa_categories_pi_collected": ("data-provided", "data-automatic"),
    "ccpa_categories_sensitive_pi": ("sensitive-data", "data-provided"),
    "ccpa_categories_sources": ("data-third-party", "data-provided", "data-automatic"),
    "ccpa_business_purposes_collection": ("purposes",),
    "ccpa_categories_pi_sold_shared": ("sharing",),
    "ccpa_third_parties_sold_shared": ("sharing",),
    "ccpa_purpose_selling_sharing": ("sharing", "purposes"),
    "ccpa_minors_under16_knowledge_statement": ("children", "sharing"),
    "ccpa_categories_pi_disclosed_business_purpose": ("sharing", "service-providers"),
    "ccpa_third_parties_disclosed": ("sharing", "service-providers"),
    "ccpa_purpose_disclosing": ("sharing", "service-providers"),
    "ccpa_sensitive_pi_use_statement": ("sensitive-data",),
    "ccpa_retention_per_category": ("retention",),
    "ccpa_right_to_know": ("rights", "right-access"),
    "ccpa_right_to_delete": ("rights", "right-deletion"),
    "ccpa_right_to_correct": ("rights", "accuracy"),
    "ccpa_right_opt_out_sale_sharing": ("rights", "sharing"),
    "ccpa_right_limit_sensitive_pi": ("rights", "sensitive-data"),
    "ccpa_right_non_discrimination": ("rights",),
    "ccpa_methods_submit_requests": ("rights", "contact"),
    "ccpa_do_not_sell_share_link": ("rights", "sharing"),
    "ccpa_limit_sensitive_pi_link": ("rights", "sensitive-data"),
    "ccpa_verification_process": ("rights",),
    "ccpa_opt_out_preference_signal": ("dnt-gpc", "rights", "cookies"),
    "ccpa_authorized_agent": ("rights",),
    "ccpa_minors_opt_in_process": ("children",),
    "ccpa_contact_for_questions": ("contact",),
    "ccpa_date_last_updated": (),
    "ccpa_annual_update": (),
    "ccpa_metrics_disclosure": ("rights",),
    "ccpa_financial_incentive_notice": ("purposes",),
    "caloppa_categories_pii_and_third_parties": ("data-provided", "sharing"),
    "caloppa_review_change_process": ("rights", "accuracy"),
    "caloppa_change_notification": ("changes",),
    "caloppa_effective_date": (),
    "caloppa_do_not_track_response": ("dnt-gpc", "cookies"),
    "caloppa_third_party_tracking": ("cookies", "dnt-gpc", "sharing"),
    "ca_minor_content_removal": ("california-minors", "children"),
    "pipeda_accountable_person": ("contact", "dpo", "controller"),
    "pipeda_access_means": ("rights", "right-access"),
    "pipeda_types_and_use": ("data-provided", "purposes"),
    "pipeda_policies_available": ("contact", "introduction", "scope"),
    "pipeda_related_organizations": ("sharing",),
    "pipeda_purposes_identified": ("purposes",),
    "pipeda_consent_withdrawal": ("consent", "rights"),
    "pipeda_challenging_compliance": ("complaints", "contact"),
    "pipeda_accuracy_correction": ("accuracy", "rights"),
    "pipeda_cross_border_processing": ("international-transfers",),
    "bc_pipa_purposes_notice": ("purposes",),
    "bc_pipa_contact_person": ("contact", "dpo"),
    "bc_pipa_policies_and_complaint_process": ("complaints", "contact"),
    "bc_pipa_deemed_consent_opt_out": ("consent", "marketing"),
    "bc_pipa_withdraw_consent": ("consent", "rights"),
    "bc_pipa_access_correction": ("rights", "right-access", "accuracy"),
    "lgpd_specific_purpose": ("purposes",),
    "lgpd_form_and_duration": ("retention", "purposes"),
    "lgpd_controller_identity": ("controller", "introduction"),
    "lgpd_controller_contact": ("contact", "controller"),
    "lgpd_shared_use": ("sharing",),
    "lgpd_agent_responsibilities": ("controller", "sharing", "service-providers", "processor-role"),
    "lgpd_data_subject_rights": ("rights",),
    "lgpd_condition_of_service_highlight": ("statutory-requirement", "purposes"),
    "lgpd_consent_refusal_consequences": ("consent", "rights"),
    "lgpd_dpo_encarregado": ("dpo", "contact"),
    "lgpd_automated_decision_review": ("automated-decisions", "rights"),
    "no_complaint_datatilsynet": ("complaints", "rights"),
    "no_child_consent_age": ("children", "consent"),
    "coppa_operator_contact": ("contact",),
    "coppa_info_collected": ("data-provided",),
    "coppa_use_of_info": ("purposes",),
    "coppa_disclosure_practices": ("sharing",),
    "coppa_parental_rights": ("rights",),
    "coppa_retention_policy": ("retention",),
    "coppa_persistent_identifiers_internal_ops": ("cookies", "data-automatic"),
    "coppa_audio_files": ("data-provided",),
}
# A section for one law's readers ("California residents") is context for all that law's elements.
LAW_TOPICS: dict[str, tuple[str, ...]] = {
    "CCPA": ("california",),
    "CALOPPA": ("california",),
    "CA_BPC_22581": ("california", "california-minors"),
    "PIPEDA": ("canada",),
    "BC_PIPA": ("canada",),
    "LGPD": ("brazil",),
    "NO_PDA": ("norway",),
    "COPPA": ("children",),
}
# Plain-language phrasings the reference keywords miss (our own additions; hints like the rest).
EXTRA_KEYWORDS: dict[str, tuple[str, ...]] = {
    "gdpr_right_access": ("ask for a copy", "copy of your information", "copy of the information"),
    "uk_gdpr_right_access": ("ask for a copy", "copy of your information", "copy of the information"),
    "pipeda_access_means": ("ask for a copy",),
    # the reference list has the verb and one noun; notices write the other forms as often
    "ccpa_right_non_discrimination": ("discrimination", "discriminatory", "nondiscrimination"),
    "ccpa_verification_process": ("verify",),
}
_SALE_PURPOSE = "ccpa_purpose_selling_sharing"
"""Covered by a library clause only when the practices give a purpose for what is sold or shared."""
GENERATED = "generated"
"""Evidence for date elements: the app prints the 'Last updated' line itself."""


def element_topics(element: Element) -> frozenset[str]:
    element_id: str = element.id
    key = element_id[3:] if element_id.startswith("uk_gdpr_") else element_id
    return frozenset(ELEMENT_TOPICS.get(key, ())) | frozenset(LAW_TOPICS.get(element.law, ()))


def main_topics(element: Element) -> frozenset[str]:
    """The element's own topic (first listed) and its law's section topics."""
    element_id: str = element.id
    key = element_id[3:] if element_id.startswith("uk_gdpr_") else element_id
    own = ELEMENT_TOPICS.get(key, ())
    return frozenset(own[:1]) | frozenset(LAW_TOPICS.get(element.law, ()))


@dataclass(frozen=True, eq=False)
class _Index:
    """Compared (and hashed) by identity, so results can be cached per index and text."""

    keywords: keywords.KeywordIndex
    topics: dict[str, frozenset[str]]
    main: dict[str, frozenset[str]]
    evidence: dict[str, re.Pattern[str]]
    elements: dict[str, object]


def _evidence_pattern(element: object) -> re.Pattern[str] | None:
    """The element's evidence as one pattern: its `evidence` regexes, else its keywords."""
    patterns = list(getattr(element, "evidence", ()) or ())
    if not patterns:
        element_id = str(getattr(element, "id", ""))
        words = [k for k in (*getattr(element, "keywords", ()), *EXTRA_KEYWORDS.get(element_id, ())) if k.strip()]
        patterns = [(r"(?<!\w)" if k[:1].isalnum() else "") + re.escape(k) for k in words]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@per_text
def evidence_text(body: str) -> str:
    """What evidence is looked for in: the text (not the title: a heading alone says nothing)
    without markup, with placeholder names and embedded tables spelled out ('table:cookies')."""
    names = " ".join(placeholders_in(body)) + " " + " ".join(f"table:{t}" for t in tables_in(body))
    return f"{' '.join(plain(body).split())}\n{names}"


@per_text
def _carries(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


def citation_of(element: object) -> str:
    """'UK GDPR Art. 13(1)(a)' (Element.cited: the law's name once)."""
    return str(element.cited)  # type: ignore[attr-defined]


_INDEXES: dict[int, tuple[Requirements, _Index]] = {}


def _index(requirements: Requirements) -> _Index:
    cached = _INDEXES.get(id(requirements))
    if cached is not None and cached[0] is requirements:
        return cached[1]
    elements = sources.all_elements(requirements)
    patterns = {e.id: _evidence_pattern(e) for e in elements}
    index = _Index(
        keywords.build(elements, EXTRA_KEYWORDS),
        {e.id: element_topics(e) for e in elements},
        {e.id: main_topics(e) for e in elements},
        {k: v for k, v in patterns.items() if v is not None},
        {e.id: e for e in elements},
    )
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    _INDEXES[id(requirements)] = (requirements, index)
    return index


def claimed(scan: Scan, requirements: Requirements | None = None) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Element id -> clause ids whose library clause (or front matter) claims it and whose text
    still carries its evidence; and the (clause id, element id) claims whose text lost it."""
    index = _index(requirements) if requirements is not None else None
    found: dict[str, list[str]] = {}
    lost: list[tuple[str, str]] = []
    for info in scan.clauses:
        claims = set(sources.clause_satisfies(info.library_clause))
        extra = info.clause.meta.get("satisfies")
        if isinstance(extra, list):
            claims |= {str(e) for e in extra}
        text = evidence_text(info.clause.body) if claims else ""
        for element_id in sorted(claims):
            pattern = index.evidence.get(element_id) if index is not None else None
            if pattern is not None and not _carries(pattern, text):
                lost.append((info.id, element_id))
                continue
            found.setdefault(element_id, []).append(info.id)
    return found, lost


def detected(scan: Scan, requirements: Requirements, wanted: set[str]) -> dict[str, list[str]]:
    """Element id -> clause ids (not from the library) whose text shows the element."""
    index = _index(requirements)
    found: dict[str, list[str]] = {}
    for info in scan.clauses:
        if info.library_clause is not None:
            continue  # a library clause says what it satisfies; its words prove nothing more
        # Each clause is visited once: an element it shows twice is listed once, without
        # searching the list of clauses already found (quadratic on a 13,000-section notice).
        for element_id in dict.fromkeys(_shown(index, info.clause.title, info.plain, info.topics)):
            if element_id in wanted:
                found.setdefault(element_id, []).append(info.id)
    return found


@per_text
def _shown(index: _Index, title: str, plain: str, topics: frozenset[str]) -> tuple[str, ...]:
    """Element ids that a section's title and plain text, in a section about `topics`, show by
    their keywords. Title and text are passed apart: the cache then hashes the strings the scan
    keeps (each hashed once) instead of a new joined copy of every section on every run."""
    shown = []
    for keyword in keywords.hits(index.keywords, title + "\n" + plain):
        strong = keyword in index.keywords.strong
        wanted_topics = index.main if keyword in index.keywords.generic else index.topics
        for element_id in index.keywords.elements.get(keyword, ()):
            if strong or wanted_topics.get(element_id, frozenset()) & topics:
                shown.append(element_id)
    return tuple(shown)


def coverage(
    scan: Scan, ctx: CheckContext, facts: dict[str, bool] | None = None, *, reads_wording: bool = True
) -> tuple[list[Coverage], list[Finding]]:
    """Coverage per law and its findings; `facts`: the notice's facts with the practices' applied.
    Without `reads_wording` (a notice not in English) no text is read: a clause's claim counts as
    it is, and what no clause claims is listed for counsel to confirm, never reported missing."""
    requirements = ctx.requirements
    notice = scan.notice
    facts = notice.facts if facts is None else facts
    jurisdictions = [j.strip().lower() for j in notice.jurisdictions if j.strip()]
    if requirements is None or not jurisdictions:
        return [], []
    per_law = {j: sources.elements_for(requirements, j) for j in jurisdictions}
    wanted = {e.id for elements in per_law.values() for e in elements}
    claims, lost = claimed(scan, requirements if reads_wording else None)
    if notice.practices is not None and notice.practices.sales_without_purpose():
        claims.pop(_SALE_PURPOSE, None)  # a clause's table or statement gives no purpose the practices lack
    seen = detected(scan, requirements, wanted) if reads_wording else {}

    def for_a_person(element: Element) -> bool:
        """Only a person can judge it, or it is in words the checks cannot read and no clause claims it."""
        return element.check == "manual" or (
            not reads_wording and element.check != "date" and not claims.get(element.id)
        )

    asked = _asked_once(requirements, per_law, facts, for_a_person)
    results: list[Coverage] = []
    missing_all: list[tuple[str, Element, str | None, bool]] = []
    for jurisdiction, elements in per_law.items():
        satisfied, missing, not_applicable, manual = [], [], [], []
        confirmed_with: list[tuple[str, str, str]] = []
        assumed: list[tuple[str, str]] = []
        evidence: list[tuple[str, tuple[str, ...]]] = []
        for element in elements:
            fact, applies = _applies(element, facts)
            if not applies:
                not_applicable.append(element.id)
                continue
            if element.check == "date":
                if _date_ok(element.id, ctx):
                    satisfied.append(element.id)
                    evidence.append((element.id, (GENERATED,)))
                else:
                    missing.append(element.id)  # reported by the 'last updated' rule
                continue
            if element.condition and fact_value(facts, fact) is None:
                assumed.append((element.id, fact or ""))
            if for_a_person(element):  # for counsel to confirm; a clause's claim proves nothing
                by, as_id = asked.get(confirm_key(requirements, element), (jurisdiction, element.id))
                if by == jurisdiction:
                    manual.append(element.id)
                else:
                    confirmed_with.append((element.id, as_id, by))
                continue
            clauses = list(dict.fromkeys(claims.get(element.id, []) + seen.get(element.id, [])))
            if clauses:
                satisfied.append(element.id)
                evidence.append((element.id, tuple(clauses)))
            else:
                missing.append(element.id)
                unset = bool(element.condition) and fact_value(facts, fact) is None
                missing_all.append((jurisdiction, element, fact, unset))
        results.append(
            Coverage(
                jurisdiction=jurisdiction,
                law=jurisdiction.upper(),
                satisfied=tuple(satisfied),
                missing=tuple(missing),
                not_applicable=tuple(not_applicable),
                manual=tuple(manual),
                assumed=tuple(assumed),
                evidence=tuple(evidence),
                confirmed_with=tuple(confirmed_with),
            )
        )
    lost_findings = list(_lost_findings(scan, requirements, lost, {e for r in results for e in r.missing}))
    reported = {f.element_id for f in lost_findings}
    missing_all = [m for m in missing_all if m[1].id not in reported]
    return results, lost_findings + list(_missing_findings(missing_all, ctx))


def confirm_key(requirements: Requirements, element: Element) -> str:
    """The element a person confirms for `element`: the one it repeats word for word under an
    equivalent law (uk_gdpr_transparent_form -> gdpr_transparent_form), else itself."""
    from notice_studio.core.library.jurisdictions import equivalent_root

    seen = {element.id}
    while element.equivalent_to and element.equivalent_to not in seen:
        other = requirements.get(element.equivalent_to)
        same_law = equivalent_root(element.jurisdiction) == equivalent_root(other.jurisdiction) if other else False
        if other is None or not same_law or other.description != element.description:
            break
        seen.add(other.id)
        element = other
    return element.id


def _asked_once(
    requirements: Requirements,
    per_law: dict[str, list[Element]],
    facts: dict[str, bool],
    for_a_person: Callable[[Element], bool],
) -> dict[str, tuple[str, str]]:
    """For each requirement only a person can judge (`for_a_person`): (the law it is asked under, the
    element id asked). Asked once for equivalent laws, under the law the others follow when the notice has it."""
    from notice_studio.core.library.jurisdictions import equivalent_root

    asked: dict[str, tuple[str, str]] = {}
    order = sorted(per_law, key=lambda j: equivalent_root(j) != j)  # stable: the GDPR before its followers
    for jurisdiction in order:
        for element in per_law[jurisdiction]:
            if for_a_person(element) and _applies(element, facts)[1]:
                asked.setdefault(confirm_key(requirements, element), (jurisdiction, element.id))
    return asked


def shared_confirmations(coverage: Coverage) -> str:
    """'1 confirmed once with GDPR': the elements of `coverage` asked under an equivalent law ('' for none)."""
    from notice_studio.core.library.jurisdictions import short_name

    laws = list(dict.fromkeys(by for _e, _as, by in coverage.confirmed_with))
    if not laws:
        return ""
    return f"{len(coverage.confirmed_with)} confirmed once with {' and '.join(short_name(j) for j in laws)}"


def _lost_findings(
    scan: Scan, requirements: Requirements, lost: list[tuple[str, str]], missing: set[str]
) -> Iterable[Finding]:
    """A warning for each claim whose clause text no longer carries the element (when nothing
    else in the notice covers it)."""
    elements = _index(requirements).elements
    for clause_id, element_id in lost:
        element = elements.get(element_id)
        if element is None or element_id not in missing:
            continue
        info = scan.by_id[clause_id]
        citation = citation_of(element)
        description = str(element.description).rstrip(".")  # type: ignore[attr-defined]
        source = sources.clause_id(info.library_clause) if info.library_clause is not None else clause_id
        yield Finding(
            "coverage-evidence-missing",
            "warning",
            f"Section {info.number} '{info.clause.title}' no longer says what {citation} requires"
            f" ({description[:1].lower() + description[1:]}), so it no longer covers it.",
            f"Put the missing content back (compare with the library clause '{source}'), or acknowledge"
            " this warning with a reason when publishing.",
            clause_id,
            None,
            None,
            "body",
            element_id,
            element_id=element_id,
            citation=citation,
            jurisdiction=str(element.law).lower(),  # type: ignore[attr-defined]
        )


def fact_value(facts: dict[str, bool], fact: str | None) -> bool | None:
    if not fact or fact not in facts:
        return None
    return bool(facts[fact])


def _applies(element: Element, facts: dict[str, bool]) -> tuple[str | None, bool]:
    """(fact key, applies?) for an element; unset facts and unmapped conditions apply."""
    condition = getattr(element, "condition", None)
    if not condition:
        return None, True
    fact = sources.fact_for_condition(condition)
    return fact, fact_value(facts, fact) is not False


def _date_ok(element_id: str, ctx: CheckContext) -> bool:
    if not ctx.published_version:
        return True  # publishing prints the date it is given
    if ctx.last_published is None:
        return False
    if element_id == "ccpa_annual_update":
        return not is_stale(ctx.last_published, ctx.today)
    return True


def _missing_findings(missing: Iterable[tuple[str, Element, str | None, bool]], ctx: CheckContext) -> Iterator[Finding]:
    """One warning per missing element; `unset`: applies only because its fact is not set."""
    missing = list(missing)
    missing_ids = {element.id for _, element, _, _ in missing}
    reported: set[str] = set()
    for jurisdiction, element, fact, unset in missing:
        element_id: str = element.id
        if element_id in reported:
            continue  # GDPR elements reached through both 'gdpr' and 'no_pda'
        reported.add(element_id)
        citation = citation_of(element)
        description = element.description.rstrip(".")
        description = description[:1].lower() + description[1:] if description[1:2].islower() else description
        unless = ""
        if unset:
            if fact:
                unless = f", which applies unless the fact '{fact}' is false"
            else:
                unless = f", which applies only if: {element.condition}"
        suggestion = _suggest(ctx.library, element_id, jurisdiction, missing_ids)
        if suggestion is not None:
            fix = (
                f"Insert the library clause '{sources.clause_id(suggestion)}' "
                f"({sources.clause_title(suggestion)}), or write a section that covers it."
            )
        else:
            fix = "Write a section that covers it."
        if unset and fact:
            question = sources.fact_question(fact)
            fix += (
                f' If the answer to "{question}" is no, answer it (notice-studio facts DIR {fact}=no).'
                if question
                else (f" If it does not apply, answer it (notice-studio facts DIR {fact}=no).")
            )
        yield Finding(
            "coverage-missing",
            "warning",
            f"The notice does not cover {citation}: {description}{unless}.",
            fix,
            None,
            None,
            None,
            "notice",
            element_id,
            element_id=element_id,
            citation=citation,
            jurisdiction=jurisdiction,
            suggestion=sources.clause_id(suggestion) if suggestion is not None else None,
        )


def _suggest(
    library: Library | None, element_id: str, jurisdiction: str, missing_ids: set[str]
) -> LibraryClause | None:
    """The library clause for the law that fills most of the notice's gaps, then the narrowest."""
    candidates = sources.satisfying(library, element_id, jurisdiction)
    if not candidates:
        return None

    def rank(clause: LibraryClause) -> tuple[int, int, str]:
        satisfies = set(sources.clause_satisfies(clause))
        specific = 0 if jurisdiction in getattr(clause, "jurisdictions", ()) else 1
        return (-len(satisfies & missing_ids), specific, sources.clause_id(clause))

    return min(candidates, key=rank)

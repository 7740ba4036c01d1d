"""The rule catalogue: every rule id the checks can report, its usual severity and what it means."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    """The usual severity; a few rules report less when the problem is less certain (see docs)."""
    title: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("placeholder-unfilled", "error", "A placeholder has no value"),
        Rule("placeholder-malformed", "error", "Something looks like a placeholder but is not written {{ name }}"),
        Rule("drafting-marker", "error", "A drafting marker ([insert ...], [TBD], XX, [●]) is left in"),
        Rule("contact-missing", "error", "Contact details are promised but none follow"),
        Rule("contact-email-missing", "warning", "Readers are told to e-mail, but the notice gives no e-mail address"),
        Rule("notice-empty", "error", "The notice has no sections"),
        Rule("clause-empty", "error", "A section has no text"),
        Rule("clause-too-large", "error", "A section is too long to check (over a million characters)"),
        Rule("table-missing", "error", "A section embeds a table the notice does not have"),
        Rule("table-empty", "warning", "An embedded table has no rows"),
        Rule("heading-duplicate", "warning", "Two sections have the same heading (info when not siblings)"),
        Rule("title-number", "info", "A title starts with a typed section number"),
        Rule("numbering-gap", "warning", "Typed section numbers skip, repeat or go backwards"),
        Rule("crossref-broken", "error", "A cross-reference points to a section that is not in the notice"),
        Rule("crossref-typed-broken", "warning", "A typed 'section N' names a number no section has"),
        Rule("link-in-page-broken", "warning", "A link to a place on the page leads to no section of the notice"),
        Rule(
            "crossref-typed-stale", "warning", "A typed 'section N' from an imported document now names another number"
        ),
        Rule(
            "crossref-named-broken",
            "warning",
            "The text names a section, a table or contact details the notice does not contain",
        ),
        Rule("crossref-topic", "warning", "A reference points to a section about something else"),
        Rule("term-undefined", "warning", "A capitalised term is used as if defined, but is not"),
        Rule("term-unused", "warning", "A term is defined but never used"),
        Rule("organisation-name", "warning", "The organisation is named inconsistently"),
        Rule("coverage-missing", "warning", "A disclosure a selected law requires is missing"),
        Rule(
            "rights-law-not-applied",
            "warning",
            "The notice cites rights under a law (a 'California rights' section) it is not written for",
        ),
        Rule(
            "coverage-evidence-missing",
            "warning",
            "A library clause no longer says what it was credited with (its text lost the required content)",
        ),
        Rule(
            "clause-law-not-applied",
            "warning",
            "A library clause is written only for laws the notice does not apply",
        ),
        Rule("table-cell-invalid", "error", "A table cell is missing or not allowed (e.g. an unknown cookie category)"),
        Rule("practice-sale-contradicted", "error", "The text says nothing is sold or shared; the practices say it is"),
        Rule("practice-sale-unrecorded", "error", "The text says information is sold; the practices record no sale"),
        Rule(
            "practice-advertising-unrecorded",
            "error",
            "The text describes cross-context advertising; the practices record no sharing",
        ),
        Rule(
            "practice-opt-out-without-sale",
            "error",
            "The text offers an opt-out of sale or sharing; the practices record none",
        ),
        Rule(
            "practice-location-contradicted",
            "error",
            "The text denies collecting precise location; the practices collect it",
        ),
        Rule("practice-dpf-without-us", "error", "The Data Privacy Framework is claimed with no US recipient"),
        Rule(
            "practice-consent-contradicted",
            "error",
            "The text says processing relies on consent; the practices record none",
        ),
        Rule(
            "practice-automated-contradicted",
            "error",
            "The text denies solely automated decisions; the practices record them",
        ),
        Rule(
            "practice-ai-training-contradicted",
            "error",
            "The text denies using personal information to train AI; the practices record it",
        ),
        Rule(
            "practice-sale-purpose-missing",
            "warning",
            "The practices record information sold or shared with no purpose",
        ),
        Rule(
            "practice-purpose-unnamed",
            "warning",
            "A recorded purpose is named in no section on purposes and legal bases (GDPR Art. 13(1)(c))",
        ),
        Rule(
            "practice-recipient-unnamed",
            "warning",
            "A recorded kind of recipient is named in no section on recipients (GDPR Art. 13(1)(e))",
        ),
        Rule("practice-table-stale", "error", "A table made from the practices no longer matches them"),
        Rule("practice-statement-stale", "error", "A statement made from the practices no longer matches them"),
        Rule(
            "practice-table-advertising",
            "error",
            "The cookies table lists advertising cookies; the practices record nothing shared",
        ),
        Rule("law-required-by-fact", "error", "A fact brings in a law the notice is not written for"),
        Rule("fact-contradicts-practices", "error", "A fact in notice.yaml disagrees with the practices"),
        # Retention, transfers, children and cookies (contradictions.py and its neighbours).
        Rule("practice-retention-contradicted", "error", "The text gives a retention period the practices do not"),
        Rule(
            "practice-retention-differs",
            "warning",
            "A retention period in the text may disagree with the practices or with another sentence",
        ),
        Rule("practice-transfer-contradicted", "error", "The text denies transfers the practices or a fact record"),
        Rule("transfer-text-contradicted", "warning", "The text denies transfers another section describes"),
        Rule(
            "practice-children-contradicted",
            "error",
            "The text says the service is not for children; the practices say it is (warning when only partly)",
        ),
        Rule(
            "practice-under-16-sale",
            "warning",
            "The notice denies selling data of under-16s while admitting them and selling all users' data",
        ),
        Rule(
            "practice-cookie-consent-contradicted",
            "error",
            "The text describes cookie consent the other way round from the practices",
        ),
        Rule(
            "practice-cookie-category-unrecorded",
            "error",
            "The cookies table (error) or text (warning) names a cookie category the practices do not record",
        ),
        Rule(
            "practice-cookie-category-unlisted",
            "warning",
            "The practices record a cookie category the notice never mentions",
        ),
        Rule("cookie-name-unlisted", "warning", "The text names a cookie the cookies table does not list"),
        Rule("readability", "info", "A section is hard to read"),
        Rule("last-updated-missing", "info", "No 'Last updated' date (error for a published version)"),
        Rule("last-updated-stale", "warning", "The CCPA 'Last updated' date is over 12 months old (info for drafts)"),
        Rule("last-updated-typed", "warning", "A 'Last updated' or effective date is typed into the text"),
        Rule("wording-not-read", "info", "The notice is not in English, which is all the wording checks can read"),
    )
}

_SAID_AGAINST_PRACTICES = (
    "practice-sale-contradicted",
    "practice-sale-unrecorded",
    "practice-advertising-unrecorded",
    "practice-opt-out-without-sale",
    "practice-location-contradicted",
    "practice-dpf-without-us",
    "practice-consent-contradicted",
    "practice-automated-contradicted",
    "practice-ai-training-contradicted",
)
"""What the text says, read against the practices (English phrases: 'we do not sell')."""

FAMILIES: dict[str, tuple[str, ...]] = {
    "drafting": (
        "placeholder-unfilled",
        "placeholder-malformed",
        "drafting-marker",
        "contact-missing",
        "contact-email-missing",
        "clause-empty",
        "notice-empty",
        "clause-too-large",
        "table-missing",
        "table-empty",
        "heading-duplicate",
        "title-number",
        "numbering-gap",
    ),
    "references": (
        "crossref-broken",
        "crossref-typed-broken",
        "crossref-typed-stale",
        "crossref-named-broken",
        "crossref-topic",
        "link-in-page-broken",
    ),
    "terms": ("term-undefined", "term-unused", "organisation-name"),
    "coverage": ("coverage-missing", "coverage-evidence-missing", "rights-law-not-applied", "clause-law-not-applied"),
    "tables": ("table-cell-invalid",),
    "consistency": (
        *_SAID_AGAINST_PRACTICES,
        "practice-sale-purpose-missing",
        "practice-purpose-unnamed",
        "practice-recipient-unnamed",
        "practice-table-stale",
        "practice-statement-stale",
        "practice-table-advertising",
        "law-required-by-fact",
        "fact-contradicts-practices",
    ),
    "contradictions": (
        "practice-retention-contradicted",
        "practice-retention-differs",
        "practice-transfer-contradicted",
        "transfer-text-contradicted",
        "practice-children-contradicted",
        "practice-under-16-sale",
        "practice-cookie-consent-contradicted",
        "practice-cookie-category-unrecorded",
        "practice-cookie-category-unlisted",
        "cookie-name-unlisted",
    ),
    "readability": ("readability",),
    "dates": ("last-updated-missing", "last-updated-stale", "last-updated-typed"),
    "language": ("wording-not-read",),
}
"""Rule families; a CheckContext.skip entry may name a family or a rule id."""

ENGLISH_WORDING: frozenset[str] = frozenset(
    {
        *FAMILIES["terms"],
        *FAMILIES["contradictions"],
        *FAMILIES["readability"],
        "contact-missing",
        "contact-email-missing",
        "crossref-typed-broken",
        "crossref-typed-stale",
        "crossref-named-broken",
        "crossref-topic",
        "rights-law-not-applied",
        "coverage-evidence-missing",
        *_SAID_AGAINST_PRACTICES,
        "practice-purpose-unnamed",
        "practice-recipient-unnamed",
        "last-updated-typed",
    }
) - {"practice-cookie-category-unrecorded"}
"""The rules that read the text for English words and phrases ('we do not sell', 'see section 3',
'"Services" means', reading ease by English syllables): silent on a notice in another language, where
one 'wording-not-read' note says so. The cookies table's categories are data, not wording, so
practice-cookie-category-unrecorded still runs; coverage reads no text there either (core.checks.coverage)."""

"""Topic tagging: which library topics an imported section covers, and the words that show it.

Rules, not guesses: a section's title is the main evidence (a title pattern per topic); its
text adds topics only through specific phrases ("right to erasure", "standard contractual
clauses"). The evidence is kept in plain words so counsel can see why a tag is there.
"""

from __future__ import annotations

import re
from functools import cache

import yaml

from notice_studio.core.library.jurisdictions import LAW_NAMES

# Title patterns: the heading says what the section is about.
TITLE_RULES: dict[str, str] = {
    "introduction": r"\bintroduc|\boverview\b|\babout this (?:privacy )?(?:notice|policy|statement)|\bwelcome\b|\bsummary\b|\bat a glance\b|\bpurpose of this",
    "scope": r"\bscope\b|\bwho (?:this|our) (?:notice|policy) (?:applies|is for|covers)|\bwhat this (?:notice|policy) covers|\bapplication of this",
    "definitions": r"\bdefinitions?\b|\bglossary\b|\bkey terms\b|\binterpretation\b|\bwhat we mean\b|\bterms we use\b",
    "controller": r"\bwho (?:we are|are we|is responsible|is in charge)|\babout us\b|\bcontroller\b|\bour details\b|\bresponsible for (?:your|the)",
    "representative": r"\brepresentatives?\b",
    "dpo": r"data protection officer|\bdpo\b",
    "data-provided": r"\bcollect|information (?:you|that you) (?:give|provide)|data (?:you|that you) (?:give|provide)|what (?:personal )?(?:data|information)|types? of (?:personal )?(?:data|information)|categories of (?:personal )?(?:data|information)|(?:data|information) we (?:hold|process|have)\b",
    "data-automatic": r"automatic|\bdevice\b|\blog (?:data|files)|\busage (?:data|information)|\btechnical (?:data|information)",
    "data-third-party": r"(?:from|by) (?:third parties|other sources|others|our partners)|\bother sources\b|\bsources of\b|\bwe receive\b|\bobtain",
    "sensitive-data": r"sensitive|special categor|health (?:data|information)|biometric",
    "purposes": r"how (?:we|do we) use|\bwhy (?:we|do we) (?:use|process|collect|need)|\bpurposes?\b|\buses? of (?:your )?(?:personal )?(?:data|information)|what (?:we|do we) (?:do|use)",
    "legal-bases": r"legal bas[ie]s|lawful bas[ie]s|legal grounds?|grounds for (?:using|processing)|\blawful\b",
    "legitimate-interests": r"legitimate interest",
    "further-processing": r"new purposes?|further processing|change of purpose|other purposes",
    "statutory-requirement": r"(?:must|have to|required to|obliged to|need to) (?:you )?(?:give|provide)|do you have to|failure to provide|statutory|contractual requirement|if you do not (?:give|provide)",
    "processor-role": r"\bprocessor\b|on behalf of (?:our )?(?:customers|clients)|\bcustomer data\b|as a processor",
    "sharing": r"\bshar(?:e|es|ed|ing)\b|disclos|recipients?|who (?:we|do we) (?:give|pass|send)|who (?:has|can) access|(?:pass|give|send) (?:your )?(?:data|information)",
    "service-providers": r"service providers?|sub-?processors?|\bsuppliers\b|\bvendors\b|processors we use",
    "international-transfers": r"international|\btransfer|outside (?:the )?(?:uk|eea|eu|european|united kingdom)|overseas|abroad|cross-border|where (?:we|do we) (?:store|keep|process)",
    "cookies": r"cookie|tracking technolog|similar technolog|\bpixels?\b|web beacons?|\banalytics\b|\btracking\b",
    "cookie-table": r"(?:list|table) of cookies|cookies we use|cookie list|which cookies|cookies used",
    "dnt-gpc": r"do not track|global privacy control|\bgpc\b|\bdnt\b",
    "consent": r"\bconsent\b|\bwithdraw",
    "accuracy": r"accura|up to date|\bcorrect(?:ion|ing)?\b|rectif",
    "security": r"securi|protect(?:ing|ion)? (?:your|the|of)|keep(?:ing)? (?:your )?(?:data|information) safe|\bsafeguard",
    "rights": r"\brights?\b|your choices|your options|what you can do|control over your|access(?:ing)? and (?:updating|correcting|control)",
    "right-access": r"right (?:of|to) access|\baccess(?:ing)? (?:to )?your|subject access|copy of your",
    "right-deletion": r"delet|erasure|right to be forgotten",
    "right-restriction": r"restrict",
    "right-portability": r"portab",
    "right-objection": r"\bobject(?:ing|ion)?\b",
    "automated-decisions": r"automated (?:decision|individual)|profiling",
    "complaints": r"complain|supervisory authority|\bregulator\b|\bico\b",
    "california": r"california|\bccpa\b|\bcpra\b",
    "california-minors": r"california minors|(?:users|residents) under (?:the age of )?18|minors? in california",
    "children": r"child|\bminors?\b|under (?:the age of )?1[3-8]\b|\bkids\b|young people|\bage\b",
    "canada": r"canad|pipeda|quebec|qu[ée]bec",
    "brazil": r"brazil|lgpd",
    "norway": r"norw",
    "third-party-links": r"links? to (?:other|third)|third[- ]party (?:sites|websites|links|services)|other (?:websites|sites)|external (?:links|sites|websites)",
    "retention": r"how long|retention|\bretain|keep(?:ing)? (?:it|them|(?:your )?(?:personal )?(?:data|information|records))(?! safe| secure)|storage (?:period|limitation)|store (?:it|your)",
    "business-transfers": r"business transfers?|\bmergers?\b|acquisition|sale of (?:the |our )?(?:business|company)|corporate (?:transaction|change)s?|change of (?:control|ownership)",
    "legal-disclosures": r"law enforcement|legal (?:requirements|disclosures?|obligations|requests)|required by law|public authorit|government requests",
    "marketing": r"marketing|newsletter|advertis|promotion|unsubscrib|opt(?:ing)?[- ]out|direct mail",
    "aggregated-data": r"aggregat|de-?identified|anonymi[sz]",
    "changes": r"\bchanges?\b|\bupdates?\b|amendments?|revisions?|we may (?:change|update)",
    "contact": r"contact|get in touch|\bquestions\b|how to reach|enquir|inquir|reach us|talk to us|write to us|\bcomments\b|\bhelp\b",
    "governing-law": r"governing law|applicable law|\bdisputes?\b|\bjurisdiction\b",
}

# Phrases in the text that add a topic on their own (specific enough not to mislead coverage).
BODY_RULES: dict[str, str] = {
    "right-access": r"right (?:of|to) access|subject access request|(?:ask|request) (?:us )?(?:for )?a copy of (?:the |your )?(?:personal )?(?:data|information)",
    "right-deletion": r"right to (?:erasure|deletion|delete|be forgotten)|ask us to (?:delete|erase)|request (?:the )?(?:deletion|erasure)",
    "right-restriction": r"right to restrict|restriction of (?:processing|use)|(?:ask us to )?restrict (?:our use|how we use|the processing|processing)",
    "right-portability": r"portability|machine-readable",
    "right-objection": r"right to object|object to (?:our |the )?(?:processing|use)",
    "accuracy": r"rectif|correct (?:inaccurate|your|any)|inaccurate or incomplete",
    "consent": r"withdraw (?:your )?consent",
    "complaints": r"supervisory authority|lodge a complaint|information commissioner|complain to (?:the|your|a) (?:\w+ )?(?:authority|regulator|commissioner)|data protection authority",
    "automated-decisions": r"automated decision|\bprofiling\b",
    "legal-bases": r"legal basis|lawful basis|performance of (?:a|our|the) contract|legal obligation|article 6\b",
    "legitimate-interests": r"legitimate interests?",
    "international-transfers": r"standard contractual clauses|adequacy (?:decision|regulations)|international data transfer (?:agreement|addendum)|data privacy framework|(?:transfer|send|store)\w* (?:your )?(?:personal )?(?:data|information)? ?(?:to countries )?outside (?:of )?the (?:uk|eea|european economic area|united kingdom|eu)",
    "data-automatic": r"\bip address|collected automatically|automatically collect|device (?:information|identifiers?)|browser type|log files",
    "data-third-party": r"from third parties|from other sources|publicly available sources|we (?:receive|obtain) (?:information|data|personal data) (?:about you )?from",
    "service-providers": r"service providers?|sub-?processors?|processors (?:who|that) (?:act|process)",
    "cookies": r"\bcookies\b.{0,200}\bcookies\b",
    "retention": r"retention period|(?:keep|retain|store) (?:your |this |the )?(?:personal )?(?:data|information) (?:for|only for|until)|for as long as (?:necessary|needed|we need)",
    "children": r"children under|under the age of 1[3-8]|from children",
    "dpo": r"data protection officer",
    "representative": r"representative in the (?:eu|european union|uk|united kingdom)|article 27\b",
    "california": r"california consumer privacy act|\bccpa\b|california residents",
    "dnt-gpc": r"do not track|global privacy control",
    "marketing": r"\bunsubscribe\b|marketing (?:emails|messages|communications)|direct marketing",
    "security": r"\bencrypt|security measures|unauthori[sz]ed access",
    "business-transfers": r"merger|acquisition|sale of (?:all or (?:part|some) of )?(?:our )?(?:business|assets|company)",
    "legal-disclosures": r"law enforcement|court order|required (?:to do so )?by law|legal process",
    "aggregated-data": r"aggregated|de-identified|anonymi[sz]ed",
    "third-party-links": r"links to (?:other|third[- ]party) (?:websites|sites)|third[- ]party websites",
    "controller": r"data controller|(?:is|are) the controller|controller (?:of|for|responsible)",
    "canada": r"\bpipeda\b",
    "brazil": r"\blgpd\b",
    "norway": r"datatilsynet|personopplysningsloven",
}

_MAX_TITLE_TOPICS = 3
_MAX_BODY_TOPICS = 4


@cache
def known_topics() -> dict[str, str]:
    """Topic id -> label, from the shipped clause_library/topics.yaml."""
    from notice_studio.paths import library_folder

    try:
        data = yaml.safe_load((library_folder() / "topics.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    topics = data.get("topics") or {}
    return {str(k): str((v or {}).get("label") or k) for k, v in topics.items()} if isinstance(topics, dict) else {}


@cache
def _compiled() -> tuple[list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]:
    known = known_topics()
    # Patterns are lower-case and run on lower-cased text: several times faster than IGNORECASE.
    title = [(t, re.compile(p)) for t, p in TITLE_RULES.items() if not known or t in known]
    body = [(t, re.compile(p, re.DOTALL)) for t, p in BODY_RULES.items() if not known or t in known]
    return title, body


def _lower(text: str) -> str:
    """Lower-cased text with the same offsets as `text` (so matches can quote the original)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(ch.lower()[:1] or ch for ch in text)


def tag_section(title: str, body: str) -> tuple[tuple[str, ...], str]:
    """(topic ids, evidence in plain words) for one section."""
    title_rules, body_rules = _compiled()
    found: dict[str, str] = {}
    lowered_title = _lower(title)
    hits = sorted(
        (
            (m.start(), topic, title[m.start() : m.end()])
            for topic, pattern in title_rules
            if (m := pattern.search(lowered_title))
        ),
        key=lambda h: h[0],
    )
    if any(t in ("data-automatic", "data-third-party") for _, t, _ in hits):
        # "Information collected automatically" is not also about what people give us.
        hits = [h for h in hits if h[1] != "data-provided" or not h[2].lower().startswith("collect")]
    for _, topic, words in hits[:_MAX_TITLE_TOPICS]:
        found[topic] = f'title says "{_whole_words(title, words)}"'
    body_hits = 0
    text = body[:40000]
    lowered = _lower(text)
    for topic, pattern in body_rules:
        if topic in found or body_hits >= _MAX_BODY_TOPICS:
            continue
        match = pattern.search(lowered)
        if match:
            found[topic] = f'text says "{_short(text[match.start() : match.end()])}"'
            body_hits += 1
    if not found:
        return (), ""
    evidence = "; ".join(f"{topic}: {why}" for topic, why in found.items())
    return tuple(found), evidence


def _whole_words(text: str, part: str) -> str:
    """The words of `text` around the matched `part` ('Introduc' -> 'Introduction')."""
    at = text.find(part)
    if at < 0:
        return part.strip()
    start, end = at, at + len(part)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end].strip()


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


# ----- jurisdictions the text names -----------------------------------------------------------------
# Besides the law's names (LAW_NAMES), words that show a law applies: its place or its authority.
_SIGNS: dict[str, str] = {
    "gdpr": r"\beea\b|european economic area",
    "uk_gdpr": r"information commissioner",
    "no_pda": r"datatilsynet|norwegian data protection",
}


@cache
def _jurisdiction_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Lower-case patterns, matched against lower-cased text."""
    return tuple(
        (jid, re.compile("|".join([rf"\b(?:{'|'.join(names)})\b", *([_SIGNS[jid]] if jid in _SIGNS else [])])))
        for jid, names in LAW_NAMES.items()
    )


def mentioned_jurisdictions(text: str) -> list[str]:
    """Jurisdiction ids whose law the text names ('GDPR', 'California Consumer Privacy Act')."""
    lowered = text.lower()
    return [jid for jid, pattern in _jurisdiction_rules() if pattern.search(lowered)]

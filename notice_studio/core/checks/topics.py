"""What a clause is about, guessed from words: used for section context and cross-references.

Topic ids are those of clause_library/topics.yaml. Cues are lower-case phrases matched on
word boundaries; a clause's topics come from its front matter, its library clause, and cue
words in its own and its parents' titles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from notice_studio.core.checks.text import per_text

TOPIC_CUES: dict[str, tuple[str, ...]] = {
    "introduction": ("introduction", "about this notice", "about this policy", "overview", "summary"),
    "scope": ("scope", "who this notice", "what this notice covers", "applies to"),
    "definitions": ("definitions", "defined terms", "glossary", "interpretation"),
    "controller": ("who we are", "about us", "controller", "who is responsible", "responsible for your"),
    "representative": ("representative", "representatives", "article 27"),
    "dpo": ("data protection officer", "dpo", "privacy officer", "encarregado"),
    "data-provided": (
        "information we collect",
        "data we collect",
        "information you give",
        "information you provide",
        "data you provide",
        "what we collect",
        "what information",
        "what data",
        "categories of personal",
        "personal information we collect",
        "personal data we collect",
        "collection of",
        "we collect",
    ),
    "data-automatic": (
        "collected automatically",
        "collect automatically",
        "automatically",
        "device information",
        "log data",
        "usage data",
    ),
    "data-third-party": ("other sources", "third-party sources", "from third parties", "sources", "where we get"),
    "sensitive-data": ("sensitive", "special categories", "special category"),
    "purposes": ("how we use", "use of", "uses of", "purposes", "purpose", "why we", "what we do with"),
    "legal-bases": ("legal basis", "legal bases", "lawful basis", "lawful bases", "legal grounds", "grounds for"),
    "legitimate-interests": ("legitimate interest", "legitimate interests"),
    "further-processing": ("new purpose", "new purposes", "further processing"),
    "statutory-requirement": ("must give", "must provide", "required to provide", "obliged to provide", "mandatory"),
    "processor-role": ("on behalf of our customers", "as a processor", "customer data"),
    "sharing": (
        "sharing",
        "share",
        "shared",
        "disclose",
        "disclosure",
        "disclosures",
        "recipients",
        "who we share",
        "third parties",
        "sell",
        "sale",
    ),
    "service-providers": (
        "service providers",
        "service provider",
        "processors",
        "sub-processors",
        "subprocessors",
        "vendors",
    ),
    "international-transfers": (
        "international",
        "transfer",
        "transfers",
        "outside the",
        "overseas",
        "cross-border",
        "abroad",
    ),
    "cookies": ("cookie", "cookies", "tracking technologies", "similar technologies", "pixels", "tracking"),
    "cookie-table": ("cookie list", "cookie table", "list of cookies", "cookies we use"),
    "dnt-gpc": ("do not track", "global privacy control", "gpc", "preference signal", "preference signals"),
    "consent": ("consent",),
    "accuracy": ("accuracy", "accurate", "up to date", "correct", "correction"),
    "security": ("security", "secure", "protect your", "how we protect", "keeping your information safe"),
    "rights": ("your rights", "rights", "your choices", "choices", "exercise", "requests", "request"),
    "right-access": ("access", "copy of"),
    "right-deletion": ("deletion", "erasure", "delete", "erase", "right to be forgotten"),
    "right-restriction": ("restrict", "restriction", "limit processing"),
    "right-portability": ("portability", "machine-readable"),
    "right-objection": ("object", "objection", "objecting"),
    "automated-decisions": ("automated", "profiling", "automatic decisions"),
    "complaints": (
        "complaint",
        "complaints",
        "complain",
        "supervisory authority",
        "regulator",
        "data protection authority",
    ),
    "california": ("california", "californian", "ccpa", "cpra", "shine the light"),
    "california-minors": ("california minors", "under 18", "minors"),
    "children": ("children", "child", "kids", "under 13", "under 16", "minors", "coppa", "parent", "parents"),
    "canada": ("canada", "canadian", "pipeda", "british columbia", "quebec"),
    "brazil": ("brazil", "brazilian", "lgpd"),
    "norway": ("norway", "norwegian", "datatilsynet"),
    "third-party-links": (
        "links to other",
        "third-party sites",
        "third-party websites",
        "other websites",
        "external links",
    ),
    "retention": ("retention", "retain", "how long", "keep", "storage period", "store your"),
    "business-transfers": (
        "business transfer",
        "business transfers",
        "merger",
        "acquisition",
        "reorganisation",
        "reorganization",
    ),
    "legal-disclosures": ("law enforcement", "legal requests", "legal disclosure", "court order", "required by law"),
    "marketing": ("marketing", "newsletter", "newsletters", "unsubscribe", "promotional", "advertising"),
    "aggregated-data": ("aggregated", "de-identified", "deidentified", "anonymised", "anonymized", "anonymous"),
    "changes": ("changes to this", "updates to this", "changes", "updates", "we may update", "amend this"),
    "contact": ("contact", "get in touch", "how to reach", "questions", "write to us", "email us"),
    "governing-law": ("governing law", "jurisdiction and law"),
}

# Topics close enough that a reference from one to another is not a mistake.
FAMILIES: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "rights",
            "right-access",
            "right-deletion",
            "right-restriction",
            "right-portability",
            "right-objection",
            "accuracy",
            "consent",
            "automated-decisions",
            "complaints",
            "marketing",
            "dnt-gpc",
            "california",
            "canada",
            "brazil",
            "norway",
        }
    ),
    frozenset(
        {
            "data-provided",
            "data-automatic",
            "data-third-party",
            "sensitive-data",
            "cookies",
            "cookie-table",
            "children",
            "processor-role",
        }
    ),
    frozenset(
        {
            "purposes",
            "legal-bases",
            "legitimate-interests",
            "further-processing",
            "consent",
            "statutory-requirement",
            "marketing",
            "automated-decisions",
        }
    ),
    frozenset(
        {
            "sharing",
            "service-providers",
            "international-transfers",
            "business-transfers",
            "legal-disclosures",
            "aggregated-data",
            "california",
        }
    ),
    frozenset({"cookies", "cookie-table", "dnt-gpc", "marketing", "consent", "data-automatic"}),
    frozenset({"controller", "representative", "dpo", "contact", "complaints", "introduction", "scope", "rights"}),
    frozenset({"children", "california-minors", "california"}),
    frozenset({"introduction", "scope", "definitions", "changes", "governing-law"}),
)


def _pattern(cues: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, list[str]] = {}
    for topic, phrases in cues.items():
        for phrase in phrases:
            owner.setdefault(phrase, []).append(topic)
    longest_first = sorted(owner, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in longest_first)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])"), {p: ",".join(t) for p, t in owner.items()}


_CUE_RE, _CUE_OWNER = _pattern(TOPIC_CUES)
_SPACES_RE = re.compile(r"\s+")


def cue_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, topic) for every topic cue in `text` (any case)."""
    hits = []
    for match in _CUE_RE.finditer(text.lower()):
        phrase = _SPACES_RE.sub(" ", match.group(0))
        for topic in _CUE_OWNER[phrase].split(","):
            hits.append((match.start(), match.end(), topic))
    return hits


@per_text
def topics_in(text: str) -> frozenset[str]:
    """Topics whose cue words appear in a short text such as a title."""
    return frozenset(topic for _, _, topic in cue_hits(text))


@lru_cache(maxsize=1024)
def _family_of(topic: str) -> frozenset[str]:
    related = {topic}
    for family in FAMILIES:
        if topic in family:
            related |= family
    return frozenset(related)


def related(topics: frozenset[str] | set[str]) -> frozenset[str]:
    """The topics plus every topic in a family with them."""
    out: set[str] = set()
    for topic in topics:
        out |= _family_of(topic)
    return frozenset(out)

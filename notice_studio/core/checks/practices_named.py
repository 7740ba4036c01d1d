"""Practices the GDPR sections never name: a recorded purpose missing from every section on
purposes and legal bases (Art. 13(1)(c)), a recorded kind of recipient missing from every section
on recipients (Art. 13(1)(e)). A practice counts as named when a section uses a distinctive word
of its label or id ('Sofalane Rewards', 'loyalty') or, for recipients, a word for its kind
('advertising', 'processor'); words every purpose shares ('running', 'our website') prove nothing.
Warnings: a paraphrase may still say it, and counsel decide."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from notice_studio.core.checks.coverage import claimed, detected
from notice_studio.core.checks.scan import ClauseInfo, Scan
from notice_studio.core.checks.text import WORD_RE, per_text
from notice_studio.core.checks.types import Finding
from notice_studio.core.library.jurisdictions import short_name
from notice_studio.core.library.requirements import Requirements
from notice_studio.core.practices.model import Practices

PURPOSE_ELEMENTS = ("purposes", "legal_basis")
RECIPIENT_ELEMENTS = ("recipients",)
_LAWS = ("gdpr", "uk_gdpr")

_COMMON = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "of",
        "on",
        "in",
        "to",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "our",
        "your",
        "you",
        "we",
        "us",
        "their",
        "its",
        "it",
        "this",
        "that",
        "these",
        "other",
        "others",
        "any",
        "all",
        "some",
        "such",
        "who",
        "which",
        "when",
        "where",
        "how",
        "why",
        "via",
        "per",
        "about",
        "into",
        "out",
        "up",
        "run",
        "running",
        "take",
        "taking",
        "show",
        "showing",
        "send",
        "sending",
        "use",
        "using",
        "provide",
        "providing",
        "keep",
        "keeping",
        "make",
        "making",
        "meet",
        "meeting",
        "help",
        "helping",
        "manage",
        "managing",
        "handle",
        "handling",
        "give",
        "giving",
        "personal",
        "information",
        "data",
        "details",
        "service",
        "services",
        "website",
        "websites",
        "site",
        "sites",
        "app",
        "apps",
        "online",
        "people",
        "person",
        "customer",
        "customers",
        "user",
        "users",
        "partner",
        "partners",
        "company",
        "companies",
        "provider",
        "providers",
        "business",
        "businesses",
        "third",
        "party",
        "parties",
        "purpose",
        "purposes",
    ]
)
"""Words any purpose or recipient label may hold, and any notice uses: naming one of them names
nothing in particular, whole or cut short ('personal' never names 'personalised offers')."""

SYNONYMS: dict[str, str] = {
    "e-mail": "email",
    "e-mails": "email",
    "emails": "email",
    "mailing list": "newsletter",
    "news": "newsletter",
    "analytics provider": "analytics",
    "analytics providers": "analytics",
    "web analytics": "analytics",
    "ads": "advertising",
    "adverts": "advertising",
    "advertisements": "advertising",
    "help desk": "support",
    "helpdesk": "support",
    "customer care": "support",
    "anti-fraud": "fraud",
}
"""One way of saying a thing for the few a label and a notice often say differently: both are
read with each phrase (left, matched as whole words) replaced by its word (right)."""

_SYNONYM_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(SYNONYMS, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)


def same_words(text: str) -> str:
    """`text` with each synonym phrase replaced by the one word the table gives it."""
    return _SYNONYM_RE.sub(lambda m: SYNONYMS[m.group(1).lower()], text)


KIND_WORDS: dict[str, tuple[str, ...]] = {
    "service_provider": ("service provider", "processor", "supplier", "vendor", "contractor", "provider"),
    "affiliate": ("affiliate", "group compan", "companies in our group", "subsidiar"),
    "advertising": ("advertis", "ad network", "ad partner", "ads partner", "marketing partner", "adtech"),
    "third_party": ("third part", "third-part"),
    "authority": ("authorit", "regulator", "law enforcement", "police", "court", "government"),
}
"""How a notice names a kind of recipient (matched at the start of a word)."""


def _stems(text: str) -> set[str]:
    """Distinctive words of a label or id, lower-cased ('Running Sofalane Rewards' -> sofalane, rewards;
    'E-mail offers' -> email, offers)."""
    said = same_words(text.replace("_", " ")).replace("-", " ")
    words = {w.lower().strip("'’") for w in WORD_RE.findall(said)}
    return {w for w in words if len(w) >= 4 and w not in _COMMON}


_SHARED = 5
"""Letters a word of the text and a word of the label must begin with alike to name it."""
_COMMON_STARTS = frozenset(word[:k] for word in _COMMON for k in range(_SHARED, len(word) + 1))
"""Every beginning of a common word: a word that shares no more than one ('personally' and
'personalised' share 'personal') names nothing."""


@per_text
def _text_words(text: str) -> dict[str, frozenset[str]]:
    """The text's distinctive words (common ones taken out), by their first five letters; a word
    shorter than that under itself."""
    words = {w.lower() for w in WORD_RE.findall(_same_words(text)) if len(w) >= 4} - _COMMON
    by_start: dict[str, set[str]] = {}
    for word in words:
        by_start.setdefault(word[:_SHARED], set()).add(word)
    return {start: frozenset(group) for start, group in by_start.items()}


def _alike(stem: str, word: str) -> bool:
    """`word` is `stem` give or take its ending ('adverts', 'advertising'), or a shorter form of it
    ('market' for 'marketing'): they begin with five letters or more alike, more than any common
    word begins with ('serving' is not 'servicing': both only begin as 'service' does)."""
    if stem == word:
        return True
    n = next((i for i, (a, b) in enumerate(zip(stem, word, strict=False)) if a != b), min(len(stem), len(word)))
    return n >= _SHARED and stem[:n] not in _COMMON_STARTS


def _said(stems: Iterable[str], phrases: Iterable[str], text: str) -> bool:
    """A word of the label in the text (`_alike`), or one of `phrases` starting a word."""
    by_start = _text_words(text)
    for stem in stems:
        if any(_alike(stem, word) for word in by_start.get(stem[:_SHARED], ())):
            return True
    said = _same_words(text) if phrases else text
    return any(re.search(r"\b" + re.escape(phrase), said, re.IGNORECASE) for phrase in phrases)


@per_text
def _same_words(text: str) -> str:
    return same_words(text)


def _serving(
    scan: Scan, requirements: Requirements, suffixes: tuple[str, ...]
) -> list[tuple[list[str], list[ClauseInfo]]]:
    """(laws, the sections that serve their elements `suffixes`: claimed by a library clause or
    shown by their words, in reading order); laws served by the same sections come once, together."""
    wanted = {f"{law}_{suffix}" for law in _LAWS for suffix in suffixes}
    claims = scan.memo.get("claimed")
    if not isinstance(claims, dict):
        claims = scan.memo["claimed"] = claimed(scan, requirements)[0]
    seen = detected(scan, requirements, wanted)
    by_sections: dict[tuple[str, ...], list[str]] = {}
    for law in _LAWS:
        if law not in {j.strip().lower() for j in scan.notice.jurisdictions}:
            continue
        ids: dict[str, None] = {}
        for suffix in suffixes:
            for clause_id in claims.get(f"{law}_{suffix}", []) + seen.get(f"{law}_{suffix}", []):
                ids.setdefault(clause_id, None)
        ordered = tuple(sorted((i for i in ids if i in scan.by_id), key=lambda i: scan.by_id[i].index))
        if ordered:
            by_sections.setdefault(ordered, []).append(law)
    return [(laws, [scan.by_id[i] for i in ids]) for ids, laws in by_sections.items()]


def _names(laws: list[str]) -> str:
    return " and ".join(short_name(law) for law in laws)


def _text(infos: list[ClauseInfo], scan: Scan) -> str:
    tables = scan.notice.tables
    parts = [info.clause.title + "\n" + info.plain for info in infos]
    for info in infos:
        for name in info.clause.tables():
            table = tables.get(name)
            if table is not None:
                parts += [" ".join(table.columns), *(" ".join(row) for row in table.rows)]
    return "\n".join(parts)


def _where(infos: list[ClauseInfo]) -> str:
    return ", ".join(f"section {info.number} '{info.clause.title}'" for info in infos)


def unnamed_practices(scan: Scan, requirements: Requirements | None) -> Iterator[Finding]:
    p = scan.notice.practices
    if p is None or requirements is None or not (p.purposes or p.recipients):
        return
    yield from _purposes(scan, requirements, p)
    yield from _recipients(scan, requirements, p)


def _purposes(scan: Scan, requirements: Requirements, p: Practices) -> Iterator[Finding]:
    used = {purpose for c in p.categories for purpose in c.purposes} or {q.id for q in p.purposes}
    for laws, infos in _serving(scan, requirements, PURPOSE_ELEMENTS):
        text = _text(infos, scan)
        for purpose in p.purposes:
            stems = _stems(purpose.label) | _stems(purpose.id)
            if purpose.id not in used or not stems or _said(stems, (), text):
                continue
            yield Finding(
                "practice-purpose-unnamed",
                "warning",
                f"The practices record the purpose '{purpose.label}', but {_where(infos)}, which give the"
                f" purposes and legal bases {_names(laws)} Art. 13(1)(c) asks for, never name it.",
                f"Add '{purpose.label}' and its legal basis to {_where(infos[:1])}, or remove the purpose from"
                " the practices if it is not one.",
                infos[0].id,
                location="body",
                excerpt=purpose.id,
                jurisdiction=laws[0],
            )


def _recipients(scan: Scan, requirements: Requirements, p: Practices) -> Iterator[Finding]:
    for laws, infos in _serving(scan, requirements, RECIPIENT_ELEMENTS):
        text = _text(infos, scan)
        for kind in dict.fromkeys(r.kind for r in p.recipients):
            of_kind = [r for r in p.recipients if r.kind == kind]
            stems = {s for r in of_kind for s in _stems(r.label)}
            if _said(stems, KIND_WORDS.get(kind, ()), text):
                continue
            labels = ", ".join(f"'{r.label}'" for r in of_kind)
            yield Finding(
                "practice-recipient-unnamed",
                "warning",
                f"The practices record {labels} as recipients, but {_where(infos)}, which list the recipients"
                f" {_names(laws)} Art. 13(1)(e) asks for, never name them or their kind.",
                f"Name {labels} (or their kind of recipient) in {_where(infos[:1])}, or correct the recipients"
                " in the practices.",
                infos[0].id,
                location="body",
                excerpt=kind,
                jurisdiction=laws[0],
            )

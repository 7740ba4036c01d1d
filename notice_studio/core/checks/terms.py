"""Defined terms and the organisation's name: used but never defined, defined but never used,
and the organisation called by different names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from notice_studio.core.checks.scan import ClauseInfo, Scan
from notice_studio.core.checks.text import per_text, plain, quote
from notice_studio.core.checks.types import Finding

# ----- definitions -------------------------------------------------------------------------------
_QUOTED = r"[\"“]([^\"”\n]{1,50})[\"”]"
_PAREN_RE = re.compile(r"\(([^()\n]{1,160})\)")
_PAREN_LEAD_RE = re.compile(
    r"^\s*(?:(?:the|together|collectively|each|jointly|hereinafter|individually|a|an|and|or|referred\s+to\s+as|"
    r"also|in\s+this\s+notice|in\s+this\s+policy)[\s,]*)*[\"“]",
    re.IGNORECASE,
)
_MEANS_RE = re.compile(
    rf"{_QUOTED}\s+(?:means|shall\s+mean|refers\s+to|is\s+defined\s+as|has\s+the\s+meaning|includes)\b"
)
_BOLD_MEANS_RE = re.compile(
    r"\*\*[\"“]?([A-Z][^*\"”\n]{0,50}?)[\"”]?\*\*\s*(?:means|refers\s+to|shall\s+mean|is\s+defined\s+as)\b"
)
_LIST_DEFINITION_RE = re.compile(
    r"^[ \t]*(?:[-*+]|\d{1,3}[.)])?[ \t]*\*\*[\"“]?([A-Z][^*\"”\n]{0,50}?)[\"”]?:?\*\*[ \t]*[:–—-]?", re.MULTILINE
)
_QUOTED_IN_PAREN_RE = re.compile(_QUOTED)

_DEFINITION_TITLES_RE = re.compile(
    r"\b(?:definitions?|defined terms|glossary|interpretation|key terms)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Definition:
    term: str
    clause_id: str
    start: int
    end: int
    """Span of the whole defining text (the term is not counted as used inside it)."""


def definitions(scan: Scan) -> list[Definition]:
    found: list[Definition] = []
    for info in scan.clauses:
        listed = bool(_DEFINITION_TITLES_RE.search(info.clause.title)) or "definitions" in info.own_topics
        found += (Definition(term, info.id, start, end) for term, start, end in _defined_in(info.clause.body, listed))
    unique: dict[tuple[str, str, int], Definition] = {}
    for definition in found:
        if definition.term:
            unique.setdefault((definition.term, definition.clause_id, definition.start), definition)
    return list(unique.values())


@per_text
def _defined_in(body: str, listed: bool) -> tuple[tuple[str, int, int], ...]:
    """(term, start, end of the defining text) of each definition in `body`; with `listed`
    (a definitions section), bold terms that start a line count too."""
    found = []
    for match in _PAREN_RE.finditer(body):
        inner = match.group(1)
        if not _PAREN_LEAD_RE.match(inner):
            continue
        for quoted in _QUOTED_IN_PAREN_RE.finditer(inner):
            # ('"we," or "us"'): a comma set inside the quotes, American style, is not part of the term
            found.append((quoted.group(1).strip().rstrip(",;").rstrip(), match.start(), match.end()))
    for pattern in (_MEANS_RE, _BOLD_MEANS_RE):
        for match in pattern.finditer(body):
            found.append((match.group(1).strip(), match.start(1), match.end(1) + 1))
    if listed:
        for match in _LIST_DEFINITION_RE.finditer(body):
            found.append((match.group(1).strip(), match.start(1), match.end(1) + 1))
    return tuple(found)


def _usage_re(term: str) -> re.Pattern[str]:
    flags = 0 if any(ch.isupper() for ch in term) else re.IGNORECASE
    return re.compile(rf"(?<![\w\"“]){re.escape(term)}(?:s|es|'s|’s)?(?![\w\"”])", flags)


def unused(scan: Scan, defs: list[Definition]) -> Iterator[Finding]:
    """A term defined but never used anywhere else."""
    seen: set[str] = set()
    for definition in defs:
        if definition.term in seen or len(definition.term) < 2:
            continue
        seen.add(definition.term)
        pattern = _usage_re(definition.term)
        same_term = [d for d in defs if d.term == definition.term]
        used = False
        for info in scan.clauses:
            text = info.clause.body
            for match in pattern.finditer(text):
                if any(d.clause_id == info.id and d.start <= match.start() < d.end for d in same_term):
                    continue
                used = True
                break
            if used or pattern.search(info.clause.title):
                used = True
                break
        if used:
            continue
        yield Finding(
            "term-unused",
            "warning",
            f"The term '{definition.term}' is defined but never used.",
            "Remove the definition, or use the term where it is meant.",
            definition.clause_id,
            definition.start,
            definition.end,
            "body",
            definition.term,
        )


# ----- capitalised terms used as if defined ----------------------------------------------------
# Words that make up typical defined terms ("Personal Data", "Services", "User"). A capitalised
# run of only these words mid-sentence reads as a defined term; proper names rarely consist of
# them alone.
_TERM_WORDS = frozenset(
    [
        "personal",
        "data",
        "information",
        "service",
        "services",
        "site",
        "sites",
        "website",
        "websites",
        "platform",
        "platforms",
        "app",
        "apps",
        "application",
        "applications",
        "user",
        "users",
        "customer",
        "customers",
        "client",
        "clients",
        "account",
        "accounts",
        "content",
        "product",
        "products",
        "device",
        "devices",
        "partner",
        "partners",
        "affiliate",
        "affiliates",
        "company",
        "companies",
        "group",
        "processing",
        "controller",
        "controllers",
        "processor",
        "processors",
        "subprocessor",
        "subprocessors",
        "sub-processor",
        "sub-processors",
        "subscriber",
        "subscribers",
        "member",
        "members",
        "visitor",
        "visitors",
        "material",
        "materials",
        "purpose",
        "purposes",
        "third",
        "party",
        "parties",
        "sensitive",
        "cookie",
        "cookies",
        "technologies",
        "technology",
        "communications",
        "consumer",
        "consumers",
        "business",
        "businesses",
        "usage",
        "software",
        "offering",
        "offerings",
        "provider",
        "providers",
        "recipient",
        "recipients",
        "contract",
        "order",
        "orders",
        "subscription",
        "subscriptions",
        "portal",
        "dashboard",
        "solution",
        "solutions",
        "employee",
        "employees",
        "candidate",
        "candidates",
        "applicant",
        "applicants",
        "data",
        "subject",
        "subjects",
        "agreement",
        "terms",
        "you",
        "customer's",
        "user's",
    ]
)
_DOCUMENT_NAMES = frozenset({"policy", "notice", "statement", "terms", "agreement", "addendum", "clauses", "charter"})
_CAPITAL_RUN_RE = re.compile(
    r"[A-Z](?<![\w'’-][A-Z])[a-z]+(?:[-'’][A-Za-z]+)?(?:[ \t]+[A-Z][a-z]+(?:[-'’][A-Za-z]+)?)*"
)


def undefined(scan: Scan, defs: list[Definition], known_names: set[str]) -> Iterator[Finding]:
    """Capitalised generic words used like defined terms ("our Services") with no definition."""
    defined = {_singular(d.term.lower()) for d in defs}
    exempt = {_singular(n.lower()) for n in known_names if n}
    title_words = scan.notice.title.lower()
    reported: dict[str, list[tuple[ClauseInfo, int, int]]] = {}
    for info in scan.clauses:
        for term, start, end in _capitalised_terms(info.clause.body):
            key = _singular(term.lower())
            if key in defined or key in exempt or (" " in term and term.lower() in title_words):
                continue
            if any(key in d or d in key for d in defined if " " in d or " " in key):
                continue
            reported.setdefault(term, []).append((info, start, end))
    for term, places in reported.items():
        info, start, end = places[0]
        more = f" (and {len(places) - 1} more times)" if len(places) > 1 else ""
        yield Finding(
            "term-undefined",
            "warning",
            f"'{term}' is capitalised like a defined term{more}, but the notice never defines it.",
            f'Define it (for example: ... (the "{term}")) or write it in lower case.',
            info.id,
            start,
            end,
            "body",
            term,
        )


@per_text
def _capitalised_terms(body: str) -> tuple[tuple[str, int, int], ...]:
    """(term, start, end) of each run of capitalised generic words mid-sentence in `body` that
    is not part of a longer proper name: the candidates for 'term-undefined'."""
    text = plain(body, False)
    found = []
    for match in _CAPITAL_RUN_RE.finditer(text):
        words = match.group(0).split()
        if not all(w.lower() in _TERM_WORDS for w in words):
            continue
        if words[-1].lower() in _DOCUMENT_NAMES:
            continue
        if _starts_sentence(text, match.start()) or _in_proper_name(text, match.start(), match.end()):
            continue
        found.append((" ".join(words), match.start(), match.end()))
    return tuple(found)


_CONNECTORS = r"(?:of|the|and|for|on|in|&)"
_NAME_BEFORE_RE = re.compile(rf"([A-Z][\w'’-]*)[ \t]+(?:{_CONNECTORS}[ \t]+){{1,2}}$")
_NAME_AFTER_RE = re.compile(rf"[ \t]+(?:{_CONNECTORS}[ \t]+){{1,2}}([A-Z][\w'’-]*)")


def _in_proper_name(text: str, start: int, end: int) -> bool:
    """'Office of the Information and Privacy Commissioner': part of a longer proper name."""
    before = _NAME_BEFORE_RE.search(text, max(0, start - 40), start)
    if before and before.group(1).lower() not in _TERM_WORDS:
        return True
    after = _NAME_AFTER_RE.match(text, end)
    return bool(after and after.group(1).lower() not in _TERM_WORDS)


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[max(0, offset - 80) : offset].rstrip(" \t(\"“'‘*")
    if not before and offset > 80:
        before = text[:offset].rstrip(" \t(\"“'‘*")
    return not before or before[-1] in ".!?:;\n" or before.endswith(("\n", "•"))


def _singular(term: str) -> str:
    words = term.split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


# ----- the organisation's name ------------------------------------------------------------------
_SUFFIXES = (
    "limited",
    "ltd",
    "inc",
    "incorporated",
    "llc",
    "l.l.c",
    "llp",
    "lp",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "s.a",
    "sas",
    "sarl",
    "bv",
    "b.v",
    "nv",
    "n.v",
    "as",
    "asa",
    "ab",
    "oy",
    "aps",
    "srl",
    "s.r.l",
    "spa",
    "s.p.a",
    "pty",
    "corp",
    "corporation",
    "co",
    "company",
    "ltda",
    "s.a.s",
    "kg",
    "se",
)
_SUFFIX_RE = r"(?:" + "|".join(re.escape(s) for s in sorted(_SUFFIXES, key=len, reverse=True)) + r")\.?"
_STRIP_SUFFIX_RE = re.compile(rf"[\s,]+{_SUFFIX_RE}(?:[\s,]+{_SUFFIX_RE})*\s*$", re.IGNORECASE)


def organisation_core(name: str) -> str:
    """'Acme Widgets Ltd.' -> 'Acme Widgets'."""
    return _STRIP_SUFFIX_RE.sub("", name.strip()).strip(" ,")


def _suffix_of(name: str) -> str:
    core = organisation_core(name)
    return _norm_suffix(name.strip()[len(core) :])


def _norm_suffix(text: str) -> str:
    return re.sub(r"[\s,.]", "", text.lower())


_NAME_TOKEN_RE = re.compile(r"[ \t]*,?[ \t]*([A-Za-z][\w&'’]*\.?(?:[A-Za-z]\.)*)")
_SUFFIX_SET = frozenset(_norm_suffix(s) for s in _SUFFIXES)


def organisation_names(scan: Scan) -> Iterator[Finding]:
    notice = scan.notice
    names = [
        n.strip()
        for n in (
            notice.organisation,
            notice.variables.get("organisation.name", ""),
            notice.variables.get("organisation.legal_name", ""),
        )
        if n and n.strip()
    ]
    if not names:
        return
    cores = {organisation_core(n) for n in names if organisation_core(n)}
    anchor_words = {core.split()[0] for core in cores if len(core.split()[0]) >= 3}
    if not anchor_words:
        return
    allowed_suffixes = {_suffix_of(n) for n in names}
    allowed_cores = {c.lower() for c in cores}
    by_lower = {a.lower(): a for a in anchor_words}
    anchors = "|".join(re.escape(a) for a in sorted(anchor_words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w@./-])({anchors})(?![\w@-]|\.\w)", re.IGNORECASE)
    reported: set[str] = set()
    for info in scan.clauses:
        for anchor, core, suffix, start, form in _name_uses(pattern, info.plain):
            expected = by_lower[anchor.lower()]
            problem = None
            if anchor != expected and not (anchor.isupper() and expected.isupper()):
                problem = f"is written '{anchor}' instead of '{expected}'"
            elif suffix and suffix not in allowed_suffixes and core.lower() in allowed_cores:
                problem = f"is called '{form}', while the notice names it {_names(names)}"
            if problem is None or form in reported:
                continue
            reported.add(form)
            yield Finding(
                "organisation-name",
                "warning",
                f"The organisation {problem}.",
                "Use one name throughout, ideally the placeholder {{ organisation.name }}.",
                info.id,
                start,
                start + len(form),
                "body",
                form,
            )


@per_text
def _name_uses(pattern: re.Pattern[str], text: str) -> tuple[tuple[str, str, str, int, str], ...]:
    """(anchor word as written, core name, company suffix, start, whole name as written) of each
    use in `text` of a name `pattern` finds: 'Acme Widgets Inc' -> ('Acme', 'Acme Widgets', 'inc', ...)."""
    found = []
    for match in pattern.finditer(text):
        anchor, core_words, suffix, end = match.group(1), [match.group(1)], "", match.end()
        pos = match.end()
        for _ in range(4):
            token = _NAME_TOKEN_RE.match(text, pos)
            if not token:
                break
            word = token.group(1)
            if _norm_suffix(word) in _SUFFIX_SET and (word[0].isupper() or word.isupper()):
                suffix, end = _norm_suffix(word), token.end()
                break
            if not word[0].isupper():
                break
            core_words.append(word.rstrip("."))
            pos = token.end()
        found.append((anchor, " ".join(core_words), suffix, match.start(), text[match.start() : end].strip()))
    return tuple(found)


def _names(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    return " or ".join(f"'{quote(n, 40)}'" for n in unique)

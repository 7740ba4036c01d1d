"""Cross-references: ones that point nowhere, and ones whose target is about something else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from notice_studio.core.checks.drafting import clause_original_number, heading_key, original_number
from notice_studio.core.checks.scan import ClauseInfo, Scan
from notice_studio.core.checks.text import matches_from, per_text, plain, quote
from notice_studio.core.checks.topics import cue_hits, related, topics_in
from notice_studio.core.checks.types import Finding
from notice_studio.core.importer.dates import LAW_WORD
from notice_studio.core.notice.model import CROSSREF_RE, Notice
from notice_studio.core.render.markdown import PAGE_LINK_RE, page_anchor

# "see section 9", "Section 4.2 above", "clause 7" - but not "section 1798.100 of the Civil Code".
_TYPED_REF_RE = re.compile(
    r"\b(?:section|clause|paragraph|part)\s+(\d{1,2}(?:\.\d{1,2}){0,2})(?![\d.]*\d)(?!\s*\()"
    r"(?!\s+(?:of|to|in|under)\s+(?:the\s+)?(?-i:[A-Z]))",
    re.IGNORECASE,
)
_LEGAL_NEARBY_RE = re.compile(LAW_WORD)
_HERE_RE = re.compile(r"\s+(?:above|below)\b", re.IGNORECASE)
"""'Section 6 below': a section of this notice, whatever law is named beside it."""
_TYPED_TITLE_NUMBER_RE = re.compile(
    r"^\s*(?:(?:section|clause|part)\s+)?(\d{1,2}(?:\.\d{1,2})*)[.):]?\s", re.IGNORECASE
)

_WINDOW_BEFORE = 4
_WINDOW_AFTER = 3
_WORD_RE = re.compile(r"\S+")


def broken(info: ClauseInfo, scan: Scan) -> Iterator[Finding]:
    body = info.clause.body
    for match in CROSSREF_RE.finditer(body):
        target_id = match.group(1)
        target = scan.by_id.get(target_id) or scan.by_id.get(_aliases(scan).get(target_id, ""))
        if target is None:
            yield Finding(
                "crossref-broken",
                "error",
                f"The cross-reference [[{target_id}]] points to a section that is not in the notice.",
                "Point it at an existing section (its id is shown in the outline) or remove it.",
                info.id,
                match.start(),
                match.end(),
                "body",
                match.group(0),
            )
            continue
        yield from _topic_mismatch(info, target, match.start(), match.end(), match.group(0), "crossref-topic")


def _aliases(scan: Scan) -> dict[str, str]:
    found = scan.memo.get("reference_aliases")
    if not isinstance(found, dict):
        found = scan.memo["reference_aliases"] = scan.notice.reference_aliases()
    return found


def dead_links(info: ClauseInfo, scan: Scan) -> Iterator[Finding]:
    """In-page links ('[our rights](#rights)') that lead to no section: a typo, a section removed
    since, or an anchor of the page a notice was imported from (a footnote's '#fn1')."""
    body = info.clause.body
    if "](" not in body:
        return
    for match in PAGE_LINK_RE.finditer(body):
        if page_anchor(match.group(1), scan.by_id) is not None:
            continue
        start = body.rfind("[", 0, match.start())
        start = match.start() if start < 0 else start
        end = body.find(")", match.end())
        end = match.end() if end < 0 else end + 1
        yield Finding(
            "link-in-page-broken",
            "warning",
            f"The link to '#{match.group(1)}' leads to no section of the notice, so readers who follow it go nowhere.",
            "Link to a section by its id (shown in the outline), e.g. (#cookies), use a cross-reference "
            "[[section-id]], or remove the link and keep its words.",
            info.id,
            start,
            end,
            "body",
            body[start:end],
        )


def typed(
    info: ClauseInfo, scan: Scan, typed_numbers: dict[str, ClauseInfo], computed: dict[str, ClauseInfo]
) -> Iterator[Finding]:
    """Section numbers typed into the text ("see section 9"): common in imported notices."""
    for start, end, number in _typed_refs(info.plain):
        target = (typed_numbers or computed).get(number)
        excerpt = info.clause.body[start:end]
        if target is None:
            yield Finding(
                "crossref-typed-broken",
                "warning",
                f"The text refers to '{excerpt}', but the notice has no section numbered {number}.",
                "Replace the typed number with a cross-reference to the section ([[section-id]]).",
                info.id,
                start,
                end,
                "body",
                excerpt,
            )
            continue
        if target is info:
            continue
        if original_number(target) == number and target.number != number:
            yield Finding(
                "crossref-typed-stale",
                "warning",
                f"The text says '{excerpt}', which was '{target.clause.title}' in the original document; "
                f"readers now see that section as {target.number}.",
                f"Replace '{excerpt}' with the cross-reference [[{target.id}]] so the number stays right.",
                info.id,
                start,
                end,
                "body",
                excerpt,
            )
        yield from _topic_mismatch(info, target, start, end, excerpt, "crossref-topic")


@per_text
def _typed_refs(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, number) of each typed section number in `text` that is not a legal citation."""
    lowered = text.lower()
    if not any(word in lowered for word in ("section", "clause", "paragraph", "part")):
        return ()
    found = []
    for match in matches_from(_TYPED_REF_RE, text, ("section", "clause", "paragraph", "part")):
        if _HERE_RE.match(text, match.end()) or not _LEGAL_NEARBY_RE.search(_around(text, match)):
            found.append((match.start(), match.end(), match.group(1)))
    return tuple(found)


def _around(text: str, match: re.Match[str]) -> str:
    """The words beside a typed number, within its paragraph: a law named there is the one it cites."""
    start = max(0, match.start() - 30, text.rfind("\n\n", 0, match.start()))
    end = text.find("\n\n", match.end(), match.end() + 40)
    return text[start : end if end >= 0 else match.end() + 40]


@dataclass(frozen=True)
class TypedLink:
    """A typed 'section N' that names a section by the number it had in an imported document."""

    clause_id: str
    start: int
    end: int
    excerpt: str
    target_id: str


_INSIDE_LINK_TEXT = re.compile(r"\[[^\]\n]*$")
_LINK_TEXT_ENDS = re.compile(r"[^\[\n]*\]\(")


def typed_links(notice: Notice) -> list[TypedLink]:
    """The typed 'section N' references in `notice` written against an imported document's own
    numbering, each naming one section unmistakably (no other section had that number) and not the
    one it stands in: the ones a cross-reference can replace, so the number readers see stays right.

    'Clause 7' or 'paragraph 3' stays as typed (a cross-reference reads 'section'), as does a
    number inside a link's text; the typed-reference checks still report those."""
    clauses = [clause for clause, _, _ in notice.walk()]
    by_number: dict[str, list[str]] = {}
    for clause in clauses:
        number = clause_original_number(clause)
        if number:
            by_number.setdefault(number, []).append(clause.id)
    links: list[TypedLink] = []
    for clause in clauses:
        body = clause.body
        for start, end, number in _typed_refs(plain(body)):
            if not body[start:end].lower().startswith("section") or (
                _INSIDE_LINK_TEXT.search(body, 0, start) and _LINK_TEXT_ENDS.match(body, end)
            ):
                continue
            spans = [(start, end, number)]
            while more := _MORE_NUMBERS.match(body, spans[-1][1]):  # 'section 2.3 and 5.1': both, or neither
                spans.append((more.start(1), more.end(1), more.group(1)))
            targets = [by_number.get(n, []) for _, _, n in spans]
            if all(len(t) == 1 and t[0] != clause.id for t in targets):
                links += [
                    TypedLink(clause.id, a, b, body[a:b], t[0]) for (a, b, _), t in zip(spans, targets, strict=True)
                ]
    return links


_MORE_NUMBERS = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(\d{1,2}(?:\.\d{1,2}){0,2})(?![\d.]*\d)")


def typed_title_numbers(scan: Scan) -> dict[str, ClauseInfo]:
    """Numbers typed at the start of titles ("9. Your rights") or kept from an imported document:
    the numbers typed references in the text were written against."""
    found: dict[str, ClauseInfo] = {}
    for info in scan.clauses:
        match = _TYPED_TITLE_NUMBER_RE.match(info.clause.title)
        number = match.group(1).rstrip(".") if match else original_number(info)
        if number:
            found.setdefault(number, info)
    return found if len(found) >= 2 else {}


_PUNCTUATION_RE = re.compile(r"[,;:.()\n]")


def _context_topics(text: str, start: int, end: int) -> frozenset[str]:
    """Topic cues in the few words just before a reference and up to the next punctuation after it.

    Only the last few words count: "the purposes we identified, as described in [[retention]]"
    is about retention, whatever came earlier in the sentence; and words after a closing
    bracket or comma belong to something else.
    """
    floor = max(text.rfind(".", 0, start), text.rfind("\n\n", 0, start), text.rfind(";", 0, start)) + 1
    before_words = list(_WORD_RE.finditer(text, floor, start))[-_WINDOW_BEFORE:]
    window_start = before_words[0].start() if before_words else start
    stop = _PUNCTUATION_RE.search(text, end)
    after_words = list(_WORD_RE.finditer(text, end, stop.start() if stop else len(text)))[:_WINDOW_AFTER]
    window_end = after_words[-1].end() if after_words else end
    window = text[window_start:start] + " " + text[end:window_end]
    return frozenset(topic for _, _, topic in cue_hits(window))


def _topic_mismatch(
    info: ClauseInfo, target: ClauseInfo, start: int, end: int, excerpt: str, rule: str
) -> Iterator[Finding]:
    target_topics = target.topics | _child_topics(target)
    if not target_topics:
        return  # we cannot tell what the target is about: say nothing
    context = _context_topics(info.plain, start, end)
    if not context:
        return
    if related(context) & related(target_topics):
        return
    about = ", ".join(sorted(context))
    yield Finding(
        rule,
        "warning",
        f"This reference points to section {target.number} '{target.clause.title}', but the words around it "
        f"are about {about}.",
        "Check that it points to the right section.",
        info.id,
        start,
        end,
        "body",
        excerpt,
    )


def _child_topics(target: ClauseInfo) -> frozenset[str]:
    topics: set[str] = set()
    stack = list(target.clause.children)
    while stack:
        child = stack.pop()
        topics |= set(child.topics) | topics_in(child.title)
        stack.extend(child.children)
    return frozenset(topics)


# ----- references to sections or details the notice does not contain ---------------------------
_QUOTE_OPEN = "\"\u201c\u2018'"
_QUOTE_CLOSE = "\"\u201d\u2019'"
_NAMED_REF_RES = (
    # see the section "Your rights" / under the heading 'Cookies'
    re.compile(
        r"\b(?:see|in|under|read|refer\s+to|described\s+in|set\s+out\s+in)\s+(?:the\s+|our\s+)?"
        r"(?:section|heading|part)\s+(?:titled\s+|called\s+|entitled\s+|headed\s+|named\s+)?"
        rf"[{_QUOTE_OPEN}]([^{_QUOTE_CLOSE}\n]{{3,60}})[{_QUOTE_CLOSE}]",
        re.IGNORECASE,
    ),
    # see the "Your rights" section
    re.compile(
        r"\b(?:see|in|under|read|refer\s+to|described\s+in|set\s+out\s+in)\s+(?:the\s+|our\s+)?"
        rf"[{_QUOTE_OPEN}]([^{_QUOTE_CLOSE}\n]{{3,60}})[{_QUOTE_CLOSE}]\s+(?:section|heading|part)\b",
        re.IGNORECASE,
    ),
    # see the Your Rights section below
    re.compile(
        r"\b(?i:see|in|under|read|refer\s+to|described\s+in|set\s+out\s+in)\s+(?i:the\s+|our\s+)?"
        r"((?:[A-Z][\w\u2019'&-]*\s+){1,5})(?i:section)\s+(?i:below|above)\b"
    ),
)
_TABLE_BELOW_RE = re.compile(r"\b(?:the|this)\s+table\s+below\b", re.IGNORECASE)
_CONTACT_BELOW_RE = re.compile(
    r"\bcontact\s+details\s+(?:are\s+)?(?:(?:set\s+out|given|listed|provided|shown)\s+)?below\b", re.IGNORECASE
)
_TABLE_LINE_RE = re.compile(r"^[ \t]*\|.*\|[ \t]*$|\[\[table:", re.MULTILINE)
_CONTACT_DETAIL_RE = re.compile(r"@|\{\{\s*(?:contact|dpo|organisation\.address)|\+?\d[\d ()-]{6,}\d|\bhttps?://")
_MD_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


# Lines that read as headings inside a clause: Markdown headings, a bold line, a short line
# with no full stop ("9. What are tracking technologies?"); imported notices keep many.
_HEADING_LINE_RE = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}[ \t]+(.+?)[ \t#]*|\*\*(.+?)\*\*[ \t]*"
    r"|(?:\d{1,2}(?:\\?\.\d{1,2})*\\?[.)]?[ \t]+)?([^\n.!]{3,100}[?:]?))$",
    re.MULTILINE,
)
_NAME_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "we",
        "our",
        "your",
        "you",
        "how",
        "what",
        "who",
        "is",
        "are",
        "do",
        "does",
        "this",
    ]
)


@per_text
def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in heading_key(text).split() if len(w) > 2 and w not in _NAME_STOPWORDS)


def _stem(word: str) -> str:
    """Plurals folded: technologies -> technology, rights -> right."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _known_headings(scan: Scan) -> list[frozenset[str]]:
    cached = scan.memo.get("known_headings")
    if cached is None:
        cached = scan.memo["known_headings"] = _headings_of(scan)
    return cached  # type: ignore[return-value]


def _headings_of(scan: Scan) -> list[frozenset[str]]:
    found = [_stems(info.clause.title) for info in scan.clauses]
    for info in scan.clauses:
        found += _body_headings(info.clause.body)
    return [f for f in found if f]


@per_text
def _body_headings(body: str) -> tuple[frozenset[str], ...]:
    """Content words of each line inside a clause body that reads as a heading."""
    found = []
    for m in _HEADING_LINE_RE.finditer(body):
        line = m.group(1) or m.group(2) or m.group(3) or ""
        if len(line.split()) <= 14:
            found.append(_stems(line))
    return tuple(found)


def _names_a_heading(name: str, headings: list[frozenset[str]]) -> bool:
    """True when every content word of `name` (plurals folded) is in one heading."""
    wanted = _stems(name)
    return not wanted or any(wanted <= heading for heading in headings)


def missing_targets(info: ClauseInfo, scan: Scan) -> Iterator[Finding]:
    """References by name to a section, a table or contact details that the notice does not have:
    'see the "Your rights" section', 'the table below', 'contact details below'."""
    body = info.clause.body
    named, below = _named_refs(info.plain)
    if named:
        headings = _known_headings(scan)
        for start, end, name in named:
            if _names_a_heading(name, headings):
                continue
            yield Finding(
                "crossref-named-broken",
                "warning",
                f"The text refers to a section '{quote(name, 50)}', but the notice has no section with that heading.",
                "Point the reader at an existing section with a cross-reference ([[section-id]]), or add the section.",
                info.id,
                start,
                end,
                "body",
                body[start:end],
            )
    following_clauses = scan.clauses[info.index + 1 : info.index + 4]
    for start, end, what in below:
        present = _TABLE_LINE_RE if what == "a table" else _CONTACT_DETAIL_RE
        following = [body[end:]] + [i.clause.body for i in following_clauses]
        if any(present.search(part) for part in following):
            continue
        excerpt = body[start:end]
        yield Finding(
            "crossref-named-broken",
            "warning",
            f"The text says '{excerpt}', but no {what.split(' ', 1)[-1]} follow{'s' if what == 'a table' else ''} it.",
            f"Add {what} after this sentence, or reword it.",
            info.id,
            start,
            end,
            "body",
            excerpt,
        )


@per_text
def _named_refs(text: str) -> tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int, str], ...]]:
    """In `text`: (start, end, name) of each reference to a section by its heading, and
    (start, end, what) of each 'the table below' / 'contact details below'."""
    named = []
    lowered = text.lower()
    if "section" in lowered or "heading" in lowered or "part" in lowered:
        # Each pattern needs a quotation mark, or 'below'/'above': a quick look spares the slow scan.
        quoted = any(q in text for q in _QUOTE_OPEN + _QUOTE_CLOSE)
        placed = "below" in lowered or "above" in lowered
        for pattern, needed in zip(_NAMED_REF_RES, (quoted, quoted, placed), strict=True):
            if needed:
                named += [(m.start(), m.end(), m.group(1).strip()) for m in pattern.finditer(text)]
    below = []
    if "below" in lowered:
        for pattern, what in ((_TABLE_BELOW_RE, "a table"), (_CONTACT_BELOW_RE, "contact details")):
            below += [(m.start(), m.end(), what) for m in pattern.finditer(text)]
    return tuple(named), tuple(below)

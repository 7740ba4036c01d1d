"""Drafting slips: unfilled placeholders, drafting markers left in, contact details promised
and not given, empty sections, repeated headings, typed section numbers that skip."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from notice_studio.core.checks.scan import CHECKED_CHARS, ClauseInfo, Scan
from notice_studio.core.checks.text import matches_from, per_text, quote
from notice_studio.core.checks.types import Finding, Location
from notice_studio.core.library.merge import BOTH_WORDINGS_RE
from notice_studio.core.notice.model import PLACEHOLDER_RE, TABLE_RE, Clause, Notice, Table
from notice_studio.core.practices.statements import is_generated
from notice_studio.core.scripts import has_letters
from notice_studio.core.wording import plural_word

# ----- placeholders ----------------------------------------------------------------------------
_BROKEN_PLACEHOLDER_RE = re.compile(r"\{\{(?![^{}\n]*\}\})[^{}\n]{0,40}|(?<!\{)\{\s*[A-Za-z_][\w.]*\s*\}\}")


def placeholders(scan: Scan, variables: dict[str, str]) -> Iterator[Finding]:
    """One error per unfilled placeholder (at its first use), however often it is used."""
    uses: dict[str, list[tuple[ClauseInfo, str, re.Match[str]]]] = {}
    for info in scan.clauses:
        clause = info.clause
        for location, text in (("title", clause.title), ("body", clause.body)):
            if "{{" not in text:
                continue
            for match in PLACEHOLDER_RE.finditer(text):
                if not variables.get(match.group(1), "").strip():
                    uses.setdefault(match.group(1), []).append((info, location, match))
    for name, found in uses.items():
        if is_generated(name) and scan.notice.practices is not None:
            continue  # written from the practices: 'practice-statement-stale' says how to remake it
        info, location, match = found[0]
        sections = list(dict.fromkeys(i.number for i, _, _ in found))
        elsewhere = (
            f" It is used {len(found)} times, in {plural_word(len(sections), 'section')} {', '.join(sections)}."
            if len(found) > 1
            else ""
        )
        yield Finding(
            "placeholder-unfilled",
            "error",
            f"The placeholder {{{{ {name} }}}} has no value, so readers would see a blank marker"
            + (" in the title." if location == "title" else ".")
            + elsewhere,
            (
                "It is written from the practices: add them (notice-studio practices set DIR ..., or the "
                "Practices panel)."
                if is_generated(name)
                else f"Fill it in (notice-studio set DIR {name}=VALUE) or reword the sentence without it."
            ),
            info.id,
            match.start(),
            match.end(),
            location,  # type: ignore[arg-type]
            match.group(0),
            in_app=(
                "It is written from the practices: add them in the Practices panel."
                if is_generated(name)
                else "Fill it in on the Placeholders panel, or reword the sentence without it."
            ),
        )


def malformed_placeholders(info: ClauseInfo) -> Iterator[Finding]:
    clause = info.clause
    places: tuple[tuple[Location, str], ...] = (("title", clause.title), ("body", clause.body))
    for location, text in places:
        if "{" not in text and "}" not in text:
            continue
        for start, end in _spans(_BROKEN_PLACEHOLDER_RE, text):
            yield Finding(
                "placeholder-malformed",
                "error",
                f"'{quote(text[start:end], 40)}' looks like a placeholder but is not written as {{{{ name }}}}.",
                "Write placeholders with two braces on each side, e.g. {{ contact.email }}.",
                clause.id,
                start,
                end,
                location,
                text[start:end],
            )


@per_text
def _spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each match of `pattern` in `text`."""
    return tuple(m.span() for m in pattern.finditer(text))


# ----- drafting markers ------------------------------------------------------------------------
_MARKER_WORDS = (
    r"insert|add|include|enter|fill\s+in|complete|update|confirm|check|describe|list|specify|"
    r"tbd|tbc|tba|todo|to\s+do|to\s+come|to\s+be\s+(?:confirmed|determined|added|agreed)|placeholder|"
    r"link|url|date|name|address|email|e-mail|phone|number|company|organi[sz]ation|details|"
    r"note|drafting\s+note|client|option|optional|alternative|delete|x+|[●•…]+|\.{3}|_+|\?+|\*+|#+"
)
# (pattern, quick test: the pattern cannot match unless this returns True)
_MARKER_RES: tuple[tuple[re.Pattern[str], Callable[[str], bool]], ...] = (
    # [insert link], [TBD], [●], [Company Name], [DATE] - but not [text](url), [[ref]] or [1]
    (
        re.compile(rf"\[(?<![\[\]!]\[)\s*(?:{_MARKER_WORDS})(?![A-Za-z])[^\[\]\n]{{0,80}}\](?![(\[:])", re.IGNORECASE),
        lambda t: "[" in t,
    ),
    (re.compile(r"\[(?<![\[\]!]\[)(?:[A-Z][A-Za-z'’&/-]*\s?){1,5}\](?![(\[:])"), lambda t: "[" in t),
    (re.compile(r"\[(?<![\[\]!]\[)\s*(?:[●•…]+|\.{3})\s*\]|●+"), lambda t: "[" in t or "●" in t),
    (
        re.compile(r"<\s*(?:insert|add|enter|tbd|company|name|date|link)[^<>\n]{0,60}>", re.IGNORECASE),
        lambda t: "<" in t,
    ),
    (
        # not inside a name written with its varying part as X's ('_fh_XXXXXXX', 'fh.visitor.XXXXX'),
        # nor TODO naming a kind of app ('our TODO list app'). 'Article XX' stays a marker: notices
        # cite articles in Arabic numerals, so XX there is a number left to fill in.
        re.compile(
            r"(?<![\w.-])(?:TBD|TBC|TBA|TODO(?![ \t]+(?:lists?|apps?|applications?|items?|managers?)\b)"
            r"|FIXME|XXX+|XX|xx+|X{2}(?:/X{2})+)(?![\w-]|\.\w)"
        ),
        lambda t: "TB" in t or "TODO" in t or "FIXME" in t or "XX" in t or "xx" in t,
    ),
    # template placeholders of other tools: <<clinic address>>, %%VET_EMAIL%%, and ??? for a blank
    (re.compile(r"<<[ \t]*[A-Za-z][^<>\n]{0,60}>>|%%[A-Za-z][\w .-]{0,60}%%"), lambda t: "<<" in t or "%%" in t),
    (re.compile(r"(?<!\?)\?{3,}(?!\?)"), lambda t: "???" in t),
    # a blank line to write on ('Name: ______'), not a rule of underscores across the page, nor
    # underscores inside a name ('___fhvisit', 'Help___Questions')
    (
        re.compile(r"(?:(?<=[^\s_][ \t])|(?<=[^\s\w_]))_{3,}(?![\w_])|(?<![\w_])_{3,}(?=[ \t]*[^\s_])(?![\w_])"),
        lambda t: "___" in t,
    ),
    (re.compile(r"\blorem ipsum\b", re.IGNORECASE), lambda t: "orem" in t),
    (BOTH_WORDINGS_RE, lambda t: " wording: " in t),  # two wordings a library update kept side by side
)


def markers(info: ClauseInfo) -> Iterator[Finding]:
    clause = info.clause
    places: tuple[tuple[Location, str], ...] = (("title", clause.title), ("body", clause.body))
    for location, text in places:
        for start, end in _markers(text, location == "body"):
            marker = text[start:end].strip()
            yield Finding(
                "drafting-marker",
                "error",
                f"The drafting marker '{quote(marker, 50)}' is still in the "
                + ("title." if location == "title" else "text."),
                "Replace it with the real wording or delete it.",
                clause.id,
                start,
                end,
                location,
                marker,
            )


@per_text
def _markers(text: str, body: bool) -> tuple[tuple[int, int], ...]:
    """(start, end) of each drafting marker in `text`, none overlapping; in a `body`, not on a
    line that embeds a table."""
    taken: list[tuple[int, int]] = []
    for pattern, quick in _MARKER_RES:
        if not quick(text):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if body and TABLE_RE.match(text, _line_start(text, start)):
                continue
            if text[start] == "●" and _bullet_place(text, start, end):
                continue
            if (
                text[start] in "xX"
                and _ROMAN_LABEL_RE.match(text, start)
                and not text[_line_start(text, start) : start].strip(" \t(")
            ):
                continue  # 'xx. to prevent ...': the twentieth item of a list numbered i., ii., ...
            taken.append((start, end))
    return tuple(taken)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


_LIST_ITEM_START_RE = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)])")
_ROMAN_LABEL_RE = re.compile(r"(?:xx|xxx|XX|XXX)[.)][ \t]+\S")


def _bullet_place(text: str, start: int, end: int) -> bool:
    """A bare '●' where a list's bullet stands, not a blank left to fill in: alone on its line, at the
    start of a line or of a table cell, after a sentence's end ('... by post. ● Online: ...'), or
    glued to the item before and starting the next ('names● Addresses', 'names●Addresses'), as
    notices copied from a web page or a PDF carry them."""
    line_before = text[_line_start(text, start) : start]
    if end < len(text) and text[end] not in " \t\n\xa0":
        # 'names●Addresses': a bullet between two items run together
        return text[end].isupper() and line_before[-1:].isalnum()
    before = line_before.rstrip(" \t")
    if not before or before.endswith((".", ":", ";", "!", "?", "|")) or _LIST_ITEM_START_RE.fullmatch(before):
        return True
    if end == len(text) or text[end] == "\n":
        return True  # the last thing on its line: the bullet of the item on the next line
    glued = line_before == before and before[-1].isalnum()
    return glued and text[end : end + 3].strip()[:1].isupper()


# ----- contact details promised and not given ------------------------------------------------------
# A preposition with nothing after it: "at.", "on;", "via" at the end, "at or by post".
# Inside a sentence, the blank shows as the next word being one no address or number starts
# with ("contact us at for more details"), or as a space left before a comma.
_DANGLING_RE = re.compile(
    r"\b(?:at|on|via|to|by)(?:[ \t]*:)?"
    r"(?=[ \t]*(?:[.;!?](?:\s|$)|,[ \t]*(?:or|and)\b|\Z|\n[ \t]*\n|[ \t]+(?:or|and)\b)"
    r"|[ \t]+,"
    r"|[ \t]+(?:for|if|with|should|regarding|about|during|when|whenever|so\s+that|in\s+case|to\s+(?:ask|request|find|exercise|make))\b)",
    re.IGNORECASE,
)
# ... preceded, in the same sentence, by a way of getting in touch.
_CONTACT_VERB_RE = re.compile(
    r"\b(?:contact(?:ing)?|e-?mail(?:ing)?|writ(?:e|ing)(?:\s+to)?|call(?:ing)?|phon(?:e|ing)|"
    r"reach(?:ing)?|telephon(?:e|ing)|send(?:ing)?|fax)\b[^.!?\n]{0,40}$",
    re.IGNORECASE,
)


# ... unless the words between say the preposition belongs to something else: 'we will contact you
# when we need to', 'contact the Bank for more information on, or to ask about, ...', 'your name or
# email, unless you ask us to'.
_ASIDE_RE = re.compile(
    r"^\w+\s+you\b|\b(?:for|about|regarding|concerning|unless|if|when|whenever|because|since|need|needs|ask|want"
    r"|wish|like|choose|prefer|would)\b",
    re.IGNORECASE,
)
# ... or that the preposition is part of something else: 'an e-mail passed to or from the club', 'what
# riders send to and receive from each other', 'the setting is switched on', 'the mast it connected
# to', 'a ship-to'.
_SHARED_OBJECT_RE = re.compile(r"[ \t]+(?:or|and)[ \t]+(?:from|through|within|receive|to)\b", re.IGNORECASE)
_PARTICIPLE_BEFORE_RE = re.compile(r"(?:\b\w{2,}ed|\bsent|-)[ \t]*$", re.IGNORECASE)
# 'Send' promises contact details only when what is sent is a request or the like ('send your request
# to', 'send it to'), not 'the riders you send money to'.
_SEND_RE = re.compile(r"^send(?:ing)?\b", re.IGNORECASE)
_SENT_FOR_US_RE = re.compile(
    r"^send(?:ing)?(?:\s+(?:it|them|this|that|us|(?:us\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:requests?|complaints?|questions?|enquir(?:y|ies)|inquir(?:y|ies)|letters?|forms?|objections?|notices?"
    r"|messages?|e-?mails?|claims?|quer(?:y|ies)|comments?)))?\s*$",
    re.IGNORECASE,
)
# The details themselves (an address, e-mail, number, link or placeholder), after the blank line that
# ended the sentence.
_DETAILS_AFTER_RE = re.compile(
    r"\s*(?:[-*•●]\s+)?(?:\{\{|<|\[[^\]\n]*\]\((?:mailto|https?|tel):|https?://|www\.|[\w.+-]+@[\w-]+\.\w|\+?\(?\d[\d ()-]{5,}|\d{1,5}[A-Za-z]?,?\s+[A-Z])",
    re.IGNORECASE,
)

# "Email:" or "Telephone:" on a line with nothing after it.
_EMPTY_LABEL_RE = re.compile(
    r"^[ \t]*(?:e-?mail(?:\s+address)?|phone|telephone|tel\.?|address|postal\s+address|post|fax|web\s*form|website)"
    r"[ \t]*:[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


_ADDRESS_LABEL_RE = re.compile(r"\s*(?:postal\s+)?address|\s*post\b", re.IGNORECASE)
# A short line that starts with a capital and is not itself a label: a name or an address line.
_NAME_LINE_RE = re.compile(r"\s*\n(?:[ \t]*\n)*[ \t]*[A-Z][^\n:]{1,60}$", re.MULTILINE)


def dangling_contact(info: ClauseInfo) -> Iterator[Finding]:
    body = info.clause.body
    for start, end, label in _dangling_contacts(info.plain):
        if label:
            yield Finding(
                "contact-missing",
                "error",
                f"'{body[start:end]}' introduces contact details, but none follow.",
                "Add the details after the label, or remove the line.",
                info.id,
                start,
                end,
                "body",
                body[start:end],
            )
            continue
        yield Finding(
            "contact-missing",
            "error",
            f"'{quote(body[start:end], 60)}' promises contact details, but none follow.",
            "Add the address, e-mail or phone number (for example a placeholder such as {{ contact.email }}).",
            info.id,
            start,
            end,
            "body",
            body[start:end],
        )


@per_text
def _dangling_contacts(text: str) -> tuple[tuple[int, int, bool], ...]:
    """(start, end, is an empty label) of each place in `text` that promises contact details
    and gives none: a label such as 'Email:' alone on its line, or 'contact us at' with a blank."""
    found = []
    for match in _EMPTY_LABEL_RE.finditer(text) if ":" in text else ():
        label = match.group(0)
        if _DETAILS_AFTER_RE.match(text, match.end()) or (
            _ADDRESS_LABEL_RE.match(label) and _NAME_LINE_RE.match(text, match.end())
        ):
            continue  # 'Address:' and, as the next paragraph, the company and street it names
        start = match.start() + len(label) - len(label.lstrip())
        found.append((start, start + len(label.strip()), True))
    for match in matches_from(_DANGLING_RE, text, ("at", "on", "via", "to", "by")):
        if match.group(0).rstrip().endswith(":") and text[match.end() :].strip():
            continue  # "Contact us at:" followed by a list or paragraph with the details
        window_start = max(0, match.start() - 60)
        verb = _CONTACT_VERB_RE.search(text, window_start, match.start())
        if verb is None or _ASIDE_RE.search(verb.group(0)):
            continue
        if _SHARED_OBJECT_RE.match(text, match.end()):
            continue
        if _PARTICIPLE_BEFORE_RE.search(text, window_start, match.start()):
            continue
        if _SEND_RE.match(verb.group(0)) and not _SENT_FOR_US_RE.match(verb.group(0)):
            continue
        if _DETAILS_AFTER_RE.match(text, match.end()):
            continue  # 'email us at', and the address as the next paragraph
        found.append((verb.start(), match.end(), False))
    return tuple(found)


# ----- empty clauses -----------------------------------------------------------------------------


def no_sections(notice: Notice) -> Iterator[Finding]:
    if notice.clauses:
        return
    yield Finding(
        "notice-empty",
        "error",
        "The notice has no sections, so there is nothing to publish.",
        "Add sections from the library, or, if they vanished, put back a version that has them"
        " (notice-studio log DIR lists the versions).",
        location="notice",
        in_app="Add sections from the library, or, if they vanished, restore a version that has them from History.",
    )


def empty(info: ClauseInfo) -> Iterator[Finding]:
    clause = info.clause
    if clause.children:
        return
    if has_letters(info.plain) or TABLE_RE.search(clause.body):
        return
    yield Finding(
        "clause-empty",
        "error",
        f"Section {info.number} '{clause.title}' has no text.",
        "Write the section's text, or remove the section.",
        clause.id,
        None,
        None,
        "body",
        clause.title,
    )


def too_large(info: ClauseInfo) -> Iterator[Finding]:
    if not info.full_length:
        return
    yield Finding(
        "clause-too-large",
        "error",
        f"Section {info.number} '{info.clause.title}' is {info.full_length:,} characters long, far longer than "
        f"any notice; only its first {CHECKED_CHARS:,} were checked.",
        "Remove text pasted in by mistake, or split the section into smaller ones.",
        info.clause.id,
        None,
        None,
        "body",
        info.clause.title,
    )


# ----- duplicate headings ------------------------------------------------------------------------
_TYPED_NUMBER_RE = re.compile(
    r"^\s*(?:(?:section|clause|part|article)\s+)?(\d{1,2}(?:\.\d{1,2})*)(?:[.):]\s*|\s+(?=(?-i:[A-Z])))(?=\S)",
    re.IGNORECASE,
)


def heading_key(title: str) -> str:
    title = _TYPED_NUMBER_RE.sub("", title)
    return " ".join(re.sub(r"[^\w\s]", " ", title.lower()).split())


def duplicate_headings(scan: Scan) -> Iterator[Finding]:
    first: dict[str, ClauseInfo] = {}
    for info in scan.clauses:
        key = heading_key(info.clause.title)
        if not key:
            continue
        earlier = first.setdefault(key, info)
        if earlier is info:
            continue
        siblings = earlier.parent_id == info.parent_id
        yield Finding(
            "heading-duplicate",
            "warning" if siblings else "info",
            f"Section {info.number} has the same heading as section {earlier.number}: '{info.clause.title}'.",
            "Give each section a heading that says what is different about it, or merge them.",
            info.id,
            0,
            len(info.clause.title),
            "title",
            info.clause.title,
        )


# ----- typed section numbers ---------------------------------------------------------------------
_ORIGINAL_NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3})*$")


def original_number(info: ClauseInfo) -> str | None:
    """The number the section had in an imported document (the importer keeps it in the front matter)."""
    return clause_original_number(info.clause)


def clause_original_number(clause: Clause) -> str | None:
    value = str(clause.meta.get("original_number") or "").strip().rstrip(".")
    return value if _ORIGINAL_NUMBER_RE.match(value) else None


def typed_numbers(scan: Scan) -> Iterator[Finding]:
    """Numbers typed into titles (the app numbers sections itself, typed ones go stale), and
    numbering that skips - in titles or in an imported document's original numbers."""
    # one run per parent section and number prefix: 2.8 then 3.1 is a new level, not a step back
    by_parent: dict[tuple[str | None, str], list[tuple[ClauseInfo, int, str]]] = {}
    imported = False
    for info in scan.clauses:
        match = _TYPED_NUMBER_RE.match(info.clause.title)
        label = match.group(1) if match else original_number(info)
        if label is None:
            continue
        imported = imported or match is None
        prefix = label.rsplit(".", 1)[0] if "." in label else ""
        by_parent.setdefault((info.parent_id, prefix), []).append((info, int(label.split(".")[-1]), label))
        if match:
            yield Finding(
                "title-number",
                "info",
                f"The title starts with the typed number '{label}', and readers will also see the "
                f"section number {info.number} that the app adds.",
                "Remove the typed number; sections are numbered automatically.",
                info.id,
                match.start(1),
                match.end(1),
                "title",
                label,
            )
    for items in by_parent.values():
        yield from _gaps(items, original=imported)
    for info in scan.clauses:
        yield from _body_heading_gaps(info)


def _gaps(
    items: list[tuple[ClauseInfo, int, str]],
    body: bool = False,
    offsets: list[tuple[int, int]] | None = None,
    original: bool = False,
    forward_only: bool = False,
) -> Iterator[Finding]:
    if len(items) < 2:
        return
    what = "original section numbers" if original else "typed section numbers"
    fix = (
        "Check whether a section was left out of the original; the app numbers sections itself."
        if original
        else "Remove the typed numbers and let the app number sections, or correct them."
    )
    first, first_value, first_label = items[0]
    if not forward_only and first_value > 1 and "." in first_label:
        # "2.2" opening its level means 2.1 is not there (a notice may start at any number)
        prefix = first_label.rsplit(".", 1)[0] + "."
        skipped = ", ".join(f"{prefix}{v}" for v in range(1, first_value)[:3]) + (" ..." if first_value > 4 else "")
        start, end = offsets[0] if offsets else (None, None)
        yield Finding(
            "numbering-gap",
            "warning",
            f"The {what} start at {first_label}, so {skipped} {'is' if first_value == 2 else 'are'} missing.",
            fix,
            first.id,
            start if body else 0,
            end if body else len(first.clause.title),
            "body" if body else "title",
            first_label,
        )
    for n in range(1, len(items)):
        info, value, label = items[n]
        previous_value, previous_label = items[n - 1][1], items[n - 1][2]
        if value == previous_value + 1:
            continue
        if value <= previous_value and forward_only:
            continue
        if value <= previous_value:
            message = f"The {what} go from {previous_label} to {label}, so the numbering repeats or goes backwards."
        else:
            prefix = label.rsplit(".", 1)[0] + "." if "." in label else ""
            missing = range(previous_value + 1, value)
            skipped = ", ".join(f"{prefix}{v}" for v in missing[:3]) + (" ..." if len(missing) > 3 else "")
            verb = "is" if len(missing) == 1 else "are"
            message = f"The {what} jump from {previous_label} to {label}, so {skipped} {verb} missing."
        start, end = offsets[n] if offsets else (None, None)
        yield Finding(
            "numbering-gap",
            "warning",
            message,
            fix,
            info.id,
            start if body else 0,
            end if body else len(info.clause.title),
            "body" if body else "title",
            label,
        )


_BODY_HEADING_RE = re.compile(
    r"^[ \t]{0,3}#{1,6}[ \t]+(?:(?:section|clause|part)\s+)?(\d{1,3}(?:\.\d{1,3})*)[.):]?[ \t]+\S",
    re.MULTILINE | re.IGNORECASE,
)


# A paragraph or list item that starts with its own typed number: "3. We share ...", "2.4) ...".
_NUMBERED_LINE_RE = re.compile(r"^[ \t]{0,3}(\d{1,2}(?:\.\d{1,2})*)[.)][ \t]+\S", re.MULTILINE)


def _body_heading_gaps(info: ClauseInfo) -> Iterator[Finding]:
    """Imported notices keep numbered headings and numbered paragraphs inside one clause: every
    level is checked ("2.1, 2.3" as well as "1, 2, 4"), each within its parent number."""
    for found, lists in zip(_body_numbers(info.clause.body), (False, True), strict=True):
        if len(found) < 2:
            continue
        runs: dict[str, list[tuple[ClauseInfo, int, str]]] = {}
        offsets: dict[str, list[tuple[int, int]]] = {}
        for label, span in found:
            parts = label.split(".")
            parent = ".".join(parts[:-1])
            value = int(parts[-1])
            if lists and value == 1 and runs.get(parent):
                # a new list starts again at 1: check the finished one, then begin afresh
                yield from _gaps(runs.pop(parent), body=True, offsets=offsets.pop(parent), forward_only=True)
            runs.setdefault(parent, []).append((info, value, label))
            offsets.setdefault(parent, []).append(span)
        for parent, items in runs.items():
            yield from _gaps(items, body=True, offsets=offsets[parent], forward_only=lists)


_Numbers = tuple[tuple[str, tuple[int, int]], ...]


@per_text
def _body_numbers(body: str) -> tuple[_Numbers, _Numbers]:
    """(number, its span) of each numbered heading, and of each numbered paragraph, in `body`."""
    return (
        tuple((m.group(1), m.span(1)) for m in _BODY_HEADING_RE.finditer(body)),
        tuple((m.group(1), m.span(1)) for m in _NUMBERED_LINE_RE.finditer(body)),
    )


# ----- embedded tables ---------------------------------------------------------------------------
def missing_tables(info: ClauseInfo, tables: Mapping[str, Table]) -> Iterator[Finding]:
    if "table:" not in info.clause.body:
        return
    for match in TABLE_RE.finditer(info.clause.body):
        name = match.group(1)
        if name in tables:
            if not tables[name].rows:
                yield Finding(
                    "table-empty",
                    "warning",
                    f"The table '{name}' has no rows, so readers would see only its headings.",
                    f"Add rows to tables/{name}.csv or remove the line [[table:{name}]].",
                    info.id,
                    match.start(),
                    match.end(),
                    "body",
                    match.group(0).strip(),
                )
            continue
        yield Finding(
            "table-missing",
            "error",
            f"The section embeds the table '{name}', but the notice has no such table.",
            f"Create tables/{name}.csv or remove the line [[table:{name}]].",
            info.id,
            match.start(),
            match.end(),
            "body",
            match.group(0).strip(),
        )

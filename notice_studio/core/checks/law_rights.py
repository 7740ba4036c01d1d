"""Rights cited under a law the notice is not written for: a section headed 'Your California
privacy rights', or a sentence giving 'your rights under the CCPA' or citing Cal. Civ. Code
§ 1798.120, while the notice's laws do not include the CCPA. Its coverage is then never checked, so
the section may promise too little or name rights the reader does not have. A warning: name the law
and either add it to the notice's laws or remove the section.

A mere mention is not a citation: "EU-US Data Privacy Framework", "we comply with the GDPR",
"if you live in California" and a sentence saying the law does not apply to us are not read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from notice_studio.core.checks.scan import Scan
from notice_studio.core.checks.text import per_text, quote, sentences
from notice_studio.core.checks.types import Finding
from notice_studio.core.library.jurisdictions import IN_APP, JURISDICTIONS, LAW_NAMES

_HEADING_LINE_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+)$", re.MULTILINE)
_RIGHTS = r"rights?"
# A heading about the rights of people in a place: 'Your California privacy rights', 'Notice to
# California residents', 'Rights of EEA users'.
_HEADING_ABOUT = r"(?:rights?|residents?|consumers?|users?|individuals|visitors)\b"
_NEVER = r"(?!)"
_ABOUT_RE = re.compile(rf"\b{_HEADING_ABOUT}", re.IGNORECASE)


@dataclass(frozen=True)
class _Law:
    law: str
    """The law to add (a JURISDICTIONS id)."""
    covered_by: frozenset[str]
    """Laws under which the citation is in place (a UK notice may say 'GDPR' for the UK GDPR)."""
    name: str
    """The law's names in the text (a regex; LAW_NAMES)."""
    place: str
    """The place a heading names (a regex)."""
    sections: str = ""
    """Citations of the law's rights sections that count without the word 'rights'."""


def _names(law: str) -> str:
    return "|".join(LAW_NAMES[law])


_CALIFORNIA = frozenset(["ccpa", "caloppa", "ca_bpc_22581"])
_LAWS = (
    _Law(
        "ccpa",
        frozenset(["ccpa"]),
        _names("ccpa"),
        _NEVER,
        r"(?:§+|\bsections?|\bsec\.)\s*1798\.1\d\d\b",
    ),
    _Law("ccpa", _CALIFORNIA, _NEVER, r"California"),
    _Law(
        "gdpr",
        frozenset(["gdpr", "uk_gdpr", "no_pda"]),
        _names("gdpr"),
        r"EEA|European Economic Area|European Union|EU|Europe",
        r"\bArt(?:icles?|s?\.)\s*(?:1[5-9]|2[0-2])\b[^.\n]{0,12}(?<!UK )GDPR\b",
    ),
    _Law("uk_gdpr", frozenset(["uk_gdpr"]), _names("uk_gdpr"), r"UK|United Kingdom"),
    _Law("lgpd", frozenset(["lgpd"]), _names("lgpd"), r"Brazil\w*"),
    _Law("pipeda", frozenset(["pipeda", "bc_pipa"]), _names("pipeda"), r"Canad\w*"),
    _Law("coppa", frozenset(["coppa"]), _names("coppa"), _NEVER),
)


def _citation_re(law: _Law) -> re.Pattern[str]:
    name = rf"(?:the )?(?:{law.name})"
    parts = [
        rf"\b{_RIGHTS}\b(?: [\w-]+){{0,6}}? (?:under|of|in|by|pursuant to|according to|granted by|given by) {name}\b",
        rf"\b(?:{law.name})(?: [\w-]+){{0,2}}? {_RIGHTS}\b",
        rf"\b(?:{law.name}) (?:gives|grants|provides|affords) (?:you )?(?:[\w-]+ ){{0,3}}?{_RIGHTS}\b",
    ]
    if law.sections:
        parts.append(law.sections)
    return re.compile("|".join(parts), re.IGNORECASE)


_CITATIONS = tuple((law, _citation_re(law)) for law in _LAWS)
_HEADINGS = tuple(
    (
        law,
        re.compile(
            rf"\b(?:{law.name}|{law.place})\b.*\b{_HEADING_ABOUT}|\b{_HEADING_ABOUT}.*\b(?:{law.name}|{law.place})\b",
            re.IGNORECASE,
        ),
    )
    for law in _LAWS
)
# Some law (its names: LAW_NAMES) or place must be named for a citation regex to find anything: the quick
# screen of headings and sentences, made from the laws above so a name added to LAW_NAMES is never skipped.
_CUE_RE = re.compile(r"\b(?:" + "|".join(f"{law.name}|{law.place}" for law in _LAWS) + r")\b|1798\.", re.IGNORECASE)
# A sentence saying the law does not reach us, or only if it does: not a citation of its rights.
_NOT_APPLIED_RE = re.compile(
    r"\b(?:not|n't|never) (?:apply|applies|subject to|covered by|required)|\bexempt\b|\bif (?:the \w+ )?(?:applies|apply)\b"
    r"|\bdoes not (?:cover|reach)\b|\bnot (?:currently )?(?:a |considered a )?business\b",
    re.IGNORECASE,
)


@per_text
def cited_laws(title: str, body: str) -> tuple[tuple[str, frozenset[str], int, int, str], ...]:
    """(law, laws that cover it, start, end, excerpt) for each citation of rights in a section: its title
    (start -1), a heading or a sentence of its body."""
    found = [(law.law, law.covered_by, -1, -1, title) for law in _heading_laws(title)]
    if "#" in body:
        for match in _HEADING_LINE_RE.finditer(body):
            line = match.group(1)
            found += [
                (law.law, law.covered_by, match.start(1), match.end(1), line.strip()) for law in _heading_laws(line)
            ]
    lower = body.lower()
    if "right" not in lower and "1798." not in lower and "gdpr" not in lower:
        return tuple(found)
    for sentence in sentences(body, False):
        said = sentence.text.lower()
        if "right" not in said and "1798." not in said and "gdpr" not in said:
            continue
        if not _CUE_RE.search(sentence.text) or _NOT_APPLIED_RE.search(sentence.text):
            continue
        for law, citation in _CITATIONS:
            if hit := citation.search(body, sentence.start, sentence.end):
                found.append((law.law, law.covered_by, hit.start(), hit.end(), hit.group(0)))
    return tuple(found)


def _heading_laws(heading: str) -> list[_Law]:
    if not _ABOUT_RE.search(heading) or not _CUE_RE.search(heading) or _NOT_APPLIED_RE.search(heading):
        return []
    return [law for law, pattern in _HEADINGS if pattern.search(heading)]


def rights_without_law(scan: Scan) -> Iterator[Finding]:
    """One warning per law whose rights the notice cites without being written for it."""
    laws = set(scan.notice.jurisdictions)
    reported: set[str] = set()
    for info in scan.clauses:
        for law, covered_by, start, end, excerpt in cited_laws(info.clause.title, info.clause.body):
            if law in reported or covered_by & laws:
                continue
            reported.add(law)
            name = JURISDICTIONS[law].label
            in_title = start < 0
            where = f"the section '{info.clause.title}'"
            said = f"is headed '{quote(excerpt, 60)}'" if in_title else f"says '{quote(excerpt, 60)}'"
            yield Finding(
                "rights-law-not-applied",
                "warning",
                f"{where[0].upper()}{where[1:]} {said}, citing rights under {name}, but that law is not among"
                " the laws the notice is written for, so its requirements are not checked.",
                f"Add the law (notice-studio laws DIR --add {law}) and check its coverage, or remove {where}"
                " if it does not apply.",
                info.id,
                None if in_title else start,
                None if in_title else end,
                "title" if in_title else "body",
                excerpt,
                jurisdiction=law,
                in_app=f"Add {name} to the notice's laws in {IN_APP} (or from this warning's menu) and check"
                f" its coverage, or remove {where} if it does not apply.",
            )

"""The date a notice states for itself ('Last revised: Oct. 1st, 2021'), read as a date.

Counsel type dates every way: '1 October 2021', 'Oct. 1st, 2021', '2021-10-01',
'Effective from June 01, 2023', '10/01/2021'. The imported notice offers the date found as
its first version's effective date, and a line that states that date and nothing else is taken
out of the text: Notice Studio prints the date of each version it publishes, so a typed one
would be a second date, wrong from the next version on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from notice_studio.core.importer.outline import BEFORE_FIRST_HEADING, ImportedOutline

IMPORTED_EFFECTIVE = "imported_effective"
"""The notice setting holding the original's own date (ISO), offered as version 1's effective date."""

_MONTH_NAMES = (
    # English; German; French; Spanish; Dutch; Italian; Portuguese. Only abbreviations that are no
    # everyday word ('set', 'out' and 'ago' are Italian, Portuguese and Spanish ones, and English words).
    "jan january januar janv janvier enero januari gennaio janeiro",
    "feb february februar févr fevr février fevrier febrero februari febbraio fevereiro",
    "mar march märz marz mars marzo maart março",
    "apr april avr avril abril aprile",
    "may mai mayo mei maggio maio",
    "jun june juni juin junio giugno junho",
    "jul july juli juil juillet julio luglio julho",
    "aug august août aout agosto augustus",
    "sep sept september septembre septiembre settembre setembro",
    "oct october okt oktober octobre octubre ottobre outubro",
    "nov november novembre noviembre novembro",
    "dec december dez dezember déc decembre décembre diciembre dicembre dezembro",
)
"""Each month's names and abbreviations, in the languages notices are imported from (one table)."""
_MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.|º|°)?"  # '1st', '1er' (French), '1.' (German), '1º'
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_FORMS = [
    re.compile(
        rf"\b{_DAY}(?:\s+(?:of|de)\s+|\s+|-){_MONTH}(?:,?\s+|-|\s+de\s+){_YEAR}\b", re.IGNORECASE
    ),  # 1 October 2021, 01-Oct-2021, 1. Oktober 2021, 1er octobre 2021, 1 de octubre de 2021
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # Oct. 1st, 2021
    re.compile(rf"\b{_YEAR}(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})\b"),  # 2021-10-01, 2021/10/01
    re.compile(
        rf"\b(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?:{_YEAR}|(?P<yy>\d{{2}}))(?![\d/.-]*\d)"
    ),  # 01/10/2021, 1/10/21
    re.compile(rf"\b{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.IGNORECASE),  # October 2021, octubre de 2021
]
_NUMERIC = 3
"""The form that writes day and month as two numbers, in an order only the notice's habits tell."""
_LEAD_ELSEWHERE = (
    # German
    r"stand(?=\s*:)|stand\s+(?:vom|am)|zuletzt\s+(?:aktualisiert|geändert|überarbeitet)(?:\s+am)?"
    r"|letzte\s+(?:aktualisierung|änderung|überarbeitung)|aktualisiert\s+am|(?:gültig|wirksam)\s+(?:ab|seit)"
    r"|in\s+kraft\s+(?:seit|ab)"
    # French
    r"|derni[eè]re\s+(?:mise\s+[àa]\s+jour|modification|r[ée]vision)|mise?\s+[àa]\s+jour\s+(?:le|au)"
    r"|(?:en\s+vigueur|applicable)\s+(?:[àa]\s+compter\s+du|[àa]\s+partir\s+du|depuis\s+le|depuis|le|au|du)"
    r"|date\s+d['’]entr[ée]e\s+en\s+vigueur"
    # Spanish, Italian, Portuguese
    r"|[úu]ltim[ao]\s+(?:actualizaci[óo]n|modificaci[óo]n|revisi[óo]n|aggiornamento|modifica|revisione"
    r"|atualiza[çc][ãa]o|altera[çc][ãa]o|revis[ãa]o)"
    r"|actualizad[oa]\s+el|aggiornat[oa]\s+(?:il|al)|atualizad[oa]\s+em"
    r"|(?:vigente|en\s+vigor|em\s+vigor|in\s+vigore)\s+(?:desde(?:\s+el)?|a\s+partir\s+del?|dal|a\s+partire\s+dal)"
    r"|fecha\s+de\s+entrada\s+en\s+vigor|data\s+di\s+entrata\s+in\s+vigore|data\s+de\s+(?:vig[êe]ncia|entrada\s+em\s+vigor)"
    # Dutch
    r"|laatst\s+(?:bijgewerkt|gewijzigd|herzien)(?:\s+op)?|laatste\s+(?:update|wijziging|herziening)"
    r"|bijgewerkt\s+op|geldig\s+(?:vanaf|sinds)|ingangsdatum"
)
"""What leads in to a notice's own date in German, French, Spanish, Italian, Portuguese and Dutch
('Stand:', 'Dernière mise à jour :', 'Última actualización:', 'Laatst bijgewerkt op')."""
_LEAD = re.compile(
    r"(?:\b(?=[a-zà-ÿ])|^)"  # at a word's start (or a line's): three times faster, and not 'outdated:'
    rf"(?:{_LEAD_ELSEWHERE}|"
    r"(?:last\s+(?:updated|revised|modified|reviewed|amended|changed)|(?:date\s+of\s+)?(?:last\s+)?(?:(?:update|revision)(?:\s+date)?\b|updated\s*:)"
    r"|effective(?:\s+(?:date|as\s+of|from|since|on))?|(?:updated|revised|modified|amended)\s+(?:on|as\s+of)"
    r"|(?:in\s+force|valid)\s+(?:from|since|as\s+of)|(?:this\s+)?(?:notice|policy|statement)\s+(?:was\s+)?(?:last\s+)?"
    r"(?:updated|revised|modified|amended)|version\s+(?:date|of)|date\s+of\s+(?:this|last)\s+(?:notice|policy|update)"
    r"|^\W*(?:updated|revised|modified|amended)(?=\s*:?\s+(?:\d|[a-z]{3}))))",
    re.IGNORECASE | re.MULTILINE,
)
"""What leads in to the notice's own date: 'Last updated', 'Effective as of', 'This policy was revised'."""


def parse_date(text: str, *, day_first: bool = True) -> dt.date | None:
    """The first date written in `text` in any common form (a month and year alone last), or None.

    A day that month does not have ('31 February 2025') is no date: not the month alone either."""
    found = []
    impossible: list[tuple[int, int]] = []
    for pattern in _FORMS[:4]:
        for match in pattern.finditer(text):
            date = _as_date(match, day_first)
            if date:
                found.append((match.start(), date))
                break
            impossible.append(match.span())
    if found:
        return min(found)[1]
    for match in _FORMS[4].finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in impossible):
            return _as_date(match, day_first)
    return None


def is_bare_date(text: str) -> bool:
    """A line that is a date and nothing else ('17 June 2025', 'Oct. 1st, 2021'): a notice's date under its name."""
    return any(pattern.fullmatch(text.strip(" .*_")) for pattern in _FORMS[:4])


def _as_date(match: re.Match[str], day_first: bool) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else 2000 + int(groups["yy"])
    if groups.get("month"):
        month = _MONTHS.get(groups["month"].lower().rstrip("."), 0)
        day = int(groups["day"]) if groups.get("day") else 1
    elif groups.get("m"):
        month, day = int(groups["m"]), int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (b, a) if (day_first and b <= 12) or a > 12 else (a, b)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def stated_date(text: str, *, day_first: bool = True, opening: bool = False) -> tuple[dt.date, str] | None:
    """The notice's own 'last updated' or effective date, and the line that states it.

    `opening`: `text` starts where the notice starts, so a date alone on its first line ('21 April
    2026' under the title) is the notice's date too, when no line says 'last updated'."""
    lines = text.splitlines()
    for k, line in enumerate(lines[:400]):
        for lead in _leads(line):
            found = parse_date(line[lead.end() :][:40], day_first=day_first)
            if found:
                shown = line if len(line) <= 120 else line[max(0, lead.start() - 20) : lead.end() + 40]
                return found, " ".join(shown.strip(" *#_>").split())
        if lead_alone(line):  # 'Effective date' on a line of its own, the date on the next
            after = next((n for n in lines[k + 1 : k + 3] if n.strip()), "")
            date = parse_date(after, day_first=day_first) if is_bare_date(after) else None
            if date:
                return date, f"{_clean(line)} {_clean(after)}"
    if opening:
        first = next((line for line in lines if line.strip()), "")
        date = parse_date(first, day_first=day_first) if is_bare_date(first) else None
        if date:
            return date, " ".join(first.strip(" *#_>").split())
    return None


def _clean(line: str) -> str:
    """A line as the reader sees it: no emphasis marks, escapes or heading signs around it."""
    return " ".join(line.replace("\\", "").strip(" *_#>").split())


def lead_alone(line: str) -> bool:
    """The line says 'Effective date', 'Last updated:' and nothing more (its date follows it)."""
    text = _clean(line).rstrip(" :")
    return bool(text) and _LEAD.fullmatch(text) is not None


_AFTER_LEAD = re.compile(
    r"[ \t:.\-\u2013\u2014]*(?:(?:on|as\s+of|from|since|starting|is|le|el|am|vom|op|em|il|dal|du)\b[ \t:]*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+)?",  # 'Last updated: Monday, 3 March 2025'
    re.IGNORECASE,
)
_THIS_NOTICE_IS = re.compile(
    r"^this\s+(?:[\w-]+\s+){0,3}?(?:notice|policy|statement)\s+is\s+(?=effective)", re.IGNORECASE
)


LAW_WORD = (
    r"\b(?:Act|Code|Regulation|Directive|Law|Clauses|Addendum|Framework|Schedule|CFR|U\.S\.C"
    r"|GDPR|DSGVO|CCPA|CPRA|LGPD|PIPEDA|PIPA)\b"
)
"""A word that names a law or a legal instrument ('the Act', 'GDPR', 'Standard Contractual Clauses'):
near it, a date is the law's and a section number is the law's section. One list for the import's
dates and the typed-reference check."""
_ABOUT_A_LAW = re.compile(LAW_WORD + r"(?:[^.;:]|\.\d){0,60}$")


def _leads(text: str) -> Iterator[re.Match[str]]:
    """The lead-ins to a date in `text`, except those about a law ('the Swiss Act in force since
    1 March 2024' gives the law's date, not the notice's)."""
    if _DIGIT.search(text) is None:
        return
    for line in _LINE_WITH_DIGIT.finditer(text):  # a date has digits: a line without any states none
        yield from _leads_in(text, line.start(), line.end())


_DIGIT = re.compile(r"\d")
_TAKES_EFFECT = re.compile(
    r"effective|in\s|valid|g[üu]ltig|wirksam|en\s+vig|em\s+vig|applicable|vigente|geldig|date\s+d|fecha|data\s+d",
    re.IGNORECASE,
)
_LINE_WITH_DIGIT = re.compile(r"^[^\n\d]*\d[^\n]*", re.MULTILINE)


def _leads_in(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    for lead in _LEAD.finditer(text, start, end):
        takes_effect = _TAKES_EFFECT.match(lead.group(0)) is not None  # 'effective', 'in force': said of laws too
        if not (takes_effect and _ABOUT_A_LAW.search(text, max(0, lead.start() - 80), lead.start())):
            yield lead


def typed_date_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each date `text` states for itself with a lead-in ('Last updated: 1 May 2025',
    'effective as of Oct. 1st, 2021'): from the lead-in to the end of the date that follows it."""
    for lead in _leads(text):
        at = _AFTER_LEAD.match(text, lead.end()).end()  # type: ignore[union-attr]
        for pattern in _FORMS:
            date = pattern.match(text, at)
            if date:
                yield lead.start(), date.end()
                break


def date_statement(paragraph: str, *, day_first: bool = True) -> dt.date | None:
    """The date of a paragraph that states the notice's date and nothing else ('Last updated: 1 May
    2025', '*Effective as of March 2, 2026*', 'This policy was last revised on Oct. 1st, 2021.')."""
    text = " ".join(re.sub(r"[*_\\]", " ", paragraph).split()).strip(" #>")
    text = _THIS_NOTICE_IS.sub("", text)  # 'This Privacy Policy is effective as of ...'
    lead = _LEAD.match(text)
    if lead is None:
        return None
    rest = text[lead.end() :]
    rest = rest[_AFTER_LEAD.match(rest).end() :].rstrip(" .")  # type: ignore[union-attr]
    if not any(pattern.fullmatch(rest) for pattern in _FORMS):
        return None
    return parse_date(rest, day_first=day_first)


_US_ONLY = frozenset({"ccpa", "caloppa", "coppa"})


def date_order(text: str) -> tuple[bool, str]:
    """Whether '04/03/2025' in this notice is 4 March (day first) or April 3 (month first), and why.

    The notice's other dates say it where they can ('13/02/2025', 'March 4, 2025' against
    '4 March 2025'); failing them, a notice that names only United States laws writes the month
    first, and any other the day first."""
    votes = sum(1 for _ in _FORMS[0].finditer(text)) - sum(1 for _ in _FORMS[1].finditer(text))
    for match in _FORMS[_NUMERIC].finditer(text):
        a, b = int(match["a"]), int(match["b"])
        votes += (a > 12 >= b) - (b > 12 >= a)
    if votes:
        return votes > 0, "as the notice writes its other dates"
    from notice_studio.core.importer.topics import mentioned_jurisdictions

    laws = set(mentioned_jurisdictions(text))
    if laws and laws <= _US_ONLY:
        return False, "as notices under United States law write dates"
    return True, "as dates are written outside the United States"


def _ambiguous(line: str) -> re.Match[str] | None:
    """The numeric date in `line` whose day and month could be read either way ('04/03/2025')."""
    match = _FORMS[_NUMERIC].search(line)
    return match if match and match["a"] != match["b"] and max(int(match["a"]), int(match["b"])) <= 12 else None


def take_out_date_line(outline: ImportedOutline, *, day_first: bool | None = None) -> ImportedOutline:
    """The outline with its own date recorded (`stated_date`) and, where a paragraph states that date
    and nothing else, that paragraph taken out of the text (`date_line`, and a note that says so).

    A section left with no text goes too when it was only the text before the first heading or is
    itself called 'Last updated' or the like; any other section keeps its date line rather than
    standing empty."""
    sections = list(outline.sections)
    text = "\n".join((s.title + "\n" if lead_alone(s.title) else "") + s.body for s in sections)
    why = ""
    stated = stated_date(text, day_first=day_first is not False, opening=True)
    if day_first is None:
        day_first = True
        if stated and _ambiguous(stated[1]):  # only then is the notice's way of writing dates asked
            day_first, why = date_order(text)
            stated = stated_date(text, day_first=day_first, opening=True)
    if stated is None:
        return outline
    found = replace(outline, stated_date=stated[0].isoformat())
    either_way = _ambiguous(stated[1])
    if either_way and why:
        other = _as_date(either_way, not day_first) or stated[0]  # both numbers are 12 or less: a date
        read = f"{stated[0].day} {stated[0]:%B %Y}"
        order = "the day first" if day_first else "the month first"
        note = (
            f"'{either_way[0]}' was read as {read} ({order}, {why}); if it means "
            f"{other.day} {other:%B %Y}, change the effective date when you publish."
        )
        found = replace(found, notes=(*outline.notes, note))
    for i, section in enumerate(sections):
        for j, paragraph in enumerate(section.paragraphs):
            span, date = 1, date_statement(paragraph, day_first=day_first)
            after = section.paragraphs[j + 1] if j + 1 < len(section.paragraphs) else ""
            if is_bare_date(paragraph) and ((i == 0 and j == 0) or (j == 0 and lead_alone(section.title))):
                date = parse_date(paragraph, day_first=day_first)  # under the notice's name, or under 'Effective date'
            elif lead_alone(paragraph) and is_bare_date(after):
                span, date = 2, parse_date(after, day_first=day_first)
            if date != stated[0]:
                continue
            rest = section.paragraphs[:j] + section.paragraphs[j + span :]
            below = i + 1 < len(sections) and sections[i + 1].level > section.level
            if any(ch.isalnum() for p in rest for ch in p) or below:
                sections[i] = replace(section, paragraphs=rest)
            elif len(sections) > 1 and (section.evidence == BEFORE_FIRST_HEADING or lead_alone(section.title)):
                del sections[i]
            else:
                return found  # the section would stand empty: the line stays, and the report says so
            line = " ".join(_clean(p) for p in section.paragraphs[j : j + span])
            note = (
                f"The line '{line[:70]}' was taken out of the text: its date is offered as the first version's "
                "effective date, and Notice Studio prints the date of each version it publishes."
            )
            return replace(found, sections=tuple(sections), date_line=line, notes=(*found.notes, note))
    return found


def offered_effective_date(settings: dict[str, object]) -> dt.date | None:
    """The effective date to offer when publishing the first version of an imported notice."""
    value = settings.get(IMPORTED_EFFECTIVE)
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None

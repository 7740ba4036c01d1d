"""The import report: what was found, what the checks say, and which library clauses fill gaps.

The checks engine and the clause library are used when they can be loaded (`_checks_and_library`
is the one place that touches them); without them the report says what the import itself found.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from notice_studio.core.checks.types import tally
from notice_studio.core.importer.build import outline_text
from notice_studio.core.importer.dates import IMPORTED_EFFECTIVE, stated_date
from notice_studio.core.importer.headings import Number, split_number
from notice_studio.core.importer.outline import ImportedOutline, section_counts
from notice_studio.core.importer.page_links import page_links
from notice_studio.core.importer.tables import found_tables
from notice_studio.core.notice.languages import detect_language, language_label
from notice_studio.core.notice.model import CROSSREF_RE, PLACEHOLDER_RE, Notice
from notice_studio.core.wording import plural

if TYPE_CHECKING:
    from notice_studio.core.library.catalog import Library

# Topics every notice is expected to cover, and those a law adds (for gap suggestions).
EXPECTED_TOPICS: tuple[str, ...] = (
    "controller",
    "data-provided",
    "purposes",
    "sharing",
    "retention",
    "rights",
    "security",
    "changes",
    "contact",
)
EXPECTED_BY_LAW: dict[str, tuple[str, ...]] = {
    "gdpr": ("legal-bases", "international-transfers", "complaints"),
    "uk_gdpr": ("legal-bases", "international-transfers", "complaints"),
    "no_pda": ("legal-bases", "international-transfers", "complaints"),
    "ccpa": ("california",),
    "caloppa": ("dnt-gpc",),
    "coppa": ("children",),
    "lgpd": ("brazil",),
    "pipeda": ("canada",),
    "bc_pipa": ("canada",),
}
_MARKER = re.compile(
    r"\[(?:insert|enter|add|company|name|date|address|email|e-mail|phone|your|tbc|tbd|x+)\b[^\]\n]{0,60}\]|<<[^>\n]{1,60}>>|\bTBD\b|\bTBC\b|\bX{3,}\b|lorem ipsum",
    re.IGNORECASE,
)
_EMPTY_CONTACT = re.compile(r"(?im)^\W*(e-?mail|phone|telephone|tel|address|post|fax|website)\s*:\s*(?:\\)?$")
_CONTACT_DETAIL = re.compile(
    r"@|\+?\d[\d ()-]{6,}\d|https?://|www\.|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s*\d[A-Z]{2}\b|\b\d{5}(?:-\d{4})?\b"
)


_SAME_PROBLEM = {"contact-missing": "import-empty-contact", "last-updated-typed": "import-typed-date"}
"""Checks-engine rules that repeat what the import itself reported about the same clause."""


@dataclass(frozen=True)
class ReportFinding:
    severity: str
    """'error', 'warning' or 'info' (as the checks engine uses them)."""
    message: str
    clause_id: str | None = None
    rule: str = ""
    source: str = "import"
    """'import' for what the import found, 'checks' for the checks engine."""
    suggestion: str | None = None
    """A library clause id that would fix it (coverage findings)."""


@dataclass(frozen=True)
class Suggestion:
    """A topic the notice does not cover, and library clauses that would cover it."""

    topic: str
    label: str
    clauses: tuple[tuple[str, str], ...] = ()
    """(library clause id, title)."""
    reason: str = ""


@dataclass(frozen=True)
class SectionSummary:
    number: str
    clause_id: str
    title: str
    level: int
    original_number: str
    topics: tuple[str, ...]
    evidence: str
    topic_evidence: str
    words: int


@dataclass(frozen=True)
class ImportReport:
    source: str
    format: str
    encoding: str
    title: str
    jurisdictions: tuple[str, ...]
    sections: tuple[SectionSummary, ...]
    topics_found: tuple[str, ...]
    numbering_gaps: tuple[str, ...]
    findings: tuple[ReportFinding, ...]
    suggestions: tuple[Suggestion, ...]
    dropped: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    checks_engine: bool = False
    created: str | None = None
    """The notice folder, once created (None for a dry run)."""
    stated_date: str = ""
    """The original's own 'last updated' or effective date (ISO), offered for the first version."""
    tables_found: tuple[str, ...] = ()
    """The tables found in the text ("'Cookies': 3 columns, 4 rows"), which can become notice tables."""
    tables_made: tuple[str, ...] = ()
    """The notice tables made from them (their names), when the import was asked to."""
    language: str = "en"
    """The language the notice was given (notice.yaml `language`)."""
    language_told: bool = False
    """True when the text's own words told the language; False when they did not and English was assumed."""
    language_chosen: bool = False
    """True when the user chose the language (import --language, the Import dialog's choice)."""
    language_detected: str = ""
    """The language the text's own words tell ('' when they do not)."""

    def as_dict(self) -> dict[str, object]:
        """The stable JSON shape of `notice-studio import --json`."""
        data = asdict(self)
        data["schema"] = 1
        data["suggestions"] = [
            {
                "topic": s.topic,
                "label": s.label,
                "reason": s.reason,
                "clauses": [{"id": i, "title": t} for i, t in s.clauses],
            }
            for s in self.suggestions
        ]
        return data


def make_report(
    outline: ImportedOutline, notice: Notice, created: str | None = None, language_chosen: bool = False
) -> ImportReport:
    detected = detect_language(outline_text(outline)) or ""
    sections = []
    # build_notice adds clauses in outline order, so the notice's reading order matches the outline.
    for section, (clause, depth, number) in zip(outline.sections, notice.walk(), strict=False):
        sections.append(
            SectionSummary(
                number,
                clause.id,
                clause.title,
                depth + 1,
                section.original_number,
                tuple(section.topics),
                section.evidence,
                section.topic_evidence,
                section.word_count,
            )
        )
    topics_found = tuple(dict.fromkeys(t for s in outline.sections for t in s.topics))
    engine = _checks_and_library(notice)
    findings: list[ReportFinding] = []
    findings += _import_findings(outline, notice)
    coverage: list[ReportFinding] = []
    if engine is not None:
        # Missing disclosures are summarised, with the clauses that would cover them as suggestions.
        coverage = [f for f in engine[0] if f.rule == "coverage-missing"]
        # The import already reported an empty "Email:" line in its own words: say it once.
        said = {(f.clause_id, f.rule) for f in findings}
        findings += [
            f
            for f in engine[0]
            if f.rule != "coverage-missing" and (f.clause_id, _SAME_PROBLEM.get(f.rule)) not in said
        ]
        if coverage:
            findings.append(
                ReportFinding(
                    "warning",
                    f"{len(coverage)} disclosures the selected laws require were not found in the text; the library clauses "
                    "listed below would cover them ('notice-studio check' lists each one).",
                    None,
                    "coverage-missing",
                    "checks",
                )
            )
    else:
        findings += _own_checks(notice)
    library = engine[1] if engine else None
    suggestions = _suggestions(notice, set(topics_found), library, coverage)
    return ImportReport(
        source=outline.source_name,
        format=outline.format,
        encoding=outline.encoding,
        title=notice.title,
        jurisdictions=tuple(notice.jurisdictions),
        sections=tuple(sections),
        topics_found=topics_found,
        numbering_gaps=tuple(numbering_gaps(outline)),
        findings=tuple(findings),
        suggestions=tuple(suggestions),
        dropped=outline.dropped,
        notes=(*outline.notes, *_linked_references(outline, notice), *_page_links_note(outline)),
        checks_engine=engine is not None,
        created=created,
        stated_date=str(notice.settings.get(IMPORTED_EFFECTIVE, "")),
        tables_found=tuple(f"{n}. {t.summary}" for n, t in enumerate(found_tables(outline), start=1)),
        tables_made=tuple(notice.tables),
        language=notice.language,
        language_told=not language_chosen and detected == notice.language,
        language_chosen=language_chosen,
        language_detected=detected,
    )


def _linked_references(outline: ImportedOutline, notice: Notice) -> list[str]:
    """A note on the typed section numbers the import turned into cross-references (build_notice)."""
    titles = {clause.id: clause.title for clause, _, _ in notice.walk()}
    made: list[str] = []
    for section, (clause, _, _) in zip(outline.sections, notice.walk(), strict=False):
        had = Counter(CROSSREF_RE.findall(section.body))
        made += list((Counter(CROSSREF_RE.findall(clause.body)) - had).elements())
    if not made:
        return []
    note = (
        f"{plural(len(made), 'typed section number')} written against the original's numbering "
        f"(the first points to '{titles.get(made[0], made[0])[:50]}') became cross-references: Notice "
        "Studio numbers the sections itself, so the numbers readers see stay right when sections move."
    )
    return [note]


def _page_links_note(outline: ImportedOutline) -> list[str]:
    """A note on the links within the original page: where they lead now (build_notice)."""
    links = page_links(outline)
    said: list[str] = []
    if links.leading:
        said.append(f"{plural(links.leading, 'link')} within the original page now lead to their sections")
    if links.nowhere:
        named = ", ".join(f"'#{name}'" if name else "a bare '#'" for name in links.nowhere[:3]) + (
            ", ..." if len(links.nowhere) > 3 else ""
        )
        said.append(
            f"links to {plural(len(links.nowhere), 'place')} the notice does not have ({named}: footnotes, "
            "page scripts, parts of the page left out) were kept as plain words"
        )
    return ["; ".join(said)[:1].upper() + "; ".join(said)[1:] + "."] if said else []


# ----- numbering in the original ------------------------------------------------------------------
def numbering_gaps(outline: ImportedOutline) -> list[str]:
    """Skipped, repeated or backwards numbers in the original headings ('jumps from 4 to 6')."""
    gaps: list[str] = []
    last_top: dict[str, int] = {}
    last_sub: tuple[int, int] | None = None
    numbers = [split_number(s.original_number + ". x")[0] if s.original_number else None for s in outline.sections]
    for k, (section, number) in enumerate(zip(outline.sections, numbers, strict=True)):
        if number is None or number.scheme == "list":
            continue
        label = section.original_number
        if number.depth == 1:
            scheme, (value,) = _in_context(number, numbers[k + 1 :], last_top)
            prev = last_top.get(scheme)

            def shown(v: int, scheme: str = scheme) -> str:
                return _show(v, scheme)

            if prev is None and value > 1:
                gaps.append(f"The original numbering starts at {label} ('{section.title}').")
            elif prev is not None and value == prev:
                gaps.append(f"The original numbers two sections {label} ('{section.title}' is the second).")
            elif prev is not None and value < prev:
                gaps.append(f"The original numbering goes back from {shown(prev)} to {label} at '{section.title}'.")
            elif prev is not None and value > prev + 1:
                missing = ", ".join(shown(v) for v in range(prev + 1, value))
                gaps.append(f"The original numbering jumps from {shown(prev)} to {label} (no section {missing}).")
            last_top[scheme] = value
            last_sub = None
        elif number.depth == 2:
            a, b = number.values
            prev_b = last_sub[1] if last_sub and last_sub[0] == a else 0
            if b > prev_b + 1:
                missing = ", ".join(f"{a}.{v}" for v in range(prev_b + 1, b))
                gaps.append(f"The original numbering jumps to {label} (no section {missing}).")
            elif b <= prev_b:
                gaps.append(f"The original numbers {label} twice or out of order ('{section.title}').")
            last_sub = (a, b)
    return gaps


def _in_context(number: Number, after: list[Number | None], last_top: dict[str, int]) -> tuple[str, tuple[int, ...]]:
    """The scheme and value of a top-level number, reading 'I', 'V', 'X' as roman numerals when the
    numbering around them is roman ('I' before 'II', 'V' after 'IV'), else as letters."""
    if number.alternative is None:
        return number.scheme, number.values
    alt_scheme, alt_values = number.alternative
    if number.scheme in last_top:
        return number.scheme, number.values
    if alt_scheme in last_top:
        return number.alternative
    nxt = next((n for n in after if n is not None and n.depth == 1 and n.alternative is None), None)
    if nxt is not None and nxt.scheme == alt_scheme:
        return alt_scheme, alt_values
    return number.scheme, number.values


def _show(value: int, scheme: str) -> str:
    if scheme == "upper":
        return chr(64 + value) if 1 <= value <= 26 else str(value)
    if scheme == "roman":
        from notice_studio.core.importer.docx_reader import _roman

        return _roman(value)
    return str(value)


# ----- what the import itself noticed ---------------------------------------------------------------
def _import_findings(outline: ImportedOutline, notice: Notice) -> list[ReportFinding]:
    """What only the import can tell: untagged sections, the original's own date, empty contact lines."""
    found: list[ReportFinding] = []
    dated = bool(outline.date_line)  # taken out of the text, and a note says so
    for index, clause in enumerate(notice.all_clauses()):
        if not clause.topics:
            found.append(
                ReportFinding(
                    "info",
                    "No topic was recognised for this section; choose one so the coverage checks count it.",
                    clause.id,
                    "import-no-topic",
                )
            )
        for match in _EMPTY_CONTACT.finditer(clause.body):
            found.append(
                ReportFinding(
                    "error",
                    f"The '{match.group(1)}:' line is empty; fill in the detail or delete the line.",
                    clause.id,
                    "import-empty-contact",
                )
            )
        stated = stated_date(clause.body, opening=index == 0)
        if stated and not dated:
            dated = True
            found.append(
                ReportFinding(
                    "info",
                    f"The original states its own date ('{stated[1][:70]}'); "
                    f"{outline.stated_date or stated[0].isoformat()} is offered as "
                    "the first version's effective date, and Notice Studio dates each version when you publish, "
                    "so remove that line before publishing.",
                    clause.id,
                    "import-typed-date",
                )
            )
    if not dated:
        found.append(
            ReportFinding(
                "warning",
                "The original has no 'last updated' or effective date; Notice Studio adds one when you publish the first version.",
                None,
                "import-no-date",
            )
        )
    return found


def _own_checks(notice: Notice) -> list[ReportFinding]:
    """What the import can check without the checks engine: placeholders, markers, contacts, date."""
    found: list[ReportFinding] = []
    for clause in notice.all_clauses():
        body = clause.body
        for name in dict.fromkeys(PLACEHOLDER_RE.findall(body)):
            found.append(
                ReportFinding(
                    "error",
                    f"The placeholder {{{{ {name} }}}} is left in the text with no value.",
                    clause.id,
                    "placeholder-unfilled",
                )
            )
        for marker in dict.fromkeys(m.group(0) for m in _MARKER.finditer(body)):
            found.append(
                ReportFinding(
                    "error", f"The drafting marker '{marker}' is still in the text.", clause.id, "drafting-marker"
                )
            )
        if (
            "contact" in clause.topics
            and not _CONTACT_DETAIL.search(body)
            and not any(_CONTACT_DETAIL.search(child.body) for child in clause.children)
        ):
            found.append(
                ReportFinding(
                    "error",
                    "This contact section gives no email address, phone number, web address or postal address.",
                    clause.id,
                    "contact-missing",
                )
            )
        if not body.strip() and not clause.children:
            found.append(ReportFinding("error", "This section has no text.", clause.id, "clause-empty"))
    return found


# ----- gaps and library suggestions ---------------------------------------------------------------
def _suggestions(
    notice: Notice, found: set[str], library: Library | None, coverage: list[ReportFinding]
) -> list[Suggestion]:
    from notice_studio.core.importer.topics import known_topics

    labels = known_topics()
    wanted = list(EXPECTED_TOPICS)
    for jurisdiction in notice.jurisdictions:
        wanted += [t for t in EXPECTED_BY_LAW.get(jurisdiction, ()) if t not in wanted]
    # Covering a specific right counts as covering 'rights'; and so on for families of topics.
    covered = set(found)
    if any(t.startswith("right-") for t in found):
        covered.add("rights")
    if found & {"data-automatic", "data-third-party"}:
        covered.add("data-provided")
    if "service-providers" in found:
        covered.add("sharing")
    suggestions = []
    for topic in wanted:
        if topic in covered:
            continue
        clauses: tuple[tuple[str, str], ...] = ()
        if library is not None:
            try:
                matches = library.search(topic=topic)
                if notice.jurisdictions:
                    matches = [c for c in matches if c.applies_to(notice.jurisdictions)]
                clauses = tuple((c.id, c.title) for c in matches[:3])
            except Exception:  # noqa: BLE001 - a library problem must not stop the report
                clauses = ()
        reason = "every notice covers this" if topic in EXPECTED_TOPICS else "the selected laws ask for this"
        suggestions.append(Suggestion(topic, labels.get(topic, topic), clauses, reason))
    # Clauses the coverage check names for missing disclosures, grouped by their topic.
    by_topic = {s.topic: s for s in suggestions}
    for finding in coverage:
        clause = library.get(finding.suggestion) if library is not None and finding.suggestion else None
        if clause is None:
            continue
        topic = str(getattr(clause, "topic", "") or "")
        entry = (str(clause.id), str(clause.title))
        current = by_topic.get(topic)
        if current is None:
            current = Suggestion(topic, labels.get(topic, topic), (), "the selected laws ask for this")
            suggestions.append(current)
        if entry not in current.clauses:
            updated = Suggestion(current.topic, current.label, (*current.clauses, entry), current.reason)
            suggestions[suggestions.index(current)] = updated
            by_topic[topic] = updated
    return suggestions


def _checks_and_library(notice: Notice) -> tuple[list[ReportFinding], Library | None] | None:
    """Findings from the checks engine and the loaded library, or None if they cannot be used."""
    try:
        from notice_studio.core.checks import load_context, run_checks
    except ImportError:
        return None
    try:
        context = load_context()
        report = run_checks(notice, context)
    except Exception:  # noqa: BLE001 - the report must still be given if the checks fail
        return None
    findings = []
    for finding in report.findings:
        message = finding.message
        findings.append(
            ReportFinding(finding.severity, message, finding.clause_id, finding.rule, "checks", finding.suggestion)
        )
    return findings, context.library


# ----- as text (the CLI prints this; the UI may show it as a summary) ---------------------------------
_FORMAT_NAMES = {"txt": "plain text", "md": "Markdown", "html": "a web page", "docx": "a Word document", "pdf": "a PDF"}


def language_summary(report: ImportReport) -> str:
    """'German (Deutsch), told by its common words': the language the import gave the notice, and why."""
    if report.language_chosen:
        if not report.language_detected or report.language_detected == report.language:
            return f"{language_label(report.language)}, as chosen"
        return (
            f"{language_label(report.language)}, as chosen (its words tell {language_label(report.language_detected)})"
        )
    if report.language_told:
        return f"{language_label(report.language)}, told by its common words"
    return f"{language_label(report.language)}, assumed: its words did not tell"


def _language_line(report: ImportReport) -> str:
    return f"Language: {language_summary(report)} (change it with 'notice-studio settings DIR language=CODE')"


def report_text(report: ImportReport, *, max_findings: int = 25) -> str:
    lines: list[str] = []
    kind = _FORMAT_NAMES.get(report.format, report.format)
    encoding = f", {report.encoding}" if report.encoding and report.format not in ("docx", "pdf") else ""
    if report.created:
        lines.append(f"Imported '{report.source}' ({kind}{encoding}) as '{report.title}' in {report.created}.")
    else:
        lines.append(f"Dry run, nothing created: '{report.source}' ({kind}{encoding}) would become '{report.title}'.")
    top, subs = section_counts(s.level for s in report.sections)
    lines.append("")
    lines.append(f"Sections found: {len(report.sections)} ({plural(top, 'section')}, {plural(subs, 'sub-section')})")
    width = max((len(s.title) for s in report.sections), default=10)
    width = min(width, 48)
    numbers = ["  " * (s.level - 1) + s.number for s in report.sections]  # indented under the section above
    number_width = max((len(n) for n in numbers), default=5)
    for s, number in zip(report.sections, numbers, strict=True):
        was = f"[was {s.original_number}]" if s.original_number else ""
        title = s.title if len(s.title) <= 48 else s.title[:45] + "..."
        lines.append(f"  {number:<{number_width}} {title:<{width}}  {was:<11} {', '.join(s.topics) or '(no topic)'}")
    lines.append("")
    lines.append(f"Topics found ({len(report.topics_found)}): {', '.join(report.topics_found) or 'none'}")
    if report.jurisdictions:
        lines.append(f"Laws: {', '.join(report.jurisdictions)}")
    else:
        lines.append("Laws: none. The text names no law, so no coverage checks apply until you choose the laws.")
    lines.append(_language_line(report))
    if report.stated_date:
        lines.append(f"Date the original states: {report.stated_date} (offered as the first version's effective date)")
    if report.tables_made:
        kept = len(report.tables_found) - len(report.tables_made)
        lines.append(
            f"Tables: {len(report.tables_made)} made into notice tables ({', '.join(report.tables_made)}); "
            "each stands in its clause as [[table:name]]."
            + (f" {kept} more kept as text in their clauses." if kept > 0 else "")
        )
    elif report.tables_found:
        lines.append(
            f"Tables: {len(report.tables_found)} found, kept as text in their clauses ("
            + "; ".join(report.tables_found[:5])
            + (f"; and {len(report.tables_found) - 5} more" if len(report.tables_found) > 5 else "")
            + ")."
        )
    if report.numbering_gaps:
        lines.append("")
        lines.append("Numbering in the original:")
        lines += [f"  - {gap}" for gap in report.numbering_gaps]
    if report.dropped:
        lines.append("")
        repeats = Counter(report.dropped)  # a line repeated on every page is listed once, with its count
        folded = [text if n == 1 else f"{text} ({n} times)" for text, n in repeats.items()]
        shown = folded[:8] + ([f"and {len(folded) - 8} more"] if len(folded) > 8 else [])
        lines.append("Left out as page furniture: " + "; ".join(shown) + ".")
    for note in report.notes:
        lines.append("")
        lines.append(f"Note: {note}")
    titles = {s.clause_id: s.title for s in report.sections}
    lines.append("")
    lines.append(f"Checks: {tally(f.severity for f in report.findings)}.")
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(report.findings, key=lambda f: order.get(f.severity, 3))
    for finding in findings[:max_findings]:
        where = f"'{titles[finding.clause_id]}': " if finding.clause_id in titles else ""
        lines.append(f"  {finding.severity:<7}  {where}{finding.message}")
    if len(findings) > max_findings:
        lines.append(f"  ... and {len(findings) - max_findings} more ('notice-studio check' lists them all).")
    if report.suggestions:
        lines.append("")
        lines.append("Topics not covered, and library clauses that could fill the gap:")
        for suggestion in report.suggestions:
            clauses = ", ".join(f"{cid} ('{title}')" for cid, title in suggestion.clauses) or "no library clause yet"
            lines.append(f"  {suggestion.label} [{suggestion.topic}]: {clauses}")
    return "\n".join(lines)

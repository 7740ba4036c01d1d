"""Checks before publishing: drafting slips, broken references, defined terms, coverage of the
selected laws, readability and the 'Last updated' date. Pure: no I/O, no Qt, no git.

    report = run_checks(notice, load_context())     # or CheckContext(...) built by the caller
    report.blocking        # errors: publishing is refused
    report.to_acknowledge  # warnings: publishing needs them acknowledged
"""

from __future__ import annotations

from notice_studio.core.checks import (
    consistency,
    contradictions,
    dates,
    drafting,
    email_contact,
    language,
    law_rights,
    laws,
    practices_named,
    readability,
    references,
    tables,
    terms,
)
from notice_studio.core.checks import coverage as _coverage
from notice_studio.core.checks.report_json import SCHEMA_VERSION, report_to_json
from notice_studio.core.checks.rules import ENGLISH_WORDING, FAMILIES, RULES, Rule
from notice_studio.core.checks.scan import scan
from notice_studio.core.checks.sources import load_context
from notice_studio.core.checks.types import CheckContext, CheckReport, ClauseReadability, Coverage, Finding, Severity
from notice_studio.core.notice.model import Notice
from notice_studio.core.practices.facts import effective_facts
from notice_studio.core.progress import Progress

__all__ = [
    "FAMILIES",
    "RULES",
    "SCHEMA_VERSION",
    "CheckContext",
    "CheckReport",
    "ClauseReadability",
    "Coverage",
    "Finding",
    "Rule",
    "Severity",
    "load_context",
    "report_to_json",
    "run_checks",
]


_STEPS = 6
"""Progress steps of run_checks (a 13,000-section notice takes seconds from empty caches)."""


def run_checks(notice: Notice, context: CheckContext | None = None, progress: Progress | None = None) -> CheckReport:
    """Every check on `notice`; findings in reading order (notice-wide ones last)."""

    def step(done: int) -> None:
        if progress is not None:
            progress(done, _STEPS, "Checking the notice")

    ctx = context or CheckContext()
    skip = set(ctx.skip)
    for family, rule_ids in FAMILIES.items():
        if family in skip:
            skip.update(rule_ids)
    reads_wording = language.reads_wording(notice)
    if not reads_wording:
        skip.update(ENGLISH_WORDING)
    step(0)
    s = scan(notice, ctx.library)
    step(1)
    found: list[Finding] = []

    found += drafting.no_sections(notice)
    found += drafting.placeholders(s, notice.variables)
    for info in s.clauses:
        found += drafting.malformed_placeholders(info)
        found += drafting.markers(info)
        found += drafting.dangling_contact(info)
        found += drafting.empty(info)
        found += drafting.too_large(info)
        found += drafting.missing_tables(info, notice.tables)
    found += email_contact.email_missing(s)
    found += drafting.duplicate_headings(s)
    found += drafting.typed_numbers(s)

    step(2)
    typed_titles = references.typed_title_numbers(s)
    computed = {info.number: info for info in s.clauses}
    for info in s.clauses:
        found += references.broken(info, s)
        found += references.dead_links(info, s)
        found += references.typed(info, s, typed_titles, computed)
        found += references.missing_targets(info, s)

    defs = terms.definitions(s)
    known = {notice.organisation, notice.title, *notice.variables.values()}
    found += terms.unused(s, defs)
    found += terms.undefined(s, defs, known)
    found += terms.organisation_names(s)

    step(3)
    facts = effective_facts(notice)
    found += tables.table_problems(notice)
    if "consistency" not in skip:
        found += consistency.consistency(s, facts)
    if "contradictions" not in skip:
        found += contradictions.contradictions(s, facts, found)
    if "consistency" not in skip:
        found += practices_named.unnamed_practices(s, ctx.requirements)

    found += law_rights.rights_without_law(s)
    found += laws.clauses_for_other_laws(s, ctx.library)

    coverage: tuple[Coverage, ...] = ()
    if "coverage-missing" not in skip:
        results, missing = _coverage.coverage(s, ctx, facts, reads_wording=reads_wording)
        coverage = tuple(results)
        found += missing

    step(4)
    scores: list[ClauseReadability] = []
    if "readability" not in skip:
        for info in s.clauses:
            result = readability.score(info)
            if result is not None:
                scores.append(result)
            found += readability.findings(info, result)

    found += dates.typed_dates(s)
    found += dates.last_updated(notice, ctx)
    found += language.wording_not_read(notice)

    step(5)
    found = [f for f in found if f.rule not in skip]
    last = len(s.clauses)
    found.sort(key=lambda f: (s.order(f.clause_id) if f.clause_id else last, f.start or 0, f.rule, f.element_id or ""))
    step(_STEPS)
    return CheckReport(findings=tuple(found), coverage=coverage, readability=tuple(scores))

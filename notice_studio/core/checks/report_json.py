"""The check report as stable JSON (schema 1, documented in docs/check-json.md)."""

from __future__ import annotations

from notice_studio.core.checks.types import CheckReport, Finding
from notice_studio.core.notice.model import Notice

SCHEMA_VERSION = 1


def finding_to_json(finding: Finding, numbers: dict[str, str]) -> dict[str, object]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "clause": finding.clause_id,
        "number": numbers.get(finding.clause_id or ""),
        "location": finding.location,
        "start": finding.start,
        "end": finding.end,
        "excerpt": finding.excerpt,
        "message": finding.message,
        "fix": finding.fix,
        "element": finding.element_id,
        "citation": finding.citation,
        "jurisdiction": finding.jurisdiction,
        "suggestion": finding.suggestion,
        "key": finding.key,
    }


def report_to_json(report: CheckReport, notice: Notice, version: str = "draft") -> dict[str, object]:
    numbers = notice.numbers()
    counts = report.counts()
    return {
        "schema": SCHEMA_VERSION,
        "notice": {"title": notice.title, "version": version, "jurisdictions": list(notice.jurisdictions)},
        "summary": {
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "blocking": counts["error"] > 0,
        },
        "findings": [finding_to_json(f, numbers) for f in report.findings],
        "coverage": [
            {
                "jurisdiction": c.jurisdiction,
                "law": c.law,
                "satisfied": [{"element": e, "clauses": list(c.satisfied_by(e))} for e in c.satisfied],
                "missing": list(c.missing),
                "not_applicable": list(c.not_applicable),
                "manual": list(c.manual),
                "confirmed_with": [{"element": e, "asked_as": a, "law": by} for e, a, by in c.confirmed_with],
                "assumed": [{"element": e, "fact": fact or None} for e, fact in c.assumed],
            }
            for c in report.coverage
        ],
        "readability": [
            {
                "clause": r.clause_id,
                "number": numbers.get(r.clause_id),
                "words": r.words,
                "sentences": r.sentences,
                "reading_ease": r.reading_ease,
                "grade": r.grade,
                "longest_sentence_words": r.longest_sentence_words,
                "hardest_sentence": {"start": r.worst_start, "end": r.worst_end, "text": r.worst_sentence},
            }
            for r in report.readability
        ],
    }

"""The check API and its JSON: shapes, order, skipping, purity, and any notice at all."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notice_studio.core.checks import (
    RULES,
    SCHEMA_VERSION,
    CheckContext,
    CheckReport,
    Finding,
    load_context,
    report_to_json,
    run_checks,
)
from notice_studio.core.notice.model import Clause, Notice

FINDING_KEYS = {
    "rule",
    "severity",
    "clause",
    "number",
    "location",
    "start",
    "end",
    "excerpt",
    "message",
    "fix",
    "element",
    "citation",
    "jurisdiction",
    "suggestion",
    "key",
}


def messy_notice() -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd", jurisdictions=["gdpr", "ccpa"])
    notice.add(Clause("intro", "Introduction", "Acme Inc. explains how it uses Personal Data. Contact us at."))
    notice.add(Clause("empty", "Security", ""))
    notice.add(Clause("rights", "Your rights", "See [[nowhere]] and [insert link]. {{ contact.email }}"))
    return notice


def test_report_shape_and_severity_groups() -> None:
    report = run_checks(messy_notice(), load_context())
    assert isinstance(report, CheckReport) and all(isinstance(f, Finding) for f in report.findings)
    assert report.blocking and all(f.severity == "error" for f in report.blocking)
    assert report.to_acknowledge and all(f.severity == "warning" for f in report.to_acknowledge)
    assert sum(report.counts().values()) == len(report.findings)
    assert {f.rule for f in report.findings} <= set(RULES)
    assert [f.rule for f in report.for_clause("empty")] == ["clause-empty"]


def test_findings_in_reading_order_notice_wide_last() -> None:
    report = run_checks(messy_notice(), load_context())
    order = {"intro": 0, "empty": 1, "rights": 2}
    keys = [(order[f.clause_id] if f.clause_id else 3, f.start or 0) for f in report.findings]
    assert keys == sorted(keys)


def test_findings_are_immutable_and_keys_ignore_offsets() -> None:
    report = run_checks(messy_notice(), CheckContext())
    finding = report.blocking[0]
    try:
        finding.message = "x"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("Finding should be frozen")
    moved = messy_notice()
    moved.find("intro").body = "A new first sentence. " + moved.find("intro").body
    again = {f.key for f in run_checks(moved, CheckContext()).findings}
    assert {f.key for f in report.findings if f.clause_id == "rights"} <= again


def test_skipping_rules_and_families() -> None:
    ctx = load_context(skip=("readability", "coverage", "clause-empty"))
    report = run_checks(messy_notice(), ctx)
    rules = {f.rule for f in report.findings}
    assert not rules & {"readability", "coverage-missing", "clause-empty"}
    assert report.coverage == () and report.readability == ()
    assert "drafting-marker" in rules


def test_json_is_stable() -> None:
    notice = messy_notice()
    data = report_to_json(run_checks(notice, load_context()), notice)
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"schema", "notice", "summary", "findings", "coverage", "readability"}
    assert data["schema"] == SCHEMA_VERSION == 1
    assert set(data["notice"]) == {"title", "version", "jurisdictions"}
    assert set(data["summary"]) == {"errors", "warnings", "info", "blocking"}
    assert data["summary"]["blocking"] is True
    for finding in data["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["location"] in ("body", "title", "notice")
    for coverage in data["coverage"]:
        assert set(coverage) == {
            "jurisdiction",
            "law",
            "satisfied",
            "missing",
            "not_applicable",
            "manual",
            "confirmed_with",
            "assumed",
        }
        for item in coverage["satisfied"]:
            assert set(item) == {"element", "clauses"}
        for item in coverage["assumed"]:
            assert set(item) == {"element", "fact"}
    for score in data["readability"]:
        assert set(score) == {
            "clause",
            "number",
            "words",
            "sentences",
            "reading_ease",
            "grade",
            "longest_sentence_words",
            "hardest_sentence",
        }
        assert set(score["hardest_sentence"]) == {"start", "end", "text"}
    coverage_finding = next(f for f in data["findings"] if f["rule"] == "coverage-missing")
    assert coverage_finding["element"] and coverage_finding["citation"] and coverage_finding["jurisdiction"]
    assert coverage_finding["clause"] is None and coverage_finding["location"] == "notice"


def test_every_rule_is_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "check-json.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| `{rule}` |" in doc, rule


def test_any_notice_even_an_empty_one() -> None:
    report = run_checks(Notice(), load_context())
    assert [f.rule for f in report.findings] == ["last-updated-missing", "notice-empty"]
    weird = Notice(title="", jurisdictions=["not-a-law", "GDPR"])
    weird.add(Clause("a", "", "<script>alert(1)</script> [[ ]] {{}} ]]x[[ ((( ``` \u200b ü ☃"))
    run_checks(weird, load_context())


_PIECES = [
    *list("abc XYZ.,;:!?()[]{}*_#|>-\n\"“”'@0123456789●"),
    "[[a]]",
    "{{ x }}",
    "contact us at",
    "section 2",
    "Acme Inc.",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies=st.lists(_TEXT, min_size=1, max_size=4), titles=st.lists(_TEXT, min_size=4, max_size=4))
def test_offsets_always_fall_inside_the_text(bodies: list[str], titles: list[str]) -> None:
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd", jurisdictions=["gdpr"])
    for n, body in enumerate(bodies):
        notice.add(Clause(f"c{n}", titles[n] or "T", body))
    report = run_checks(notice, CheckContext())
    for finding in report.findings:
        if finding.start is None:
            assert finding.end is None
            continue
        clause = notice.find(finding.clause_id)
        text = clause.title if finding.location == "title" else clause.body
        assert 0 <= finding.start <= finding.end <= len(text)

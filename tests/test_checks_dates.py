"""The 'Last updated' date: never published, no effective date, and the CCPA 12-month rule."""

from __future__ import annotations

import datetime as dt

import pytest

from notice_studio.core.checks import CheckContext, run_checks
from notice_studio.core.checks.dates import is_stale
from notice_studio.core.notice.model import Clause, Notice

TODAY = dt.date(2026, 11, 23)


def notice_for(*jurisdictions: str) -> Notice:
    notice = Notice(title="Privacy Notice", jurisdictions=list(jurisdictions))
    notice.add(Clause("intro", "Introduction", "This notice explains what we do."))
    return notice


def dated(notice: Notice, **kw):
    report = run_checks(notice, CheckContext(today=TODAY, **kw))
    return [f for f in report.findings if f.rule.startswith("last-updated")]


def test_never_published_draft_is_a_note() -> None:
    [finding] = dated(notice_for("gdpr"))
    assert (finding.rule, finding.severity, finding.clause_id) == ("last-updated-missing", "info", None)
    assert "not been published" in finding.message


def test_published_version_without_effective_date_is_an_error() -> None:
    [finding] = dated(notice_for("gdpr"), published_version=True, published_count=2, last_published=None)
    assert (finding.rule, finding.severity) == ("last-updated-missing", "error")


def test_draft_after_a_version_without_effective_date() -> None:
    [finding] = dated(notice_for("gdpr"), published_count=1, last_published=None)
    assert finding.severity == "info" and "latest published version" in finding.message


def test_recent_date_is_fine() -> None:
    assert (
        dated(notice_for("ccpa"), published_version=True, published_count=1, last_published=dt.date(2026, 1, 5)) == []
    )


def test_ccpa_date_older_than_twelve_months_warns_for_a_published_version() -> None:
    [finding] = dated(
        notice_for("ccpa"), published_version=True, published_count=3, last_published=dt.date(2025, 10, 1)
    )
    assert (finding.rule, finding.severity) == ("last-updated-stale", "warning")
    assert finding.element_id == "ccpa_annual_update" and "13 months" in finding.message


def test_stale_date_is_a_note_for_the_draft() -> None:
    [finding] = dated(notice_for("ccpa"), published_count=3, last_published=dt.date(2025, 10, 1))
    assert (finding.rule, finding.severity) == ("last-updated-stale", "info")


def test_old_date_outside_california_is_fine() -> None:
    assert (
        dated(notice_for("gdpr"), published_version=True, published_count=1, last_published=dt.date(2020, 1, 1)) == []
    )


@pytest.mark.parametrize(
    "last, today, stale",
    [
        (dt.date(2025, 11, 23), dt.date(2026, 11, 23), False),
        (dt.date(2025, 11, 23), dt.date(2026, 11, 24), True),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28), False),
        (dt.date(2024, 2, 29), dt.date(2025, 3, 1), True),
    ],
)
def test_twelve_months(last: dt.date, today: dt.date, stale: bool) -> None:
    assert is_stale(last, today) is stale


def test_published_version_coverage_marks_stale_ccpa_date_missing() -> None:
    from notice_studio.core.library.requirements import load_requirements

    ctx = CheckContext(
        requirements=load_requirements(),
        today=TODAY,
        published_version=True,
        published_count=1,
        last_published=dt.date(2025, 1, 1),
    )
    ccpa = run_checks(notice_for("ccpa"), ctx).coverage[0]
    assert "ccpa_annual_update" in ccpa.missing and "ccpa_date_last_updated" in ccpa.satisfied


@pytest.mark.parametrize(
    "line",
    [
        "Last updated: 3 March 2025",
        "Effective date: January 1, 2024",
        "Last revised 2024-05-01",
        "Updated on 01/02/2024",
        "Last updated: March 2025",
        # the same lead-ins the importer reads the notice's own date from
        "Valid from 3rd of March 2021",
        "This notice was last revised on Oct. 1st, 2021",
        "Revised 12 August 2025",
        "In force since 1 March 2024",
        "Date of this notice: 2 May 2025",
    ],
)
def test_typed_last_updated_line_is_a_warning(line: str) -> None:
    body = f"Acme Ltd\n{line}\n\nThis notice explains what we do."
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("intro", "Introduction", body))
    [finding] = dated(notice)[:1]
    assert (finding.rule, finding.severity) == ("last-updated-typed", "warning")
    assert body[finding.start : finding.end] == line


def test_dates_that_are_not_the_notice_date() -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("intro", "Introduction", "We keep records for 6 years. The law took effect in 2018."))
    assert [f.rule for f in dated(notice)] == ["last-updated-missing"]


@pytest.mark.parametrize(
    "body",
    [
        "Under the Federal Act on Data Protection, in force since 1 March 2024, you may ask us.",
        "The Standard Contractual Clauses version 2.1, effective on 4 February 2021, cover transfers.",
        "Brazilian users have the rights of the LGPD, in force since 18 September 2020.",
        "Our records are kept effective before 2020 rules changed.",
        "| Revision | Date |\n|---|---|\n| 3 | 1 May 2025 |",
    ],
)
def test_a_laws_date_or_a_revision_table_is_not_the_notices_typed_date(body: str) -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("intro", "Introduction", body))
    assert not [f for f in dated(notice) if f.rule == "last-updated-typed"]


def test_a_typed_date_in_bold_is_quoted_as_the_reader_sees_it() -> None:
    body = "**Effective Date:** 2 June 2025\n\nThis notice explains what we do."
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("intro", "Introduction", body))
    [finding] = dated(notice)[:1]
    assert "('Effective Date: 2 June 2025')" in finding.message
    assert "**" in body[finding.start : finding.end]  # the highlight still covers the text as written

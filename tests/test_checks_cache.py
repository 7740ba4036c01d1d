"""Checks keep per-clause work cached by the clause's text; what depends on the rest of the notice
(other headings, definitions, the organisation's name, the next sections, section numbers) is
still worked out on every run. Each step compares the cached run with one from empty caches."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import CheckReport, load_context, run_checks
from notice_studio.core.checks.text import clear_caches
from notice_studio.core.notice.model import Clause, Notice


@pytest.fixture(scope="module")
def context():
    return load_context()


def checked(notice: Notice, context) -> CheckReport:
    """The report with the caches warm from earlier runs, after checking that it is the report
    the same notice gets from empty caches."""
    warm = run_checks(notice, context)
    clear_caches()
    cold = run_checks(notice, context)
    assert warm == cold
    return warm


def rules(report: CheckReport, rule: str) -> list[tuple[str | None, str]]:
    return [(f.clause_id, f.excerpt) for f in report.findings if f.rule == rule]


def make_notice() -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Acme Widgets Ltd", jurisdictions=["eu"])
    notice.add(Clause("intro", "About this notice", 'Read the "Your choices" section for what you can do.'))
    notice.add(Clause("use", "How we use data", "We use account data to run the service. The table below lists it."))
    notice.add(Clause("keep", "Retention", "We keep account data for two years."))
    notice.add(Clause("terms", "Words we use", "We explain how we look after account data here."))
    notice.add(Clause("who", "Who we are", "We are Acme Widgets Inc, a company in Dublin."))
    return notice


def test_notice_wide_facts_still_count_when_the_clause_text_is_unchanged(context) -> None:
    notice = make_notice()
    first = checked(notice, context)
    assert rules(first, "crossref-named-broken") == [
        ("intro", 'Read the "Your choices" section'),
        ("use", "The table below"),
    ]
    assert rules(first, "organisation-name") == [("who", "Acme Widgets Inc")]

    # Another section gets the heading the introduction names: its reference now works.
    notice.find("keep").title = "Your choices"
    assert [c for c, _ in rules(checked(notice, context), "crossref-named-broken")] == ["use"]

    # The next section gains a table: 'the table below' is now true.
    notice.find("keep").body += "\n\n| Data | Kept for |\n| --- | --- |\n| Account | Two years |"
    assert rules(checked(notice, context), "crossref-named-broken") == []

    # The organisation's name changes to the one the text uses: no more finding about it.
    notice.organisation = "Acme Widgets Inc"
    assert rules(checked(notice, context), "organisation-name") == []


def test_a_definition_elsewhere_clears_a_capitalised_term(context) -> None:
    notice = make_notice()
    notice.find("use").body = "We use account data to run our Services for you."
    assert [c for c, _ in rules(checked(notice, context), "term-undefined")] == ["use"]
    notice.find("terms").body = 'We provide our apps and websites (the "Services") to our customers.'
    assert rules(checked(notice, context), "term-undefined") == []


def test_two_sections_with_the_same_text_each_get_their_own_findings(context) -> None:
    long_sentence = " ".join(["we keep the information that you give us for the purposes described"] * 5) + "."
    notice = make_notice()
    notice.find("keep").body = long_sentence
    notice.find("terms").body = long_sentence
    report = checked(notice, context)
    hard = [(f.clause_id, f.message.split(" is hard")[0]) for f in report.findings if f.rule == "readability"]
    assert hard == [("keep", "Section 3"), ("terms", "Section 4")]
    assert [r.clause_id for r in report.readability if r.clause_id in ("keep", "terms")] == ["keep", "terms"]
    # Moving a section renumbers its finding although its text is the same.
    notice.clauses.insert(0, notice.clauses.pop(2))
    hard = [
        (f.clause_id, f.message.split(" is hard")[0])
        for f in checked(notice, context).findings
        if f.rule == "readability"
    ]
    assert hard == [("keep", "Section 1"), ("terms", "Section 4")]


def test_one_edit_in_a_notice_of_thousands_of_sections_rereads_that_section_alone(context) -> None:
    """The caches hold a whole large notice: 4,096 entries each used to evict every section before
    its next use, so one edit in a 13,000-section notice re-checked all of them (3.5 s)."""
    from notice_studio.core.checks import text, topics

    notice = Notice(title="Privacy Notice", organisation="Acme Widgets Ltd", jurisdictions=["eu"])
    for i in range(4500):
        notice.add(Clause(f"s{i}", f"Part {i} of our records", f"We keep record {i} of your orders for {i} days."))
    run_checks(notice, context)
    before = {f: f.cache_info().misses for f in (text.plain, text.sentences, topics.topics_in)}  # type: ignore[attr-defined]
    notice.find("s2000").body += " We delete it after that."
    notice.find("s3000").title = "Part 3000 of our files"
    run_checks(notice, context)
    reread = {f.__name__: f.cache_info().misses - n for f, n in before.items()}  # type: ignore[attr-defined]
    assert reread == {"plain": 2, "sentences": 1, "topics_in": 1}, reread  # plain: with and without tables

"""Readability: syllables, Flesch formulas, the hardest sentence, markup stripped."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import CheckContext, run_checks
from notice_studio.core.checks.readability import ease, grade, syllables
from notice_studio.core.checks.text import plain, sentences
from notice_studio.core.notice.model import Clause, Notice


@pytest.mark.parametrize(
    "word, count",
    [
        ("we", 1),
        ("use", 1),
        ("data", 2),
        ("cookies", 2),
        ("provide", 2),
        ("information", 4),
        ("legitimate", 4),
        ("table", 2),
        ("stored", 1),
        ("wanted", 2),
        ("makes", 1),
        ("processes", 3),
        ("agree", 2),
        ("2026", 2),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_formulas() -> None:
    # 100 words, 5 sentences, 150 syllables: the textbook example.
    assert ease(100, 5, 150) == pytest.approx(206.835 - 1.015 * 20 - 84.6 * 1.5)
    assert grade(100, 5, 150) == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)


def _report(body: str):
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("c", "Section", body))
    return run_checks(notice, CheckContext())


def test_easy_clause_is_scored_and_not_reported() -> None:
    report = _report("We keep your data safe. We do not sell it. You can ask us to delete it at any time.")
    [score] = report.readability
    assert score.sentences == 3 and score.words == 20 and score.reading_ease > 70
    assert not [f for f in report.findings if f.rule == "readability"]


def test_hard_clause_names_its_hardest_sentence_with_offsets() -> None:
    hard = (
        "Notwithstanding the foregoing, the organisation's processing operations, including any "
        "international transfers undertaken pursuant to appropriate contractual safeguards, may "
        "necessitate additional documentation, authorisation and verification procedures "
        "determined proportionately by the responsible compliance functions."
    )
    body = f"We keep your data safe.\n\n{hard} You can ask us questions."
    report = _report(body)
    [finding] = [f for f in report.findings if f.rule == "readability"]
    assert finding.severity == "info"
    assert body[finding.start : finding.end] == hard
    assert "Notwithstanding" in finding.message


def test_the_hardest_sentence_is_quoted_with_its_references_and_placeholders_as_typed() -> None:
    body = (
        "Notwithstanding [[other]], the organisation's processing operations, including international "
        "transfers undertaken pursuant to appropriate contractual safeguards, may necessitate additional "
        "authorisation, documentation and verification procedures determined proportionately by "
        "{{ org.compliance_team }}. You can ask us about it."
    )
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("c", "Section", body))
    notice.add(Clause("other", "Other", "We keep your data safe."))
    report = run_checks(notice, CheckContext())
    [finding] = [f for f in report.findings if f.rule == "readability"]
    assert '"Notwithstanding [[other]], the organisation' in finding.message  # not "Notwithstanding x,"
    [score] = [r for r in report.readability if r.clause_id == "c"]
    assert score.worst_sentence.endswith("determined proportionately by {{ org.compliance_team }}.")


def test_long_sentence_is_reported_even_in_plain_words() -> None:
    long = " ".join(["we keep it"] * 13) + "."
    report = _report(long.capitalize())
    [finding] = [f for f in report.findings if f.rule == "readability"]
    assert "a sentence of 39 words" in finding.message


def test_markup_links_placeholders_and_tables_are_not_words() -> None:
    body = (
        "## Heading\n\nSee [our very long link text](https://example.com/a-very-long-address) now. "
        "Email {{ contact.email }}.\n\n| Column | Other |\n|---|---|\n| a | b |\n\n- first item\n- second item"
    )
    text = plain(body)
    assert len(text) == len(body) and "https" not in text and "{{" not in text and "#" not in text
    found = [s.text for s in sentences(body)]
    assert found == ["Heading", "See our very long link text now.", "Email x .", "first item", "second item"]


def test_abbreviations_do_not_end_sentences() -> None:
    found = [s.text for s in sentences("We rely on Art. 6 GDPR, e.g. consent. Acme Inc. is the controller.")]
    assert found == ["We rely on Art. 6 GDPR, e.g. consent.", "Acme Inc. is the controller."]

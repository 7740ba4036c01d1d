"""The checks are honest about a notice's language (found by the bug bash's German notice): the wording
checks read English only, so on a notice in another language they are silent and one note says so;
coverage lists the laws' disclosures for counsel to confirm instead of calling them all missing; and
the law names the checks and the importer look for include the GDPR's names in other languages."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import RULES, load_context, run_checks
from notice_studio.core.checks.law_rights import cited_laws
from notice_studio.core.checks.rules import ENGLISH_WORDING
from notice_studio.core.importer import mentioned_jurisdictions
from notice_studio.core.notice.model import Clause, Notice

# Our own German text: who we are, what we use the data for, the rights, one very long sentence.
LONG_SENTENCE = (
    "Eine Übermittlung personenbezogener Daten an Empfängerinnen und Empfänger außerhalb des Europäischen "
    "Wirtschaftsraums erfolgt ausschließlich auf Grundlage eines Angemessenheitsbeschlusses der Europäischen "
    "Kommission oder geeigneter Garantien, insbesondere der von der Kommission erlassenen "
    "Standardvertragsklauseln, deren Abschrift Sie jederzeit unter den oben genannten Kontaktdaten anfordern "
    "können, sofern nicht gesetzliche Aufbewahrungspflichten entgegenstehen."
)


def german_notice(language: str = "de") -> Notice:
    notice = Notice(
        title="Datenschutzerklärung", organisation="Beispiel GmbH", language=language, jurisdictions=["gdpr"]
    )
    notice.add(
        Clause(
            "wer-wir-sind",
            "Wer wir sind",
            "Verantwortlich für die Verarbeitung Ihrer Daten ist die Beispiel GmbH, Musterweg 1, 10115 Berlin.",
        )
    )
    notice.add(
        Clause(
            "zwecke",
            "Wofür wir Ihre Daten nutzen",
            "Wir verarbeiten Ihre Bestelldaten, um Ihre Bestellung auszuliefern (Art. 6 Abs. 1 lit. b DSGVO).",
        )
    )
    notice.add(
        Clause(
            "rechte",
            "Ihre Rechte",
            "Sie haben das Recht auf Auskunft, Berichtigung und Löschung sowie das Recht, sich bei einer "
            "Aufsichtsbehörde zu beschweren.",
        )
    )
    notice.add(Clause("uebermittlung", "Übermittlung", LONG_SENTENCE))
    return notice


def test_a_german_notice_gets_one_note_instead_of_english_wording_findings() -> None:
    report = run_checks(german_notice(), load_context())
    rules = [f.rule for f in report.findings]
    assert rules.count("wording-not-read") == 1
    [note] = [f for f in report.findings if f.rule == "wording-not-read"]
    assert note.severity == "info" and "German (Deutsch)" in note.message and "English only" in note.message
    assert not set(rules) & ENGLISH_WORDING  # the long sentence was scored by English syllables before
    assert report.readability == ()


def test_coverage_asks_counsel_to_confirm_what_it_cannot_read_instead_of_calling_it_missing() -> None:
    report = run_checks(german_notice(), load_context())
    assert "coverage-missing" not in [f.rule for f in report.findings]
    [gdpr] = report.coverage
    assert gdpr.missing == () and len(gdpr.manual) > 20


def test_what_the_gdpr_and_the_uk_gdpr_ask_word_for_word_is_confirmed_once() -> None:
    notice = german_notice()
    notice.jurisdictions = ["gdpr", "uk_gdpr"]
    gdpr, uk = run_checks(notice, load_context()).coverage
    assert uk.confirmed_with and {by for _e, _as, by in uk.confirmed_with} == {"gdpr"}
    assert not set(uk.manual) & {uk_id for uk_id, _as, _by in uk.confirmed_with}
    assert uk.missing == () and len(uk.manual) < len(gdpr.manual)


def test_an_english_notice_is_read_as_before() -> None:
    for language in ("en", "en-GB"):
        notice = german_notice(language)
        report = run_checks(notice, load_context())
        rules = {f.rule for f in report.findings}
        assert "wording-not-read" not in rules and "readability" in rules and "coverage-missing" in rules


def test_the_note_is_a_rule_of_the_table_that_can_be_skipped() -> None:
    assert RULES["wording-not-read"].severity == "info"
    report = run_checks(german_notice(), load_context(skip=["language"]))
    assert "wording-not-read" not in [f.rule for f in report.findings]


@pytest.mark.parametrize(
    "sentence",
    [
        "Rechtsgrundlage ist Art. 6 Abs. 1 lit. b DSGVO.",
        "Rechtsgrundlage ist die Datenschutz-Grundverordnung.",
        "Vos droits au titre du RGPD sont décrits ci-dessous.",
        "Conforme al Reglamento General de Protección de Datos, usted puede pedir una copia.",
        "Wij verwerken uw gegevens volgens de AVG.",
        "Przysługują Ci prawa wynikające z RODO.",
        "I dati sono trattati ai sensi del Regolamento generale sulla protezione dei dati.",
    ],
)
def test_the_gdpr_is_recognised_by_its_names_in_other_languages(sentence: str) -> None:
    assert mentioned_jurisdictions(sentence) == ["gdpr"]


def test_an_english_abbreviation_is_not_taken_for_a_law_name() -> None:
    assert mentioned_jurisdictions("The avg. session on our site lasts four minutes.") == []


def test_rights_cited_under_the_gdpr_by_its_german_name_are_found() -> None:
    sentence = "Players in Germany have rights under the DSGVO, set out below."
    assert [found[0] for found in cited_laws("Extra", sentence)] == ["gdpr"]

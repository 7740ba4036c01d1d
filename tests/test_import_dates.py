"""The date a notice states for itself, in the forms counsel type, offered for version 1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notice_studio.core.importer import build_notice, import_file, outline_from_document, preview_report, read_bytes
from notice_studio.core.importer.dates import date_statement, offered_effective_date, parse_date, stated_date
from notice_studio.core.importer.report import report_text

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def import_text(text: str):
    return outline_from_document(read_bytes(text.encode("utf-8"), "notice.txt", "txt"))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("This notice was last updated on Oct. 1st, 2021.", dt.date(2021, 10, 1)),
        ("Last updated: 1 October 2021", dt.date(2021, 10, 1)),
        ("Effective date: 2021-10-01", dt.date(2021, 10, 1)),
        ("Effective from June 01, 2023", dt.date(2023, 6, 1)),
        ("Last revised: 3rd of March 2020", dt.date(2020, 3, 3)),
        ("Last revised: 01/10/2021", dt.date(2021, 10, 1)),
        ("Updated on September 2022", dt.date(2022, 9, 1)),
        ("Revised: 3 March 2025", dt.date(2025, 3, 3)),
        ("Amended: Mar. 3, 2025", dt.date(2025, 3, 3)),
        ("Modified: 3 March 2025", dt.date(2025, 3, 3)),
        ("Last updated: 2025/03/04", dt.date(2025, 3, 4)),
        ("Last updated: 2025.03.04", dt.date(2025, 3, 4)),
        ("Last updated: 04-Mar-2025", dt.date(2025, 3, 4)),
        ("Last updated: 4/3/25", dt.date(2025, 3, 4)),
        ("Revision date: 4 March 2025", dt.date(2025, 3, 4)),
        ("Last updated: Tuesday, 4 March 2025", dt.date(2025, 3, 4)),
    ],
)
def test_typed_dates_are_recognised(line: str, expected: dt.date) -> None:
    found = stated_date(f"Our riders come first.\n{line}\nWe hire bicycles.")
    assert found is not None
    assert found[0] == expected
    assert found[1] == line


def test_a_date_without_a_lead_in_is_not_the_notice_date() -> None:
    assert stated_date("We keep records updated and archived since 12 May 2019.") is None
    assert parse_date("Founded on 12 May 2019 in Alnmouth") == dt.date(2019, 5, 12)
    assert parse_date("No date here") is None


def test_imported_date_offered_as_first_version_date() -> None:
    outline = import_file(FIXTURES / "browser_copy.txt")
    notice = build_notice(outline)
    assert offered_effective_date(notice.settings) == dt.date(2021, 10, 1)
    report = preview_report(outline)
    assert report.stated_date == "2021-10-01"
    # the line stating it is taken out of the text, and a note says so: no finding asks to remove it
    assert outline.date_line == "Last updated on 1 October 2021"
    assert "Last updated on" not in "\n".join(s.body for s in outline.sections)
    assert any("'Last updated on 1 October 2021' was taken out of the text" in n for n in report.notes)
    assert not any(f.rule in ("import-typed-date", "last-updated-typed", "import-no-date") for f in report.findings)
    assert "taken out of the text" in report_text(report)


def test_a_date_inside_a_sentence_stays_and_the_report_asks_to_remove_it() -> None:
    outline = import_text("Heading\n\nThis notice was last updated on 2 May 2024, after our move to Leith.\n")
    assert outline.stated_date == "2024-05-02" and not outline.date_line
    typed = [f for f in preview_report(outline).findings if f.rule == "import-typed-date"]
    assert len(typed) == 1 and "remove that line" in typed[0].message


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Last updated: 1 October 2021", dt.date(2021, 10, 1)),
        ("*Effective as of March 2, 2026*", dt.date(2026, 3, 2)),
        ("**Effective Date:** 2021-10-01", dt.date(2021, 10, 1)),
        ("This policy was last revised on Oct. 1st, 2021.", dt.date(2021, 10, 1)),
        ("This Cycle Hire Notice is effective as of 3 June 2024.", dt.date(2024, 6, 3)),
        ("Effective starting: November 9, 2025", dt.date(2025, 11, 9)),
        ("Revision date: 4 March 2025", dt.date(2025, 3, 4)),
        ("Last updated: Tuesday, 4 March 2025", dt.date(2025, 3, 4)),
        ("Last updated: 1 October 2021. We changed the retention periods.", None),
        ("Effective from June 2023 for all members", None),
        ("We keep records since 12 May 2019.", None),
    ],
)
def test_a_paragraph_that_only_states_the_date(paragraph: str, expected: dt.date | None) -> None:
    assert date_statement(paragraph) == expected


def test_a_section_holding_only_the_date() -> None:
    # a section called for the date goes with its line; any other section keeps the line rather than stand empty
    called = import_text("Effective date\n\n1 May 2024\n\nWho we are\n\nWe mend clocks in Hexham.\n")
    assert [s.title for s in called.sections] == ["Who we are"] and called.date_line == "Effective date 1 May 2024"
    page = "# Clockmakers\n\n## Effective Date\n\nJanuary 1, 2024\n\n## Who we are\n\nWe mend clocks in Hexham.\n"
    heading = outline_from_document(read_bytes(page.encode("utf-8"), "notice.md", "md"))
    assert [s.title for s in heading.sections] == ["Who we are"] and heading.stated_date == "2024-01-01"
    page = "# Clockmakers\n\n## Changes\n\nLast updated: 1 May 2024\n\n## Who we are\n\nWe mend clocks in Hexham.\n"
    other = outline_from_document(read_bytes(page.encode("utf-8"), "notice.md", "md"))
    assert [s.title for s in other.sections] == ["Changes", "Who we are"] and not other.date_line
    assert other.stated_date == "2024-05-01" and other.sections[0].body == "Last updated: 1 May 2024"


def test_no_date_no_offer() -> None:
    assert offered_effective_date({}) is None
    assert offered_effective_date({"imported_effective": "not a date"}) is None


def test_a_date_alone_under_the_title_is_the_notice_date(tmp_path: Path) -> None:
    path = tmp_path / "ferries.txt"
    path.write_text(
        "Kestrel Ferries Privacy Notice\n\n4 March 2025\n\nWe run the crossing between the two harbours.\n\n"
        "Bookings\n\nWe keep bookings for two years, counted from 1 May 2019 onwards.\n\n"
        "Cameras\n\n17 June 2024\n\nThe car deck is filmed.\n",
        encoding="utf-8",
    )
    outline = import_file(path)
    assert offered_effective_date(build_notice(outline).settings) == dt.date(2025, 3, 4)
    assert outline.date_line == "4 March 2025" and outline.sections[0].body.startswith("We run the crossing")
    assert "17 June 2024" in "\n".join(s.body for s in outline.sections)  # further down it is text
    # further down, a date alone on a line is not the notice's date, nor one inside a sentence
    assert stated_date("We run ferries.\n\n17 June 2024", opening=True) is None
    assert stated_date("17 June 2024", opening=False) is None


@pytest.mark.parametrize(
    "date_line",
    ["Effective as of 2 February 2026", "Revised 2 February 2026", "Date of last revision: 02.02.2026"],
)
def test_a_date_line_above_the_notices_name_is_no_part_of_it(date_line: str) -> None:
    outline = import_text(
        f"{date_line}\n\nPrivacy Notice\n\nWe run a small riding school for children and adults.\n\n"
        "Lessons\n\nWe keep the names of riders and the lessons they book.\n\n"
        "Ponies\n\nWe keep the vet's notes on each pony, never on riders.\n"
    )
    assert outline.title == "Privacy Notice"
    assert outline.stated_date == "2026-02-02"
    assert [s.title for s in outline.sections][1:] == ["Lessons", "Ponies"]


def test_a_date_line_under_a_name_that_fills_a_pdf_line_is_its_own_paragraph() -> None:
    # text copied from a PDF: no blank lines, and the name runs close to the margin, so the date
    # line's first word would not have fitted after it
    lines = [
        "Data Protection Notice of the Fenland Riding School for Young Riders",
        "Effective Date: 02.02.2026",
        "We run a small riding school for children and adults in the fens. We",
        "keep the names of riders, the lessons they book and what they pay.",
        "1. Lessons",
        "We keep the names of riders and the lessons they book, and the notes",
        "their teachers write after each lesson about how far they have come.",
        "2. Ponies",
        "We keep the vet's notes on each pony and never any notes on riders.",
    ]
    outline = import_text("\n".join(lines) + "\n")
    assert outline.title == "Data Protection Notice of the Fenland Riding School for Young Riders"
    assert outline.stated_date == "2026-02-02" and outline.date_line == "Effective Date: 02.02.2026"
    assert [s.title for s in outline.sections][1:] == ["Lessons", "Ponies"]


def test_a_laws_effective_date_is_not_the_notices() -> None:
    text = (
        "We run a riding school.\nThe Data Protection Act, effective on 1 April 2019, gives you rights.\n"
        "The Regulation (GDPR) valid from 25 May 2018 applies too."
    )
    assert stated_date(text) is None
    # 'last updated' is said of a notice, never of a law, whatever stands before it
    assert stated_date("Use of our records (GDPR) Last updated: October 2021")[0] == dt.date(2021, 10, 1)


def test_a_day_the_month_does_not_have_is_no_date() -> None:
    # not the month alone either: a typo must not become another legal date
    assert stated_date("Our riders come first.\nLast updated: 31 February 2025\nWe hire bicycles.") is None
    outline = import_text("Last updated: 30 February 2025\n\nWho we are\n\nWe hire bicycles in Alnmouth.\n")
    assert outline.stated_date == "" and "30 February 2025" in outline.sections[0].body


BIKES = "Who we are\n\nWe hire bicycles in Alnmouth{law}.\n\nYour rights\n\nAsk us for a copy of what we hold.\n"


@pytest.mark.parametrize(
    ("extra", "law", "expected", "why"),
    [
        (
            "",
            " under the California Consumer Privacy Act",
            "2024-01-12",
            "the month first, as notices under United States law",
        ),
        ("", "", "2024-12-01", "the day first, as dates are written outside the United States"),
        ("", " under the CCPA and the GDPR", "2024-12-01", "the day first"),
        (
            "Our last notice ran from 13/05/2023.\n\n",
            " under the CCPA",
            "2024-12-01",
            "as the notice writes its other dates",
        ),
        ("Our last notice ran from May 13, 2023.\n\n", "", "2024-01-12", "as the notice writes its other dates"),
    ],
)
def test_a_date_that_reads_both_ways_follows_the_notice_and_the_report_says_how(
    extra: str, law: str, expected: str, why: str
) -> None:
    outline = import_text("Effective date: 01/12/2024\n\n" + extra + BIKES.format(law=law))
    assert outline.stated_date == expected
    [note] = [n for n in outline.notes if n.startswith("'01/12/2024' was read as")]
    assert why in note and "change the effective date when you publish" in note


def test_a_numeric_date_that_reads_one_way_has_no_note() -> None:
    outline = import_text("Effective date: 21/12/2024\n\n" + BIKES.format(law=" under the CCPA"))
    assert outline.stated_date == "2024-12-21"
    assert not [n for n in outline.notes if "was read as" in n]


# ----- notices written in other languages (our own fixture text) ----------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Stand: 1. Oktober 2021", dt.date(2021, 10, 1)),
        ("Zuletzt aktualisiert am 3. März 2025", dt.date(2025, 3, 3)),
        ("Letzte Aktualisierung: 14.02.2024", dt.date(2024, 2, 14)),
        ("Dernière mise à jour : 1er octobre 2021", dt.date(2021, 10, 1)),
        ("Mise à jour le 4 février 2025", dt.date(2025, 2, 4)),
        ("En vigueur à compter du 1er août 2023", dt.date(2023, 8, 1)),
        ("Última actualización: 1 de octubre de 2021", dt.date(2021, 10, 1)),
        ("Fecha de entrada en vigor: 15 de enero de 2024", dt.date(2024, 1, 15)),
        ("Laatst bijgewerkt op 1 oktober 2021", dt.date(2021, 10, 1)),
        ("Ultimo aggiornamento: 1 ottobre 2021", dt.date(2021, 10, 1)),
        ("In vigore dal 2 giugno 2022", dt.date(2022, 6, 2)),
        ("Última atualização: 1 de outubro de 2021", dt.date(2021, 10, 1)),
        ("Atualizado em 9 de dezembro de 2020", dt.date(2020, 12, 9)),
    ],
)
def test_typed_dates_in_other_languages_are_recognised(line: str, expected: dt.date) -> None:
    found = stated_date(f"Wir vermieten Fahrräder.\n{line}\nNous louons des vélos.")
    assert found == (expected, line)
    assert date_statement(line) == expected


def test_a_law_in_force_since_a_date_is_not_the_notice_date_in_german_either() -> None:
    assert stated_date("Das Gesetz (DSGVO) ist in Kraft seit 25. Mai 2018.") is None


NOTICES_ELSEWHERE = {
    "de": (
        (
            "Datenschutzerklärung\n\nStand: 1. Oktober 2021\n\nWer wir sind\n\n"
            "Die Radverleih Muster GmbH vermietet Fahrräder und ist für Ihre Daten verantwortlich.\n\n"
            "Welche Daten wir erheben\n\nWir erheben Ihren Namen und Ihre E-Mail-Adresse, wenn Sie ein Rad mieten.\n"
        ),
        "Datenschutzerklärung",
    ),
    "fr": (
        (
            "Politique de confidentialité\n\nDernière mise à jour : 1er octobre 2021\n\nQui sommes-nous\n\n"
            "La société Vélos Exemple SAS loue des vélos et est responsable de vos données.\n\n"
            "Les données que nous recueillons\n\nNous recueillons votre nom et votre adresse e-mail.\n"
        ),
        "Politique de confidentialité",
    ),
    "es": (
        (
            "Política de privacidad\n\nÚltima actualización: 1 de octubre de 2021\n\nQuiénes somos\n\n"
            "Bicis Ejemplo S.L. alquila bicicletas y es responsable de sus datos.\n\n"
            "Qué datos recogemos\n\nRecogemos su nombre y su dirección de correo electrónico.\n"
        ),
        "Política de privacidad",
    ),
    "nl": (
        (
            "Privacyverklaring\n\nLaatst bijgewerkt op 1 oktober 2021\n\nWie wij zijn\n\n"
            "Fietsverhuur Voorbeeld B.V. verhuurt fietsen en is verantwoordelijk voor uw gegevens.\n\n"
            "Welke gegevens wij verzamelen\n\nWij verzamelen uw naam en uw e-mailadres.\n"
        ),
        "Privacyverklaring",
    ),
    "it": (
        (
            "Informativa sulla privacy\n\nUltimo aggiornamento: 1 ottobre 2021\n\nChi siamo\n\n"
            "Bici Esempio S.r.l. noleggia biciclette ed è responsabile dei tuoi dati.\n\n"
            "Quali dati raccogliamo\n\nRaccogliamo il tuo nome e il tuo indirizzo e-mail.\n"
        ),
        "Informativa sulla privacy",
    ),
    "pt": (
        (
            "Política de privacidade\n\nÚltima atualização: 1 de outubro de 2021\n\nQuem somos\n\n"
            "Bicicletas Exemplo Lda. aluga bicicletas e é responsável pelos seus dados.\n\n"
            "Que dados recolhemos\n\nRecolhemos o seu nome e o seu endereço de e-mail.\n"
        ),
        "Política de privacidade",
    ),
}


@pytest.mark.parametrize("language", sorted(NOTICES_ELSEWHERE))
def test_a_notice_in_another_language_gets_its_title_and_date(language: str) -> None:
    text, title = NOTICES_ELSEWHERE[language]
    outline = import_text(text)
    assert outline.title == title
    assert outline.stated_date == "2021-10-01"
    assert len(outline.sections) == 2 and title not in [s.title for s in outline.sections]
    assert "2021" not in "\n".join(s.body for s in outline.sections)  # the typed date line was taken out
    assert offered_effective_date(build_notice(outline).settings) == dt.date(2021, 10, 1)

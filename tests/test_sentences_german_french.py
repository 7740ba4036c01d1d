"""German and French abbreviations end no sentence, written with or without the space inside."""

import pytest

from notice_studio.core.sentences import split_sentences

GERMAN = [
    "Wir speichern Daten, z.B. Ihren Namen.",
    "Wir speichern Daten, z. B. Ihren Namen.",
    "Die Frist beträgt 30 Tage, d.h. Ihre Anfrage wird rasch bearbeitet.",
    "Die Frist beträgt 30 Tage, d. h. Ihre Anfrage wird rasch bearbeitet.",
    "Rechtsgrundlage ist Art. 6 Abs. 1 DSGVO.",
    "Die Frist steht in § 4 Abs. 2 des Vertrags.",
    "Ihre Kundennummer steht auf der Rechnung Nr. 12 oben rechts.",
    "Wir löschen Ihre Daten bzw. Kopien davon.",
    "Wir senden ggf. Hinweise per E-Mail.",
    "Für Name, Anschrift usw. Angaben aus dem Vertrag gilt dieselbe Frist.",
    "Wir geben Daten an Dienstleister, u.a. Zahlungsanbieter, weiter.",
    "Wir geben Daten an Dienstleister, u. a. Zahlungsanbieter, weiter.",
]
FRENCH = [
    "Nous conservons certaines données, p. ex. Votre adresse.",
    "Nous conservons certaines données, c.-à-d. Votre adresse et votre nom.",
]


@pytest.mark.parametrize("sentence", GERMAN + FRENCH)
def test_abbreviation_keeps_the_sentence_going(sentence: str) -> None:
    text = f"{sentence} Danach folgt ein zweiter Satz."
    assert split_sentences(text) == [sentence, "Danach folgt ein zweiter Satz."]


def test_a_sentence_still_ends_after_an_ordinary_word() -> None:
    assert split_sentences("Wir speichern Daten. Beispiel folgt. Das ist alles.") == [
        "Wir speichern Daten.",
        "Beispiel folgt.",
        "Das ist alles.",
    ]
    # A lone "z", "d" or "p" before a full stop is no abbreviation unless its second half follows.
    assert split_sentences("Der Buchstabe z. Dann kommt nichts.") == ["Der Buchstabe z.", "Dann kommt nichts."]
    assert split_sentences("Voir la page p. Ensuite, écrivez-nous.") == ["Voir la page p.", "Ensuite, écrivez-nous."]

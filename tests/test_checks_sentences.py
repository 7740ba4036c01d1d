"""Sentence splitting for the readability rule: abbreviations that are also everyday words."""

from notice_studio.core.checks.text import sentences


def texts(body: str) -> list[str]:
    return [s.text.strip() for s in sentences(body)]


def test_everyday_words_end_sentences() -> None:
    assert texts("You are free to say no. Saying no does not stop you.") == [
        "You are free to say no.",
        "Saying no does not stop you.",
    ]
    assert texts("We do not sell anyone's. We never have.") == ["We do not sell anyone's.", "We never have."]


def test_numbered_abbreviations_do_not_end_sentences() -> None:
    assert texts("See Art. 13 of the GDPR and s. 27 of the Act. Then write to us.") == [
        "See Art. 13 of the GDPR and s. 27 of the Act.",
        "Then write to us.",
    ]
    assert texts("Call No. 5 on the list. Thanks.") == ["Call No. 5 on the list.", "Thanks."]
    assert texts("Acme Ltd. is the controller, e.g. for billing.") == ["Acme Ltd. is the controller, e.g. for billing."]

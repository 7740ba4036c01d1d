"""An e-mail contact promised with no address anywhere in the notice: a warning that says where to
add it, in the command line's words and in the app's."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import load_context, run_checks
from notice_studio.core.notice.model import Clause, Notice, Table


@pytest.fixture(scope="module")
def context():
    return load_context()


def notice(*bodies: str) -> Notice:
    made = Notice(title="Privacy Notice", organisation="Heron Vets Ltd", jurisdictions=["gdpr"])
    made.add(Clause("about", "About this notice", "Heron Vets Ltd looks after pets and their owners."))
    for n, body in enumerate(bodies, start=1):
        made.add(Clause(f"part-{n}", f"Part {n}", body))
    made.add(Clause("contact-us", "How to reach us", "Our clinic is open on weekdays."))
    return made


def found(made: Notice, context) -> list:
    return [f for f in run_checks(made, context).findings if f.rule == "contact-email-missing"]


@pytest.mark.parametrize(
    "text",
    [
        "If you have a question about your pet's records, e-mail us and we will answer within a week.",
        "You can write to us by e-mail to ask for a copy of your records.",
        "Send us an email if you want us to stop reminders.",
        "To complain, email our privacy team.",
        "You may contact us via e-mail at any time.",
    ],
)
def test_an_e_mail_contact_promised_with_no_address_anywhere(text: str, context) -> None:
    [finding] = found(notice(text), context)
    assert finding.severity == "warning"
    assert finding.clause_id == "part-1"
    assert "no e-mail address" in finding.message
    assert "'How to reach us'" in finding.fix and "notice-studio set DIR contact.email=" in finding.fix
    assert "Placeholders panel" in finding.app_fix and "notice-studio" not in finding.app_fix


def test_one_warning_for_the_notice_however_often_it_is_promised(context) -> None:
    made = notice("E-mail us with any question.", "You can also write to us by e-mail.")
    assert [f.clause_id for f in found(made, context)] == ["part-1"]


@pytest.mark.parametrize(
    "address",
    [
        "Our address for privacy questions is pets@heron.example.",
        "Write to [our privacy team](mailto:pets@heron.example).",
        "E-mail: {{ contact.email }}",  # unfilled: placeholder-unfilled says so
        "Reach us at {{ contact.details }}.",
        "Our data protection officer is at dpo [at] heron [dot] example.",
    ],
)
def test_an_address_anywhere_in_the_notice_keeps_the_promise(address: str, context) -> None:
    made = notice("E-mail us with any question.", address)
    made.variables["contact.details"] = "help@heron.example"
    assert found(made, context) == []


def test_an_address_in_a_table_keeps_the_promise(context) -> None:
    made = notice("E-mail us with any question.", "[[table:offices]]")
    made.tables["offices"] = Table(["Office", "E-mail"], [["Bristol", "bristol@heron.example"]])
    assert found(made, context) == []


@pytest.mark.parametrize(
    "text",
    [
        "If you contact us by e-mail, we keep the message for a year.",
        "We may e-mail you about changes to this notice.",
        "When you email us, we keep your message with your pet's records.",
        "We send appointment reminders by e-mail.",
    ],
)
def test_what_is_not_a_promise_to_be_e_mailed(text: str, context) -> None:
    assert found(notice(text), context) == []

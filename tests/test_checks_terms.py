"""Defined terms (undefined, unused) and the organisation's name."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import CheckContext, run_checks
from notice_studio.core.notice.model import Clause, Notice


def notice_of(*bodies: str, organisation: str = "", title: str = "Privacy Notice") -> Notice:
    notice = Notice(title=title, organisation=organisation)
    for n, body in enumerate(bodies):
        notice.add(Clause(f"c{n}", f"Part {chr(65 + n)}", body))
    return notice


def findings(notice: Notice, rule: str):
    return [f for f in run_checks(notice, CheckContext()).findings if f.rule == rule]


# ----- undefined capitalised terms ---------------------------------------------------------------
def test_capitalised_term_never_defined() -> None:
    body = "We process your Personal Data to run the service. We never sell Personal Data."
    [finding] = findings(notice_of(body), "term-undefined")
    assert finding.severity == "warning" and finding.excerpt == "Personal Data"
    assert body[finding.start : finding.end] == "Personal Data"
    assert "1 more" in finding.message


@pytest.mark.parametrize(
    "definition",
    [
        'This notice covers information about you ("Personal Data").',
        '"Personal Data" means any information about you.',
        "**Personal Data** means any information about you.",
        "(together, the “Personal Data”)",
    ],
)
def test_defined_terms_are_not_reported(definition: str) -> None:
    notice = notice_of(definition, "We process your Personal Data to run the service.")
    assert findings(notice, "term-undefined") == []


def test_definitions_section_list() -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(
        Clause("definitions", "Definitions", "- **Services**: our apps and websites.\n- **User**: anyone who signs up.")
    )
    notice.add(Clause("use", "Use", "We provide the Services to each User."))
    assert findings(notice, "term-undefined") == []
    assert findings(notice, "term-unused") == []


@pytest.mark.parametrize(
    "body",
    [
        "Personal data is information about you.",  # sentence start
        "You can complain to the Office of the Information and Privacy Commissioner.",
        "We honour Global Privacy Control signals.",
        "Read our Privacy Policy and our Cookie Notice.",
        "We use Google Analytics and Stripe.",
        "- Account data: your name.\n- Usage data: pages you visit.",
        "| Name | Provider | Purpose |\n|---|---|---|\n| sid | Us | Session |",
    ],
)
def test_ordinary_capitals_are_not_terms(body: str) -> None:
    assert findings(notice_of(body), "term-undefined") == []


def test_the_notice_title_is_not_an_undefined_term() -> None:
    notice = notice_of("This Website Privacy Notice explains our Website practices.", title="Website Privacy Notice")
    terms = [f.excerpt for f in findings(notice, "term-undefined")]
    assert terms == ["Website"]


# ----- unused definitions ------------------------------------------------------------------------
def test_defined_but_never_used() -> None:
    body = 'Acme runs an online shop (the "Platform") and a blog.'
    [finding] = findings(notice_of(body, "We sell goods."), "term-unused")
    assert finding.excerpt == "Platform" and finding.severity == "warning"
    assert "Platform" in body[finding.start : finding.end]


def test_defined_and_used_including_plurals_and_other_clauses() -> None:
    notice = notice_of('We run apps (each an "App").', "Each of our Apps asks before it collects data.")
    assert findings(notice, "term-unused") == []


def test_a_comma_inside_the_quotes_is_not_part_of_the_term() -> None:
    # American style sets the comma inside the quotes; found on a real imported notice, where the
    # check said "'we,' is defined but never used" of a notice that says "we" throughout.
    body = "Larkspur Ferries Ltd (“Larkspur,” “we,” or “us”) runs the island crossings."
    notice = notice_of(body, "We keep booking records for six years; ask us for yours. Larkspur sells no data.")
    assert findings(notice, "term-unused") == []


def test_defined_term_used_only_in_lower_case_is_unused() -> None:
    notice = notice_of('This covers our websites (the "Sites").', "Our sites use cookies.")
    [finding] = findings(notice, "term-unused")
    assert finding.excerpt == "Sites"


# ----- organisation name -------------------------------------------------------------------------
def test_different_legal_suffix_is_inconsistent() -> None:
    body = "Acme Ltd is the controller. Acme Inc. may also process your data."
    [finding] = findings(notice_of(body, organisation="Acme Ltd"), "organisation-name")
    assert finding.severity == "warning" and finding.excerpt == "Acme Inc."
    assert body[finding.start : finding.end] == "Acme Inc."


def test_different_capitalisation_is_inconsistent() -> None:
    [finding] = findings(notice_of("Questions go to ACME by post.", organisation="Acme Ltd"), "organisation-name")
    assert "'ACME' instead of 'Acme'" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        'Acme Ltd ("Acme") is the controller. Acme keeps your data safe.',
        "Contact {{ organisation.name }} at privacy@acme.example or visit acme.example.",
        "Acme Holdings Inc. is another company in our group.",  # a different entity
        "Acme Ltd, registered in England, is the controller.",
    ],
)
def test_consistent_names(body: str) -> None:
    assert findings(notice_of(body, organisation="Acme Ltd"), "organisation-name") == []


def test_legal_name_variable_is_an_accepted_name() -> None:
    notice = notice_of(
        "Northwind Analytics GmbH is the controller; Northwind Analytics Ltd runs the UK site.",
        organisation="Northwind Analytics Ltd",
    )
    notice.variables["organisation.legal_name"] = "Northwind Analytics GmbH"
    assert findings(notice, "organisation-name") == []


def test_no_organisation_no_finding() -> None:
    assert findings(notice_of("Acme Ltd and Acme Inc. are both named."), "organisation-name") == []

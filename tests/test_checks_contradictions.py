"""Retention, transfers, children and cookies: the notice must not contradict its practices or
itself. Each rule is tested both ways: the contradiction is found, the agreeing text is not."""

from __future__ import annotations

import pytest
from notice_support import filled

from notice_studio.core.checks import FAMILIES, load_context, run_checks
from notice_studio.core.checks.claims_places import not_for_children, transfer_denials, under_16_sale_denials
from notice_studio.core.checks.durations import durations, same_period
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.practices.model import Transfer

NEW = set(FAMILIES["contradictions"])


@pytest.fixture(scope="module")
def context():
    return load_context()


def website() -> Notice:
    """The GDPR website template: nothing sold, cookies opt-in, transfers to the US recorded."""
    return filled(build_notice("website-eea", "Heron Vets Ltd"))


def app() -> Notice:
    """The CCPA mobile-app template: identifiers and app activity sold and shared, cookies opt-out."""
    return filled(build_notice("mobile-app-us", "Lantern Games Inc."))


def with_text(notice: Notice, *bodies: str) -> Notice:
    for n, body in enumerate(bodies, start=1):
        notice.clauses.insert(1, Clause(f"extra-{n}", f"Extra {n}", body))
    return notice


def found(notice: Notice, context) -> list[tuple[str, str, str]]:
    report = run_checks(notice, context)
    return [(f.rule, f.severity, f.excerpt) for f in report.findings if f.rule in NEW]


def test_the_templates_contradict_nothing(context) -> None:
    assert found(website(), context) == []
    assert found(app(), context) == []


# ----- durations ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "a, b",
    [("six months", "180 days"), ("2 years", "twenty-four months"), ("12 months", "one year"), ("90 days", "3 months")],
)
def test_one_period_said_two_ways_is_the_same(a: str, b: str) -> None:
    [x], [y] = durations(a), durations(b)
    assert same_period(x.days, y.days)


def test_different_periods_and_bounds_are_read() -> None:
    [x], [y] = durations("kept for up to 13 months"), durations("for one year")
    assert x.bound == "max" and y.bound == ""
    assert not same_period(x.days, y.days)
    assert durations("We reply to letters promptly.") == ()


# ----- retention ------------------------------------------------------------------------------
def test_a_retention_period_the_practices_contradict_blocks_publishing(context) -> None:
    notice = with_text(website(), "We keep contact details and messages for six months after you last write.")
    assert found(notice, context) == [("practice-retention-contradicted", "error", "six months")]
    report = run_checks(notice, context)
    [finding] = [f for f in report.findings if f.rule == "practice-retention-contradicted"]
    assert "Two years after our last exchange" in finding.message and "categories.contact.retention" in finding.fix
    # The app names its panel, not the command (the Checks panel shows app_fix).
    assert "Practices panel" in finding.app_fix and "notice-studio" not in finding.app_fix


def test_the_same_retention_in_other_words_is_not_reported(context) -> None:
    notice = with_text(
        website(),
        "We keep contact details and messages for 24 months after our last exchange.",
        "Website usage is deleted after thirteen months at the latest, and at most up to 13 months.",
    )
    assert found(notice, context) == []


def test_retention_uncertain_readings_are_warnings_or_nothing(context) -> None:
    notice = with_text(
        website(),
        # the practices give a maximum ("Up to 13 months"): a plain period that differs is a warning
        "We keep website usage for six months.",
        # backups, a sentence without a category, and a period that is not retention are not read
        "Deleted contact details and messages stay in our backups for 35 days. We answer letters within 30 days.",
    )
    assert found(notice, context) == [("practice-retention-differs", "warning", "six months")]


def test_two_sentences_giving_different_periods_for_one_category(context) -> None:
    notice = website()
    assert notice.practices is not None
    notice.practices.categories[0].retention = "As long as the law requires"  # no period recorded
    with_text(
        notice,
        "We keep contact details and messages for 30 days.",
        "Contact details and messages are kept for 90 days.",
    )
    assert [r[:2] for r in found(notice, context)] == [("practice-retention-differs", "warning")]
    same = website()
    assert same.practices is not None
    same.practices.categories[0].retention = "As long as the law requires"
    with_text(
        same, "We keep contact details and messages for 30 days.", "Contact details and messages are kept for a month."
    )
    assert found(same, context) == []


# ----- transfers ------------------------------------------------------------------------------
def test_denying_transfers_the_practices_record_blocks_publishing(context) -> None:
    notice = with_text(website(), "We do not transfer personal information outside the European Economic Area.")
    [(rule, severity, excerpt)] = found(notice, context)
    assert (rule, severity) == ("practice-transfer-contradicted", "error") and excerpt.startswith("We do not transfer")


def test_denying_transfers_when_a_fact_or_another_section_says_otherwise(context) -> None:
    notice = website()
    assert notice.practices is not None
    notice.practices.transfers = [Transfer("Germany", "none_needed")]
    notice.practices.recipients[0].countries = ["Netherlands", "France (EU)"]
    with_text(notice, "Your personal data stays within the EEA.")
    assert [r[:2] for r in found(notice, context)] == [("practice-transfer-contradicted", "error")]  # the fact
    notice.facts["transfers_outside_eea"] = False
    assert [r[:2] for r in found(notice, context)] == [("transfer-text-contradicted", "warning")]  # the EU clause
    notice.clauses = [c for c in notice.clauses if c.id != "international-transfers-eu"]
    assert found(notice, context) == []


# ----- children -------------------------------------------------------------------------------
def test_a_child_directed_service_saying_it_is_not_for_children(context) -> None:
    notice = app()
    assert notice.practices is not None
    assert found(with_text(app(), "The game is not directed to children under 13."), context) == []
    notice.practices.children.directed_to_children = True
    report = [r[:2] for r in found(notice, context)]
    assert report == [("practice-children-contradicted", "error")]  # the template's children clause denies both
    with_text(notice, "The game is not directed to children under 13.")
    assert ("practice-children-contradicted", "warning") in [r[:2] for r in found(notice, context)]


def test_the_under_16_statement_while_users_from_13_and_everyone_s_data_is_sold(context) -> None:
    notice = app()
    notice.variables["children.minimum_age"] = "13"
    [(rule, severity, excerpt)] = found(notice, context)
    assert (rule, severity, excerpt) == ("practice-under-16-sale", "warning", "{{ practices.sale_statement }}")
    assert notice.practices is not None
    notice.practices.children.under_16_sold_or_shared = True
    assert found(notice, context) == []
    assert found(app(), context) == []  # users from 16: the statement is true


# ----- cookies --------------------------------------------------------------------------------
def test_cookie_consent_described_the_other_way_round(context) -> None:
    opt_out = with_text(app(), "We do not set analytics cookies until you accept them.")
    assert [r[:2] for r in found(opt_out, context)] == [("practice-cookie-consent-contradicted", "error")]
    opt_in = with_text(website(), "By continuing to browse, you agree to our use of cookies.")
    assert [r[:2] for r in found(opt_in, context)] == [("practice-cookie-consent-contradicted", "error")]
    assert found(with_text(website(), "We do not set analytics cookies until you accept them."), context) == []


def test_cookie_categories_and_names_against_the_practices_and_table(context) -> None:
    notice = website()
    notice.tables["cookies"].rows.append(["ad_id", "Ad network", "Shows ads", "1 year", "Strictly necessary"])
    assert found(notice, context) == []
    notice.tables["cookies"].rows[-1][4] = "Analytics"
    assert notice.practices is not None
    notice.practices.cookies.categories.remove("Analytics")
    rules = [r[:2] for r in found(notice, context)]
    assert ("practice-cookie-category-unrecorded", "error") in rules  # table rows
    assert ("practice-cookie-category-unrecorded", "warning") in rules  # the overview's bullet
    notice = website()
    assert notice.practices is not None
    notice.practices.cookies.categories.append("Session replay")
    assert found(notice, context) == [("practice-cookie-category-unlisted", "warning", "Session replay")]
    named = with_text(website(), "We use the `_ga` cookie to count visits, and the `locale` cookie for your language.")
    assert found(named, context) == [("cookie-name-unlisted", "warning", "`_ga`")]


# ----- one statement reader for transfers and children ----------------------------------------
@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Customer records are never transferred outside the European Economic Area.", "eea"),
        ("Heron Vets Ltd does not send your details outside the UK.", "uk"),
        ("We do not and will not transfer personal data beyond the United Kingdom.", "uk"),
        ("There is no transfer of your account data outside the EU.", "eu"),
        ("Your booking details remain in the UK.", "uk"),
    ],
)
def test_a_denial_of_transfers_whoever_says_it(text: str, region: str) -> None:
    [(_, read)] = transfer_denials(text)
    assert read == region


@pytest.mark.parametrize(
    "text",
    [
        "If we transfer data outside the EEA, we use safeguards.",
        "We do not transfer data outside the EEA except with safeguards.",
        "Our hosting providers do not move data outside the EU.",
        "We do not send newsletters to people outside the UK.",
        "We do not sell your data, and we transfer it outside the UK.",
        "Do we send your data outside the UK?",
        "Your booking details do not stay within the EEA.",
    ],
)
def test_what_is_not_a_flat_denial_of_transfers(text: str) -> None:
    assert transfer_denials(text) == ()


DENIES = [("practice-transfer-contradicted", "error")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Heron Vets Ltd does not send your details outside the UK.", DENIES),
        ("We do not and will not transfer personal data outside the EEA.", DENIES),
        ("We do not transfer data outside the EEA except with safeguards.", []),
        ("We do not send newsletters to people outside the UK.", []),
        ("If we transfer data outside the EEA, we use safeguards.", []),
    ],
)
def test_transfer_sentences_in_other_forms_are_judged_by_what_they_say(context, text: str, expected) -> None:
    assert [r[:2] for r in found(with_text(website(), text), context)] == expected


@pytest.mark.parametrize(
    ("text", "also_collecting"),
    [
        ("The app is not aimed at children.", False),
        ("Our games are not designed for kids under 13.", False),
        ("We do not direct the service to children, and we never collect data from them.", True),
    ],
)
def test_a_denial_that_the_service_is_for_children(text: str, also_collecting: bool) -> None:
    [(_, both)] = not_for_children(text)
    assert both == also_collecting


@pytest.mark.parametrize(
    "text",
    [
        "If the service is not intended for children, a parent need not consent.",
        "The app is not aimed at adults who care for children.",
        "Our advertisers do not target children.",
    ],
)
def test_what_is_not_a_denial_that_the_service_is_for_children(text: str) -> None:
    assert not_for_children(text) == ()


def child_directed_app() -> Notice:
    notice = app()
    assert notice.practices is not None
    notice.practices.children.directed_to_children = True
    return notice


def test_other_forms_of_the_children_denial_are_checked(context) -> None:
    before = found(child_directed_app(), context)
    aimed = found(with_text(child_directed_app(), "The app is not aimed at children."), context)
    assert ("practice-children-contradicted", "warning") in [r[:2] for r in aimed] and len(aimed) == len(before) + 1
    hedged = "If the service is not intended for children, a parent need not consent."
    assert found(with_text(child_directed_app(), hedged), context) == before


def test_other_forms_of_the_under_16_statement(context) -> None:
    notice = app()
    notice.variables["children.minimum_age"] = "13"
    with_text(
        notice,
        "We don't knowingly sell data of anyone under 16.",
        "If we do not sell the data of users under 16, we say so.",
    )
    assert [r[2] for r in found(notice, context)] == ["We don't knowingly sell", "{{ practices.sale_statement }}"]
    assert [c.object for c in under_16_sale_denials("Our partners do not sell data of users under 16.")] == []

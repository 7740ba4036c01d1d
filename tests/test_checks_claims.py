"""The statement reader behind the sale and location checks: whoever says it, actively or passively,
a denial of selling or of collecting precise location is read as one, and only what the verb acts on
limits it. Each sentence is judged both ways: against practices that record the act and ones that do not."""

from __future__ import annotations

import re

import pytest
from notice_support import filled

from notice_studio.core.checks import load_context, run_checks
from notice_studio.core.checks.claims import claims, limited_to, sale_denials
from notice_studio.core.checks.consistency import ProseFacts, _prose
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.model import Clause
from notice_studio.core.practices.generate import regenerate_tables
from notice_studio.core.practices.model import Category, Recipient

SELLS = ProseFacts(
    ("identifiers", "usage"), ("identifiers", "usage"), frozenset(), False, False, False, False, "opt-out"
)
SELLS_SENSITIVE = ProseFacts(("health",), (), frozenset(["health"]), False, False, False, False, "opt-out")
SELLS_CHILDREN = ProseFacts((), (), frozenset(), True, False, False, False, "opt-out")
SELLS_NOTHING = ProseFacts((), (), frozenset(), False, False, False, False, "opt-out")
ANY = re.compile("")
LOCATES = ProseFacts((), (), frozenset(), False, True, False, False, "opt-out")


def rules(body: str, facts: ProseFacts) -> list[str]:
    return [f.rule for f in _prose("extra", body, facts)]


@pytest.mark.parametrize(
    "text",
    [
        "We never rent or trade your personal data to anybody.",
        "There is no sale of personal information by the practice.",
        "{{ organisation.name }} does not sell or share your personal information.",
        "Acme Games does not sell the data it holds about players.",
        "Your personal data is never sold.",
        "No personal information is sold to anyone.",
        "We do not, and will not, sell personal information.",
        "We do not and will not sell personal information.",
        "We have not sold any personal information in the last twelve months.",
        "The company doesn't sell personal information.",
        "We do not knowingly sell the information we collect.",
        "We do not sell personal information about you or your child.",
        "We do not sell personal information, and we treat sensitive information with extra care.",
        "We do not sell personal information; other categories we hold are kept in-house.",
        "We confirm that we do not sell personal information.",
        "Personal information has not been sold or shared.",
    ],
)
def test_a_denial_of_selling_contradicts_practices_that_record_a_sale(text: str) -> None:
    assert rules(text, SELLS) == ["practice-sale-contradicted"]
    assert rules(text, SELLS_NOTHING) == []


@pytest.mark.parametrize(
    "text",
    [
        "We do not sell other categories of personal information.",
        "Our vendors do not sell the personal information we give them.",
        "Do not share your personal information with other players.",  # said to the reader
        "Select Do Not Sell or Share My Personal Information at the foot of the page.",
        "We do not sell personal information unless you ask us to.",
        "We do not sell personal information except as this notice explains.",
        "If we do not sell your data, we delete it after a year.",
        "Do we sell personal information?",
        "Information that is not sold is deleted after a year.",
        "We do not sell pet food online.",
        "You can ask us not to sell your personal information.",
        "For customer data, we act on the customer's instructions and do not sell it.",
    ],
)
def test_what_is_not_a_flat_denial_of_selling_our_own_data(text: str) -> None:
    assert "practice-sale-contradicted" not in rules(text, SELLS)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("We do not sell sensitive personal information.", "sensitive"),
        ("We do not sell or share special categories of data.", "sensitive"),
        ("We do not sell the personal information of children under 16.", "children"),
        ("We do not sell your child's personal information.", "children"),
        ("We do not sell personal information about you or your child.", ""),
        ("We do not sell personal information, including sensitive personal information.", ""),
        ("We do not sell personal information or sensitive personal information.", ""),
        ("We do not sell personal information to advertisers who target children.", ""),
        ("We do not sell other categories of personal information.", "other"),
    ],
)
def test_only_the_object_of_a_denial_limits_it(text: str, limit: str) -> None:
    [denial] = sale_denials(text)
    assert limited_to(denial) == limit


def test_a_limited_denial_is_judged_against_what_it_names() -> None:
    sensitive = "We do not sell sensitive personal information."
    assert rules(sensitive, SELLS) == []
    assert rules(sensitive, SELLS_SENSITIVE) == ["practice-sale-contradicted"]
    children = "We do not sell the personal information of children under 13."
    assert rules(children, SELLS) == []
    assert rules(children, SELLS_CHILDREN) == ["practice-sale-contradicted"]


@pytest.mark.parametrize(
    "text",
    [
        "We may sell your personal information to marketing partners.",
        "We sell it to data brokers.",
        "We do not refrain from selling personal information to pet insurers.",
        "We also sell your contact details.",
        "At {{ organisation.name }} we can sell the data you give us.",
    ],
)
def test_a_sale_of_personal_information_where_nothing_is_recorded_sold(text: str) -> None:
    assert rules(text, SELLS_NOTHING) == ["practice-sale-unrecorded"]
    assert rules(text, SELLS) == []


@pytest.mark.parametrize(
    "text",
    [
        "We sell dog food and grooming products in our clinic shop.",
        "We may sell or transfer our business, including the personal information we hold, to a buyer.",
        "If we merge with another company, we may sell the customer records to the new owner.",
        "Nothing in this notice means we sell personal information.",
        "This notice does not mean that we sell your data.",
        "We refrain from selling personal information.",
        "What personal information we sold last year is listed below.",
        "Do we sell your personal information?",
        "We sell information when we make it available to someone else for money.",
        "Third parties who sell personal information must say so.",
    ],
)
def test_what_is_not_a_sale_of_personal_information(text: str) -> None:
    assert "practice-sale-unrecorded" not in rules(text, SELLS_NOTHING)


@pytest.mark.parametrize(
    "text",
    [
        "We don't collect precise geolocation data.",
        "Your precise location is never collected.",
        "We do not collect or use information about your exact location.",
        "The app does not track your precise location.",
        "We do not ask for your GPS location.",
        "Precise location data is not collected or stored.",
    ],
)
def test_a_denial_of_collecting_precise_location_while_the_practices_record_it(text: str) -> None:
    assert rules(text, LOCATES) == ["practice-location-contradicted"]
    assert rules(text, SELLS_NOTHING) == []


@pytest.mark.parametrize(
    "text",
    [
        "We collect your precise location to show nearby clinics.",
        "We do not collect precise location unless you turn on location services.",
        "We do not collect your approximate location.",
        "Your advertising partners do not track your precise location.",
        "We do not sell your precise location.",
    ],
)
def test_what_is_not_a_denial_of_collecting_precise_location(text: str) -> None:
    assert "practice-location-contradicted" not in rules(text, LOCATES)


def test_the_reader_reads_the_voice_the_negation_and_the_object() -> None:
    [active] = claims("We do not and will not sell, rent or trade your details to anyone.", ANY)
    assert (active.lemmas, active.denied, active.passive, active.object) == (
        frozenset(["sell", "rent", "trade"]),
        True,
        False,
        "your details",
    )
    [passive] = claims("Your details are never sold.", ANY)
    assert (passive.denied, passive.passive, passive.object) == (True, True, "your details")
    [double] = claims("We do not refrain from selling your details.", ANY)
    assert not double.denied


def test_the_checks_quote_what_the_text_says_and_block_publishing() -> None:
    context = load_context()
    notice = filled(build_notice("saas-eu-uk-ca", "Acme Ltd"))
    practices = notice.practices
    assert practices is not None
    practices.recipients.append(Recipient("ad-partners", "Advertising partners", "advertising", ["United States"]))
    practices.sold.categories, practices.sold.to = ["identifiers"], ["ad-partners"]
    regenerate_tables(notice)
    notice.add(Clause("extra", "Extra", "Your personal information is never sold or rented."))
    found = [f for f in run_checks(notice, context).blocking if f.clause_id == "extra"]
    assert [f.rule for f in found] == ["practice-sale-contradicted"]
    assert found[0].excerpt == "Your personal information is never sold or rented"
    practices.categories.append(Category("gps", "Precise location", "geolocation", sensitive="precise-location"))
    regenerate_tables(notice)
    notice.find(
        "extra"
    ).body = "The app does not track where you are to the metre, and precise location is never collected."  # type: ignore[union-attr]
    found = [f for f in run_checks(notice, context).blocking if f.clause_id == "extra"]
    assert [f.rule for f in found] == ["practice-location-contradicted"]
    assert "precise location is never collected" in found[0].message

"""The automated-decision, AI-training, consent and cookie-consent rules read the text through the
statement reader, as the sale and location rules do: whoever says it, actively or passively, with
joined verbs or 'no ...' as the subject, a statement is read as one; a question, a condition, a
heading that asks, the reader's own request or someone else's words is not."""

from __future__ import annotations

import pytest
from notice_support import filled

from notice_studio.core.checks import FAMILIES, load_context, run_checks
from notice_studio.core.checks.consistency import ProseFacts, _prose
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.model import Clause, Notice

DECIDES = ProseFacts((), (), frozenset(), False, False, False, True, "opt-in", automated=True)
TRAINS = ProseFacts((), (), frozenset(), False, False, False, True, "opt-in", ai_training=True)
NEITHER = ProseFacts((), (), frozenset(), False, False, False, True, "opt-in")
NO_CONSENT = ProseFacts((), (), frozenset(), False, False, False, False, "opt-out")


def rules(body: str, facts: ProseFacts) -> list[str]:
    return [f.rule for f in _prose("extra", body, facts)]


@pytest.mark.parametrize(
    "text",
    [
        "We do not make decisions about you based only on automated processing.",
        "Acme Ltd does not make decisions based solely on automated processing.",
        "{{ organisation.name }} does not make decisions based solely on automated processing.",
        "Decisions about you are never made solely by automated means.",
        "No automated decision-making takes place.",
        "We do not and will not make or take decisions about you by automated means alone.",
        "We don't use automated decision-making.",
        "Decisions about you are never made by automatic means alone.",
    ],
)
def test_a_denial_of_automated_decisions_whoever_says_it(text: str) -> None:
    assert rules(text, DECIDES) == ["practice-automated-contradicted"]
    assert rules(text, NEITHER) == []


@pytest.mark.parametrize(
    "text",
    [
        "We do not use your personal information to train AI models.",
        "Your data is never used to train AI models.",
        "We never train machine learning models on your data.",
        "Acme Ltd does not use customer content to develop artificial intelligence.",
        "We do not collect, use or share your messages to train AI models.",
        "No personal information is used to train our models.",
    ],
)
def test_a_denial_of_ai_training_whoever_says_it(text: str) -> None:
    assert rules(text, TRAINS) == ["practice-ai-training-contradicted"]
    assert rules(text, NEITHER) == []


@pytest.mark.parametrize(
    "text",
    [
        "Do we make decisions solely by automated means?",
        "If we use automated decision-making, we will tell you first.",
        "If we do not make decisions by automated means alone, a person reviews them.",
        "## Do we make decisions solely by automated means",
        "You can ask us not to make decisions about you based solely on automated processing.",
        "We do not make decisions based solely on automated processing unless you agree.",
        "Our vendors do not make decisions about you by automated means.",
        "We do not use automated tools to sort our mail.",
        "Do we use your data to train AI models?",
        "If we do not use your data to train AI models, we delete it after a year.",
        "## Do we use your data to train AI models",
        "You can ask us not to use your data to train AI models.",
        "We do not use your data to train AI models unless you opt in.",
        "We do not use your data to train our staff.",
    ],
)
def test_what_is_not_a_denial_of_automated_decisions_or_ai_training(text: str) -> None:
    assert rules(text, DECIDES) == []
    assert rules(text, TRAINS) == []


@pytest.mark.parametrize(
    "text",
    [
        "We rely on your consent to send you newsletters.",
        "Where we rely on your consent, you can withdraw it.",
        "{{ organisation.name }} relies on your consent for marketing.",
        "We ask for your permission before we use your photos.",
    ],
)
def test_consent_said_while_the_practices_record_none(text: str) -> None:
    assert rules(text, NO_CONSENT) == ["practice-consent-contradicted"]
    assert rules(text, NEITHER) == []


@pytest.mark.parametrize(
    "text",
    [
        "Do we rely on your consent?",
        "## When we rely on consent",
        "Processing that relies on consent stops when you withdraw it.",
        "You can ask us not to rely on your consent.",
        "If we rely on your consent later, we will ask you first.",
    ],
)
def test_what_is_not_a_statement_of_consent(text: str) -> None:
    assert rules(text, NO_CONSENT) == []


# ----- cookies: the same reader behind the cookie-consent rule --------------------------------
@pytest.fixture(scope="module")
def context():
    return load_context()


def with_text(notice: Notice, body: str) -> Notice:
    notice.clauses.insert(1, Clause("extra", "Extra", body))
    return notice


def cookie_rules(notice: Notice, context) -> list[str]:
    report = run_checks(notice, context)
    return [f.rule for f in report.findings if f.rule in FAMILIES["contradictions"] and f.clause_id == "extra"]


def website() -> Notice:
    """Cookies opt-in."""
    return filled(build_notice("website-eea", "Heron Vets Ltd"))


def app() -> Notice:
    """Cookies opt-out."""
    return filled(build_notice("mobile-app-us", "Lantern Games Inc."))


@pytest.mark.parametrize(
    "text",
    [
        "Analytics cookies are only set after you agree.",
        "We never place advertising cookies without your consent.",
        "Lantern Games Inc. does not set analytics cookies until you accept them.",
        "Analytics cookies are not set or read until you choose.",
        "We only place analytics cookies after asking for your consent, and we do not set them without it.",
    ],
)
def test_cookies_said_to_wait_while_they_are_set_on_an_opt_out_basis(text: str, context) -> None:
    assert cookie_rules(with_text(app(), text), context) == ["practice-cookie-consent-contradicted"]
    assert cookie_rules(with_text(website(), text), context) == []


@pytest.mark.parametrize(
    "text",
    [
        "By using our website, you accept our cookies.",
        "We set analytics cookies unless you opt out.",
        "Analytics cookies are set by default.",
        "Preference and analytics cookies are enabled by default.",
        # verbless: a state after 'be' or a label's colon is read as 'enabled' is
        "Cookies are on by default.",
        "Analytics cookies are switched on by default.",
        "Analytics cookies: on by default.",
        "Non-essential cookies are active from your first visit.",
        "Heron Vets Ltd sets analytics cookies unless you turn them off.",
    ],
)
def test_cookies_said_to_be_set_first_while_consent_comes_first(text: str, context) -> None:
    assert cookie_rules(with_text(website(), text), context) == ["practice-cookie-consent-contradicted"]
    assert cookie_rules(with_text(app(), text), context) == []


@pytest.mark.parametrize(
    "text",
    [
        "Do we set analytics cookies before you accept them?",
        "## Do we set cookies before you choose",
        "If we do not set cookies until you accept them, some pages load slowly.",
        "You can ask us not to set cookies until you accept them.",
        "Our advertising partners do not set cookies until you accept them.",
    ],
)
def test_what_is_not_a_statement_of_cookie_consent(text: str, context) -> None:
    assert cookie_rules(with_text(app(), text), context) == []


@pytest.mark.parametrize(
    "text",
    [
        "Strictly necessary cookies are always on.",
        "Analytics cookies are not on by default.",
        "Cookies that are on by default are listed in the table below.",
        "If analytics cookies are on by default in your browser, you can turn them off.",
        "Cookie files are kept on your device.",
    ],
)
def test_a_cookie_state_that_is_not_set_before_any_choice(text: str, context) -> None:
    assert cookie_rules(with_text(website(), text), context) == []

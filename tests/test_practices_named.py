"""Naming the recorded practices: a word every notice uses names nothing, not even cut short, and
the one synonym table lets a label and a notice say the same thing differently. A notice built
from our own library's template, with our own labels and sentences."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import load_context, run_checks
from notice_studio.core.checks.practices_named import SYNONYMS, same_words
from notice_studio.core.library.templates import build_notice
from notice_studio.core.practices.model import Purpose

RULE = "practice-purpose-unnamed"


@pytest.fixture(scope="module")
def ctx():
    return load_context()


def _unnamed(ctx, label: str, added_line: str = "") -> list[str]:
    """Labels of the purposes the GDPR purposes section is said not to name, after recording a
    purpose `label` (and adding `added_line` to that section)."""
    notice = build_notice("saas-eu-uk-ca", "Acme Ltd")
    practices = notice.practices
    assert practices is not None
    practices.purposes.append(Purpose("added", label, "consent"))
    practices.categories[0].purposes.append("added")
    if added_line:
        notice.find("purposes").body += f"\n- {added_line}\n"
    return [f.excerpt for f in run_checks(notice, ctx).findings if f.rule == RULE]


@pytest.mark.parametrize(
    ("label", "line"),
    [
        ("Personalised tips", ""),  # 'personal information' names no personalising
        ("Personalised tips", "**Accounts:** each one used personally by one person."),  # only 'personal' alike
        ("Servicing devices", ""),  # 'service' names no servicing
        ("Servicing devices", "**Serving pages:** sending the pages you open."),  # only 'servi' alike
        ("Detailed reports", "**Billing:** the details on your invoices, in detail."),  # 'details' is common
    ],
)
def test_a_common_word_cut_short_names_no_practice(ctx, label: str, line: str) -> None:
    assert _unnamed(ctx, label, line) == ["added"]


def test_the_practice_is_named_once_the_section_says_it(ctx) -> None:
    assert _unnamed(ctx, "Personalised tips", "**To personalise tips:** choosing tips for the plan you use.") == []


@pytest.mark.parametrize(
    ("label", "line"),
    [
        ("Email reminders", "**Renewals:** writing to you by e-mail before your plan renews."),
        ("Help desk", "**Questions:** answering what you ask our support team."),
        ("Newsletter", "**Keeping in touch:** our news, once a month."),
        ("Personalised hints", "**Advice:** advice personalized to the plan you use."),  # give or take its ending
    ],
)
def test_a_synonym_names_the_practice(ctx, label: str, line: str) -> None:
    assert _unnamed(ctx, label, line) == []


def test_the_synonym_table_is_read_as_whole_words() -> None:
    assert same_words("Send E-mail and e-mails via the helpdesk") == "Send email and email via the support"
    assert same_words("loads of roads") == "loads of roads"  # 'ads' inside a word is no synonym
    assert all(word == word.lower() and " " not in word for word in SYNONYMS.values())

"""Cross-references: broken ones, typed section numbers, and references to the wrong topic."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import CheckContext, run_checks
from notice_studio.core.notice.model import Clause, Notice


def base_notice(extra: Clause) -> Notice:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("retention", "How long we keep your information", "We keep account data for two years."))
    notice.add(Clause("cookies", "Cookies", "We use cookies to remember your settings."))
    notice.add(Clause("security", "Security", "We protect your data with encryption."))
    rights = Clause("rights", "Your rights", "You have rights over your data.")
    rights.children.append(Clause("access", "Right of access", "You can ask for a copy."))
    notice.add(rights)
    notice.add(extra)
    return notice


def findings(notice: Notice, *rules: str):
    return [f for f in run_checks(notice, CheckContext()).findings if f.rule in rules]


def test_broken_crossreference_is_an_error_with_offsets() -> None:
    body = "For details see [[data-retention]]."
    [finding] = findings(base_notice(Clause("x", "Overview", body)), "crossref-broken")
    assert finding.severity == "error"
    assert body[finding.start : finding.end] == "[[data-retention]]"


def test_working_crossreference_is_fine() -> None:
    notice = base_notice(Clause("x", "Overview", "For how long we keep your data, see [[retention]]."))
    assert findings(notice, "crossref-broken", "crossref-topic") == []


@pytest.mark.parametrize(
    "body, target",
    [
        ("For how long we keep your data, see [[cookies]].", "cookies"),
        ("We use cookies for analytics (see [[security]]).", "security"),
        ("To exercise your right of access, follow [[retention]].", "retention"),
    ],
)
def test_reference_to_a_section_about_something_else(body: str, target: str) -> None:
    [finding] = findings(base_notice(Clause("x", "Overview", body)), "crossref-topic")
    assert finding.severity == "warning"
    assert body[finding.start : finding.end] == f"[[{target}]]"
    assert "points to section" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "We use cookies for analytics (see [[cookies]]).",
        "You can withdraw consent at any time, as explained in [[rights]].",
        "To ask for a copy of your data, see [[rights]].",  # the sub-section is about access
        "Read [[security]] for more.",  # no topic words: say nothing
        "We keep data only as long as our purposes require, as explained in [[retention]].",
        "The table lists each category (see [[cookies]]) and how long it stays on your device.",
    ],
)
def test_references_that_fit_their_words(body: str) -> None:
    assert findings(base_notice(Clause("x", "Overview", body)), "crossref-topic") == []


def test_target_with_unknown_topic_is_not_judged() -> None:
    notice = base_notice(Clause("misc", "Miscellaneous", "Anything else goes here."))
    notice.add(Clause("y", "Overview", "For how long we keep your data, see [[misc]]."))
    assert findings(notice, "crossref-topic") == []


def test_typed_section_numbers_resolved_against_typed_titles() -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("a", "9. Retention", "We keep data for a year."))
    notice.add(Clause("b", "10. Cookies", "We use cookies."))
    notice.add(Clause("c", "11. Your rights", "For how long we keep data see section 9. See section 14 as well."))
    [broken] = findings(notice, "crossref-typed-broken")
    assert broken.excerpt == "section 14" and broken.severity == "warning"
    assert findings(notice, "crossref-topic") == []


def test_typed_number_pointing_at_the_wrong_topic() -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("a", "Retention", "We keep data for a year."))
    notice.add(Clause("b", "Cookies", "We use cookies."))
    notice.add(Clause("c", "Overview", "For how long we keep data, see section 2."))
    [finding] = findings(notice, "crossref-topic")
    assert finding.excerpt == "section 2" and "Cookies" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "Under section 1798.100 of the California Civil Code you may ask.",
        "As section 5 of the Personal Data Act provides, the age is 13.",
        "Under section 8(3) of British Columbia's Act we rely on deemed consent.",
        "Paragraph 2 of Schedule 1 to the Data Protection Act applies.",
        "Transfers rely on clause 9 of the Standard Contractual Clauses as adopted.",
        "The DPA Addendum, at part 3, covers onward transfers.",
    ],
)
def test_legal_citations_are_not_section_references(body: str) -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("a", "Intro", body))
    assert findings(notice, "crossref-typed-broken", "crossref-topic") == []


def test_typed_reference_to_an_original_number_that_moved() -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("intro", "Introduction", "Hello."))
    notice.add(Clause("data", "Data", "We use the cookies described in section 2.", meta={"original_number": "1"}))
    notice.add(Clause("cookies", "Cookies", "We use cookies.", meta={"original_number": "2"}))
    [stale] = findings(notice, "crossref-typed-stale")
    assert stale.excerpt == "section 2" and "now see that section as 3" in stale.message
    assert "[[cookies]]" in stale.fix
    assert findings(notice, "crossref-topic", "crossref-typed-broken") == []


@pytest.mark.parametrize(
    "body",
    [
        # a law named beside it, but 'below' says the section is this notice's
        "Under the Data Act, as set out in section 14 below, you may complain to us.",
        "Brazilian residents have the rights the LGPD gives them; see section 14 above.",
        # the law is named in the next paragraph (a heading), not beside the reference
        "To ask us, follow section 14.\n\n9.2 What the Data Act gives you",
    ],
)
def test_a_reference_to_this_notice_beside_a_named_law(body: str) -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("a", "Intro", body))
    [finding] = findings(notice, "crossref-typed-broken")
    assert finding.excerpt == "section 14"

"""Drafting rules on hand-made notices: placeholders, markers, contact details, empty sections,
headings, typed numbering, embedded tables."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import CheckContext, run_checks
from notice_studio.core.notice.model import Clause, Notice, Table


def notice_of(*clauses: Clause, **variables: str) -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd")
    notice.variables.update(variables)
    for clause in clauses:
        notice.add(clause)
    return notice


def findings(notice: Notice, rule: str):
    return [f for f in run_checks(notice, CheckContext()).findings if f.rule == rule]


def one(body: str, rule: str, title: str = "Contact us"):
    return findings(notice_of(Clause("c", title, body)), rule)


# ----- placeholders ------------------------------------------------------------------------------
def test_unfilled_placeholder_is_an_error_at_its_offsets() -> None:
    body = "Write to us at {{ contact.email }} or {{ contact.address }}."
    notice = notice_of(Clause("c", "Contact", body), **{"contact.address": "1 High Street"})
    [finding] = findings(notice, "placeholder-unfilled")
    assert finding.severity == "error"
    assert body[finding.start : finding.end] == "{{ contact.email }}"
    assert "contact.email" in finding.message and "notice-studio set" in finding.fix


def test_filled_placeholders_are_fine() -> None:
    notice = notice_of(Clause("c", "Contact", "Write to {{ contact.email }}."), **{"contact.email": "a@b.example"})
    assert findings(notice, "placeholder-unfilled") == []


def test_unfilled_placeholder_in_a_title() -> None:
    notice = notice_of(Clause("c", "About {{ service.name }}", "Text."))
    [finding] = findings(notice, "placeholder-unfilled")
    assert finding.location == "title" and (finding.start, finding.end) == (6, 24)


def test_malformed_placeholder() -> None:
    [finding] = one("Email {{ contact.email } today.", "placeholder-malformed")
    assert finding.severity == "error" and finding.excerpt.startswith("{{ contact.email")
    assert one("Email {{ contact.email }} today.", "placeholder-malformed") == []


# ----- drafting markers ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "marker",
    [
        "[insert link]",
        "[Insert DPO name]",
        "[TBD]",
        "[●]",
        "[•]",
        "[...]",
        "[Company Name]",
        "[DATE]",
        "XX",
        "XXX",
        "TODO",
        "TBC",
        "<insert address>",
        "[to be confirmed]",
        "[x]",
        "<<clinic address>>",
        "%%VET_EMAIL%%",
        "???",
    ],
)
def test_drafting_markers_are_errors(marker: str) -> None:
    body = f"You can read more at {marker} on our website."
    found = one(body, "drafting-marker")
    assert len(found) == 1, found
    assert found[0].severity == "error"
    assert body[found[0].start : found[0].end].strip() == marker


def test_todo_naming_an_app_is_not_a_marker_but_article_xx_is() -> None:
    assert one("Our TODO list app keeps your tasks on your phone.", "drafting-marker") == []
    assert one("The TODO app syncs your lists.", "drafting-marker") == []
    [note] = one("TODO: check how long we keep backups.", "drafting-marker")
    assert note.excerpt == "TODO"
    # 'Article XX' is an article number left to fill in: notices cite articles as 'Article 6'.
    [article] = one("We rely on Article XX of the GDPR.", "drafting-marker")
    assert article.excerpt == "XX"


def test_blank_lines_to_fill_in() -> None:
    [finding] = one("Our registered number is ________.", "drafting-marker")
    assert "____" in finding.excerpt
    [signed] = one("Signed by the witness ____", "drafting-marker")
    assert signed.excerpt == "____"


@pytest.mark.parametrize(
    "body",
    [
        "Read [our cookie policy](https://example.com/cookies) for details.",
        "See [[retention]] for how long we keep data.",
        "As required by law [1], we keep records.",
        "We use the Data Privacy Framework (DPF) and Article 46 safeguards.",
        "Our form field is named user_name_field for technical reasons.",
        "Exhibit 10 lists the XXL sizes.",
        "---",
    ],
)
def test_ordinary_text_is_not_a_marker(body: str) -> None:
    assert one(body, "drafting-marker") == []


def test_marker_in_a_title() -> None:
    notice = notice_of(Clause("c", "Retention [TBD]", "We keep data for a year."))
    [finding] = findings(notice, "drafting-marker")
    assert finding.location == "title" and finding.excerpt == "[TBD]"


# ----- contact details promised, none given ----------------------------------------------------------
@pytest.mark.parametrize(
    "body, excerpt",
    [
        ("If you have questions, contact us at.", "contact us at"),
        ("If you have questions, please contact us at", "contact us at"),
        ("You can email our privacy team at . We reply within a week.", "email our privacy team at"),
        ("Write to us at or call us on 0800 000 000.", "Write to us at"),
        ("Questions? Contact our DPO at:", "Contact our DPO at:"),
        ("Send your request to.\n\nWe will reply.", "Send your request to"),
    ],
)
def test_contact_promised_with_nothing_after_it(body: str, excerpt: str) -> None:
    [finding] = one(body, "contact-missing")
    assert finding.severity == "error"
    assert body[finding.start : finding.end] == excerpt


@pytest.mark.parametrize(
    "body",
    [
        "You can contact us at any time.",
        "Contact us at {{ contact.email }}.",
        "Contact us at privacy@acme.example or call us on +44 20 0000 0000.",
        "Contact us at:\n\n- email: privacy@acme.example\n- post: 1 High Street",
        "If you contact us by email, we keep the message for a year.",
        "We will write to you before we make changes.",
        "We transfer data to.",  # no promise of contact details
        "We keep your data for as long as we need it.",
    ],
)
def test_contact_details_that_are_given(body: str) -> None:
    assert one(body, "contact-missing") == []


# ----- empty clauses ---------------------------------------------------------------------------
def test_empty_leaf_section_is_an_error() -> None:
    for body in ("", "   \n\n", "**  **"):
        [finding] = one(body, "clause-empty", title="Security")
        assert finding.severity == "error" and "Security" in finding.message


def test_heading_only_parent_and_table_only_sections_are_not_empty() -> None:
    parent = Clause("rights", "Your rights", "")
    parent.children.append(Clause("access", "Access", "You can ask for a copy."))
    notice = notice_of(parent, Clause("cookies", "Cookie list", "[[table:cookies]]"))
    notice.tables["cookies"] = Table(["Name"], [["session"]])
    assert findings(notice, "clause-empty") == []


# ----- headings ----------------------------------------------------------------------------------
def test_duplicate_sibling_headings_warn_and_distant_ones_inform() -> None:
    eu = Clause("eu", "Europe", "For readers in Europe.", children=[Clause("eu-rights", "Your rights", "Access.")])
    us = Clause("us", "California", "For Californians.", children=[Clause("us-rights", "Your Rights", "Know.")])
    notice = notice_of(
        Clause("security", "Security", "We protect data."), Clause("security-2", "Security", "More."), eu, us
    )
    found = {f.clause_id: f for f in findings(notice, "heading-duplicate")}
    assert set(found) == {"security-2", "us-rights"}
    assert found["security-2"].severity == "warning" and "section 1" in found["security-2"].message
    assert found["us-rights"].severity == "info"


def test_distinct_headings_are_fine() -> None:
    notice = notice_of(Clause("a", "Security", "x."), Clause("b", "Retention", "y."))
    assert findings(notice, "heading-duplicate") == []


# ----- typed numbering ---------------------------------------------------------------------------
def test_typed_numbers_that_skip_are_reported() -> None:
    notice = notice_of(
        Clause("a", "9. Retention", "We keep data."),
        Clause("b", "11. Your rights", "You can ask."),
        Clause("c", "12. Contact", "Write to us."),
    )
    [gap] = findings(notice, "numbering-gap")
    assert gap.clause_id == "b" and gap.severity == "warning"
    assert "9 to 11" in gap.message and "10 is missing" in gap.message
    typed = findings(notice, "title-number")
    assert [f.clause_id for f in typed] == ["a", "b", "c"] and all(f.severity == "info" for f in typed)


def test_typed_numbers_in_sequence_have_no_gap() -> None:
    notice = notice_of(Clause("a", "1. Intro", "x."), Clause("b", "2. Data", "y."), Clause("c", "3) Rights", "z."))
    assert findings(notice, "numbering-gap") == []


def test_titles_without_typed_numbers() -> None:
    notice = notice_of(Clause("a", "2024 Updates", "x."), Clause("b", "3 ways we use data", "y."))
    assert findings(notice, "title-number") == []


def test_numbered_headings_inside_an_imported_clause() -> None:
    body = "## 1. Who we are\n\nAcme.\n\n## 2. What we collect\n\nData.\n\n## 4. Rights\n\nMany."
    [gap] = one(body, "numbering-gap")
    assert gap.location == "body" and body[gap.start : gap.end] == "4"


# ----- tables ------------------------------------------------------------------------------------
def test_embedded_table_missing_or_empty() -> None:
    notice = notice_of(
        Clause("a", "Cookies", "These cookies:\n\n[[table:cookies]]"), Clause("b", "Providers", "[[table:providers]]")
    )
    notice.tables["providers"] = Table(["Name", "Country"], [])
    [missing] = findings(notice, "table-missing")
    assert missing.clause_id == "a" and missing.severity == "error"
    [empty] = findings(notice, "table-empty")
    assert empty.clause_id == "b" and empty.severity == "warning"


@pytest.mark.parametrize(
    "body", ["Write to us.\nEmail:\nPhone: 0800 000 000", "Email:\\\nOur DPO is Ann.", "  Telephone:  "]
)
def test_contact_label_with_nothing_after_it(body: str) -> None:
    [finding] = one(body, "contact-missing")
    assert body[finding.start : finding.end] in ("Email:", "Telephone:")


def test_contact_labels_with_values() -> None:
    assert one("Email: privacy@acme.example\nPhone: {{ contact.phone }}", "contact-missing") == []


def test_original_numbers_of_an_imported_notice_show_gaps() -> None:
    notice = notice_of(
        Clause("a", "Cookies", "x.", meta={"original_number": "5"}),
        Clause("b", "How long we keep it", "y.", meta={"original_number": "6"}),
        Clause("c", "Your rights", "z.", meta={"original_number": "8"}),
    )
    [gap] = findings(notice, "numbering-gap")
    assert gap.clause_id == "c" and "original section numbers jump from 6 to 8" in gap.message
    assert findings(notice, "title-number") == []


# ----- issue 16: defects real imported notices carry -------------------------------------------
@pytest.mark.parametrize(
    "body, excerpt",
    [
        ("Please contact us at for more details about this notice.", "contact us at"),
        ("You can write to our privacy team at if you have a complaint.", "write to our privacy team at"),
        ("Call us on , Monday to Friday.", "Call us on"),
        ("Email our DPO at with any questions.", "Email our DPO at"),
    ],
)
def test_blank_contact_details_inside_a_sentence(body: str, excerpt: str) -> None:
    [finding] = one(body, "contact-missing")
    assert body[finding.start : finding.end] == excerpt


@pytest.mark.parametrize(
    "body",
    [
        "Contact us at any time for more details.",
        "Write to us at privacy@acme.example for more details.",
        "Contact us by email if you want a copy.",
        "You can reach us on weekdays with any questions.",
    ],
)
def test_contact_details_inside_a_sentence_that_are_given(body: str) -> None:
    assert one(body, "contact-missing") == []


def test_numbering_gaps_at_every_level_and_in_numbered_paragraphs() -> None:
    body = (
        "## 2. Sharing\n\nText.\n\n### 2.1 Partners\n\nText.\n\n### 2.3 Authorities\n\nText.\n\n"
        "Steps:\n\n1. Write to us.\n2. We confirm.\n4. We reply.\n\nAnother list:\n\n1. One.\n2. Two."
    )
    gaps = one(body, "numbering-gap")
    assert sorted(body[g.start : g.end] for g in gaps) == ["2.3", "4"]
    assert all(g.location == "body" for g in gaps)


def test_a_level_that_opens_past_its_first_number() -> None:
    notice = notice_of(
        Clause("a", "2.2 Partners", "x."), Clause("b", "2.3 Authorities", "y."), Clause("c", "2.4 Buyers", "z.")
    )
    [gap] = findings(notice, "numbering-gap")
    assert gap.clause_id == "a" and "start at 2.2, so 2.1 is missing" in gap.message


def test_lists_that_restart_are_not_gaps() -> None:
    body = "First:\n\n1. a\n2. b\n\nThen:\n\n1. c\n2. d\n3. e"
    assert one(body, "numbering-gap") == []


def test_references_to_sections_the_notice_does_not_contain() -> None:
    notice = notice_of(
        Clause("rights", "Your rights", "You have rights."),
        Clause(
            "intro",
            "About this notice",
            'For more, see the section "International transfers" and the Your Rights section below. '
            "Read the 'Your rights' section too.",
        ),
    )
    found = findings(notice, "crossref-named-broken")
    assert [f.excerpt for f in found] == ['see the section "International transfers"']
    assert found[0].severity == "warning" and "no section with that heading" in found[0].message


def test_tables_and_contact_details_promised_below() -> None:
    notice = notice_of(
        Clause("a", "Cookies", "We use the cookies in the table below."),
        Clause("b", "Who to contact", "Our contact details are set out below."),
        Clause("c", "Changes", "We may change this notice."),
    )
    assert [f.clause_id for f in findings(notice, "crossref-named-broken")] == ["a", "b"]
    given = notice_of(
        Clause(
            "a", "Cookies", "We use the cookies in the table below.\n\n| Name | Purpose |\n|---|---|\n| s | login |"
        ),
        Clause("b", "Who to contact", "Our contact details are set out below."),
        Clause("c", "Address", "Email privacy@acme.example."),
    )
    assert findings(given, "crossref-named-broken") == []


def test_a_gap_inside_a_level_names_the_missing_numbers() -> None:
    notice = notice_of(
        Clause("a", "4.1 Partners", "x."),
        Clause("b", "4.2 Buyers", "x."),
        Clause("c", "4.5 Courts", "y."),
        Clause("d", "5.1 Banks", "z."),
    )
    [gap] = findings(notice, "numbering-gap")
    assert gap.clause_id == "c" and gap.message.endswith("jump from 4.2 to 4.5, so 4.3, 4.4 are missing.")


# ----- found by importing real published notices and checking them ---------------------------------
@pytest.mark.parametrize(
    "body",
    [
        # the preposition belongs to something other than the contact verb
        "Contact the club for more information on, or to object to, the way it ranks riders.",
        "We will only call you when we need to or when you have asked us to.",
        "We never give advertisers your name or email, unless you ask us to.",
        # the details follow, as their own paragraph
        "You can change your details by emailing us at\n\nmembers@fernhill.example.",
        "Or write to us at\n\n- 4 Mill Lane, Fernhill",
        "Call us on\n\n+44 1632 960 000",
        "Address:\n\nFernhill Cycle Club Ltd\n\n4 Mill Lane, Fernhill",
        # the preposition has another object, or belongs to another verb
        "An e-mail passed to or from the club is kept for a year.",
        "What riders send to and receive from each other stays in the app.",
        "The app reads the bike's position only while the phone's location setting is switched on.",
        "We log which mast your phone connected to.",
        "Your contacts list shows the riders you send money to.",
        "For deliveries we ask for contact numbers, a ship-to and a bill-to.",
        "Email us should you prefer to object to or limit any of it.",
    ],
)
def test_contact_wording_that_promises_nothing_missing(body: str) -> None:
    assert one(body, "contact-missing") == []


def test_contact_still_missing_when_the_next_paragraph_gives_no_details() -> None:
    body = "You can change your details by emailing us at\n\nWe reply within a week."
    [finding] = one(body, "contact-missing")
    assert body[finding.start : finding.end] == "emailing us at"


@pytest.mark.parametrize(
    "body",
    [
        "We share it with:\n\n●\n\nour couriers\n\n●\n\nour payment provider",
        "● Our couriers\n● Our payment provider",
        "We post the programme. ● Online: on the club's site.",
        # a list flattened into a table cell
        "| What | From whom |\n| --- | --- |\n| ● Names● Addresses● Race times | ● You● Other clubs |",
        "We collect: names● Addresses●Race times",
        # the twentieth and thirtieth items of a list numbered in roman numerals
        "xix. to plan races;\n\nxx. to keep the club's records;\n\nxxx. for anything else we tell you of.",
        "(xx) to keep the club's records.",
        # a list item's own bullet after the list sign, or left at the end of the line before it
        "- ● our couriers\n- ●\xa0our payment provider",
        "You have these rights under the Fernhill law ●\nto see your data.",
        # a name whose varying part is written as X's
        "The cookies `_fh_XXXXXXX` and `fh.visitor.XXXXX` count visits.",
        # underscores inside a name or address, and a rule of them across the page
        "Cookies: fh_seen ,___fhvisit ,fh_count",
        "Complain to the regulator at https://regulator.example/Help___Questions/ if you wish.",
        "__________\n\nWelcome to the club's notice.",
    ],
)
def test_a_bullet_sign_is_not_a_drafting_marker(body: str) -> None:
    assert one(body, "drafting-marker") == []


@pytest.mark.parametrize(
    "body", ["The agreement dated ● 2025 applies.", "Our registered number is ●.", "The club●, of Fernhill, runs it."]
)
def test_a_bare_blank_sign_inside_a_sentence_is_still_a_marker(body: str) -> None:
    [finding] = one(body, "drafting-marker")
    assert body[finding.start : finding.end] == "●"


def test_an_unfilled_placeholder_is_fixed_in_the_apps_panel_or_with_the_command() -> None:
    """The command line is told the command; the app (`in_app`, `app_fix`) the panel that fills it."""
    [typed] = one("Write to {{ contact.email }}.", "placeholder-unfilled")
    assert "notice-studio set DIR contact.email=VALUE" in typed.fix
    assert typed.app_fix == "Fill it in on the Placeholders panel, or reword the sentence without it."
    [made] = one("{{ practices.sale_statement }}", "placeholder-unfilled")  # a notice without practices
    assert "notice-studio practices set DIR" in made.fix
    assert made.app_fix == "It is written from the practices: add them in the Practices panel."

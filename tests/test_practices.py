"""The data inventory (practices.yaml): reading with file and line errors, writing, the store,
templates that ship consistent practices, generated tables, derived facts and waived requirements."""

from __future__ import annotations

import copy

import pytest
from notice_support import AUTHOR, filled, git

from notice_studio.core.checks import load_context, run_checks
from notice_studio.core.library.requirements import load_requirements
from notice_studio.core.library.templates import build_notice, list_templates
from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.practices.facts import derived_facts, laws_required, waived_requirements
from notice_studio.core.practices.generate import CCPA_TABLE, RETENTION_TABLE, regenerate_tables
from notice_studio.core.practices.model import Category, Practices, Recipient
from notice_studio.core.practices.practices_format import PRACTICES_FILE, practices_yaml, read_practices

GOOD = """\
sources:
  - {id: you, label: You}
purposes:
  - {id: provide, label: Provide, legal_basis: contract}
recipients:
  - {id: hosting, label: Hosting providers, countries: [Ireland]}
categories:
  - id: contact
    label: Contact details
    ccpa: identifiers
    sources: [you]
    purposes: [provide]
    disclosed_to: [hosting]
    retention: Two years after you close your account
"""


@pytest.fixture(scope="module")
def context():
    return load_context()


# ----- the file --------------------------------------------------------------------------------
def test_practices_round_trip_through_their_file() -> None:
    practices = read_practices(GOOD)
    assert practices.categories[0].disclosed_to == ["hosting"]
    assert read_practices(practices_yaml(practices)) == practices


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("disclosed_to: [hosting]", "disclosed_to: [brokers]"), 8, "'brokers' under disclosed_to"),
        (GOOD.replace("legal_basis: contract", "legal_basis: because"), 4, "'legal_basis: because' is not one of"),
        (GOOD + "sold:\n  categories: [nothing]\n", 16, "'sold' names 'nothing'"),
        (GOOD + "automated_decisions: sometimes\n", 1, "must be true or false"),
        (GOOD.replace("  - {id: you, label: You}", "  - {id: you, label: You"), 2, "the YAML is not valid"),
    ],
)
def test_a_malformed_practices_file_is_named_with_its_line(text: str, line: int, words: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_practices(text, PRACTICES_FILE)
    assert caught.value.path == PRACTICES_FILE
    assert caught.value.line == line, str(caught.value)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            GOOD.replace("    retention:", "    retension:"),
            14,
            "'retension' is not a field of a category (use retention,",
        ),
        (
            GOOD + "automated_decision: true\n",
            15,
            "'automated_decision' is not a part of the practices (use automated_decisions,",
        ),
        (
            GOOD + "sold:\n  categories: [contact]\n  recipients: [hosting]\n",
            17,
            "'recipients' is not a field of 'sold'",
        ),
        (
            GOOD + "children:\n  minors_user: true\n",
            16,
            "'minors_user' is not a field of 'children' (use minors_users,",
        ),
        (
            GOOD.replace("  - {id: you, label: You}", "  - {id: you, label: You, where: form}"),
            2,
            "'where' is not a field of a source",
        ),
        (
            GOOD + "transfers:\n  - to: India\n    safegard: scc\n",
            17,
            "'safegard' is not a field of a transfer (use safeguard",
        ),
    ],
)
def test_a_key_the_practices_do_not_have_is_refused_at_its_line_with_the_closest(
    text: str, line: int, words: str
) -> None:
    """A mistyped key is never dropped without a word: the file, its line and the key it may mean."""
    with pytest.raises(FormatError) as caught:
        read_practices(text, PRACTICES_FILE)
    assert (caught.value.path, caught.value.line) == (PRACTICES_FILE, line), str(caught.value)
    assert words in str(caught.value)


def test_every_key_the_practices_write_is_one_they_read() -> None:
    """`format` and every field survive a round trip: the refusal of unknown keys refuses none of ours."""
    for template in list_templates():
        assert template.practices is not None
        assert read_practices(practices_yaml(template.practices)) == template.practices


def test_practices_are_saved_committed_and_read_back_at_a_version(tmp_path) -> None:
    notice = build_notice("website-eea", "Acme Ltd")
    repo = NoticeRepo.create(tmp_path / "n", notice, AUTHOR)
    try:
        assert (tmp_path / "n" / PRACTICES_FILE).is_file()
        assert "practices.yaml" in git(tmp_path / "n", "ls-files")
        first = repo.head()
        notice.practices.ai_training = True  # type: ignore[union-attr]
        assert repo.save(notice, "Recorded AI training in the practices", AUTHOR)
        assert repo.load().practices.ai_training is True  # type: ignore[union-attr]
        assert repo.notice_at(first).practices.ai_training is False  # type: ignore[union-attr]
    finally:
        repo.close()


def test_a_damaged_practices_file_is_reported_with_file_and_line(tmp_path) -> None:
    from notice_studio.core.notice.store import CorruptNoticeError

    repo = NoticeRepo.create(tmp_path / "n", build_notice("website-eea", "Acme Ltd"), AUTHOR)
    repo.close()
    (tmp_path / "n" / PRACTICES_FILE).write_text(GOOD.replace("[hosting]", "[nobody]"), encoding="utf-8")
    with NoticeRepo.open(tmp_path / "n") as reopened, pytest.raises(CorruptNoticeError) as caught:
        reopened.load()
    assert "practices.yaml, line 8" in str(caught.value)


# ----- templates -------------------------------------------------------------------------------
@pytest.mark.parametrize("template_id", [t.id for t in list_templates()])
def test_each_template_filled_with_its_examples_is_consistent_and_honestly_covered(template_id, context) -> None:
    notice = filled(build_notice(template_id, "Acme Ltd"))
    assert notice.practices is not None
    report = run_checks(notice, context)
    assert report.blocking == (), [f.message for f in report.blocking]
    assert [f.rule for f in report.to_acknowledge] == []
    for coverage in report.coverage:
        assert coverage.missing == (), (coverage.jurisdiction, coverage.missing)
    # The facts the template states are the ones its practices imply.
    for fact, value in derived_facts(notice.practices).items():
        assert notice.facts.get(fact, value) == value, fact


def test_the_plain_language_test_is_for_counsel_to_confirm_never_passed(context) -> None:
    report = run_checks(filled(build_notice("saas-eu-uk-ca", "Acme Ltd")), context)
    gdpr = next(c for c in report.coverage if c.jurisdiction == "gdpr")
    assert "gdpr_transparent_form" in gdpr.manual
    assert "gdpr_transparent_form" not in gdpr.satisfied


def test_us_and_canada_templates_do_not_explain_european_special_categories_or_california_wording() -> None:
    for template_id in ("mobile-app-us", "canada-pipeda-bc"):
        text = "\n".join(c.body for c in build_notice(template_id, "Acme").all_clauses())
        assert "special categories" not in text, template_id
    canada = "\n".join(c.body for c in build_notice("canada-pipeda-bc", "Acme").all_clauses())
    assert "under 16" not in canada


def test_the_mobile_template_offers_opt_outs_not_european_consent() -> None:
    notice = build_notice("mobile-app-us", "Acme")
    assert notice.practices is not None and notice.practices.cookies.consent == "opt-out"
    assert not notice.has("consent-withdrawal")
    assert notice.has("your-choices-us")


# ----- generated tables --------------------------------------------------------------------------
def test_the_ccpa_table_says_what_the_practices_say() -> None:
    notice = build_notice("mobile-app-us", "Acme")
    table = notice.tables[CCPA_TABLE]
    rows = {row[0]: row for row in table.rows}
    assert rows["Identifiers"][-1] == "Advertising partners (sold and shared)"
    assert rows["Commercial information"][-1] == "Not sold or shared"
    assert rows["Biometric information"][2] == "No"
    saas = build_notice("saas-eu-uk-ca", "Acme")
    assert all(row[-1] in ("Not sold or shared", "—") for row in saas.tables[CCPA_TABLE].rows)
    assert saas.tables[RETENTION_TABLE].rows[0][0] == "Contact and account identifiers"


def test_regenerating_follows_a_change_in_the_practices() -> None:
    notice = build_notice("saas-eu-uk-ca", "Acme")
    practices = notice.practices
    assert practices is not None
    practices.recipients.append(Recipient("ad-partners", "Advertising partners", "advertising"))
    practices.shared.categories = ["identifiers"]
    practices.shared.to = ["ad-partners"]
    assert regenerate_tables(notice) == [CCPA_TABLE]
    assert notice.tables[CCPA_TABLE].rows[0][-1] == "Advertising partners (shared)"
    assert regenerate_tables(notice) == []


# ----- facts -----------------------------------------------------------------------------------
def test_facts_follow_the_practices() -> None:
    practices = Practices(categories=[Category("ids", "Identifiers")])
    assert derived_facts(practices)["sells_or_shares"] is False
    practices.sold.categories = ["ids"]
    practices.children.directed_to_children = True
    facts = derived_facts(practices)
    assert facts["sells_or_shares"] is True and facts["child_directed"] is True


def test_each_fact_that_waives_a_requirement_is_listed_for_confirmation() -> None:
    notice = build_notice("saas-eu-uk-ca", "Acme")
    waivers = {w.fact: w for w in waived_requirements(notice.facts, notice.jurisdictions, load_requirements())}
    assert {"eu_representative_required", "uk_representative_required", "dpo_appointed"} <= set(waivers)
    dpo = waivers["dpo_appointed"]
    assert dpo.question == "Have you appointed a data protection officer?"
    assert ("gdpr_dpo_contact", "GDPR", "GDPR Art. 13(1)(b); Art. 14(1)(b); Art. 37(7)") in dpo.elements
    assert ("uk_gdpr_dpo_contact", "UK_GDPR", "UK GDPR Art. 13(1)(b); Art. 14(1)(b); Art. 37(7)") in dpo.elements
    assert "sells_or_shares" in waivers  # the CCPA opt-out elements are waived by 'we do not sell'


def test_child_directed_brings_in_coppa_and_minors_the_california_minors_law() -> None:
    assert laws_required({"child_directed": True}, ["gdpr"]) == [("child_directed", "coppa")]
    assert laws_required({"minors_directed": True}, ["ccpa"]) == [("minors_directed", "ca_bpc_22581")]
    assert laws_required({"minors_directed": True}, ["gdpr"]) == []
    assert laws_required({"child_directed": True}, ["coppa"]) == []


def test_template_practices_are_copied_not_shared() -> None:
    first = build_notice("website-eea", "A")
    second = build_notice("website-eea", "B")
    assert first.practices is not second.practices
    before = copy.deepcopy(second.practices)
    first.practices.ai_training = True  # type: ignore[union-attr]
    assert second.practices == before


def test_the_variant_that_fits_the_practices_is_named() -> None:
    from notice_studio.core.practices.variants import variant_swaps

    notice = build_notice("saas-eu-uk-ca", "Acme")
    assert variant_swaps(notice) == []
    practices = notice.practices
    assert practices is not None
    practices.sold.categories = ["identifiers"]
    assert variant_swaps(notice) == [("dnt-gpc-no-sale", "dnt-gpc"), ("ccpa-no-sale", "ccpa-disclosed-sold-shared")]
    assert variant_swaps(build_notice("mobile-app-us", "Acme")) == []


def test_changing_practices_by_path_adds_sets_clears_and_removes() -> None:
    from notice_studio.core.notice.model import NoticeError
    from notice_studio.core.practices.actions import change_practices

    start = build_notice("website-eea", "Acme").practices
    changed = change_practices(
        start,
        [
            ("categories.gps.label", "Precise location"),
            ("categories.gps.sensitive", "precise-location"),
            ("categories.usage.retention", ""),
            ("children.minors_users", "yes"),
        ],
        new=True,
    )
    assert changed.collects_precise_location() and changed.children.minors_users
    assert changed.category("usage").retention == ""  # type: ignore[union-attr]
    assert start.category("gps") is None  # type: ignore[union-attr]  (the original is untouched)
    assert change_practices(changed, [("categories.gps", "")]).category("gps") is None
    with pytest.raises(NoticeError, match="'sensitive: brains' is not one of"):
        change_practices(start, [("categories.usage.sensitive", "brains")])


def test_the_selling_and_sharing_table_names_what_to_whom_and_why() -> None:
    from notice_studio.core.practices.generate import SALE_TABLE

    table = build_notice("mobile-app-us", "Acme").tables[SALE_TABLE]
    assert table.rows == [
        ["Identifiers", "Sold and shared", "Advertising partners", "Advertising"],
        ["App activity", "Sold and shared", "Advertising partners", "Advertising"],
    ]
    assert SALE_TABLE not in build_notice("saas-eu-uk-ca", "Acme").tables  # its no-sale clause embeds none

"""Consistency checks, table validation, coverage by content and the smaller faults of issue 14:
each case counsel met is a test that now fails the way they need (flagged, named, blocked)."""

from __future__ import annotations

import pytest
from notice_support import filled

from notice_studio.core.checks import load_context, run_checks
from notice_studio.core.library.catalog import load_library
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.practices.generate import regenerate_tables
from notice_studio.core.practices.model import Category, Recipient, Transfer


@pytest.fixture(scope="module")
def context():
    return load_context()


def saas() -> Notice:
    return filled(build_notice("saas-eu-uk-ca", "Acme Ltd"))


def rules(report, severity: str | None = None) -> list[str]:
    return [f.rule for f in report.findings if severity is None or f.severity == severity]


def clause(notice: Notice, clause_id: str) -> Clause:
    found = notice.find(clause_id)
    assert found is not None
    return found


def start_selling(notice: Notice) -> None:
    practices = notice.practices
    assert practices is not None
    practices.recipients.append(Recipient("ad-partners", "Advertising partners", "advertising", ["United States"]))
    for block in (practices.sold, practices.shared):
        block.categories = ["identifiers", "usage"]
        block.to = ["ad-partners"]


# ----- prose vs practices ---------------------------------------------------------------------
def test_we_do_not_sell_while_the_practices_say_sold_blocks_publishing(context) -> None:
    notice = saas()
    start_selling(notice)
    regenerate_tables(notice)
    notice.facts["sells_or_shares"] = True
    report = run_checks(notice, context)
    found = [f for f in report.blocking if f.rule == "practice-sale-contradicted"]
    assert {f.clause_id for f in found} == {"ccpa-no-sale"}
    # dnt-gpc-no-sale's opt-out sentence is written from the practices: stale until remade, never prose
    stale = [f.excerpt for f in report.blocking if f.rule == "practice-statement-stale"]
    assert stale == ["practices.opt_out_statement"]
    no_sale = next(f for f in found if f.clause_id == "ccpa-no-sale")
    assert no_sale.excerpt == "We do not sell or share"
    assert "the practices record personal information sold or shared" in no_sale.message
    assert "ccpa-disclosed-sold-shared" in no_sale.fix


def test_the_sentence_quoted_shows_placeholders_and_references_as_typed(context) -> None:
    notice = saas()
    clause(notice, "ccpa-no-sale").body = "At {{ org.name }} we may sell your data to the firms in [[ccpa-no-sale]]."
    report = run_checks(notice, context)
    [unrecorded] = [f for f in report.findings if f.rule == "practice-sale-unrecorded"]
    assert "sell your data to the firms in [[ccpa-no-sale]]" in unrecorded.message  # not "... firms in x"


def test_a_table_not_regenerated_after_the_practices_changed_is_an_error(context) -> None:
    notice = saas()
    start_selling(notice)
    report = run_checks(notice, context)
    stale = [f for f in report.blocking if f.rule == "practice-table-stale"]
    assert [f.excerpt for f in stale] == ["ccpa-categories"]


def test_we_may_sell_while_the_practices_record_no_sale(context) -> None:
    notice = saas()
    clause(notice, "ccpa-no-sale").body = "We may sell your personal information to data brokers."
    report = run_checks(notice, context)
    assert "practice-sale-unrecorded" in rules(report, "error")
    # ... and the clause no longer earns the credit its library version had.
    lost = {f.element_id for f in report.findings if f.rule == "coverage-evidence-missing"}
    assert "ccpa_minors_under16_knowledge_statement" in lost


def test_a_gpc_promise_to_honour_opt_outs_in_a_no_sale_notice(context) -> None:
    notice = saas()
    library = load_library()
    clause(notice, "dnt-gpc-no-sale").body = library.clause("dnt-gpc").body
    report = run_checks(notice, context)
    found = [f for f in report.blocking if f.rule == "practice-opt-out-without-sale"]
    assert found and "dnt-gpc-no-sale" in found[0].fix


def test_advertising_on_other_sites_described_while_nothing_is_shared(context) -> None:
    notice = saas()
    clause(
        notice, "ccpa-purposes"
    ).body += "\n\n- **Advertising**: to show you ads for our services on other websites and apps."
    assert "practice-advertising-unrecorded" in rules(run_checks(notice, context), "error")


def test_no_precise_location_while_the_practices_collect_it(context) -> None:
    notice = saas()
    clause(notice, "data-collected-automatically").body += "\n\nWe do not collect your precise location."
    assert "practice-location-contradicted" not in rules(run_checks(notice, context))
    notice.practices.categories.append(  # type: ignore[union-attr]
        Category("gps", "Precise location", "geolocation", sensitive="precise-location")
    )
    regenerate_tables(notice)
    found = [f for f in run_checks(notice, context).blocking if f.rule == "practice-location-contradicted"]
    assert found and found[0].clause_id == "data-collected-automatically"


def test_data_privacy_framework_claimed_with_no_us_recipient(context) -> None:
    notice = saas()
    assert "practice-dpf-without-us" not in rules(run_checks(notice, context))
    practices = notice.practices
    assert practices is not None
    practices.transfers = [Transfer("India", "standard_contractual_clauses")]
    for recipient in practices.recipients:
        recipient.countries = [c for c in recipient.countries if c != "United States"]
    found = [f for f in run_checks(notice, context).blocking if f.rule == "practice-dpf-without-us"]
    assert found and found[0].clause_id == "international-transfers-eu"


def test_european_consent_wording_while_ads_run_on_an_opt_out_basis(context) -> None:
    notice = filled(build_notice("mobile-app-us", "Acme Inc."))
    library = load_library()
    notice.add(library.make_clause("consent-withdrawal", notice))
    found = [f for f in run_checks(notice, context).blocking if f.rule == "practice-consent-contradicted"]
    assert found and found[0].clause_id == "consent-withdrawal"
    assert "opt-out basis" in found[0].message


# ----- tables vs practices, facts vs laws, facts vs practices -----------------------------------
def test_advertising_cookies_while_nothing_is_shared(context) -> None:
    notice = saas()
    notice.tables["cookies"].rows.append(["ad_id", "Ad network", "Targets ads", "13 months", "Advertising"])
    report = run_checks(notice, context)
    assert "practice-table-advertising" in rules(report, "error")


def test_child_directed_brings_in_coppa(context) -> None:
    notice = saas()
    notice.practices.children.directed_to_children = True  # type: ignore[union-attr]
    found = [f for f in run_checks(notice, context).blocking if f.rule == "law-required-by-fact"]
    assert found and "COPPA" in found[0].message and "--add coppa" in found[0].fix


def test_minors_bring_in_the_california_minors_law(context) -> None:
    notice = saas()
    notice.practices.children.minors_users = True  # type: ignore[union-attr]
    found = [f for f in run_checks(notice, context).blocking if f.rule == "law-required-by-fact"]
    assert found and found[0].excerpt == "minors_directed:ca_bpc_22581"


def test_a_fact_that_disagrees_with_the_practices(context) -> None:
    notice = saas()
    start_selling(notice)
    regenerate_tables(notice)
    found = [f for f in run_checks(notice, context).blocking if f.rule == "fact-contradicts-practices"]
    assert [f.excerpt for f in found] == ["sells_or_shares"]


# ----- table validation is a check ------------------------------------------------------------
def test_an_invalid_cookie_category_and_a_blank_duration_block_publishing(context) -> None:
    notice = saas()
    notice.tables["cookies"].rows.append(["promo", "Us", "Shows offers", "", "Tasty"])
    found = [f for f in run_checks(notice, context).blocking if f.rule == "table-cell-invalid"]
    assert [f.excerpt for f in found] == ["cookies:6:Duration", "cookies:6:Category"]
    assert "‘Tasty’ is not a cookie category" in found[1].message


# ----- coverage by content ------------------------------------------------------------------------
def test_a_complaints_clause_cut_to_contact_us_loses_its_credit_with_a_named_warning(context) -> None:
    notice = saas()
    clause(notice, "complaints-eu").body = "If you are unhappy, contact us."
    report = run_checks(notice, context)
    gdpr = next(c for c in report.coverage if c.jurisdiction == "gdpr")
    assert "gdpr_right_complaint_supervisory_authority" in gdpr.missing
    warning = next(
        f
        for f in report.to_acknowledge
        if f.element_id == "gdpr_right_complaint_supervisory_authority" and f.rule == "coverage-evidence-missing"
    )
    assert warning.clause_id == "complaints-eu"
    assert warning.citation == "GDPR Art. 13(2)(d); Art. 14(2)(e); Art. 77"
    assert "complaints-eu" in warning.fix
    # one warning for the element, not a second 'coverage-missing' for the same gap
    assert not [
        f
        for f in report.findings
        if f.rule == "coverage-missing" and f.element_id == "gdpr_right_complaint_supervisory_authority"
    ]


def test_retention_reduced_to_as_long_as_necessary_is_not_coverage(context) -> None:
    notice = saas()
    clause(notice, "retention-criteria").body = "We keep your information as long as necessary."
    report = run_checks(notice, context)
    gdpr = next(c for c in report.coverage if c.jurisdiction == "gdpr")
    assert "gdpr_retention_period" in gdpr.missing


def test_a_library_clause_keeps_its_credit_while_its_text_carries_the_evidence(context) -> None:
    notice = saas()
    clause(
        notice, "complaints-eu"
    ).body = "You can complain to the data protection supervisory authority where you live or work."
    report = run_checks(notice, context)
    gdpr = next(c for c in report.coverage if c.jurisdiction == "gdpr")
    assert "gdpr_right_complaint_supervisory_authority" in gdpr.satisfied


# ----- smaller faults -------------------------------------------------------------------------------
def test_uk_citations_name_the_law_once(context) -> None:
    notice = saas()
    notice.remove("complaints-uk-ico")
    found = [f for f in run_checks(notice, context).findings if f.jurisdiction == "uk_gdpr"]
    assert found and all("UK GDPR UK GDPR" not in (f.citation or "") + f.message for f in found)
    assert found[0].citation.startswith("UK GDPR Art.")


def test_norway_coverage_is_labelled_norway_not_gdpr(context) -> None:
    notice = Notice(jurisdictions=["no_pda"])
    notice.add(Clause("intro", "Introduction", "Acme AS is the controller."))
    report = run_checks(notice, context)
    assert [c.law for c in report.coverage] == ["NO_PDA"]


def test_one_error_per_unfilled_placeholder_not_per_use(context) -> None:
    notice = Notice()
    for n in range(3):
        notice.add(Clause(f"c{n}", f"Part {n}", "Write to {{ contact.email }} or {{ contact.email }}."))
    found = [f for f in run_checks(notice, context).findings if f.rule == "placeholder-unfilled"]
    assert len(found) == 1
    assert found[0].clause_id == "c0"
    assert "used 6 times, in sections 1, 2, 3" in found[0].message


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Please contact us at for more details.", True),
        ("Contact us at if you have questions.", True),
        ("Contact us at privacy@acme.example for more details.", False),
        ("You can contact us at any time.", False),
    ],
)
def test_contact_us_at_followed_by_the_rest_of_the_sentence(text: str, flagged: bool, context) -> None:
    notice = Notice()
    notice.add(Clause("contact", "Contact", text))
    assert ("contact-missing" in rules(run_checks(notice, context))) is flagged


def test_every_shipped_clause_carries_the_evidence_for_what_it_claims() -> None:
    from notice_studio.core.checks.coverage import _carries, _index, evidence_text
    from notice_studio.core.library.requirements import load_requirements

    index = _index(load_requirements())
    lost = [
        (c.id, element)
        for c in load_library().clauses()
        for element in c.satisfies
        if element in index.evidence and not _carries(index.evidence[element], evidence_text(c.body))
    ]
    assert lost == []


def test_the_advertising_cookie_clause_adds_its_category() -> None:
    from notice_studio.core.checks.tables import cookie_categories

    assert "Advertising" in cookie_categories(build_notice("mobile-app-us", "Acme"))
    assert "Advertising" not in cookie_categories(build_notice("saas-eu-uk-ca", "Acme"))


def test_automated_decisions_and_ai_training_denied_while_the_practices_record_them(context) -> None:
    notice = saas()
    clause(notice, "purposes").body += "\n\nWe do not use your personal information to train AI models."
    assert not {"practice-automated-contradicted", "practice-ai-training-contradicted"} & set(
        rules(run_checks(notice, context))
    )
    notice.practices.automated_decisions = True  # type: ignore[union-attr]
    notice.practices.ai_training = True  # type: ignore[union-attr]
    found = {f.rule: f.clause_id for f in run_checks(notice, context).blocking}
    assert found["practice-automated-contradicted"] == "automated-decisions-none"
    assert found["practice-ai-training-contradicted"] == "purposes"

"""Coverage of the selected laws: library `satisfies`, keyword detection, facts and conditions,
suggestions, and a notice built from each shipped template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from notice_studio.core.checks import CheckContext, run_checks, sources
from notice_studio.core.checks import coverage as cov
from notice_studio.core.checks.topics import FAMILIES, TOPIC_CUES
from notice_studio.core.library.catalog import load_library
from notice_studio.core.library.facts import FACTS
from notice_studio.core.library.requirements import load_requirements
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.paths import library_folder, requirements_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def requirements():
    return load_requirements()


def context(library=None, requirements=None, **kw) -> CheckContext:
    return CheckContext(library=library, requirements=requirements or load_requirements(), **kw)


def report_for(notice: Notice, ctx: CheckContext):
    return run_checks(notice, ctx)


def coverage_of(report, jurisdiction: str):
    return next(c for c in report.coverage if c.jurisdiction == jurisdiction)


# ----- reference tables --------------------------------------------------------------------------
def test_every_condition_in_requirements_yaml_maps_to_a_fact() -> None:
    data = yaml.safe_load(requirements_file().read_text(encoding="utf-8"))
    conditions = {e["condition"] for e in data["elements"] if e.get("condition")}
    assert conditions, "requirements.yaml has conditional elements"
    unmapped = sorted(c for c in conditions if sources.fact_for_condition(c) is None)
    assert unmapped == []
    assert set(sources.fact_keys()) == set(FACTS)


def test_fact_keys_are_documented() -> None:
    doc = (ROOT / "docs" / "check-json.md").read_text(encoding="utf-8")
    facts_section = doc.split("### Facts", 1)[1].split("##", 1)[0]
    assert set(re.findall(r"`([a-z0-9_]+)`", facts_section)) - {"facts"} == set(FACTS)


def test_every_element_has_section_topics(requirements) -> None:
    known_topics = set(yaml.safe_load((library_folder() / "topics.yaml").read_text(encoding="utf-8"))["topics"])
    for element in requirements.elements:
        key = element.id[3:] if element.id.startswith("uk_gdpr_") else element.id
        assert key in cov.ELEMENT_TOPICS, element.id
        if element.check == "keyword":
            assert cov.element_topics(element), element.id
    used = {t for topics in cov.ELEMENT_TOPICS.values() for t in topics}
    used |= {t for topics in cov.LAW_TOPICS.values() for t in topics}
    used |= set(TOPIC_CUES) | {t for family in FAMILIES for t in family}
    assert used <= known_topics, used - known_topics


# ----- library clauses ---------------------------------------------------------------------------
def test_library_clause_satisfies_its_elements(library, requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    notice.add(library.make_clause("retention-criteria", notice))
    report = report_for(notice, context(library, requirements))
    gdpr = coverage_of(report, "gdpr")
    assert "gdpr_retention_period" in gdpr.satisfied
    assert gdpr.satisfied_by("gdpr_retention_period") == ("retention-criteria",)
    assert "gdpr_retention_period" not in gdpr.missing


def test_customised_library_clause_keeps_its_claims_and_words_prove_nothing_more(library, requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    clause = library.make_clause("security", notice)
    clause.body += "\n\nYou can lodge a complaint with a supervisory authority."
    notice.add(clause)
    gdpr = coverage_of(report_for(notice, context(library, requirements)), "gdpr")
    assert "gdpr_right_complaint_supervisory_authority" in gdpr.missing


def test_front_matter_satisfies_counts(requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    notice.add(Clause("dpo", "Misc", "Write to our data protection officer.", meta={"satisfies": ["gdpr_dpo_contact"]}))
    gdpr = coverage_of(report_for(notice, context(None, requirements)), "gdpr")
    assert gdpr.satisfied_by("gdpr_dpo_contact") == ("dpo",)


def test_without_the_library_a_library_clause_falls_back_to_its_words(library, requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    notice.add(library.make_clause("complaints-eu", notice))
    gdpr = coverage_of(report_for(notice, context(None, requirements)), "gdpr")
    assert "gdpr_right_complaint_supervisory_authority" in gdpr.satisfied


# ----- facts and conditions ----------------------------------------------------------------------
def _dpo_finding(report):
    return next(
        (f for f in report.findings if f.rule == "coverage-missing" and f.element_id == "gdpr_dpo_contact"), None
    )


def test_condition_false_is_not_applicable(requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"], facts={"dpo_appointed": False})
    report = report_for(notice, context(None, requirements))
    assert "gdpr_dpo_contact" in coverage_of(report, "gdpr").not_applicable
    assert _dpo_finding(report) is None


def test_condition_unset_applies_and_says_which_fact_to_set(library, requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    report = report_for(notice, context(library, requirements))
    gdpr = coverage_of(report, "gdpr")
    assert "gdpr_dpo_contact" in gdpr.missing
    assert ("gdpr_dpo_contact", "dpo_appointed") in gdpr.assumed
    finding = _dpo_finding(report)
    assert finding.severity == "warning"
    assert "unless the fact 'dpo_appointed' is false" in finding.message
    assert "notice-studio facts DIR dpo_appointed=no" in finding.fix
    assert finding.citation.startswith("GDPR Art. 13(1)(b)")
    assert finding.jurisdiction == "gdpr"
    assert finding.suggestion in {c.id for c in library.satisfying("gdpr_dpo_contact")}


def test_condition_true_applies_without_unless(requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"], facts={"dpo_appointed": True})
    report = report_for(notice, context(None, requirements))
    finding = _dpo_finding(report)
    assert "unless" not in finding.message and finding.suggestion is None
    assert ("gdpr_dpo_contact", "dpo_appointed") not in coverage_of(report, "gdpr").assumed


# ----- keyword detection for clauses not from the library -----------------------------------------
def _detected(title: str, body: str, requirements, jurisdiction: str = "gdpr") -> set[str]:
    notice = Notice(title="Privacy Notice", jurisdictions=[jurisdiction])
    notice.add(Clause("c", title, body))
    return set(coverage_of(report_for(notice, context(None, requirements)), jurisdiction).satisfied)


def test_keyword_counts_in_a_section_about_it(requirements) -> None:
    assert "gdpr_retention_period" in _detected(
        "How long we keep your data", "We retain account data for two years.", requirements
    )


def test_keyword_in_a_section_about_something_else_does_not_count(requirements) -> None:
    assert "gdpr_retention_period" not in _detected("Security", "We retain logs to detect attacks.", requirements)


def test_distinctive_phrase_counts_anywhere(requirements) -> None:
    found = _detected("Miscellaneous", "Transfers rely on standard contractual clauses.", requirements)
    assert "gdpr_transfer_safeguards" in found


def test_common_words_need_the_elements_own_topic(requirements) -> None:
    found = _detected("Your rights", "You may withdraw your consent at any time.", requirements)
    assert "gdpr_right_withdraw_consent" in found
    assert "gdpr_right_object_direct_marketing" not in found  # 'at any time' alone proves nothing


def test_verifying_a_request_in_a_rights_section_counts_as_the_verification_process(requirements) -> None:
    said = "Before we act on a request we verify that you are the person it is about, by email."
    assert "ccpa_verification_process" in _detected("Your California rights", said, requirements, "ccpa")
    assert "ccpa_verification_process" not in _detected("Security", said, requirements, "ccpa")
    verified = "A request is answered once the requester has been verified by a code we post to them."
    assert "ccpa_verification_process" in _detected("Your California rights", verified, requirements, "ccpa")


@pytest.mark.parametrize(
    "said",
    [
        "You will not be discriminated against for using any of these rights.",
        "Using these rights never leads to discriminatory treatment.",
        "Nondiscrimination: we treat every requester the same.",
    ],
)
def test_a_keyword_is_found_in_the_forms_notices_write_it(said: str, requirements) -> None:
    assert "ccpa_right_non_discrimination" in _detected("Your California rights", said, requirements, "ccpa")


def test_a_plural_keyword_wants_the_plural_and_a_singular_one_takes_both(requirements) -> None:
    title = "Information we collect"
    sources = _detected(title, "Information about riders comes to us from these sources: shops.", requirements, "ccpa")
    assert "ccpa_categories_sources" in sources
    software = _detected(title, "Error reports reach us through open-source software.", requirements, "ccpa")
    assert "ccpa_categories_sources" not in software  # 'sources' is not 'open-source'
    opt_outs = _detected("Your California rights", "Use the opt-outs in each email.", requirements, "ccpa")
    assert "ccpa_right_opt_out_sale_sharing" in opt_outs  # 'opt out' takes 'opt-outs'


def test_parent_section_gives_context(requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["ccpa"])
    parent = Clause("california", "California residents", "This section is for Californians.")
    parent.children.append(Clause("agents", "Agents", "An authorized agent can make a request for you."))
    parent.children.append(Clause("rights", "Requests", "You can make a request to delete your personal information."))
    notice.add(parent)
    ccpa = coverage_of(report_for(notice, context(None, requirements)), "ccpa")
    assert ccpa.satisfied_by("ccpa_authorized_agent") == ("agents",)
    assert "ccpa_right_to_delete" in ccpa.satisfied


# ----- laws, inheritance, manual and date elements ----------------------------------------------
def test_norway_inherits_gdpr_and_findings_are_not_repeated(requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr", "no_pda"])
    report = report_for(notice, context(None, requirements))
    norway = coverage_of(report, "no_pda")
    assert "gdpr_retention_period" in norway.missing and "no_complaint_datatilsynet" in norway.missing
    missing = [f.element_id for f in report.findings if f.rule == "coverage-missing"]
    assert len(missing) == len(set(missing))
    assert "no_complaint_datatilsynet" in missing


def test_manual_elements_are_listed_not_reported(requirements) -> None:
    report = report_for(Notice(title="Privacy Notice", jurisdictions=["uk_gdpr"]), context(None, requirements))
    uk = coverage_of(report, "uk_gdpr")
    assert uk.manual == ("uk_gdpr_transparent_form",)
    assert not any(f.element_id == "uk_gdpr_transparent_form" for f in report.findings)


def test_date_elements_are_generated_for_a_draft(requirements) -> None:
    report = report_for(Notice(title="Privacy Notice", jurisdictions=["ccpa"]), context(None, requirements))
    ccpa = coverage_of(report, "ccpa")
    for element in ("ccpa_date_last_updated", "ccpa_annual_update"):
        assert ccpa.satisfied_by(element) == (cov.GENERATED,)


def test_no_requirements_or_no_jurisdictions_means_no_coverage(requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    assert run_checks(notice, CheckContext()).coverage == ()
    assert run_checks(Notice(title="Privacy Notice"), context(None, requirements)).coverage == ()


def test_suggestion_prefers_the_clause_filling_most_gaps(library, requirements) -> None:
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    report = report_for(notice, context(library, requirements))
    access = next(f for f in report.findings if f.element_id == "gdpr_right_access")
    suggested = library.get(access.suggestion)
    assert "gdpr_right_access" in suggested.satisfies
    assert len(suggested.satisfies) == max(
        len(c.satisfies) for c in library.satisfying("gdpr_right_access") if c.applies_to(["gdpr"])
    )


# ----- a notice built from each template ---------------------------------------------------------
def _templates():
    from notice_studio.core.library.templates import list_templates

    return list_templates()


def _expected(notice: Notice, library, requirements, jurisdiction: str):
    """Coverage worked out independently: library claims, facts, date elements."""
    claims: dict[str, list[str]] = {}
    for clause in notice.all_clauses():
        for element in library.get(clause.provenance.library_id).satisfies:
            claims.setdefault(element, []).append(clause.id)
    satisfied, missing, not_applicable, manual = set(), set(), set(), set()
    for element in requirements.for_jurisdictions([jurisdiction]):
        fact = sources.fact_for_condition(element.condition) if element.condition else None
        if fact and notice.facts.get(fact) is False:
            not_applicable.add(element.id)
        elif element.check == "manual":
            manual.add(element.id)  # never passed automatically, even when a clause claims it
        elif element.check == "date" or element.id in claims:
            satisfied.add(element.id)
        else:
            missing.add(element.id)
    return satisfied, missing, not_applicable, manual, claims


def test_templates_exist() -> None:
    if not _templates():
        pytest.skip("no templates in clause_library/templates yet (the library helper is writing them)")


@pytest.mark.parametrize("template_id", [t.id for t in _templates()] or ["(none yet)"])
def test_coverage_of_a_notice_built_from_each_template(template_id: str, library, requirements) -> None:
    if template_id == "(none yet)":
        pytest.skip("no templates in clause_library/templates yet")
    from notice_studio.core.library.templates import build_notice

    notice = build_notice(template_id, "Northwind Analytics Ltd", library=library)
    report = run_checks(notice, context(library, requirements))
    assert [c.jurisdiction for c in report.coverage] == notice.jurisdictions
    reported_missing = {f.element_id for f in report.findings if f.rule == "coverage-missing"}
    all_missing: set[str] = set()
    for result in report.coverage:
        satisfied, missing, not_applicable, manual, claims = _expected(
            notice, library, requirements, result.jurisdiction
        )
        assert set(result.satisfied) == satisfied
        assert set(result.missing) == missing
        assert set(result.not_applicable) == not_applicable
        shared = {element for element, _asked_as, _law in result.confirmed_with}
        assert set(result.manual) | shared == manual and not set(result.manual) & shared  # asked once
        for element in satisfied - {"ccpa_date_last_updated", "ccpa_annual_update", "caloppa_effective_date"}:
            assert set(result.satisfied_by(element)) == set(claims[element])
        all_missing |= missing
    assert reported_missing == all_missing


@pytest.mark.parametrize("template_id", [t.id for t in _templates()] or ["(none yet)"])
def test_keyword_detection_finds_template_text_without_provenance(template_id: str, library, requirements) -> None:
    """An imported copy of a template notice: detection finds most of what `satisfies` claims, and
    nothing the claims do not (our library text is the ground truth here)."""
    if template_id == "(none yet)":
        pytest.skip("no templates in clause_library/templates yet")
    from notice_studio.core.library.templates import build_notice

    notice = build_notice(template_id, "Northwind Analytics Ltd", library=library)
    claimed = run_checks(notice, context(library, requirements))
    for clause in notice.all_clauses():
        clause.provenance, clause.topics = None, []
    imported = run_checks(notice, context(None, requirements))
    for by_library, by_words in zip(claimed.coverage, imported.coverage, strict=True):
        truth, found = set(by_library.satisfied), set(by_words.satisfied)
        assert found <= truth, found - truth
        keyword_elements = {e for e in truth if requirements.get(e).check == "keyword"}
        assert len(found & keyword_elements) >= 0.8 * len(keyword_elements), keyword_elements - found

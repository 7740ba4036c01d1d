"""Templates: every shipped template builds a complete, consistent notice from the library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main as cli_main
from notice_studio.core.library.catalog import Library, load_library
from notice_studio.core.library.facts import FACTS, fact_for_condition
from notice_studio.core.library.requirements import load_requirements
from notice_studio.core.library.templates import (
    DEFAULT_TEMPLATE,
    build_notice,
    get_template,
    list_templates,
    load_templates,
    pick_template,
    template_problems,
)
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.practices.facts import derived_facts
from notice_studio.core.practices.statements import stale_statements
from notice_studio.paths import library_folder

SHIPPED = {
    "saas-eu-uk-ca": "SaaS company — EU/UK + California",
    "website-eea": "Website only — EEA",
    "mobile-app-us": "Mobile app — US",
    "canada-pipeda-bc": "Canadian business (PIPEDA + BC PIPA)",
}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def test_shipped_templates_are_listed_default_first() -> None:
    templates = list_templates()
    assert {t.id: t.title for t in templates if t.id in SHIPPED} == SHIPPED
    assert templates[0].id == DEFAULT_TEMPLATE == "saas-eu-uk-ca" and templates[0].default
    assert load_templates()[1] == []
    for template in templates:
        assert template.description and template.jurisdictions and template.clause_ids()
        assert set(template.facts) <= set(FACTS)
        assert set(template.tables) == {"cookies", "service-providers"}
        assert template.tables["cookies"].columns == ("Name", "Provider", "Purpose", "Duration", "Category")
        assert template.tables["service-providers"].columns == ("Name", "Service", "Country", "Transfer safeguard")


@pytest.mark.parametrize("template_id", sorted(SHIPPED))
def test_every_template_builds_a_consistent_notice(template_id: str, library: Library) -> None:
    template = get_template(template_id)
    assert template_problems(template, library) == []
    notice = build_notice(template_id, "Acme Ltd", library=library)
    clauses = notice.all_clauses()
    assert [c.id for c in clauses] == template.clause_ids()
    assert notice.template == template_id and notice.jurisdictions == list(template.jurisdictions)
    derived = derived_facts(notice.practices) if notice.practices is not None else {}
    assert notice.facts == {**template.facts, **derived}
    assert all(template.facts.get(k, v) == v for k, v in derived.items())  # the template agrees with its practices
    typed = {k: v for k, v in notice.variables.items() if not k.startswith("practices.")}
    assert notice.organisation == "Acme Ltd" and typed == {"organisation.name": "Acme Ltd"}
    assert stale_statements(notice) == []  # the statements the clauses use are written from the practices
    ids = {c.id for c in clauses}
    for clause in clauses:
        source = library.clause(clause.id)  # every clause exists in the library, under its own id
        assert clause.provenance is not None and clause.provenance.library_id == source.id
        assert clause.provenance.version == source.version
        assert clause.body == clause.provenance.base_body == source.body
        assert clause.title == clause.provenance.base_title == source.title
        assert clause.topics == [source.topic]
        assert source.applies_to(template.jurisdictions), f"{clause.id} is not for {template.jurisdictions}"
        for name in clause.placeholders():
            assert library.variable_spec(name, source.id) is not None, f"{clause.id}: '{name}' is not declared"
        for ref in clause.cross_references():
            assert ref in ids, f"{clause.id} refers to [[{ref}]], which the template leaves out"
        for table in clause.tables():
            assert notice.tables[table].rows, f"{clause.id} embeds the empty table '{table}'"


@pytest.mark.parametrize("template_id", sorted(SHIPPED))
def test_every_template_covers_the_elements_its_facts_call_for(template_id: str, library: Library) -> None:
    template = get_template(template_id)
    notice = build_notice(template_id, library=library)
    satisfied = {e for c in notice.all_clauses() for e in library.clause(c.id).satisfies}
    missing = []
    for element in load_requirements().for_jurisdictions(list(template.jurisdictions)):
        if element.check == "date":
            continue  # "last updated" / effective dates come from publishing, not from a clause
        if element.condition and not template.facts.get(fact_for_condition(element.condition) or "", False):
            continue
        if element.id not in satisfied:
            missing.append(element.id)
    assert missing == []


def test_default_template_and_picking_by_jurisdiction(library: Library) -> None:
    assert build_notice(library=library).template == "saas-eu-uk-ca"
    assert build_notice(jurisdictions=["gdpr"], library=library).template == "website-eea"
    assert build_notice(jurisdictions=["canada"], library=library).template == "canada-pipeda-bc"
    assert build_notice(jurisdictions=["ccpa"], library=library).template == "mobile-app-us"
    assert build_notice(jurisdictions=["lgpd"], library=library).template == "saas-eu-uk-ca"  # nothing closer
    templates = list_templates()
    assert pick_template(["gdpr", "uk_gdpr"], templates).id == "saas-eu-uk-ca"
    with pytest.raises(NoticeError, match="no template 'nope'"):
        build_notice("nope", library=library)


def test_jurisdictions_override_leaves_out_other_laws(library: Library) -> None:
    notice = build_notice("saas-eu-uk-ca", "Acme Ltd", ["gdpr"], library=library)
    assert notice.jurisdictions == ["gdpr"] and notice.template == "saas-eu-uk-ca"
    ids = [c.id for c in notice.all_clauses()]
    assert "california-intro" not in ids and "ccpa-rights" not in ids
    assert "complaints-uk-ico" not in ids and "uk-specifics" not in ids
    assert "complaints-eu" in ids and "contact-us" in ids
    for clause in notice.all_clauses():
        assert library.clause(clause.id).applies_to(["gdpr"])
    # Norway applies the GDPR: GDPR clauses stay.
    norway = [c.id for c in build_notice("website-eea", "", ["no_pda"], library=library).all_clauses()]
    assert "rights-overview-gdpr" in norway and "complaints-eu" in norway
    # Sub-clauses of a left-out section that still apply move up to its place.
    us_only = build_notice("saas-eu-uk-ca", "", ["ccpa"], library=library)
    top = [c.id for c in us_only.clauses]
    assert "rights-overview-gdpr" not in top and "consent-withdrawal" in top


def test_a_built_notice_survives_the_repository(tmp_path: Path, library: Library) -> None:
    notice = build_notice("canada-pipeda-bc", "Maple Goods Inc.", library=library)
    with NoticeRepo.create(tmp_path / "maple", notice, AUTHOR) as repo:
        loaded = repo.load()
    assert [c.id for c in loaded.all_clauses()] == [c.id for c in notice.all_clauses()]
    assert loaded.facts == notice.facts and loaded.template == "canada-pipeda-bc"
    assert loaded.tables["cookies"].columns == notice.tables["cookies"].columns
    assert loaded.tables["service-providers"].rows == notice.tables["service-providers"].rows
    for before, after in zip(notice.all_clauses(), loaded.all_clauses(), strict=True):
        assert after.provenance == before.provenance and not after.is_customised()
        assert library.status(after).newer_version is None


def test_user_folder_adds_and_replaces_templates(tmp_path: Path) -> None:
    firm = tmp_path / "firm"
    (firm / "templates").mkdir(parents=True)
    (firm / "templates" / "website-eea.yaml").write_text(
        "id: website-eea\ntitle: Our website notice\njurisdictions: [gdpr]\noutline:\n  - introduction\n  - contact-us\n",
        encoding="utf-8",
    )
    (firm / "templates" / "broken.yaml").write_text("id: broken\ntitle: [oops\n", encoding="utf-8")
    (firm / "templates" / "ghost.yaml").write_text(
        "id: ghost\ntitle: Ghost\njurisdictions: [gdpr]\noutline: [introduction, no-such-clause]\n", encoding="utf-8"
    )
    (firm / "templates" / "badfact.yaml").write_text(
        "id: badfact\ntitle: Bad fact\njurisdictions: [gdpr]\nfacts:\n  sells_data: true\noutline: [introduction]\n",
        encoding="utf-8",
    )
    library = load_library([firm])
    templates, problems = load_templates(library.roots)
    by_id = {t.id: t for t in templates}
    assert by_id["website-eea"].title == "Our website notice" and by_id["website-eea"].path.parent == firm / "templates"
    assert {p.path.name for p in problems} == {"broken.yaml", "badfact.yaml"}
    assert next(p for p in problems if p.path.name == "badfact.yaml").line == 4
    notice = build_notice("website-eea", library=library)
    assert [c.id for c in notice.clauses] == ["introduction", "contact-us"]
    assert template_problems(by_id["ghost"], library) == [
        "the template 'ghost' names the clause 'no-such-clause', which is not in the library"
    ]
    with pytest.raises(NoticeError, match="no-such-clause"):
        build_notice("ghost", library=library)


def test_cli_new_lists_placeholders_with_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(["new", str(tmp_path / "acme"), "--org", "Acme Ltd"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "template 'saas-eu-uk-ca'" in out
    assert "contact.email" in out and "Privacy contact e-mail" in out  # label from variables.yaml
    assert "organisation.name" not in out  # filled from --org
    code = cli_main(["vars", str(tmp_path / "acme"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and "contact.email" in data["unfilled"]

    code = cli_main(["new", str(tmp_path / "web"), "--template", "website-eea", "--title", "Website notice"])
    out, err = capsys.readouterr()
    assert code == 0, err and "template 'website-eea'" in out
    code = cli_main(["new", str(tmp_path / "nope"), "--template", "nope"])
    _, err = capsys.readouterr()
    assert code == 1 and "no template 'nope'" in err and "saas-eu-uk-ca" in err


def test_cli_library_templates_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(["library", "--templates", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    rows = {row["id"]: row for row in data["templates"]}
    assert set(SHIPPED) <= set(rows)
    saas = rows["saas-eu-uk-ca"]
    assert saas["default"] is True and saas["jurisdictions"] == ["gdpr", "uk_gdpr", "ccpa", "caloppa"]
    assert saas["clauses"] == len(saas["clause_ids"]) and saas["tables"] == ["cookies", "service-providers"]
    assert saas["path"] == str(library_folder() / "templates" / "saas-eu-uk-ca.yaml")

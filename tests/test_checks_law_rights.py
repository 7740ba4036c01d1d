"""Rights cited under a law the notice is not written for: a warning that names the law and says
to add it to the notice's laws or remove the section; a passing mention of a law is not a citation."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import load_context, run_checks
from notice_studio.core.notice.model import Clause, Notice


@pytest.fixture(scope="module")
def context():
    return load_context()


def notice(laws: list[str], title: str, body: str) -> Notice:
    made = Notice(title="Privacy Notice", organisation="Lantern Games Inc.", jurisdictions=laws)
    made.add(Clause("intro", "Who we are", "Lantern Games Inc. makes puzzle games for phones."))
    made.add(Clause("extra", title, body))
    return made


def found(made: Notice, context) -> list[tuple[str, str, str]]:
    return [
        (f.jurisdiction or "", f.location, f.excerpt)
        for f in run_checks(made, context).findings
        if f.rule == "rights-law-not-applied"
    ]


@pytest.mark.parametrize(
    ("laws", "title", "body", "law", "where"),
    [
        (["gdpr"], "Your California privacy rights", "You can ask what we hold about you.", "ccpa", "title"),
        (["gdpr"], "Extra", "## Notice to California residents\n\nYou can ask what we hold.", "ccpa", "body"),
        (["gdpr"], "Opting out", "Under Cal. Civ. Code § 1798.120, you can tell us to stop.", "ccpa", "body"),
        (["gdpr"], "Extra", "Players have further rights under the CCPA, set out below.", "ccpa", "body"),
        (["ccpa"], "Extra", "You have rights under the GDPR, such as asking for a copy.", "gdpr", "body"),
        (["ccpa"], "Extra", "Article 17 GDPR lets you ask us to erase your account.", "gdpr", "body"),
        (["gdpr"], "Extra", "The LGPD gives you these rights: access, correction and deletion.", "lgpd", "body"),
        (["gdpr"], "Rights of players in Brazil", "You can ask for a copy.", "lgpd", "title"),
        ([], "Your rights under the UK GDPR", "You can ask for a copy.", "uk_gdpr", "title"),
    ],
)
def test_rights_cited_under_a_law_the_notice_does_not_apply(laws, title, body, law, where, context) -> None:
    made = notice(laws, title, body)
    [(jurisdiction, location, _)] = found(made, context)
    assert (jurisdiction, location) == (law, where)
    made.jurisdictions.append(law)
    assert found(made, context) == []


def test_the_warning_names_the_law_and_both_ways_out(context) -> None:
    made = notice(["gdpr"], "Your California privacy rights", "You can ask what we hold about you.")
    [finding] = [f for f in run_checks(made, context).findings if f.rule == "rights-law-not-applied"]
    assert finding.severity == "warning"
    assert "California — CCPA/CPRA" in finding.message and "not among the laws" in finding.message
    assert "notice-studio laws DIR --add ccpa" in finding.fix and "remove the section" in finding.fix
    assert "Add California — CCPA/CPRA to the notice's laws" in finding.app_fix


def test_one_warning_a_law(context) -> None:
    made = notice(["gdpr"], "Your California privacy rights", "You have rights under the CCPA.")
    made.add(Clause("more", "More for California residents", "Under § 1798.105 you can ask us to delete."))
    assert [f[0] for f in found(made, context)] == ["ccpa"]


@pytest.mark.parametrize(
    ("laws", "title", "body"),
    [
        (["gdpr"], "Transfers", "We rely on the EU-US Data Privacy Framework for transfers to our host."),
        (["ccpa"], "Security", "We comply with the GDPR where it applies to our European players."),
        (["gdpr"], "Contact", "If you live in California, you can call our helpline."),
        (["gdpr"], "California", "The CCPA does not apply to us, as we are not a business under it."),
        (["gdpr"], "Extra", "If the CCPA applies to us in future, we will add the rights it gives."),
        (["caloppa"], "Your California privacy rights", "Once a year you can ask whom we shared data with."),
        (["gdpr"], "Extra", "California's Shine the Light law (Cal. Civ. Code § 1798.83) lets you ask us."),
        (["uk_gdpr"], "Your rights under the GDPR", "You can ask for a copy of your data."),
        (["gdpr"], "Transfers outside the UK", "Your rights stay the same when data is moved."),
        (["gdpr"], "Extra", "Our host complies with the GDPR, which protects your rights."),
    ],
)
def test_what_is_not_a_citation_of_rights_under_a_missing_law(laws, title, body, context) -> None:
    assert found(notice(laws, title, body), context) == []


@pytest.fixture
def pipeda_named_anew(monkeypatch: pytest.MonkeyPatch):
    """The rights check as it is built when LAW_NAMES gains a name for PIPEDA (built again after)."""
    import importlib

    from notice_studio.core.checks import law_rights
    from notice_studio.core.library import jurisdictions

    names = {**jurisdictions.LAW_NAMES, "pipeda": (*jurisdictions.LAW_NAMES["pipeda"], r"federal privacy statute")}
    monkeypatch.setattr(jurisdictions, "LAW_NAMES", names)
    yield importlib.reload(law_rights)
    monkeypatch.undo()
    importlib.reload(law_rights)


def test_a_name_added_to_the_law_names_is_read_without_a_second_list(pipeda_named_anew) -> None:
    """The quick screen of sentences is made from LAW_NAMES: a hand list of keys beside it skipped
    a new name until someone remembered to add a key too."""
    cited = pipeda_named_anew.cited_laws(
        "Choices", "You have rights under the federal privacy statute to see your data."
    )
    assert [law for law, *_ in cited] == ["pipeda"]

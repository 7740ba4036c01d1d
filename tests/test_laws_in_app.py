"""The checks that ask for a law tell the app where its laws are changed (File > Notice settings…)
and the command line its command; the workspace's one rule for a choice of laws, undo included."""

from __future__ import annotations

from pathlib import Path

import pytest
from notice_support import AUTHOR, filled

from notice_studio.core.checks import load_context, run_checks
from notice_studio.core.library.jurisdictions import IN_APP, choice_problem
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.model import Clause, NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Workspace

ASKS_FOR_A_LAW = ("rights-law-not-applied", "clause-law-not-applied", "law-required-by-fact")


@pytest.fixture(scope="module")
def context():
    return load_context()


def test_each_check_asking_for_a_law_names_the_notice_settings_and_the_law(context) -> None:
    notice = filled(build_notice("saas-eu-uk-ca", "Acme Ltd"))
    notice.jurisdictions = ["gdpr", "uk_gdpr"]  # the template's California clauses now ask for the CCPA
    notice.add(Clause("brazil", "Rights of players in Brazil", "You can ask us for a copy of your data."))
    notice.practices.children.directed_to_children = True  # type: ignore[union-attr]  # brings in COPPA
    findings = [f for f in run_checks(notice, context).findings if f.rule in ASKS_FOR_A_LAW]
    assert {f.rule for f in findings} == set(ASKS_FOR_A_LAW)
    assert {f.law_to_add for f in findings} >= {"lgpd", "ccpa", "coppa"}
    for finding in findings:
        assert IN_APP in finding.app_fix and "notice-studio" not in finding.app_fix, finding.app_fix
        assert f"notice-studio laws DIR --add {finding.law_to_add}" in finding.fix  # the command line's words


def test_findings_about_a_law_already_applied_ask_for_none(context) -> None:
    notice = filled(build_notice("saas-eu-uk-ca", "Acme Ltd"))
    notice.clauses[0].body = ""  # coverage and drafting findings carry no law to add
    assert all(f.law_to_add is None for f in run_checks(notice, context).findings)


def test_no_law_is_refused_but_undo_puts_back_a_notice_that_had_none(tmp_path: Path) -> None:
    notice = build_notice("saas-eu-uk-ca", "Acme Ltd")
    notice.jurisdictions = []  # an imported notice whose text named no law
    with NoticeRepo.create(tmp_path / "n", notice, AUTHOR) as repo:
        ws = Workspace(repo, author=AUTHOR)
        assert ws.set_laws(["lgpd"]) == []
        ws.save()
        with pytest.raises(NoticeError) as refused:
            ws.set_laws([])
        assert str(refused.value) == choice_problem([]) and ws.notice.jurisdictions == ["lgpd"]
        assert ws.set_laws([], restoring=True) == ["lgpd"]
        assert ws.notice.jurisdictions == []
        ws.save()
        assert repo.load().jurisdictions == []
        assert "Laws covered: none" in [e.message for e in repo.edits(limit=3)]

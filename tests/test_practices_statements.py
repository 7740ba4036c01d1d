"""Sale/sharing and opt-out statements written from the practices: in sync when the practices
change, refused as typed values, stale (an error) when practices.yaml changed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.checks import load_context, run_checks
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.practices.statements import OPT_OUT_STATEMENT, SALE_STATEMENT, opt_out_statement, sale_statement
from notice_studio.core.render.renderer import render
from notice_studio.core.workspace import Workspace


def test_the_sale_statement_says_what_is_sold_to_whom_and_why_with_the_law() -> None:
    practices = build_notice("mobile-app-us", "Acme Inc.").practices
    assert practices is not None
    text = sale_statement(practices)
    assert "we sold identifiers and app activity to advertising partners, for advertising" in text
    assert "we shared identifiers and app activity with advertising partners for cross-context" in text
    assert "§1798.115(c)" in text
    assert "We did not sell or share any other personal information (in-app purchases," in text
    assert "We do not sell or share sensitive personal information." in text
    assert "actual knowledge" in text
    practices.children.under_16_sold_or_shared = True
    assert "§1798.120(c)" in sale_statement(practices)
    assert "GPC" in opt_out_statement(practices) and "§1798.135" in opt_out_statement(practices)

    practices.sold.categories, practices.shared.categories = [], []
    assert sale_statement(practices).startswith("We do not sell personal information")
    assert "nothing to opt out of" in opt_out_statement(practices)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "acme"
    NoticeRepo.create(path, build_notice("saas-eu-uk-ca", "Acme Ltd"), AUTHOR).close()
    return path


def test_the_statement_follows_the_practices_in_the_same_commit(folder: Path) -> None:
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        before = render(ws.notice).text
        assert "nothing to opt out of" in before
        changed = ws.change_practices(
            [
                ("recipients.ads.label", "Advertising partners"),
                ("recipients.ads.kind", "advertising"),
                ("shared.categories", "identifiers"),
                ("shared.to", "ads"),
            ]
        )
        assert OPT_OUT_STATEMENT in changed
        ws.save()
        with pytest.raises(NoticeError, match="written from the practices; change them instead"):
            ws.set_variable(OPT_OUT_STATEMENT, "We never sell anything.")
    with NoticeRepo.open(folder) as repo:
        saved = repo.load()
        edits = repo.edits()
    assert edits[0].message.startswith("Changed the practices")
    assert "we treat a GPC signal as a valid request to opt out" in render(saved).text
    assert saved.variables[OPT_OUT_STATEMENT] == opt_out_statement(saved.practices)  # type: ignore[arg-type]
    findings = run_checks(saved, load_context()).findings
    # consistent by construction: no prose finding is about the written statement's clause
    assert not [f for f in findings if f.clause_id == "dnt-gpc-no-sale" and f.rule.startswith("practice-")]
    assert not [f for f in findings if f.rule == "practice-statement-stale"]


def test_a_hand_edited_practices_file_leaves_the_statement_stale_until_synced(folder: Path, capsys) -> None:
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        assert notice.practices is not None
        notice.practices.ai_training = True  # no effect on the statements
        notice.practices.sold.categories = ["identifiers"]  # a hand edit: nothing remade
        repo.save(notice, "Edited practices.yaml by hand", AUTHOR)
    assert main(["check", str(folder), "--json"]) == 1
    out = capsys.readouterr().out
    assert '"practice-statement-stale"' in out and OPT_OUT_STATEMENT in out
    assert main(["set", str(folder), f"{SALE_STATEMENT}=anything"]) == 1
    assert "written from the practices" in capsys.readouterr().err
    assert main(["practices", "sync", str(folder)]) == 0
    assert OPT_OUT_STATEMENT in capsys.readouterr().out
    with NoticeRepo.open(folder) as repo:
        synced = repo.load()
    assert "§1798.120" in synced.variables[OPT_OUT_STATEMENT]

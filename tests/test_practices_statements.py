"""Sale/sharing and opt-out statements written from the practices: in sync when the practices
change, refused as typed values, stale (an error) when practices.yaml changed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.checks import load_context, run_checks
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.practices.model import Purpose
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


def test_sharing_for_advertising_does_not_say_advertising_twice() -> None:
    practices = build_notice("mobile-app-us", "Acme Inc.").practices
    assert practices is not None
    text = sale_statement(practices)
    assert "with advertising partners for cross-context behavioral advertising." in text
    assert "advertising, for advertising" not in text
    practices.purposes.append(Purpose("fraud", "Detecting fraud"))
    practices.shared.purposes.append("fraud")
    text = sale_statement(practices)
    assert "for cross-context behavioral advertising, for detecting fraud." in text


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
            ],
            new=True,
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


# ----- variants chosen by the practices, as a user action ---------------------------------------
def test_variant_swaps_are_offered_and_applied_as_one_edit(folder: Path, capsys) -> None:
    assert main(["practices", "variants", str(folder)]) == 0
    assert "Every clause variant fits the practices." in capsys.readouterr().out
    assert main(["practices", "set", str(folder), "sold.categories=identifiers"]) == 0
    capsys.readouterr()

    with Workspace.open(folder, author=AUTHOR) as ws:
        swaps = ws.variant_swaps()
    assert {(s.clause_id, s.current, s.wanted) for s in swaps} == {
        ("ccpa-no-sale", "ccpa-no-sale", "ccpa-disclosed-sold-shared"),
        ("dnt-gpc-no-sale", "dnt-gpc-no-sale", "dnt-gpc"),
    }
    assert all("the practices record personal information sold or shared" in s.sentence for s in swaps)
    assert main(["practices", "variants", str(folder), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["applied"] is False and len(listed["swaps"]) == 2
    with NoticeRepo.open(folder) as repo:
        assert repo.load().find("ccpa-no-sale").provenance.library_id == "ccpa-no-sale"  # listing changed nothing

    commits = len(NoticeRepo.open(folder).edits())
    assert main(["practices", "variants", str(folder), "--apply"]) == 0
    assert "Saved." in capsys.readouterr().out
    with NoticeRepo.open(folder) as repo:
        notice = repo.load()
        edits = repo.edits()
    assert len(edits) == commits + 1 and edits[0].message.startswith("Chose the clause variants that fit the practices")
    swapped = notice.find("ccpa-no-sale")  # the id (and every reference to it) is kept
    assert swapped.provenance.library_id == "ccpa-disclosed-sold-shared"
    assert "{{ practices.sale_statement }}" in swapped.body
    assert (
        "In the past 12 months, we sold contact and account identifiers to third parties"
        in notice.variables["practices.sale_statement"]
    )
    report = run_checks(notice, load_context())
    assert not [f for f in report.blocking if f.rule in ("practice-sale-contradicted", "practice-statement-stale")]
    assert main(["practices", "variants", str(folder)]) == 0
    assert "Every clause variant fits" in capsys.readouterr().out


def test_a_swap_says_when_it_replaces_edited_text(folder: Path) -> None:
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        ws.edit_body("dnt-gpc-no-sale", ws.notice.find("dnt-gpc-no-sale").body + "\n\nOur own words.")
        ws.change_practices([("shared.categories", "identifiers")])
        swap = next(s for s in ws.variant_swaps() if s.clause_id == "dnt-gpc-no-sale")
        assert swap.edited and "Your edits to it are replaced (they stay in the history)" in swap.sentence
        ws.apply_variant_swaps([swap])
        assert ws.notice.find("dnt-gpc-no-sale").provenance.library_id == "dnt-gpc"
        assert [s.clause_id for s in ws.variant_swaps()] == ["ccpa-no-sale"]  # only what was chosen

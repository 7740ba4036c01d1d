"""A requirement only a person can judge that equivalent laws repeat word for word (the GDPR's
plain-language rule, repeated by the UK GDPR and applied in Norway through the EEA) is asked once
and recorded for every law; the check summary lists it once. Real notices in temporary git
repositories; our own fixture text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from notice_support import AUTHOR
from test_checks_cli import clean_notice, make

from notice_studio.cli import main
from notice_studio.core.checks.coverage import confirm_key
from notice_studio.core.library.jurisdictions import JURISDICTIONS, equivalent_root
from notice_studio.core.library.requirements import load_requirements
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Workspace
from notice_studio.core.workspace.publishing import CONFIRM_RULE

TODAY = dt.date.today()
ALL_THREE = "asked once for GDPR (EU/EEA), UK GDPR (United Kingdom) and GDPR and Personal Data Act (Norway)"


def _folder(tmp_path: Path, laws: list[str]) -> str:
    notice = clean_notice()
    notice.jurisdictions = laws
    return make(tmp_path, notice)


def _confirmations(folder: str) -> list[str]:
    with Workspace.open(folder, author=AUTHOR) as ws:
        gate = ws.review_publish(effective=TODAY)
    return [f.message for f in gate.report.findings if f.rule == CONFIRM_RULE]


def test_the_one_jurisdictions_table_says_which_laws_repeat_the_gdpr() -> None:
    assert JURISDICTIONS["uk_gdpr"].equivalent_to == "gdpr" and JURISDICTIONS["no_pda"].equivalent_to == "gdpr"
    assert JURISDICTIONS["gdpr"].equivalent_to is None and JURISDICTIONS["ccpa"].equivalent_to is None
    assert {equivalent_root(j) for j in ("gdpr", "uk_gdpr", "no_pda")} == {"gdpr"}
    assert equivalent_root("lgpd") == "lgpd"


def test_only_a_word_for_word_repeat_is_the_same_requirement() -> None:
    requirements = load_requirements()
    same = requirements.get("uk_gdpr_transparent_form")
    assert same is not None and confirm_key(requirements, same) == "gdpr_transparent_form"
    ico = requirements.get("uk_gdpr_right_complaint_supervisory_authority")  # names the ICO, not any authority
    assert ico is not None and ico.equivalent_to
    assert confirm_key(requirements, ico) == ico.id


def test_gdpr_uk_gdpr_and_norway_ask_the_plain_language_confirmation_once(tmp_path: Path) -> None:
    messages = _confirmations(_folder(tmp_path, ["gdpr", "uk_gdpr", "no_pda"]))
    assert len(messages) == 1
    assert messages[0].startswith(
        f"Only a person can confirm this (GDPR Art. 12(1), gdpr_transparent_form; {ALL_THREE})"
    )


@pytest.mark.parametrize("laws", [["uk_gdpr", "no_pda"], ["no_pda", "uk_gdpr"]])
def test_without_the_gdpr_the_uk_and_norway_are_asked_once(tmp_path: Path, laws: list[str]) -> None:
    messages = _confirmations(_folder(tmp_path, laws))
    first = "UK GDPR (United Kingdom)" if laws[0] == "uk_gdpr" else "GDPR and Personal Data Act (Norway)"
    second = "GDPR and Personal Data Act (Norway)" if laws[0] == "uk_gdpr" else "UK GDPR (United Kingdom)"
    assert len(messages) == 1 and f"asked once for {first} and {second})" in messages[0]


def test_one_law_alone_is_asked_as_before(tmp_path: Path) -> None:
    messages = _confirmations(_folder(tmp_path, ["uk_gdpr"]))
    assert len(messages) == 1 and "asked once" not in messages[0]
    assert messages[0].startswith("Only a person can confirm this (UK GDPR Art. 12(1), uk_gdpr_transparent_form)")


def test_the_check_summary_lists_the_requirement_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, ["gdpr", "uk_gdpr", "no_pda"])
    main(["check", folder])
    out = capsys.readouterr().out
    assert out.count("transparent_form") == 3  # asked under GDPR, pointed to from the two others
    assert out.count("for you to confirm (gdpr_transparent_form)") == 1
    assert "1 confirmed once with GDPR (uk_gdpr_transparent_form)" in out
    assert "1 confirmed once with GDPR (gdpr_transparent_form)" in out
    main(["check", folder, "--json"])
    coverage = {c["jurisdiction"]: c for c in json.loads(capsys.readouterr().out)["coverage"]}
    assert coverage["gdpr"]["manual"] == ["gdpr_transparent_form"] and coverage["gdpr"]["confirmed_with"] == []
    assert coverage["uk_gdpr"]["manual"] == [] and coverage["no_pda"]["manual"] == []
    assert coverage["uk_gdpr"]["confirmed_with"] == [
        {"element": "uk_gdpr_transparent_form", "asked_as": "gdpr_transparent_form", "law": "gdpr"}
    ]


def test_the_one_acknowledgement_is_recorded_for_every_law(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["gdpr", "uk_gdpr", "no_pda"])
    assert main(["publish", folder, "--effective", TODAY.isoformat(), "--approved-by", "Ada", "--force"]) == 0
    with NoticeRepo.open(folder) as repo:
        recorded = [w for w in repo.versions()[0].acknowledged if "transparent_form" in w]
    assert len(recorded) == 1 and ALL_THREE in recorded[0]

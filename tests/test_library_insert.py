"""Inserting library clauses: a clause left out of the library, and a clause for other laws."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from notice_support import AUTHOR
from test_cli_edit import run
from test_library import clause_file, make_root

from notice_studio.core.library.catalog import Library
from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.notice.store import NoticeRepo

CAMERAS_US = clause_file(
    "cameras-us",
    "Our shops film their floors for safety; the films are kept for a month.",
    topic="security",
    title="Cameras in our shops",
    jurisdictions="[ccpa]",
    satisfies="[]",
    extra="variants: [cameras-eu]\n",
)
CAMERAS_EU = clause_file(
    "cameras-eu",
    "Our shops film their floors for safety, relying on our legitimate interests.",
    topic="security",
    title="Cameras in our shops",
    jurisdictions="[gdpr, uk_gdpr]",
    satisfies="[]",
)
BROKEN = (
    '---\nid: half-done\ntitle: "An unfinished clause\ntopic: security\njurisdictions: [all]\nversion: 1\n---\nText.\n'
)


def firm_folder(tmp_path: Path) -> Path:
    return make_root(
        tmp_path / "firm",
        {"us/cameras-us.md": CAMERAS_US, "eu/cameras-eu.md": CAMERAS_EU, "half-done.md": BROKEN},
    )


def gdpr_notice(tmp_path: Path) -> Path:
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd", jurisdictions=["gdpr"])
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR):
        pass
    return tmp_path / "notice"


def test_a_clause_left_out_for_broken_front_matter_is_named_with_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, firm = gdpr_notice(tmp_path), firm_folder(tmp_path)
    monkeypatch.setenv("NOTICE_STUDIO_LIBRARY", str(firm))
    code, out, err = run(capsys, "clause", "insert", folder, "half-done")
    assert code == 1 and out == ""
    where = f"{firm / 'clauses' / 'half-done.md'}, line 3"
    assert err.startswith(f"notice-studio: The library left out the clause 'half-done': {where}: ")
    assert "not valid YAML" in err and err.rstrip().endswith("mend the file and try again.")
    assert err.count("\n") == 1 and "Traceback" not in err
    code, _, err = run(capsys, "clause", "insert", folder, "never-written")  # no such file at all
    assert code == 1 and "has no clause with the id 'never-written'" in err

    library = Library.load([firm])  # the app inserts through the same rule
    with pytest.raises(NoticeError, match=r"left out the clause 'half-done': .*half-done\.md, line 3"):
        library.make_clause("half-done", Notice())


def test_a_clause_for_a_law_the_notice_does_not_apply_warns_at_insert_and_in_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, firm = gdpr_notice(tmp_path), firm_folder(tmp_path)
    monkeypatch.setenv("NOTICE_STUDIO_LIBRARY", str(firm))
    code, out, err = run(capsys, "clause", "insert", folder, "cameras-us")
    assert code == 0 and "Inserted 'Cameras in our shops'" in out  # inserted all the same: counsel may mean it
    assert err.startswith(
        "notice-studio: warning: 'Cameras in our shops' is written for California — CCPA/CPRA, which this "
        "notice does not apply (it is written for EU/EEA — GDPR)."
    )
    assert "clause variant DIR cameras-us cameras-eu" in err and "laws DIR --add ccpa" in err

    code, out, err = run(capsys, "clause", "insert", folder, "cameras-eu")  # fits: no warning
    assert code == 0 and err == ""

    code, out, _ = run(capsys, "check", folder, "--json")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "clause-law-not-applied"]
    assert len(found) == 1
    (finding,) = found
    assert finding["severity"] == "warning" and finding["clause"] == "cameras-us"
    assert finding["excerpt"] == "cameras-us" and finding["suggestion"] == "cameras-eu"
    assert "written for California — CCPA/CPRA" in finding["message"]


def test_the_law_rule_names_only_variants_that_fit_and_is_silent_for_general_clauses(tmp_path: Path) -> None:
    library = Library.load([firm_folder(tmp_path)])
    mismatch = library.law_mismatch("cameras-us", ["gdpr"])
    assert mismatch is not None and mismatch.variants == ("cameras-eu",)
    assert library.law_mismatch("cameras-us", ["lgpd"]).variants == ()  # type: ignore[union-attr]
    assert "Take the clause out" in library.law_mismatch("cameras-us", ["lgpd"]).fix()  # type: ignore[union-attr]
    assert library.law_mismatch("cameras-us", ["gdpr", "ccpa"]) is None
    assert library.law_mismatch("cameras-us", []) is None  # a notice with no laws chosen yet
    assert [v.id for v in library.variants_of("cameras-eu")] == ["cameras-us"]  # listed the other way round

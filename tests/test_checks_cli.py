"""`notice-studio check` and the checks inside `publish`, on real notice repositories."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.notice.store import NoticeRepo

TODAY = dt.date.today().isoformat()  # a date in the past would add a warning of its own


def clean_notice() -> Notice:
    """A small notice with no errors and no warnings (no laws selected, so no coverage)."""
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd", jurisdictions=[])
    notice.variables["organisation.name"] = "Acme Ltd"
    notice.add(Clause("intro", "Introduction", "This notice explains how {{ organisation.name }} uses your data."))
    notice.add(Clause("contact", "Contact us", "Write to us at privacy@acme.example."))
    return notice


def make(tmp_path: Path, notice: Notice) -> str:
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as repo:
        return str(repo.path)


def test_check_clean_notice_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make(tmp_path, clean_notice())
    assert main(["check", folder]) == 0
    out = capsys.readouterr().out
    assert "0 errors, 0 warnings" in out and "Publishing is blocked" not in out


def test_check_with_an_error_exits_1_and_names_section_and_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = clean_notice()
    notice.find("contact").body = "If you have questions, contact us at."
    folder = make(tmp_path, notice)
    assert main(["check", folder]) == 1
    out = capsys.readouterr().out
    assert "2 Contact us: 'contact us at' promises contact details" in out
    assert "[contact-missing]" in out and "Add the address" in out
    assert "Publishing is blocked" in out


def test_check_counts_one_error_and_one_warning_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = clean_notice()
    notice.find("contact").body = "If you have questions, contact us at."  # one error
    notice.add(Clause("contact-2", "Contact us", "Or call the front desk."))  # one warning: the heading twice
    folder = make(tmp_path, notice)
    assert main(["check", folder, "--json"]) == 1
    severities = [f["severity"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert (severities.count("error"), severities.count("warning"), severities.count("info")) == (1, 1, 1)
    assert main(["check", folder]) == 1
    assert capsys.readouterr().out.splitlines()[0] == "Privacy Notice (draft): 1 error, 1 warning, 1 note."


def test_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = clean_notice()
    notice.jurisdictions = ["gdpr"]
    notice.find("contact").body = "Email us at [insert address]."
    folder = make(tmp_path, notice)
    assert main(["check", folder, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1 and data["notice"]["version"] == "draft"
    assert data["summary"]["blocking"] is True
    marker = next(f for f in data["findings"] if f["rule"] == "drafting-marker")
    assert (marker["clause"], marker["number"], marker["excerpt"]) == ("contact", "2", "[insert address]")
    assert data["coverage"][0]["jurisdiction"] == "gdpr"


def test_check_a_published_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = clean_notice()
    notice.jurisdictions = ["ccpa"]
    with NoticeRepo.create(tmp_path / "n", notice, AUTHOR) as repo:
        repo.publish(dt.date(2020, 1, 1), "First version.", True, "GC", AUTHOR)
        folder = str(repo.path)
    main(["check", folder, "--version", "v1", "--json"])
    data = json.loads(capsys.readouterr().out)
    stale = [f for f in data["findings"] if f["rule"] == "last-updated-stale"]
    assert data["notice"]["version"] == "v1" and stale and stale[0]["severity"] == "warning"
    main(["check", folder, "--json"])
    draft = json.loads(capsys.readouterr().out)
    assert [f["severity"] for f in draft["findings"] if f["rule"] == "last-updated-stale"] == ["info"]


def test_check_of_a_missing_folder_is_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("notice-studio: ") and "Traceback" not in captured.err


# ----- publishing --------------------------------------------------------------------------------
def test_publish_refuses_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = clean_notice()
    notice.find("contact").body = "Contact us at {{ contact.email }}. See [[gone]]."
    folder = make(tmp_path, notice)
    assert main(["publish", folder, "--effective", TODAY, "--force"]) == 1
    err = capsys.readouterr().err
    assert "cannot be published yet: section 2:" in err and "contact.email" in err
    assert "(and 1 more" in err


def test_publish_asks_to_acknowledge_warnings_then_records_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = clean_notice()
    notice.add(Clause("security", "Security", "We protect data."))
    notice.add(Clause("security-2", "Security", "We also train staff."))
    folder = make(tmp_path, notice)
    assert main(["publish", folder, "--effective", TODAY]) == 1
    err = capsys.readouterr().err
    assert "The draft has 1 warning to acknowledge" in err and "--force" in err
    with NoticeRepo.open(folder) as repo:
        assert repo.versions() == []
    assert main(["publish", folder, "--effective", TODAY, "--force"]) == 0
    with NoticeRepo.open(folder) as repo:
        [v1] = repo.versions()
    assert v1.acknowledged == ("Section 4 has the same heading as section 3: 'Security'.",)


def test_publish_clean_notice_needs_no_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make(tmp_path, clean_notice())
    assert main(["publish", folder, "--effective", TODAY]) == 0
    with NoticeRepo.open(folder) as repo:
        assert repo.versions()[0].acknowledged == ()


def test_check_shows_progress_on_stderr_once_it_takes_a_while(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from notice_studio.cli import progress as cli_progress

    folder = make(tmp_path, clean_notice())
    monkeypatch.setattr(cli_progress, "SILENT_FOR_S", 3600.0)  # as if it were done at once
    assert main(["check", folder]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(cli_progress, "SILENT_FOR_S", 0.0)  # as if it were slow from the start
    assert main(["check", folder, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines()[0] == "Checking the notice: 0 of 6 (0%)"
    assert err.splitlines()[-1] == "Checking the notice: 6 of 6 (100%)"
    assert json.loads(out)["summary"]["errors"] == 0  # stdout stays the report alone

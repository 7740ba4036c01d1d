"""A clause that lost what a law requires is acknowledged only with a reason, recorded in the
version's tag and shown wherever acknowledgements are (workspace, `publish`, `log`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from notice_support import AUTHOR, filled, git

from notice_studio.cli import main
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Workspace

ELEMENT = "gdpr_right_complaint_supervisory_authority"
REASON = "The regulator is named in the contact section instead."


def filled_saas() -> Notice:
    return filled(build_notice("saas-eu-uk-ca", "Acme Ltd"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A filled notice whose complaints clause was cut to 'contact us' (saved as an edit)."""
    path = tmp_path / "acme"
    notice = filled_saas()
    with NoticeRepo.create(path, notice, AUTHOR) as repo:
        ws = Workspace(repo, author=AUTHOR)
        ws.edit_body("complaints-eu", "If you are unhappy, contact us.")
        ws.save()
    return path


def test_the_gate_names_the_warning_that_needs_a_reason(folder: Path) -> None:
    with Workspace.open(folder, author=AUTHOR) as ws:
        gate = ws.review_publish()
    assert not gate.blocking
    [needed] = gate.needs_reason
    assert needed.key == ELEMENT
    assert needed.warning in gate.warnings
    assert needed.citation.startswith("GDPR Art. 13(2)(d)")


def test_publishing_without_a_reason_is_refused_even_with_force(folder: Path) -> None:
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        with pytest.raises(NoticeError, match=f"Give a reason .*'{ELEMENT}'") as refused:
            ws.publish(dt.date(2026, 1, 1), acknowledge_all=True)
        assert str(refused.value).count(".") >= 1 and "\n" not in str(refused.value)
        with pytest.raises(NoticeError, match="Give a reason"):
            ws.publish(dt.date(2026, 1, 1), acknowledge_all=True, reasons={ELEMENT: "   "})
        assert ws.repo.versions() == []


def test_the_reason_is_recorded_in_the_tag(folder: Path) -> None:
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        gate = ws.review_publish()
        others = [w for w in gate.warnings if w != gate.needs_reason[0].warning]
        # the reason acknowledges its warning: the others are ticked one by one
        version = ws.publish(dt.date.today(), acknowledged=others, reasons={ELEMENT: f"  {REASON}  "}, approved_by="GC")
    warning = gate.needs_reason[0].warning
    assert version.reasons == ((warning, REASON),)
    assert warning in version.acknowledged and version.reason_for(warning) == REASON
    tag = git(folder, "tag", "-l", "--format=%(contents)", "v1")
    assert f"reason: {REASON}" in tag and "reasons:" in tag
    with NoticeRepo.open(folder) as repo:  # read back from git, not from memory
        assert repo.versions()[0].reasons == ((warning, REASON),)


def test_cli_publish_asks_for_the_reason_by_key_and_log_shows_it(folder: Path, capsys) -> None:
    # the dry run says the real run with these options would stop (no reason given)
    assert main(["publish", str(folder), "--effective", "2026-01-01", "--dry-run", "--json"]) == 1
    dry = json.loads(capsys.readouterr().out)
    assert [n["key"] for n in dry["needs_reason"]] == [ELEMENT] and dry["would_stop"]

    # --force alone does not acknowledge it (stdin is not a terminal here: no prompt)
    assert main(["publish", str(folder), "--effective", "2026-01-01", "--force"]) == 1
    err = capsys.readouterr().err
    assert f"--acknowledge {ELEMENT}=REASON" in err and len(err.strip().splitlines()) == 1
    assert main(["publish", str(folder), "--effective", "2026-01-01", "--force", "--acknowledge", "nope=x"]) == 1
    assert "No warning needs a reason under 'nope'" in capsys.readouterr().err

    code = main(
        ["publish", str(folder), "--effective", "2026-01-01", "--force", "--acknowledge", f"{ELEMENT}={REASON}"]
    )
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["log", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"Reason: {REASON}" in out
    assert main(["log", str(folder), "--json"]) == 0
    [v1] = json.loads(capsys.readouterr().out)["versions"]
    assert v1["reasons"] == [{"warning": dry["needs_reason"][0]["warning"], "reason": REASON}]


def test_cli_prompts_for_a_missing_reason_on_a_terminal(folder: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: REASON)
    assert main(["publish", str(folder), "--effective", "2026-01-01", "--force"]) == 0
    with NoticeRepo.open(folder) as repo:
        [v1] = repo.versions()
    assert [r for _w, r in v1.reasons] == [REASON]

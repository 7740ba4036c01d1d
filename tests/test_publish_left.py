"""What the publishing gate says when no version is in force yet, and when the draft is unchanged
since the latest version (published or still to take effect). Real notices in temporary git
repositories; our own fixture text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.notice.model import Clause, Notice, NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.publishing.schedule import compared_with
from notice_studio.core.workspace import FIRST_VERSION_TEXT, Workspace

TODAY = dt.date.today()
UPCOMING = TODAY + dt.timedelta(days=30)
FIRST_WORDS = "This is the first version of this notice to take effect."


def _notice() -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Bramble Loom", jurisdictions=[])
    notice.add(Clause("who-we-are", "Who we are", "Bramble Loom weaves blankets in a barn near the river."))
    notice.add(Clause("contact", "Contact", "Write to wool@bramble.example."))
    return notice


@pytest.fixture
def only_upcoming(tmp_path: Path) -> Path:
    """v1 published to take effect in a month (nothing in force yet), then the contact changed."""
    path = tmp_path / "bramble"
    with NoticeRepo.create(path, _notice(), AUTHOR) as repo:
        ws = Workspace(repo, author=AUTHOR)
        ws.publish(UPCOMING, approved_by="Ada", acknowledge_all=True)
        ws.edit_body("contact", "Write to looms@bramble.example.")
        ws.save()
    return path


def test_the_wording_of_a_first_version_says_it_is_the_first_to_take_effect() -> None:
    assert FIRST_VERSION_TEXT == FIRST_WORDS


def test_nothing_published_compares_with_nothing(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", _notice(), AUTHOR) as repo:
        gate = Workspace(repo, author=AUTHOR).review_publish(effective=TODAY)
    assert gate.compared is None and gate.first_version and gate.change_notice == FIRST_WORDS
    assert gate.has_changes and gate.unchanged == ""


def test_replacing_the_only_upcoming_version_is_the_first_to_take_effect(only_upcoming: Path) -> None:
    with Workspace.open(only_upcoming, write=True, author=AUTHOR) as ws:
        versions = ws.repo.versions()
        assert compared_with(versions, UPCOMING, TODAY) is None  # v1 never reaches readers
        gate = ws.review_publish(effective=UPCOMING)
        assert gate.compared is None and gate.first_version
        assert gate.change_notice == FIRST_WORDS and "looms" not in gate.change_notice
        assert gate.latest is not None and gate.latest.name == "v1" and gate.has_changes
        version = ws.publish(UPCOMING, approved_by="Ada", acknowledge_all=True)
    assert version.name == "v2" and version.change_notice == FIRST_WORDS and version.material is False


def test_following_an_upcoming_version_is_compared_with_it(only_upcoming: Path) -> None:
    """After v1's date, readers will have had v1: the change notice tells them what changed since."""
    later = UPCOMING + dt.timedelta(days=1)
    with Workspace.open(only_upcoming, author=AUTHOR) as ws:
        gate = ws.review_publish(effective=later)
    assert gate.compared is not None and gate.compared.name == "v1" and not gate.first_version
    assert "looms" in gate.change_notice and gate.change_notice != FIRST_WORDS


def test_dry_run_of_a_first_version_to_take_effect(only_upcoming: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["publish", str(only_upcoming), "--effective", UPCOMING.isoformat(), "--dry-run", "--force"]
    assert main([*args, "--editorial"]) == 0
    out, err = capsys.readouterr()
    assert "Publishing would make v2 (the first version)." in out and FIRST_WORDS in out
    assert "--editorial is not used for the first version" in err


def test_a_draft_unchanged_since_an_upcoming_version_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """v1 in force, v2 upcoming, the draft as v2: comparing with v1 shows changes, yet v3 would
    repeat v2 word for word."""
    path = tmp_path / "bramble"
    with NoticeRepo.create(path, _notice(), AUTHOR) as repo:
        ws = Workspace(repo, author=AUTHOR)
        ws.publish(TODAY - dt.timedelta(days=5), approved_by="Ada", acknowledge_all=True)
        ws.edit_body("contact", "Write to looms@bramble.example.")
        ws.save()
        ws.publish(UPCOMING, approved_by="Ada", acknowledge_all=True)
        gate = ws.review_publish(effective=UPCOMING)  # would replace v2: compared with v1
        assert gate.compared is not None and gate.compared.name == "v1"
        sentence = "Nothing has changed since v2; edit the notice before publishing a new version."
        assert not gate.has_changes and gate.unchanged == sentence and not gate.can_publish
        with pytest.raises(NoticeError) as refused:
            ws.publish(UPCOMING, approved_by="Ada", acknowledge_all=True)
        assert str(refused.value) == sentence
    assert main(["publish", str(path), "--effective", UPCOMING.isoformat(), "--approved-by", "Ada", "--force"]) == 1
    err = capsys.readouterr().err
    assert sentence in err and "Traceback" not in err
    assert main(["publish", str(path), "--effective", UPCOMING.isoformat(), "--dry-run", "--force"]) == 1
    assert sentence in capsys.readouterr().out
    with NoticeRepo.open(path) as repo:
        assert [v.name for v in repo.versions()] == ["v1", "v2"]


def test_a_draft_unchanged_since_the_only_upcoming_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bramble"
    with NoticeRepo.create(path, _notice(), AUTHOR) as repo:
        ws = Workspace(repo, author=AUTHOR)
        ws.publish(UPCOMING, approved_by="Ada", acknowledge_all=True)
        gate = ws.review_publish(effective=UPCOMING)
        assert gate.first_version and not gate.has_changes
        assert gate.unchanged == "Nothing has changed since v1; edit the notice before publishing a new version."

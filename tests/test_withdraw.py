"""Withdrawing an upcoming version: recorded in the history, never in force everywhere the
schedule is read (website, feed, export notes), sent and kept by sync; the draft is untouched."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from notice_support import AUTHOR, git
from remote_support import OTHER, edit, shared_notice, sync

from notice_studio.cli import main
from notice_studio.core.export.default_version import default_export_version, upcoming_export_note
from notice_studio.core.export.site import build_site
from notice_studio.core.notice import store_remote
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.publishing.schedule import schedule
from notice_studio.core.workspace import Workspace

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = dt.date.today()
MISTYPED = dt.date(9999, 12, 31)


def _edit(repo: NoticeRepo, words: str) -> None:
    notice = repo.load()
    notice.set_body("children", words)
    assert repo.save(notice, "Edited 'Children'", AUTHOR)


@pytest.fixture
def mistyped(repo: NoticeRepo) -> NoticeRepo:
    """v1 in force since today, v2 published with a mistyped far-future date."""
    repo.publish(TODAY, "First published version.", True, "Jane Counsel", AUTHOR)
    _edit(repo, "Our service is not meant for anyone under 13.")
    repo.publish(MISTYPED, "We lowered the minimum age to 13.", True, "Jane Counsel", AUTHOR)
    return repo


def test_withdrawing_an_upcoming_version_records_it_and_keeps_the_tag_and_the_draft(mistyped: NoticeRepo) -> None:
    ws = Workspace(mistyped, author=AUTHOR)
    head = mistyped.head()
    version = ws.withdraw("v2", "The year was mistyped.")
    assert version.withdrawn is not None
    assert version.withdrawn.reason == "The year was mistyped."
    assert version.withdrawn.withdrawn_by == AUTHOR.name
    tags = git(mistyped.path, "tag", "--list").split()
    assert "v2" in tags and "withdrawn/v2" in tags  # nothing deleted
    assert mistyped.head() == head
    assert "under 13" in mistyped.load().find("children").body  # the draft is untouched
    plan = schedule(mistyped.versions(), TODAY)
    assert plan.in_force is not None and plan.in_force.name == "v1"
    assert plan.upcoming == () and plan.is_withdrawn(version) and plan.never_took_effect(version)
    assert mistyped.last_updated() == TODAY
    # The same draft can now be published again with the right date, as v3, compared with v1.
    gate = ws.review_publish()
    assert gate.latest is not None and gate.latest.name == "v1" and gate.has_changes
    right = TODAY + dt.timedelta(days=30)
    v3 = mistyped.publish(right, "We lowered the minimum age to 13.", True, "Jane Counsel", AUTHOR)
    assert v3.name == "v3"
    plan = schedule(mistyped.versions(), TODAY)
    assert [v.name for v in plan.upcoming] == ["v3"] and plan.replaces(v3) == plan.in_force
    assert default_export_version(mistyped.versions()) == "v3"


def test_a_version_in_force_or_built_upon_cannot_be_withdrawn(repo: NoticeRepo) -> None:
    ws = Workspace(repo, author=AUTHOR)
    repo.publish(TODAY, "First published version.", True, "Jane Counsel", AUTHOR)
    with pytest.raises(NoticeError) as refused:
        ws.withdraw("v1")
    assert str(refused.value) == (
        f"v1 has been in force since {TODAY.day} {TODAY.strftime('%B %Y')}, so readers have seen it and it stays "
        "in the record; to change it, publish a new version."
    )
    for number, days in ((2, 40), (3, 60), (4, 60)):
        _edit(repo, f"Our service is not meant for anyone under {number + 10}.")
        repo.publish(TODAY + dt.timedelta(days=days), f"Minimum age {number + 10}.", True, "Jane Counsel", AUTHOR)
    with pytest.raises(NoticeError, match="v4 was published after v2 and builds on it; withdraw v4 first"):
        ws.withdraw("v2")
    with pytest.raises(NoticeError, match="nothing to withdraw"):
        ws.withdraw("v3")  # v4 replaced v3 on its date: v3 never takes effect anyway
    ws.withdraw("v4")
    with pytest.raises(NoticeError, match="already withdrawn"):
        ws.withdraw("v4")
    plan = schedule(repo.versions(), TODAY)
    assert [v.name for v in plan.upcoming] == ["v2", "v3"]  # v3 takes effect again once v4 is withdrawn
    with pytest.raises(NoticeError, match="v3 was published after v2"):
        ws.withdraw("v2")
    ws.withdraw("v3")
    ws.withdraw("v2")
    assert schedule(repo.versions(), TODAY).upcoming == ()


def test_the_website_feed_and_export_treat_a_withdrawn_version_as_never_in_force(
    mistyped: NoticeRepo, tmp_path: Path
) -> None:
    Workspace(mistyped, author=AUTHOR).withdraw("v2")
    out = tmp_path / "site"
    result = build_site(mistyped, out, today=TODAY, redline=None)
    assert result.next_build is None
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "An updated notice takes effect" not in index and "9999" not in index
    changes = (out / "changes.html").read_text(encoding="utf-8")
    assert "Version 2 \u2014 never in force (withdrawn before it was to take effect on 31 December 9999)" in changes
    assert "It was never in force: it was withdrawn before it" in (out / "v2.html").read_text(encoding="utf-8")
    root = ET.fromstring((out / "feed.xml").read_text(encoding="utf-8"))
    entries = {e.findtext(ATOM + "title"): e for e in root.findall(ATOM + "entry")}
    entry = entries["Version 2, never in force (withdrawn before it was to take effect on 9999-12-31)"]
    withdrawn = mistyped.version("v2").withdrawn
    assert withdrawn is not None
    assert entry.findtext(ATOM + "updated") == dt.datetime.fromisoformat(withdrawn.withdrawn_at).isoformat()
    assert root.findtext(ATOM + "updated") == entry.findtext(ATOM + "updated")
    note = upcoming_export_note("v2", mistyped.versions(), TODAY)
    assert note.startswith("v2 was never in force: it was withdrawn before it was to take effect on 31 December 9999")


def test_withdraw_command(mistyped: NoticeRepo, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(mistyped.path)
    mistyped.close()
    assert main(["withdraw", folder, "v1"]) == 1
    err = capsys.readouterr().err
    assert "readers have seen it and it stays in the record; to change it, publish a new version." in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["withdraw", folder, "V2", "--reason", "The year was mistyped."]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Withdrew v2 (it was to take effect on 9999-12-31): it will never take effect")
    assert main(["log", folder]) == 0
    assert "v2  effective 9999-12-31  material  approved by Jane Counsel  withdrawn before it took effect" in (
        capsys.readouterr().out
    )


def test_a_withdrawal_is_sent_by_sync_and_the_version_does_not_come_back(tmp_path: Path) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    with NoticeRepo.open(yours, write=True) as repo:
        repo.publish(TODAY, "First published version.", True, "Jane Counsel", AUTHOR)
        _edit(repo, "Our service is not meant for anyone under 13.")
        repo.publish(MISTYPED, "We lowered the minimum age to 13.", True, "Jane Counsel", AUTHOR)
    sync(yours)
    assert sync(theirs, OTHER).versions_received == ("v1", "v2")
    with NoticeRepo.open(yours, write=True) as repo:
        Workspace(repo, author=AUTHOR).withdraw("v2")
    sent = sync(yours)
    assert sent.withdrawals_sent == ("v2",) and "sent the withdrawal of v2" in sent.sentence
    again = sync(yours)
    assert again.withdrawals_received == () and again.versions_received == ()
    with NoticeRepo.open(yours) as repo:
        assert repo.version("v2").withdrawn is not None
    edit(theirs, lambda n: n.set_body("security", "We protect what you give us."), author=OTHER)
    received = sync(theirs, OTHER)
    assert received.withdrawals_received == ("v2",)
    with NoticeRepo.open(theirs) as repo:
        assert repo.version("v2").withdrawn is not None
    assert sync(yours).withdrawals_received == ()
    with NoticeRepo.open(yours) as repo:
        assert repo.version("v2").withdrawn is not None
        assert schedule(repo.versions(), TODAY).upcoming == ()
    fresh = store_remote.clone(server.as_uri(), tmp_path / "fresh")  # a new copy has it too
    with NoticeRepo.open(fresh) as repo:
        assert repo.version("v2").withdrawn is not None


def test_only_a_withdrawal_of_this_very_version_counts(mistyped: NoticeRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A withdrawal of a v2 published differently elsewhere (another tag, another draft) does not
    withdraw this copy's v2."""
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Omar Outside")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "omar@example.com")
    first = git(mistyped.path, "rev-list", "--max-parents=0", "HEAD").strip()
    git(mistyped.path, "tag", "-a", "withdrawn/v2", "-m", "Withdrew v2 before it took effect", first)
    assert mistyped.version("v2").withdrawn is None
    assert [v.name for v in schedule(mistyped.versions(), TODAY).upcoming] == ["v2"]

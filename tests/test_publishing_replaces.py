"""A version replacing an upcoming one: the note publishing gives, a replacement published after
the date, and the feed's updated time of a version that will never take effect."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.export.site import atom_feed
from notice_studio.core.notice.store import NoticeRepo, Version
from notice_studio.core.publishing.schedule import schedule
from notice_studio.core.render.common import format_date

ATOM = "{http://www.w3.org/2005/Atom}"


def _edit(repo: NoticeRepo, words: str) -> None:
    notice = repo.load()
    notice.set_body("children", words)
    assert repo.save(notice, "Edited 'Children'", AUTHOR)


def _publish_on(repo: NoticeRepo, day: str, effective: dt.date, words: str, monkeypatch: pytest.MonkeyPatch):
    """Publish with the tag dated `day` (git takes the tagger's date from GIT_COMMITTER_DATE)."""
    monkeypatch.setenv("GIT_COMMITTER_DATE", f"{day}T10:00:00+00:00")
    _edit(repo, words)
    version = repo.publish(effective, words, True, "Jane Counsel", AUTHOR)
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    return version


def test_publish_says_which_upcoming_version_it_replaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from test_checks_cli import clean_notice, make

    folder = make(tmp_path, clean_notice())
    day = dt.date.today() + dt.timedelta(days=20)
    assert main(["publish", folder, "--effective", day.isoformat(), "--summary", "First version."]) == 0
    assert "replaces" not in capsys.readouterr().out
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        notice.set_body("contact", "Write to us at help@acme.example.")
        assert repo.save(notice, "Edited 'Contact us'", AUTHOR)
    assert main(["publish", folder, "--effective", day.isoformat(), "--summary", "New address.", "--editorial"]) == 0
    out = capsys.readouterr().out
    assert f"v2 replaces v1, which was to take effect on {format_date(day)} and now never will." in out


def test_a_later_date_replaces_nothing(repo: NoticeRepo) -> None:
    from notice_studio.core.publishing.schedule import replacement_notes

    today = dt.date.today()
    first = repo.publish(today + dt.timedelta(days=5), "First.", True, "", AUTHOR)
    _edit(repo, "Not for anyone under 13.")
    second = repo.publish(today + dt.timedelta(days=9), "Second.", True, "", AUTHOR)
    assert replacement_notes([first], second, today) == ()


def test_a_same_date_version_published_after_that_date_does_not_unmake_the_one_readers_had(
    repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    date = dt.date(2027, 1, 12)
    _publish_on(repo, "2027-01-01", date, "Not for anyone under 15.", monkeypatch)
    _publish_on(repo, "2027-02-01", date, "Not for anyone under 14.", monkeypatch)  # back-dated, after the 12th
    plan = schedule(repo.versions(), dt.date(2027, 3, 1))
    v1, v2 = repo.versions()
    assert plan.replaced_by(v1) is None and not plan.never_took_effect(v1)
    assert plan.past == (v1,) and plan.in_force == v2


@pytest.fixture
def replaced_ahead(repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch) -> NoticeRepo:
    """v1 for 12 January 2027 published on the 1st, v2 for the same day published on the 5th."""
    date = dt.date(2027, 1, 12)
    _publish_on(repo, "2027-01-01", date, "Not for anyone under 15.", monkeypatch)
    _publish_on(repo, "2027-01-05", date, "Not for anyone under 14.", monkeypatch)
    return repo


def test_a_same_date_version_published_before_that_date_replaces_the_upcoming_one(replaced_ahead: NoticeRepo) -> None:
    repo = replaced_ahead
    v1, v2 = repo.versions()
    plan = schedule(repo.versions(), dt.date(2027, 3, 1))
    assert plan.replaced_by(v1) == v2 and plan.past == ()


def test_the_feed_updates_a_replaced_version_when_it_was_replaced(replaced_ahead: NoticeRepo) -> None:
    repo = replaced_ahead
    root = ET.fromstring(atom_feed(repo.versions(), repo.load(), today=dt.date(2027, 1, 6)))
    entries = {e.findtext(ATOM + "title"): e for e in root.findall(ATOM + "entry")}
    replaced = entries["Version 1, never in force (replaced by version 2 before it took effect on 2027-01-12)"]
    assert replaced.findtext(ATOM + "published") == "2027-01-01T10:00:00+00:00"
    assert replaced.findtext(ATOM + "updated") == "2027-01-05T10:00:00+00:00"
    standing = entries["Version 2, effective 2027-01-12"]
    assert standing.findtext(ATOM + "updated") == "2027-01-05T10:00:00+00:00"


def test_a_replacement_published_in_time_counts_even_when_a_back_dated_one_follows() -> None:
    date = dt.date(2027, 1, 12)

    def made(number: int, on: str) -> Version:
        return Version(number, f"c{number}", date, True, "", "", "", f"{on}T10:00:00+00:00")

    v1, v2, v3 = made(1, "2027-01-01"), made(2, "2027-01-05"), made(3, "2027-02-01")
    plan = schedule([v1, v2, v3], dt.date(2027, 3, 1))
    assert plan.replaced_by(v1) == v2  # replaced in time by v2, not "in force" because v3 came late
    assert plan.replaced_by(v2) is None and plan.past == (v2,) and plan.in_force == v3


def test_before_publishing_the_date_chosen_names_the_upcoming_version_it_would_replace(repo: NoticeRepo) -> None:
    """The publish dialog's sentence beside the date: the schedule's rule, said ahead of time."""
    from notice_studio.core.publishing.schedule import replacement_notes, replacement_preview

    today = dt.date.today()
    day = today + dt.timedelta(days=30)
    first = repo.publish(day, "First.", True, "", AUTHOR)
    assert replacement_preview([first], day, today) == (
        f"v2 would replace v1, which is to take effect on {format_date(day)}; v1 would then never take effect.",
    )
    assert replacement_preview([first], day - dt.timedelta(days=1), today) != ()
    assert replacement_preview([first], day + dt.timedelta(days=1), today) == ()
    _edit(repo, "Not for anyone under 13.")
    second = repo.publish(day, "Second.", True, "", AUTHOR)
    assert replacement_notes([first], second, today) == (  # and after: the same rule, told as done
        f"v2 replaces v1, which was to take effect on {format_date(day)} and now never will.",
    )

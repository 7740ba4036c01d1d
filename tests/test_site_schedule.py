"""Versions that take effect on their date: the website built for a fixed "today"."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.export.site import build_site, default_redline
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.render.common import format_date

ATOM = "{http://www.w3.org/2005/Atom}"
HAS_REDLINE = default_redline() is not None
# Publishing stamps the real clock, so the effective dates lie ahead of it: v1 and v2 are both
# announced in advance, as a notice of material change usually is.
V1 = dt.date.today() + dt.timedelta(days=13)
V2 = V1 + dt.timedelta(days=31)


@pytest.fixture
def scheduled(repo: NoticeRepo) -> NoticeRepo:
    repo.publish(V1, "First published version.", True, "Jane Counsel", AUTHOR)
    notice = repo.load()
    notice.set_body("children", "Our service is not meant for children under 13.")
    repo.save(notice, "Edited 'Children'", AUTHOR)
    repo.publish(V2, "We lowered the minimum age to 13.", True, "Jane Counsel", AUTHOR)
    return repo


def text_of(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def visible(folder: Path, name: str) -> str:
    doc = html5lib.parse(text_of(folder, name), namespaceHTMLElements=False)
    return " ".join("".join(doc.find("body").itertext()).split())


def feed_titles(folder: Path) -> list[str]:
    root = ET.fromstring(text_of(folder, "feed.xml"))
    return [e.findtext(ATOM + "title") or "" for e in root.findall(ATOM + "entry")]


def test_between_the_dates_readers_see_the_version_in_force_and_the_announcement(
    scheduled: NoticeRepo, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    today = V1 + dt.timedelta(days=2)
    result = build_site(scheduled, out, today=today)
    index = visible(out, "index.html")
    assert "children under 16" in index and "children under 13" not in index
    when = f"{V2.day} {V2.strftime('%B %Y')}"
    assert f"An updated notice takes effect on {when}" in index
    assert "We lowered the minimum age to 13." in index
    page = text_of(out, "index.html")
    assert 'href="v2.html"' in page
    assert ('href="redline-v2.html"' in page) == HAS_REDLINE
    assert result.next_build == V2
    assert f"It takes effect on {when}" in visible(out, "v2.html")
    assert f"Version 2 takes effect on {when}" in visible(out, "v1.html")
    changes = visible(out, "changes.html")
    assert f"Version 2 \u2014 takes effect {when} Upcoming" in changes
    titles = feed_titles(out)
    assert f"Version 2, effective {V2.isoformat()}" in titles  # announced
    assert f"Version 1 is now in effect ({V1.isoformat()})" in titles
    assert not any(t.startswith("Version 2 is now in effect") for t in titles)


def test_on_the_effective_date_the_new_version_is_in_force(scheduled: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(scheduled, out, today=V1 + dt.timedelta(days=2))
    feed_id = ET.fromstring(text_of(out, "feed.xml")).findtext(ATOM + "id")
    result = build_site(scheduled, out, today=V2)
    index = visible(out, "index.html")
    assert "children under 13" in index and "takes effect on" not in index
    assert result.next_build is None
    assert {"index.html", "v1.html", "v2.html", "changes.html", "feed.xml"} <= set(result.written)
    root = ET.fromstring(text_of(out, "feed.xml"))
    assert root.findtext(ATOM + "id") == feed_id
    entries = root.findall(ATOM + "entry")
    assert entries[0].findtext(ATOM + "title") == f"Version 2 is now in effect ({V2.isoformat()})"
    assert (
        root.findtext(ATOM + "updated") == entries[0].findtext(ATOM + "updated") == f"{V2.isoformat()}T00:00:00+00:00"
    )
    assert len({e.findtext(ATOM + "id") for e in entries}) == len(entries) == 4


def test_before_the_first_version_takes_effect(scheduled: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build_site(scheduled, out, today=V1 - dt.timedelta(days=1))
    index = visible(out, "index.html")
    assert f"This notice takes effect on {V1.day} {V1.strftime('%B %Y')}." in index
    assert "children under 16" in index and "An updated notice takes effect" in index
    assert result.next_build == V1
    assert not any("now in effect" in t for t in feed_titles(out))


def test_the_command_line_says_when_to_build_again(scheduled: NoticeRepo, tmp_path: Path, capsys) -> None:
    folder = str(scheduled.path)
    scheduled.close()
    assert main(["site", folder, "--out", str(tmp_path / "web")]) == 0
    out = capsys.readouterr().out
    assert f"takes effect on {V1.isoformat()}: build the website folder again on that day" in out


def test_a_version_not_yet_in_force_says_takes_effect_not_last_updated(scheduled: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(scheduled, out, today=V1 + dt.timedelta(days=2))
    assert f"Last updated: {format_date(V1)}" in visible(out, "index.html")
    assert f"Takes effect: {format_date(V2)}" in visible(out, "v2.html")
    assert "Last updated" not in visible(out, "v2.html")


def test_export_of_a_version_still_to_come_says_so_and_names_the_one_in_force(
    scheduled: NoticeRepo, tmp_path: Path, capsys
) -> None:
    """Export without --version takes the latest published version (never the draft); when that
    version's date has not come, its page and a note say so (found by the team bug bash)."""
    folder = str(scheduled.path)
    scheduled.close()
    page = tmp_path / "privacy.html"
    assert main(["export", folder, "--format", "html", "--out", str(page)]) == 0
    err = capsys.readouterr().err
    assert f"note: v2 takes effect on {format_date(V2)}, and its page says so" in err
    # V1 lies ahead of today too: v2 replaces v1, which readers have from its own date
    assert f"it replaces v1, which takes effect on {format_date(V1)}; no version is in force before then" in err
    assert f"Takes effect: {format_date(V2)}" in visible(tmp_path, "privacy.html")

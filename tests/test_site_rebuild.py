"""Building the website folder again skips the version pages that are up to date: they are
neither read from the history nor rendered, and the folder is the same as a build from scratch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from notice_support import AUTHOR, small_notice

from notice_studio.core.export.site import MANIFEST, build_site
from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import NoticeRepo, Version

TODAY = dt.date.today()


class Counted:
    """The notice's published versions, counting the versions read from the history."""

    def __init__(self, repo: NoticeRepo) -> None:
        self.repo, self.read = repo, []

    def versions(self) -> list[Version]:
        return self.repo.versions()

    def notice_at(self, ref: str) -> Notice:
        self.read.append(ref)
        return self.repo.notice_at(ref)


def _publish(repo: NoticeRepo, n: int, effective: dt.date) -> None:
    notice = repo.load()
    notice.set_body("children", f"Our service is not meant for anyone under {n + 12}.")
    repo.save(notice, "Edited 'Children'", AUTHOR)
    repo.publish(effective, f"Minimum age {n + 12}.", n % 2 == 0, "Jane Counsel", AUTHOR)


@pytest.fixture
def kept_for_years(tmp_path: Path):
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR) as repo:
        for n in range(1, 5):
            _publish(repo, n, TODAY - dt.timedelta(days=100 - 20 * n))
        yield repo


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != MANIFEST}


def test_a_second_build_with_nothing_changed_makes_no_version_page(kept_for_years: NoticeRepo, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = build_site(kept_for_years, site, today=TODAY)
    assert first.made == ("v1", "v2", "v3", "v4") and first.versions == 4
    before = _files(site)
    counted = Counted(kept_for_years)
    again = build_site(counted, site, today=TODAY)
    assert again.made == () and again.versions == 4 and again.written == ()
    assert counted.read == ["v4"]  # only the version in force, for the front page, changes page and feed
    assert {"v1.html", "v2.html", "redline-v2.html", "index.html"} <= set(again.unchanged)
    assert _files(site) == before


def test_a_new_version_makes_only_the_pages_it_changes_and_the_folder_is_as_a_fresh_build(
    kept_for_years: NoticeRepo, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build_site(kept_for_years, site, today=TODAY)
    _publish(kept_for_years, 5, TODAY + dt.timedelta(days=30))
    counted = Counted(kept_for_years)
    result = build_site(counted, site, today=TODAY)
    # v5 is new, and v4's page now says v5 follows it; v1-v3 say nothing of it.
    assert result.made == ("v4", "v5")
    assert "v1" not in counted.read and "v2" not in counted.read
    fresh = tmp_path / "fresh"
    build_site(kept_for_years, fresh, today=TODAY)
    assert _files(site) == _files(fresh)
    # The day v5 takes effect, every page that names the current version changes.
    later = TODAY + dt.timedelta(days=30)
    result = build_site(kept_for_years, site, today=later)
    build_site(kept_for_years, tmp_path / "fresh-later", today=later)
    assert _files(site) == _files(tmp_path / "fresh-later")
    assert "v5" in result.made


def test_a_page_deleted_from_the_folder_is_made_again(kept_for_years: NoticeRepo, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(kept_for_years, site, today=TODAY)
    page = (site / "v2.html").read_bytes()
    (site / "v2.html").unlink()
    result = build_site(kept_for_years, site, today=TODAY)
    assert result.made == ("v2",) and result.written == ("v2.html",)
    assert (site / "v2.html").read_bytes() == page


# ----- hundreds of versions: the changes are paged, the feed keeps the newest -------------------
def test_hundreds_of_versions_get_pages_of_changes_and_a_feed_of_the_newest(monkeypatch: pytest.MonkeyPatch) -> None:
    from html5lib import parse

    from notice_studio.core.export import site
    from notice_studio.core.export.site import site_files

    assert site.CHANGES_PER_PAGE == 50 and site.FEED_ENTRIES == 50
    monkeypatch.setattr(site, "CHANGES_PER_PAGE", 4)  # as 50 a page, with fewer versions to render
    monkeypatch.setattr(site, "FEED_ENTRIES", 5)
    count = 2 * 4 + 3
    start = dt.date(2010, 1, 4)
    versions = [
        Version(
            n,
            f"{n:040x}",
            start + dt.timedelta(days=14 * n),
            n % 3 == 0,
            f"Change {n}.",
            "Ann",
            "Ann",
            f"{start + dt.timedelta(days=14 * n - 1)}T09:00:00+00:00",
        )
        for n in range(1, count + 1)
    ]
    notice = small_notice()
    files = site_files(versions, dict.fromkeys((v.name for v in versions), notice), today=dt.date(2030, 1, 1))
    names = ["changes.html", "changes-2.html", "changes-3.html"]
    assert [n for n in files if n.startswith("changes")] == names
    listed: list[str] = []
    for number, name in enumerate(names, start=1):
        doc = parse(files[name], namespaceHTMLElements=False)
        listed += [s.get("id") for s in doc.iter("section") if "ns-version" in (s.get("class") or "")]
        pages = {
            a.text: a.get("href")
            for nav in doc.iter("nav")
            if nav.get("aria-label") == "Pages of changes"
            for a in nav.iter("a")
        }
        assert pages.get("Older versions") == (names[number] if number < len(names) else None)
        assert pages.get("Newer versions") == (names[number - 2] if number > 1 else None)
        assert f"(page {number} of 3)" in files[name]
    assert listed == [f"v{n}" for n in range(count, 0, -1)]  # every version once, newest first
    feed = files["feed.xml"]
    assert feed.count("<entry>") == 5
    assert f"Version {count}, effective" in feed and "Version 1, effective" not in feed

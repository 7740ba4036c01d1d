"""Several versions ahead of their dates, and a version replaced before its date took effect:
the website and the export note name the version that comes next (found by the publishing bug bash)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.export.default_version import upcoming_export_note
from notice_studio.core.export.site import build_site
from notice_studio.core.notice.store import NoticeRepo, Version
from notice_studio.core.publishing.schedule import schedule
from notice_studio.core.render.common import format_date

ATOM = "{http://www.w3.org/2005/Atom}"
# Publishing stamps the real clock, so every date lies ahead of it.
V1 = dt.date.today() + dt.timedelta(days=10)
V2 = V1 + dt.timedelta(days=40)
V3 = V2 + dt.timedelta(days=10)


def edit(repo: NoticeRepo, words: str) -> None:
    notice = repo.load()
    notice.set_body("children", words)
    repo.save(notice, "Edited 'Children'", AUTHOR)


def publish_three(repo: NoticeRepo, third: dt.date) -> NoticeRepo:
    """v1 in force from V1, v2 announced for V2, then v3 for `third`."""
    repo.publish(V1, "First published version.", False, "Jane Counsel", AUTHOR)
    edit(repo, "Our workshop is not meant for visitors under 14.")
    repo.publish(V2, "We now say who may visit the workshop.", True, "Jane Counsel", AUTHOR)
    edit(repo, "Our workshop welcomes visitors of any age with an adult.")
    repo.publish(third, "We changed who may visit the workshop again.", False, "Jane Counsel", AUTHOR)
    return repo


@pytest.fixture
def chain(repo: NoticeRepo) -> NoticeRepo:
    """v2 and v3 both announced ahead of their dates."""
    return publish_three(repo, V3)


@pytest.fixture
def withdrawn(repo: NoticeRepo) -> NoticeRepo:
    """v3 published for v2's date replaces v2 before it takes effect."""
    return publish_three(repo, V2)


def visible(folder: Path, name: str) -> str:
    doc = html5lib.parse((folder / name).read_text(encoding="utf-8"), namespaceHTMLElements=False)
    return " ".join("".join(doc.find("body").itertext()).split())


def feed_titles(folder: Path) -> list[str]:
    root = ET.fromstring((folder / "feed.xml").read_text(encoding="utf-8"))
    return [e.findtext(ATOM + "title") or "" for e in root.findall(ATOM + "entry")]


def version(number: int, effective: dt.date) -> Version:
    return Version(number, f"c{number}", effective, True, "", "", "", "")


def test_the_schedule_knows_what_each_version_replaces() -> None:
    v1, v2, v3 = version(1, V1), version(2, V2), version(3, V3)
    plan = schedule([v3, v1, v2], V1)
    assert plan.in_force is v1 and plan.upcoming == (v2, v3) and plan.next_version is v2
    assert plan.replaces(v2) is v1 and plan.replaces(v3) is v2 and plan.followed_by(v1) is v2
    assert plan.never_in_force == ()
    same_day = version(3, V2)
    plan = schedule([v1, v2, same_day], V1)
    assert plan.upcoming == (same_day,) and plan.replaced_by(v2) is same_day
    assert plan.replaces(same_day) is v1 and plan.followed_by(v1) is same_day
    after = schedule([v1, v2, same_day], V2 + dt.timedelta(days=3))
    assert after.in_force is same_day and after.past == (v1,) and after.replaced_by(v2) is same_day


def test_the_front_page_names_the_next_version_and_what_each_replaces(chain: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build_site(chain, out, today=V1 + dt.timedelta(days=1))
    index = visible(out, "index.html")
    assert f"Version 2 (material change) replaces this notice on {format_date(V2)}. Until then" in index
    assert (
        f"Version 3 (editorial change) replaces version 2 on {format_date(V3)}; "
        f"version 2 takes effect first, on {format_date(V2)}."
    ) in index
    assert f"replaces this notice on {format_date(V3)}" not in index
    assert result.next_build == V2
    assert f"Version 2 takes effect on {format_date(V2)}" in visible(out, "v1.html")


def test_export_of_the_last_of_two_upcoming_versions_names_the_next_one(chain: NoticeRepo) -> None:
    versions = chain.versions()
    note = upcoming_export_note("v3", versions, V1 + dt.timedelta(days=1))
    assert f"v3 takes effect on {format_date(V3)}" in note
    assert f"it replaces v2, which takes effect on {format_date(V2)}" in note
    assert f"v1 is in force until {format_date(V2)}" in note
    assert f"until {format_date(V3)}" not in note


def test_export_before_the_first_date_says_when_the_first_version_takes_effect(chain: NoticeRepo) -> None:
    note = upcoming_export_note("v2", chain.versions(), V1 - dt.timedelta(days=1))
    assert f"it replaces v1, which takes effect on {format_date(V1)}" in note
    assert note.endswith("no version is in force before then.")
    last = upcoming_export_note("v3", chain.versions(), V1 - dt.timedelta(days=1))
    assert f"the first, v1, takes effect on {format_date(V1)}; no version is in force before then." in last
    assert "no version is in force before it" not in note
    first = upcoming_export_note("v1", chain.versions(), V1 - dt.timedelta(days=1))
    assert first.endswith("no version is in force before it.")


def test_the_export_command_names_the_next_version(chain: NoticeRepo, tmp_path: Path, capsys) -> None:
    folder = str(chain.path)
    chain.close()
    assert main(["export", folder, "--format", "txt", "--out", str(tmp_path / "n.txt")]) == 0
    err = capsys.readouterr().err
    assert f"it replaces v2, which takes effect on {format_date(V2)}" in err


def test_a_version_replaced_before_its_date_is_never_announced(withdrawn: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(withdrawn, out, today=V1 + dt.timedelta(days=1))
    index = visible(out, "index.html")
    assert "Version 2" not in index
    assert f"Version 3 (editorial change) replaces this notice on {format_date(V2)}" in index
    assert "never in force (replaced by version 3 before it took effect" in visible(out, "changes.html")
    assert "It was never in force: version 3 replaced it" in visible(out, "v2.html")
    assert f"Version 3 takes effect on {format_date(V2)}" in visible(out, "v1.html")
    note = upcoming_export_note("v2", withdrawn.versions(), V1 + dt.timedelta(days=1))
    assert note.startswith("v2 was never in force: v3 replaced it")


def test_after_its_date_a_replaced_version_is_not_said_to_have_taken_effect(
    withdrawn: NoticeRepo, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build_site(withdrawn, out, today=V2)
    titles = feed_titles(out)
    assert not any(t.startswith("Version 2 is now in effect") for t in titles)
    assert any(t.startswith("Version 3 is now in effect") for t in titles)
    assert any(t.startswith("Version 2, never in force (replaced by version 3") for t in titles)
    v2 = visible(out, "v2.html")
    assert "until" not in v2 and "never in force" in v2
    assert f"in effect from {format_date(V1)} until {format_date(V2)}" in visible(out, "v1.html")
    changes = visible(out, "changes.html")
    assert f"Version 2 \u2014 effective {format_date(V2)}" not in changes
    assert "Version 2 \u2014 never in force" in changes


def test_the_announcement_on_the_current_page_is_styled_like_a_version_banner(
    chain: NoticeRepo, tmp_path: Path
) -> None:
    """The front page's <aside class="ns-upcoming"> had no CSS: serif type outside the page column."""
    out = tmp_path / "site"
    build_site(chain, out, today=V1 + dt.timedelta(days=1))
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<section class="ns-upcoming"' in page
    assert re.search(r"\.ns-banner,\s*\.ns-upcoming\s*\{[^}]*max-width: 46rem;[^}]*font-family: system-ui", page)


def test_the_first_version_is_badged_first_not_editorial_or_material(chain: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(chain, out, today=V1 + dt.timedelta(days=1))
    changes = visible(out, "changes.html")
    assert f"Version 1 \u2014 effective {format_date(V1)} First version" in changes
    assert f"Version 3 \u2014 takes effect {format_date(V3)} Upcoming Editorial change" in changes
    root = ET.fromstring((out / "feed.xml").read_text(encoding="utf-8"))
    kinds = {
        e.findtext(ATOM + "title"): (e.find(ATOM + "category").get("term"), e.find(ATOM + "category").get("label"))
        for e in root.findall(ATOM + "entry")
    }
    assert kinds[f"Version 1, effective {V1.isoformat()}"] == ("first", "First version")
    assert kinds[f"Version 2, effective {V2.isoformat()}"] == ("material", "Material change")


def test_the_redline_of_a_replacement_compares_with_the_version_readers_had(
    withdrawn: NoticeRepo, tmp_path: Path
) -> None:
    """v3 replaced v2 before its date: 'See what will change' compares v3 with v1, not with v2."""
    pairs: list[tuple[str, str]] = []

    def redline(old, new, old_label: str, new_label: str) -> str:
        pairs.append((old_label, new_label))
        return f"<!DOCTYPE html>\n<html><body>\n<p>{old_label} to {new_label}</p></body></html>\n"

    out = tmp_path / "site"
    build_site(withdrawn, out, redline=redline, today=V1 + dt.timedelta(days=1))
    assert ("version 1", "version 3") in pairs and ("version 2", "version 3") not in pairs
    assert ("version 1", "version 2") in pairs  # the replaced version's own page still shows what it said
    assert "version 1 to version 3" in (out / "redline-v3.html").read_text(encoding="utf-8")


def test_a_replaced_versions_own_page_says_it_was_never_in_force(withdrawn: NoticeRepo, tmp_path: Path) -> None:
    """Its header said 'Last updated' (after its date) or 'Takes effect' (before): neither is true."""
    for today in (V1 + dt.timedelta(days=1), V2 + dt.timedelta(days=1)):
        out = tmp_path / today.isoformat()
        build_site(withdrawn, out, today=today)
        page = visible(out, "v2.html")
        assert f"Never in force; was to take effect: {format_date(V2)}" in page
        assert "Last updated" not in page and "Takes effect" not in page
    folder = str(withdrawn.path)
    withdrawn.close()
    assert main(["export", folder, "--version", "v2", "--format", "html", "--out", str(tmp_path / "v2.html")]) == 0
    assert f"Never in force; was to take effect: {format_date(V2)}" in visible(tmp_path, "v2.html")

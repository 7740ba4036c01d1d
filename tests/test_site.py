"""The website folder: current notice, archive pages, changes page, Atom feed; never the draft."""

from __future__ import annotations

import datetime as dt
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from notice_support import AUTHOR, small_notice

from notice_studio.cli import main
from notice_studio.core.export.site import MANIFEST, SiteOverwriteError, base_url_problem, build_site, default_redline
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.store import NoticeRepo

ATOM = "{http://www.w3.org/2005/Atom}"
NS = "{http://www.w3.org/1999/xhtml}"
HAS_REDLINE = default_redline() is not None


def edit_and_publish(repo: NoticeRepo, body: str, effective: dt.date, summary: str, material: bool = True) -> None:
    notice = repo.load()
    notice.set_body("children", body)
    repo.save(notice, "Edited 'Children'", AUTHOR)
    repo.publish(effective, summary, material, "Jane Counsel", AUTHOR)


@pytest.fixture
def two_versions(repo: NoticeRepo) -> NoticeRepo:
    """v1 and v2 published, then a draft edit that must never reach the website."""
    repo.publish(dt.date(2026, 1, 15), "First published version.", True, "Jane Counsel", AUTHOR)
    edit_and_publish(
        repo,
        "Our service is not meant for children under 13.",
        dt.date(2026, 3, 1),
        "We changed the minimum age.\n\n- now 13",
        material=False,
    )
    notice = repo.load()
    notice.set_body("security", "SECRET DRAFT WORDING")
    repo.save(notice, "Edited 'Security'", AUTHOR)
    return repo


def read(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def test_site_has_current_archive_changes_and_feed(two_versions: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build_site(two_versions, out)
    expected = {"index.html", "v1.html", "v2.html", "changes.html", "feed.xml"} | (
        {"redline-v2.html"} if HAS_REDLINE else set()
    )
    assert {p.name for p in out.iterdir()} == expected | {MANIFEST}  # and the list of the files it wrote
    assert set(result.written) == expected and result.unchanged == ()
    for name in expected:
        assert "SECRET DRAFT WORDING" not in read(out, name)
        assert "Draft \u2014 not published" not in read(out, name)
    index = read(out, "index.html")
    assert "children under 13" in index and 'Last updated: <time datetime="2026-03-01">1 March 2026</time>' in index
    assert index == read(out, "index.html")
    v1 = read(out, "v1.html")
    assert "children under 16" in v1 and '<time datetime="2026-01-15">15 January 2026</time>' in v1
    assert (
        "in effect from 15 January 2026 until 1 March 2026" in v1
        and '<a href="index.html">Read the current version</a>' in v1
    )
    assert "the current version, in effect from 1 March 2026" in read(out, "v2.html")
    for name in ("index.html", "v1.html", "v2.html", "changes.html"):
        doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(read(out, name))
        assert len(list(doc.iter(NS + "main"))) == 1
        local = [a.get("href").split("#")[0] for a in doc.iter(NS + "a") if ":" not in a.get("href")]
        assert all((out / href).exists() for href in local if href)  # every link inside the folder works
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_changes_page_lists_every_version_newest_first(two_versions: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(two_versions, out)
    doc = html5lib.parse(read(out, "changes.html"), namespaceHTMLElements=True)
    sections = [s for s in doc.iter(NS + "section") if "ns-version" in (s.get("class") or "")]
    assert [s.get("id") for s in sections] == ["v2", "v1"]
    text = ["".join(s.itertext()) for s in sections]
    assert "Version 2 \u2014 effective 1 March 2026" in text[0] and "Editorial change" in text[0]
    assert "We changed the minimum age." in text[0] and "now 13" in text[0]
    assert "Version 1 \u2014 effective 15 January 2026" in text[1] and "First version" in text[1]
    links = [[a.get("href") for a in s.iter(NS + "a")] for s in sections]
    assert links[0] == ["index.html"] + (["redline-v2.html"] if HAS_REDLINE else [])
    assert links[1] == ["v1.html"]


@pytest.mark.skipif(not HAS_REDLINE, reason="the redline export is not installed")
def test_redline_page_shows_the_change_with_site_navigation(two_versions: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(two_versions, out)
    doc = html5lib.parse(read(out, "redline-v2.html"), namespaceHTMLElements=True)
    assert any("ns-site-nav" in (n.get("class") or "") for n in doc.iter(NS + "nav"))
    assert list(doc.iter(NS + "ins")) and list(doc.iter(NS + "del"))
    assert not list(doc.iter(NS + "script"))


def test_feed_is_valid_atom_with_one_entry_per_version(two_versions: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(two_versions, out, base_url="https://acme.example/privacy/")
    root = ET.fromstring(read(out, "feed.xml"))
    assert root.tag == ATOM + "feed"
    for tag in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert (root.findtext(ATOM + tag) or "").strip(), tag
    assert root.findtext(ATOM + "id").startswith("urn:uuid:")
    self_link = next(link for link in root.findall(ATOM + "link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://acme.example/privacy/feed.xml"
    entries = root.findall(ATOM + "entry")
    assert [e.findtext(ATOM + "title") for e in entries] == [
        "Version 2, effective 2026-03-01",
        "Version 1, effective 2026-01-15",
    ]
    assert len({e.findtext(ATOM + "id") for e in entries}) == 2
    for entry in entries:
        updated = entry.findtext(ATOM + "updated")
        assert dt.datetime.fromisoformat(updated).tzinfo is not None
        assert entry.find(ATOM + "link").get("href").startswith("https://acme.example/privacy/v")
        assert entry.findtext(ATOM + "summary")
    assert root.findtext(ATOM + "updated") == entries[0].findtext(ATOM + "updated")


def test_rerunning_updates_in_place(two_versions: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build_site(two_versions, out)
    feed_id = ET.fromstring(read(out, "feed.xml")).findtext(ATOM + "id")
    again = build_site(two_versions, out)
    assert again.written == () and set(again.unchanged) == set(first.written)
    (out / "notes.txt").write_text("kept", encoding="utf-8")  # files we did not make are left alone
    edit_and_publish(two_versions, "Children under 18 need consent.", dt.date(2026, 6, 1), "Consent for minors.")
    third = build_site(two_versions, out)
    changed = {"index.html", "v2.html", "v3.html", "changes.html", "feed.xml"} | (
        {"redline-v3.html"} if HAS_REDLINE else set()
    )
    assert set(third.written) == changed
    assert "v1.html" in third.unchanged
    assert "under 18" in read(out, "index.html") and "until 1 June 2026" in read(out, "v2.html")
    assert read(out, "notes.txt") == "kept"
    assert ET.fromstring(read(out, "feed.xml")).findtext(ATOM + "id") == feed_id  # the feed keeps its identity


def test_site_refuses_a_notice_never_published(repo: NoticeRepo, tmp_path: Path) -> None:
    with pytest.raises(NoticeError, match="no published version yet"):
        build_site(repo, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_cli_site(two_versions: NoticeRepo, tmp_path: Path, capsys) -> None:
    folder = str(two_versions.path)
    two_versions.close()
    out = tmp_path / "web"
    assert main(["site", folder, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"Website folder {out}: " in captured.out and "written, 0 unchanged; 2 of 2 version pages" in captured.out
    assert main(["site", folder, "--out", str(out)]) == 0
    again = capsys.readouterr().out
    assert "0 files written" in again and "0 of 2 version pages made again (the others were up to date)." in again
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["site", folder, "--out", str(tmp_path / "file")]) == 1
    assert "is a file" in capsys.readouterr().err


def test_cli_site_without_versions(tmp_path: Path, capsys) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    assert main(["site", str(tmp_path / "n"), "--out", str(tmp_path / "web")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "publish one with 'notice-studio publish'" in err


def test_a_shallow_clone_is_refused_until_its_history_is_fetched(
    two_versions: NoticeRepo, tmp_path: Path, capsys
) -> None:
    # CI's default checkout: one commit, the versions before it missing
    source = two_versions.path.as_uri()
    two_versions.close()
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "v2", source, str(shallow)], check=True)
    out = tmp_path / "web"
    for argv in (
        ["site", str(shallow), "--out", str(out)],
        ["publish", str(shallow), "--effective", "2026-06-01", "--editorial", "--summary", "Wording."],
        ["log", str(shallow)],
        ["export", str(shallow), "--version", "v2", "--format", "html", "--out", str(tmp_path / "v2.html")],
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "has only part of its history (it is a shallow git clone)" in err
        assert "'git fetch --unshallow --tags'" in err and "fetch-depth: 0" in err and "Traceback" not in err
    assert not out.exists() and not (tmp_path / "v2.html").exists()
    assert subprocess.run(["git", "-C", str(shallow), "tag"], capture_output=True, text=True).stdout == "v2\n"
    subprocess.run(["git", "-C", str(shallow), "fetch", "-q", "--unshallow", "--tags"], check=True)
    assert main(["site", str(shallow), "--out", str(out)]) == 0
    assert (out / "v1.html").is_file() and (out / "v2.html").is_file()


# ----- files Notice Studio did not write ------------------------------------------------------------
OWN_PAGE = "<h1>Thimble & Thread: our own home page</h1>\n"


def test_a_page_notice_studio_did_not_write_is_never_replaced_silently(
    two_versions: NoticeRepo, tmp_path: Path
) -> None:
    out = tmp_path / "mysite"
    out.mkdir()
    (out / "index.html").write_text(OWN_PAGE, encoding="utf-8")
    with pytest.raises(SiteOverwriteError) as refused:
        build_site(two_versions, out)
    assert str(refused.value) == (
        f"{out / 'index.html'} was not written by Notice Studio, or was changed since; "
        "choose another folder for the website or move it away."
    )
    assert [p.name for p in out.iterdir()] == ["index.html"]  # refused before anything was written
    assert read(out, "index.html") == OWN_PAGE
    build_site(two_versions, out, force=True)
    assert "Thimble" not in read(out, "index.html")


def test_a_page_changed_by_hand_after_a_build_is_refused_too(two_versions: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(two_versions, out)
    (out / "changes.html").write_text(read(out, "changes.html") + "<p>Note from the web team.</p>\n", "utf-8")
    edit_and_publish(two_versions, "Children under 18 need consent.", dt.date(2026, 6, 1), "Consent for minors.")
    with pytest.raises(SiteOverwriteError, match=r"changes.html was not written by Notice Studio"):
        build_site(two_versions, out)
    assert "Note from the web team" in read(out, "changes.html") and not (out / "v3.html").exists()


def test_a_folder_built_before_the_list_was_kept_is_still_updated(two_versions: NoticeRepo, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(two_versions, out)
    (out / MANIFEST).unlink()  # as an earlier Notice Studio left it
    edit_and_publish(two_versions, "Children under 18 need consent.", dt.date(2026, 6, 1), "Consent for minors.")
    assert "index.html" in build_site(two_versions, out).written
    assert "under 18" in read(out, "index.html") and (out / MANIFEST).is_file()


def test_cli_site_refuses_to_replace_a_page_and_force_replaces_it(
    two_versions: NoticeRepo, tmp_path: Path, capsys
) -> None:
    folder = str(two_versions.path)
    two_versions.close()
    out = tmp_path / "mysite"
    out.mkdir()
    (out / "index.html").write_text(OWN_PAGE, encoding="utf-8")
    (out / "v1.html").write_text("<p>our archive</p>\n", encoding="utf-8")
    assert main(["site", folder, "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"notice-studio: {out / 'index.html'} (and 1 other file) was not written by Notice Studio, or was changed "
        "since; choose another folder for the website or move it away, or build again with --force to replace it.\n"
    )
    assert read(out, "index.html") == OWN_PAGE
    assert main(["site", folder, "--out", str(out), "--force"]) == 0
    assert "Thimble" not in read(out, "index.html")


@pytest.mark.parametrize("url", ["larkspur.example/privacy", "not a url", "javascript:alert(1)", "ftp://x.example/"])
def test_the_base_url_must_be_a_web_address(two_versions: NoticeRepo, tmp_path: Path, capsys, url: str) -> None:
    folder = str(two_versions.path)
    two_versions.close()
    assert main(["site", folder, "--out", str(tmp_path / "web"), "--base-url", url]) == 1
    assert capsys.readouterr().err == (
        f"notice-studio: '{url}' is not a web address; give the folder's public address starting with "
        "http:// or https:// (for example https://www.example.com/privacy/).\n"
    )
    assert not (tmp_path / "web").exists()
    assert base_url_problem("https://thimble.example/privacy/") == base_url_problem("http://thimble.example") == ""

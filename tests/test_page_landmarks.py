"""Every page we write is read in order by a keyboard or a screen reader: a skip link first, the
title before any banner, every banner inside a landmark (found by the accessibility bug bash)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import html5lib
import pytest
from notice_support import AUTHOR

from notice_studio.core.export.html_page import notice_page
from notice_studio.core.export.redline import redline_html
from notice_studio.core.export.site import build_site
from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.render.renderer import render

V1 = dt.date.today() + dt.timedelta(days=10)
V2 = V1 + dt.timedelta(days=30)
FOCUSABLE = ("a", "button", "input", "select", "textarea")


@pytest.fixture
def site(repo: NoticeRepo, tmp_path: Path) -> Path:
    repo.publish(V1, "First published version.", False, "Jane Counsel", AUTHOR)
    notice = repo.load()
    notice.set_body("children", "Our workshop is not meant for visitors under 14.")
    repo.save(notice, "Edited 'Children'", AUTHOR)
    repo.publish(V2, "- We now say who may visit the workshop.", True, "Jane Counsel", AUTHOR)
    out = tmp_path / "site"
    build_site(repo, out, today=V1 + dt.timedelta(days=1))
    return out


def _parse(text: str):
    return html5lib.parse(text, namespaceHTMLElements=False)


def _first_focusable(doc):
    for element in doc.find("body").iter():
        if element.tag in FOCUSABLE or element.get("tabindex") == "0":
            return element
    return None


def _check_skip_link(text: str) -> None:
    doc = _parse(text)
    first = _first_focusable(doc)
    assert first is not None and "".join(first.itertext()) == "Skip to the notice"
    target = first.get("href", "")[1:]
    main = doc.find(".//main")
    assert main is not None and main.get("id") == target
    css = "".join(s.text or "" for s in doc.iter("style"))
    assert re.search(r"\.ns-skip:focus\s*\{[^}]*top: 0\.5rem", css)  # seen once the keyboard reaches it
    assert re.search(r"\.ns-skip:focus-visible\s*\{[^}]*outline: 3px solid", css)


def test_every_website_page_starts_with_a_skip_link(site: Path) -> None:
    for name in ("index.html", "changes.html", "v1.html", "v2.html", "redline-v2.html"):
        _check_skip_link((site / name).read_text(encoding="utf-8"))


def test_the_exported_page_and_the_redline_start_with_a_skip_link(notice: Notice) -> None:
    _check_skip_link(notice_page(render(notice)))
    _check_skip_link(redline_html(notice, notice))


def test_the_site_menu_has_the_notice_pages_focus_ring(site: Path) -> None:
    css = "".join(s.text or "" for s in _parse((site / "index.html").read_text(encoding="utf-8")).iter("style"))
    assert re.search(r"\.ns-site-nav a:focus-visible,[^{]*\{[^}]*outline: 3px solid", css)


def test_the_announcement_follows_the_title_inside_the_main_landmark(site: Path) -> None:
    doc = _parse((site / "index.html").read_text(encoding="utf-8"))
    headings = [e for e in doc.find("body").iter() if e.tag in ("h1", "h2", "h3")]
    assert headings[0].tag == "h1"
    main = doc.find(".//main")
    announcement = main.find(".//section[@class='ns-upcoming']")
    assert announcement is not None and announcement.get("aria-labelledby")
    assert "An updated notice takes effect" in "".join(announcement.itertext())


def test_the_first_versions_date_banner_is_inside_the_main_landmark(repo: NoticeRepo, tmp_path: Path) -> None:
    repo.publish(V1, "First published version.", False, "Jane Counsel", AUTHOR)
    out = tmp_path / "site"
    build_site(repo, out, today=V1 - dt.timedelta(days=1))
    doc = _parse((out / "index.html").read_text(encoding="utf-8"))
    banner = doc.find(".//main").find(".//p[@class='ns-banner']")
    assert banner is not None and "This notice takes effect on" in "".join(banner.itertext())

"""The website folder: the notice in force, every published version, a changes page and a feed.

    index.html        the version in force on the day the site is built, announcing any
                      upcoming version (its date, change notice, text and redline)
    v1.html, v2.html  every published version (permanent addresses; the feed links here)
    changes.html      every version, newest first: date, kind, change notice, redline link
                      (50 a page: changes-2.html, changes-3.html … hold older ones)
    redline-v2.html   what changed from the version v2 replaces, usually v1 (when the redline
                      export is installed)
    feed.xml          an Atom feed: an entry when a version is announced and, when it was
                      announced ahead of its date, another when it takes effect (the newest 50)

A version published with a future effective date is *upcoming*: readers keep seeing the
version in force until that date. The page in force is chosen when the site is built, so the
build reports the day it must run again (`SiteResult.next_build`). Which version is in force,
what comes next and which versions were replaced before their date (never in force) is the
core schedule's one rule (`core.publishing.schedule`).

Only published versions are read; the draft never reaches the folder. Re-running rewrites the
files whose content changed and leaves the rest untouched. A list of the files written, with a
fingerprint of each (`.notice-studio-site`), lets a later run tell them from a person's own page
of the same name, which it refuses to replace unless asked to (`force`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from markdown_it.common.utils import escapeHtml

from notice_studio.core.export.html_page import SKIP_LINK_START, notice_page, page_html
from notice_studio.core.export.sanitize import sanitize_html
from notice_studio.core.export.site_inputs import gets_redline, page_digests
from notice_studio.core.export.version_banner import version_status
from notice_studio.core.fileio import output_folder, write_atomic
from notice_studio.core.notice.frame_words import has_frame_words
from notice_studio.core.notice.languages import english_page_language
from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.notice.store import Version
from notice_studio.core.publishing.schedule import Schedule, schedule, takes_effect_after
from notice_studio.core.render.common import frame_html
from notice_studio.core.render.markdown import clean_text, plain_markdown
from notice_studio.core.render.renderer import RenderOptions, format_date, labels, render
from notice_studio.core.wording import plural

ATOM_NS = "http://www.w3.org/2005/Atom"
Redline = Callable[[Notice, Notice, str, str], str]
MANIFEST = ".notice-studio-site"
"""The website folder's list of the files Notice Studio wrote there, each with its SHA-256."""
MADE_FROM = "made from"
"""The list's record of what each version page was made from (`site_inputs.page_digests`)."""


_SITE_FILE_RE = re.compile(r"index\.html|changes(-\d+)?\.html|feed\.xml|(redline-)?v\d+\.html")
"""The names a website folder's files have (to recognise a folder built before the list was kept)."""
CHANGES_PER_PAGE = 50
"""Versions listed on each page of changes (a notice kept for years has hundreds)."""
FEED_ENTRIES = 50
"""Entries in the feed, newest first: readers' feed programs fetch it often; the pages of changes list every version."""


class SiteOverwriteError(NoticeError):
    """The website folder holds a file of the same name that Notice Studio did not write."""


@dataclass(frozen=True)
class SiteResult:
    folder: Path
    written: tuple[str, ...]
    """Files created or changed by this run."""
    unchanged: tuple[str, ...]
    redlines: bool
    """True when redline pages were made (the redline export is available)."""
    next_build: dt.date | None = None
    """The day an upcoming version takes effect: build the site again on that day."""
    made: tuple[str, ...] = ()
    """The versions whose pages this run made (the others' pages were up to date and not read)."""
    versions: int = 0
    """How many published versions the site has a page for."""


def default_redline() -> Redline | None:
    """The redline page builder, or None while the diff export is not installed."""
    try:
        from notice_studio.core.export.redline import redline_html
    except ImportError:
        return None

    def make(old: Notice, new: Notice, old_label: str, new_label: str) -> str:
        return redline_html(old, new, old_label=old_label, new_label=new_label)

    return make


class PublishedVersions(Protocol):
    """Where the website's versions come from: a NoticeRepo, or versions already read from one."""

    def versions(self) -> list[Version]: ...

    def notice_at(self, ref: str) -> Notice: ...


def base_url_problem(base_url: str | None) -> str:
    """Why `base_url` cannot be the website folder's public address ('' when it can, or is left out)."""
    if not base_url:
        return ""
    parts = urlsplit(base_url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c.isspace() for c in base_url):
        return ""
    return (
        f"'{base_url}' is not a web address; give the folder's public address starting with http:// or https:// "
        "(for example https://www.example.com/privacy/)."
    )


def build_site(
    repo: PublishedVersions,
    folder: str | os.PathLike[str],
    base_url: str | None = None,
    redline: Redline | None = None,
    today: dt.date | None = None,
    force: bool = False,
) -> SiteResult:
    """Write (or update) the website folder for the notice's published versions as of `today`.

    A file of the same name that Notice Studio did not write there (or that was changed since)
    is refused, before anything is written, unless `force`."""
    problem = base_url_problem(base_url)
    if problem:
        raise NoticeError(problem)
    target = output_folder(folder)
    versions = repo.versions()
    if not versions:
        raise NoticeError(
            "This notice has no published version yet; publish one with 'notice-studio publish' "
            "before building the website folder."
        )
    day = today or dt.date.today()
    redline = redline if redline is not None else default_redline()
    ordered = sorted(versions, key=lambda v: v.number)
    plan = schedule(ordered, day)
    digests = page_digests(ordered, plan, redline is not None)
    up_to_date = _up_to_date(target, digests)
    notices = _NoticesAt(repo)  # read only for the pages made again (and the front page's version)
    files = site_files(versions, notices, base_url=base_url, redline=redline, today=day, skip=up_to_date)
    result = _write_files(target, files, redlines=redline is not None, force=force, digests=digests)
    made = tuple(v.name for v in ordered if f"{v.name}.html" in files)
    return replace(result, next_build=plan.next_change, made=made, versions=len(ordered))


def versions_to_read(
    versions: Sequence[Version], folder: str | os.PathLike[str], today: dt.date | None = None
) -> list[str]:
    """The versions a build of the website folder reads from the history, oldest first: the one
    its front page shows, and those of the pages it makes again (the others are up to date). The
    app reads them in its git lane and builds from them in its pool."""
    ordered = sorted(versions, key=lambda v: v.number)
    if not ordered:
        return []
    plan = schedule(ordered, today or dt.date.today())
    digests = page_digests(ordered, plan, default_redline() is not None)
    made = set(digests) - _up_to_date(output_folder(folder), digests)
    front = plan.in_force or (plan.upcoming[0] if plan.upcoming else None)
    wanted = {front.name} if front else set()
    for i, version in enumerate(ordered):
        if f"{version.name}.html" in made:
            wanted.add(version.name)
        if f"redline-{version.name}.html" in made:
            wanted |= {version.name, (plan.replaces(version) or ordered[i - 1]).name}
    return [v.name for v in ordered if v.name in wanted]


class _NoticesAt(Mapping[str, Notice]):
    """The notice at each version, read from the history when first asked for."""

    def __init__(self, repo: PublishedVersions) -> None:
        self._repo = repo
        self._read: dict[str, Notice] = {}

    def __getitem__(self, name: str) -> Notice:
        if name not in self._read:
            self._read[name] = self._repo.notice_at(name)
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read)

    def __len__(self) -> int:
        return len(self._read)


def site_files(
    versions: Sequence[Version],
    notices: Mapping[str, Notice],
    base_url: str | None = None,
    redline: Redline | None = None,
    today: dt.date | None = None,
    skip: Collection[str] = (),
) -> dict[str, str]:
    """Every file of the website folder (relative path -> text), from published versions only;
    but the version and redline pages named in `skip` (up to date in the folder already)."""
    versions = sorted(versions, key=lambda v: v.number)
    plan = schedule(versions, today or dt.date.today())
    # Before the first version takes effect, the front page shows it with its date.
    front = plan.in_force or (plan.upcoming[0] if plan.upcoming else None)
    if front is None:
        raise NoticeError(
            "Every published version of this notice was withdrawn, so there is nothing for readers yet; "
            "publish a version before building the website folder."
        )
    files: dict[str, str] = {}
    rendered = {
        v.name: render(
            notices[v.name],
            RenderOptions(
                last_updated=v.effective,
                version_label=v.name,
                takes_effect_later=takes_effect_after(v, plan.today),
                never_in_force=plan.never_took_effect(v),
            ),
        )
        for v in versions
        if v is front or f"{v.name}.html" not in skip
    }
    language = rendered[front.name].language
    has_redline = redline is not None
    announcements = "".join(
        _announcement(v, front, plan, language, has_redline) for v in plan.upcoming if v is not front
    )
    files["index.html"] = notice_page(
        rendered[front.name],
        before_main=_site_nav("index.html", language),
        after_title=_front_banner(front, plan, language) + announcements,
    )
    for i, version in enumerate(versions):
        if f"{version.name}.html" not in skip:
            page = rendered[version.name]
            banner = _archive_banner(version, plan, page.language)
            files[f"{version.name}.html"] = notice_page(page, before_main=_site_nav(None, page.language) + banner)
        if redline is not None and gets_redline(version, versions, plan) and f"redline-{version.name}.html" not in skip:
            # Against the version readers had before it; a version replaced before its date is skipped.
            previous = plan.replaces(version) or versions[i - 1]
            html = redline(
                notices[previous.name], notices[version.name], _version_words(previous), _version_words(version)
            )
            menu = _site_nav(None, english_page_language(notices[version.name].language))  # the page's language
            files[f"redline-{version.name}.html"] = _with_nav(html, menu)
    newest = list(reversed(versions))
    pages = [newest[i : i + CHANGES_PER_PAGE] for i in range(0, len(newest), CHANGES_PER_PAGE)]
    for n, listed in enumerate(pages, start=1):
        files[_changes_name(n)] = _changes_page(
            versions, listed, (n, len(pages)), notices[front.name], language, has_redline, plan
        )
    files["feed.xml"] = atom_feed(versions, notices[front.name], base_url, today=plan.today)
    return files


# ----- pages ------------------------------------------------------------------------------------
def _site_nav(current: str | None, language: str) -> str:
    items = [("index.html", "nav_current"), ("changes.html", "nav_changes"), ("feed.xml", "nav_feed")]
    links = []
    for href, key in items:
        mark = ' aria-current="page"' if href == current else ""
        links.append(f'<li><a href="{href}"{mark}>{frame_html(language, key)}</a></li>')
    site = escapeHtml(labels(language)["site"])
    return f'<nav class="ns-site-nav" aria-label="{site}"><ul>{"".join(links)}</ul></nav>\n'


def _version_words(version: Version) -> str:
    return f"version {version.number}"


def _when(version: Version, language: str) -> str:
    return format_date(version.effective, language) if version.effective else labels(language)["no_date"]


def _front_banner(front: Version, plan: Schedule, language: str) -> str:
    """Before any version is in force, the front page says when this one takes effect."""
    if plan.in_force is not None:
        return ""
    when = escapeHtml(_when(front, language))
    return f'<p class="ns-banner" role="note">{frame_html(language, "front_banner", when=when)}</p>\n'


def _announcement(version: Version, front: Version, plan: Schedule, language: str, redlines: bool) -> str:
    """An upcoming version on the front page: its date, the version it replaces, its change notice
    and where to read it."""
    when = escapeHtml(_when(version, language))
    previous = plan.replaces(version)
    kind = escapeHtml(labels(language)["ann_material" if version.material else "ann_editorial"])
    if previous is None or previous is front:
        replaces = frame_html(language, "ann_replaces_this", number=str(version.number), kind=kind, when=when)
    else:
        first = escapeHtml(_when(previous, language))
        replaces = frame_html(
            language,
            "ann_replaces_other",
            number=str(version.number),
            kind=kind,
            other=str(previous.number),
            when=when,
            first=first,
        )
    read = frame_html(language, "read_version", number=str(version.number))
    links = [f'<li><a href="{version.name}.html">{read}</a></li>']
    if redlines and not plan.is_first(version):
        links.append(f'<li><a href="redline-{version.name}.html">{frame_html(language, "see_will_change")}</a></li>')
    return (
        f'<section class="ns-upcoming" aria-labelledby="{version.name}-upcoming">\n'
        f'<h2 id="{version.name}-upcoming">{frame_html(language, "ann_heading", when=when)}</h2>\n'
        f"<p>{replaces}</p>\n"
        f"{_change_notice_html(version)}"
        f'<ul class="ns-version-links">{"".join(links)}</ul>\n</section>\n'
    )


def _change_notice_html(version: Version) -> str:
    notice_text = clean_text(version.change_notice).strip()
    if not notice_text:
        return ""
    return f'<div class="ns-change-notice">{sanitize_html(plain_markdown().render(notice_text))}</div>\n'


def _archive_banner(version: Version, plan: Schedule, language: str) -> str:
    text = version_status(version, plan, language, current_href="index.html")
    if not has_frame_words(language):  # English words stand in: read them as English
        text = f'<span lang="en">{text}</span>'
    # Inside a landmark of its own, so screen-reader users find it among the page's regions.
    about = escapeHtml(labels(language)["about_version"])
    return f'<aside class="ns-banner" aria-label="{about}"><p>{text}</p></aside>\n'


def _with_nav(page: str, nav: str) -> str:
    """A redline page with the site navigation added after <body> (the page is ours)."""
    clean_nav = sanitize_html(nav)
    start = page.find(SKIP_LINK_START)
    if start < 0:
        return page
    end = page.index("</a>\n", start) + len("</a>\n")
    return page[:end] + clean_nav + "\n" + page[end:]


def _changes_name(page: int) -> str:
    return "changes.html" if page == 1 else f"changes-{page}.html"


def _changes_page(
    versions: Sequence[Version],
    listed: Sequence[Version],
    page: tuple[int, int],
    front: Notice,
    language: str,
    redlines: bool,
    plan: Schedule,
) -> str:
    """One page of changes: the versions `listed` (newest first), page `page[0]` of `page[1]`."""
    title = " ".join(clean_text(front.title).split())
    number, pages = page
    words = labels(language)
    which = (
        frame_html(
            language,
            "page_lists",
            first=str(listed[0].number),
            last=str(listed[-1].number),
            page=str(number),
            pages=str(pages),
        )
        if pages > 1
        else ""
    )
    listing = frame_html(
        language, "published_one" if len(versions) == 1 else "published_many", count=str(len(versions))
    )
    parts = [
        f'<article class="ns-notice ns-changes" lang="{escapeHtml(language)}">',
        '<header class="ns-header">',
        f'<h1 class="ns-title">{frame_html(language, "changes_title", title=escapeHtml(title))}</h1>',
        f'<p class="ns-status">{listing}{which}</p>',
        "</header>",
    ]
    for version in listed:
        kind = frame_html(language, f"kind_{_kind_term(version, plan)}")
        href = "index.html" if version is plan.in_force else f"{version.name}.html"
        upcoming = plan.is_upcoming(version)
        replaced_by = plan.replaced_by(version)
        when = escapeHtml(_when(version, language))
        if replaced_by is not None:
            dated = escapeHtml(words["never_replaced"]).format(other=replaced_by.number, when=when)
        elif plan.is_withdrawn(version):
            dated = escapeHtml(words["never_withdrawn"]).format(when=when)
        else:
            dated = escapeHtml(words["takes_effect_on" if upcoming else "effective_on"]).format(when=when)
        status = f'<span class="ns-upcoming-mark">{frame_html(language, "upcoming")}</span> ' if upcoming else ""
        heading = escapeHtml(words["version_heading"]).format(number=version.number, dated=dated)
        if not has_frame_words(language):
            heading = f'<span lang="en">{heading}</span>'
        parts += [
            f'<section class="ns-version" id="{version.name}" aria-labelledby="{version.name}-title">',
            f'<h2 id="{version.name}-title">{heading}</h2>',
            f'<p class="ns-version-meta">{status}<span class="ns-kind">{kind}</span></p>',
        ]
        notice_html = _change_notice_html(version)
        if notice_html:
            parts.append(notice_html.rstrip("\n"))
        links = [f'<li><a href="{href}">{frame_html(language, "read_version", number=str(version.number))}</a></li>']
        if redlines and gets_redline(version, versions, plan):
            links.append(f'<li><a href="redline-{version.name}.html">{frame_html(language, "see_changed")}</a></li>')
        parts += [f'<ul class="ns-version-links">{"".join(links)}</ul>', "</section>"]
    parts.append("</article>")
    if pages > 1:
        links = []
        if number > 1:
            links.append(
                f'<li><a href="{_changes_name(number - 1)}" rel="prev">{frame_html(language, "newer")}</a></li>'
            )
        if number < pages:
            links.append(
                f'<li><a href="{_changes_name(number + 1)}" rel="next">{frame_html(language, "older")}</a></li>'
            )
        pages_label = escapeHtml(words["pages_of_changes"])
        parts.append(f'<nav class="ns-pages" aria-label="{pages_label}"><ul>{"".join(links)}</ul></nav>')
    heading = words["changes_title"].format(title=title) + (
        words["page_suffix"].format(page=number, pages=pages) if number > 1 else ""
    )
    current = _changes_name(1) if number == 1 else None
    return page_html(heading, "\n".join(parts) + "\n", language, before_main=_site_nav(current, language))


def _kind_term(version: Version, plan: Schedule) -> str:
    """What kind of version this is: the first readers get (the schedule's; a withdrawn or replaced
    version 1 is not), or a material or editorial change to the one before."""
    if plan.is_first(version):
        return "first"
    return "material" if version.material else "editorial"


def _kind_label(version: Version, plan: Schedule) -> str:
    return {"first": "First version", "material": "Material change", "editorial": "Editorial change"}[
        _kind_term(version, plan)
    ]


# ----- feed -------------------------------------------------------------------------------------
def atom_feed(
    versions: Sequence[Version], latest: Notice, base_url: str | None = None, today: dt.date | None = None
) -> str:
    """An Atom feed: an entry per published version when it was announced, and one more when a
    version announced ahead of its date has taken effect by `today` (stable ids; no clock read
    unless `today` is left out)."""
    versions = sorted(versions, key=lambda v: v.number)
    day = today or dt.date.today()
    base = (base_url.rstrip("/") + "/") if base_url else ""
    seed = f"notice-studio:{versions[0].commit}"
    title = " ".join(clean_text(latest.title).split())
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": latest.language or "en"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    # (when, id, title, version, summary) for every entry; newest first in the feed
    plan = schedule(versions, day)
    entries: list[tuple[str, str, str, Version, str, str]] = []
    for version in versions:
        effective = version.effective.isoformat() if version.effective else "date not recorded"
        summary = clean_text(version.change_notice).strip() or "No change notice was recorded."
        announced = _timestamp(version)
        replaced_by = plan.replaced_by(version)
        if replaced_by is not None:
            headline = (
                f"Version {version.number}, never in force (replaced by version {replaced_by.number} before it "
                f"took effect on {effective})"
            )
        elif plan.is_withdrawn(version):
            headline = (
                f"Version {version.number}, never in force (withdrawn before it was to take effect on {effective})"
            )
        else:
            headline = f"Version {version.number}, effective {effective}"
        # A version that will never take effect is updated when that was decided, so readers refresh it.
        updated = _ended(version, replaced_by) or announced
        entries.append((announced, version.name, headline, version, summary, updated))
        if (
            not plan.never_took_effect(version)
            and version.effective
            and version.effective <= day
            and _announced_ahead(version)
        ):
            entries.append(
                (
                    f"{version.effective.isoformat()}T00:00:00+00:00",
                    version.name + ":in-effect",
                    f"Version {version.number} is now in effect ({effective})",
                    version,
                    summary,
                    f"{version.effective.isoformat()}T00:00:00+00:00",
                )
            )
    entries.sort(key=lambda e: (_instant(e[0]), e[3].number, e[1]), reverse=True)
    newest_change = max((e[5] for e in entries), key=_instant)
    entries = entries[:FEED_ENTRIES]

    sub(feed, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}")
    sub(feed, "title", f"{title} \u2014 versions")
    sub(feed, "updated", newest_change)
    author = sub(feed, "author")
    sub(author, "name", " ".join(clean_text(latest.organisation).split()) or title)
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + "feed.xml")
    sub(feed, "link", rel="alternate", type="text/html", href=base + "changes.html")
    sub(feed, "generator", "Notice Studio")
    for when, key, entry_title, version, summary, updated in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed + ':' + key)}")
        sub(entry, "title", entry_title)
        sub(entry, "published", when)
        sub(entry, "updated", updated)
        sub(entry, "link", rel="alternate", type="text/html", href=f"{base}{version.name}.html")
        sub(entry, "category", term=_kind_term(version, plan), label=_kind_label(version, plan))
        sub(entry, "summary", summary, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _ended(version: Version, replaced_by: Version | None) -> str | None:
    """When it was decided that `version` never takes effect: the time the version replacing it
    was published, or the time it was withdrawn (None while it stands)."""
    if replaced_by is not None:
        return _timestamp(replaced_by)
    if version.withdrawn is not None and version.withdrawn.withdrawn_at:
        try:
            return dt.datetime.fromisoformat(version.withdrawn.withdrawn_at).isoformat()
        except ValueError:
            return None
    return None


def _timestamp(version: Version) -> str:
    """RFC 3339 time of publishing (the tag's date), or the effective date at midnight UTC."""
    if version.published_at:
        try:
            return dt.datetime.fromisoformat(version.published_at).isoformat()
        except ValueError:
            pass
    day = version.effective or dt.date(1970, 1, 1)
    return f"{day.isoformat()}T00:00:00+00:00"


def _announced_ahead(version: Version) -> bool:
    """True when the version was published before the day it took effect."""
    return version.effective is not None and _instant(_timestamp(version)).date() < version.effective


def _instant(stamp: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# ----- writing ----------------------------------------------------------------------------------
def _write_files(
    folder: Path,
    files: Mapping[str, str],
    redlines: bool,
    force: bool = False,
    digests: Mapping[str, str] | None = None,
) -> SiteResult:
    """Write the files that changed and the list of them; `digests`: what each version page is made
    from (a page among them but not in `files` was up to date, so left as it is)."""
    ours = _written_before(folder)
    changed = {rel: text for rel, text in files.items() if _bytes(folder / rel) != text.encode("utf-8")}
    others = [
        rel for rel in changed if (folder / rel).exists() and not (rel in ours and _ours(folder / rel, ours[rel]))
    ]
    if others and not force:
        more = f" (and {plural(len(others) - 1, 'other file')})" if len(others) > 1 else ""
        raise SiteOverwriteError(
            f"{folder / others[0]}{more} was not written by Notice Studio, or was changed since; "
            "choose another folder for the website or move it away."
        )
    folder.mkdir(parents=True, exist_ok=True)
    for rel, text in changed.items():
        write_atomic(folder / rel, text)
    listed = {rel: sha for rel, sha in ours.items() if sha} | {
        rel: _fingerprint(text.encode("utf-8")) for rel, text in files.items()
    }
    record: dict[str, object] = {"written by": "Notice Studio", "files": listed}
    if digests:
        record[MADE_FROM] = dict(digests)
    manifest = json.dumps(record, indent=1) + "\n"
    if _bytes(folder / MANIFEST) != manifest.encode("utf-8"):
        write_atomic(folder / MANIFEST, manifest)
    kept = tuple(rel for rel in digests or {} if rel not in files)
    unchanged = tuple(rel for rel in files if rel not in changed) + kept
    return SiteResult(folder, tuple(changed), unchanged, redlines)


def _up_to_date(folder: Path, digests: Mapping[str, str]) -> set[str]:
    """The version pages an earlier build made from what they would be made from now, and still
    as it wrote them: this build leaves them as they are, without reading or rendering them."""
    ours = _written_before(folder)
    try:
        before = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))[MADE_FROM]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    if not isinstance(before, dict):
        return set()
    return {
        rel
        for rel, digest in digests.items()
        if before.get(rel) == digest and ours.get(rel) and _ours(folder / rel, ours[rel])
    }


def _written_before(folder: Path) -> dict[str, str | None]:
    """The files an earlier build wrote (name -> fingerprint). A folder built before builds kept
    the list is recognised by its feed; the pages named as a build names them are taken as
    Notice Studio's (None: no fingerprint to compare)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
        return {str(rel): str(sha) for rel, sha in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    feed = _bytes(folder / "feed.xml") or b""
    if b"<generator>Notice Studio</generator>" in feed and not (folder / MANIFEST).exists():
        return dict.fromkeys((p.name for p in folder.iterdir() if _SITE_FILE_RE.fullmatch(p.name)), None)
    return {}


def _ours(path: Path, fingerprint: str | None) -> bool:
    return fingerprint is None or _fingerprint(_bytes(path) or b"") == fingerprint


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

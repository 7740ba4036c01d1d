"""History entries in plain words: the draft, published versions and saved edits, as one timeline.

Pure (no Qt, no git): the dock reads edits and versions from the store in the background and
turns them into these entries there.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from notice_studio.core.notice.store import Edit, Version, standing
from notice_studio.core.publishing.schedule import schedule
from notice_studio.core.render.common import format_date
from notice_studio.core.wording import plural

DRAFT, VERSION, EDIT = "draft", "version", "edit"
HEADING_MESSAGE_CHARS = 60
UNNAMED_AUTHOR = "Author not recorded"
"""Shown for an edit saved without a name (by another tool), so no line starts with ' · '."""


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the history: the draft, a published version or a saved edit."""

    kind: str
    ref: str
    """What to compare or restore: 'draft', 'v3' or a commit id."""
    title: str
    detail: str
    extra: str = ""
    tags: tuple[str, ...] = ()
    """Version names published from this edit."""
    material: bool = False
    reasons: tuple[str, ...] = ()
    """Warnings acknowledged with a reason when the version was published ('warning Reason: …')."""
    signature: str = ""
    """A version's signed tag in words ('Signed, verified (jane@example.org)', 'Signed, NOT verified');
    empty when the tag is not signed."""
    moment: str = ""
    """An edit's time to the second ('Today, 14:27:05'): two edits of the same minute differ."""
    withdraw_refusal: str = "Only a published version can be withdrawn."
    """Why this entry cannot be withdrawn ('' for an upcoming version that can)."""
    first: bool = False
    """The first version readers get (the schedule's: not a withdrawn or replaced version 1)."""

    @property
    def kind_tag(self) -> str:
        """A version's tag beside its title: 'First', 'Material' or 'Editorial'."""
        return "First" if self.first else "Material" if self.material else "Editorial"

    @property
    def kind_words(self) -> str:
        """A version's kind as the website's changes page names it."""
        return "First version" if self.first else "Material change" if self.material else "Editorial change"

    @property
    def reasons_line(self) -> str:
        n = len(self.reasons)
        return f"{plural(n, 'warning')} acknowledged with a reason" if n else ""

    @property
    def label(self) -> str:
        """How a sentence names this entry ('the edit of Today, 14:27:05 (3f2a9c1)')."""
        if self.kind == DRAFT:
            return "Draft"
        if self.kind == VERSION:
            return self.ref
        when = self.moment or self.detail.split(" · ")[-1]
        return f"the edit of {when} ({self.ref[:7]})"

    @property
    def heading(self) -> str:
        """How a heading names this entry: an edit with what it did ('Edit of Today, 14:27:05
        (3f2a9c1): Edited 'Cookies'')."""
        if self.kind != EDIT:
            return self.label
        what = self.title if len(self.title) <= HEADING_MESSAGE_CHARS else self.title[: HEADING_MESSAGE_CHARS - 1] + "…"
        return f"Edit of {self.label.removeprefix('the edit of ')}: {what}"

    @property
    def accessible_text(self) -> str:
        parts = [self.title, self.detail, self.extra]
        if self.kind == VERSION:
            parts.insert(1, self.kind_words)
        parts.append(self.signature)
        if self.tags:
            parts.append("Published as " + ", ".join(self.tags))
        parts += [f"Acknowledged: {r}" for r in self.reasons]
        return ". ".join(p for p in parts if p)


def local_time(when: str, now: dt.datetime | None = None, *, seconds: bool = False) -> str:
    """An ISO time as the reader's local time: 'Today, 14:05', 'Yesterday, 09:12', '3 March 2026, 14:05'
    (with `seconds`, 'Today, 14:05:09'); the day as the comparison and the published page write it."""
    try:
        moment = dt.datetime.fromisoformat(when).astimezone()
    except ValueError:
        return when
    now = now or dt.datetime.now().astimezone()
    clock = moment.strftime("%H:%M:%S" if seconds else "%H:%M")
    if moment.date() == now.date():
        return f"Today, {clock}"
    if moment.date() == now.date() - dt.timedelta(days=1):
        return f"Yesterday, {clock}"
    return f"{format_date(moment.date())}, {clock}"


def version_entry(
    version: Version, now: dt.datetime | None = None, signature: str = "", *, first: bool = False
) -> HistoryEntry:
    """`signature`: the Workspace's words for the version's signature ('signed, verified (…)', or '');
    `first`: it is the first version readers get."""
    effective = format_date(version.effective) if version.effective else "no effective date"
    title = f"Version {version.number} \u2014 effective {effective}"
    if version.withdrawn is not None:
        title = f"Version {version.number} \u2014 withdrawn (was to take effect {effective})"
    notice = " ".join(version.change_notice.split())
    people = [f"approved by {version.approved_by}"] if version.approved_by else []
    if version.withdrawn is not None:  # who withdrew it and why, as `withdraw --reason` recorded it
        why = " ".join(version.withdrawn.reason.split())
        people.insert(0, f"withdrawn by {version.withdrawn.withdrawn_by or 'unknown'}" + (f" ({why})" if why else ""))
    people.append(f"published by {version.published_by or 'unknown'}")
    if version.published_at:
        people.append(local_time(version.published_at, now))
    detail = " · ".join(people)
    return HistoryEntry(
        VERSION,
        version.name,
        title,
        detail[0].upper() + detail[1:],
        notice or "No change notice was written.",
        material=version.material,
        reasons=tuple(f"{warning.rstrip('.')}. Reason: {reason}" for warning, reason in version.reasons),
        signature=signature[:1].upper() + signature[1:],
        first=first,
    )


def edit_entry(
    edit: Edit,
    titles: dict[str, str],
    tags: tuple[str, ...] = (),
    now: dt.datetime | None = None,
    *,
    seconds: bool = False,
) -> HistoryEntry:
    """`seconds`: another edit in the list was saved in the same minute, so the time is given to
    the second, as the comparison names it ('Today, 14:27:05')."""
    names = [titles.get(c, c) for c in edit.clauses]
    unnamed = [n for n in names if f"'{n}'" not in edit.message]
    if len(unnamed) > 3:
        extra = f"{len(unnamed)} sections"
    elif unnamed:
        extra = "Sections: " + ", ".join(unnamed)
    else:
        extra = ""
    return HistoryEntry(
        EDIT,
        edit.commit,
        edit.message or "Edited the notice",
        f"{edit.author.strip() or UNNAMED_AUTHOR} · {local_time(edit.when, now, seconds=seconds)}",
        extra,
        tags,
        moment=local_time(edit.when, now, seconds=True),
    )


def draft_entry(versions: list[Version], edits_since: int | None) -> HistoryEntry:
    """The draft, told against the version it follows: the last one not withdrawn."""
    kept = standing(versions)
    if not kept:
        detail = "The text you are editing · not published yet"
    elif edits_since:
        detail = f"The text you are editing · {plural(edits_since, 'edit')} since {kept[-1].name}"
    else:
        detail = f"The text you are editing · same as {kept[-1].name}"
    return HistoryEntry(DRAFT, "draft", "Draft (unpublished changes)", detail)


def timeline(
    edits: list[Edit],
    versions: list[Version],
    titles: dict[str, str],
    edits_since: int | None = None,
    now: dt.datetime | None = None,
    signatures: Mapping[str, str] | None = None,
) -> list[HistoryEntry]:
    """Draft first, then edits newest first, each version just above the edit it tags.

    `signatures`: version name -> its signature in words (unsigned versions may be left out)."""
    signed = signatures or {}
    first = schedule(versions, (now or dt.datetime.now()).date()).first

    def entry(version: Version) -> HistoryEntry:
        is_first = first is not None and version.number == first.number
        return version_entry(version, now, signed.get(version.name, ""), first=is_first)

    by_commit: dict[str, list[Version]] = {}
    for version in versions:
        by_commit.setdefault(version.commit, []).append(version)
    entries = [draft_entry(versions, edits_since)]
    placed: set[int] = set()
    minutes = Counter(local_time(edit.when, now) for edit in edits)
    for edit in edits:
        tagged = sorted(by_commit.get(edit.commit, []), key=lambda v: v.number, reverse=True)
        for version in tagged:
            entries.append(entry(version))
            placed.add(version.number)
        same_minute = minutes[local_time(edit.when, now)] > 1
        entries.append(edit_entry(edit, titles, tuple(v.name for v in tagged), now, seconds=same_minute))
    # Versions published from edits older than those loaded still belong in the list.
    for version in sorted(versions, key=lambda v: v.number, reverse=True):
        if version.number not in placed:
            entries.append(entry(version))
    return entries

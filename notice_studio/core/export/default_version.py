"""Which version an export takes when the user does not say: the latest published, never the draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from notice_studio.core.notice.store import Version, standing
from notice_studio.core.render.common import format_date

DRAFT = "draft"


def default_export_version(versions: Sequence[Version]) -> str | None:
    """The latest published version's name (never a withdrawn one), or None when nothing is published yet."""
    kept = standing(versions)
    return kept[-1].name if kept else None


def is_draft(ref: str) -> bool:
    return ref in (DRAFT, "HEAD")


def draft_export_note(versions: Sequence[Version]) -> str:
    """One sentence saying what exporting the draft means (shown before the user confirms)."""
    latest = default_export_version(versions)
    if latest is None:
        return "Nothing is published yet, so this exports the unpublished draft; publish it first for your website."
    return (
        f"This exports the unpublished draft, not the published version {latest}; "
        "readers should see a draft only for review."
    )


def upcoming_export_note(name: str, versions: Sequence[Version], today: dt.date) -> str:
    """One sentence when version `name` is not in force yet, or never will be ('' otherwise): when
    it takes effect and which version it replaces, or which version replaced it before its date,
    and which version readers have until then."""
    from notice_studio.core.publishing.schedule import schedule

    chosen = next((v for v in versions if v.name == name), None)
    if chosen is None or chosen.effective is None:
        return ""
    plan = schedule(versions, today)
    replaced_by = plan.replaced_by(chosen)
    if replaced_by is not None:
        return (
            f"{name} was never in force: {replaced_by.name} replaced it before it took effect on "
            f"{format_date(chosen.effective)}; export {replaced_by.name} (or the version in force) for your website."
        )
    if plan.is_withdrawn(chosen):
        return (
            f"{name} was never in force: it was withdrawn before it was to take effect on "
            f"{format_date(chosen.effective)}; export the version in force for your website."
        )
    if not plan.is_upcoming(chosen):
        return ""
    parts = [f"{name} takes effect on {format_date(chosen.effective)}, and its page says so"]
    previous = plan.replaces(chosen)
    if previous is not None and previous is not plan.in_force:
        parts.append(f"it replaces {previous.name}, which takes effect on {_date(previous)}")
    current = plan.in_force
    if current is not None:
        nxt = plan.next_version
        until = "then" if nxt is chosen or nxt is None else _date(nxt)
        every = "both" if len(plan.timeline) - len(plan.past) <= 2 else "all of them"
        parts.append(
            f"{current.name} is in force until {until} (export it with --version {current.name}; "
            f"'site' builds the website with {every})"
        )
    elif previous is None:
        parts.append("no version is in force before it")
    elif previous is plan.upcoming[0]:
        parts.append("no version is in force before then")
    else:
        first = plan.upcoming[0]
        parts.append(f"the first, {first.name}, takes effect on {_date(first)}; no version is in force before then")
    return "; ".join(parts) + "."


def _date(version: Version) -> str:
    return format_date(version.effective) if version.effective else "its date"

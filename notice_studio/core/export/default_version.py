"""Which version an export takes when the user does not say: the latest published, never the draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from notice_studio.core.notice.store import Version
from notice_studio.core.render.common import format_date

DRAFT = "draft"


class _Named(Protocol):
    @property
    def name(self) -> str: ...


def default_export_version(versions: Sequence[_Named]) -> str | None:
    """The latest published version's name, or None when nothing is published yet."""
    return versions[-1].name if versions else None


def is_draft(ref: str) -> bool:
    return ref in (DRAFT, "HEAD")


def draft_export_note(versions: Sequence[_Named]) -> str:
    """One sentence saying what exporting the draft means (shown before the user confirms)."""
    latest = default_export_version(versions)
    if latest is None:
        return "Nothing is published yet, so this exports the unpublished draft; publish it first for your website."
    return (
        f"This exports the unpublished draft, not the published version {latest}; "
        "readers should see a draft only for review."
    )


def upcoming_export_note(name: str, versions: Sequence[Version], today: dt.date) -> str:
    """One sentence when version `name` has not taken effect on `today` ('' otherwise): its page
    says when it takes effect, and which version readers have until then."""
    from notice_studio.core.publishing.schedule import schedule, takes_effect_after

    chosen = next((v for v in versions if v.name == name), None)
    if chosen is None or chosen.effective is None or not takes_effect_after(chosen, today):
        return ""
    in_force = schedule(versions, today).in_force
    until = (
        f"{in_force.name} is in force until then (export it with --version {in_force.name}; "
        "'site' builds the website with both)"
        if in_force is not None
        else "no version is in force before it"
    )
    return f"{name} takes effect on {format_date(chosen.effective)}, and its page says so; {until}."

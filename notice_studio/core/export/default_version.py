"""Which version an export takes when the user does not say: the latest published, never the draft."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

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

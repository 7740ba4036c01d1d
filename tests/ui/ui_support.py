"""Helpers shared by the UI tests (import them from here, not from conftest)."""

from __future__ import annotations

from pathlib import Path

from notice_studio.core.notice.store import Author, NoticeRepo

UI_AUTHOR = Author("Uma Interface", "uma@example.com")


def make_notice_folder(path: Path, template: str | None = None, org: str = "Acme Ltd") -> Path:
    """A notice folder built from a shipped template (the default one if `template` is None)."""
    from notice_studio.core.library.templates import build_notice

    notice = build_notice(template, org, None)
    with NoticeRepo.create(path, notice, UI_AUTHOR):
        pass
    return path

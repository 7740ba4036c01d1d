"""What a version's page says about when it applies: one rule for the website folder and `export`."""

from __future__ import annotations

from markdown_it.common.utils import escapeHtml

from notice_studio.core.notice.store import Version
from notice_studio.core.publishing.schedule import Schedule
from notice_studio.core.render.common import format_date, labels


def version_status(version: Version, plan: Schedule, language: str, current_href: str | None = None) -> str:
    """The sentences a version's page opens with (escaped HTML).

    `current_href`: where the current version's page is (the website folder); without it (a page
    exported on its own) the current version is named in words, and only a version that is not in
    force yet, or never was, has a note ('' otherwise)."""
    when = escapeHtml(_when(version, language))
    current = plan.in_force

    def current_words(words: str) -> str:
        if current_href is not None:
            return f'<a href="{escapeHtml(current_href)}">{words}</a>'
        return f"version {current.number}" if current is not None else words

    read_current = (
        f' <a href="{escapeHtml(current_href)}">Read the current version</a>.' if current_href is not None else ""
    )
    following = plan.followed_by(version)
    replaced_by = plan.replaced_by(version)
    if replaced_by is not None:
        return (
            f"This is version {version.number} of this notice. It was never in force: version "
            f"{replaced_by.number} replaced it before it took effect on {when}.{read_current}"
        )
    if plan.is_withdrawn(version):
        return (
            f"This is version {version.number} of this notice. It was never in force: it was withdrawn before it "
            f"was to take effect on {when}.{read_current}"
        )
    if plan.is_upcoming(version):
        if current_href is None and current is None:
            return f"This is version {version.number} of this notice. It takes effect on {when}."
        return (
            f"This is version {version.number} of this notice. It takes effect on {when}; until then "
            f"{current_words('the current version')} applies."
        )
    if current_href is None:
        return ""
    if current is not None and version.number == current.number:
        text = f"This is version {version.number}, the current version, in effect from {when}."
        if following is not None:
            text += f" Version {following.number} takes effect on {escapeHtml(_when(following, language))}."
        return text
    until = escapeHtml(_when(following, language)) if following else ""
    return f"This is version {version.number} of this notice, in effect from {when} until {until}.{read_current}"


def exported_note(version: Version, plan: Schedule, language: str) -> tuple[str, str]:
    """(the note, the change notice) a version exported on its own carries: a version not in force
    yet says which version applies until then and what it changes; ('', '') for any other."""
    note = version_status(version, plan, language)
    if not note:
        return "", ""
    change_notice = version.change_notice.strip() if plan.is_upcoming(version) else ""
    return note, change_notice


def _when(version: Version, language: str) -> str:
    return format_date(version.effective, language) if version.effective else labels(language)["no_date"]

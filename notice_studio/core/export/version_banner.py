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
    words = labels(language)

    def say(key: str, **values: object) -> str:
        return escapeHtml(words[key]).format(**values)

    when = escapeHtml(_when(version, language))
    current = plan.in_force
    number = version.number

    def current_words(key: str) -> str:
        if current_href is not None:
            return f'<a href="{escapeHtml(current_href)}">{say(key)}</a>'
        return say("version_n", number=current.number) if current is not None else say(key)

    read_current = (
        f' <a href="{escapeHtml(current_href)}">{say("read_current")}</a>.' if current_href is not None else ""
    )
    following = plan.followed_by(version)
    replaced_by = plan.replaced_by(version)
    if replaced_by is not None:
        return say("banner_replaced", number=number, other=replaced_by.number, when=when) + read_current
    if plan.is_withdrawn(version):
        return say("banner_withdrawn", number=number, when=when) + read_current
    if plan.is_upcoming(version):
        if current_href is None and current is None:
            return say("banner_upcoming_alone", number=number, when=when)
        return say("banner_upcoming", number=number, when=when, current=current_words("the_current"))
    if current_href is None:
        return ""
    if current is not None and version.number == current.number:
        text = say("banner_current", number=number, when=when)
        if following is not None:
            text += say("banner_following", number=following.number, when=escapeHtml(_when(following, language)))
        return text
    until = escapeHtml(_when(following, language)) if following else ""
    return say("banner_past", number=number, when=when, until=until) + read_current


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

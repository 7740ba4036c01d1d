"""When published versions take effect: the version in force on a day, upcoming versions, the
next day the website must be rebuilt, the effective-date default and the advance-notice rule.

Pure functions over `Version` values and dates; "today" is always an argument so a website
build, a test or the publish dialog decide which day it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.notice.store import Version, next_version_number, standing
from notice_studio.core.render.common import format_date
from notice_studio.core.wording import plural

PUBLISHING = "publishing"
ADVANCE_NOTICE = "advance_notice_days"
MAX_ADVANCE_NOTICE = 366
FAR_AHEAD_DAYS = 366
"""An effective date further ahead than this needs a second look: later versions cannot come before it."""


@dataclass(frozen=True)
class Schedule:
    """The published versions as readers see them on one day.

    The one rule for "what is in force on a day and what comes next": the website, the export
    notes and the app all read it from here. A version takes effect on its date unless a later
    version takes effect on or before that date: the higher number wins, and the version it
    replaced was never in force."""

    today: dt.date
    in_force: Version | None
    """The latest version whose effective date has come (None before the first takes effect)."""
    upcoming: tuple[Version, ...]
    """Published versions that will take effect after today, soonest first (never one replaced
    before its date)."""
    past: tuple[Version, ...]
    """Versions that were in force before the current one, oldest first."""
    never_in_force: tuple[tuple[Version, Version], ...] = ()
    """(version, the version that replaced it) for each version replaced on or before its date."""
    withdrawn: tuple[Version, ...] = ()
    """Versions withdrawn before they took effect: never in force, and they replace nothing."""

    @property
    def timeline(self) -> tuple[Version, ...]:
        """Every version that is, was or will be in force, in the order they take effect."""
        return (*self.past, *([self.in_force] if self.in_force else []), *self.upcoming)

    @property
    def first(self) -> Version | None:
        """The first version readers get (None while none stands): not one withdrawn, or replaced
        before it took effect."""
        line = self.timeline
        return line[0] if line else None

    def is_first(self, version: Version) -> bool:
        """True for the first version readers get: the one a website badges *First version*."""
        return self.first is not None and self.first.number == version.number

    @property
    def next_version(self) -> Version | None:
        """The version that takes effect next (None when none is upcoming)."""
        return self.upcoming[0] if self.upcoming else None

    @property
    def next_change(self) -> dt.date | None:
        """The day the website must be built again: the next effective date, or None."""
        return self.upcoming[0].effective if self.upcoming else None

    def replaces(self, version: Version) -> Version | None:
        """The version in force just before `version` takes effect (None for the first)."""
        line = self.timeline
        i = _index(line, version)
        return line[i - 1] if i is not None and i > 0 else None

    def followed_by(self, version: Version) -> Version | None:
        """The version that takes over from `version` (None when nothing follows it)."""
        line = self.timeline
        i = _index(line, version)
        return line[i + 1] if i is not None and i + 1 < len(line) else None

    def replaced_by(self, version: Version) -> Version | None:
        """The version that replaced `version` before it took effect (None when it takes effect)."""
        return next((by for v, by in self.never_in_force if v.number == version.number), None)

    def is_withdrawn(self, version: Version) -> bool:
        """True when `version` was withdrawn before it took effect."""
        return _index(self.withdrawn, version) is not None

    def never_took_effect(self, version: Version) -> bool:
        """True when `version` was replaced or withdrawn before its date: readers never had it."""
        return self.replaced_by(version) is not None or self.is_withdrawn(version)

    def is_upcoming(self, version: Version) -> bool:
        """True when `version` will take effect after today."""
        return _index(self.upcoming, version) is not None


def _index(line: Sequence[Version], version: Version) -> int | None:
    return next((i for i, v in enumerate(line) if v.number == version.number), None)


def takes_effect_after(version: Version, today: dt.date) -> bool:
    """True when `version`'s date is after `today` (a version with no recorded date is in force)."""
    return version.effective is not None and version.effective > today


def published_on(version: Version) -> dt.date | None:
    """The day `version` was published (its tag's date as recorded), or None when not recorded."""
    try:
        return dt.datetime.fromisoformat(version.published_at).date() if version.published_at else None
    except ValueError:
        return None


def _replaced_before(version: Version, by: Version) -> bool:
    """True when `by` was published while `version` was still upcoming (a version published with
    the same date after that date has come replaces it from then on: readers had it meanwhile)."""
    day = published_on(by)
    return version.effective is None or day is None or day < version.effective


def _replaced_by(version: Version, kept: Sequence[Version]) -> list[Version]:
    """The later versions that took effect on or before `version`'s date and were published while
    it was still upcoming: the last of them replaced it (none for a version with no date)."""
    day = version.effective
    if day is None:
        return []
    return [
        w for w in kept if w.number > version.number and not takes_effect_after(w, day) and _replaced_before(version, w)
    ]


def schedule(versions: Sequence[Version], today: dt.date) -> Schedule:
    """Which published version is in force on `today`, which were, and which are still to come.

    A withdrawn version is left out of the line: it never takes effect and replaces nothing."""
    ordered = sorted(versions, key=lambda v: v.number)
    withdrawn = tuple(v for v in ordered if v.withdrawn is not None)
    kept = standing(ordered)
    never: list[tuple[Version, Version]] = []
    line: list[Version] = []
    for version in kept:
        winners = _replaced_by(version, kept)
        if winners:
            never.append((version, winners[-1]))
        else:
            line.append(version)
    started = [v for v in line if not takes_effect_after(v, today)]
    upcoming = [v for v in line if takes_effect_after(v, today)]
    in_force = started[-1] if started else None
    return Schedule(today, in_force, tuple(upcoming), tuple(started[:-1]), tuple(never), withdrawn)


def withdraw_problem(versions: Sequence[Version], name: str, today: dt.date) -> str:
    """Why version `name` may not be withdrawn on `today` ('' when it may).

    Only a version readers have never had can be withdrawn: one still to take effect, and the
    latest standing one (a later version was drafted and announced on top of it)."""
    version = next((v for v in versions if v.name == name), None)
    if version is None:
        return f"There is no published version '{name}'; 'notice-studio log' lists them."
    return _withdraw_problem(version, schedule(versions, today), standing(versions))


def withdraw_problems(versions: Sequence[Version], today: dt.date) -> dict[str, str]:
    """`withdraw_problem` for every version (name -> why not, '' when it may be withdrawn), from
    one schedule: the History dock asks for all of them on each refresh, hundreds of versions."""
    plan, kept = schedule(versions, today), standing(versions)
    return {v.name: _withdraw_problem(v, plan, kept) for v in versions}


def _withdraw_problem(version: Version, plan: Schedule, kept: Sequence[Version]) -> str:
    name = version.name
    if version.withdrawn is not None:
        return f"{name} is already withdrawn."
    replaced_by = plan.replaced_by(version)
    if replaced_by is not None:
        return f"{name} will never take effect ({replaced_by.name} replaced it), so there is nothing to withdraw."
    if not plan.is_upcoming(version):
        when = f" since {format_date(version.effective)}" if version.effective else ""
        return (
            f"{name} has been in force{when}, so readers have seen it and it stays in the record; "
            "to change it, publish a new version."
        )
    later = [v for v in kept if v.number > version.number]
    if later:
        return f"{later[-1].name} was published after {name} and builds on it; withdraw {later[-1].name} first."
    return ""


def replaced_versions(before: Sequence[Version], published: Version, today: dt.date) -> tuple[Version, ...]:
    """The upcoming versions that `published` keeps from ever taking effect (the schedule's rule)."""
    was = schedule(before, today)
    now = schedule([*before, published], today)
    return tuple(
        v
        for v in was.upcoming
        if v.effective is not None and (by := now.replaced_by(v)) is not None and by.number == published.number
    )


def replacement_notes(before: Sequence[Version], published: Version, today: dt.date) -> tuple[str, ...]:
    """One sentence for each upcoming version that `published` replaces before it takes effect
    ("v3 replaces v2, which was to take effect on 12 January 2027 and now never will")."""
    return tuple(
        f"{published.name} replaces {v.name}, which was to take effect on {format_date(v.effective)} "
        "and now never will."
        for v in replaced_versions(before, published, today)
        if v.effective is not None
    )


def _next_version(before: Sequence[Version], effective: dt.date, today: dt.date) -> Version:
    """The version publishing today with `effective` would make (its text aside)."""
    return Version(next_version_number(before), "", effective, False, "", "", "", today.isoformat())  # published today


def compared_with(before: Sequence[Version], effective: dt.date | None, today: dt.date) -> Version | None:
    """The version readers will have had in force just before a new version taking effect on
    `effective`: what its change notice tells them about. None when none will have been: nothing
    is published, or every version published so far is still to take effect and the new one
    replaces them all (readers never had a version it replaces, so there is nothing to compare with).

    The latest standing version, unless the new one replaces it before it takes effect (then the
    one before that, and so on): readers never had a replaced version, so its changes are news too.
    With no date, the latest standing version."""
    latest = standing(before)
    if effective is None or not latest:
        return latest[-1] if latest else None
    candidate = _next_version(before, effective, today)
    return schedule([*before, candidate], today).replaces(candidate)


def replacement_preview(before: Sequence[Version], effective: dt.date, today: dt.date) -> tuple[str, ...]:
    """Before publishing: one sentence for each upcoming version the next one would replace if it
    took effect on `effective` ("v3 would replace v2, which is to take effect on 12 January 2027;
    v2 would then never take effect"), for the date field of the publish dialog."""
    candidate = _next_version(before, effective, today)
    return tuple(
        f"{candidate.name} would replace {v.name}, which is to take effect on {format_date(v.effective)}; "
        f"{v.name} would then never take effect."
        for v in replaced_versions(before, candidate, today)
        if v.effective is not None
    )


# ----- the effective-date default ---------------------------------------------------------------
def next_working_day(day: dt.date) -> dt.date:
    """`day` itself on Monday to Friday, else the Monday after."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def default_effective_date(today: dt.date, previous: dt.date | None = None) -> dt.date:
    """The date a new version is proposed to take effect: today, or the next working day when
    today is a weekend day. When the previous version is still to take effect, the working day
    after its date: an earlier date is refused, and its own date would replace it (it would then
    never take effect), which a person must choose, not be given by default."""
    proposed = next_working_day(today)
    if previous is not None and previous >= proposed and previous > today:
        return next_working_day(previous + dt.timedelta(days=1))
    return proposed


def following_note(before: Sequence[Version], effective: dt.date, today: dt.date) -> str:
    """The sentence beside the date when the next version would follow an upcoming one rather
    than replace it ("v3 follows v2, which takes effect on …; choose that date to replace v2"), or ''."""
    candidate = _next_version(before, effective, today)
    plan = schedule([*before, candidate], today)
    previous = plan.replaces(candidate)
    if previous is None or not plan.is_upcoming(previous) or previous.effective is None:
        return ""
    return (
        f"{candidate.name} takes effect after {previous.name}, which takes effect on "
        f"{format_date(previous.effective)}; to replace {previous.name} instead (it would then never take "
        f"effect), choose {format_date(previous.effective)}."
    )


# ----- advance notice of material changes -------------------------------------------------------
def advance_notice_days(notice: Notice) -> int | None:
    """The notice's advance-notice period for material changes in days, or None when not set."""
    publishing = notice.settings.get(PUBLISHING)
    if not isinstance(publishing, Mapping):
        return None
    value = publishing.get(ADVANCE_NOTICE)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value


def set_advance_notice_days(notice: Notice, days: int | None) -> None:
    """Set (or, with None or 0, clear) the advance-notice period stored in notice.yaml."""
    if days is not None and not 0 <= days <= MAX_ADVANCE_NOTICE:
        raise NoticeError(
            f"An advance-notice period of {days} days is not possible; give a number of days from 0 to "
            f"{MAX_ADVANCE_NOTICE}."
        )
    current = notice.settings.get(PUBLISHING)
    publishing = dict(current) if isinstance(current, Mapping) else {}
    if days:
        publishing[ADVANCE_NOTICE] = days
    else:
        publishing.pop(ADVANCE_NOTICE, None)
    if publishing:
        notice.settings[PUBLISHING] = publishing
    else:
        notice.settings.pop(PUBLISHING, None)


def effective_date_warning(
    material: bool, effective: dt.date, today: dt.date, days: int | None, *, stated: dt.date | None = None
) -> str | None:
    """One sentence when the effective date needs a second look: a date in the past (but for the
    date an imported notice states for itself, `stated`, on its first version), a date more than a
    year ahead (every later version must take effect on or after it), or a material
    change taking effect sooner than the notice period allows. Dates are written as the date field,
    the published page and every other sentence of the app write them ("1 December 2026")."""
    if effective < today and effective != stated:
        ago = plural((today - effective).days, "day")
        if material:
            return (
                f"This material change would take effect on {format_date(effective)}, {ago} ago, before readers "
                f"could be told of it; choose {format_date(today)} or later, unless it truly applied from then."
            )
        return (
            f"The effective date {format_date(effective)} is {ago} ago: the page would say it was last updated then, "
            "though it is published today; keep it only if this text truly took effect on that day."
        )
    if (effective - today).days > FAR_AHEAD_DAYS:
        return (
            f"The effective date {format_date(effective)} is more than a year away, and no later version can take "
            "effect before it; check the date is not mistyped."
        )
    if not material or not days:
        return None
    earliest = today + dt.timedelta(days=days)
    if effective >= earliest:
        return None
    given = (effective - today).days
    sooner = "today" if given <= 0 else f"in {plural(given, 'day')}"
    return (
        f"This material change takes effect {sooner}, but this notice gives {days} days' notice of material "
        f"changes; choose {format_date(earliest)} or later, or publish it as editorial if it is."
    )

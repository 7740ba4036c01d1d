"""Publishing rules: effective-date default, advance notice of material changes, the schedule."""

from __future__ import annotations

import datetime as dt

import pytest
from notice_support import AUTHOR

from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.store import NoticeRepo, Version
from notice_studio.core.publishing.schedule import (
    advance_notice_days,
    default_effective_date,
    effective_date_warning,
    schedule,
    set_advance_notice_days,
)

WEDNESDAY = dt.date(2026, 12, 2)
SATURDAY = dt.date(2026, 12, 5)


def version(number: int, effective: dt.date | None) -> Version:
    return Version(number, f"c{number}", effective, True, "", "", "", "")


@pytest.mark.parametrize(
    ("today", "previous", "expected"),
    [
        (WEDNESDAY, None, WEDNESDAY),
        (SATURDAY, None, dt.date(2026, 12, 7)),
        (SATURDAY + dt.timedelta(days=1), dt.date(2026, 11, 1), dt.date(2026, 12, 7)),
        # an upcoming previous version: the working day after it, so the default does not replace it
        (WEDNESDAY, dt.date(2027, 1, 15), dt.date(2027, 1, 18)),
        (WEDNESDAY, dt.date(2027, 1, 12), dt.date(2027, 1, 13)),
    ],
)
def test_default_effective_date(today: dt.date, previous: dt.date | None, expected: dt.date) -> None:
    assert default_effective_date(today, previous) == expected


def test_effective_date_warning() -> None:
    assert effective_date_warning(True, WEDNESDAY + dt.timedelta(days=10), WEDNESDAY, None) is None
    assert effective_date_warning(False, WEDNESDAY, WEDNESDAY, 30) is None
    assert effective_date_warning(True, WEDNESDAY + dt.timedelta(days=30), WEDNESDAY, 30) is None
    warning = effective_date_warning(True, WEDNESDAY + dt.timedelta(days=10), WEDNESDAY, 30)
    assert warning is not None
    assert warning.startswith("This material change takes effect in 10 days, but this notice gives 30 days' notice")
    assert "choose 1 January 2027 or later" in warning  # as the date field and the page write it
    assert "takes effect today" in (effective_date_warning(True, WEDNESDAY, WEDNESDAY, 30) or "")


def test_advance_notice_setting_is_kept_in_notice_yaml(repo: NoticeRepo) -> None:
    notice = repo.load()
    assert advance_notice_days(notice) is None
    set_advance_notice_days(notice, 30)
    repo.save(notice, "Set the advance-notice period", AUTHOR)
    text = (repo.path / "notice.yaml").read_text(encoding="utf-8")
    assert "publishing:" in text and "advance_notice_days: 30" in text
    reloaded = repo.load()
    assert advance_notice_days(reloaded) == 30
    set_advance_notice_days(reloaded, None)
    assert advance_notice_days(reloaded) is None and "publishing" not in reloaded.settings
    with pytest.raises(NoticeError, match="from 0 to 366"):
        set_advance_notice_days(reloaded, 1000)


def test_a_malformed_setting_reads_as_unset(repo: NoticeRepo) -> None:
    notice = repo.load()
    for value in ("thirty", -5, True, None):
        notice.settings["publishing"] = {"advance_notice_days": value}
        assert advance_notice_days(notice) is None


def test_schedule() -> None:
    versions = [version(1, dt.date(2026, 12, 15)), version(2, dt.date(2027, 1, 15)), version(3, None)]
    before = schedule(versions[:2], dt.date(2026, 12, 1))
    assert before.in_force is None and [v.number for v in before.upcoming] == [1, 2]
    assert before.next_change == dt.date(2026, 12, 15)
    between = schedule(versions[:2], dt.date(2026, 12, 20))
    assert between.in_force is versions[0] and between.upcoming == (versions[1],)
    assert between.next_change == dt.date(2027, 1, 15)
    on_the_day = schedule(versions[:2], dt.date(2027, 1, 15))
    assert on_the_day.in_force is versions[1] and on_the_day.past == (versions[0],) and on_the_day.next_change is None
    undated = schedule(versions, dt.date(2026, 12, 20))
    assert undated.in_force is versions[2]  # a version with no recorded date counts as in force

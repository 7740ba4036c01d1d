"""An effective date in the past needs a second look (found by the app's bug bash): a material
change dated before today would have applied before readers could be told; any other version
would claim a 'last updated' day before it was published. The date an imported notice states
for itself is its first version's own date and is not questioned."""

from __future__ import annotations

import datetime as dt

from notice_studio.core.publishing.schedule import effective_date_warning
from notice_studio.core.render.common import format_date

TODAY = dt.date(2026, 12, 3)


def test_a_material_change_dated_in_the_past_is_a_warning() -> None:
    said = effective_date_warning(True, dt.date(2026, 11, 20), TODAY, None)
    assert said == (
        "This material change would take effect on 20 November 2026, 13 days ago, before readers could be told of it; "
        "choose 3 December 2026 or later, unless it truly applied from then."
    )


def test_any_version_dated_in_the_past_is_a_warning() -> None:
    said = effective_date_warning(False, dt.date(2019, 3, 1), TODAY, None)
    assert said is not None and said.startswith("The effective date 1 March 2019 is 2834 days ago")
    assert effective_date_warning(False, TODAY - dt.timedelta(days=1), TODAY, 30).startswith(  # type: ignore[union-attr]
        "The effective date 2 December 2026 is 1 day ago"
    )


def test_today_the_future_and_an_imported_notices_own_date_are_fine() -> None:
    assert effective_date_warning(True, TODAY, TODAY, None) is None
    assert effective_date_warning(False, dt.date(2027, 1, 4), TODAY, None) is None
    stated = dt.date(2024, 5, 1)
    assert effective_date_warning(False, stated, TODAY, None, stated=stated) is None
    assert effective_date_warning(False, dt.date(2024, 5, 2), TODAY, None, stated=stated) is not None


def test_the_advance_notice_rule_still_applies_to_future_dates() -> None:
    said = effective_date_warning(True, TODAY + dt.timedelta(days=5), TODAY, 30)
    assert said is not None and said.startswith("This material change takes effect in 5 days")


def test_publish_says_to_change_the_date_when_that_is_the_warning(tmp_path, capsys) -> None:
    """The date's warning is not the checks': the sentence says to choose another date, not to run check."""
    from test_checks_cli import clean_notice, make

    from notice_studio.cli import main

    folder = make(tmp_path, clean_notice())
    past = dt.date.today() - dt.timedelta(days=3)
    assert main(["publish", folder, "--effective", past.isoformat()]) == 1
    err = capsys.readouterr().err
    assert f"The effective date {format_date(past)} is 3 days ago" in err
    assert "choose another --effective date, or publish again with --force to acknowledge it" in err
    assert "notice-studio check" not in err and err.count("\n") == 1

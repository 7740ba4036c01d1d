"""An effective date far ahead needs a second look (found by the publishing bug bash): a mistyped
'9999-12-31' was accepted silently, and no later version could then take effect before it."""

from __future__ import annotations

import datetime as dt

from notice_studio.core.publishing.schedule import effective_date_warning
from notice_studio.core.render.common import format_date

TODAY = dt.date(2026, 12, 3)


def test_a_date_more_than_a_year_ahead_is_a_warning_for_either_kind() -> None:
    for material in (True, False):
        said = effective_date_warning(material, dt.date(9999, 12, 31), TODAY, None)
        assert said == (
            "The effective date 31 December 9999 is more than a year away, and no later version can take effect "
            "before it; check the date is not mistyped."
        )


def test_up_to_a_year_ahead_is_fine() -> None:
    assert effective_date_warning(False, TODAY + dt.timedelta(days=366), TODAY, None) is None
    assert effective_date_warning(True, TODAY + dt.timedelta(days=366), TODAY, 366) is None
    assert effective_date_warning(False, TODAY + dt.timedelta(days=367), TODAY, None) is not None


def test_publish_refuses_a_far_date_until_forced(tmp_path, capsys) -> None:
    from test_checks_cli import clean_notice, make

    from notice_studio.cli import main

    folder = make(tmp_path, clean_notice())
    far = dt.date.today() + dt.timedelta(days=800)
    assert main(["publish", folder, "--effective", far.isoformat(), "--summary", "First version."]) == 1
    err = capsys.readouterr().err
    assert f"The effective date {format_date(far)} is more than a year away" in err
    assert "choose another --effective date, or publish again with --force to acknowledge it" in err
    assert main(["publish", folder, "--effective", far.isoformat(), "--summary", "First version.", "--force"]) == 0
    assert f"effective {far.isoformat()}" in capsys.readouterr().out

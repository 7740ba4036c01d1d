"""The date a notice states for itself, in the forms counsel type, offered for version 1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notice_studio.core.importer import build_notice, import_file, preview_report
from notice_studio.core.importer.dates import offered_effective_date, parse_date, stated_date

FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("This notice was last updated on Oct. 1st, 2021.", dt.date(2021, 10, 1)),
        ("Last updated: 1 October 2021", dt.date(2021, 10, 1)),
        ("Effective date: 2021-10-01", dt.date(2021, 10, 1)),
        ("Effective from June 01, 2023", dt.date(2023, 6, 1)),
        ("Last revised: 3rd of March 2020", dt.date(2020, 3, 3)),
        ("Last revised: 01/10/2021", dt.date(2021, 10, 1)),
        ("Updated on September 2022", dt.date(2022, 9, 1)),
    ],
)
def test_typed_dates_are_recognised(line: str, expected: dt.date) -> None:
    found = stated_date(f"Our riders come first.\n{line}\nWe hire bicycles.")
    assert found is not None
    assert found[0] == expected
    assert found[1] == line


def test_a_date_without_a_lead_in_is_not_the_notice_date() -> None:
    assert stated_date("We keep records updated and archived since 12 May 2019.") is None
    assert parse_date("Founded on 12 May 2019 in Alnmouth") == dt.date(2019, 5, 12)
    assert parse_date("No date here") is None


def test_imported_date_offered_as_first_version_date() -> None:
    outline = import_file(FIXTURES / "browser_copy.txt")
    notice = build_notice(outline)
    assert offered_effective_date(notice.settings) == dt.date(2021, 10, 1)
    report = preview_report(outline)
    assert report.stated_date == "2021-10-01"
    typed = [f for f in report.findings if f.rule == "import-typed-date"]
    assert len(typed) == 1 and "2021-10-01" in typed[0].message
    assert not any(f.rule == "last-updated-typed" for f in report.findings)  # said once, not twice


def test_no_date_no_offer() -> None:
    assert offered_effective_date({}) is None
    assert offered_effective_date({"imported_effective": "not a date"}) is None


def test_a_date_alone_under_the_title_is_the_notice_date(tmp_path: Path) -> None:
    path = tmp_path / "ferries.txt"
    path.write_text(
        "Kestrel Ferries Privacy Notice\n\n4 March 2025\n\nWe run the crossing between the two harbours.\n\n"
        "Bookings\n\nWe keep bookings for two years, counted from 1 May 2019 onwards.\n\n"
        "Cameras\n\n17 June 2024\n\nThe car deck is filmed.\n",
        encoding="utf-8",
    )
    outline = import_file(path)
    assert offered_effective_date(build_notice(outline).settings) == dt.date(2025, 3, 4)
    report = preview_report(outline)
    typed = [f for f in report.findings if f.rule == "import-typed-date"]
    assert report.stated_date == "2025-03-04" and len(typed) == 1 and "'4 March 2025'" in typed[0].message
    # further down, a date alone on a line is not the notice's date, nor one inside a sentence
    assert stated_date("We run ferries.\n\n17 June 2024", opening=True) is None
    assert stated_date("17 June 2024", opening=False) is None

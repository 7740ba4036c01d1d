"""`publish --effective` takes a date written YYYY-MM-DD, as its help and message say; anything
else is a usage error (exit 2), as the README says of usage errors (found by the publishing bug bash)."""

from __future__ import annotations

import json

import pytest

from notice_studio.cli import main


@pytest.mark.parametrize("given", ["20270112", "2027-1-12", "12/01/2027", "2027-02-30", "tomorrow", "2027-W02-2"])
def test_a_date_not_written_yyyy_mm_dd_is_a_usage_error(tmp_path, capsys, given: str) -> None:
    from test_checks_cli import clean_notice, make

    folder = make(tmp_path, clean_notice())
    assert main(["publish", folder, "--effective", given, "--summary", "First version."]) == 2
    err = capsys.readouterr().err
    assert f"'{given}' is not a date; write it as YYYY-MM-DD, for example 2026-01-31" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["log", folder, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["versions"] == []  # nothing published

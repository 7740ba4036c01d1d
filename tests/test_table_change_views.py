"""A table's changed cells, rows and columns as each view of a comparison shows them: the
`diff` command's JSON, the Word redline's summary and the HTML redline, all from one record."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from notice_studio.cli import main
from notice_studio.core.notice.model import Clause, Table
from notice_studio.core.notice.store import Author, NoticeRepo

AUTHOR = Author("Jane Counsel", "jane@example.com")  # as in tests/conftest.py

COLUMNS = ["Name", "Purpose", "Duration", "Provider"]


@pytest.fixture
def cookies(repo: NoticeRepo) -> str:
    """A notice whose version 1 lists four cookies; the draft changes three cells in two rows,
    adds a row and takes one out."""
    notice = repo.load()
    notice.add(Clause("cookies", "Cookies", "These are our cookies:\n\n[[table:cookies]]", topics=["cookies"]))
    notice.tables["cookies"] = Table(
        list(COLUMNS),
        [
            ["session_id", "Keeps you signed in", "Session", "Us"],
            ["analytics_id", "Counts page visits", "13 months", "Example Analytics"],
            ["lang", "Keeps your language", "1 year", "Us"],
            ["promo_seen", "Notes a closed banner", "30 days", "Us"],
        ],
    )
    repo.save(notice, "Cookie list", AUTHOR)
    repo.publish(dt.date(2026, 1, 1), "First version.", True, "GC", AUTHOR)
    notice = repo.load()
    rows = notice.tables["cookies"].rows
    rows[1][2], rows[1][3] = "25 months", "Example Analytics Ltd"
    rows[2][1] = "Keeps the language you chose"
    del rows[3]
    rows.append(["theme", "Keeps dark mode on", "12 months", "Us"])
    repo.save(notice, "Cookie edits", AUTHOR)
    folder = str(repo.path)
    repo.close()
    return folder


def test_json_carries_each_changed_cell_with_its_old_and_new_value(
    cookies: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", cookies, "v1", "draft", "--format", "json"]) == 0
    (table,) = json.loads(capsys.readouterr().out)["tables"]
    assert table["old_columns"] == COLUMNS and table["new_columns"] == COLUMNS
    rows = {row["key"]: row for row in table["rows"]}
    analytics = rows["analytics_id"]
    # the keys there were before stay as they were
    assert analytics["kind"] == "modified" and analytics["changed_columns"] == ["Duration", "Provider"]
    assert analytics["old"][2] == "13 months" and analytics["new"][2] == "25 months"
    assert analytics["cells"] == [
        {"column": "Duration", "old": "13 months", "new": "25 months"},
        {"column": "Provider", "old": "Example Analytics", "new": "Example Analytics Ltd"},
    ]
    assert analytics["label"] == "analytics_id"
    assert rows["lang"]["cells"] == [
        {"column": "Purpose", "old": "Keeps your language", "new": "Keeps the language you chose"}
    ]
    assert rows["theme"]["cells"] == [] and rows["theme"]["old"] is None
    assert rows["promo_seen"]["cells"] == [] and rows["promo_seen"]["new"] is None

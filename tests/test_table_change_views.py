"""A table's changed cells, rows and columns as each view of a comparison shows them: the
`diff` command's JSON, the Word redline's summary and the HTML redline, all from one record."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path

import html5lib
import pytest
from docx import Document

from notice_studio.cli import main
from notice_studio.core.export.redline_docx import redline_docx_bytes
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.notice.store import Author, NoticeRepo

AUTHOR = Author("Jane Counsel", "jane@example.com")  # as in tests/conftest.py

COLUMNS = ["Name", "Purpose", "Duration", "Provider"]
NS = "{http://www.w3.org/1999/xhtml}"


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


def _summary_lines(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "List Bullet"]


def test_word_redline_summary_counts_rows_in_plain_english(cookies: str, tmp_path: Path) -> None:
    out = tmp_path / "changes.docx"
    assert main(["diff", cookies, "v1", "draft", "--format", "docx", "--out", str(out)]) == 0
    lines = _summary_lines(Document(str(out)))
    assert "Table cookies: 2 rows changed, 1 row added, 1 row removed." in lines
    assert not any("row changes" in line for line in lines)


@pytest.mark.parametrize(
    ("edit", "told"),
    [
        ("one cell", "1 row changed."),
        ("two rows", "2 rows changed."),
        ("one column", "1 column added."),
        ("two columns", "2 columns added."),
        ("one gone", "1 column removed."),  # its values go with it: no row counted as changed
        ("filled column", "2 rows changed, 1 column added."),  # its values are new words
        ("new table", "Table added (2 rows)."),
    ],
)
def test_word_redline_summary_says_one_and_many_rightly(edit: str, told: str) -> None:
    old = Notice(title="N")
    old.add(Clause("cookies", "Cookies", "[[table:cookies]]"))
    old.tables["cookies"] = Table(["Name", "Duration", "Provider"], [["a", "1 day", "Us"], ["b", "2 days", "Us"]])
    new = copy.deepcopy(old)
    table = new.tables["cookies"]
    if edit == "one cell":
        table.rows[0][1] = "3 days"
    elif edit == "two rows":
        table.rows[0][1], table.rows[1][1] = "3 days", "4 days"
    elif edit in ("one column", "two columns"):
        extra = ["Type"] if edit == "one column" else ["Type", "Kind"]
        new.tables["cookies"] = Table(table.columns + extra, [row + [""] * len(extra) for row in table.rows])
    elif edit == "filled column":
        new.tables["cookies"] = Table([*table.columns, "Type"], [[*row, "essential"] for row in table.rows])
    elif edit == "one gone":
        new.tables["cookies"] = Table(table.columns[:2], [row[:2] for row in table.rows])
    else:
        del old.tables["cookies"]
    document = Document(io.BytesIO(redline_docx_bytes(old, new)))
    assert f"Table cookies: {told}" in _summary_lines(document)


def test_a_removed_column_is_one_column_removed_not_every_row_changed() -> None:
    from notice_studio.core.diff.changes import draft_change_notice
    from notice_studio.core.diff.notices import diff_notices

    old = Notice(title="N")
    old.add(Clause("cookies", "Cookies", "[[table:cookies]]"))
    old.tables["cookies"] = Table(list(COLUMNS), [["a", "Signs you in", "1 day", "Us"], ["b", "Counts", "2 days", "X"]])
    new = copy.deepcopy(old)
    new.tables["cookies"] = Table(COLUMNS[:3], [row[:3] for row in old.tables["cookies"].rows])
    (table,) = diff_notices(old, new).tables
    assert table.rows == () and table.columns_removed == ("Provider",)
    assert table.counts() == "1 column removed."
    text = draft_change_notice(diff_notices(old, new)).text
    assert "we removed the column Provider" in text and "changed" not in text


def test_change_notice_counts_one_unnamed_entry_as_one_entry() -> None:
    from notice_studio.core.diff.changes import draft_change_notice
    from notice_studio.core.diff.notices import diff_notices

    old = Notice(title="N")
    old.add(Clause("cookies", "Cookies", "[[table:cookies]]"))
    old.tables["cookies"] = Table(["Name", "Duration"], [["a", "1 day"]])
    new = copy.deepcopy(old)
    new.tables["cookies"].rows.append(["", "2 days"])  # a row with no name yet
    assert "we added 1 entry." in draft_change_notice(diff_notices(old, new)).text


def test_word_redline_keeps_a_cell_old_and_new_value_apart(cookies: str, tmp_path: Path) -> None:
    """Shown with the changes, a changed cell reads '13 months 25 months', not '13 months25 months';
    accepting gives the new value alone."""
    out = tmp_path / "changes.docx"
    assert main(["diff", cookies, "v1", "draft", "--format", "docx", "--out", str(out)]) == 0
    (table,) = Document(str(out)).tables
    cells = {row.cells[0].text: row.cells for row in table.rows}
    duration = cells["analytics_id"][2]._tc
    assert duration.xpath("string(.)") == "13 months 25 months"
    assert "".join(duration.xpath(".//w:t/text()")) == "25 months"  # w:t is what accepting keeps


def seen(element) -> str:
    """An element's words as they show on the page (not the screen-reader-only 'inserted: ')."""
    hidden = element.get("class") == "visually-hidden"
    return "" if hidden else (element.text or "") + "".join(seen(child) + (child.tail or "") for child in element)


def test_html_redline_shows_a_changed_table_as_a_table(cookies: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Its changed rows under the headings, each saying what happened, a changed cell its old
    value deleted and its new one inserted; not each row's cells joined with '|'."""
    assert main(["diff", cookies, "v1", "draft", "--format", "html"]) == 0
    page = html5lib.parse(capsys.readouterr().out)
    section = page.find(f".//{NS}section[@id='redline-tables']")
    assert section is not None and " | " not in "".join(section.itertext())
    (table,) = section.iter(f"{NS}table")
    heads = [
        "".join(th.itertext()) for th in table.find(f"{NS}thead").iter(f"{NS}th")
    ]  # each row's first cell is its header
    assert heads == ["Change", *COLUMNS]
    rows = {seen(tr[1]): tr for tr in table.find(f"{NS}tbody")}
    analytics = rows["analytics_id"]
    assert "".join(analytics[0].itertext()) == "Changed: Duration, Provider"
    duration = analytics[COLUMNS.index("Duration") + 1]
    (deleted,) = duration.iter(f"{NS}del")
    (inserted,) = duration.iter(f"{NS}ins")
    assert "13 months" in "".join(deleted.itertext()) and "25 months" in "".join(inserted.itertext())
    assert "".join(rows["theme"][0].itertext()) == "Added" and "".join(rows["promo_seen"][0].itertext()) == "Removed"
    assert "2 rows changed, 1 row added, 1 row removed." in "".join(section.itertext())

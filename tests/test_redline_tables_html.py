"""The HTML redline's changed tables for every reader: a wide table listed row by row as the
comparison window lists it, a narrow one in a named box the keyboard reaches, rows headed by
what happened to them, and inserted words said once (found by the accessibility bug bash)."""

from __future__ import annotations

import html5lib

from notice_studio.core.diff.table_rows import GRID_COLUMNS
from notice_studio.core.export.redline import redline_html
from notice_studio.core.notice.model import Clause, Notice, Table

WIDE = ["Name", "Provider", "Purpose", "Duration", "Category"]


def _notice(columns: list[str], rows: list[list[str]], body: str = "Some words.") -> Notice:
    notice = Notice(title="Test notice")
    notice.add(Clause(id="cookie-list", title="Cookies we set", body=body + "\n\n[[table:cookies]]"))
    notice.tables["cookies"] = Table(list(columns), [list(r) for r in rows])
    return notice


def _page(old: Notice, new: Notice):
    return html5lib.parse(redline_html(old, new), namespaceHTMLElements=False)


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_a_table_wider_than_the_grid_is_listed_row_by_row() -> None:
    old = _notice(WIDE, [["stat_id", "Stats firm", "Counts visits", "13 months", "Analytics"]])
    new = _notice(
        WIDE,
        [
            ["stat_id", "Stats firm", "Counts visits", "25 months", "Analytics"],
            ["basket", "Us", "Keeps your basket", "1 day", "Necessary"],
        ],
    )
    assert len(WIDE) > GRID_COLUMNS
    doc = _page(old, new)
    section = doc.find(".//section[@id='redline-tables']")
    assert section.find(".//table") is None  # no grid to scroll sideways on a phone
    items = section.findall(".//ul[@class='redline-table-rows']/li")
    assert [_words(i.find("p")) for i in items] == ["stat_id \u2014 Changed: Duration", "basket \u2014 Added"]
    changed = items[0].find("dl")
    assert [_words(e) for e in changed][:1] == ["Duration"]
    assert "13 months" in _words(changed.find("dd/del")) and "25 months" in _words(changed.find("dd/ins"))
    assert [_words(dt) for dt in items[1].findall("dl/dt")] == WIDE


def test_a_narrow_table_sits_in_a_named_focusable_box_with_row_headers() -> None:
    columns = ["Name", "Duration"]
    doc = _page(_notice(columns, [["stat_id", "13 months"]]), _notice(columns, [["stat_id", "25 months"]]))
    section = doc.find(".//section[@id='redline-tables']")
    assert _words(section.find("h3")).startswith("Cookies ")  # the table's title, not its id
    wrap = section.find(".//div[@class='ns-table-wrap']")
    assert wrap.get("tabindex") == "0" and wrap.get("role") == "region"
    assert wrap.get("aria-label") == "Changed rows of Cookies"
    header = wrap.find(".//tbody/tr/th")
    assert header.get("scope") == "row" and _words(header) == "Changed: Duration"


def test_words_inserted_together_are_announced_once() -> None:
    old = Notice(title="Test notice")
    old.add(Clause(id="keeping", title="Keeping", body="- **tax:** we keep invoices."))
    new = Notice(title="Test notice")
    new.add(Clause(id="keeping", title="Keeping", body="- **tax:** we keep invoices.\n- **care:** we keep notes."))
    doc = _page(old, new)
    item = doc.findall(".//li")[-1]
    assert _words(item).count("inserted:") == 1

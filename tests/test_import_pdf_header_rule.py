"""A PDF table with a line drawn under its header row only (no other borders): the header ends at the
line, and the rows below are told apart as in a table without lines, whatever white the line adds.

The PDFs are Word files written with python-docx and printed to PDF by LibreOffice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from notice_support import NO_SOFFICE, SOFFICE, libreoffice_convert

from notice_studio.core.importer import found_tables, import_file

ROWS = [
    ("Name of the cookie set", "Who sets it on your device", "What it is for", "How long it stays"),
    ("qs_basket", "Quayside Books", "Keeps the books in your basket", "2 days"),
    ("qs_lang", "Quayside Books", "Remembers the language you chose", "1 year"),
    ("tally_v", "Tally Counter Ltd", "Counts visits to each page", "6 months"),
    ("ad_seen", "Harbour Adverts", "Stops an advert showing twice", "30 days"),
]


def _line_under(cell) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    cell._tc.get_or_add_tcPr().append(borders)


def _shop_docx(path: Path, tight: bool) -> None:
    """The shop's notice with its cookie table; `tight`: no white after a paragraph, so a table's rows
    are set no further apart than a cell's wrapped lines."""
    import docx
    from docx.shared import Cm

    d = docx.Document()
    if tight:
        d.styles["Normal"].paragraph_format.space_after = 0
        d.styles["Normal"].paragraph_format.line_spacing = 1.0
    d.add_heading("Quayside Books Privacy Notice", 0)
    d.add_paragraph("Quayside Books is a small shop by the harbour that also sells books online to readers nearby.")
    d.add_heading("Cookies", 1)
    d.add_paragraph("Our online shop sets these cookies when you visit it:")
    table = d.add_table(rows=0, cols=4)  # no style: no borders but the one under the header
    for row in ROWS:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    for cell in table.rows[0].cells:
        _line_under(cell)
    for column, width in zip(table.columns, (Cm(2.6), Cm(3.2), Cm(4.5), Cm(2.4)), strict=True):
        for cell in column.cells:
            cell.width = width
    d.add_heading("Contact", 1)
    d.add_paragraph("Ask at the till in the shop, or write to the manager at the shop's address.")
    d.save(str(path))


@pytest.fixture(scope="module", params=["tight", "spaced"])
def shop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SOFFICE is None:
        pytest.skip(NO_SOFFICE)
    folder = tmp_path_factory.mktemp(f"shop-{request.param}")
    _shop_docx(folder / "shop.docx", request.param == "tight")
    result = libreoffice_convert(folder / "shop.docx", "pdf", folder)
    assert (folder / "shop.pdf").exists(), result.stderr
    return folder / "shop.pdf"


def test_a_line_under_the_header_alone_ends_the_header_and_the_rows_are_read_one_by_one(shop: Path) -> None:
    outline = import_file(shop)
    tables = found_tables(outline)
    assert [t.section_title for t in tables] == ["Cookies"]
    assert (tables[0].columns, *tables[0].rows) == tuple(ROWS)  # a header and four rows, each cell whole
    cookies = next(s for s in outline.sections if s.title == "Cookies")
    assert "\n- " not in cookies.body

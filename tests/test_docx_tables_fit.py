"""A wide table in the Word export keeps its words whole: columns sized to their words, smaller
type when the table is wide, the PDF's paper and margins (found by the new-user bug bash, whose
seven-column CCPA table printed "Categor|y" and "Identifie|rs")."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from notice_support import NO_SOFFICE, SOFFICE, libreoffice_convert
from pypdf import PdfReader

from notice_studio.core.export.formats import export_content
from notice_studio.core.export.paper import paper_for
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.render.renderer import RenderOptions

COLUMNS = ["Category", "Examples", "Collected?", "Sources", "Purposes", "Disclosed to", "Sold or shared"]
ROW = [
    "Identifiers",
    "Name, postal address, telephone number",
    "Yes",
    "Yourself; our couriers",
    "Delivering orders; answering questions",
    "Couriers; payment processors",
    "Advertising partners (shared)",
]
LONG_WORDS = {"Category", "Identifiers", "Collected?", "Advertising", "processors", "Delivering"}


def _notice(jurisdictions: list[str]) -> Notice:
    notice = Notice(title="Test notice", jurisdictions=jurisdictions)
    notice.add(Clause("categories", "What we collect", "The table lists it.\n\n[[table:categories]]"))
    notice.tables["categories"] = Table(list(COLUMNS), [list(ROW), list(ROW)])
    return notice


def _docx(notice: Notice) -> bytes:
    content = export_content(notice, RenderOptions(), "docx").content
    assert isinstance(content, bytes)
    return content


def test_paper_is_a4_unless_every_law_is_a_us_one() -> None:
    assert paper_for(["uk_gdpr", "ccpa"]) == "A4" and paper_for([]) == "A4"
    assert paper_for(["ccpa", "caloppa"]) == "Letter"
    section = Document(io.BytesIO(_docx(_notice(["gdpr", "ccpa"])))).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 18
    assert round(Document(io.BytesIO(_docx(_notice(["ccpa"])))).sections[0].page_width.mm) == 216


def test_columns_are_sized_to_their_words_and_the_text_made_smaller() -> None:
    table = Document(io.BytesIO(_docx(_notice(["uk_gdpr", "ccpa"])))).tables[0]
    widths = [c.width for c in table.columns]
    assert len(set(widths)) > 1  # not seven equal columns
    assert widths[COLUMNS.index("Collected?")] < widths[COLUMNS.index("Purposes")]
    sizes = {r.font.size.pt for row in table.rows for cell in row.cells for p in cell.paragraphs for r in p.runs}
    assert sizes and max(sizes) <= 9


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_prints_every_word_of_a_wide_table_whole(tmp_path: Path) -> None:
    source = tmp_path / "notice.docx"
    source.write_bytes(_docx(_notice(["uk_gdpr", "ccpa"])))
    result = libreoffice_convert(source, "pdf", tmp_path)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "notice.pdf")
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4
    words = set(" ".join(page.extract_text() for page in reader.pages).split())
    assert words >= LONG_WORDS, sorted(LONG_WORDS - words)

"""PDFs a word processor makes: a Word file written with python-docx, printed to PDF by LibreOffice.

LibreOffice draws its list bullets in the Symbol font (PDFium gives them as a private code, U+F0B7)
a tab's width before the item's text, sets an item's wrapped lines in under its text, and draws a
table's borders as lines between its rows, which are set no further apart than a cell's own lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from notice_support import NO_SOFFICE, SOFFICE, libreoffice_convert

from notice_studio.core.importer import found_tables, import_file, read_document
from notice_studio.core.importer.plain_text import TextLine, read_lines, read_plain_text

KEPT = [
    "your name and the postcode you give when you book a repair slot;",
    (
        "the make, model and frame number of the bicycle you bring in, so that a stolen frame can be spotted "
        "and returned to its owner before we work on it;"
    ),
    "the parts we fitted and what you paid for them;",
    (
        "notes a mechanic writes about the state of the brakes, the chain and the wheels, kept with the "
        "repair ticket until the bicycle is collected."
    ),
]
REASONS = [
    "to book you in and tell you when the bicycle is ready;",
    (
        "to answer a question about a repair within the following six months, when a part we fitted "
        "fails or a wheel we trued goes out of line again;"
    ),
    "to keep the accounts the tax office asks for.",
]
COOKIES = [
    ("Name", "Set by", "What it does", "How long"),
    ("sw_slot", "Spokewell", "Holds the repair slot you are booking", "1 hour"),
    ("sw_login", "Spokewell", "Keeps you signed in to your repair history", "30 days"),
    # 'p' first: its box sets the line a little lower, so one step between rows is wider than the rest
    ("pv_count", "Tallyhouse Stats", "Counts the pages visitors open, without telling them apart", "6 months"),
    ("adtrail", "Pedal Ads Ltd", "Shows our workshop offers on other websites you visit", "60 days"),
]


def _workshop_docx(path: Path) -> None:
    import docx
    from docx.shared import Cm

    d = docx.Document()
    d.add_heading("Spokewell Bike Workshop Privacy Notice", 0)
    d.add_paragraph("Spokewell is a volunteer-run workshop that mends bicycles for a small fee on weekday evenings.")
    d.add_heading("What we keep", 1)
    d.add_paragraph("When you bring a bicycle in we write down:")
    for item in KEPT:
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("Why we keep it", 1)
    d.add_paragraph("We use what we write down only for these reasons:")
    for item in REASONS:
        d.add_paragraph(item, style="List Number")
    d.add_heading("Cookies", 1)
    d.add_paragraph("The booking pages set these cookies:")
    table = d.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for row in COOKIES:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for column, width in zip(table.columns, (Cm(3), Cm(3), Cm(3.2), Cm(2.5)), strict=True):
        for cell in column.cells:
            cell.width = width
    d.add_heading("Contact", 1)
    d.add_paragraph("Ask at the counter on any open evening, or write to the workshop's volunteer coordinator.")
    d.save(str(path))


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SOFFICE is None:
        pytest.skip(NO_SOFFICE)
    folder = tmp_path_factory.mktemp("workshop")
    _workshop_docx(folder / "workshop.docx")
    result = libreoffice_convert(folder / "workshop.docx", "pdf", folder)
    assert (folder / "workshop.pdf").exists(), result.stderr
    return folder / "workshop.pdf"


def _words(text: str) -> str:
    return " ".join(text.split())


def test_bulleted_list_is_a_list_one_item_each_with_its_wrapped_lines(workshop: Path) -> None:
    blocks = read_document(workshop).blocks
    items = [_words(b.plain) for b in blocks if b.kind == "list_item"]
    assert items[: len(KEPT)] == KEPT  # not a table of bullets beside their items, nor a line cut off
    assert not any(b.kind == "table" and "•" in b.plain for b in blocks)
    assert [t.section_title for t in found_tables(import_file(workshop))] == ["Cookies"]
    section = next(s for s in import_file(workshop).sections if s.title == "What we keep")
    assert "| " not in section.body
    assert section.body.count("\n- ") + section.body.startswith("- ") == len(KEPT)


def test_wrapped_line_of_a_numbered_item_stays_in_its_item(workshop: Path) -> None:
    texts = [_words(b.plain) for b in read_document(workshop).blocks]
    for n, item in enumerate(REASONS, 1):
        assert any(text.endswith(item) and text[: -len(item)].strip() in ("", f"{n}.") for text in texts), item
    assert not any(text.startswith("fails or a wheel") for text in texts)  # the second line is no item


def test_bordered_table_whose_cells_wrap_keeps_one_row_per_line_of_the_original(workshop: Path) -> None:
    tables = [t for t in found_tables(import_file(workshop)) if "sw_slot" in str(t)]
    assert len(tables) == 1
    assert (tables[0].columns, *tables[0].rows) == tuple(COOKIES)  # a header and four rows, not two


def test_address_broken_at_its_hyphen_at_a_lines_end_keeps_it_in_a_pdf() -> None:
    full = 470.0  # the right margin: both lines before the break run to it

    def line(text: str, right: float = full, gap: bool = False) -> TextLine:
        return TextLine(1, text, gap, 11.0, False, 72.0, right)

    lines = [line("Contact", 140.0, True)]
    lines += [line("Questions about repairs go to the volunteer coordinator, who reads the inbox")]
    lines += [line("every Monday and answers at repairs@spokewell-")]
    lines += [line("workshop.example or by post; see also https://spokewell.example/privacy-", full)]
    lines += [line("notice for the long version.", 230.0)]
    lines += [line("The coordinator also keeps a paper copy of this notice in the tool cupboard.", full, True)]
    lines += [line("Every repair is written on a ticket which stays with the bicycle until it is")]
    lines += [line("collected, after which the ticket is filed away.", 300.0)]
    texts = [_words(b.plain) for b in read_lines(lines, "notice.pdf", "pdf", by_gaps=True).blocks]
    joined = " ".join(texts)
    assert "repairs@spokewell-workshop.example" in joined
    assert "https://spokewell.example/privacy-notice" in joined


def test_address_broken_at_its_hyphen_in_text_copied_from_a_pdf_keeps_it() -> None:
    # The same rule reads copied text: one rule for hyphens at a line's end, in plain_text.
    text = (
        "Contact\n"
        "Questions about repairs go to the volunteer coordinator, who reads the\n"
        "inbox every Monday and answers them all at repairs@spokewell-\n"
        "workshop.example or by post to the workshop, whichever you prefer to use.\n"
        "Every repair is written on a ticket which stays with the bicycle until it\n"
        "is collected, after which the ticket is filed away in the cabinet for six\n"
        "years. Tickets older than that are shredded at the end of each winter, and\n"
        "the shredding is done by two volunteers together so that nothing is missed.\n"
        "The coordinator keeps a paper copy of this notice in the tool cupboard too.\n"
    )
    joined = " ".join(_words(b.plain) for b in read_plain_text(text, "notice.txt").blocks)
    assert "repairs@spokewell-workshop.example" in joined

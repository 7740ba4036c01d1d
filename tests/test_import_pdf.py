"""PDF files read by position: wrapped headings, bold lead-ins, list markers, table cells.

The PDFs are printed by Qt from our own small page (the benchmark's PDF maker), so the text
layer has the quirks of a real one: one glyph at a time, lines PDFium runs together, list
markers drawn after the text they stand before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from notice_support import NO_SOFFICE, SOFFICE, libreoffice_convert

from benchmarks.import_corpus import make_pdf
from notice_studio.core.importer import found_tables, import_file, read_document
from notice_studio.core.importer.plain_text import TextLine, read_lines

LONG_HEADING = "How the lending library keeps the names and postal addresses of its members"
PAGE = f"""<!DOCTYPE html><html><body>
<h1>Marrowbone Tool Library Privacy Notice</h1>
<p>This notice says what the tool library records about its members and why it records it, written so
that a member can read it in a few minutes and know whom to ask about anything in it that is unclear.</p>
<h2>What we record</h2>
<p><strong>Loans.</strong> Each loan is written down with the tool, the day it went out and the day it came
back, so that a missing spade can be traced to the last person who had it and asked about kindly.</p>
<p>We also record:</p>
<ul><li>your name and postal address</li><li>a telephone number for reminders</li><li>any damage
reported when a tool comes back</li></ul>
<h2>{LONG_HEADING}</h2>
<p>Member records are kept in a locked cabinet in the shed office and on one laptop that never leaves it.</p>
<table cellpadding="6"><tr><td>Record</td><td>Kept for</td></tr><tr><td>Loan sheets</td><td>two years</td></tr>
<tr><td>Membership forms</td><td>while you are a member</td></tr></table>
<p>Visiting hours</p>
<p>The shed is open to members on Saturday mornings, when a volunteer keeps the loan sheets.</p>
<h2>Contact</h2>
<p>Write to the volunteer secretary at the shed office on any open day.</p>
</body></html>"""


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "tools.pdf"
    assert make_pdf(PAGE, path)
    return path


def test_wrapped_heading_is_one_section_and_bold_lead_in_stays_text(pdf: Path) -> None:
    outline = import_file(pdf)
    assert outline.title == "Marrowbone Tool Library Privacy Notice"
    titles = [s.title for s in outline.sections]
    assert titles == ["Introduction", "What we record", LONG_HEADING, "Contact"]
    record = outline.sections[1].body
    assert "Loans. Each loan is written down" in record.replace("*", "")
    # A short line in the text's own font is text in a PDF (headings there are set apart by font).
    assert "Visiting hours" in outline.sections[2].body


def test_paragraphs_reflowed_and_list_markers_kept_with_their_items(pdf: Path) -> None:
    blocks = read_document(pdf).blocks
    intro = next(b for b in blocks if b.plain.startswith("This notice says"))
    assert intro.plain.endswith("anything in it that is unclear.")  # one paragraph, not one per line
    items = [b.plain for b in blocks if b.kind == "list_item"]
    assert items == [
        "your name and postal address",
        "a telephone number for reminders",
        "any damage reported when a tool comes back",
    ]


def test_table_cells_set_apart_come_back_as_a_table(pdf: Path) -> None:
    tables = [b for b in read_document(pdf).blocks if b.kind == "table"]
    assert len(tables) == 1
    assert "| Loan sheets | two years |" in tables[0].markdown


NUMBERED_PAGE = """<!DOCTYPE html><html><body>
<h1>Larkspur Community Choir Privacy Notice</h1>
<h4>1. WHO WE ARE</h4>
<p>The choir is run by volunteers who keep a register of singers so that rehearsals can be planned.</p>
<h4>Our committee</h4>
<p>Four elected members look after the register between the annual meetings of the choir.</p>
<h4>Our conductor</h4>
<p>The conductor sees the register only to plan which parts each piece needs.</p>
<h4>2. WHAT WE KEEP</h4>
<p>1. Your name and the part you sing, so that the music can be ordered in the right numbers.</p>
<p>2. A telephone number, so that a cancelled rehearsal can be announced the same day.</p>
<p>3. Any access needs you tell us about, so that the hall can be arranged for you.</p>
<h4>Old registers</h4>
<p>Registers from past seasons are shredded once the accounts for that season are signed off.</p>
<h4>3. SHARING</h4>
<p>Nobody outside the committee sees the register, and it is never lent or given to another group.</p>
<h4>Concert venues</h4>
<p>A venue may be told how many singers will come, but never who they are.</p>
<h4>Tours abroad</h4>
<p>For a tour, the travel agent is given the names of the singers who sign up for it, and nothing else.</p>
<h4>4. YOUR RIGHTS</h4>
<p>Ask the secretary for a copy of your entry in the register, or for it to be corrected.</p>
<h4>5. CONTACT</h4>
<p>Write to the secretary care of the church hall where the choir rehearses.</p>
</body></html>"""


def test_numbered_sections_in_bold_continue_past_a_numbered_list_and_bold_sub_headings(
    tmp_path: Path,
) -> None:
    path = tmp_path / "choir.pdf"
    assert make_pdf(NUMBERED_PAGE, path)
    outline = import_file(path)
    assert outline.title == "Larkspur Community Choir Privacy Notice"
    top = [(s.original_number, s.title) for s in outline.sections if s.level == 1]
    assert top == [
        ("1", "WHO WE ARE"),
        ("2", "WHAT WE KEEP"),
        ("3", "SHARING"),
        ("4", "YOUR RIGHTS"),
        ("5", "CONTACT"),
    ]
    keep = next(s for s in outline.sections if s.title == "WHAT WE KEEP")
    assert "3. Any access needs you tell us about" in keep.body  # the list stays in its section's text


BAKERY_COOKIES = [
    ("Cookie", "What it does"),
    (
        "Basket keeper",
        (
            "Remembers the loaves, buns and cakes you have put in your basket while you carry on looking round the"
            " rest of the shop, so that nothing goes missing when you move from one page to another or come back"
            " later the same afternoon to finish your order before the ovens are lit."
        ),
    ),
    (
        "Oven slot",
        (
            "Holds the collection time you picked so that the bakers know when your order has to come out of the"
            " oven, and so that we can warn you if that slot fills up before you have paid for it."
        ),
    ),
    (
        "Crumb counter",
        (
            "Counts how many people look at each page, without knowing who they are, so that we can tell which"
            " recipes are worth putting on the front page each week and which ones nobody reads."
        ),
    ),
]
BAKERY_RETENTION = [
    ("Record", "Kept for", "Who sees it"),
    ("Orders", "six years", "the shop manager and our accountant"),
    ("Allergy notes", "until you ask us to remove them", ""),
    ("Card payments", "not kept by us at all", "the card company only"),
]


def _table_html(rows: list[tuple[str, ...]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"


MEMBERS = "<p>Members borrow tools for a week at a time and bring them back clean.</p>"
"""A paragraph of one line: so many of them before a table move where its pages break."""

Rows = list[tuple[str, ...]]


def _page(
    title: str,
    heading: str,
    *blocks: Rows | str,
    lead: str = "",
    note: str = "",
    after: str = "<p>After the table.</p>",
) -> str:
    """A page of our own: a title, `lead` (paragraphs that move where the pages break), a heading (none
    when empty), `note` (a paragraph under it), the blocks one under the other (a table for each list of
    rows, other HTML as it is) and `after`."""
    body = "".join(block if isinstance(block, str) else _table_html(block) for block in blocks)
    head = f"<h2>{heading}</h2>" if heading else ""
    return f"<html><body><h1>{title}</h1>{lead}{head}{note}{body}{after}</body></html>"


def _tables_in(page: str, tmp_path: Path) -> list:
    """The tables the import offers from `page` printed to a PDF by Qt."""
    path = tmp_path / "page.pdf"
    assert make_pdf(page, path)
    return found_tables(import_file(path))


BAKERY_PAGE = f"""<!DOCTYPE html><html><body>
<h1>Crumb and Crust Bakery Privacy Notice</h1>
<p>This notice explains the small files our ordering website leaves in your browser and what each one is for.</p>
<h2>Cookies we use</h2>
{_table_html(BAKERY_COOKIES)}
<p>You can clear these cookies in your browser settings at any time; the basket will then be empty.</p>
<h2>How long we keep things</h2>
{_table_html(BAKERY_RETENTION)}
<ul><li>order slips are shredded at the end of each month</li><li>old allergy notes are deleted on request</li></ul>
<p>When we no longer need something we shred the paper copy and delete the file.</p>
<p>Ask at the counter if you would like to know what we hold about you.</p>
<h2>Contact</h2>
<p>Write to the bakery at the shop address, marked for the attention of the manager.</p>
</body></html>"""


@pytest.fixture(scope="module")
def bakery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "bakery.pdf"
    assert make_pdf(BAKERY_PAGE, path)
    return path


def test_table_cells_that_wrap_over_several_lines_come_back_whole(bakery: Path) -> None:
    tables = found_tables(import_file(bakery))
    assert len(tables) == 2
    cookies = tables[0]
    assert cookies.columns == BAKERY_COOKIES[0]
    assert list(cookies.rows) == BAKERY_COOKIES[1:]


def test_three_column_table_with_an_empty_cell(bakery: Path) -> None:
    retention = found_tables(import_file(bakery))[1]
    assert retention.columns == BAKERY_RETENTION[0]
    assert list(retention.rows) == BAKERY_RETENTION[1:]


def test_text_around_wrapped_tables_stays_text_and_nothing_is_lost(bakery: Path) -> None:
    assert import_file(bakery).dropped == ("1 page number",)  # the page's number, said in good English
    blocks = read_document(bakery).blocks
    items = [b.plain for b in blocks if b.kind == "list_item"]
    assert items == ["order slips are shredded at the end of each month", "old allergy notes are deleted on request"]
    paragraphs = [b.plain for b in blocks if b.kind == "paragraph"]
    assert "You can clear these cookies in your browser settings at any time; the basket will then be empty." in (
        paragraphs
    )
    assert "Ask at the counter if you would like to know what we hold about you." in paragraphs
    words = " ".join(b.plain for b in blocks).split()
    for row in BAKERY_COOKIES + BAKERY_RETENTION:
        for cell in row:
            for word in cell.split():
                assert word in words


ALLOTMENT_RECORDS = [
    ("Kind of record", "What is in it", "Why we keep it", "Kept for"),
    (
        "Plot register",
        (
            "name, plot number, e-mail and/or telephone number, next-of-kin details, water-butt count, shed-key number,"
            " co-worker names"
        ),
        "to send water-rota reminders, year-end invoices, end-of-season notices and well-being check-ins to tenants",
        "while you rent a plot and for one year after you leave the society",
    ),
    (
        "Waiting list",
        "name and e-mail address",
        "to offer plots in first-come, first-served order",
        "until you are offered a plot",
    ),
]
ALLOTMENT_USES = [
    ("Why we use your details", "What lets us do it"),
    (
        "To send the water rota, the seed swap dates and the yearly invoice for your plot rent to you by post or e-mail",
        "The tenancy you signed with the society when you took on your plot, which needs these letters to work",
    ),
]
ALLOTMENT_SHARING = [
    ("What we do with your details", "Which details", "Basis"),
    (
        (
            "We keep the plot register up to date, write down who holds which plot and which shed key, and note any"
            " complaints from neighbouring plot holders about hedges, bonfires or wandering hens"
        ),
        "Name and plot number",
        "Tenancy",
    ),
    (
        (
            "We pass your name to the water board when a leak on your plot has to be repaired, and to the council when"
            " it asks who holds a plot next to a public footpath"
        ),
        "Name",
        "Law",
    ),
    (
        (
            "We put your name on the seed swap list when you ask us to, and take it off again at the end of the season"
            " unless you tell us you want to stay on it"
        ),
        "Name and e-mail",
        "Consent",
    ),
]
ALLOTMENT_KEPT = (
    "We keep this record for as long as the plot is rented and for one further year so that any unpaid rent or"
    " damage can be settled fairly with the tenant who left"
)
ALLOTMENT_FILES = [
    ("Record", "Stored in the file named", "How long we keep it"),
    ("Rent book", "plotregisterbackupcopyfortheyearlyauditbythetreasurerandthechairman", ALLOTMENT_KEPT),
    ("Shed keys", "shedkeyholderlistkeptbythesecretaryonlyandneverlenttoanyoneelseatall", ALLOTMENT_KEPT),
    ("Water rota", "waterrotasignupsheetsforthesummerseasonpinnedtothenoticeboardbythegate", ALLOTMENT_KEPT),
]
ALLOTMENT_BASES = [
    ("What we use your details for (the list of uses above says more about each one)", "Basis in law"),
    (
        (
            "Sending you the water rota, the seed swap dates, the notices about the annual meeting and the yearly invoice"
            " for your plot rent, by post or by e-mail as you prefer"
        ),
        "Tenancy agreement",
    ),
    (
        (
            "Telling the council who holds the plots along the public footpath when it asks, and answering the water"
            " board about leaks on your plot"
        ),
        "Legal duty",
    ),
    (
        (
            "Putting your name on the seed swap list and the list of members who share tools, when you have asked us"
            " to do so"
        ),
        "Your consent",
    ),
]
ALLOTMENT_PAGE = f"""<!DOCTYPE html><html><body>
<h1>Allotment Society Privacy Notice</h1>
<p>The society keeps a few records about the people who rent its plots and those waiting for one.</p>
<h2>Records we keep</h2>
{_table_html(ALLOTMENT_RECORDS)}
<p>Paper copies are kept in the locked hut by the main gate.</p>
<h2>What we use them for</h2>
{_table_html(ALLOTMENT_USES)}
<h2>Who else sees them</h2>
{_table_html(ALLOTMENT_SHARING)}
<h2>Where they are filed</h2>
{_table_html(ALLOTMENT_FILES)}
<h2>What lets us do it</h2>
{_table_html(ALLOTMENT_BASES)}
<h2>Contact</h2>
<p>Leave a note for the secretary in the hut letterbox.</p>
</body></html>"""


@pytest.fixture(scope="module")
def allotment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "allotment.pdf"
    assert make_pdf(ALLOTMENT_PAGE, path)
    return path


def test_word_wrapped_after_its_hyphen_in_a_cell_is_whole_again(allotment: Path) -> None:
    records = found_tables(import_file(allotment))[0]  # 'water-' ends a line of its cell, 'butt' starts the next
    assert records.columns == ALLOTMENT_RECORDS[0]
    assert list(records.rows) == ALLOTMENT_RECORDS[1:]


LOAN_TOOLS = ["Hedge trimmer", "Ladder", "Wheelbarrow", "Lawn mower", "Pressure washer", "Chainsaw", "Tile cutter"]
LOAN_TOOLS += ["Drill", "Sander", "Cement mixer", "Scaffold tower", "Log splitter", "Hammer", "Saw", "Spade", "Rake"]
LOAN_RECORDS = [("Loan record", "What we write down", "Why")] + [
    (
        f"{tool} loans and any notes about its condition when it went out and came back",
        (
            f"the borrower's name, the day it went out, the day it came back and whether the {tool.lower()} needed"
            " cleaning or repair afterwards"
        ),
        "So that we can trace a damaged tool to the last person who borrowed it",
    )
    for tool in LOAN_TOOLS
]
LOAN_INTRO = (
    "<p>Members borrow tools for a week at a time and bring them back clean, and the volunteers check each one.</p>"
)
LOAN_PAGE = f"""<!DOCTYPE html><html><body>
<h1>Tool Library Loans Notice</h1>
{LOAN_INTRO * 2}
<h2>Loan records</h2>
{_table_html(LOAN_RECORDS)}
<p>The loan sheets are kept in the shed office.</p>
<h2>Contact</h2>
<p>Ask a volunteer on any open day.</p>
</body></html>"""


def test_row_cut_by_a_page_break_inside_its_first_cell_is_one_row(tmp_path: Path) -> None:
    path = tmp_path / "loans.pdf"
    assert make_pdf(LOAN_PAGE, path)
    (loans,) = found_tables(import_file(path))  # the log splitter's row starts at a page's foot
    assert loans.columns == LOAN_RECORDS[0]
    assert list(loans.rows) == LOAN_RECORDS[1:]


def test_one_row_whose_cells_wrap_side_by_side_is_one_row(allotment: Path) -> None:
    uses = found_tables(import_file(allotment))[1]  # every line has text in the first column
    assert uses.columns == ALLOTMENT_USES[0]
    assert list(uses.rows) == ALLOTMENT_USES[1:]


def test_narrow_last_column_beside_a_long_wrapped_first_column_is_found(allotment: Path) -> None:
    sharing = found_tables(import_file(allotment))[2]  # 'Which details' and 'Basis' stand close together
    assert sharing.columns == ALLOTMENT_SHARING[0]
    assert list(sharing.rows) == ALLOTMENT_SHARING[1:]


def test_name_too_long_for_its_column_is_whole_again(allotment: Path) -> None:
    files = found_tables(import_file(allotment))[3]  # each file name is broken where its column is full
    assert files.columns == ALLOTMENT_FILES[0]
    assert list(files.rows) == ALLOTMENT_FILES[1:]


RETURN_RECORDS = [("Tool", "What we note when it comes back")] + [
    (
        tool,
        (
            f"Whether the {tool.lower()} came back clean, whether any part was missing or broken, who returned it and"
            " on which day, and whether the volunteer on duty had to send it for repair before it could go out again"
            " to the next member on the waiting list"
        ),
    )
    for tool in LOAN_TOOLS
]


def _returns_page(intro: int) -> str:
    """A page with `intro` short paragraphs before the returns table, to move where its pages break."""
    return f"""<!DOCTYPE html><html><body>
<h1>Tool Library Returns Notice</h1>
{MEMBERS * intro}
<h2>Returns</h2>
{_table_html(RETURN_RECORDS)}
<p>After the table.</p>
<h2>Contact</h2>
<p>Ask a volunteer on any open day.</p>
</body></html>"""


@pytest.mark.parametrize(
    "intro",
    [
        2,  # the rake's second cell runs on to the next page, its first cell done
        3,  # the rake's row stands alone at the top of the next page
    ],
)
def test_table_going_on_over_a_page_break_keeps_its_last_rows(tmp_path: Path, intro: int) -> None:
    path = tmp_path / "returns.pdf"
    assert make_pdf(_returns_page(intro), path)
    (returns,) = found_tables(import_file(path))
    assert returns.columns == RETURN_RECORDS[0]
    assert list(returns.rows) == RETURN_RECORDS[1:]


def test_table_whose_second_column_never_wraps_is_found(allotment: Path) -> None:
    bases = found_tables(import_file(allotment))[4]  # every line starts at the first column; no line is set in
    assert bases.columns == ALLOTMENT_BASES[0]
    assert list(bases.rows) == ALLOTMENT_BASES[1:]


NOTES_TOOLS = LOAN_TOOLS + [f"{tool} stand" for tool in LOAN_TOOLS]
NOTES_RECORDS = [("What we note when a tool comes back", "Kept for")] + [
    (
        (
            f"Whether the {tool.lower()} came back clean, whether any part was missing or broken, who returned it and on"
            " which day, and whether the volunteer on duty had to send it for repair before it could go out again"
        ),
        "One year",
    )
    for tool in NOTES_TOOLS
]


def test_first_cell_going_on_at_the_top_of_a_page_stays_in_its_row(tmp_path: Path) -> None:
    after = "<p>After the table.</p><h2>Contact</h2><p>Ask a volunteer.</p>"
    page = _page("Tool Library Notes", "Notes", NOTES_RECORDS, lead=MEMBERS, after=after)
    (notes,) = _tables_in(page, tmp_path)  # a first cell's last lines start the next page, lower case
    assert notes.columns == NOTES_RECORDS[0]
    assert list(notes.rows) == NOTES_RECORDS[1:]


COMPOUNDS = ["well-kept", "hand-written", "up-to-date", "long-standing", "ready-made"]
COMPOUNDS += ["part-time", "short-lived", "first-hand", "year-round", "old-fashioned"]


def test_a_compound_broken_at_its_hyphen_at_a_lines_end_keeps_it(tmp_path: Path) -> None:
    # PDFium gives the hyphen at a line's end as a mark of its own; it was dropped, so 'short-' +
    # 'lived' came back as 'shortlived'. Words of varied length move the compounds along the lines.
    records = " ".join(f"our {w} {'x' * (i % 7 + 1)} records" for i, w in enumerate(COMPOUNDS * 6))
    page = (
        "<html><body><h1>Harbour Rope Works Privacy Notice</h1><h2>Records</h2>"
        f"<p>We keep {records}.</p><h2>Contact</h2><p>Write to the works office.</p></body></html>"
    )
    path = tmp_path / "rope.pdf"
    assert make_pdf(page, path)
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    assert "\ufffe" in document[0].get_textpage().get_text_range()  # a line does end at a hyphen
    document.close()
    body = import_file(path).sections[0].body
    assert body.split() == f"We keep {records}.".split()


SHEET_TOOLS = ["Hedge trimmer", "Ladder", "Wheelbarrow", "Lawn mower", "Pressure washer", "Chainsaw", "Tile cutter"]
SHEET_RECORDS = [("What we keep about a loan", "Why we keep it")] + [
    (
        f"The {tool.lower()} loan sheet with the borrower's name, the day it went out, the day it came back and any notes",
        f"So that a {tool.lower()} returned damaged can be traced to the member who last borrowed it and mended in time",
    )
    for tool in [*SHEET_TOOLS, "Drill"]
]


def test_last_lines_of_a_row_alone_at_the_top_of_a_page_stay_one_row(tmp_path: Path) -> None:
    # Both cells wrap, so every line of a row has text in its first column; the drill's row goes on at
    # the top of the next page with nothing after it in the table. Those lines are as close together as
    # a cell's lines on the page before: one row, not a row per line.
    after = "<p>After the table the volunteers file the sheets.</p><h2>Contact</h2><p>Ask a volunteer.</p>"
    (sheets,) = _tables_in(_page("Tool Library", "Loans", SHEET_RECORDS, lead=MEMBERS * 20, after=after), tmp_path)
    assert sheets.columns == SHEET_RECORDS[0]
    assert list(sheets.rows) == SHEET_RECORDS[1:]


MARKED_TOOLS = ["Hedge trimmer", "Ladder", "Wheelbarrow", "Lawn mower", "Pressure washer", "Chainsaw"]
MARKED_OUT = [("What we note when a tool goes out", "Why we note it")] + [
    (
        f"The {tool.lower()} and who took it",
        (
            f"So that a {tool.lower()} that comes back damaged can be traced to the member who last borrowed it and"
            " mended before it goes out again"
        ),
    )
    for tool in MARKED_TOOLS
]
MARKED_SHEETS = [("", ""), ("Lending records", ""), ("Record", "Kept for")]
MARKED_SHEETS += [(f"{tool} sheet", "One year") for tool in MARKED_TOOLS[:3]]


@pytest.mark.parametrize("intro", [59, 62, 67])  # the first table's last rows go on at the next page's top
def test_table_after_a_blank_row_past_a_page_break_is_not_carried_on(tmp_path: Path, intro: int) -> None:
    # The second table starts with an empty row and a title in its first column: the white of that row
    # sets it apart from the first table's rows carried on at the top of the page, though its lines
    # start where the first table's first column does.
    page = _page("Tool Library", "Loans", MARKED_OUT, MARKED_SHEETS, lead=MEMBERS * intro, after=AFTER_TABLES)
    out, sheets = _tables_in(page, tmp_path)
    assert out.columns == MARKED_OUT[0]
    assert list(out.rows) == MARKED_OUT[1:]
    assert sheets.columns == MARKED_SHEETS[1]  # the title row under the empty one is the table's first row
    assert list(sheets.rows) == MARKED_SHEETS[2:]


def test_header_row_alone_at_the_foot_of_a_page_heads_the_table_on_the_next(tmp_path: Path) -> None:
    # Only the header row fits at the foot of the page; the rows start the next page. Its cells start
    # where the columns of the table below do: it is their header, not a line of text.
    (out,) = _tables_in(_page("Tool Library", "Loans", MARKED_OUT, lead=MEMBERS * 68), tmp_path)
    assert out.columns == MARKED_OUT[0]
    assert list(out.rows) == MARKED_OUT[1:]


PLOT_PAPERS = "the committee keeps these papers in the locked cupboard of the hut by the gate until the season ends"


@pytest.mark.parametrize("name", ["allotmentgateaccesscodes", "annualmeetingattendance"])
def test_long_word_filling_its_line_by_chance_is_not_joined_to_the_next(tmp_path: Path, name: str) -> None:
    # The file name ends where the column is full, so it looked like a word broken there; but the word
    # after it ('notes') stands on its own elsewhere on the page, and the two together are no word of it.
    rows = [("Record", "What is in it", "Why we keep it", "Who sees it")]
    rows += [
        (f"Record {i}", f"the {name} notes of every plot and {PLOT_PAPERS}", PLOT_PAPERS, PLOT_PAPERS) for i in range(3)
    ]
    page = _page("Allotments", "Files", rows, lead="<p>The notes of each plot are kept.</p>", after="<p>After.</p>")
    (files,) = _tables_in(page, tmp_path)
    assert files.columns == rows[0]
    assert list(files.rows) == rows[1:]


def test_the_same_long_name_broken_the_same_way_twice_is_whole_in_both_rows(tmp_path: Path) -> None:
    # The end of the broken name starts a line in both rows, and nowhere else: it is no word of its own.
    name = "plotregisterbackupcopyfortheyearlyauditbythetreasurer"
    rows = [("Record", "Stored in the file named", "How long we keep it")]
    rows += [(record, name, ALLOTMENT_KEPT) for record in ("Rent book", "Spare copy")]
    path = tmp_path / "copies.pdf"
    assert make_pdf(f"<html><body><h1>Allotments</h1><h2>Files</h2>{_table_html(rows)}</body></html>", path)
    (files,) = found_tables(import_file(path))
    assert list(files.rows) == rows[1:]


SHED_HOSTS = ["Lending desk", "Tool shed", "Repair cafe", "Seed bank"]


@pytest.mark.parametrize(
    "address",
    [
        "{host} https://tools.example.org/about/privacy",  # broken after 'https://'
        "https://tools.example.org/loanhistoryandreturns?member=1&tool=2",  # broken after its '?'
    ],
)
def test_web_address_broken_in_a_cell_is_whole_again(tmp_path: Path, address: str) -> None:
    rows = [("Kind", "Name", "Set by", "Why", "Kept for")]
    rows += [
        ("Cookie", f"shed_{i}", address.format(host=host), "To keep you signed in while you book", "One day")
        for i, host in enumerate(SHED_HOSTS)
    ]
    path = tmp_path / "cookies.pdf"
    assert make_pdf(f"<html><body><h1>Tool Library</h1><h2>Cookies</h2>{_table_html(rows)}</body></html>", path)
    (cookies,) = found_tables(import_file(path))
    assert list(cookies.rows) == rows[1:]


HIVE_CONTACTS = [
    ("Office", "Who", "Address", "Email"),
    (
        "Hive One",
        "The keeper of the north meadow hives",
        "Clover Lane 4, Honeyton",
        "Email: swarm.reports@beefarmnorthmeadow.example",
    ),
    (
        "Hive Two",
        "The keeper of the south meadow hives",
        "Clover Lane 6, Honeyton",
        "Email: swarm.reports@beefarmsouthmeadow.example",
    ),
    (
        "Shop",
        "The honey shop on the market square",
        "Market Square 1, Honeyton",
        "Email: shop.orders@beefarmhoneyshop.example",
    ),
]


def test_email_address_broken_in_a_cell_is_whole_again(tmp_path: Path) -> None:
    # Each address is too long for its column and broken before its domain's first dot; the word after
    # the break ('meadow') stands inside lines elsewhere, so only the address tells that it goes on.
    (contacts,) = _tables_in(_page("Beefarm Ltd", "Who to write to", HIVE_CONTACTS), tmp_path)
    assert [contacts.columns, *contacts.rows] == HIVE_CONTACTS


BASIS = "we need it to run the loan scheme and the waiting list and the repair cafe under rule"


@pytest.mark.parametrize(
    ("reference", "words"),
    [
        ("6(1)(b)", 7),  # broken after '6(1)'
        ("(iv)(a)(2)", 12),  # broken after '(iv)'
        ("6 (1) (b)", 7),  # written with spaces: they stay
    ],
)
def test_reference_broken_between_its_marks_in_a_cell_is_whole_again(
    tmp_path: Path, reference: str, words: int
) -> None:
    basis = " ".join(BASIS.split()[:words]) + f" {reference} of the society's rules"
    rows = [("What we keep", "Why", "Basis")] + [
        (
            f"Loan record {i} with the name of the member and the tool",
            "To trace damaged tools to the member who borrowed them last and to ask them about it",
            basis,
        )
        for i in range(3)
    ]
    path = tmp_path / "bases.pdf"
    assert make_pdf(f"<html><body><h1>Tool Library</h1><h2>Bases</h2>{_table_html(rows)}</body></html>", path)
    (bases,) = found_tables(import_file(path))
    assert list(bases.rows) == rows[1:]


RETURN_TOOLS = ["hedge trimmer", "ladder", "wheelbarrow"]
LOANS_KEPT = [
    (
        f"Loans of the {tool} to members",
        f"The member's name and the day the {tool} went out and came back",
        f"So that a damaged {tool} can be traced to the member who had it last",
        f"Kept for a year after the {tool} came back",
    )
    for tool in RETURN_TOOLS
]
RETURNS_CHECKED = [
    (
        f"Checking the {tool} when it comes back from a member's garden",
        f"The {tool}'s number, what was broken or missing and the name of the volunteer on duty",
        f"To send the {tool} for repair and to ask the member about it before lending it again",
        "Contract"
        if tool == "hedge trimmer"
        else f"Our membership agreement, which says how the {tool} is to be looked after",
    )
    for tool in RETURN_TOOLS
]


LOANS_AND_RETURNS = (LOANS_KEPT, "<h3>Returns</h3>", RETURNS_CHECKED)
AFTER_TABLES = "<p>After the tables.</p>"


def test_first_row_of_a_table_at_a_pages_foot_is_read_like_the_table_above(tmp_path: Path) -> None:
    # Only the returns table's first row fits at the page's foot: its last column has a word on one line
    # only, and all its lines are as close as a cell's lines. The loans table above it on the page, with
    # the same columns, tells that the fourth column starts there and that those lines are one row.
    page = _page("Tool Library", "Loans", *LOANS_AND_RETURNS, lead=MEMBERS * 58, after=AFTER_TABLES)
    loans, returns = _tables_in(page, tmp_path)
    assert [loans.columns, *loans.rows] == LOANS_KEPT
    assert [returns.columns, *returns.rows] == RETURNS_CHECKED


@pytest.mark.parametrize(
    "intro",
    [
        55,  # the wheelbarrow's row goes on at the next page's top, its cells in lower case there
        59,  # the first row goes on: the only row of the table before the break
        60,  # only the first row's first line fits at the foot of the page
    ],
)
def test_row_going_on_at_the_top_of_a_page_of_a_short_table_stays_one_row(tmp_path: Path, intro: int) -> None:
    # Too few rows for the text's reader to tell that the first column's cells start in capitals; the
    # PDF's reader puts the rest of the row back itself: its cells start in lower case under capitals.
    page = _page("Tool Library", "Loans", *LOANS_AND_RETURNS, lead=MEMBERS * intro, after=AFTER_TABLES)
    loans, returns = _tables_in(page, tmp_path)
    assert [loans.columns, *loans.rows] == LOANS_KEPT
    assert [returns.columns, *returns.rows] == RETURNS_CHECKED


SHED = "The Shed By The Gate"
EVENT_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Holiday"]
EVENT_USES = [("Why We Use It", "What We Use")] + [
    (
        f"To Tell Members About Lending Days, Repair Cafe Evenings And Seed Swaps Held On {day} Mornings At {SHED}",
        "Contact Information",
    )
    for day in EVENT_DAYS
]


@pytest.mark.parametrize("intro", [64, 65, 66])  # a first cell's last lines start the next page
def test_first_cell_going_on_in_capitals_at_the_top_of_a_page_stays_in_its_row(tmp_path: Path, intro: int) -> None:
    # Every word has a capital, so the rest of the first cell at the top of the page looks like a title
    # or a new row; but its lines are as close as a cell's lines, and the next row follows as close as
    # rows do: it is the rest of the cell.
    (uses,) = _tables_in(_page("Tool Library", "Uses", EVENT_USES, lead=MEMBERS * intro), tmp_path)
    assert [uses.columns, *uses.rows] == EVENT_USES


def test_title_row_over_a_tables_header_stays_its_first_row(tmp_path: Path) -> None:
    # The table's first row has a title in its first cell only: it is as close to the header as the
    # rows are to each other, closer than the paragraph above is to it.
    rows = [("Lending records", ""), ("Record", "Kept for")]
    rows += [(f"{tool} sheet", "One year after the tool comes back") for tool in MARKED_TOOLS]
    page = _page("Tool Library", "Records", rows, note="<p>The volunteers keep these records.</p>")
    (records,) = _tables_in(page, tmp_path)
    assert [records.columns, *records.rows] == rows


LOAVES = ["Sourdough loaf", "Rye bread", "Seeded roll", "Brioche bun", "Spelt loaf", "Fruit scone"]
LOAF_CARDS = [
    [("Bread", loaf), ("Flour", "Wheat and rye"), ("Baked", "Every morning before six"), ("Kept", "Two days")]
    for loaf in LOAVES
]


CRUMB = "Crumb and Crust Bakery"
AFTER_CARDS = "<p>After the cards.</p>"


def test_tables_stacked_with_only_white_between_them_stay_apart(tmp_path: Path) -> None:
    # Each card is a table of its own with an empty first row: only that white sets one card apart from
    # the next, with the same columns. The labels are short: each line is a row, not a cell's lines.
    cards = [[("", ""), *card] for card in LOAF_CARDS]
    page = _page(CRUMB, "Our loaves", *cards, note="<p>Each loaf has a card.</p>", after=AFTER_CARDS)
    tables = _tables_in(page, tmp_path)
    assert [[t.columns, *t.rows] for t in tables] == LOAF_CARDS


BASKET_CARD = [
    ("Name", "oven_slot"),
    ("Type", "Lasting"),
    ("Purpose", "Keeps your place in the queue for the oven."),
    ("Lifetime", "Two days"),
    ("Domain", "crumbandcrust.example"),
]


@pytest.mark.parametrize("intro", [53, 56])  # a card's empty first row is the next page's first
def test_table_after_white_at_the_top_of_a_page_is_not_the_rest_of_the_one_before(tmp_path: Path, intro: int) -> None:
    # The card at the foot of a page ends there; the next starts the next page below its empty row. The
    # white above it, where the text of a page starts higher, sets it apart from the card before.
    cards = [[*card[:3], ("Kept", f"Two days for the {card[0][1].lower()}")] for card in LOAF_CARDS]
    page = _page(CRUMB, "Our loaves", *[[("", ""), *card] for card in cards], lead=MEMBERS * intro, after=AFTER_CARDS)
    path = tmp_path / "cards.pdf"
    assert make_pdf(page, path)
    assert [[t.columns, *t.rows] for t in found_tables(import_file(path))] == cards


def test_short_labels_with_only_a_space_after_some_are_still_a_table(tmp_path: Path) -> None:
    # The label column is as wide as its widest label: after the longer labels there is no more white
    # than a space, after the shorter ones more. Every value starts at the column's edge: a table.
    lead = "<p>Our ordering page leaves one small file.</p>"
    (card,) = _tables_in(
        _page(CRUMB, "", [("", ""), *BASKET_CARD], lead=lead, after="<p>After the card.</p>"), tmp_path
    )
    assert [card.columns, *card.rows] == BASKET_CARD


SHOP_RECORDS = [
    ("Record", "Kept for"),
    ("Order slips", "One month"),
    ("Allergy notes", "Until you ask us to delete them"),
    ("Card receipts", "Six years"),
]
DELIVERY_RECORDS = [
    ("Delivery records", ""),
    ("Record", "Kept for"),
    ("Van rota", "One year"),
    ("Delivery addresses", "Three months"),
    ("Driver logs", "Two years"),
]


def test_title_row_of_a_table_right_under_another_stays_its_first_row(tmp_path: Path) -> None:
    # The second table's title, in its first column only, stands right under the first table's last row.
    note = "<p>We keep these records.</p>"
    page = _page(CRUMB, "Records", SHOP_RECORDS, DELIVERY_RECORDS, note=note, after=AFTER_TABLES)
    shop, delivery = _tables_in(page, tmp_path)
    assert [shop.columns, *shop.rows] == SHOP_RECORDS
    assert [delivery.columns, *delivery.rows] == DELIVERY_RECORDS


ORDER_ITEMS = ["sourdough", "rye bread", "seeded rolls", "brioche", "spelt loaves", "fruit scones", "oat biscuits"]
ORDERS_NOTED = [("what we note down when you order", "Why", "Kept for")] + [
    (
        (
            f"the {item} you ordered, the day you collect them, the name you gave and a telephone number for"
            f" when the {item} are ready"
        ),
        "To bake enough",
        "One month",
    )
    for item in ORDER_ITEMS
]


@pytest.mark.parametrize("intro", [64, 65, 66])  # a first cell's last lines start the next page
def test_rest_of_a_lower_case_cell_alone_at_the_top_of_a_page_stays_in_its_row(tmp_path: Path, intro: int) -> None:
    # The first column's cells start in lower case, so case cannot tell that the line at the top of the
    # page goes on; but it fills one cell only where every other row fills all three.
    (orders,) = _tables_in(_page("Bakery", "Orders", ORDERS_NOTED, lead=MEMBERS * intro), tmp_path)
    assert [orders.columns, *orders.rows] == ORDERS_NOTED


GARDEN_TOOLS = ["spade", "rake", "hoe", "ladder", "saw", "drill", "sander", "mower", "trimmer", "barrow"]


@pytest.mark.parametrize("intro", [21, 23])  # a marker's paragraph is the last thing on the first page
def test_list_marker_drawn_just_before_a_page_number_leaves_it_a_page_number(tmp_path: Path, intro: int) -> None:
    # Markers written as paragraphs of their own, each before its item: the one at the page's foot comes
    # right before the page's number, whose line it must not be put on ('• 1' is not a page number).
    items = "".join(
        f"<p>\u25cf</p><p>the {tool}: it goes out for a week and comes back clean and dry.</p>" for tool in GARDEN_TOOLS
    )
    page = f"<html><body><h1>Tool Library</h1>{MEMBERS * intro}{items * 2}<p>After the list.</p></body></html>"
    path = tmp_path / "markers.pdf"
    assert make_pdf(page, path)
    document = import_file(path)
    assert document.dropped[-1] == "2 page numbers"
    assert not any(block.plain.strip("• ") == "1" for block in read_document(path).blocks)


HIRING_RECORDS = [
    ("Purposes", "What we keep", "Basis", "How long", "Who may see these papers"),
    (
        "Appointment",
        "Identity and address, letters from the applicant, a list of hives kept and any notes from the trial day",
        "Steps taken before a contract at the applicant's request",
        "Six months after the post is filled, then shredded in the office by the gate",
        "The head keeper and the office manager only",
    ),
]


def test_first_column_run_into_the_second_on_the_only_row_under_the_header_is_found(tmp_path: Path) -> None:
    # The first column is as wide as its one word, which runs into the second cell's text with no space;
    # only the header starts a word where the second column does, and the last header cell wraps.
    page = _page("Beefarm Ltd", "Hiring", HIRING_RECORDS, note="<p>We also keep what applicants send us.</p>")
    (hiring,) = _tables_in(page, tmp_path)
    assert [hiring.columns, *hiring.rows] == HIRING_RECORDS


HIVE_SHARING = [
    ("Who we tell and why", "What we tell them"),
    (
        "The vet - to check the hives in spring and to advise on any sickness found in a colony before it spreads",
        "Your name, the number of hives you keep and where they stand, and what we saw at the last visit",
    ),
    (
        "The carrier - to bring the honey jars to your door on the day you chose when you ordered them",
        "Your name, address and telephone number, and the note you left for the driver about the gate",
    ),
]
HIVE_SHARING_MORE = [
    HIVE_SHARING[0],
    (
        "The bank - to take payment for the jars you ordered and to give it back when a jar arrives broken",
        "Your name, the card you paid with and the sum, and the order it was for and the day you paid",
    ),
    (
        "The council - when the law asks us to tell it who keeps bees within the town and where they stand",
        "What the law asks for, which is most often your name and the place where your hives stand",
    ),
]


def test_table_with_the_same_header_right_under_another_is_a_table_of_its_own(tmp_path: Path) -> None:
    # Two tables with the same columns, one right under the other with no more white between them than
    # between rows: the second's header, the same as the first's, is where it starts.
    note = "<p>We share some of what we keep.</p>"
    page = _page("Beefarm Ltd", "Who we share with", HIVE_SHARING, HIVE_SHARING_MORE, note=note, after=AFTER_TABLES)
    first, second = _tables_in(page, tmp_path)
    assert [first.columns, *first.rows] == HIVE_SHARING
    assert [second.columns, *second.rows] == HIVE_SHARING_MORE


HIVE_RECORDS = [
    (
        "Why we keep the record of your hives",
        "What the record of your hives holds",
        "Where the record of your hives comes from",
        "Why the law lets us keep it for as long as we do",
    )
] + [
    (
        f"To send a keeper to the {place} hives when a swarm is reported",
        f"The place of the {place} hives and your telephone number",
        "You give it to us when you join",
        "We need it to do what we agreed with you when you joined",
    )
    for place in ["north", "south", "east", "west", "upper", "lower"]
]


def _lines(count: int) -> str:
    """One paragraph of `count` short lines: moves where the pages break a line at a time."""
    return f"<p>{'Members borrow tools for a week at a time.<br>' * count}</p>"


def test_first_tables_header_wrapped_alone_at_the_foot_of_a_page_is_one_row(tmp_path: Path) -> None:
    # The document's first table: only its header fits at the foot of the first page, its lines all as
    # close together as any lines there. The table's rows on the next page, set further apart than the
    # lines of their cells, tell that those lines are one row.
    (hives,) = _tables_in(_page("Beefarm Ltd", "Hives", HIVE_RECORDS, lead=_lines(56)), tmp_path)
    assert [hives.columns, *hives.rows] == HIVE_RECORDS


@pytest.mark.parametrize(
    "intro",
    [
        40,  # a card's first row alone at the foot of a page, its other rows at the top of the next
        43,  # a card's last row alone at the top of a page, the next card below it after its empty row
        51,  # the same, and the card's first row alone at the foot of the page before, under another card
    ],
)
def test_cards_stacked_over_a_page_break_stay_apart(tmp_path: Path, intro: int) -> None:
    # The rest of a card at the top of a page is followed, after the white of an empty row, by the next
    # card with the same columns: the white sets it apart there as anywhere on a page.
    cards = [[*card[:3], ("Kept", f"Two days for the {card[0][1].lower()}")] for card in LOAF_CARDS]
    page = _page("Bakery", "Our loaves", *[[("", ""), *card] for card in cards], lead=_lines(intro), after=AFTER_CARDS)
    assert [[t.columns, *t.rows] for t in _tables_in(page, tmp_path)] == cards


SITES_NOTE = "<p>Our sites set these cookies.</p>"
HIVE_SITES = [
    ("Site", "Cookies", "Party", "Lifespan"),
    (
        "shop.beefarm.example",
        "hive_basket , hive_session , hive_consent , hive_language , hive_currency",
        "First Party",
        "One day, one year, one year, thirty days, thirty days",
    ),
    ("hivemonitoringdashboard.beefarm.example", "swarm_alert , swarm_seen", "First Party", "Two days, a few seconds"),
    (
        "beefarm.example",
        "pollen_map , nectar_flow , queen_id , drone_count",
        "First Party",
        "One year, one year, two days, a few seconds",
    ),
]


def test_name_broken_at_its_columns_edge_in_the_only_line_that_wide_is_whole_again(tmp_path: Path) -> None:
    # No other line of the first column is as wide as the broken name's first line: it is full up to the
    # next column's edge all the same, so the name was broken there.
    (sites,) = _tables_in(_page("Beefarm Ltd", "Cookies", HIVE_SITES, note=SITES_NOTE), tmp_path)
    assert [sites.columns, *sites.rows] == HIVE_SITES


HIVE_COOKIES = [
    ("Purpose", "Cookies", "Lifespan", "Who sets them"),
    (
        "To keep your basket while you shop for honey and candles",
        "basket, basketsessionlength, basketconsentgiven, basketlanguage",
        "One day",
        "Beefarm Ltd, on the shop pages only",
    ),
    (
        "To show the hive cameras without asking you again",
        "camera, cameraqualitychoice, camerapositionchoice, camerasound",
        "One year",
        "Beefarm Ltd, on the hive camera pages",
    ),
]


def test_name_ending_in_a_comma_that_fills_its_line_keeps_the_space_after_it(tmp_path: Path) -> None:
    # Each long name stands alone on a line of the names column, full to its edge; the comma after it
    # says the list goes on after a space, not that the name was broken there.
    (cookies,) = _tables_in(_page("Beefarm Ltd", "Cookies", HIVE_COOKIES, note=SITES_NOTE), tmp_path)
    assert [cookies.columns, *cookies.rows] == HIVE_COOKIES


def test_title_row_wrapped_over_its_first_column_stays_whole(tmp_path: Path) -> None:
    # The title row's one cell wraps over three lines, closer together than the title is to the header
    # under it (a cell's lines, not rows); the paragraph above is further away.
    rows = [("Records the volunteers keep about each tool that goes out on loan to a member of the library", "", "")]
    rows += [("Record", "Kept for", "Why")]
    rows += [
        (
            f"{tool} sheet",
            "One year after the tool comes back to the shed",
            "So that damage can be traced to the member",
        )
        for tool in MARKED_TOOLS
    ]
    page = _page("Tool Library", "Records", rows, note="<p>The volunteers keep these records.</p>")
    (records,) = _tables_in(page, tmp_path)
    assert [records.columns, *records.rows] == rows


HIVE_PROCESSORS = [
    ("Processor", "Purpose", "Country"),
    (
        "Hive Software Ltd",
        (
            "Keeps the hive records of every member and sends the swarm alerts. Only what you enter in the hive log"
            " is stored by it."
        ),
        "Portugal",
    ),
]


def test_header_alone_at_the_foot_of_a_page_over_the_tables_one_row_on_the_next(tmp_path: Path) -> None:
    # One row is too little to tell a table by; under a header whose cells start where its cells do, at
    # the foot of the page before, it is one. Its first cell wraps: its lines there are the row's.
    after = "<p>Processors keep nothing else.</p>"
    page = _page("Beefarm Ltd", "Processors", HIVE_PROCESSORS, lead=_lines(58), after=after)
    (processors,) = _tables_in(page, tmp_path)
    assert [processors.columns, *processors.rows] == HIVE_PROCESSORS


HIVE_PLACES = ["North", "South", "East", "West", "Upper", "Lower", "Middle", "Orchard"]
HIVE_USES = [("What we keep", "Why we keep it", "Who we share it with")] + [
    (
        (
            f"• Hive records (the place of the {place} hives and the day they were last opened) • Swarm reports"
            " (which colony left and where it settled) • Jar orders • Letters"
        ),
        (
            f"• Sending a keeper to the {place} hives when a swarm is reported • Planning the honey harvest • Sending"
            " your jars • Answering letters"
        ),
        "• The local beekeepers' society • The carrier who brings your jars • Our bank, for payments",
    )
    for place in HIVE_PLACES
]


def test_list_item_after_a_marker_at_the_foot_of_a_page_stays_in_its_cell(tmp_path: Path) -> None:
    # The last row's first cell ends at the page's foot with a list marker; its item, in capitals, is
    # alone at the top of the next page in the first column: the rest of that cell, not a title.
    (uses,) = _tables_in(_page("Beefarm Ltd", "What we keep", HIVE_USES, lead=_lines(10)), tmp_path)
    assert [uses.columns, *uses.rows] == HIVE_USES


MEADOW_KEPT = ["Hive records", "Swarm reports", "Jar orders", "Letters to us", "Visits to the apiary", "Wax orders"]
MEADOW_USES = ["Sending keepers", "Planning harvests", "Sending jars", "Answering letters", "Booking visits"]
MEADOW_LISTS = [("What we keep", "Why we keep it")] + [
    (
        " ".join(f"• {kept} Of The {meadow} Meadow" for kept in [*MEADOW_KEPT, "Queen sales", "Pollen notes"]),
        " ".join(
            f"• {use} For The {meadow} Meadow"
            for use in [*MEADOW_USES, "Selling wax", "Raising queens", "Mapping flowers"]
        ),
    )
    for meadow in ["North", "South", "East"]
]


@pytest.mark.parametrize("lines", [40, 48])  # a row's cells go on at the next page's top
def test_cells_going_on_after_a_list_marker_at_a_pages_foot_stay_in_their_row(tmp_path: Path, lines: int) -> None:
    # Every item starts with a capital, so case cannot tell that the lines at the top of the page go on;
    # a cell of the row above ending in a list marker at the page's foot does: its item is there.
    (meadows,) = _tables_in(_page("Beefarm Ltd", "What we keep", MEADOW_LISTS, lead=_lines(lines)), tmp_path)
    assert [meadows.columns, *meadows.rows] == MEADOW_LISTS


def test_two_english_words_each_ending_a_cells_line_stay_two_words() -> None:
    # A word alone on a full line of a cell, and the next line's first: one word broken where the
    # line was full ('persisten' + 't', 'inven' + 'tory'), unless both are English words that make
    # none together ('work' + 'samples', 'cloud' + 'storage'), which the page's own words may not tell.
    from collections import Counter

    from notice_studio.core.importer.pdf_reader import _broken_word, _Vocabulary

    # 'samples' and 'storage' start lines only: the page's words alone took them for a word's end
    page = _Vocabulary(every=Counter({"work": 2, "samples": 1, "storage": 1}), inside=Counter({"work": 1}))
    assert _broken_word("persisten", "t", page)
    assert _broken_word("inven", "tory", page)
    assert not _broken_word("work", "samples", page)
    assert not _broken_word("assignments/work", "samples (to evaluate skills)", page)
    assert not _broken_word("cloud", "storage", page)


def test_a_paragraph_going_on_over_a_page_break_stays_one_paragraph() -> None:
    # Lines as the PDF reader lays them out: the first line of each page has the space of the page's top.
    def line(page: int, text: str, gap: bool = False, right: float = 520.0) -> TextLine:
        return TextLine(page, text, gap, 10.0, False, 72.0, right)

    full = "the volunteers count the spades that came back and note which of them need mending, and by"
    lines = [
        line(1, "Tool Library Notice", True, 300.0),
        line(1, "Every Saturday " + full, True),
        line(1, full),  # fills its line and ends no sentence: the paragraph goes on over the page
        line(2, "whom, before the shed closes at noon.", True, 260.0),
        line(2, "Loans", True, 110.0),
        line(2, "A loan is written down on the day's sheet with the tool and the member's name, and", True),
        line(2, "crossed out when the tool comes back.", right=240.0),
        line(3, "Members may borrow three tools at once.", True, 280.0),  # the sentence before ended
    ] + [
        line(3, f"Line {n} of the rest of the notice, written out so that the page has its usual width.")
        for n in range(8)
    ]
    texts = [" ".join(block.plain.split()) for block in read_lines(lines, "notice.pdf", "pdf", by_gaps=True).blocks]
    assert "Every Saturday " + full + " " + full + " whom, before the shed closes at noon." in texts
    assert "Members may borrow three tools at once." in texts[texts.index("Loans") + 2]
    assert not any(text.endswith("comes back. Members may borrow three tools at once.") for text in texts)


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_a_word_processors_pdf_keeps_one_heading_size_whatever_the_first_letter(tmp_path: Path) -> None:
    # LibreOffice embeds its fonts: each glyph's box has its own height ('4' lower than '3'), so a
    # size read from the first letter's box put '4. Sharing' below '3. How we use it'.
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Heading 1"].font.size = Pt(14)
    d.styles["Heading 2"].font.size = Pt(12)
    d.add_paragraph("Millbrook Dental keeps records of the patients it treats at its two surgeries.")
    headings = [
        ("1.", "Who we are", 1),
        ("2.", "What we collect", 1),
        ("2.1", "Children", 2),
        ("3.", "How we use it", 1),
    ]
    headings += [("4.", "Sharing", 1), ("5.", "Keeping records", 1), ("7.", "Contact", 1)]
    for number, title, level in headings:
        d.add_heading(f"{number} {title}", level)
        d.add_paragraph(f"This part says what we do about {title.lower()}, in a sentence of ordinary text.")
    d.save(str(tmp_path / "dental.docx"))
    result = libreoffice_convert(tmp_path / "dental.docx", "pdf", tmp_path)
    assert (tmp_path / "dental.pdf").exists(), result.stderr
    sections = import_file(tmp_path / "dental.pdf").sections
    assert [(s.level, s.title) for s in sections[1:]] == [(level, title) for _, title, level in headings]

"""Tables in text copied from a PDF: rows whose cells are set apart by wide spaces, some of them with
empty cells at the end (a title row with text in its first cell only), and short tables."""

from __future__ import annotations

from notice_studio.core.importer import read_bytes
from notice_studio.core.importer.blocks import Block

INTRO = (
    "Beefarm Ltd keeps bees and sells honey from its farm shop and its website. This\n"
    "notice says which cookies the website sets, what each one is for and how\n"
    "long it stays on your device before your browser deletes it again.\n"
)
OUTRO = (
    "You can delete these cookies at any time in your browser's settings; the\n"
    "website still works without them, though it may forget your basket.\n"
)


def _blocks(text: str) -> list[Block]:
    return list(read_bytes(text.encode(), "notice.txt", "txt").blocks)


def _tables(text: str) -> list[list[list[str]]]:
    """Each table found, as rows of cells (its Markdown read back)."""
    found = []
    for block in _blocks(text):
        if block.kind == "table":
            rows = [line for line in block.markdown.split("\n") if not line.startswith("| ---")]
            found.append([[cell.strip() for cell in row.strip()[1:-1].split("|")] for row in rows])
    return found


def _paragraphs(text: str) -> list[str]:
    return [b.plain for b in _blocks(text) if b.kind == "paragraph"]


def test_a_title_row_between_rows_of_a_table_stays_in_it() -> None:
    # the title row's other cells are empty: only the gap after its text is left of them
    text = (
        INTRO
        + "Cookie  Purpose  Expiry\n"
        + "Needed cookies    \n"
        + "hive_session  Keeps you signed in  1 day\n"
        + "hive_basket  Remembers your basket  30 days\n"
        + "Analytics cookies    \n"
        + "comb_visits  Counts visits to each page  1 year\n"
        + OUTRO
    )
    assert _tables(text) == [
        [
            ["Cookie", "Purpose", "Expiry"],
            ["Needed cookies", "", ""],
            ["hive_session", "Keeps you signed in", "1 day"],
            ["hive_basket", "Remembers your basket", "30 days"],
            ["Analytics cookies", "", ""],
            ["comb_visits", "Counts visits to each page", "1 year"],
        ]
    ]
    assert not {"Needed cookies", "Analytics cookies"} & set(_paragraphs(text))


def test_a_title_row_over_a_table_heads_it() -> None:
    text = (
        INTRO
        + "Honey orders  \nDetail  Why we keep it\nYour address  To send the jars\nYour email  To confirm the order\n"
    )
    assert _tables(text)[0][:2] == [["Honey orders", ""], ["Detail", "Why we keep it"]]
    assert "Honey orders" not in _paragraphs(text)


def test_title_rows_at_a_tables_end_and_over_another_table() -> None:
    # two title rows after a two-column table, right over rows of three: they head the second table
    text = (
        INTRO
        + "Detail  Why we keep it\n"
        + "Your address  To send the jars\n"
        + "Your email  To confirm the order\n"
        + "Cookies we set  \n"
        + "Cookie  Purpose  Expiry\n"
        + "hive_session  Keeps you signed in  1 day\n"
        + "hive_basket  Remembers your basket  30 days\n"
        + "To refuse them, see below.    \n"
        + OUTRO
    )
    first, second = _tables(text)
    assert first == [
        ["Detail", "Why we keep it"],
        ["Your address", "To send the jars"],
        ["Your email", "To confirm the order"],
    ]
    assert second[0] == ["Cookies we set", "", ""]
    assert second[-1] == ["To refuse them, see below.", "", ""]


def test_rows_whose_last_cells_are_empty_keep_their_columns() -> None:
    text = (
        INTRO
        + "Cookie  Set by  Expiry\n"
        + "hive_session  Beefarm Ltd  \n"
        + "hive_basket  Beefarm Ltd  30 days\n"
        + "comb_visits  Waxworks Analytics  1 year\n"
        + OUTRO
    )
    assert _tables(text) == [
        [
            ["Cookie", "Set by", "Expiry"],
            ["hive_session", "Beefarm Ltd", ""],
            ["hive_basket", "Beefarm Ltd", "30 days"],
            ["comb_visits", "Waxworks Analytics", "1 year"],
        ]
    ]


def test_the_first_row_again_starts_a_table_of_its_own() -> None:
    text = (
        INTRO
        + "Who  What they get\n"
        + "Couriers  Your name and address\n"
        + "Our bank  Your payment details\n"
        + "We tell you before we share anything else with anyone.  \n"
        + "Who  What they get\n"
        + "Auditors  Our records of orders\n"
        + "Insurers  Records of claims\n"
        + OUTRO
    )
    first, second = _tables(text)
    assert first[-1] == ["We tell you before we share anything else with anyone.", ""]
    assert second[:2] == [["Who", "What they get"], ["Auditors", "Our records of orders"]]


def test_a_heading_over_and_between_tables_stays_a_heading() -> None:
    # without the gap after it, a short line by a table's rows is a line of its own
    text = (
        INTRO
        + "Needed cookies\n"
        + "Cookie  Purpose  Expiry\n"
        + "hive_session  Keeps you signed in  1 day\n"
        + "hive_basket  Remembers your basket  30 days\n"
        + "Analytics cookies\n"
        + "Cookie  Purpose  Expiry\n"
        + "comb_visits  Counts visits to each page  1 year\n"
        + "comb_source  Notes the site you came from  1 year\n"
        + OUTRO
    )
    assert len(_tables(text)) == 2
    assert {"Needed cookies", "Analytics cookies"} <= set(_paragraphs(text))


def test_spaces_at_the_end_of_every_line_say_nothing() -> None:
    # a copy that pads every line: the heading over the table is not a row of it
    text = "".join(
        line + "   \n"
        for line in (
            INTRO
            + "Needed cookies\n"
            + "Cookie  Purpose  Expiry\n"
            + "hive_session  Keeps you signed in  1 day\n"
            + "hive_basket  Remembers your basket  30 days\n"
            + OUTRO
        ).splitlines()
    )
    assert _tables(text)[0][0] == ["Cookie", "Purpose", "Expiry"]
    assert "Needed cookies" in _paragraphs(text)


def test_a_table_of_one_row_under_its_column_names() -> None:
    text = INTRO + "Cookie  Purpose  Expiry\nhive_session  Keeps you signed in to your account  1 day\n" + OUTRO
    assert _tables(text) == [
        [["Cookie", "Purpose", "Expiry"], ["hive_session", "Keeps you signed in to your account", "1 day"]]
    ]


def test_two_lines_of_sentences_with_wide_spaces_are_not_a_table() -> None:
    # two spaces after a full stop, on two lines running: text, not a row of cells under column names
    text = INTRO + "We sell honey.  We also sell wax.\nBoth come from our hives.  None is imported.\n" + OUTRO
    assert _tables(text) == []


def test_a_row_whose_first_cell_is_empty_keeps_its_columns() -> None:
    # the second row of a purpose goes on under it: the gap before its text stands for the empty cell
    text = (
        INTRO
        + "Purpose  What we do  How to stop it\n"
        + "Selling honey  We send your order  Close your account\n"
        + "  We send your receipt  Ask us by email\n"
        + "Keeping hives  We log each visit  Not possible\n"
        + OUTRO
    )
    assert _tables(text)[0][1:3] == [
        ["Selling honey", "We send your order", "Close your account"],
        ["", "We send your receipt", "Ask us by email"],
    ]


def test_an_indented_line_after_a_table_is_not_a_row() -> None:
    text = (
        INTRO
        + "Cookie  Purpose\n"
        + "hive_session  Keeps you signed in\n"
        + "hive_basket  Remembers your basket\n"
        + "  Both are deleted when you sign out of the shop.\n"
        + OUTRO
    )
    assert len(_tables(text)[0]) == 3

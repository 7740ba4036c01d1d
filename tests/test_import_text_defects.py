"""Defects found importing a tester's own notices as copied text, web pages and Word files: page
headers taken for the title or a section, escaped marks in table cells, headings nested under the
wrong section, and a very long notice that took minutes to build."""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest

from notice_studio.core.importer import outline_from_document, read_bytes
from notice_studio.core.importer.build import build_notice
from notice_studio.core.importer.outline import ImportedOutline, ImportedSection
from notice_studio.core.importer.tables import found_tables
from notice_studio.core.notice.model import Notice
from notice_studio.core.render.renderer import render


def test_a_notice_of_thousands_of_sections_is_built_without_walking_it_per_clause(monkeypatch) -> None:
    # 3,000 sections under three titles, each linking to the first: building the clause tree walked
    # the whole notice for each clause added (Notice.add, new_clause_id), so a notice of thousands of
    # sections took minutes. The walks are counted, not timed (benchmarks/bench_import_limits.py
    # times the build at two sizes: about linear now).
    walks = []
    real_walk = Notice.walk

    def counted(self, *args, **kwargs):
        walks.append(1)
        return real_walk(self, *args, **kwargs)

    monkeypatch.setattr(Notice, "walk", counted)
    sections = tuple(
        ImportedSection(f"Part {n % 3}", 2 if n % 3 else 1, (f"Text of part {n}, as [above](#part-0).",))
        for n in range(3000)
    )
    notice = build_notice(ImportedOutline("long.txt", "txt", "A long notice", sections))
    assert len(walks) < 20  # a few for the whole notice, not one or more per clause (3,000 before)
    ids = [clause.id for clause in notice.all_clauses()]
    assert len(ids) == len(set(ids)) == 3000
    assert ids[:7] == ["part-0", "part-1", "part-2", "part-0-2", "part-1-2", "part-2-2", "part-0-3"]
    assert [c.id for c in notice.clauses[0].children] == ["part-1", "part-2"]
    assert notice.all_clauses()[-1].body.endswith("as [above](#part-0).")


def copied_text(lines: list[str]) -> ImportedOutline:
    """The outline of copied text given line by line."""
    return outline_from_document(read_bytes("\n".join(lines).encode("utf-8"), "orchard.txt", "txt"))


FILLER = (
    "The orchard club keeps a short list of members and the trees each one looks after through",
    "the year, so that pruning days can be shared out fairly among the people who turn up to help.",
)


def body(n: int) -> list[str]:
    """`n` pairs of hard-wrapped lines of text."""
    return [line for _ in range(n) for line in FILLER]


HEADER = "Hillside Orchard Club — Privacy Notice"
NAME = "Hillside Orchard Club Privacy Notice"
THREE_PAGES = [
    *(HEADER, NAME, "Last updated: 3 May 2025", *body(3), "1. Who runs the club", *body(8), "Page 1 of 3"),
    *(HEADER, "2. What we keep about members", *body(8), "Page 2 of 3"),
    *(HEADER, "3. Asking for your records", *body(6), "Page 3 of 3"),
]
TWO_PAGES = [
    *(HEADER, "Hillside Orchard Club: Privacy Policy", *body(3), "Members and their trees", *body(10), "1"),
    *(HEADER, "Asking for your records", *body(6), "2"),
]
NAME_AS_HEADER = [
    NAME,
    "Hillside Orchard Club's privacy notice tells members what the club keeps about them and",
    *(*body(3), "Members and their trees", *body(10), "Page 1 of 2"),
    *(NAME, "Asking for your records", *body(6), "Page 2 of 2"),
]


@pytest.mark.parametrize(
    "lines, title, sections, furniture, dropped",
    [
        # the header over the notice's name on page 1 is furniture like those of pages 2 and 3
        (
            THREE_PAGES,
            NAME,
            ["Introduction", "Who runs the club", "What we keep about members", "Asking for your records"],
            HEADER,
            3,
        ),
        # two pages: the header at the top and after the first page number is on 2 of 2 pages
        (
            TWO_PAGES,
            "Hillside Orchard Club: Privacy Policy",
            ["Introduction", "Members and their trees", "Asking for your records"],
            HEADER,
            2,
        ),
        # the notice's name repeated as the second page's header: that copy goes, the title stays
        (NAME_AS_HEADER, NAME, ["Introduction", "Members and their trees", "Asking for your records"], NAME, 1),
        # the name as header over a heading that adds to it: the name stays the title
        (
            [NAME, f"{NAME} – In Short", *NAME_AS_HEADER[1:]],
            NAME,
            [f"{NAME} – In Short", "Members and their trees", "Asking for your records"],
            NAME,
            1,
        ),
    ],
)
def test_pdf_copy_running_header_on_every_page_is_furniture(
    lines: list[str], title: str, sections: list[str], furniture: str, dropped: int
) -> None:
    outline = copied_text(lines)
    assert outline.title == title
    assert [s.title for s in outline.sections] == sections
    assert outline.dropped.count(furniture) == dropped


def _cookie_rows() -> list[list[str]]:
    return [
        ["Cookie", "Who sets it", "Why"],
        ["_hive_visit", "Hillside Orchard Club", "Counts visits [once a day]"],
        ["*ladder*", "Orchard <tools>", "Marks the 2 * 3 rota"],
    ]


def _word_file(rows: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Hillside Orchard Club Privacy Notice", 0)
    document.add_heading("Cookies on our pages", 1)
    document.add_paragraph("These small files help the club's pages work.")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _web_page(rows: list[list[str]]) -> bytes:
    cells = "".join(
        "<tr>"
        + "".join(f"<{'th' if n == 0 else 'td'}>{html.escape(c)}</{'th' if n == 0 else 'td'}>" for c in row)
        + "</tr>"
        for n, row in enumerate(rows)
    )
    page = (
        "<html><body><h1>Hillside Orchard Club Privacy Notice</h1><h2>Cookies on our pages</h2>"
        f"<p>These small files help the club's pages work.</p><table>{cells}</table></body></html>"
    )
    return page.encode("utf-8")


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_table_cells_from_web_pages_and_word_files_are_the_plain_words(fmt: str, tmp_path: Path) -> None:
    rows = _cookie_rows()
    data = _web_page(rows) if fmt == "html" else _word_file(rows)
    outline = outline_from_document(read_bytes(data, f"orchard.{fmt}", fmt))
    (table,) = found_tables(outline)
    # "\\_hive_visit" before; an escape stays only where the cell needs one to read as written
    assert [list(table.columns), *map(list, table.rows)] == [
        rows[0],
        rows[1],
        ["\\*ladder*", "Orchard <tools>", "Marks the 2 * 3 rota"],
    ]
    notice = build_notice(outline, tables=True)
    (made,) = notice.tables.values()
    assert made.rows[0][0] == "_hive_visit"
    shown = render(notice).html
    assert "<td>_hive_visit</td>" in shown and "<td>*ladder*</td>" in shown  # cells show as written


def levels(*headings: str) -> list[tuple[int, str]]:
    """The levels of the sections of copied text with these headings, each over a paragraph."""
    lines = ["Hillside Orchard Club Privacy Notice", "", PARA, ""]
    for heading in headings:
        lines += [heading, "", PARA, ""]
    return [(s.level, s.title) for s in copied_text(lines).sections]


PARA = "The club writes down only what it needs to share out the work among its members fairly."


def test_unnumbered_headings_between_numbered_sections_with_numbered_parts_are_sections() -> None:
    # The notice numbers its parts ('2.1'): a question or a title line in section 3 is not
    # numbered as a part of it would be, so it is a section between 3 and 4.
    found = levels(
        "1. Who runs the club",
        "2. What we keep",
        "2.1 About young members",
        "3. Why we keep it",
        "How long are ladders lent for?",
        "Photographs at harvest days",
        "4. Asking for your records",
    )
    assert found == [
        (1, "Introduction"),
        (1, "Who runs the club"),
        (1, "What we keep"),
        (2, "About young members"),
        (1, "Why we keep it"),
        (1, "How long are ladders lent for?"),
        (1, "Photographs at harvest days"),
        (1, "Asking for your records"),
    ]


def test_unnumbered_lines_in_a_notice_that_numbers_only_its_sections_stay_parts() -> None:
    found = levels("1. Who runs the club", "2. What we keep", "About young members", "Photographs", "3. Why")
    assert [level for level, _ in found] == [1, 1, 1, 2, 2, 1]


def test_a_question_among_title_lines_of_copied_text_is_a_section_like_them() -> None:
    found = levels("What we keep", "Why we keep it", "Do we sell members' details?", "Photographs", "Contact")
    assert [level for level, _ in found] == [1] * 6


def test_questions_under_title_lines_stay_their_parts() -> None:
    found = levels(
        "Members",
        "What do we keep about members?",
        "Who sees it?",
        "Visitors",
        "What do we keep about visitors?",
        "Contact",
        "How do I reach the secretary?",
    )
    assert [level for level, _ in found] == [1, 1, 2, 2, 1, 2, 1, 2]

"""Numbered list items in copied text and PDFs come in as one numbered list, as a Word file's do.

A PDF or a copy of one gives each item '1. ...', '2. ...' as a line of its own; they used to come in
as separate paragraphs (a loose list, each item a paragraph apart), while the same notice from Word
came in as a tight numbered list. Numbered headings, each over its own text, stay headings.
"""

from __future__ import annotations

from pathlib import Path

from notice_studio.core.importer import import_file, outline_from_document
from notice_studio.core.importer.plain_text import read_plain_text
from notice_studio.core.render.markdown import notice_markdown

ALLOTMENT_BROWSER = """\
Greenrow Allotment Society Privacy Notice

Who we are

Greenrow Allotment Society lets out forty plots on the old railway land behind the station.

What we keep

When you join the waiting list we write down:

1. your name and a telephone number or e-mail address we can reach you on

2. the size of plot you asked for

3. the date you joined the list, which sets your place on it

How long we keep it

We keep your details while you rent a plot and for one season after you give it up.
"""

ALLOTMENT_PDF_COPY = """\
Greenrow Allotment Society Privacy Notice
1. Who we are
Greenrow Allotment Society lets out forty plots on the old railway land behind the
station. The committee of five volunteers meets on the first Sunday of each month.
2. Why we keep what we keep
The committee uses the waiting list and the rent book only
1. to offer a plot to the next person on the list when one falls free, in the order
in which people joined it;
2. to send the yearly rent reminder each March, and a second one in April when the
first was not answered;
3. to keep the society's accounts for the annual meeting.
3. Contact
Write to the secretary, care of the shed by the north gate, or leave a note in the box.
"""


def _section(outline, title: str):
    return next(s for s in outline.sections if s.title == title)


def test_numbered_items_after_a_lead_in_are_one_numbered_list_in_browser_text() -> None:
    document = read_plain_text(ALLOTMENT_BROWSER, "notice.txt")
    items = [b for b in document.blocks if b.kind == "list_item"]
    assert [b.number for b in items] == ["1.", "2.", "3."]
    assert [b.gap_before for b in items] == [True, False, False]  # one tight list, as Word's is
    body = _section(outline_from_document(document), "What we keep").body
    assert "down:\n\n1. your name" in body and "\n\n2." not in body
    assert "on\n2. the size of plot you asked for\n3. the date" in body
    html = notice_markdown().render(body)
    assert html.count("</ol>") == 1 and html.count("<li>") == 3
    assert "<li><p>" not in html  # a tight list: no paragraph in each item


def test_numbered_items_in_a_hard_wrapped_pdf_copy_are_a_list_under_numbered_headings() -> None:
    outline = outline_from_document(read_plain_text(ALLOTMENT_PDF_COPY, "notice.txt"))
    assert [s.title for s in outline.sections] == ["Who we are", "Why we keep what we keep", "Contact"]
    body = _section(outline, "Why we keep what we keep").body
    assert "1. to offer a plot to the next person on the list when one falls free, in the order in which" in body
    assert "in which people joined it;\n2. to send the yearly rent reminder" in body
    assert "not answered;\n3. to keep the society's accounts for the annual meeting." in body


def test_numbered_lines_with_no_sign_of_a_list_stay_as_they_were() -> None:
    # Short numbered titles one after another with no lead-in and no list punctuation: a contents
    # list or headings; and numbers that skip (1., then 3.) are no list either.
    text = (
        "Greenrow Allotment Society Privacy Notice\n\n"
        "1. Who we are\n\n2. What we keep\n\n"
        "We keep three things about each plot holder:\n\n"
        "1. their name;\n\n3. their plot number;\n\n"
        "Rent is paid each March.\n"
    )
    blocks = read_plain_text(text, "notice.txt").blocks
    assert not any(b.kind == "list_item" for b in blocks)


def test_a_word_processors_numbered_list_in_a_pdf_is_one_tight_list(tmp_path: Path) -> None:
    # The same notice from Word and printed to PDF by LibreOffice: the same body.
    from notice_support import NO_SOFFICE, SOFFICE, libreoffice_convert
    from test_import_pdf_word_processor import REASONS, _workshop_docx

    if SOFFICE is None:
        import pytest

        pytest.skip(NO_SOFFICE)
    _workshop_docx(tmp_path / "workshop.docx")
    libreoffice_convert(tmp_path / "workshop.docx", "pdf", tmp_path)
    bodies = {}
    for suffix in ("docx", "pdf"):
        outline = import_file(tmp_path / f"workshop.{suffix}")
        bodies[suffix] = _section(outline, "Why we keep it").body
    assert bodies["pdf"] == bodies["docx"]
    assert "\n".join(f"{n}. {item}" for n, item in enumerate(REASONS, 1)) in bodies["pdf"]

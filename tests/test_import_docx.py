"""Word files as counsel keep them: content controls, fields, tracked changes, footnotes, nested
tables. Every word Word shows must reach a clause (or the report), never vanish."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from notice_studio.core.importer import outline_from_document, read_bytes

W = nsdecls("w")


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _paragraph_with(document, before: str, inner_xml: str, after: str) -> None:
    paragraph = document.add_paragraph(before)
    paragraph._p.append(parse_xml(inner_xml))
    paragraph._p.append(parse_xml(f"<w:r {W}><w:t xml:space='preserve'>{after}</w:t></w:r>"))


def _imported(document) -> tuple[str, object]:
    out = io.BytesIO()
    document.save(out)
    outline = outline_from_document(read_bytes(out.getvalue(), "club.docx", "docx"))
    text = "\n".join(f"{s.title}\n{s.body}" for s in outline.sections)
    return text, outline


def test_words_inside_content_controls_fields_and_smart_tags_are_kept() -> None:
    d = docx.Document()
    d.add_heading("Who runs the club", 1)
    _paragraph_with(
        d,
        "The controller is ",
        f"<w:sdt {W}><w:sdtPr><w:alias w:val='Club name'/></w:sdtPr><w:sdtContent>{_run('Fenland Wheelers CIC')}"
        "</w:sdtContent></w:sdt>",
        ", a community interest company.",
    )
    _paragraph_with(
        d, "Write to ", f"<w:smartTag {W} w:element='address'>{_run('4 Dyke Lane, Ely')}</w:smartTag>", " by post."
    )
    _paragraph_with(
        d,
        "This notice covers ",
        f"<w:fldSimple {W} w:instr=' DOCPROPERTY Club '>{_run('the Wheelers')}</w:fldSimple>",
        ".",
    )
    d.add_heading("Your rights", 1)
    body = d.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p>{_run('You may ask for your ride log.')}</w:p></w:sdtContent></w:sdt>"
        ),
    )
    text, outline = _imported(d)
    assert "The controller is Fenland Wheelers CIC, a community interest company." in text
    assert "Write to 4 Dyke Lane, Ely by post." in text
    assert "This notice covers the Wheelers." in text
    assert "You may ask for your ride log." in text.split("Your rights", 1)[1]
    assert outline.notes == ()  # nothing tracked: no note


def test_tracked_changes_are_read_accepted_and_the_report_says_so() -> None:
    d = docx.Document()
    d.add_heading("How long we keep records", 1)
    paragraph = d.add_paragraph("We keep race entries ")
    paragraph._p.append(
        parse_xml(
            f"<w:ins {W} w:id='1' w:author='Counsel' w:date='2026-01-05T00:00:00Z'>{_run('for two seasons ')}</w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f"<w:del {W} w:id='2' w:author='Counsel' w:date='2026-01-05T00:00:00Z'>"
            "<w:r><w:delText xml:space='preserve'>for ever </w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(parse_xml(f"<w:r {W}><w:t xml:space='preserve'>and then delete them.</w:t></w:r>"))
    text, outline = _imported(d)
    assert "We keep race entries for two seasons and then delete them." in text
    assert "for ever" not in text
    [note] = [n for n in outline.notes if "tracked changes" in n]
    assert "as if they were all accepted" in note


def test_footnotes_follow_the_paragraph_that_refers_to_them(tmp_path) -> None:
    # A footnotes part made the way Word makes it: two separators, then the note.
    d = docx.Document()
    d.add_heading("Who we are", 1)
    paragraph = d.add_paragraph("Fenland Wheelers is a cycling club.")
    paragraph._p.append(parse_xml(f"<w:r {W}><w:footnoteReference w:id='1'/></w:r>"))
    d.add_heading("Contact", 1)
    d.add_paragraph("Ask at the clubhouse.")
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    notes = (
        f"<w:footnotes {W}>"
        "<w:footnote w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
        "<w:footnote w:type='continuationSeparator' w:id='0'><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
        f"<w:footnote w:id='1'><w:p>{_run('Registered with the regional sports council, no. 88.')}</w:p></w:footnote>"
        "</w:footnotes>"
    ).encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        notes,
        d.part.package,
    )
    d.part.relate_to(part, RT.FOOTNOTES)
    text, _ = _imported(d)
    who = text.split("Contact", 1)[0]
    assert "Fenland Wheelers is a cycling club.\\[1\\]" in who
    assert "[1] Registered with the regional sports council, no. 88." in who


def test_a_table_inside_a_table_cell_keeps_its_words() -> None:
    d = docx.Document()
    d.add_heading("Who sees your data", 1)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Recipient"
    table.cell(0, 1).text = "Why"
    table.cell(1, 0).text = "Timing company"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "to publish race results"
    text, _ = _imported(d)
    assert "to publish race results" in text


SECTIONS = [
    ("Who we are", "The club is run by a volunteer board from the Fen Road clubhouse."),
    ("What we collect", "We collect names, ages and the rides you sign up for."),
    ("Your rights", "You may ask for a copy of your data at any time."),
]


def test_numbered_bold_list_items_on_their_own_are_headings_in_word() -> None:
    d = docx.Document()
    d.add_paragraph("Fenland Wheelers keeps a little data about its riders.")
    for title, body in SECTIONS:
        d.add_paragraph(style="List Number").add_run(title).bold = True  # Word numbers it itself
        d.add_paragraph(body)
    _, outline = _imported(d)
    found = [(s.title, s.original_number) for s in outline.sections[1:]]
    assert found == [("Who we are", "1"), ("What we collect", "2"), ("Your rights", "3")]
    assert outline.sections[2].body == SECTIONS[1][1]


def test_numbered_bold_list_items_on_their_own_are_headings_in_a_web_page() -> None:
    items = "".join(
        f'<ol start="{n}"><li><strong>{title}</strong></li></ol><p>{body}</p>'
        for n, (title, body) in enumerate(SECTIONS, start=1)
    )
    page = f"<h1>Privacy Notice</h1><p>Fenland Wheelers keeps a little data about its riders.</p>{items}"
    outline = outline_from_document(read_bytes(page.encode(), "club.html", "html"))
    assert [s.title for s in outline.sections[1:]] == [t for t, _ in SECTIONS]


def test_a_list_of_bold_items_stays_a_list() -> None:
    d = docx.Document()
    d.add_heading("What we collect", 1)
    d.add_paragraph("We collect:")
    for title in ("Names", "Ages", "Ride bookings"):
        d.add_paragraph(style="List Number").add_run(title).bold = True
    d.add_paragraph("We collect nothing else.")
    text, outline = _imported(d)
    assert [s.title for s in outline.sections] == ["What we collect"]
    assert "**Ride bookings**" in text

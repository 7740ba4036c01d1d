"""Importing realistic notices: section boundaries, levels, original numbers and topics.

The sample notices in tests/fixtures/import/ are our own wording for invented organisations,
written in the styles real notices use (numbered, un-numbered, questions, run-in headings,
page furniture around a saved web page, UTF-16 and Windows-1252 files).
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from notice_studio.core.importer import (
    ImportedOutline,
    build_notice,
    import_file,
    outline_from_document,
    preview_report,
    read_bytes,
)
from notice_studio.core.importer.plain_text import read_plain_text
from notice_studio.core.importer.report import report_text

FIXTURES = Path(__file__).parent / "fixtures" / "import"

# (level, title, original number, topics, first words of the body, last words of the body)
Expected = list[tuple[int, str, str, tuple[str, ...], str, str]]


def assert_outline(outline: ImportedOutline, expected: Expected) -> None:
    got = [(s.level, s.title, s.original_number, s.topics) for s in outline.sections]
    assert got == [(lvl, title, num, topics) for lvl, title, num, topics, _, _ in expected]
    for section, (_, title, _, _, start, end) in zip(outline.sections, expected, strict=True):
        assert section.body.startswith(start), f"{title!r} starts {section.body[:60]!r}"
        assert section.body.endswith(end), f"{title!r} ends {section.body[-60:]!r}"
        assert section.evidence, f"{title!r} has no evidence"


# ----- numbered plain text: CRLF, Windows-1252, ALL CAPS numbered headings, 2.1 sub-sections ------------
NUMBERED: Expected = [
    (
        1,
        "Introduction",
        "",
        ("introduction",),
        "Harbour Lane Bakery Ltd\\\nLast updated: 3 March 2025",
        "sign up for our bread club.",
    ),
    (1, "WHO WE ARE", "1", ("controller",), "Harbour Lane Bakery Ltd is a family bakery", "described in this notice."),
    (1, "THE INFORMATION WE COLLECT", "2", ("data-provided",), "We collect only what we need", "invoice your orders."),
    (
        2,
        "Information you give us",
        "2.1",
        ("data-provided",),
        "When you place an order we ask for:\n1. your name",
        "add to the order.",
    ),
    (
        2,
        "Information collected automatically",
        "2.2",
        ("data-automatic",),
        "Our online shop records",
        "described in section 5.",
    ),
    (
        1,
        "HOW WE USE YOUR INFORMATION",
        "3",
        ("purposes", "legitimate-interests"),
        "We use your information",
        "against yours.",
    ),
    (1, "WHO WE SHARE IT WITH", "4", ("sharing",), "We share delivery details", "never sell your information."),
    (1, "COOKIES", "5", ("cookies",), "Our website uses a small number", "foot of each page."),
    (1, "HOW LONG WE KEEP IT", "6", ("retention",), "We keep order records", "you leave the club."),
    (
        1,
        "YOUR RIGHTS",
        "8",
        ("rights", "right-access", "right-deletion", "right-objection", "complaints"),
        "You can ask us for a copy",
        "Commissioner’s Office.",
    ),
    (1, "CONTACT US", "9", ("contact",), "Write to us at Harbour Lane Bakery Ltd", "[insert DPO name]."),
]


def test_numbered_text_in_windows_1252_with_crlf() -> None:
    outline = import_file(FIXTURES / "numbered.txt")
    assert outline.encoding == "windows-1252"
    assert outline.title == "PRIVACY NOTICE"
    assert_outline(outline, NUMBERED)
    intro = outline.sections[0].body
    assert "“we”, “us”" in intro and "café" in intro  # curly quotes and accents decoded
    assert "\r" not in "".join(s.body for s in outline.sections)


def test_numbered_list_items_inside_a_section_stay_in_its_text() -> None:
    outline = import_file(FIXTURES / "numbered.txt")
    given = next(s for s in outline.sections if s.original_number == "2.1")
    assert "1. your name and delivery address;\n2. your phone number" in given.body
    assert "3. any allergy notes" in given.body
    assert [s.original_number for s in outline.sections].count("1") == 1


# ----- un-numbered Markdown with front matter, three heading levels and a run-in bold heading -------
UNNUMBERED: Expected = [
    (1, "Introduction", "", ("introduction",), "Fernhill Yoga Studio respects your privacy.", "website visitors."),
    (1, "Who we are", "", ("controller",), "Fernhill Yoga Studio is run by", "we are the data controller."),
    (1, "What information we collect", "", ("data-provided",), "", ""),
    (2, "Information you give us", "", ("data-provided",), "When you book a class", "your explicit consent."),
    (2, "Information from other sources", "", ("data-third-party",), "If you book through", "the class you booked."),
    (
        1,
        "How we use your information",
        "",
        ("purposes", "legal-bases", "marketing"),
        "| Purpose | Legal basis |",
        "link in every email.",
    ),
    (
        1,
        "Sharing your information",
        "",
        ("sharing", "service-providers"),
        "We use a booking platform",
        "the law requires it.",
    ),
    (1, "Keeping your information", "", ("retention",), "We keep membership records", "after your last class."),
    (1, "Your rights", "", ("rights", "right-access", "consent"), "Under the UK GDPR", "at any time."),
    # an h4 straight under an h2 is one level down: a sub-section, not a level below nothing
    (2, "Making a request", "", (), "Email us and we will reply", "within one month."),
    (1, "Contact", "", ("contact",), "Email privacy@fernhill-yoga.example", "Bristol BS3 4QT."),
]


def test_markdown_headings_keep_the_source_text_exactly() -> None:
    outline = import_file(FIXTURES / "unnumbered.md")
    assert outline.title == "Privacy Policy"
    assert_outline(outline, UNNUMBERED)
    source = (FIXTURES / "unnumbered.md").read_text(encoding="utf-8")
    for section in outline.sections:
        for paragraph in section.paragraphs:
            assert paragraph in source, paragraph  # every paragraph is the file's own text
    uses = outline.sections[5]
    assert "**Newsletter.** You can unsubscribe" in uses.body  # third-level run-in heading kept as text
    assert outline.dropped == ("Back to top",)
    assert any("below the third level" in note and "run into" in note for note in outline.notes)


def test_markdown_bullets_and_table_stay_markdown() -> None:
    outline = import_file(FIXTURES / "unnumbered.md")
    given = outline.sections[3]
    assert given.paragraphs[1].startswith("- your name, email address and phone number\n- emergency contact details")
    table = outline.sections[5].paragraphs[0]
    assert table.splitlines()[1] == "| --- | --- |"
    assert len(table.splitlines()) == 5


# ----- a saved web page with navigation, cookie banner, footer and a table -----------------------------
SAVED_PAGE: Expected = [
    (1, "Introduction", "", ("introduction",), "Tidewell Energy Ltd supplies", "visit our website."),
    (
        1,
        "Who we are",
        "",
        ("controller", "dpo"),
        "Tidewell Energy Ltd (company number 11223344)",
        "(mailto:dpo@tidewell.example).",
    ),
    (1, "The information we hold", "", ("data-provided",), "", ""),
    (
        2,
        "Information you give us",
        "",
        ("data-provided",),
        "- Your name, address, email address",
        "needs a constant supply.",
    ),
    (2, "Information from smart meters", "", (), "If you have a smart meter", "with your consent."),
    (
        1,
        "Why we use your information",
        "",
        ("purposes", "legal-bases"),
        "We use your information to supply",
        "or a legal obligation.",
    ),
    (1, "Cookies", "", ("cookies",), "We use the cookies below.", "| 2 years |"),
    (
        1,
        "Sharing and transfers",
        "",
        ("sharing", "international-transfers"),
        "We share data with industry bodies",
        "Data Transfer Agreement.",
    ),
    (1, "How long we keep it", "", ("retention",), "We keep account records", "after you leave us."),
    (
        1,
        "Your rights",
        "",
        ("rights", "right-access", "complaints"),
        "You can ask for a copy of your data",
        "Commissioner's Office.",
    ),
    (
        1,
        "Contact us",
        "",
        ("contact",),
        "Email [privacy@tidewell.example](mailto:privacy@tidewell.example) or call",
        "read our complaints procedure.",
    ),
]


def test_saved_web_page_without_its_furniture() -> None:
    outline = import_file(FIXTURES / "saved_page.html")
    assert outline.title == "Privacy notice"
    assert_outline(outline, SAVED_PAGE)
    text = "\n".join(s.title + "\n" + s.body for s in outline.sections)
    for junk in (
        "Skip to main content",
        "Accept all cookies",
        "We use cookies to make our website work",
        "Tariffs",
        "Log in",
        "Back to top",
        "All rights reserved",
        "Made with Webflow",
        "Subscribe to our newsletter",
        "Read our terms of supply",
        "On this page",
        "dataLayer",
    ):
        assert junk not in text, junk
    for reason in (
        "the cookie banner",
        "the page header",
        "the page footer",
        "a 'skip to content' link",
        "Back to top",
    ):
        assert reason in outline.dropped


def test_web_page_lists_links_and_tables_become_markdown() -> None:
    outline = import_file(FIXTURES / "saved_page.html")
    given = outline.sections[3].body
    assert "- Your **meter readings** and payment details." in given
    assert "- Information about *vulnerability* that you tell us" in given
    cookies = outline.sections[6].paragraphs
    assert cookies[0].endswith("[cookie settings](/cookies).")
    assert cookies[1].splitlines() == [
        "| Cookie | Purpose | Expires |",
        "| --- | --- | --- |",
        "| tw_session | Keeps you logged in | End of session |",
        "| _ga | Google Analytics: counts visits \\| pages | 2 years |",
    ]
    contact = outline.sections[10].paragraphs[0]
    assert contact.endswith(
        "0800 123 4567.\\\nPost: Privacy Team, Tidewell Energy Ltd, 7 Quay Street, Plymouth PL1 2AB."
    )


def test_hostile_html_never_becomes_active_content() -> None:
    outline = import_file(FIXTURES / "saved_page.html")
    text = "\n".join(s.body for s in outline.sections).lower()
    assert "javascript:" not in text and "onclick" not in text and "<script" not in text and "steal" not in text


def test_main_content_is_preferred_over_the_rest_of_the_page() -> None:
    page = (
        "<html><body><div class='promo'><h2>Big sale</h2><p>Everything half price this week only, hurry.</p></div>"
        "<main><h1>Privacy policy</h1><h2>What we collect</h2><p>" + "We collect your name and email. " * 10 + "</p>"
        "<h2>Contact</h2><p>Email privacy@shop.example.</p></main>"
        "<div class='after'><p>Related articles you may like</p></div></body></html>"
    )
    outline = outline_from_document(read_bytes(page.encode(), "p.html", "html"))
    assert [s.title for s in outline.sections] == ["What we collect", "Contact"]
    assert outline.title == "Privacy policy"
    assert any("main content" in d for d in outline.dropped)


def test_notice_sections_named_like_furniture_are_kept() -> None:
    page = (
        "<h1>Privacy notice</h1><div id='sharing' class='share-section'><h2>Sharing your information</h2><p>"
        + "We share your information with our delivery partners so they can deliver your order. " * 12
        + "</p></div><section id='cookie-banner-info'><h2>Cookies</h2><p>We use two cookies.</p></section>"
    )
    outline = outline_from_document(read_bytes(page.encode(), "p.html", "html"))
    assert [s.title for s in outline.sections] == ["Sharing your information", "Cookies"]


# ----- question headings ---------------------------------------------------------------------------
QUESTIONS: Expected = [
    (1, "Introduction", "", ("introduction",), "We look after animals", "ask us most often."),
    (1, "What information do we collect?", "", ("data-provided",), "When you register a pet", "treatment history."),
    (
        1,
        "How do we use your information?",
        "",
        ("purposes", "legitimate-interests"),
        "We use it to treat your pet",
        "interests and yours.",
    ),
    (1, "Who do we share it with?", "", ("sharing",), "We share information with out-of-hours", "make a claim."),
    (1, "How long do we keep your information?", "", ("retention",), "We keep clinical records", "body recommends."),
    (
        1,
        "What are your rights?",
        "",
        ("rights", "right-access", "right-deletion"),
        "You can ask for a copy",
        "no longer need it.",
    ),
    (1, "Do you use cookies?", "", ("cookies",), "Our website uses only", "it needs to work."),
    (1, "How can you contact us?", "", ("contact",), "Call reception on 01632 960 123", "pebblestone-vets.example."),
]


def test_question_headings() -> None:
    outline = import_file(FIXTURES / "questions.txt")
    assert outline.title == "Pebblestone Veterinary Clinic – Privacy Notice"
    assert_outline(outline, QUESTIONS)


# ----- run-in headings, and a heading run into the end of the paragraph before it ------------------------
RUN_IN: Expected = [
    (1, "Introduction", "", ("introduction",), "Larkspur Tutoring Ltd provides", "pupils and their parents."),
    (1, "Who we are", "1", ("controller",), "Larkspur Tutoring Ltd, 22 Orchard Row", "described here."),
    (1, "Information we collect", "2", ("data-provided",), "We collect the parent's name", "need help with."),
    (1, "How we use it", "3", ("purposes",), "We use this information to match pupils", "progress reports to parents."),
    (1, "Sharing", "4", ("sharing",), "We share the pupil's first name", "confidentiality agreement."),
    (1, "Children", "5", ("children",), "Most of our pupils are under 16", "parent or guardian."),
    (1, "Keeping information", "6", ("retention",), "We delete lesson notes", "after the last lesson."),
    (1, "Contact", "7", ("contact",), "Email hello@larkspur-tutoring.example", "with any questions."),
]


def test_run_in_headings_are_split_off() -> None:
    outline = import_file(FIXTURES / "run_in.txt")
    assert outline.title == "Larkspur Tutoring Privacy Notice"
    assert_outline(outline, RUN_IN)
    assert outline.sections[1].run_in and "run into the start" in outline.sections[1].evidence
    assert "run into the end of the paragraph before it" in outline.sections[4].evidence
    assert "4. Sharing" not in outline.sections[3].body


# ----- UTF-16 with BOM: ALL CAPS sections with title-case sub-sections ------------------------------------
UTF16: Expected = [
    (1, "Introduction", "", ("introduction",), "Café Müller GmbH runs two coffee houses", "your personal data."),
    (
        1,
        "ABOUT US",
        "",
        ("controller", "dpo"),
        "Café Müller GmbH, Lindwurmstraße 12",
        "datenschutz@cafe-mueller.example.",
    ),
    (1, "THE DATA WE PROCESS", "", ("data-provided",), "", ""),
    (2, "Online Orders", "", (), "For orders we process", "payment method."),
    (2, "Loyalty Card", "", (), "If you join our loyalty scheme", "coffee is free."),
    (
        1,
        "YOUR RIGHTS UNDER THE GDPR",
        "",
        ("rights", "right-access", "right-portability", "accuracy", "complaints"),
        "You have the right of access",
        "authority (BayLDA).",
    ),
    (1, "CONTACT", "", ("contact",), "Questions about this notice?", "never charge (€0)."),
]


def test_utf16_with_bom_all_caps_and_title_lines() -> None:
    outline = import_file(FIXTURES / "utf16.txt")
    assert outline.encoding == "utf-16-le (with BOM)"
    assert outline.title == "Datenschutzhinweis / Privacy Notice"
    assert_outline(outline, UTF16)


# ----- Word: heading styles, numbered paragraphs, a table ----------------------------------------------
def make_docx(auto_numbered_headings: bool = False) -> bytes:
    """A realistic Word notice for an invented law firm, built with python-docx."""
    d = docx.Document()
    d.core_properties.title = "Quillon Legal Services LLP privacy notice"
    d.add_paragraph("Privacy Notice", style="Title")
    d.add_paragraph(
        "Quillon Legal Services LLP is a firm of solicitors in Leeds. This notice explains how we use personal "
        "information about our clients, the people our clients deal with, and visitors to our offices."
    )
    headings = []

    def heading(number: str, text: str, level: int) -> None:
        headings.append(d.add_heading(text if auto_numbered_headings else f"{number} {text}", level=level))

    heading("1.", "About us", 1)
    d.add_paragraph(
        "Quillon Legal Services LLP (OC412345) is the controller of the information described below. "
        "Our registered office is 30 Park Square, Leeds LS1 2PF."
    )
    heading("2.", "Information we process", 1)
    heading("2.1", "Client information", 2)
    d.add_paragraph("To act for you we need:")
    for text in (
        "your name, address and date of birth;",
        "proof of identity, which the money laundering regulations require us to check;",
        "details of the matter you instruct us on.",
    ):
        d.add_paragraph(text, style="List Number")
    heading("2.2", "Information about other people", 2)
    d.add_paragraph(
        "Your matter may involve information about other people, such as the other side in a dispute. We obtain it "
        "from you, from the other side's lawyers or from publicly available sources such as the Land Registry."
    )
    heading("3.", "How we use information", 1)
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate(
        (
            ("Purpose", "Legal basis"),
            ("Acting on your matter", "Performance of our contract with you"),
            ("Identity checks", "Legal obligation"),
        )
    ):
        table.cell(r, 0).text = a
        table.cell(r, 1).text = b
    heading("4.", "Sharing", 1)
    d.add_paragraph(
        "We share information with barristers, experts and courts where your matter needs it, and with our IT and archive service providers."
    )
    heading("5.", "Keeping your information", 1)
    d.add_paragraph("We keep client files for 15 years after a matter closes.")
    heading("6.", "Your rights", 1)
    for text in (
        "to ask for a copy of your information;",
        "to ask us to correct or erase it;",
        "to object to our use of it.",
    ):
        d.add_paragraph(text, style="List Bullet")
    p = d.add_paragraph()
    p.add_run("Complaints.").bold = True
    p.add_run(
        " You can complain to the Information Commissioner's Office if you are unhappy with how we have used your information."
    )
    heading("7.", "Contact", 1)
    p = d.add_paragraph()
    p.add_run("Email: ").bold = True
    p.add_run("dataprotection@quillon.example")
    if auto_numbered_headings:
        _number_headings(d, headings)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _number_headings(document, headings) -> None:
    """Give the headings Word's own multi-level numbering (the number is not in their text)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for paragraph in headings:
        level = int(paragraph.style.name[-1]) - 1
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )


DOCX: Expected = [
    (1, "Introduction", "", ("introduction",), "Quillon Legal Services LLP is a firm", "visitors to our offices."),
    (1, "About us", "1", ("controller",), "Quillon Legal Services LLP (OC412345)", "Leeds LS1 2PF."),
    (1, "Information we process", "2", ("data-provided",), "", ""),
    (2, "Client information", "2.1", (), "To act for you we need:", "3. details of the matter you instruct us on."),
    (
        2,
        "Information about other people",
        "2.2",
        ("data-third-party",),
        "Your matter may involve",
        "the Land Registry.",
    ),
    (
        1,
        "How we use information",
        "3",
        ("purposes", "legal-bases"),
        "| Purpose | Legal basis |",
        "| Legal obligation |",
    ),
    (1, "Sharing", "4", ("sharing", "service-providers"), "We share information with barristers", "service providers."),
    (1, "Keeping your information", "5", ("retention",), "We keep client files", "after a matter closes."),
    (
        1,
        "Your rights",
        "6",
        ("rights", "right-access", "right-objection", "complaints"),
        "- to ask for a copy",
        "used your information.",
    ),
    (1, "Contact", "7", ("contact",), "**Email:** dataprotection@quillon.example", "dataprotection@quillon.example"),
]


@pytest.mark.parametrize("auto_numbered", [False, True], ids=["typed-numbers", "word-numbering"])
def test_word_document(auto_numbered: bool) -> None:
    document = read_bytes(make_docx(auto_numbered), "quillon.docx", "docx")
    outline = outline_from_document(document)
    assert outline.title == "Privacy Notice"
    assert_outline(outline, DOCX)
    assert outline.sections[1].evidence.startswith("Word style 'Heading 1'")
    client = outline.sections[3].paragraphs[1].splitlines()
    assert client == [
        "1. your name, address and date of birth;",
        "2. proof of identity, which the money laundering regulations require us to check;",
        "3. details of the matter you instruct us on.",
    ]
    rights = outline.sections[8].paragraphs
    assert rights[1].startswith("**Complaints.** You can complain")  # a third-level heading stays in the text


# ----- smaller cases ---------------------------------------------------------------------------------
def outline_of(text: str, fmt: str = "txt") -> ImportedOutline:
    return outline_from_document(read_bytes(text.encode("utf-8"), f"x.{fmt}", fmt))


def test_table_of_contents_is_not_taken_for_the_sections() -> None:
    text = (
        "Privacy Notice\n\nContents\n1. Introduction\n2. What we collect\n3. Your rights\n\n"
        "1. Introduction\nThis notice is about the Orchard Street Library.\n\n"
        "2. What we collect\nWe record your name and the books you borrow.\n\n"
        "3. Your rights\nYou can ask for a copy of your borrowing history.\n"
    )
    outline = outline_of(text)
    assert [(s.title, s.original_number) for s in outline.sections] == [
        ("Contents", ""),  # the text before the first heading is the contents, named so
        ("Introduction", "1"),
        ("What we collect", "2"),
        ("Your rights", "3"),
    ]
    assert outline.sections[0].body == "Contents\n1. Introduction\n2. What we collect\n3. Your rights"
    assert any("table of contents" in note for note in outline.notes)


def test_lettered_and_roman_sections() -> None:
    text = (
        "A. Who we are\nWe are the Kestrel Rowing Club, a members' club on the River Wear.\n\n"
        "B. What we collect\nWe keep members' names, crews and emergency contacts.\n\n"
        "C. Your rights\nAsk the membership secretary for a copy of your record.\n"
    )
    assert [(s.title, s.original_number) for s in outline_of(text).sections] == [
        ("Who we are", "A"),
        ("What we collect", "B"),
        ("Your rights", "C"),
    ]
    roman = text.replace("A. ", "I. ").replace("B. ", "II. ").replace("C. ", "III. ")
    assert [s.original_number for s in outline_of(roman).sections] == ["I", "II", "III"]


def test_a_list_restarting_at_one_is_not_taken_for_sections() -> None:
    text = (
        "1. Who we are\nWe are Marlow Dental Practice.\n\n"
        "2. What we collect\nWe record:\n1. Name\n2. Address\n3. Dental history\n\n"
        "3. Sharing\nWe share X-rays with specialists you are referred to.\n"
    )
    outline = outline_of(text)
    assert [(s.title, s.original_number) for s in outline.sections] == [
        ("Who we are", "1"),
        ("What we collect", "2"),
        ("Sharing", "3"),
    ]
    assert outline.sections[1].body == "We record:\n1. Name\n2. Address\n3. Dental history"


def test_address_lines_are_not_headings() -> None:
    text = (
        "Contact us\n\nWrite to our privacy team at the address below and we will reply within a month.\n\n"
        "Brook & Sons Ltd\n14 Canal Street\nManchester M1 3HE\n"
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["Contact us"]
    assert outline.sections[0].paragraphs[1] == "Brook & Sons Ltd\\\n14 Canal Street\\\nManchester M1 3HE"


def test_text_without_headings_is_one_clause() -> None:
    outline = outline_of("We keep your data safe and never sell it. Ask us anything at help@tern.example.\n")
    assert [s.title for s in outline.sections] == ["Introduction"]
    assert any("No headings were found" in note for note in outline.notes)


def test_markdown_levels_below_three_stay_in_the_text() -> None:
    md = (
        "# Privacy\n\n## One\n\nText one here.\n\n### Two\n\nText two.\n\n#### Three\n\nText three.\n\n"
        "##### Four\n\nText four.\n\n## Five\n\nText five.\n"
    )
    outline = outline_of(md, "md")
    assert [(s.title, s.level) for s in outline.sections] == [("One", 1), ("Two", 2), ("Three", 3), ("Five", 1)]
    assert outline.sections[2].paragraphs == ("Text three.", "##### Four", "Text four.")
    assert any("below the third level" in note for note in outline.notes)
    notice = build_notice(outline)
    assert [(c.title, depth) for c, depth, _ in notice.walk()] == [("One", 0), ("Two", 1), ("Three", 2), ("Five", 0)]


def test_single_level_markup_with_numbered_sub_sections() -> None:
    md = "## 1. Data\n\nWe hold data.\n\n## 1.1 Your account\n\nAccount data.\n\n## 2. Rights\n\nYou have rights.\n"
    outline = outline_of(md, "md")
    assert [(s.title, s.level, s.original_number) for s in outline.sections] == [
        ("Data", 1, "1"),
        ("Your account", 2, "1.1"),
        ("Rights", 1, "2"),
    ]


def test_numbers_with_a_trailing_dot_and_section_words() -> None:
    text = (
        "1. Scope\nThis notice covers our shops.\n\n1.1. Shops\nOur two shops in York.\n\n1.2. Website\nOur website.\n\n"
        "Section 2 Contact\nWrite to us.\n"
    )
    outline = outline_of(text)
    assert [(s.title, s.level, s.original_number) for s in outline.sections] == [
        ("Scope", 1, "1"),
        ("Shops", 2, "1.1"),
        ("Website", 2, "1.2"),
        ("Contact", 1, "Section 2"),
    ]


def test_numbered_all_caps_headings_closed_with_a_full_stop() -> None:
    text = (
        "1. WHO WE ARE.\nWe are Oriel Opticians, a family practice in Bath.\n\n"
        "2. WHAT WE COLLECT.\nWe record your prescriptions and eye test results.\n\n"
        "3. Keep your receipt.\nA sentence with a number in front is an item, not a heading.\n\n"
        "4. YOUR RIGHTS.\nYou can ask for a copy of your records at any time.\n"
    )
    outline = outline_of(text)
    assert [(s.title, s.original_number) for s in outline.sections] == [
        ("WHO WE ARE", "1"),
        ("WHAT WE COLLECT", "2"),
        ("YOUR RIGHTS", "4"),
    ]
    assert "Keep your receipt." in outline.sections[1].body


def test_all_caps_heading_run_into_the_end_of_a_paragraph() -> None:
    text = (
        "WHO WE ARE\nWe are Oriel Opticians, a family practice in Bath.\n\n"
        "WHAT WE COLLECT\nWe record your prescriptions and eye test results. YOUR RIGHTS\n"
        "You can ask for a copy of your records at any time.\n"
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["WHO WE ARE", "WHAT WE COLLECT", "YOUR RIGHTS"]
    assert outline.sections[1].body == "We record your prescriptions and eye test results."


def test_web_page_with_bold_paragraphs_instead_of_heading_tags() -> None:
    page = (
        "<p><strong>1. Who we are</strong></p><p>We are Nettle &amp; Thyme, a catering company.</p>"
        "<p><b>2. What we collect</b></p><p>Names and dietary needs of your guests.</p>"
        "<p><strong>3. Contact</strong></p><p>Email hello@nettle.example.</p>"
    )
    outline = outline_of(page, "html")
    assert [(s.title, s.original_number) for s in outline.sections] == [
        ("Who we are", "1"),
        ("What we collect", "2"),
        ("Contact", "3"),
    ]
    assert outline.sections[0].body == "We are Nettle & Thyme, a catering company."


def test_markdown_bold_lines_as_headings() -> None:
    md = "**Who we are**\n\nWe are Gull Island Ferries.\n\n**Your rights**\n\nYou can ask us for a copy of your bookings.\n"
    outline = outline_of(md, "md")
    assert [(s.title, s.evidence) for s in outline.sections] == [
        ("Who we are", "a bold line on its own"),
        ("Your rights", "a bold line on its own"),
    ]


def test_markdown_numbered_headings_written_as_one_item_lists() -> None:
    md = "1. Introduction\n\nWe are Moorland Vets.\n\n2. Your data\n\nWe keep pet records.\n\n- a bullet\n- another\n"
    outline = outline_of(md, "md")
    assert [(s.title, s.original_number) for s in outline.sections] == [("Introduction", "1"), ("Your data", "2")]
    assert outline.sections[1].body == "We keep pet records.\n\n- a bullet\n- another"


def test_word_document_with_bold_paragraphs_and_no_heading_styles() -> None:
    d = docx.Document()
    for title, text in (
        ("About us", "We are Stackyard Storage Ltd."),
        ("How we use your data", "To run your storage contract and bill you."),
    ):
        d.add_paragraph().add_run(title).bold = True
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    outline = outline_from_document(read_bytes(out.getvalue(), "s.docx", "docx"))
    assert [(s.title, s.topics) for s in outline.sections] == [
        ("About us", ("controller",)),
        ("How we use your data", ("purposes",)),
    ]


def test_word_headings_in_a_larger_size_over_bold_lines_in_the_text_size() -> None:
    from docx.shared import Pt

    d = docx.Document()

    def bold(text: str, size: float | None = None) -> None:
        run = d.add_paragraph().add_run(text)
        run.bold = True
        if size:
            run.font.size = Pt(size)

    def run_in(lead: str, text: str) -> None:
        para = d.add_paragraph()
        para.add_run(lead).bold = True
        para.add_run(" " + text)

    bold("What we hold", 14)
    bold("From members")
    run_in("Names.", "We keep the name each member gives when joining the choir.")
    run_in("Voice parts.", "We note who sings soprano, alto, tenor or bass.")
    bold("From visitors")
    d.add_paragraph("Visitors to open rehearsals sign a sheet that we destroy after a month.")
    bold("Your rights", 14)
    run_in("Copies.", "Ask the secretary for a copy of what we hold about you.")
    out = io.BytesIO()
    d.save(out)
    outline = outline_from_document(read_bytes(out.getvalue(), "choir.docx", "docx"))
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "What we hold"),
        (2, "From members"),
        (2, "From visitors"),
        (1, "Your rights"),
    ]
    assert "Voice parts." in outline.sections[1].body  # run-in headings stay in their section's text


def test_link_words_date_lines_and_carried_on_lines_are_not_headings() -> None:
    text = (
        "Our members\n\nThe rowing club keeps a register of its members and their boat licences.\n\n"
        "Go to your account settings\n\nYou can change your address there at any time.\n\n"
        "Effective from 3 March 2025\n\nThis version replaces the one from last spring.\n\n"
        "Download the full register rules\n\nThe rules are also pinned up in the boathouse.\n\n"
        "Safety records\n\nWe log every capsize so that the coaches can learn from it.\n\n"
        "And who reads the log\n\nOnly the two safety officers read the capsize log.\n"
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["Our members", "Safety records"]
    assert "Go to your account settings" in outline.sections[0].body
    # the notice's date line: taken out of the text, its date offered for the first version
    assert outline.date_line == "Effective from 3 March 2025" and outline.stated_date == "2025-03-03"
    assert "Effective from 3 March 2025" not in outline.sections[0].body


def test_run_in_headings_rank_below_numbered_sub_sections() -> None:
    d = docx.Document()

    def bold(text: str) -> None:
        d.add_paragraph().add_run(text).bold = True

    def run_in(lead: str, text: str) -> None:
        para = d.add_paragraph()
        para.add_run(lead).bold = True
        para.add_run(" " + text)

    bold("1. Who we are")
    run_in("Controller.", "The allotment society decides how members' details are used.")
    run_in("Secretary.", "The secretary answers questions about this notice.")
    bold("2. What we hold")
    d.add_paragraph("We hold what members give us when they take on a plot.")
    bold("2.1 Plot holders")
    d.add_paragraph("Name, address and the number of the plot.")
    bold("2.2 Waiting list")
    d.add_paragraph("Name and the date you joined the list.")
    bold("3. Your rights")
    run_in("Copies.", "Ask the secretary for a copy of what we hold.")
    out = io.BytesIO()
    d.save(out)
    outline = outline_from_document(read_bytes(out.getvalue(), "plots.docx", "docx"))
    assert [(s.level, s.title, s.original_number) for s in outline.sections] == [
        (1, "Who we are", "1"),
        (1, "What we hold", "2"),
        (2, "Plot holders", "2.1"),
        (2, "Waiting list", "2.2"),
        (1, "Your rights", "3"),
    ]


def test_a_third_kind_of_heading_line_is_a_sub_section_not_lost_in_the_text() -> None:
    # and not a third level: the look alone does not say the questions are inside the title lines
    text = (
        "WHO WE ARE\n\nThe Riverside Food Bank is run by volunteers from three churches.\n\n"
        "Our volunteers\n\nEvery volunteer signs the confidentiality pledge before a first shift.\n\n"
        "Who can see your details?\n\nOnly the two coordinators see the referral forms.\n\n"
        "WHAT WE KEEP\n\nWe keep the referral form that your agency sends us.\n\n"
        "Paper forms\n\nForms are kept in a locked box in the church office.\n\n"
        "How long do we keep them?\n\nWe shred each form after six months.\n"
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == [
        "WHO WE ARE",
        "Our volunteers",
        "Who can see your details?",
        "WHAT WE KEEP",
        "Paper forms",
        "How long do we keep them?",
    ]
    assert [s.level for s in outline.sections] == [1, 2, 2, 1, 2, 2]


def test_numbered_sections_rank_above_title_lines_that_come_first() -> None:
    text = (
        "How to reach us\n\nWrite to the harbour office at the end of the north quay.\n\n"
        "1. WHAT WE COLLECT\n\nWe collect what you give us when you book a mooring.\n\n"
        "Booking details\n\nYour name, boat name and the dates of your stay.\n\n"
        "Payments\n\nCard payments are taken by the bank, which we never see.\n\n"
        "2. HOW WE USE IT\n\nTo allocate berths and to send the bill.\n\n"
        "3. WHO WE SHARE IT WITH\n\nThe harbour master sees the list of boats due each day.\n\n"
        "Harbour authority\n\nThe authority receives a yearly count of visiting boats.\n\n"
        "4. YOUR RIGHTS\n\nYou may ask for a copy of your booking records.\n"
    )
    outline = outline_of(text)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "How to reach us"),
        (1, "WHAT WE COLLECT"),
        (2, "Booking details"),
        (2, "Payments"),
        (1, "HOW WE USE IT"),
        (1, "WHO WE SHARE IT WITH"),
        (2, "Harbour authority"),
        (1, "YOUR RIGHTS"),
    ]


def test_questions_opening_with_a_preposition_and_tab_rows_with_empty_cells() -> None:
    text = (
        "What we collect\n\nThe lido records swimmers' names and the lane they booked.\n\n"
        "Lane\tSession\tNotes\n1\tEarly\tcoached\n2\tLunch\t\n\tEvening\tclub only\n\n"
        "To whom do we give your details?\n\nTo nobody outside the lido's own staff.\n\n"
        "For how long do we keep them?\n\nUntil the end of the swimming season.\n"
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == [
        "What we collect",
        "To whom do we give your details?",
        "For how long do we keep them?",
    ]
    table = outline.sections[0].body
    assert "| 2 | Lunch |  |" in table  # the empty last cell kept
    assert "|  | Evening | club only |" in table  # and the empty first one


def test_lines_left_mid_sentence_buttons_table_cells_and_addresses_are_not_headings() -> None:
    text = (
        "Plot holders\n\nThe allotment society keeps a list of everyone who rents a plot.\n\n"
        "Your plot number, and\n\nthe date your tenancy began are kept on that list.\n\n"
        "We write to you each spring so that we can\n\nremind you of the rent and the water rota.\n\n"
        "Export your records\n\nYou can take a copy of everything we hold about you.\n\n"
        "See more\n\nThe society's rules explain the rota in detail.\n\n"
        "Shed keys\n\nKey\tHolder\nNorth shed\tYes\n\nYes\n\nOnly committee members hold a spare key.\n\n"
        "Orchard Lane 14 3312 Eastbrook\n\nPost your rent to the treasurer at the address above.\n\n"
        "Manage Your Plot\n\nTell the secretary before you share or give up your plot.\n"
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["Plot holders", "Shed keys", "Manage Your Plot"]
    body = outline.sections[0].body
    for line in ("Your plot number, and", "so that we can", "Export your records"):
        assert line in body  # kept as text, where it was
    assert "See more" not in body and "See more" in outline.dropped  # a page control: left out, and listed
    assert "Orchard Lane 14 3312 Eastbrook" in outline.sections[1].body


def test_title_case_headings_closed_by_a_colon_but_not_lead_ins_to_a_list() -> None:
    text = (
        "Who we are\n\nThe Fenwick Cycle Co-op repairs and lends bicycles to its members.\n\n"
        "A Note for Volunteers:\n\nVolunteers' names appear on the workshop rota, which members can see.\n\n"
        "Spare Parts Donated:\n\n• Inner tubes\n• Brake blocks\n\n"
        "Keeping records\n\nWe keep repair records for two years.\n"
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["Who we are", "A Note for Volunteers", "Keeping records"]
    assert "Spare Parts Donated:" in outline.sections[1].body  # it introduces the list under it


@pytest.mark.parametrize("colon", [":", "\uff1a"])
def test_a_lead_in_closed_by_a_fullwidth_colon_introduces_its_list(colon: str) -> None:
    # East Asian text closes a lead-in with a fullwidth colon; it introduces the lines under it as ':' does
    text = (
        "Who we are\n\nThe Fenwick Cycle Co-op repairs and lends bicycles to its members.\n\n"
        f"Parts Members Donate{colon}\n\n• Inner tubes from the spring sale\n• Brake blocks and cables\n\n"
        "Keeping records\n\nWe keep repair records for two years.\n"
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["Who we are", "Keeping records"]
    assert f"Parts Members Donate{colon}" in outline.sections[0].body


def _wrapped(paragraphs: list[str]) -> str:
    """Text as copied from a PDF: each paragraph wrapped at 72 columns, no blank lines."""
    import textwrap

    lines: list[str] = []
    for paragraph in paragraphs:
        if paragraph.startswith("• "):
            lines += textwrap.wrap(paragraph, 72, subsequent_indent="  ")
        else:
            lines += textwrap.wrap(paragraph, 72)
    return "\n".join(lines) + "\n"


def test_hard_wrapped_text_lists_under_heading_lines_and_numbered_lines_at_a_line_start() -> None:
    filler = (
        "The workshop is open on weekday evenings and on Saturday mornings, and every visit is written "
        "in the day book by whoever is on duty, together with the bicycle that was brought in."
    )
    text = _wrapped(
        [
            "1. About the Co-op",
            filler,
            (
                "1.1 This notice applies when a member or a visitor brings a bicycle to the workshop for "
                "a repair, and to the records the duty mechanic keeps about that repair afterwards."
            ),
            "2. What We Record",
            filler,
            "Tools we lend",
            "• Pumps, tyre levers and chain tools, signed out against your membership card.",
            "• Work stands, which stay in the workshop and are booked by the hour.",
            filler,
            "3. Sharing",
            filler,
            "3.1 Insurance Claims Made by Members After an Accident on a Lent Bicycle",  # a full line
            filler,
            "3.2 Police Requests",
            filler,
        ]
    )
    outline = outline_of(text)
    titles = [s.title for s in outline.sections]
    assert titles == [
        "About the Co-op",
        "What We Record",
        "Tools we lend",
        "Sharing",
        "Insurance Claims Made by Members After an Accident on a Lent Bicycle",
        "Police Requests",
    ]
    # the numbered paragraph over a full line is one paragraph of the first section
    assert "1.1 This notice applies when a member or a visitor brings a bicycle to the workshop for a repair" in (
        outline.sections[0].body
    )
    assert outline.sections[2].body.startswith("- Pumps, tyre levers")
    # a numbered line filling its line over the next numbered one: two lines, not one run together
    blocks = read_plain_text(
        _wrapped(
            [
                filler,
                "4.2 Repairs Booked Online Through the Members' Area of the Website",
                "4.2.1 Booking Details Kept",
                filler,
            ]
        ),
        "x",
    ).blocks
    assert [b.plain[:5] for b in blocks] == ["The w", "4.2 R", "4.2.1", "The w"]
    # a numbered heading at a line's start ends the paragraph before, even with no full stop there;
    # a number after 'section' at a line's end is a reference that the sentence goes on with
    lines = [
        *_wrapped([filler + " " + filler]).splitlines(),
        "Legal basis for keeping the day book: the co-op's legitimate interests",
        "5. Lost Property",
        "Anything left in the workshop is kept for a month, as set out in section",
        "6. Members Keep Their Own Keys",
        *_wrapped([filler + " " + filler]).splitlines(),
    ]
    blocks = read_plain_text("\n".join(lines) + "\n", "x").blocks
    assert [b.plain[:12] for b in blocks] == [
        "The workshop",
        "Legal basis ",
        "5. Lost Prop",
        "Anything lef",
        "The workshop",
    ]


def test_table_rows_links_and_unpunctuated_list_lines_are_not_headings() -> None:
    blocks = [
        "Members",
        "The tennis club keeps a record of its members and of the courts they book.",
        "Court bookings are kept for a season\nLesson bookings are kept until the coach has been paid",
        "Record  Kept for  Who sees it",  # a table's row, its cells set apart by spaces
        "The table above is reviewed by the committee each winter.",
        "Read the full booking rules here",
        "The rules are also on the noticeboard by the courts.",
        "Complaints",
        "Tell the club secretary first; you can also complain to the regulator.",
    ]
    outline = outline_of("\n\n".join(blocks) + "\n")
    assert [s.title for s in outline.sections] == ["Members", "Complaints"]
    body = outline.sections[0].body
    for line in ("Court bookings are kept for a season", "Record  Kept for", "Read the full booking rules here"):
        assert line in body


def test_page_furniture_repeated_on_a_web_page_is_listed_each_time_and_counted_in_the_report() -> None:
    # Every word of the page is in a clause or in the list of what was left out: a control
    # repeated under each section is listed each time, and the report folds the repeats.
    page = (
        "<html><body><main><h1>Quayside Bakery Privacy Notice</h1>"
        "<h2>Orders</h2><p>We keep your order until it is collected.</p><p>Back to top</p>"
        "<h2>Allergies</h2><p>We note allergies you tell us about.</p><p>Back to top</p>"
        "</main></body></html>"
    )
    outline = outline_from_document(read_bytes(page.encode("utf-8"), "bakery.html", "html"))
    assert outline.dropped.count("Back to top") == 2
    assert "Back to top (2 times)" in report_text(preview_report(outline))

"""Heading rules found by measuring the importer on real published notices (benchmarks/import_corpus.py).

Each test is one rule, on text written here for invented organisations, in the form counsel paste:
text copied from a browser (a line per block, blank lines between) or from a PDF (hard-wrapped,
no blank lines). Every test failed on the importer before its rule.
"""

from __future__ import annotations

from notice_studio.core.importer import ImportedOutline, outline_from_document, read_bytes


def outline_of(text: str) -> ImportedOutline:
    return outline_from_document(read_bytes(text.encode("utf-8"), "x.txt", "txt"))


def shape(outline: ImportedOutline) -> list[tuple[int, str, str]]:
    return [(s.level, s.title, s.original_number) for s in outline.sections]


def browser_text(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def test_numbered_sub_sections_stay_sections_below_unnumbered_opening_headings() -> None:
    # Two short title lines open the notice before its numbering starts; '1.1' used to fall below
    # them into the text, because a line's look was ranked above the sub-numbering.
    text = browser_text(
        "Overview",
        "Fernhill Cycling Club keeps a small amount of information about its members.",
        "About Us",
        "We are a volunteer-run club registered in Wales.",
        "1. Information We Collect",
        "We collect what you give us when you join.",
        "1.1 Information you give us when you join",
        "Your name, your address and an emergency contact.",
        "1.2 Information from ride leaders",
        "Attendance at club rides, recorded by the leader.",
        "2. How We Use It",
        "To run the club and to keep riders safe.",
        "2.1 Safety on club rides",
        "Leaders carry the emergency contacts of the riders in their group.",
        "Our Ride Leaders",
        "Every leader has agreed to keep these contacts to themselves.",
        "3. Your Rights",
        "You may see what we hold about you.",
        "Contact Us",
        "Write to the club secretary.",
    )
    assert shape(outline_of(text))[2:] == [
        (1, "Information We Collect", "1"),
        (2, "Information you give us when you join", "1.1"),
        (2, "Information from ride leaders", "1.2"),
        (1, "How We Use It", "2"),
        (2, "Safety on club rides", "2.1"),
        (2, "Our Ride Leaders", ""),
        (1, "Your Rights", "3"),
        (2, "Contact Us", ""),
    ]
    assert [s.title for s in outline_of(text).sections[:2]] == ["Overview", "About Us"]


def test_plain_numbering_restarts_inside_each_article() -> None:
    text = browser_text(
        "Article 1 : Who we are",
        "Brackenridge Credit Union is the controller of your personal data.",
        "Article 2 : Purposes and retention",
        "We process your data for the purposes below.",
        "1. Opening an account",
        "We check your identity before we open an account for you.",
        "2. Lending",
        "We assess whether a loan is affordable for you.",
        "Article 3 : Recipients",
        "Only our staff and our card processor see your data.",
        "Article 4 : Direct marketing",
        "We send offers only if you agree to them.",
        "1. Marketing by email",
        "You can unsubscribe from any email we send.",
        "2. Marketing by telephone",
        "We never call members who asked us not to.",
    )
    assert shape(outline_of(text)) == [
        (1, "Who we are", "Article 1"),
        (1, "Purposes and retention", "Article 2"),
        (2, "Opening an account", "1"),
        (2, "Lending", "2"),
        (1, "Recipients", "Article 3"),
        (1, "Direct marketing", "Article 4"),
        (2, "Marketing by email", "1"),
        (2, "Marketing by telephone", "2"),
    ]


def test_a_section_word_still_continues_a_plain_numbering() -> None:
    # (a guard for the rule above: 'Section 2' is not a series of its own when it goes on from '1.')
    text = browser_text(
        "1. Scope",
        "This notice covers the Millbrook community orchard.",
        "Section 2 Contact",
        "Write to the orchard secretary.",
    )
    assert shape(outline_of(text)) == [(1, "Scope", "1"), (1, "Contact", "Section 2")]


def test_lettered_sections_with_a_colon_and_two_part_titles() -> None:
    text = browser_text(
        "Section A: What We Collect and Why",
        "Ridgeway Veterinary Practice records the details of the animals in its care.",
        "Section B: Your Rights and Choices",
        "You may ask for a copy of your pet's records at any time.",
        "Processing Purposes: How We Use Your Details",
        "We use your address to send vaccination reminders.",
        "Head Office: 12 Quay Street",
        "Our practice manager handles requests about your data.",
    )
    assert shape(outline_of(text)) == [
        (1, "What We Collect and Why", "Section A"),
        (1, "Your Rights and Choices", "Section B"),
        (2, "Processing Purposes: How We Use Your Details", ""),
    ]
    # the address line stayed in the text
    assert "Head Office: 12 Quay Street" in outline_of(text).sections[-1].body


def test_long_title_case_headings_up_to_fourteen_words() -> None:
    text = browser_text(
        "Who We Are",
        "Saltmarsh Theatre Company runs the box office at the Harbour Playhouse.",
        "Your Right to Stop Us Selling or Sharing the Details of Ticket Buyers",
        "We do not sell the details of ticket buyers, and we do not share them for advertising.",
    )
    assert [s.title for s in outline_of(text).sections] == [
        "Who We Are",
        "Your Right to Stop Us Selling or Sharing the Details of Ticket Buyers",
    ]


def test_short_title_case_headings_closed_with_a_full_stop() -> None:
    text = browser_text(
        "Information You Provide Us.",
        "When you book a table at Copperbeech Bistro we keep your name and telephone number.",
        "Automatically Collected Information.",
        "Our booking page records the time of your booking.",
    )
    assert [s.title for s in outline_of(text).sections] == [
        "Information You Provide Us",
        "Automatically Collected Information",
    ]
    # A sentence is not one: 'are' is not capitalised.
    sentence = browser_text("Who we are", "We are Ashdown Builders.", "How long we keep quotes", "A year.")
    assert "We are Ashdown Builders" not in [s.title for s in outline_of(sentence).sections]


def test_roman_numbers_that_read_as_letters_rank_with_the_other_romans() -> None:
    text = browser_text(
        "I. COLLECTION OF INFORMATION",
        "Larchfield Dental Surgery collects your medical history.",
        "II. USE OF INFORMATION",
        "We use it to treat you safely.",
        "III. DISCLOSURE",
        "We share it with the hospital only when we refer you.",
        "IV. SECURITY",
        "Records are kept in a locked system.",
        "V. YOUR CHOICES",
        "You may ask us to correct your record.",
        "VI. INTERNATIONAL PATIENTS",
        "Your record stays in the United Kingdom.",
        "VII. CONTACT",
        "Ask at reception for the practice manager.",
    )
    outline = outline_of(text)
    assert [(s.level, s.original_number) for s in outline.sections] == [
        (1, "I"),
        (1, "II"),
        (1, "III"),
        (1, "IV"),
        (1, "V"),
        (1, "VI"),
        (1, "VII"),
    ]


def test_an_all_caps_line_inside_a_section_does_not_restart_the_numbering() -> None:
    text = browser_text(
        "INTRODUCTION",
        "Kestrel Lane Nursery looks after children aged two to five.",
        "1. WHAT WE COLLECT",
        "Your child's name, date of birth and allergies.",
        "2. HOW WE USE IT",
        "To care for your child during the day.",
        "3. WHO WE SHARE IT WITH",
        "The local authority, when the law requires it.",
        "4. WHY WE USE IT",
        "Because the law on early years care requires us to keep these records.",
        "CHANGE OF PURPOSE",
        "We will tell you before we use your details for anything new.",
        "5. HOW LONG WE KEEP IT",
        "Three years after your child leaves the nursery.",
        "6. YOUR RIGHTS",
        "You may see your child's record at any time.",
    )
    titles = [s.title for s in outline_of(text).sections]
    assert "HOW LONG WE KEEP IT" in titles
    assert "YOUR RIGHTS" in titles


def test_two_title_lines_around_numbered_sections_do_not_push_them_out() -> None:
    # A title line inside section 2 and an address line at the end used to outrank the numbering,
    # which then fell below two levels into the text.
    text = browser_text(
        "1. What's in this notice?",
        "This notice is for visitors to the Oakmere Wetland Centre.",
        "2. How do we protect your details?",
        "Only our membership team can see them.",
        "Where we store your information",
        "On servers in the United Kingdom.",
        "3. Will we contact you?",
        "Only about your membership, unless you ask for our newsletter.",
        "4. What are your rights?",
        "You can ask for a copy of what we hold about you.",
        "Contact Our Membership Team",
        "Write to us with any question about your details.",
    )
    levels = {s.title: s.level for s in outline_of(text).sections}
    for heading in ("What's in this notice?", "How do we protect your details?", "Will we contact you?"):
        assert levels[heading] == 1


def test_pdf_text_heading_after_a_line_that_could_not_wrap() -> None:
    # Hard-wrapped at 72 columns with no blank lines; a long link cannot wrap, so its line runs past
    # the width, and the title line below it used to be joined onto the link.
    body = (
        "Greyfriars Lettings keeps the details of its tenants and landlords for\n"
        "as long as a tenancy runs and for six years afterwards, so that it can\n"
        "answer any claim about the deposit or the condition of the property.\n"
        "The deposit scheme that holds your deposit publishes its own rules at\n"
        "https://deposit-protection.example.org/rules/tenants/what-happens-to-your-deposit\n"
        "How We Share Your Information\n"
        "We share the details of a tenancy with the deposit scheme and with the\n"
        "landlord of the property, and with nobody else unless the law requires\n"
        "it of us or you ask us to do so. The people we share details with are:\n"
        "• Deposit scheme: the registration of the deposit (see its own rules)\n"
        "• Landlord: the tenant's name and the rent paid (see the tenancy terms)\n"
        "Your Rights Over Your Information\n"
        "You may ask for a copy of everything we hold about you, and for anything\n"
        "that is wrong to be put right. Write to the office manager and we will\n"
        "answer within one month of receiving your request, free of any charge.\n"
        "We may ask you to prove who you are before we send you a copy of it.\n"
    )
    titles = [s.title for s in outline_of(body * 1).sections]
    assert "How We Share Your Information" in titles
    assert "Your Rights Over Your Information" in titles


def test_a_notice_heading_over_its_own_date_line() -> None:
    text = browser_text(
        "Who We Are",
        "Pebblebrook Books sells second-hand books online and from its shop.",
        "California Privacy Notice",
        "Last updated: 1 May 2025",
        "This part applies to customers who live in California.",
    )
    assert [s.title for s in outline_of(text).sections] == ["Who We Are", "California Privacy Notice"]
    # ... also when its own first numbered section follows the date straight away
    text = browser_text(
        "Who We Are",
        "Pebblebrook Books sells second-hand books online and from its shop.",
        "Privacy Notice for Book Club Members",
        "Effective from 16/09/2025",
        "1. About this Notice",
        "It covers the monthly book club.",
        "2. What We Keep",
        "Your name and the books you have had.",
    )
    titles = [s.title for s in outline_of(text).sections]
    assert titles[:2] == ["Who We Are", "Privacy Notice for Book Club Members"]


def test_questions_that_do_not_start_with_a_question_word() -> None:
    text = browser_text(
        "Thornbury Rowing Club Privacy Notice",
        "Data protection questions?",
        "Write to the data protection lead at Thornbury Rowing Club.",
        "Qu'est-ce qu'un cookie ?",
        "Un petit fichier que votre navigateur garde pour nous.",
        "Why do we collect your details and how do we use them in the club?",
        "To organise crews and to tell you about races.",
    )
    assert [s.title for s in outline_of(text).sections] == [
        "Data protection questions?",
        "Qu'est-ce qu'un cookie ?",
        "Why do we collect your details and how do we use them in the club?",
    ]


def test_an_abbreviation_inside_a_heading_is_not_a_sentence_end() -> None:
    text = browser_text(
        "Hollowmead Garden Centre Privacy Notice",
        "Use of Cookies etc. for Measuring Visits",
        "Hollowmead Garden Centre counts visits to its pages with a first-party cookie.",
        "Use of Cookies etc. for Remembering Your Basket",
        "A second cookie keeps your basket while you browse.",
    )
    assert [s.title for s in outline_of(text).sections] == [
        "Use of Cookies etc. for Measuring Visits",
        "Use of Cookies etc. for Remembering Your Basket",
    ]


def test_pieces_of_a_sentence_and_address_lines_are_not_headings() -> None:
    # Each of these lines sits on its own over text, as the end of a wrapped paragraph or a line of an
    # address does in copied text; none is a heading.
    text = browser_text(
        "Who We Are",
        "Marlowe Street Pharmacy dispenses prescriptions for patients of the Marlowe practice",
        "Former Patients)",
        "Records of former patients are kept for eight years.",
        "(UWG).",
        "Our delivery driver sees only your name and address.",
        "Palo Alto, CA 94301",
        "Write to us at that address.",
        "London W1A 1AA",
        "Or at our London office.",
        "Your Rights",
        "You may ask for a copy of your records.",
    )
    assert [s.title for s in outline_of(text).sections] == ["Who We Are", "Your Rights"]


def test_a_contents_list_worded_a_little_unlike_its_headings_stays_text() -> None:
    headings = ["What We Collect", "How We Use It", "Sharing", "Links to Other Sites", "Your Rights", "Contact"]
    contents = ["What We Collect", "How We Use It", "Sharing", "Links", "Your Rights", "Contact"]
    body = [
        "Wrenfield Pottery Studio Privacy Notice",
        "This notice says what the studio does with the details of the people who book classes.",
        *contents,
    ]
    for heading in headings:
        body += [heading, f"The studio's rules on this subject ({heading.lower()}) are set out here in full."]
    outline = outline_of(browser_text(*body))
    assert [s.title for s in outline.sections] == ["Introduction", *headings]
    assert "Links" in outline.sections[0].body  # the contents list stayed in the introduction


def test_lettered_sub_sections_start_again_under_each_title_line() -> None:
    text = browser_text(
        "What We Collect",
        "Amberley Ferry Company sells tickets on board and online.",
        "A. Passengers",
        "We keep the name on each ticket until the crossing has taken place.",
        "B. Account Holders",
        "We keep your account details until you close the account.",
        "Your Choices",
        "You decide what we send you.",
        "A. Email Offers",
        "Every offer has a link that stops the next one.",
        "B. Text Messages",
        "Reply STOP to any message.",
    )
    assert [(s.level, s.title) for s in outline_of(text).sections] == [
        (1, "What We Collect"),
        (2, "Passengers"),
        (2, "Account Holders"),
        (1, "Your Choices"),
        (2, "Email Offers"),
        (2, "Text Messages"),
    ]


def test_lines_run_together_without_markers_are_a_list_not_a_heading() -> None:
    text = browser_text(
        "How We Use Your Details",
        "We use what you tell us for the three things below.",
        "Book Your Table\nSend a reminder the day before (by text)\nKeep a note of allergies (if you tell us)",
        "Who Sees Them",
        "Only the staff on duty that evening.",
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["How We Use Your Details", "Who Sees Them"]
    assert "Book Your Table" in outline.sections[0].body


def test_the_words_of_page_controls_are_furniture_and_headings_over_them_stay() -> None:
    text = browser_text(
        "Larkspur Kennels Privacy Notice",
        "What We Keep About Your Dog",
        "Open",
        "Its name, its vaccinations and your emergency number.",
        "How Long We Keep It",
        "Open",
        "Two years after the last stay.",
        "GET STARTED",
        "Book a stay online or call the kennels.",
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["What We Keep About Your Dog", "How Long We Keep It"]
    assert outline.dropped.count("Open") == 2
    assert "Open" not in " ".join(s.body for s in outline.sections)


def test_a_numbered_title_case_heading_closed_with_a_full_stop() -> None:
    text = browser_text(
        "1. Who We Are.",
        "Fallowfield Housing Co-operative lets flats to its members.",
        "2. Choices for Access, Correction, Deletion and Objection for Members in Scotland.",
        "Members in Scotland may ask the secretary for any of these.",
    )
    assert [s.original_number for s in outline_of(text).sections] == ["1", "2"]


def test_a_site_menu_ends_where_the_notice_title_starts() -> None:
    text = browser_text(
        "Home\nShop\nVisit\nAbout",
        "Privacy Notice",
        "Overview",
        "Kingfisher Nurseries grows and sells plants from its site near the river.",
        "Deliveries",
        "Our drivers see your address and telephone number on the day of delivery.",
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["Overview", "Deliveries"]
    assert "Home" in outline.dropped and "Overview" not in outline.dropped


def test_numbers_written_without_a_space_before_the_heading() -> None:
    # '2.Retention' (no space after the number) was a title line without its number, and a
    # decimal such as '3.5 tonnes' must stay a number with a fraction, not a heading number.
    text = browser_text(
        "Brackenbury Seed Exchange Privacy Notice",
        "1.WHO WE ARE",
        "The exchange is run by three volunteers from a village hall.",
        "2.What we keep",
        "The names of members who send or take seeds, and what they sent.",
        "3.5 kilograms of seed went out last spring, to forty-one members.",
        "3.How long we keep it",
        "Three seasons, then the list is shredded at the autumn meeting.",
    )
    outline = outline_of(text)
    assert shape(outline) == [
        (1, "WHO WE ARE", "1"),
        (1, "What we keep", "2"),
        (1, "How long we keep it", "3"),
    ]
    assert outline.sections[1].body.endswith("3.5 kilograms of seed went out last spring, to forty-one members.")


def test_a_second_notice_on_the_page_starts_its_own_numbering() -> None:
    # A page holding two notices, each under its name and a bare date line: the second's '1.'
    # used to be taken for a list because it did not continue the first notice's numbers.
    text = browser_text(
        "Kestrel Ferries Privacy Notice",
        "12 January 2026",
        "1. Who we are",
        "Kestrel Ferries runs the crossing between the two harbours.",
        "2. What we record",
        "Bookings, with the names of the passengers travelling.",
        "3. Changes to this notice",
        "We post a new version here when anything changes.",
        "Camera Recording Notice",
        "4 March 2025",
        "1. Where the cameras are",
        "On the car deck and at both ticket offices.",
        "2. How long recordings are kept",
        "Thirty days, unless an incident is being looked into.",
    )
    outline = outline_of(text)
    assert outline.date_line == "12 January 2026"  # the first notice's date, taken out of the text
    assert shape(outline) == [
        (1, "Who we are", "1"),
        (1, "What we record", "2"),
        (1, "Changes to this notice", "3"),
        (1, "Camera Recording Notice", ""),
        (1, "Where the cameras are", "1"),
        (1, "How long recordings are kept", "2"),
    ]


def test_a_heading_about_this_notice_over_a_date_does_not_restart_the_numbering() -> None:
    text = browser_text(
        "Kestrel Ferries Privacy Notice",
        "1. Who we are",
        "Kestrel Ferries runs the crossing between the two harbours.",
        "2. What we record",
        "Bookings, with the names of the passengers travelling.",
        "Last Changes to this Privacy Notice",
        "12 January 2026",
        "1. Bookings are now kept for two years instead of three.",
        "2. The list of ferry agents was brought up to date.",
        "3. Your rights",
        "You may ask for a copy of your booking record.",
    )
    assert shape(outline_of(text)) == [
        (1, "Who we are", "1"),
        (1, "What we record", "2"),
        (2, "Last Changes to this Privacy Notice", ""),
        (1, "Your rights", "3"),
    ]


def test_a_heading_set_apart_below_a_site_menu_is_not_part_of_it() -> None:
    # The menu's words run together; the notice's first heading stands apart under them, with no
    # title line in between. A date over a numbered first heading is not a two-line title either.
    text = browser_text(
        "Home\nShop\nVisit\nAbout",
        "Overview",
        "Kingfisher Nurseries grows and sells plants from its site near the river.",
        "Deliveries",
        "Our drivers see your address and telephone number on the day of delivery.",
    )
    outline = outline_of(text)
    assert [s.title for s in outline.sections] == ["Overview", "Deliveries"]
    assert "Home" in outline.dropped and "Overview" not in outline.dropped
    dated = outline_of(
        browser_text(
            "9 May 2026",
            "1. Our Privacy Promise",
            "Kingfisher Nurseries grows and sells plants from its site near the river.",
            "2. Deliveries",
            "Our drivers see your address and telephone number on the day of delivery.",
        )
    )
    assert [s.title for s in dated.sections] == ["Our Privacy Promise", "Deliveries"]
    assert dated.date_line == "9 May 2026" and dated.stated_date == "2026-05-09"


def test_an_empty_numbered_section_before_the_next_is_a_heading_not_a_list() -> None:
    # '3.' has no text of its own before '4.'; both are set apart and '3' is exactly the next section
    # number, so they are two headings (a list would start at 1).
    text = browser_text(
        "1. Who We Are",
        "Tanglewood Bee Farm sells honey at markets and by post.",
        "2. What We Collect",
        "Your name and address when you order by post.",
        "3. Our Legal Basis for Using It",
        "4. Who Sees It",
        "The courier who brings your parcel.",
    )
    assert [s.title for s in outline_of(text).sections] == [
        "Who We Are",
        "What We Collect",
        "Our Legal Basis for Using It",
        "Who Sees It",
    ]
    # Inside section 2, lines numbered from 1 again are a list, set apart or not.
    listed = outline_of(
        browser_text(
            "1. Who We Are",
            "Tanglewood Bee Farm sells honey at markets and by post.",
            "2. What We Collect",
            "1. Your name",
            "2. Your address",
            "3. Your telephone number",
            "We need these to send your order.",
        )
    )
    assert [s.title for s in listed.sections] == ["Who We Are", "What We Collect"]


def test_a_sub_section_numbered_into_a_section_without_a_heading_line() -> None:
    # Section 3 has no line of its own: its first sub-section '3.1' follows section 2 directly.
    text = browser_text(
        "1. Definitions",
        "'Farm' means Tanglewood Bee Farm.",
        "2. Scope of this Notice",
        "This notice covers orders by post and at markets.",
        "3.1 Data Collected at Markets",
        "Nothing, unless you ask us to post your order.",
        "3.2 Data Collected by Post",
        "Your name and address.",
        "4. Security",
        "Order slips are kept in a locked box.",
    )
    assert [s.title for s in outline_of(text).sections] == [
        "Definitions",
        "Scope of this Notice",
        "Data Collected at Markets",
        "Data Collected by Post",
        "Security",
    ]


def test_an_article_reference_inside_a_heading_is_not_a_sentence_end() -> None:
    text = browser_text(
        "1. Who We Are",
        "Tanglewood Bee Farm sells honey at markets and by post.",
        "2. Our Representative in the EU (Art. 27 GDPR)",
        "Our representative in Ireland answers questions from customers in the EU.",
    )
    assert [s.title for s in outline_of(text).sections] == ["Who We Are", "Our Representative in the EU (Art. 27 GDPR)"]


def test_a_line_in_brackets_is_an_aside_not_a_heading() -> None:
    text = browser_text(
        "Tanglewood Bee Farm Privacy Notice",
        "(See the earlier version)",
        "Tanglewood Bee Farm sells honey at markets and by post.",
        "What We Collect",
        "Your name and address when you order by post.",
    )
    assert [s.title for s in outline_of(text).sections] == ["Introduction", "What We Collect"]


def _with_contents(contents: list[str], body: list[str]) -> str:
    return browser_text(
        "Tanglewood Bee Farm Privacy Notice",
        "This notice says what the farm does with its customers' details.",
        "Contents",
        "\n".join(contents),
        *body,
    )


def test_the_table_of_contents_says_which_headings_are_sections() -> None:
    # Copied text sets every heading apart alike; the contents list the sections, so a heading it does
    # not list is a sub-section of the one before, and a listed line too long for a title line (it has
    # a comma and eleven words) is still a section. A listed heading worded in another order counts.
    contents = [
        "What We Collect",
        "How and when we use your details, including for our newsletter",
        "Keeping Your Details Safe",
        "Retention and Security",
        "Contact Us",
    ]
    body = [
        "What We Collect",
        "What you give us when you order.",
        "Orders by Post",
        "Your name and address.",
        "Orders at Markets",
        "Nothing, unless you ask us to post your order.",
        "How and when we use your details, including for our newsletter",
        "To send your order and, if you ask, our newsletter.",
        "Keeping Your Details Safe",
        "Order slips are kept in a locked box.",
        "Security and Retention",
        "Slips are shredded after a year.",
        "Contact Us",
        "Write to the farm at its market stall.",
    ]
    outline = outline_of(_with_contents(contents, body))
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "Introduction"),
        (1, "What We Collect"),
        (2, "Orders by Post"),
        (2, "Orders at Markets"),
        (1, "How and when we use your details, including for our newsletter"),
        (1, "Keeping Your Details Safe"),
        (1, "Security and Retention"),
        (1, "Contact Us"),
    ]
    assert any("headings it does not list are sub-sections" in note for note in outline.notes)
    # The contents stayed in the text, an entry a line, the long one too.
    assert "our newsletter\\\nKeeping Your Details Safe\\\nRetention and Security" in outline.sections[0].body


def test_a_lead_in_ending_such_as_is_not_a_heading() -> None:
    text = browser_text(
        "1. WHAT WE COLLECT",
        "Tanglewood Bee Farm keeps what it needs to send your honey.",
        "2. WHEN YOU ORDER BY POST, SUCH AS:",
        "• your name\n• your address",
        "3. WHO SEES IT",
        "The courier who brings your parcel.",
    )
    assert [s.title for s in outline_of(text).sections] == ["WHAT WE COLLECT", "WHO SEES IT"]


def test_a_town_or_country_under_an_address_line_is_not_a_heading() -> None:
    text = browser_text(
        "Contact Us",
        "Write to the farm at:",
        "Tanglewood Bee Farm",
        "Unit 4, 12 Orchard Lane",
        "D02 XY45 Dublin 2",
        "Republic of Ireland",
        "We answer letters within a month.",
        "Last updated: 3 March 2026",
        "Welcome!",
        "This notice covers orders by post and at markets.",
    )
    titles = [s.title for s in outline_of(text).sections]
    assert "Republic of Ireland" not in titles
    assert "Welcome!" in titles  # under a date line, not an address: still a heading


def test_pdf_text_long_title_line_after_a_full_line_ending_a_sentence() -> None:
    # The paragraph above ends on a full line, so the title's first word could not have gone up
    # onto it; the title is too long to be taken as short, but it stops where the word after it
    # would still have fitted: a line of its own, not the start of a wrapped paragraph.
    text = (
        "Beefarm Ltd runs beekeeping courses at its farm near Ludlow and sells\n"
        "honey from its shop and from its website. This notice explains what we\n"
        "keep about the people who book a course or buy honey from us, and why.\n"
        "What the Course Booking System Keeps About You, and for How Long\n"
        "We keep your name, your email address and the dates of the courses you\n"
        "book, and we keep them for three years after your last course, so that\n"
        "we can answer any question about a course you took with us in the past.\n"
        "Details kept when you buy honey through the Beefarm website\n"
        "We use a card processor for payments and a courier for deliveries, and\n"
        "each of them keeps its own record of the sale under its own notice.\n"
    )
    titles = [s.title for s in outline_of(text).sections]
    assert titles[1:] == [
        "What the Course Booking System Keeps About You, and for How Long",
        "Details kept when you buy honey through the Beefarm website",
    ]


def test_pdf_text_question_filling_a_line_over_its_paragraph() -> None:
    # The question is as long as a line, and the first word below would not have fitted after it;
    # ending in a question mark at the start of its paragraph, it is a heading of its own.
    text = (
        "Beefarm Ltd runs beekeeping courses at its farm near Ludlow and sells\n"
        "honey from its shop and from its website. This notice explains what we\n"
        "keep about the people who book a course or buy honey from us, and why.\n"
        "Can you ask us to delete what we hold about you and your bees?\n"
        "Certainly. Beefarm deletes your details within a month of your asking,\n"
        "unless the law requires us to keep them longer, as it does the records\n"
        "of a sale, which we keep for six years for the tax authorities. We tell\n"
        "you when the deletion is done, and which records we have had to keep.\n"
    )
    titles = [s.title for s in outline_of(text).sections]
    assert titles[1:] == ["Can you ask us to delete what we hold about you and your bees?"]


def test_pdf_text_heading_under_a_line_ending_in_an_address() -> None:
    # A postcode or an email address ends its paragraph without a full stop; the line below, though
    # the next word could have gone up onto that full line, starts a section (one word, or in
    # sentence case) - unless it carries a comma, as the rest of an address does.
    text = (
        "Beefarm Ltd keeps the names and addresses of the people who buy honey\n"
        "from its website, so that it can send the jars and answer any question.\n"
        "Write to Beefarm Ltd, Clover Lane 14, Ludlow, or ring us on 01584 960123\n"
        "Updates\n"
        "We change this notice when the way we sell honey changes, and we write\n"
        "to every customer who has bought from us in the last year to say so.\n"
        "Questions about an order go to the order desk at orders@beefarm.example\n"
        "Couriers and card payments\n"
        "A courier takes each parcel to you, and a card processor takes payment,\n"
        "and each of them keeps its own record of the sale under its own notice.\n"
        "The registered office is Beefarm Ltd, Clover Lane 14, Ludlow 40213\n"
        "Shropshire, England\n"
        "The farm is open to visitors on Saturdays from May until the end of the\n"
        "honey harvest in September, and visitors sign the book at the gate.\n"
    )
    titles = [s.title for s in outline_of(text).sections]
    assert titles[1:] == ["Updates", "Couriers and card payments"]


def test_a_long_notice_name_over_its_own_date_in_another_language() -> None:
    # A second notice on the page, for customers abroad: its name is too long for a title line and
    # its date line is labelled in its own language; its numbering starts again.
    text = browser_text(
        "1. Who We Are",
        "Beefarm Ltd sells honey and runs beekeeping courses near Ludlow.",
        "2. What We Keep",
        "Your name, your address and the courses you book.",
        "Datenschutzhinweise für Kundinnen und Kunden von Beefarm mit Wohnsitz in der Europäischen Union",
        "Stand: 01.05.2025",
        "Diese Hinweise gelten für Bestellungen aus der Europäischen Union.",
        "1. Wer wir sind",
        "Beefarm Ltd verkauft Honig und bietet Imkerkurse an.",
        "2. Ihre Rechte",
        "Sie können jederzeit Auskunft über Ihre Daten verlangen.",
    )
    assert shape(outline_of(text)) == [
        (1, "Who We Are", "1"),
        (1, "What We Keep", "2"),
        (1, "Datenschutzhinweise für Kundinnen und Kunden von Beefarm mit Wohnsitz in der Europäischen Union", ""),
        (1, "Wer wir sind", "1"),
        (1, "Ihre Rechte", "2"),
    ]


def test_a_heading_over_its_own_date_line() -> None:
    text = browser_text(
        "Your Rights",
        "You may ask Beefarm Ltd for a copy of what it holds about you.",
        "Shared Pages with a Social Network",
        "3 March 2025",
        "The farm's page on a social network is run jointly with the network, which sees who visits it.",
    )
    assert [s.title for s in outline_of(text).sections] == ["Your Rights", "Shared Pages with a Social Network"]


def test_the_same_numbered_notice_twice_on_one_page() -> None:
    # A page that holds the notice twice (a print version under the web one): the numbering starts
    # again at the same first heading, word for word, and the second copy's sections are sections too.
    notice = [
        "1. Who We Are",
        "Beefarm Ltd sells honey and runs beekeeping courses near Ludlow.",
        "2. What We Keep",
        "Your name, your address and the courses you book.",
        "3. Your Rights",
        "You may ask for a copy of what we hold about you.",
    ]
    titles = [s.title for s in outline_of(browser_text(*notice, *notice)).sections]
    assert titles == ["Who We Are", "What We Keep", "Your Rights"] * 2


def test_pdf_text_sentence_case_heading_under_a_list_item_without_a_full_stop() -> None:
    # The list's items wrap onto indented lines; a line at the margin under the last item, short and
    # over a full line of text, starts a section though neither it nor the item has a full stop.
    text = (
        "Beefarm Ltd uses the details you give it when you book a course for the\n"
        "purposes below, and for no other purpose unless the law requires it:\n"
        "• Sending you the joining instructions and the map of the farm before\n"
        "  the day of your course\n"
        "• Telling you when a course you booked has to move to another date\n"
        "Sharing with our partners\n"
        "We share your name with the caterer who makes lunch on the course day,\n"
        "and with nobody else, and the caterer deletes it when the day is over.\n"
        "Beefarm keeps the booking itself for six years, as the tax rules ask.\n"
    )
    sections = outline_of(text).sections
    assert [s.title for s in sections][1:] == ["Sharing with our partners"]
    assert "the day of your course" in sections[0].body


def test_a_long_line_over_a_date_is_text_where_headings_are_marked_up() -> None:
    # With heading markup, the notice says which lines are headings: a long line over a date is a
    # sentence of its text (here a strap line under the page's title).
    markdown = (
        "# Beefarm Privacy\n\n"
        "We look after the details of everyone who buys our honey or books a course\n\n"
        "Updated: 01.05.2025\n\n"
        "Beefarm Ltd sells honey and runs beekeeping courses near Ludlow.\n\n"
        "## What We Keep\n\nYour name, your address and the courses you book.\n\n"
        "## Your Rights\n\nYou may ask for a copy of what we hold about you.\n"
    )
    outline = outline_from_document(read_bytes(markdown.encode("utf-8"), "x.md", "md"))
    assert [s.title for s in outline.sections] == ["Introduction", "What We Keep", "Your Rights"]


def test_a_strap_line_under_the_title_over_the_date_is_not_a_notice() -> None:
    text = browser_text(
        "Beefarm Privacy Notice",
        "We look after the details of everyone who buys our honey or books a course",
        "Last updated: 01.05.2025",
        "Beefarm Ltd sells honey and runs beekeeping courses near Ludlow.",
        "1. What We Keep",
        "Your name, your address and the courses you book.",
        "2. Your Rights",
        "You may ask for a copy of what we hold about you.",
    )
    assert [s.title for s in outline_of(text).sections] == ["Introduction", "What We Keep", "Your Rights"]


def _purpose(name: str, use: str, basis: str, kept: str) -> tuple[str, ...]:
    return (name, use, "Legal basis", basis, "How long we keep it", kept)


def test_the_field_names_of_a_repeated_record_stay_text_in_their_section() -> None:
    # Each purpose of a bee-keeping society has the same two labelled parts; before, every
    # 'Legal basis' and 'How long we keep it' became a section of its own, three of each.
    text = browser_text(
        "Why we use your information",
        "We use what members tell us for the purposes below.",
        *_purpose(
            "Running your membership",
            "Your name, address and hive locations.",
            "Our contract with you as a member.",
            "For two years after your membership ends.",
        ),
        *_purpose(
            "Swarm collection calls",
            "The phone number you give when you report a swarm.",
            "Our legitimate interest in rehoming swarms quickly.",
            "For one season.",
        ),
        *_purpose(
            "Apiary inspections",
            "Notes from the inspector's visit to your hives.",
            "The legal duty to report notifiable bee diseases.",
            "For six years, as the inspectorate asks.",
        ),
        "Your rights",
        "You may ask for a copy of what we hold about you.",
    )
    outline = outline_of(text)
    titles = [s.title for s in outline.sections]
    assert titles == [
        "Why we use your information",
        "Running your membership",
        "Swarm collection calls",
        "Apiary inspections",
        "Your rights",
    ]
    inspections = outline.sections[3]
    assert "Legal basis" in inspections.body and "How long we keep it" in inspections.body
    assert "For six years, as the inspectorate asks." in inspections.body
    assert any("'Legal basis'" in note and "'How long we keep it'" in note for note in outline.notes)


def test_one_line_repeated_over_each_section_stays_a_heading() -> None:
    # A single title repeated (a banner or a summary line in each section) is not a record's
    # field names: it stays a heading, as the page set it.
    blocks: list[str] = []
    for name, text in (
        ("Membership", "We keep your name and address."),
        ("Swarms", "We keep the number you call from."),
        ("Inspections", "We keep the inspector's notes."),
    ):
        blocks += [name, text, "In short", f"{text.split(' ', 2)[2].capitalize()}"]
    outline = outline_of(browser_text(*blocks))
    assert [s.title for s in outline.sections].count("In short") == 3
    assert not any("label the parts" in note for note in outline.notes)


def test_a_frequently_asked_question_is_a_heading_however_long() -> None:
    # A help-centre notice asks its readers' questions in their own words: long ones, and ones said
    # before they are asked. Before, a question over 16 words, or one after a sentence, stayed text.
    text = browser_text(
        "Kestrel Ferries Privacy Questions",
        "Kestrel Ferries answers the questions passengers ask most about their details.",
        "Why do you need my date of birth and my nationality when I book a crossing to one of the islands?",
        "The harbour authority asks for both on every passenger list.",
        "I booked for my whole family. Can each of them see what you hold about them?",
        "Yes. Each passenger may ask for their own details, whoever made the booking.",
        "Your ferry will leave from berth two. Please arrive early.",
        "The timetable is on the notice board at the quay.",
    )
    titles = [s.title for s in outline_of(text).sections]
    assert titles == [
        "Introduction",
        "Why do you need my date of birth and my nationality when I book a crossing to one of the islands?",
        "I booked for my whole family. Can each of them see what you hold about them?",
    ]


def test_text_before_the_first_heading_is_named_for_what_it_is() -> None:
    # Found on real notices: the original's contents, kept as text before the first heading, came in as a
    # section called 'Introduction' right above the notice's own 'Introduction'.
    headings = ["Introduction", "What We Keep", "Who Sees It", "Your Choices"]
    body = [
        "Introduction",
        "Marsh Lane Allotments lets plots to local growers.",
        "What We Keep",
        "Your name, your plot number and how to reach you.",
        "Who Sees It",
        "Only the committee and the plot inspector.",
        "Your Choices",
        "You may ask us to correct or delete what we hold.",
    ]
    contents = browser_text(
        "Marsh Lane Allotments Privacy Notice", "Updated 3 March 2025", "Contents", *headings, *body
    )
    outline = outline_of(contents)
    assert [s.title for s in outline.sections] == ["Contents", *headings]
    assert "What We Keep" in outline.sections[0].body
    # Opening words that are not a contents list keep their usual name unless the notice has an
    # 'Introduction' of its own.
    opening = browser_text("Marsh Lane Allotments Privacy Notice", "Please read this before you take on a plot.", *body)
    assert [s.title for s in outline_of(opening).sections] == ["Opening text", *headings]
    plain = browser_text(
        "Marsh Lane Allotments Privacy Notice", "Please read this before you take on a plot.", *body[2:]
    )
    assert [s.title for s in outline_of(plain).sections] == ["Introduction", *headings[1:]]


def test_a_long_numbered_question_is_a_heading_in_its_numbering() -> None:
    # '4.' asks a question of 17 words: too long for a title line, but numbered between 3 and 5
    text = browser_text(
        "1. Who we are",
        "Fernhill Cycling Club is run by volunteers in Wales.",
        "2. What do we keep?",
        "Your name, your address and an emergency contact.",
        "3. Where does it come from?",
        "From the form you fill in when you join the club.",
        "4. For which purposes do we use your details, and on what legal basis do we rely for each of them?",
        "To run the club, on our contract with you, and to keep riders safe, in our legitimate interest.",
        "5. How long do we keep it?",
        "For two years after you leave.",
    )
    assert [n for _, _, n in shape(outline_of(text))] == ["1", "2", "3", "4", "5"]


def test_lettered_parts_start_again_under_title_lines_that_outnumber_them() -> None:
    # most title lines have no lettered parts; those that do start again at 'A.' under each one
    text = browser_text(
        "Scope",
        "This notice covers the Amberley Ferry Company's crossings and its website.",
        "What We Collect",
        "We collect what you give us and what the crossing records.",
        "A. Passengers",
        "We keep the name on each ticket until the crossing has taken place.",
        "B. Account Holders",
        "We keep your account details until you close the account.",
        "C. Vehicles",
        "We keep the number plate of a car brought on board for a month.",
        "How We Use It",
        "To sell tickets and to run the crossing safely.",
        "Who We Share It With",
        "Only those who help us run the crossing.",
        "A. The Harbour Office",
        "The harbour office sees the passenger list for each crossing.",
        "B. Our Card Processor",
        "Card payments pass through one processor.",
        "Security",
        "Tickets are stored encrypted.",
        "Children",
        "Children travel on a ticket bought by an adult.",
        "Contact Us",
        "Write to the harbour office.",
    )
    levels = [(s.level, s.title) for s in outline_of(text).sections]
    assert levels == [
        (1, "Scope"),
        (1, "What We Collect"),
        (2, "Passengers"),
        (2, "Account Holders"),
        (2, "Vehicles"),
        (1, "How We Use It"),
        (1, "Who We Share It With"),
        (2, "The Harbour Office"),
        (2, "Our Card Processor"),
        (1, "Security"),
        (1, "Children"),
        (1, "Contact Us"),
    ]

"""The forms counsel import (web page, browser copy, PDF copy, Word with and without styles):
the same sections come out of each, and every word of the body ends up in a clause, in order.

The forms are made from our own fixture (tests/fixtures/import/fennel_notice.md) by the same
code the corpus benchmark uses, plus two hand-written copies with their own quirks.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from benchmarks.import_corpus import make_pdf_text, parse_policy, write_form
from notice_studio.core.importer import ImportProblem, import_file, outline_from_document, read_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "import"
FENNEL = [
    (1, "Introduction"),
    (1, "Who we are"),
    (1, "What we collect"),
    (2, "Information from the bicycles"),
    (2, "Information from the kiosks"),
    (1, "How do we use your information?"),
    (1, "Who we share it with"),
    (1, "How long we keep it"),
    (1, "Your rights"),
    (1, "Contact"),
]
FORMS = ["html", "browser", "pdftext", "docx", "docxbold", "pdf"]


def copied_text(lines: list[str]):
    """The outline of copied text given line by line."""
    return outline_from_document(read_bytes("\n".join(lines).encode("utf-8"), "rope.txt", "txt"))


def words(text: str) -> list[str]:
    """The words of a text, lower case, without Markdown marks or punctuation."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("\\", ""))


def in_order(expected: list[str], found: list[str]) -> list[str]:
    """The expected words that do not appear in `found` in the same order (empty: nothing lost)."""
    missing = []
    at = 0
    for word in expected:
        try:
            at = found.index(word, at) + 1
        except ValueError:
            missing.append(word)
    return missing


@pytest.fixture(scope="module")
def fennel() -> list:
    return parse_policy((FIXTURES / "fennel_notice.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("form", FORMS)
def test_each_form_gives_the_same_sections(form: str, fennel: list, tmp_path: Path) -> None:
    path = write_form(form, fennel, "Fennel", tmp_path)
    assert path is not None
    outline = import_file(path)
    assert outline.title == "Fennel Cycle Hire Privacy Notice"
    assert [(s.level, s.title) for s in outline.sections] == FENNEL
    numbers = [s.original_number for s in outline.sections]
    assert numbers[1:5] == ["1", "2", "2.1", "2.2"]


@pytest.mark.parametrize("form", FORMS)
def test_nothing_is_lost(form: str, fennel: list, tmp_path: Path) -> None:
    path = write_form(form, fennel, "Fennel", tmp_path)
    assert path is not None
    outline = import_file(path)
    # the line stating the notice's own date is taken out, and a note says so
    assert outline.date_line == "Last revised: Oct. 1st, 2021" and outline.date_line in outline.notes[-1]
    source: list[str] = []
    for piece in fennel:
        if piece.is_title or piece.text == outline.date_line:
            continue
        source += words(piece.text) + [w for item in piece.items for w in words(item)]
        source += [w for row in piece.rows for cell in row for w in words(cell)]
    imported = [w for s in outline.sections for w in words(s.heading_text + " " + s.body)]
    assert in_order(source, imported) == []
    assert len(imported) >= len(source)


def test_pdf_copy_reflowed_and_page_furniture_left_out() -> None:
    outline = import_file(FIXTURES / "pdf_copy.txt")
    assert outline.title == "Heronsgate Allotment Society PRIVACY NOTICE"
    assert [s.title for s in outline.sections] == [
        "Introduction",
        "WHAT WE HOLD",
        "WHY WE HOLD IT",
        "WHO SEES IT",
        "HOW LONG WE KEEP IT",
        "YOUR RIGHTS",
    ]
    hold = outline.sections[1].body
    assert "\n" not in hold  # one paragraph, re-flowed
    assert "any correspondence about" in hold  # 'correspond-' + 'ence' joined
    assert "to collect rent" in outline.sections[2].body
    assert "Heronsgate Allotment Society - Privacy Notice" in outline.dropped
    assert "2 page numbers" in outline.dropped
    every = " ".join(s.body for s in outline.sections)
    assert "Page 1" not in every and "Privacy Notice" not in every


def test_pdf_copy_in_a_proportional_font_joins_a_line_cut_short_mid_sentence() -> None:
    # Lines wrapped by the page's width, not by a count of characters: the first stops early
    # ('the' would have fitted by characters) but its sentence goes on.
    text = (
        "Marsh Lane Allotments Privacy Notice\n"
        "The allotment committee keeps a register of plot holders on behalf of\n"
        "the parish council. This notice explains what the register holds and why we\n"
        "keep it, who can see it and how long it is kept after a plot is given up.\n"
        "1. What the register holds\n"
        "The name, address and plot number of each holder, and the rent they paid on\n"
        "each rent day, with any notes about plots left untended or shared with others.\n"
        "2. Who can see it\n"
        "The committee secretary keeps the register on a laptop locked with a password,\n"
        "and the treasurer sees the rent column when the accounts are drawn up at the end\n"
        "of the year. Nobody else sees it unless the law requires us to show it to them,\n"
        "and we never sell it or lend it to anyone for their own use or their own mailings.\n"
    )
    outline = outline_from_document(read_bytes(text.encode(), "copied.txt", "txt"))
    [intro] = outline.sections[0].paragraphs
    assert intro.startswith("The allotment committee keeps a register of plot holders on behalf of the parish council.")
    assert [s.title for s in outline.sections[1:]] == ["What the register holds", "Who can see it"]


def test_pdf_copy_nothing_lost_but_furniture() -> None:
    text = (FIXTURES / "pdf_copy.txt").read_text(encoding="utf-8")
    body = [
        line
        for line in text.splitlines()[2:]
        if not line.startswith(("Page ", "Heronsgate Allotment Society - Privacy Notice"))
    ]
    outline = import_file(FIXTURES / "pdf_copy.txt")
    assert outline.date_line == "Effective from June 01, 2023" and "was taken out of the text" in outline.notes[-1]
    body.remove(outline.date_line)
    source = words(re.sub(r"-\n", "", "\n".join(body)))
    imported = [w for s in outline.sections for w in words(s.heading_text + " " + s.body)]
    assert in_order(source, imported) == []


def test_browser_copy_menus_dropped_and_unmarked_bullets_kept_as_a_list() -> None:
    outline = import_file(FIXTURES / "browser_copy.txt")
    assert outline.title == "Lantern Choir Privacy Policy"
    assert [s.title for s in outline.sections] == [
        "Introduction",
        "Information We Collect",
        "How We Use It",
        "Sharing Your Information",
        "Contact Us",
    ]
    assert "- Voice part and attendance at rehearsals" in outline.sections[1].body.splitlines()
    assert {"Home", "Log in", "Back to top"} <= set(outline.dropped)


def test_hard_wrapped_text_with_questions_and_a_table(tmp_path: Path, fennel: list) -> None:
    text = make_pdf_text(fennel, "Fennel")
    assert "\n\n" not in text  # the form really has no blank lines
    path = tmp_path / "copied.txt"
    path.write_text(text, encoding="utf-8")
    outline = import_file(path)
    sharing = outline.sections[6]
    assert sharing.title == "Who we share it with"
    assert "| Quayside Payments | card payments |" in sharing.body


@pytest.mark.parametrize(
    ("headings", "kind"),
    [
        (["WHAT WE KEEP", "WHO SEES IT", "YOUR CHOICES"], "ALL CAPS"),
        (["What do we keep?", "Who sees it?", "What can you do?"], "questions"),
        (["What We Keep", "Who Sees It", "Your Choices"], "Title Case"),
        (["1. What we keep", "2. Who sees it", "3. Your choices"], "numbered"),
    ],
)
def test_heading_shapes_in_browser_copied_text(headings: list[str], kind: str, tmp_path: Path) -> None:
    body = [
        "The parish magazine keeps the names of its subscribers and where each copy goes.",
        "The editor and the delivery volunteers see the list; nobody else does.",
        "Subscribers may ask the editor to take them off the list at any time.",
    ]
    text = "Parish Magazine Privacy Notice\n\n" + "\n\n".join(
        f"{h}\n\n{b}" for h, b in zip(headings, body, strict=True)
    )
    path = tmp_path / f"{kind}.txt"
    path.write_text(text, encoding="utf-8")
    outline = import_file(path)
    titles = [s.title for s in outline.sections]
    assert [t.split(". ", 1)[-1] for t in headings] == titles, kind


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "fmt", "says"),
    [
        (b"", "empty.txt", "txt", "is empty"),
        (b"   \n\n", "blank.pdf", "pdf", "is empty"),
        (bytes(range(256)) * 40, "noise.txt", "txt", "binary data"),
        (b"%PDF-1.4 this is no real pdf", "broken.pdf", "pdf", "not a readable PDF"),
        (None, "scanned.pdf", "pdf", "no text in it, only images"),
        (b"Just some words, not a zip.", "notice.docx", "docx", "not a valid Word document"),
        (b"<html><body>not a pdf</body></html>", "page.pdf", "pdf", "is not a PDF file"),
    ],
)
def test_bad_files_get_one_sentence(data: bytes | None, name: str, fmt: str, says: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        read_bytes(_blank_pdf() if data is None else data, name, fmt)
    message = str(caught.value)
    assert says in message
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence
    assert name in message


def test_pdf_copy_keeps_figures_that_are_not_page_numbers_and_joins_only_broken_words() -> None:
    # A number alone on a line out of the pages' order is text (it was dropped as a page number);
    # a word broken after a non-ASCII letter is joined; a hyphen left before 'and' is not a break;
    # a word the text writes with a hyphen elsewhere keeps it when a line break falls there.
    lines = [
        "Lindqvist Rope Works Privacy Notice",
        "ABOUT US",
        "We make rope and rigging in a small works by the harbour and keep",
        "the records in our office in Zü-",
        "rich, where the bookkeeper works three days a week for us.",
        "2",
        "REQUESTS",
        "Requests received from customers in the last year, in total:",
        "595",
        "Requests we answered within a month of receiving them:",
        "all of them",
        "HOW LONG WE KEEP RECORDS",
        "We keep short- and long-term records apart, and delete the short-",
        "term ones when each order has been paid for and delivered to you,",
        "unless a customer asks us to keep a short-term order's record.",
        "3",
    ]
    result = copied_text(lines)
    bodies = {s.title: s.body for s in result.sections}
    assert "office in Zürich, where" in bodies["ABOUT US"]
    assert "595" in bodies["REQUESTS"]
    assert "keep short- and long-term records apart" in bodies["HOW LONG WE KEEP RECORDS"]
    assert "delete the short-term ones" in bodies["HOW LONG WE KEEP RECORDS"]
    assert "2 page numbers" in result.dropped
    # pages copied out of a longer document: their numbers start at 12 and are still page numbers
    extract = ["ORDERS", *lines[7:12], "12", *lines[12:15], "13"]
    pages = outline_from_document(read_bytes("\n".join(extract).encode("utf-8"), "rope.txt", "txt"))
    assert pages.dropped == ("2 page numbers",)  # a line near both of two close page numbers is no running header
    assert "595" in pages.sections[0].body and "delete the short-term ones" in pages.sections[-1].body


def test_pdf_copy_keeps_a_sentence_ending_in_button_words_and_text_repeated_by_the_page() -> None:
    # 'Cookie Settings.' finishing a wrapped sentence is text, though alone it is a page's button;
    # two lines that happen to stand near two page breaks (the notice repeats an address) are not a
    # running header unless they recur on half the pages.
    page = [
        "We keep the order book for six years, as the tax office asks of every",
        "trader, and you may change the cookies we set at any time under",
        "Cookie Settings.",
        "Write to: Lindqvist Rope Works, 4 Quay Lane, Harwich",
    ]
    lines = ["Lindqvist Rope Works Privacy Notice", "ORDERS"]
    for number in range(1, 7):
        lines += page if number in (2, 5) else [f"Line {number} of the order rules, kept as written here."]
        lines += [f"Page {number} of 6", "Lindqvist Rope Works"]
    outline = copied_text(lines)
    every = " ".join(s.body for s in outline.sections)
    assert every.count("at any time under Cookie Settings.") == 2
    assert every.count("Write to: Lindqvist Rope Works, 4 Quay Lane, Harwich") == 2
    assert "Lindqvist Rope Works" in outline.dropped and "6 page numbers" in outline.dropped


def test_pdf_copy_keeps_the_hyphen_of_a_compound_broken_at_its_hyphen() -> None:
    # 'co-' + 'worker' where the text writes 'co-owners' elsewhere, or 'on-' + 'going' where both
    # are words of the text: a compound broken at its own hyphen keeps it; 'inven-' + 'tory' is
    # one word again.
    lines = [
        "Lindqvist Rope Works Privacy Notice",
        "WHO SEES YOUR ORDER",
        "The two co-owners of the works see every order, and when a large order",
        "comes in for rigging, one co-",
        "worker from the loft checks the measurements against our stock inven-",
        "tory before anything is cut to length for you. The order book is kept in",
        "the loft office in a locked drawer, and the copy on the office computer",
        "is kept for six years, as the tax office asks of every trader, after",
        "which it is deleted at the end of the year together with the invoices",
        "and the delivery notes that belong to it, unless a claim is still open.",
        "Before going out, each coil passes our on-",
        "going checks on the quay, which name nobody.",
    ]
    outline = copied_text(lines)
    body = outline.sections[-1].body
    assert "one co-worker from the loft" in body and "stock inventory before" in body
    assert "our on-going checks" in body  # two words of the text, never written as one


def test_pdf_copy_keeps_the_hyphen_of_english_words_that_make_no_word_together() -> None:
    # 'prize-' + 'winning' and 'two-' + 'step' are written nowhere else in the text: two English
    # words that make no word together are a compound broken at its hyphen, where 'inven-' + 'tory'
    # and 'measure-' + 'ments' are words the line end broke.
    lines = [
        "Lindqvist Rope Works Privacy Notice",
        "HOW WE KEEP YOUR ACCOUNT SAFE",
        "Most of our customers order the splice that won at the harbour show, the",
        "prize-",
        "winning eye splice, from the web shop, and the shop asks for a two-",
        "step sign-in before it shows an order, a delivery address or the inven-",
        "tory of the loft to anyone. The loft then checks the measure-",
        "ments of every coil by hand before it goes out to the quay, and the copy",
        "of each order kept on the office computer is deleted after six years, as",
        "the tax office asks of every trader, unless a claim is still open then.",
    ]
    body = copied_text(lines).sections[-1].body
    assert "the prize-winning eye splice" in body and "a two-step sign-in" in body
    assert "the inventory of the loft" in body and "the measurements of every coil" in body


def test_pdf_copy_joins_a_word_in_capitals_the_text_writes_nowhere_else() -> None:
    # 'LIMI-' + 'TATIONS' is one English word; 'OPT-' + 'OUT' makes none and keeps its hyphen.
    lines = [
        "Lindqvist Rope Works Privacy Notice",
        "WHAT WE ANSWER FOR",
        "The works answers for rope it cuts to its own measures, and for nothing",
        "else: the works answers for that rope only and ONLY WITHIN THE LIMI-",
        "TATIONS the law sets for a small trader like us. Note that you may OPT-",
        "OUT of the letters about new rope at any time by writing to the loft.",
        "The loft answers within a week and keeps no copy of the letter once it",
        "has replied to you, as the harbour office keeps none of the letters it",
        "answers either, and the works sends no letters at all in the winter.",
    ]
    body = copied_text(lines).sections[-1].body
    assert "ONLY WITHIN THE LIMITATIONS the law" in body and "you may OPT-OUT of the letters" in body


def test_pdf_copy_joins_a_name_or_capitals_broken_at_a_lines_end() -> None:
    # 'Rope-' + 'Track' where the text writes 'RopeTrack' elsewhere, and 'RESPON-' + 'SIBLE' where it
    # writes 'responsible', are one word again; 'Anglo-' + 'Saxon' keeps its hyphen, with no space.
    lines = [
        "Lindqvist Rope Works Privacy Notice",
        "WHO SEES YOUR ORDER",
        "Orders are kept in RopeTrack, our order book, which runs on the office computer",
        "in the loft and is copied each night to a second disk in a locked drawer. Rope-",
        "Track keeps your name, your address and the lengths you ordered, and nothing at",
        "all else; the rigging team sees the lengths only. WE ARE NOT ANSWERABLE OR RESPON-",
        "SIBLE FOR ROPE CUT TO YOUR OWN MEASUREMENTS, though we are responsible for ours;",
        "the loft still follows the old measures for the heritage boats, the old Anglo-",
        "Saxon measures, and metres for everything else that we make at the quay.",
    ]
    outline = copied_text(lines)
    body = outline.sections[-1].body
    assert "drawer. RopeTrack keeps" in body
    assert "NOT ANSWERABLE OR RESPONSIBLE FOR" in body
    assert "the old Anglo-Saxon measures" in body


def test_the_benchmark_scores_how_headings_nest(fennel: list) -> None:
    # benchmarks/import_corpus.py counts, for each two headings found one after the other, whether
    # the second is at the same level, deeper or back up as in the original.
    from benchmarks.import_corpus import nesting

    titles = [title for _, title in FENNEL[1:]]
    right_levels = [level for level, _ in FENNEL[1:]]
    assert nesting(fennel, titles, right_levels) == (8, 8)
    flat = [1] * len(titles)  # the two sub-sections at the top level: the steps into and out of them are wrong
    assert nesting(fennel, titles, flat) == (6, 8)
    shifted = [level + 1 for level in right_levels]  # every heading one level down is still nested right
    assert nesting(fennel, titles, shifted) == (8, 8)


def test_the_benchmark_tells_plain_heading_lines_from_sentences_and_links() -> None:
    # benchmarks/import_corpus.py prints a second F1 in which a plain one-line paragraph that reads
    # as a heading counts neither way; a sentence, a clause ending in a comma and a line that is all
    # link text are not such lines, and finding them as headings still counts as wrong.
    from benchmarks.import_corpus import plain_heading_line, plain_wrong

    text = (
        "# Harbour Kites privacy notice\n\n## What we keep\n\nKite orders and delivery addresses.\n\n"
        "Orders from the shop\n\nWe keep each order for six years.\n\n"
        "We keep returns for one year.\n\n[Read how returns work](https://example.test/returns)\n\n"
        "and the courier's reference,\n\n## Who sees it\n\nOnly our courier.\n"
    )
    pieces = parse_policy(text)
    lines = {p.text: plain_heading_line(p) for p in pieces if p.kind == "para"}
    assert lines["Orders from the shop"]
    assert not lines["We keep returns for one year."]
    assert not lines["Read how returns work"]
    assert not lines["and the courier's reference,"]
    found = ["What we keep", "Orders from the shop", "Read how returns work", "Who sees it"]
    assert plain_wrong(pieces, found) == 1  # the link line stays a wrong heading; the matched ones are right


def test_the_benchmark_reads_its_audit_and_forgives_only_lines_judged_headings(tmp_path: Path) -> None:
    # benchmarks/import_corpus.py prints a third F1 on audited truth: a plain heading line found as a
    # heading counts neither way only when the audit file judged it a heading or borderline; a line
    # judged no heading, or one nobody audited, stays wrong. The file names lines by hash, not words.
    import benchmarks.import_corpus as bench

    text = (
        "# Harbour Kites privacy notice\n\n## What we keep\n\nKite orders and delivery addresses.\n\n"
        "Orders from the shop\n\nWe keep each order for six years.\n\nTrack my kite\n\n"
        "Gift vouchers\n\nA voucher code and its balance.\n\n## Who sees it\n\nOnly our courier.\n"
    )
    pieces = parse_policy(text)
    audit_file = tmp_path / "audit.tsv"
    audit_file.write_text(
        "# policy\tline\tverdict\n"
        f"kites\t{bench.line_hash(bench.norm('Orders from the shop'))}\theading\n"
        f"kites\t{bench.line_hash(bench.norm('Track my kite'))}\tnot\n",
        encoding="utf-8",
    )
    audit = bench.load_audit(audit_file)
    assert set(audit.values()) == {"heading", "not"}
    found = ["What we keep", "Orders from the shop", "Track my kite", "Gift vouchers", "Who sees it"]
    original = bench.AUDIT
    bench.AUDIT = audit
    try:
        assert bench.plain_wrong(pieces, found) == 3
        assert bench.audit_forgiven(pieces, found, "kites") == 1  # only the line judged a heading
        assert bench.audit_forgiven(pieces, found, "another-policy") == 0  # a verdict belongs to its policy
    finally:
        bench.AUDIT = original
    audit_file.write_text(f"kites\t{bench.line_hash('x')}\tmaybe\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"audit.tsv, line 1: the verdict must be heading, borderline or not"):
        bench.load_audit(audit_file)


def test_the_shipped_audit_names_lines_by_hash_only() -> None:
    # The audit kept beside the benchmark holds no wording of the corpus: a policy's file name, a
    # 12-digit hash and a verdict on every line that is not a comment.
    import benchmarks.import_corpus as bench

    rows = [
        line.split("\t")
        for line in bench.AUDIT_FILE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(rows) > 300
    assert all(len(row) == 3 and re.fullmatch(r"[0-9a-f]{12}", row[1]) for row in rows)
    assert {row[2] for row in rows} == {"heading", "borderline", "not"}

"""Reading files for import: encodings, line ends, and one-sentence refusals of what cannot be read."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest

from notice_studio.core.importer import ImportProblem, read_bytes, read_document
from notice_studio.core.importer.blocks import is_junk_line

SAMPLE = "Privacy Notice\r\n\r\n1. Who we are\r\nWe are Rowan “Tree” Surgeons.\r\n"


def _one_sentence(message: str) -> None:
    assert message.endswith(".") and "\n" not in message
    assert message.count(". ") <= 1, message


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8 (with BOM)"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le (with BOM)"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be (with BOM)"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("cp1252"), "windows-1252"),
    ],
)
def test_text_encodings_and_crlf(data: bytes, encoding: str) -> None:
    document = read_bytes(data, "n.txt", "txt")
    assert document.encoding == encoding
    assert [b.plain for b in document.blocks] == ["Privacy Notice", "1. Who we are", "We are Rowan “Tree” Surgeons."]
    assert [b.source for b in document.blocks] == [1, 3, 4]
    assert [b.gap_before for b in document.blocks] == [True, True, False]


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_joiners_that_spell_words_are_kept_and_copy_noise_goes(fmt: str) -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u06cc\u0645"  # one word, spelt with a non-joiner
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji, three people joined
    text = f"Privacy Notice\n\nWe keep per\u200dsonal\u200b data. {persian} {family}\n"
    document = read_bytes(text.encode("utf-8"), f"n.{fmt}", fmt)
    words = " ".join(b.plain for b in document.blocks)
    assert "We keep personal data." in words
    assert persian in words and family in words


def test_markdown_in_a_text_file_is_read_as_markdown_but_marks_in_table_cells_are_not() -> None:
    markdown = "# Privacy Notice\n\n## Who we are\n\nA bakery.\n\n## Contact\n\nAsk in the shop.\n"
    assert read_bytes(markdown.encode(), "n.txt", "txt").format == "md"
    underlined = "Privacy Notice\n==============\n\nWho we are\n==========\n\nA bakery.\n"
    assert read_bytes(underlined.encode(), "n.txt", "txt").format == "md"
    cells = "Cookies\n\n#### Name\t#### Purpose\nsid\tlogin\n\n#### Name  #### Purpose\nlang  language\n"
    assert read_bytes(cells.encode(), "n.txt", "txt").format == "txt"


def test_markdown_reference_links_keep_their_addresses() -> None:
    text = (
        "# Privacy Notice\n\nSee our [cookie list][cl], the [Terms] and [our shop][].\n\n"
        "[cl]: https://bakery.example/cookies 'Cookies'\n[terms]: <https://bakery.example/terms>\n"
        "[Our Shop]: https://bakery.example/\n\nA [bracket] that names nothing stays as written.\n"
    )
    paragraphs = [b.markdown for b in read_bytes(text.encode(), "n.md", "md").blocks]
    assert paragraphs[1] == (
        'See our [cookie list](<https://bakery.example/cookies> "Cookies"), the [Terms](<https://bakery.example/terms>)'
        " and [our shop](<https://bakery.example/>)."
    )
    assert paragraphs[2] == "A [bracket] that names nothing stays as written."


def test_plain_text_bullets_become_markdown_lists() -> None:
    document = read_bytes("We collect:\n• your name\n   ◦ first name\n– your email\n".encode(), "n.txt", "txt")
    assert [(b.kind, b.markdown) for b in document.blocks] == [
        ("paragraph", "We collect:"),
        ("list_item", "- your name"),
        ("list_item", "  - first name"),
        ("list_item", "- your email"),
    ]


def test_web_page_saved_as_txt_is_read_as_html() -> None:
    document = read_bytes(
        b"<!DOCTYPE html><html><body><h2>Cookies</h2><p>We use two.</p></body></html>", "page.txt", "txt"
    )
    assert document.format == "html"
    assert document.blocks[0].kind == "heading"


def test_a_page_that_says_utf8_but_is_windows_1252_is_read_right_and_the_report_says_so() -> None:
    page = "<html><head><meta charset='utf-8'></head><body><h1>Privacy Notice</h1><p>Our “loyalty card” costs €2 – café.</p></body></html>"
    document = read_bytes(page.encode("cp1252"), "n.html", "html")
    assert "Our “loyalty card” costs €2 – café." in [b.plain for b in document.blocks]
    assert document.encoding == "windows-1252, though the page says utf-8"
    assert any("read as Windows-1252" in note for note in document.notes)


def test_text_pasted_together_from_utf8_and_windows_1252_keeps_both_right() -> None:
    data = "Privacy Notice\n\nThe café on Mill Lane. ".encode() + "Our “loyalty” card costs €2.\n".encode("cp1252")
    document = read_bytes(data, "n.txt", "txt")
    assert document.blocks[1].plain == "The café on Mill Lane. Our “loyalty” card costs €2."
    assert document.encoding == "utf-8 with some windows-1252" and document.notes
    assert read_bytes(SAMPLE.encode("utf-8"), "n.txt", "txt").notes == ()  # UTF-8: nothing to say


def test_a_file_read_as_windows_1252_asks_for_its_letters_to_be_checked() -> None:
    """Windows-1252 is a guess for any file that is not UTF-8: Polish saved as Windows-1250 reads
    without an error, with wrong letters, so the report asks for a check."""
    polish = "Polityka prywatności\r\n\r\n1. Kim jesteśmy\r\nPiekarnia w Łodzi.\r\n".encode("cp1250")
    document = read_bytes(polish, "n.txt", "txt")
    assert document.encoding == "windows-1252"
    [note] = document.notes
    assert "read as Windows-1252" in note and "save it as UTF-8" in note
    _one_sentence(note)
    # A page that names its charset is not a guess.
    page = '<html><head><meta charset="windows-1252"></head><body><h1>Caf\xe9</h1><p>Text.</p></body></html>'
    assert read_bytes(page.encode("cp1252"), "n.html", "html").notes == ()


def test_an_images_description_is_listed_as_left_out() -> None:
    page = (
        b"<h1>Privacy Notice</h1><p>We film the quay. <img src='m.png' alt='Map of the quay cameras'>"
        b"<img src='logo.png' alt='logo'></p><h2>Who we are</h2><p>A bakery on the quay.</p>"
    )
    document = read_bytes(page, "n.html", "html")
    assert document.dropped == ("an image: 'Map of the quay cameras'",)  # a one-word 'logo' says nothing
    assert "Map" not in " ".join(b.plain for b in document.blocks)


def test_html_charset_from_meta() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 \x93Blue\x94</p></body></html>'
    document = read_bytes(page.encode("latin-1"), "p.html", "html")
    assert document.blocks[0].plain == "Café “Blue”"


def test_markdown_front_matter_gives_the_title_and_keeps_line_numbers() -> None:
    document = read_bytes(b"---\ntitle: 'Our Privacy Notice'\n---\n\n## Data\n\nWe hold data.\n", "n.md", "md")
    assert document.title == "Our Privacy Notice"
    assert [(b.kind, b.source) for b in document.blocks] == [("heading", 5), ("paragraph", 7)]
    assert document.notes == ()  # the title is all it held


def test_markdown_front_matter_fields_left_out_are_named() -> None:
    data = b"---\ntitle: Bakery Notice\nauthor: J. Crumb\nlayout: page\n---\n\n## Data\n\nWe hold data.\n"
    document = read_bytes(data, "n.md", "md")
    assert document.title == "Bakery Notice"
    [note] = document.notes
    assert note == (
        "The file's front matter gave the title; its other fields (author, layout) are not part of the notice "
        "and were not imported."
    )


def test_markdown_that_opens_with_a_rule_keeps_the_text_between_rules() -> None:
    text = b"---\n\nWe respect your privacy.\n\n---\n\n## Data\n\nWe hold data.\n"
    document = read_bytes(text, "n.md", "md")
    assert document.title == ""
    assert [b.plain for b in document.blocks] == ["We respect your privacy.", "Data", "We hold data."]


def test_front_matter_is_split_the_same_way_for_notices_and_the_library(tmp_path: Path) -> None:
    from notice_studio.core.library.parse import parse_clause_file
    from notice_studio.core.notice.frontmatter import FormatError, parse

    unclosed = "---\nid: x\ntitle: X\n\nBody\n"
    with pytest.raises(FormatError) as raised:
        parse(unclosed, "clauses/x.md")
    (problem,) = parse_clause_file(unclosed, tmp_path / "x.md").problems
    assert (problem.line, problem.message) == (raised.value.line, raised.value.problem)
    bad_yaml = "---\nid: x\ntitle: [X\n---\nBody\n"
    with pytest.raises(FormatError) as raised:
        parse(bad_yaml, "clauses/x.md")
    (problem,) = parse_clause_file(bad_yaml, tmp_path / "x.md").problems
    assert (problem.line, problem.message) == (raised.value.line, raised.value.problem)
    assert raised.value.line == 3 and "front matter is not valid YAML" in problem.message


def test_html_inline_markup_and_escaping() -> None:
    page = "<p>Use <b>bold</b>, <i>italic</i>, <a href='https://x.example/a b'>a link</a>, *stars* and <code>code</code>.</p><p>1. not a list</p>"
    blocks = read_bytes(page.encode(), "p.html", "html").blocks
    assert blocks[0].markdown == "Use **bold**, *italic*, [a link](https://x.example/a%20b), \\*stars\\* and `code`."
    assert blocks[1].markdown == "1\\. not a list"


def test_html_nested_lists_and_ordered_start() -> None:
    page = "<ol start='3'><li>Third<ul><li>detail</li></ul></li><li>Fourth</li></ol>"
    blocks = read_bytes(page.encode(), "p.html", "html").blocks
    assert [(b.kind, b.markdown, b.gap_before) for b in blocks] == [
        ("list_item", "3. Third", True),
        ("list_item", "  - detail", False),
        ("list_item", "4. Fourth", False),
    ]


def test_layout_tables_are_read_as_text() -> None:
    page = "<table><tr><td><h2>Cookies</h2><p>We use cookies.</p></td></tr></table>"
    blocks = read_bytes(page.encode(), "p.html", "html").blocks
    assert [b.kind for b in blocks] == ["heading", "paragraph"]


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Back to top",
        "↑ Top of page",
        "Made with Squarespace",
        "Powered by WordPress",
        "© 2025 Acme Ltd. All rights reserved.",
        "Copyright 2024 Acme",
        "Accept all cookies",
        "On this page",
        "Cookies Settings",
        "Read our blog",
    ],
)
def test_page_furniture_lines(line: str) -> None:
    assert is_junk_line(line)


@pytest.mark.parametrize("line", ["Copyright and trade marks", "Topics we cover", "We use cookies", "Cookies"])
def test_notice_lines_are_not_furniture(line: str) -> None:
    assert not is_junk_line(line)


# ----- refusals ---------------------------------------------------------------------------------------
def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="There is no file at .*missing.txt") as info:
        read_document(tmp_path / "missing.txt")
    _one_sentence(str(info.value))


def test_folder_given_as_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="is a folder") as info:
        read_document(tmp_path)
    _one_sentence(str(info.value))


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("n.pdf", "PDF"),
        ("n.doc", "Word 97-2003"),
        ("n.odt", "LibreOffice"),
        ("n.xyz", r"\.txt, \.md, \.html, \.docx or \.pdf"),
        ("notice", "without an extension"),
    ],
)
def test_unsupported_extensions_say_what_is_supported(tmp_path: Path, name: str, hint: str) -> None:
    path = tmp_path / name
    path.write_text("Privacy notice")
    with pytest.raises(ImportProblem, match=hint) as info:
        read_document(path)
    assert str(info.value).endswith(".")


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
@pytest.mark.parametrize(
    "data", [b"", b"   \n\n\t\r\n", b"<html><body><script>x()</script></body></html>", b"12345 ---"]
)
def test_empty_documents(fmt: str, data: bytes) -> None:
    with pytest.raises(ImportProblem, match="is empty|no text") as info:
        read_bytes(data, f"n.{fmt}", fmt)
    _one_sentence(str(info.value))


def test_binary_garbage() -> None:
    garbage = bytes(range(256)) * 20
    with pytest.raises(ImportProblem, match="binary data") as info:
        read_bytes(garbage, "n.txt", "txt")
    _one_sentence(str(info.value))


def test_pdf_and_zip_content_with_a_text_extension() -> None:
    with pytest.raises(ImportProblem, match="PDF"):
        read_bytes(b"%PDF-1.7\n...", "n.txt", "txt")
    with pytest.raises(ImportProblem, match="Word or zip"):
        read_bytes(b"PK\x03\x04rest", "n.md", "md")


@pytest.mark.parametrize(
    "data",
    [b"not a zip at all", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old word", b""],
    ids=["text", "old-word", "empty"],
)
def test_invalid_word_files(data: bytes) -> None:
    with pytest.raises(ImportProblem, match="Word|is empty") as info:
        read_bytes(data, "n.docx", "docx")
    _one_sentence(str(info.value))


def test_zip_that_is_not_a_word_document() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ImportProblem, match="not a valid Word document"):
        read_bytes(out.getvalue(), "n.docx", "docx")


def test_unreadable_file(tmp_path: Path) -> None:
    import os

    path = tmp_path / "locked.txt"
    path.write_text("Privacy notice")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file")
        with pytest.raises(ImportProblem, match="could not be read"):
            read_document(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:x",
    ],
)
def test_unsafe_links_keep_only_their_words(href: str) -> None:
    page = f'<p>Read <a href="{href}" onmouseover="x()">our terms</a> today.</p>'
    block = read_bytes(page.encode(), "p.html", "html").blocks[0]
    assert block.markdown == "Read our terms today."


def test_link_targets_cannot_break_out_of_the_link() -> None:
    page = '<p><a href="https://x.example/a b)(c\n<d>">terms [1]</a></p>'
    block = read_bytes(page.encode(), "p.html", "html").blocks[0]
    assert block.markdown == "[terms \\[1\\]](https://x.example/a%20b%29%28c%20%3Cd%3E)"

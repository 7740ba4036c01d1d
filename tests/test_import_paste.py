"""A notice copied and pasted (the import dialog's Paste, the CLI's `import -`): the clipboard's
HTML when there is some, from a browser, Word or Google Docs, else its plain text; and the HTML
those programs write to a file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from notice_support import git

from notice_studio.core.importer import PASTED, ImportProblem, import_pasted, read_pasted

FIXTURES = Path(__file__).parent / "fixtures" / "import"
# What a browser puts on the clipboard: the selection's elements with their styles written in,
# and the same notice as plain text beside it, where headings are lines like any other.
BROWSER_HTML = (FIXTURES / "pasted_browser.html").read_text(encoding="utf-8")
BROWSER_TEXT = (FIXTURES / "pasted_browser.txt").read_text(encoding="utf-8")
# What Word puts there: its own HTML, with list items as styled paragraphs whose bullet or number
# sits in a span Word marks to be ignored, wrapped in "<![if !supportLists]>".
WORD_HTML = (FIXTURES / "pasted_word.html").read_text(encoding="utf-8")


def sections(outline) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in outline.sections]


def test_pasted_html_keeps_the_headings_the_plain_text_loses() -> None:
    outline = import_pasted(BROWSER_TEXT, BROWSER_HTML)
    assert outline.format == "html" and outline.source_name == PASTED
    assert outline.title == "Beefarm Privacy Notice"
    assert sections(outline) == [
        (1, "Who we are"),
        (1, "What we collect"),
        (2, "From our couriers"),
        (1, "Your rights"),
    ]  # the date line under the title is taken out: the notice's date, offered for version 1
    assert outline.date_line == "Last updated: 4 May 2026" and outline.stated_date == "2026-05-04"
    assert "- your name and address\n- what you ordered" in outline.sections[1].body


def test_pasted_plain_text_is_read_as_copied_text() -> None:
    outline = import_pasted(BROWSER_TEXT)
    assert outline.format == "txt"
    titles = [title for _level, title in sections(outline)]
    assert {"Who we are", "Your rights"} <= set(titles)


def test_html_without_words_falls_back_to_the_plain_text() -> None:
    outline = import_pasted(BROWSER_TEXT, "<meta charset='utf-8'><img src='x.png'>")
    assert outline.format == "txt"
    assert "Who we are" in [title for _level, title in sections(outline)]


def test_word_html_lists_come_as_lists_without_words_leftovers() -> None:
    outline = import_pasted("", WORD_HTML)
    assert outline.title == "Beefarm Privacy Notice"
    assert [title for _level, title in sections(outline)] == ["Who we are", "What we collect", "How we use it"]
    collect, use = outline.sections[1].body, outline.sections[2].body
    assert collect == "- your name and address\n  - and the name on the doorbell\n- what you ordered"
    assert use.startswith("1. to send your honey\n2. to answer your questions")
    assert "We keep order records for six years." in use
    everything = "\n".join(s.body for s in outline.sections)
    for leftover in ("supportLists", "endif", "·", "&nbsp;", "Ignore"):
        assert leftover not in everything


@pytest.mark.parametrize(("text", "html"), [("", ""), ("  \n\t", " ")])
def test_nothing_to_paste_is_one_sentence(text: str, html: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        read_pasted(text, html)
    message = str(caught.value)
    assert message.startswith("There is nothing to paste;") and message.count(".") == 1


def test_a_fragment_that_starts_like_a_web_page_is_read_as_one_from_a_text_file(tmp_path: Path) -> None:
    from notice_studio.core.importer import import_file

    path = tmp_path / "copied.txt"
    path.write_text(BROWSER_HTML, encoding="utf-8")
    outline = import_file(path)
    assert outline.format == "html" and (2, "From our couriers") in sections(outline)


def _cli(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "notice_studio", "import", *args], input=stdin, capture_output=True, check=False
    )


def test_cli_reads_the_notice_from_standard_input(tmp_path: Path) -> None:
    folder = tmp_path / "beefarm"
    result = _cli(["-", str(folder), "--jurisdiction", "uk_gdpr"], BROWSER_HTML.encode("utf-8"))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr
    assert "Imported 'standard input' (a web page, utf-8) as 'Beefarm Privacy Notice'" in out
    assert "Sections found: 4 (3 sections, 1 sub-section)" in out
    assert git(folder, "log", "--format=%s").strip() == "Imported 'standard input'"


def test_cli_plain_text_from_standard_input(tmp_path: Path) -> None:
    result = _cli(["-", str(tmp_path / "x"), "--dry-run"], BROWSER_TEXT.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert "'standard input' (plain text, utf-8) would become" in result.stdout.decode("utf-8")


def test_cli_markdown_from_standard_input_keeps_its_headings(tmp_path: Path) -> None:
    markdown = (
        "# Beefarm Privacy Notice\n\n## 1. Who we are\n\nBeefarm Ltd keeps bees in Kent.\n\n"
        "## 2. What we collect\n\nNames of visitors.\n\n### 2.1 From school trips\n\nThe school's name.\n"
    )
    result = _cli(["-", str(tmp_path / "x"), "--dry-run"], markdown.encode("utf-8"))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr
    assert "'standard input' (Markdown, utf-8) would become 'Beefarm Privacy Notice'" in out
    assert "Sections found: 3 (2 sections, 1 sub-section)" in out and "#" not in out.split("Sections found")[1]


def test_cli_nothing_on_standard_input_is_one_sentence(tmp_path: Path) -> None:
    result = _cli(["-", str(tmp_path / "x")], b"  \n")
    err = result.stderr.decode("utf-8").strip()
    assert result.returncode == 1 and result.stdout == b""
    assert err.startswith("notice-studio: Nothing came in on standard input;") and "\n" not in err
    assert not (tmp_path / "x").exists()


def test_the_paste_benchmark_scores_the_clipboard_html_against_the_plain_text(tmp_path: Path) -> None:
    # A heading worded as a long sentence: plain text cannot tell it from a paragraph; HTML marks it.
    (tmp_path / "beefarm.md").write_text(
        "# Beefarm Privacy Notice\n\n## Who we are\n\nBeefarm Ltd keeps bees in Kent.\n\n"
        "## When you order honey from us on our website we use the details you give us in these ways\n\n"
        "We use them to send your order.\n\n## Your rights\n\nYou may ask for a copy of your data.\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(Path(__file__).parents[1] / "benchmarks" / "import_paste.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Mean heading F1 over 1 policy, pasted:"
    assert lines[1].split()[-1] == "1.000"  # with the HTML: all three headings
    assert lines[2].split()[-1] == "1.000"  # the whole page: its menus and banner are left out
    assert lines[3].split()[-1] == "0.800"  # as text: the sentence-long heading stays text
    assert lines[4].split()[-3:] == ["1", "/", "0"]


def test_google_docs_html_is_bold_only_where_the_text_is() -> None:
    # Google Docs wraps the whole copy in <b style="font-weight:normal"> and sets bold with a style.
    outline = import_pasted("", (FIXTURES / "pasted_gdocs.html").read_text(encoding="utf-8"))
    assert outline.title == "Beefarm Privacy Notice"
    assert sections(outline) == [(1, "Who we are"), (2, "What we collect"), (1, "Your rights")]
    assert outline.date_line == "Last updated: 4 May 2026"
    assert "We use them to send **your order**." in outline.sections[1].body


def test_a_google_docs_download_is_bold_where_its_style_sheet_says() -> None:
    from notice_studio.core.importer import import_file

    # Google Docs' "Download as web page" sets bold through a class in its own <style> sheet.
    outline = import_file(FIXTURES / "gdocs_download.html")
    assert sections(outline) == [(1, "Who we are"), (2, "What we collect"), (1, "Your rights")]

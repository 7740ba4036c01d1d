"""Exports: golden files for each text format, HTML validity, PDF and DOCX read back, the CLI.

Set UPDATE_GOLDEN=1 to rewrite tests/golden/ after an intended change, then review the diff.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import html5lib
import pytest
from docx import Document
from docx.oxml.ns import qn
from markdown_it import MarkdownIt
from notice_support import AUTHOR
from pypdf import PdfReader

from notice_studio.cli import main
from notice_studio.core.export.docx import notice_docx
from notice_studio.core.export.fragment import notice_fragment
from notice_studio.core.export.html_page import notice_page, page_html
from notice_studio.core.export.markdown import escape_markdown, notice_markdown_text
from notice_studio.core.export.text import notice_text
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.render.renderer import RenderOptions, render

GOLDEN = Path(__file__).parent / "golden"
NS = "{http://www.w3.org/1999/xhtml}"
PUBLISHED = RenderOptions(last_updated=dt.date(2026, 3, 1), version_label="v1")


def small_notice() -> Notice:
    """Five clauses, one nested, a table, a list, links, placeholders and cross-references."""
    notice = Notice(title="Acme Privacy Notice", organisation="Acme Ltd", language="en")
    notice.variables = {
        "organisation.name": "Acme Ltd",
        "contact.email": "privacy@acme.example",
        "retention.days": "30",
    }
    notice.tables["cookies"] = Table(
        ["Name", "Purpose", "Duration"],
        [
            ["session", "Keeps you signed in", "Until you close the browser"],
            ["prefs", "Remembers your *choices*", "1 year"],
        ],
    )
    notice.add(
        Clause(
            "about-us",
            "About us",
            '{{ organisation.name }} ("we") runs this website. This notice explains what we do with your '
            "information.\n\nIf anything is unclear, see [[contact]].",
        )
    )
    notice.add(
        Clause(
            "what-we-collect",
            "What we collect",
            "We collect:\n\n- your name and e-mail address;\n- how you use the site, through cookies (see [[cookies]]).\n\n"
            "We do **not** sell your information.",
        )
    )
    notice.add(Clause("cookies", "Cookies", "We use these cookies:\n\n[[table:cookies]]"), parent_id="what-we-collect")
    notice.add(
        Clause(
            "retention",
            "How long we keep it",
            "We keep account data for {{ retention.days }} days after you close your account, then delete it.\n\n"
            "1. We stop using it.\n2. We delete it from backups.",
        )
    )
    notice.add(
        Clause(
            "contact",
            "Contact us",
            "Write to [{{ contact.email }}](mailto:{{contact.email}}) or visit <https://acme.example/privacy>.",
        )
    )
    return notice


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it)"


def strict_parse(html: str):
    """Parse with html5lib in strict mode: any HTML parse error fails the test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(html)


# ----- golden files -----------------------------------------------------------------------------
def test_golden_html_page() -> None:
    check_golden("small.html", notice_page(render(small_notice(), PUBLISHED)))


def test_golden_fragment() -> None:
    check_golden("small.fragment.html", notice_fragment(render(small_notice(), PUBLISHED)))


def test_golden_markdown() -> None:
    check_golden("small.md", notice_markdown_text(small_notice(), PUBLISHED))


def test_golden_text() -> None:
    check_golden("small.txt", notice_text(render(small_notice(), PUBLISHED), width=72))


# ----- the standalone page ----------------------------------------------------------------------
def test_html_page_is_valid_accessible_and_self_contained() -> None:
    page = notice_page(render(small_notice(), PUBLISHED))
    assert page.startswith("<!DOCTYPE html>\n")
    doc = strict_parse(page)
    assert doc.get("lang") == "en"
    assert doc.find(f"{NS}head/{NS}title").text == "Acme Privacy Notice"
    assert doc.find(f"{NS}head/{NS}meta[@name='viewport']") is not None
    levels = [int(el.tag[-1]) for el in doc.iter() if re.fullmatch(re.escape(NS) + "h[1-6]", el.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level
    for table in doc.iter(NS + "table"):
        assert table.find(NS + "caption") is not None
        assert all(th.get("scope") == "col" for th in table.iter(NS + "th"))
    assert len(list(doc.iter(NS + "main"))) == 1 and len(list(doc.iter(NS + "nav"))) == 1
    # No script, no external assets: nothing with src, no stylesheet links, no url() in the CSS.
    assert not list(doc.iter(NS + "script")) and not list(doc.iter(NS + "link"))
    assert not [el for el in doc.iter() if el.get("src")]
    css = "".join(el.text or "" for el in doc.iter(NS + "style"))
    assert "@media print" in css and "prefers-color-scheme" in css and "@media (max-width" in css
    assert "url(" not in css and "@import" not in css
    assert "Content-Security-Policy" in page


def test_page_html_is_shared_with_the_redline_and_sanitizes_its_body() -> None:
    page = page_html(
        "Changes <x>", '<main><p onclick="x()">Hi<script>bad()</script></p></main>', "de", extra_css=".x{color:red}"
    )
    doc = strict_parse(page)
    assert doc.get("lang") == "de" and doc.find(f"{NS}head/{NS}title").text == "Changes <x>"
    assert len(list(doc.iter(NS + "main"))) == 1  # the body's own main is kept, not nested
    assert "onclick" not in page and "bad()" not in page
    assert ".x{color:red}" in page


# ----- fragment ---------------------------------------------------------------------------------
def test_fragment_has_no_page_chrome_and_namespaced_names() -> None:
    fragment = notice_fragment(render(small_notice(), PUBLISHED), bare=True)
    for tag in ("html", "head", "body", "style", "!DOCTYPE", "main", "script"):
        assert not re.search(f"<{tag}[\\s>]", fragment, flags=re.I)
    nodes = html5lib.parseFragment(fragment, namespaceHTMLElements=True)
    elements = list(nodes.iter())
    assert elements[1].tag == NS + "article"
    classes = {c for el in elements for c in (el.get("class") or "").split()}
    assert classes and all(c.startswith("ns-") for c in classes)
    assert all(el.get("id").startswith("ns-") for el in elements if el.get("id"))
    assert_only_target_size_styles(elements)


def assert_only_target_size_styles(elements: list) -> None:
    """Bare markup: the one style left makes each contents link a 24 px target (WCAG 2.2, 2.5.8)."""
    styled = [el for el in elements if el.get("style")]
    links = [el for el in elements if "ns-toc-link" in (el.get("class") or "")]
    assert links and styled == links
    assert all(el.get("style") == "display:inline-block;min-height:24px;padding:2px 0" for el in styled)


def test_fragment_carries_its_styles_unless_bare() -> None:
    notice = small_notice()
    notice.add(Clause("steps", "Steps", "1. Write to us.\n2. We reply."))
    styled = notice_fragment(render(notice, PUBLISHED))
    doc = html5lib.parseFragment(styled, namespaceHTMLElements=True)
    table = next(doc.iter(NS + "table"))
    assert "border-collapse:collapse" in table.get("style")
    assert all("position" not in (el.get("style") or "") for el in doc.iter())
    assert "<style" not in styled  # attributes survive CMSs that drop style elements
    # Pasted into a page without our CSS, the contents list shows "1. About", not "1. 1. About".
    toc = next(n for n in doc.iter(NS + "nav") if "ns-toc" in n.get("class"))
    lists = list(toc.iter(NS + "ol"))
    assert lists and all("list-style:none" in (ol.get("style") or "") for ol in lists)
    # A numbered list the clause itself contains keeps its numbers.
    body_lists = [ol for ol in doc.iter(NS + "ol") if ol not in lists]
    assert body_lists and all("list-style" not in (ol.get("style") or "") for ol in body_lists)
    bare = html5lib.parseFragment(notice_fragment(render(notice, PUBLISHED), bare=True), namespaceHTMLElements=True)
    assert_only_target_size_styles(list(bare.iter()))


def test_cli_fragment_is_styled_by_default_and_bare_on_request(repo, tmp_path) -> None:
    folder = str(repo.path)
    repo.close()
    out = tmp_path / "f.html"
    assert main(["export", folder, "--version", "draft", "--format", "fragment", "--out", str(out)]) == 0
    assert 'style="list-style:none' in out.read_text(encoding="utf-8")
    assert main(["export", folder, "--version", "draft", "--format", "fragment", "--bare", "--out", str(out)]) == 0
    bare = out.read_text(encoding="utf-8")
    assert "list-style" not in bare and bare.count("style=") == bare.count('class="ns-toc-link"') > 0


# ----- markdown and text ------------------------------------------------------------------------
def test_markdown_export_reads_back_as_the_same_notice() -> None:
    notice = small_notice()
    notice.variables["organisation.name"] = "*Acme* <b>Ltd</b> [x](y) {{ z }}"
    exported = notice_markdown_text(notice, PUBLISHED)
    html = MarkdownIt("js-default").enable("table").render(exported)
    assert "*Acme* &lt;b&gt;Ltd&lt;/b&gt; [x](y) {{ z }}" in html  # the value stays literal
    assert '<a href="#4-contact-us">section 4</a>' in html  # the id GitHub and GitLab give its heading
    assert '<a href="mailto:privacy@acme.example">privacy@acme.example</a>' in html
    assert "<th>Name</th>" in html and "<td>Remembers your <em>choices</em></td>" in html
    assert re.findall(r"^(#+) ", exported, flags=re.M) == ["#", "##", "##", "###", "##", "##"]
    assert escape_markdown("a|b_c") == "a\\|b\\_c"


def test_markdown_export_shifts_body_headings_and_keeps_code() -> None:
    notice = Notice(title="T")
    notice.variables = {"x": "X"}
    notice.add(Clause("a", "A", "# Inside\n\n```\n# not a heading {{ x }}\n```\n\n`{{ x }}` and {{ x }}"))
    exported = notice_markdown_text(notice)
    assert "\n### Inside\n" in exported
    assert "# not a heading {{ x }}" in exported
    assert "`{{ x }}` and X" in exported
    assert "*Draft \u2014 not published*" in exported


def test_text_export_wraps_and_keeps_hanging_indents() -> None:
    text = notice_text(render(small_notice(), PUBLISHED), width=40)
    lines = text.splitlines()
    assert lines[:3] == ["Acme Privacy Notice", "===================", "Last updated: 1 March 2026"]
    assert all(len(line) <= 40 for line in lines if " " in line.strip())
    index = next(i for i, line in enumerate(lines) if line.startswith("- how you use the site"))
    assert lines[index + 1].startswith("  (see section")  # continuation indented under the marker
    assert notice_text(render(small_notice(), PUBLISHED), width=0).count("\n") < text.count("\n")


# ----- DOCX -------------------------------------------------------------------------------------
def test_docx_reopens_with_headings_lists_tables_and_links() -> None:
    data = notice_docx(render(small_notice(), PUBLISHED))
    doc = Document(io.BytesIO(data))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        ("Title", "Acme Privacy Notice"),
        ("Heading 1", "1. About us"),
        ("Heading 1", "2. What we collect"),
        ("Heading 2", "2.1 Cookies"),
        ("Heading 1", "3. How long we keep it"),
        ("Heading 1", "4. Contact us"),
    ]
    assert doc.core_properties.title == "Acme Privacy Notice" and doc.core_properties.language == "en"
    styles = [p.style.name for p in doc.paragraphs]
    assert styles.count("List Bullet") == 2 and styles.count("List Number") == 2
    # Tables are Word tables with a repeating header row and a caption.
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Name", "Purpose", "Duration"]
    assert table.rows[2].cells[1].text == "Remembers your choices"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert "Caption" in styles
    # Links: external ones through relationships, cross-references to heading bookmarks.
    body = doc.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert {"ns_about_us", "ns_what_we_collect", "ns_cookies", "ns_retention", "ns_contact"} <= bookmarks
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]
    assert anchors == ["ns_contact", "ns_cookies"]
    external = {doc.part.rels[h.get(qn("r:id"))].target_ref for h in body.iter(qn("w:hyperlink")) if h.get(qn("r:id"))}
    assert external == {"mailto:privacy@acme.example", "https://acme.example/privacy"}


def test_docx_numbered_lists_restart() -> None:
    notice = Notice()
    notice.add(Clause("a", "A", "1. one\n2. two\n\nText.\n\n1. again\n2. more\n\nMore text.\n\n5. five\n6. six"))
    doc = Document(io.BytesIO(notice_docx(render(notice))))
    num_ids = []
    for p in doc.paragraphs:
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if p.style.name == "List Number" and num_pr is not None:
            num_ids.append(num_pr.numId.val)
    assert len(num_ids) == 6 and len(set(num_ids)) == 3
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    starts = [
        numbering.num_having_numId(n).find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val"))
        for n in dict.fromkeys(num_ids)
    ]
    assert starts == ["1", "1", "5"]


# ----- PDF --------------------------------------------------------------------------------------
def _text(reader: PdfReader, page: int) -> str:
    return re.sub(r"\s+", "", reader.pages[page].extract_text())


def test_pdf_has_selectable_text_page_numbers_and_bookmarks(qapp) -> None:
    from notice_studio.qt_export.pdf import notice_pdf

    notice = small_notice()
    for i in range(25):  # long enough for several pages
        notice.add(Clause(f"extra-{i}", f"Extra {i}", "Lorem ipsum dolor sit amet. " * 40))
    rendered = render(notice, PUBLISHED)
    reader = PdfReader(io.BytesIO(notice_pdf(rendered)))
    pages = len(reader.pages)
    assert pages >= 3
    first = _text(reader, 0)
    assert "AcmePrivacyNotice" in first and "Lastupdated:1March2026" in first
    everything = "".join(_text(reader, i) for i in range(pages))
    assert "Weuse these cookies:".replace(" ", "") in everything and "Keepsyousignedin" in everything
    assert "privacy@acme.example" in everything
    for i in range(pages):
        assert _text(reader, i).endswith(str(i + 1))  # the page number at the foot
    outline = reader.outline
    top = [item["/Title"] for item in outline if not isinstance(item, list)]
    assert top[:3] == ["1. About us", "2. What we collect", "3. How long we keep it"]
    assert outline[2] and outline[2][0]["/Title"] == "2.1 Cookies"
    assert reader.metadata.title == "Acme Privacy Notice"
    page_of = [reader.get_destination_page_number(item) for item in outline if not isinstance(item, list)]
    assert page_of == sorted(page_of) and page_of[-1] > 0


def test_pdf_export_keeps_none_alive(qapp) -> None:
    """PySide6 6.12's QPainter bindings drop a reference to None per call on CPython 3.11.

    The export must not make those calls, or big notices end in "deallocating None".
    """
    from notice_studio.qt_export.pdf import notice_pdf

    rendered = render(small_notice(), PUBLISHED)
    notice_pdf(rendered)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(5):
        notice_pdf(rendered)
    gc.collect()
    assert sys.getrefcount(None) >= before


# ----- the command line -------------------------------------------------------------------------
@pytest.fixture
def published(tmp_path: Path):
    """A notice folder with v1 published (effective 2026-03-01) and a later draft edit."""
    folder = tmp_path / "acme"
    with NoticeRepo.create(folder, small_notice(), AUTHOR) as repo:
        repo.publish(dt.date(2026, 3, 1), "First version.", True, "Jane Counsel", AUTHOR)
        notice = repo.load()
        notice.set_body("about-us", "Draft wording that was never published.")
        notice.variables.pop("retention.days")
        repo.save(notice, "Edited 'About us'", AUTHOR)
    return folder


@pytest.mark.parametrize(
    "fmt, suffix", [("html", "html"), ("fragment", "html"), ("md", "md"), ("txt", "txt"), ("docx", "docx")]
)
def test_cli_exports_a_published_version_exactly_as_published(
    published: Path, tmp_path: Path, fmt: str, suffix: str, capsys
) -> None:
    out = tmp_path / f"v1.{suffix}"
    assert main(["export", str(published), "--version", "v1", "--format", fmt, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # v1 has every placeholder filled
    assert "Wrote v1 as" in captured.out
    with NoticeRepo.open(published) as repo:
        v1 = repo.notice_at("v1")
    expected_render = render(v1, PUBLISHED)
    if fmt == "html":
        assert out.read_text(encoding="utf-8") == notice_page(expected_render)
    elif fmt == "fragment":
        assert out.read_text(encoding="utf-8") == notice_fragment(expected_render)
    elif fmt == "md":
        assert out.read_text(encoding="utf-8") == notice_markdown_text(v1, PUBLISHED)
    elif fmt == "txt":
        assert out.read_text(encoding="utf-8") == notice_text(expected_render)
    else:
        text = "\n".join(p.text for p in Document(str(out)).paragraphs)
        assert "Last updated: 1 March 2026" in text and "never published" not in text


def test_cli_exports_the_draft_with_a_warning_for_unfilled_placeholders(
    published: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "draft.txt"
    assert main(["export", str(published), "--version", "draft", "--format", "txt", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 2
    assert "note: This exports the unpublished draft, not the published version v1" in captured.err
    assert "warning: 1 placeholder is unfilled (retention.days)" in captured.err
    text = out.read_text(encoding="utf-8")
    assert "Draft \u2014 not published" in text and "[retention.days]" in text and "never published" in text


def test_cli_export_to_stdout_and_refusals(published: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", str(published), "--version", "v1", "--format", "md", "--out", "-"]) == 0
    assert capsys.readouterr().out.startswith("# Acme Privacy Notice\n")
    assert main(["export", str(published), "--format", "pdf", "--out", "-"]) == 1
    assert "cannot be printed" in capsys.readouterr().err
    assert (
        main(["export", str(published), "--version", "v9", "--format", "html", "--out", str(tmp_path / "x.html")]) == 1
    )
    err = capsys.readouterr().err
    assert "There is no published version 'v9'" in err and "Traceback" not in err
    assert main(["export", str(published), "--format", "html", "--out", str(tmp_path / "no" / "x.html")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", str(published), "--format", "rtf", "--out", str(tmp_path / "x.rtf")]) == 2


def test_cli_exports_a_saved_edit_as_a_draft(published: Path, tmp_path: Path, capsys) -> None:
    with NoticeRepo.open(published) as repo:
        first_edit = repo.edits()[-1].commit
    out = tmp_path / "old.txt"
    assert main(["export", str(published), "--version", first_edit, "--format", "txt", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Draft \u2014 not published" in text and "never published" not in text


def test_cli_exports_pdf(published: Path, tmp_path: Path, qapp, capsys) -> None:
    out = tmp_path / "v1.pdf"
    assert main(["export", str(published), "--version", "v1", "--format", "pdf", "--out", str(out)]) == 0
    reader = PdfReader(str(out))
    assert "AcmePrivacyNotice" in _text(reader, 0)


def test_cli_export_defaults_to_the_latest_published_version(published: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "notice.txt"
    assert main(["export", str(published), "--format", "txt", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Wrote v1 as plain text" in captured.out and captured.err == ""
    text = out.read_text(encoding="utf-8")
    assert "Last updated: 1 March 2026" in text and "never published" not in text


def test_cli_export_refuses_to_guess_when_nothing_is_published(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "fresh"
    with NoticeRepo.create(folder, small_notice(), AUTHOR):
        pass
    assert main(["export", str(folder), "--format", "txt", "--out", str(tmp_path / "x.txt")]) == 1
    err = capsys.readouterr().err
    assert "Nothing is published yet" in err and "--version draft" in err and "Traceback" not in err
    assert not (tmp_path / "x.txt").exists()


def test_pdf_headings_keep_with_their_text(qapp) -> None:
    from notice_studio.qt_export.pdf import notice_pdf

    notice = Notice(title="Long notice")
    for i in range(40):  # uneven lengths so some headings would fall at the foot of a page
        words = "Words for readers to read here. " * (2 + (i * 9) % 19)
        notice.add(Clause(f"part-{i}", f"Part {i}", f"Opening{i} {words}"))
    rendered = render(notice, PUBLISHED)
    reader = PdfReader(io.BytesIO(notice_pdf(rendered)))
    texts = [_text(reader, n) for n in range(len(reader.pages))]
    assert len(texts) >= 5
    for i in range(40):  # the heading and the first words of its text on one page
        assert any(f"{i + 1}.Part{i}Opening{i}" in text for text in texts), f"heading {i} is apart from its text"
    # Each bookmark opens the page its heading is on, also for headings moved to the next page.
    assert len(reader.outline) == 40
    for i, item in enumerate(reader.outline):
        page = reader.get_destination_page_number(item)
        assert f"{i + 1}.Part{i}Opening{i}" in texts[page], (i, page)
        assert item.top is None or float(item.top) > 100  # not the foot of the page before


def test_pdf_keep_together_moves_headings_that_would_end_a_page(qapp) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter, QTextDocument

    from notice_studio.qt_export.pdf import keep_headings_with_text

    html = "".join(f"<h2>Heading {i}</h2><p>{'Text of the section. ' * (3 + i % 11)}</p>" for i in range(60))
    doc = QTextDocument()
    doc.setHtml(html)
    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    assert keep_headings_with_text(doc, writer) >= 1


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    """A greyscale page as pdftoppm writes it (binary PGM: 'P5', width, height, 255, pixels)."""
    data = path.read_bytes()
    magic, width, height, _top, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    return int(width), int(height), pixels


LONG_TOKEN = "a8f3c9e1b7d24f6a" * 9  # a URL's token of 144 characters, no place to break


WORD_60 = "Kundenzufriedenheitsbefragungsauswertungsverantwortlichkeite"  # 60 letters, one word


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) draws the page to look at")
def test_pdf_breaks_a_word_wider_than_the_page_instead_of_cutting_it_off(qapp, tmp_path: Path) -> None:
    """A long URL token and a 1,000-character word used to run past the right edge of the page;
    then they were broken with zero-width spaces, which were copied out with the text. Now the
    text copied from the PDF is the notice's own: only line ends between the pieces."""
    from notice_studio.qt_export.pdf import notice_pdf

    assert len(WORD_60) == 60
    notice = Notice(title="Long words")
    body = (
        f"Opt out at https://optout.example/u?token={LONG_TOKEN} today.\n\n"
        + "x" * 1000
        + f" end.\n\n## {WORD_60}\n\n- A {WORD_60 * 2} item."
    )
    notice.add(Clause("opt-out", "Opt-out link", body))
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(notice_pdf(render(notice, PUBLISHED)))
    subprocess.run(
        ["pdftoppm", "-r", "60", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    width, height, pixels = read_pgm(next(tmp_path.glob("page*.pgm")))
    margin = range(int(width * 190 / 210), width)  # the page's last 20 mm, right of the text
    inked = [x for x in margin for y in range(height) if pixels[y * width + x] < 128]
    assert inked == [], f"{len(inked)} dark pixels in the right margin: text runs off the page"
    copied = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "\u200b" not in copied, copied
    joined = copied.replace("\n", "")  # a line end is all that stands between the pieces
    assert f"token={LONG_TOKEN} today." in joined and "x" * 1000 + " end." in joined  # nothing lost
    assert WORD_60 in joined and WORD_60 * 2 + "item." in joined  # (a line end at a space drops it)


def test_pdf_table_cells_wrap_at_word_boundaries(qapp) -> None:
    from notice_studio.qt_export.pdf import notice_pdf

    notice = Notice(title="Cookies")
    header = "| " + " | ".join(f"Column{c}" for c in range(7)) + " |\n|" + "---|" * 7 + "\n"
    row = "| " + " | ".join("Authentication remembers preferences" for _ in range(7)) + " |\n"
    notice.add(Clause("cookies", "Cookies", header + row * 3))
    reader = PdfReader(io.BytesIO(notice_pdf(render(notice, PUBLISHED))))
    text = " ".join(page.extract_text() for page in reader.pages)
    words = re.findall(r"[A-Za-z]+", text)
    pieces = [w for w in words if w in ("Authentication", "remembers", "preferences")]
    assert len(pieces) == 3 * 7 * 3  # every word whole: none broken across lines
    assert "Column6" in text  # the widest column still on the page (the table's type was set smaller)


# ----- letters no font here can show -----------------------------------------------------------
CJK_LINE = "会员资料保存两年。会員情報は二年間保管します。회원 정보는 2년간 보관합니다."  # our own wording


@pytest.fixture
def no_cjk_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The font lookup finds only the PDF's own font, which has no Chinese, Japanese or Korean."""
    from notice_studio.qt_export import fonts

    monkeypatch.setattr(fonts, "font_families", lambda: [fonts.PDF_FONT])


def test_pdf_export_warns_of_letters_no_font_can_show(qapp, no_cjk_fonts, tmp_path: Path, capsys) -> None:
    """Boxes in place of Chinese, Japanese or Korean text are named in one sentence, from core,
    to the command line (stderr) and to the app's export job alike; Latin text with accents is fine."""
    import notice_studio.qt_export  # noqa: F401 - registers the PDF exporter
    from notice_studio.core.export.formats import export_content
    from notice_studio.ui.export.export_jobs import file_job

    latin = Notice(title="Déclaration de confidentialité")
    latin.add(Clause("members", "Données des membres", "Nous conservons les données « deux ans » — à Zürich."))
    assert export_content(latin, PUBLISHED, "pdf").warnings == ()

    notice = copy_with_line(latin)
    warnings = export_content(notice, PUBLISHED, "pdf").warnings
    assert len(warnings) == 1
    (sentence,) = warnings
    assert sentence.startswith("The PDF shows ") and "(会, 员, 资, …) as empty boxes" in sentence
    assert "fonts-noto-cjk" in sentence and sentence.count(". ") == 0 and sentence.endswith("export again.")

    result = file_job(notice, PUBLISHED, "pdf", tmp_path / "job.pdf", False, lambda *a: None, threading.Event())()
    assert result.warnings == warnings

    folder = tmp_path / "acme"
    with NoticeRepo.create(folder, notice, AUTHOR):
        pass
    out = tmp_path / "cli.pdf"
    assert main(["export", str(folder), "--version", "draft", "--format", "pdf", "--out", str(out)]) == 0
    assert f"notice-studio: warning: {sentence}\n" in capsys.readouterr().err


def copy_with_line(notice: Notice) -> Notice:
    import copy

    other = copy.deepcopy(notice)
    other.set_body("members", other.find("members").body + "\n\n" + CJK_LINE)
    return other


def test_pdf_text_copies_out_with_spaces_and_plain_letters(qapp) -> None:
    """Qt mapped the space glyph back to a tab and ligatures to U+FB00-FB06: copied out, every
    space was a tab and 'effect' read 'e\ufb00ect', which search does not find."""
    from notice_studio.qt_export.pdf import notice_pdf

    notice = Notice(title="Effective from today")
    notice.add(Clause("office", "Our office", "The official flow of affluent staff is effortless."))
    reader = PdfReader(io.BytesIO(notice_pdf(render(notice, PUBLISHED))))
    copied = "".join(page.extract_text() for page in reader.pages)
    assert "\t" not in copied and not re.search("[\ufb00-\ufb06]", copied), repr(copied)
    assert "official flow of affluent staff is effortless." in copied  # (pypdf splits 'T|he' at the kerning)


def test_only_the_text_side_of_a_glyph_map_is_rewritten() -> None:
    from notice_studio.qt_export.pdf_text import readable_to_unicode

    cmap = (
        b"2 beginbfchar\n<0009> <0041>\n<000A> <0009>\nendbfchar\n"
        b"2 beginbfrange\n<0001> <0003> [<0009> <FB01> <0062>]\n<0004> <0004> <fb00>\n"
        b"<0005> <0006> <0009>\nendbfrange\n"
    )
    assert readable_to_unicode(cmap) == (
        b"2 beginbfchar\n<0009> <0041>\n<000A> <0020>\nendbfchar\n"
        b"2 beginbfrange\n<0001> <0003> [<0020> <00660069> <0062>]\n<0004> <0004> <00660066>\n"
        b"<0005> <0006> <0009>\nendbfrange\n"
    )


def test_the_font_check_answers_the_same_after_the_thread_that_asked_first_has_ended(qapp) -> None:
    """Qt keeps a font cache per thread: a raw font kept from an export thread that had ended said
    DejaVu Sans lacked the em dash, so the app's next PDF export warned of boxes that were not there."""
    from notice_studio.qt_export import fonts

    asked: list[list[str]] = []
    for _ in range(3):
        worker = threading.Thread(target=lambda: asked.append(fonts.missing_characters("— é ü", [fonts.PDF_FONT])))
        worker.start()
        worker.join()
        asked.append(fonts.missing_characters("— é ü", [fonts.PDF_FONT]))
    assert asked == [[]] * 6

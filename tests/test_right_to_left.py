"""A notice in a right-to-left language exports right to left (found by the bug bash's Arabic notice):
the page says lang and dir, Word's paragraphs, runs and tables are marked right to left (and
LibreOffice reads them so), and the PDF (which Qt lays out from the page's dir) starts each line at
the right, even one that begins with a Latin word, its table headings too. A left-to-right notice is
left as it was."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from notice_support import NO_SOFFICE, SOFFICE, libreoffice_convert

from notice_studio.core.diff.notices import diff_notices
from notice_studio.core.export.formats import export_content
from notice_studio.core.export.redline_docx import redline_docx_bytes
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.render.renderer import RenderOptions

# Our own sentences: "Lantern is the company that collects your data." and "What we collect".
LATIN_FIRST = "Lantern هي الشركة التي تجمع بياناتك."


def arabic_notice(language: str = "ar") -> Notice:
    notice = Notice(title="إشعار الخصوصية", organisation="Lantern", language=language, jurisdictions=["gdpr"])
    notice.add(Clause("who-we-are", "من نحن", LATIN_FIRST))
    notice.add(Clause("what-we-collect", "ما نجمعه", "نجمع ما يلي:\n\n[[table:data]]"))
    notice.tables["data"] = Table(["الفئة", "أمثلة"], [["الاسم", "الاسم الأول والأخير"]])
    return notice


def _docx(notice: Notice) -> bytes:
    content = export_content(notice, RenderOptions(), "docx").content
    assert isinstance(content, bytes)
    return content


def test_the_web_page_says_the_language_and_its_direction() -> None:
    page = str(export_content(arabic_notice(), RenderOptions(), "html").content)
    assert re.search(r'<html lang="ar" dir="rtl"', page)
    german = str(export_content(arabic_notice("de"), RenderOptions(), "html").content)
    assert re.search(r'<html lang="de" dir="ltr"', german)


def test_word_marks_paragraphs_runs_and_tables_right_to_left() -> None:
    document = Document(io.BytesIO(_docx(arabic_notice())))
    body = document.element.body
    paragraphs = list(body.iter(qn("w:p")))
    runs = list(body.iter(qn("w:r")))
    assert paragraphs and all(p.pPr is not None and p.pPr.find(qn("w:bidi")) is not None for p in paragraphs)
    assert runs and all(r.rPr is not None and r.rPr.find(qn("w:rtl")) is not None for r in runs)
    assert {r.rPr.find(qn("w:lang")).get(qn("w:bidi")) for r in runs} == {"ar"}
    [table] = document.tables
    assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    assert body.find(qn("w:sectPr")).find(qn("w:bidi")) is not None


def test_word_leaves_a_left_to_right_notice_alone() -> None:
    body = Document(io.BytesIO(_docx(arabic_notice("de")))).element.body
    assert not [e for tag in ("w:bidi", "w:rtl", "w:bidiVisual") for e in body.iter(qn(tag))]


def test_the_word_redline_marks_the_clauses_not_its_english_summary() -> None:
    old = arabic_notice()
    new = arabic_notice()
    new.find("who-we-are").body = LATIN_FIRST + " نحميها."
    document = Document(io.BytesIO(redline_docx_bytes(old, new, diff=diff_notices(old, new))))
    first = document.paragraphs[0]
    assert first.text.startswith("Changes to") and first._p.pPr.find(qn("w:bidi")) is None
    marked = [p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None]
    assert any("نحن" in text for text in marked) and not any(text.startswith("Changes to") for text in marked)


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_opens_the_word_file_and_reads_it_right_to_left(tmp_path: Path) -> None:
    source = tmp_path / "notice.docx"
    source.write_bytes(_docx(arabic_notice()))
    result = libreoffice_convert(source, "fodt", tmp_path)
    assert result.returncode == 0, result.stderr
    flat = (tmp_path / "notice.fodt").read_text("utf-8")
    assert "الاسم الأول والأخير" in flat and "Lantern هي الشركة" in flat
    assert 'style:writing-mode="rl-tb"' in flat


def _word_boxes(pdf: Path) -> list[tuple[str, float]]:
    """(word, its left edge in points) for each word of the PDF's first page (pdftotext -bbox)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [(word, float(x)) for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', html)]


def test_the_pdf_starts_a_line_that_begins_in_latin_at_the_right(qapp, tmp_path: Path) -> None:
    from notice_studio.core.render.renderer import render
    from notice_studio.qt_export.pdf import notice_pdf

    for language, at_the_right in (("ar", True), ("de", False)):
        pdf = tmp_path / f"{language}.pdf"
        pdf.write_bytes(notice_pdf(render(arabic_notice(language), RenderOptions()), "A4"))
        [left] = [x for word, x in _word_boxes(pdf) if word == "Lantern"][-1:]
        assert (left > 595 / 2) is at_the_right, (language, left)


def test_the_pdf_sets_table_headings_where_the_cells_text_starts(qapp) -> None:
    from notice_studio.core.render.renderer import render
    from notice_studio.qt_export.pdf import qt_html

    arabic = qt_html(render(arabic_notice(), RenderOptions()))
    german = qt_html(render(arabic_notice("de"), RenderOptions()))
    assert arabic.count('<th align="right"') == 2 and '<th align="left"' not in arabic
    assert german.count('<th align="left"') == 2


def test_the_html_redline_keeps_its_english_frame_left_to_right_and_marks_the_clauses() -> None:
    from notice_studio.core.export.redline import redline_html

    old, new = arabic_notice(), arabic_notice()
    new.find("who-we-are").body = LATIN_FIRST + " نحميها."
    page = redline_html(old, new)
    assert re.search(r'<html lang="en" dir="ltr"', page)
    assert re.search(r'<div class="redline-text" lang="ar" dir="rtl">[^<]*<p>Lantern', page)
    assert '<span lang="ar" dir="rtl">من نحن</span>' in page
    english = redline_html(arabic_notice("en"), arabic_notice("en"))
    assert 'dir="rtl"' not in english and '<div class="redline-text">' in english

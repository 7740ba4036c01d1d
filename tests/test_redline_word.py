"""The tracked-change Word redline: Accept All gives the new version, Reject All the old one,
and LibreOffice opens it (converted to PDF headless)."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from notice_support import NO_SOFFICE, SOFFICE, libreoffice_convert
from word_edits import resolved_paragraphs, revision_texts

from notice_studio.core.export.redline_docx import redline_docx
from notice_studio.core.notice.model import Clause, Notice, Table


def versions() -> tuple[Notice, Notice]:
    old = Notice(title="Privacy Notice")
    old.variables["organisation.name"] = "Acme Ltd"
    old.add(Clause("intro", "Introduction", "**{{ organisation.name }}** explains how it uses data. See [[rights]]."))
    old.add(Clause("retention", "Retention", "We keep data for 30 days.\n\nBackups last longer."))
    old.add(
        Clause(
            "rights", "Your rights", "You may:\n\n- access your data;\n- delete it.\n\n1. Write to us.\n2. We reply."
        )
    )
    old.add(Clause("children", "Children", "Not for *children* under 16."))
    old.add(Clause("cookies", "Cookies", "We use these cookies:\n\n[[table:cookies]]"))
    old.tables["cookies"] = Table(["Name", "Purpose"], [["sid", "Session"]])
    new = copy.deepcopy(old)
    new.set_body("retention", "We keep data for 45 days.")
    new.set_body(
        "rights", "You may:\n\n- access your data;\n- correct it;\n- delete it.\n\n1. Write to us.\n2. We reply."
    )
    new.move("children", None, 0)
    new.add(Clause("contact", "Contact", "Email us, see [[retention]]."))
    return old, new


def clause_paragraphs(document, accept: bool, first: str) -> list[str]:
    paragraphs = resolved_paragraphs(document, accept)
    return paragraphs[paragraphs.index(first, 5) :]


def test_accept_all_gives_the_new_version_and_reject_all_the_old(tmp_path: Path) -> None:
    old, new = versions()
    redline_docx(old, new, tmp_path / "r.docx", author="Jane Counsel")
    redline_docx(new, copy.deepcopy(new), tmp_path / "new.docx")
    redline_docx(old, copy.deepcopy(old), tmp_path / "old.docx")
    changed = Document(str(tmp_path / "r.docx"))
    new_text = clause_paragraphs(Document(str(tmp_path / "new.docx")), True, "1 Children")
    old_text = clause_paragraphs(Document(str(tmp_path / "old.docx")), True, "1 Introduction")
    assert clause_paragraphs(changed, True, "1 Children") == new_text

    def unnumbered(lines: list[str]) -> list[str]:  # headings keep their new numbers until accepted
        return [re.sub(r"^\d+ ", "", line) for line in lines]

    assert unnumbered(clause_paragraphs(changed, False, "2 Introduction")) == unnumbered(old_text)
    assert "See section 4." in " ".join(new_text)  # references read "section N", never [[id]]
    assert not any("[[" in line or "**" in line or "\u2022" in line for line in new_text)


def test_revisions_carry_author_and_date(tmp_path: Path) -> None:
    old, new = versions()
    redline_docx(old, new, tmp_path / "r.docx", author="Jane Counsel")
    document = Document(str(tmp_path / "r.docx"))
    body = document.element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    marks = [e for tag in ("ins", "del", "moveFrom", "moveTo") for e in body.iter(f"{w}{tag}")]
    assert marks and all(e.get(f"{w}author") == "Jane Counsel" and e.get(f"{w}date") for e in marks)
    ids = [e.get(f"{w}id") for e in marks]
    assert len(ids) == len(set(ids))
    starts = list(body.iter(f"{w}moveFromRangeStart")), list(body.iter(f"{w}moveToRangeStart"))
    assert [s.get(f"{w}name") for s in starts[0]] == [s.get(f"{w}name") for s in starts[1]] == ["ns_move_1"]
    assert ("Jane Counsel", "correct it;") in revision_texts(document, "ins")
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(bullets) >= 3 and len(numbered) == 2
    assert any(r.bold for p in document.paragraphs for r in p.runs if r.text == "Acme Ltd")
    links = [h for h in body.iter(f"{w}hyperlink") if h.get(f"{w}anchor")]
    assert {h.get(f"{w}anchor") for h in links} >= {"ns_rights", "ns_retention"}


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_opens_the_redline(tmp_path: Path) -> None:
    old, new = versions()
    text = _opened_by_libreoffice(old, new, tmp_path)
    if text is not None:
        assert "Changes to Privacy Notice" in text and "correct it;" in text
        assert "[[" not in text and "**" not in text


def _opened_by_libreoffice(old: Notice, new: Notice, tmp_path: Path) -> str | None:
    """Write the redline, convert it to PDF with LibreOffice headless; the PDF's text (None
    when pdftotext is missing)."""
    redline_docx(old, new, tmp_path / "redline.docx", author="Jane Counsel")
    result = libreoffice_convert(tmp_path / "redline.docx", "pdf", tmp_path)
    pdf = tmp_path / "redline.pdf"
    assert pdf.exists(), result.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if not shutil.which("pdftotext"):
        return None
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


_COOKIE_COLUMNS = ["Name", "Purpose", "Duration"]
_SIGNED_IN = ["sid", "Keeps you signed in", "1 day"]


def _cookie_versions() -> tuple[Notice, Notice]:
    """A cookie's duration 13 -> 25 months, the 'old' cookie removed and 'lang' added."""
    old = Notice(title="Privacy Notice")
    old.add(Clause("cookies", "Cookies", "Our cookies:\n\n[[table:cookies]]"))
    old.tables["cookies"] = Table(
        _COOKIE_COLUMNS, [_SIGNED_IN, ["visits", "Counts visits", "13 months"], ["old", "Unused", "1 week"]]
    )
    new = copy.deepcopy(old)
    new.tables["cookies"].rows = [_SIGNED_IN, ["visits", "Counts visits", "25 months"], ["lang", "Language", "1 year"]]
    return old, new


def test_table_changes_are_tracked_in_the_cells(tmp_path: Path) -> None:
    """A cookie's duration 13 -> 25 months is a deletion and an insertion in its cell; an added
    row is a tracked row insertion, a removed one a tracked row deletion."""
    old, new = _cookie_versions()
    redline_docx(old, new, tmp_path / "r.docx", author="Jane Counsel")
    document = Document(str(tmp_path / "r.docx"))
    (table,) = document.tables
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    deleted = revision_texts(document, "del")
    inserted = revision_texts(document, "ins")
    assert ("Jane Counsel", "13 months") in deleted and ("Jane Counsel", "25 months") in inserted
    assert ("Jane Counsel", "1 day") not in deleted + inserted  # unchanged cells are plain
    rows = {row.cells[0]._tc.xpath("string(.)"): row._tr for row in table.rows}
    assert rows["lang"].find(f"{w}trPr/{w}ins") is not None and ("Jane Counsel", "Language") in inserted
    assert rows["old"].find(f"{w}trPr/{w}del") is not None and ("Jane Counsel", "Unused") in deleted
    assert rows["sid"].find(f"{w}trPr/{w}ins") is None and rows["sid"].find(f"{w}trPr/{w}del") is None
    assert list(rows) == ["Name", "sid", "visits", "old", "lang"]  # a removed row stays where it was


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_opens_a_redline_with_table_changes(tmp_path: Path) -> None:
    text = _opened_by_libreoffice(*_cookie_versions(), tmp_path)
    if text is not None:
        assert "25 months" in text and "13 months" in text  # the redline shows both

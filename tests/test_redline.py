"""Redline exports (HTML page, Word file) and `notice-studio diff`."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path

import html5lib
import pytest
from docx import Document
from word_edits import resolved_paragraphs, revision_texts

from notice_studio.cli import main
from notice_studio.core.diff.notices import diff_notices
from notice_studio.core.export.redline import anchor_id, redline_html
from notice_studio.core.export.redline_docx import redline_docx, redline_docx_bytes
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.notice.store import Author, NoticeRepo

AUTHOR = Author("Jane Counsel", "jane@example.com")  # as in tests/conftest.py

NS = "{http://www.w3.org/1999/xhtml}"
HOSTILE = '<script>alert("x")</script> <img src=x onerror="alert(1)"> [click](javascript:alert(2)) <a href="javascript:alert(3)">a</a>'


def pair() -> tuple[Notice, Notice]:
    old = Notice(title="Privacy Notice")
    old.variables = {"organisation.name": "Acme Ltd"}
    old.add(Clause("intro", "Introduction", "{{ organisation.name }} explains how it uses data."))
    old.add(Clause("retention", "Retention", "We keep data for 30 days.\n\nThen we delete it."))
    old.add(Clause("children", "Children", "Not for children under 16."))
    old.add(Clause("old-section", "Old section", "Going away."))
    old.tables["cookies"] = Table(["Name", "Purpose"], [["sid", "Session"]])
    new = copy.deepcopy(old)
    new.variables["organisation.name"] = "Acme Group"
    new.set_body("retention", "We keep data for 45 days.\n\nThen we delete it.")
    new.move("children", None, 0)
    new.remove("old-section")
    new.add(Clause("hostile", "Evil <b>title</b>", HOSTILE))
    new.tables["cookies"].rows.append(["_ga", "Analytics"])
    return old, new


def parse(page: str):
    return html5lib.parse(page)


def text_of(element) -> str:
    return "".join(element.itertext())


def test_redline_marks_insertions_and_deletions_accessibly() -> None:
    old, new = pair()
    doc = parse(redline_html(old, new, old_label="version 1", new_label="the draft"))
    section = doc.find(f".//{NS}section[@id='{anchor_id('retention')}']")
    assert section is not None
    (deleted,) = section.iter(f"{NS}del")
    (inserted,) = section.iter(f"{NS}ins")
    assert text_of(deleted) == "deleted: 30 (end of deletion)"
    assert text_of(inserted) == "inserted: 45 (end of insertion)"
    hidden = [s for s in inserted.iter(f"{NS}span") if s.get("class") == "visually-hidden"]
    assert [text_of(s) for s in hidden] == ["inserted: ", " (end of insertion)"]
    body = section.find(f".//{NS}div[@class='redline-text']")
    assert [text_of(p) for p in body.iter(f"{NS}p")][1] == "Then we delete it."  # paragraphs kept
    title = doc.find(f".//{NS}h1")
    assert text_of(title) == "Changes to Privacy Notice"
    assert "version 1" in text_of(doc.find(f".//{NS}header"))


def test_summary_links_to_each_change() -> None:
    old, new = pair()
    doc = parse(redline_html(old, new))
    nav = doc.find(f".//{NS}nav")
    links = [a.get("href") for a in nav.iter(f"{NS}a")]
    ids = {e.get("id") for e in doc.iter() if e.get("id")}
    assert links[:5] == [
        "#change-children",
        "#change-intro",
        "#change-retention",
        "#change-old-section",
        "#change-hostile",
    ]
    assert "#redline-values" in links and "#redline-tables" in links
    assert all(link[1:] in ids for link in links)


def test_moved_removed_and_added_sections_are_marked() -> None:
    old, new = pair()
    doc = parse(redline_html(old, new))
    moved = doc.find(f".//{NS}section[@id='change-children']")
    assert "redline-moved" in moved.get("class")
    assert "Moved from section 3 to section 1." in text_of(moved)
    removed = doc.find(f".//{NS}section[@id='change-old-section']")
    assert "redline-removed" in removed.get("class") and "Removed (it was section 4)." in text_of(removed)
    assert text_of(next(removed.iter(f"{NS}del"))).startswith("deleted: Old section")
    intro = doc.find(f".//{NS}section[@id='change-intro']")
    # Readers see the value's label, never the placeholder's id.
    assert "Values changed: Organisation name." in text_of(intro)
    assert "organisation.name" not in text_of(doc)
    assert "Group" in text_of(next(intro.iter(f"{NS}ins")))


def test_hostile_text_stays_text() -> None:
    old, new = pair()
    page = redline_html(old, new)
    doc = parse(page)
    assert not list(doc.iter(f"{NS}script"))
    assert not list(doc.iter(f"{NS}img"))
    assert not list(doc.iter(f"{NS}b"))
    for element in doc.iter():
        assert not any(name.startswith("on") for name in element.attrib)
        assert not str(element.get("href", "")).lower().startswith("javascript")
    section = doc.find(f".//{NS}section[@id='change-hostile']")
    assert '<script>alert("x")</script>' in text_of(section)
    assert "Evil <b>title</b>" in text_of(section)


def test_the_page_is_standalone() -> None:
    old, new = pair()
    page = redline_html(old, new, changes_only=True)
    assert page.startswith("<!DOCTYPE html>")
    doc = parse(page)
    assert doc.find(f".//{NS}style") is not None
    assert not [e for e in doc.iter() if e.get("src") or e.tag == f"{NS}link"]
    assert doc.get("lang") == "en"


def test_no_changes_page() -> None:
    old, _ = pair()
    doc = parse(redline_html(old, copy.deepcopy(old)))
    assert "There are no changes between these versions." in text_of(doc.find(f".//{NS}nav"))


def _runs(document) -> list:
    return [run for p in document.paragraphs for run in p.runs]


def test_docx_redline(tmp_path: Path) -> None:
    old, new = pair()
    new.set_body("children", "Not for children under 13.\x01")  # a control character Word cannot hold
    path = tmp_path / "redline.docx"
    redline_docx(old, new, path, old_label="version 1", new_label="the draft", author="Jane Counsel")
    document = Document(str(path))
    deleted = [text for _, text in revision_texts(document, "del")]
    inserted = [text for _, text in revision_texts(document, "ins")]
    assert "30" in deleted and "16." in deleted
    assert "45" in inserted and "13." in inserted  # the control character is dropped
    assert any('<script>alert("x")</script> <img src=x' in text for text in inserted)  # hostile text stays text
    assert {author for author, _ in revision_texts(document, "ins")} == {"Jane Counsel"}
    # Children moved from section 3 to 1: its old text is "moved from", its new text "moved to".
    assert ("Jane Counsel", "3 ") in revision_texts(document, "moveFrom")
    assert any("Not for children under " in text for _, text in revision_texts(document, "moveTo"))
    texts = [p.text for p in document.paragraphs]
    assert "Changes to Privacy Notice" in texts
    assert "Comparing version 1 with the draft." in texts
    assert any(t.startswith("1 Children: Moved") for t in texts)  # the summary
    assert any(c.text.startswith('We changed the section "Children"') for c in document.comments)  # change notice


def test_docx_bytes_are_a_word_file() -> None:
    old, new = pair()
    data = redline_docx_bytes(old, new, diff=diff_notices(old, new), changes_only=True)
    assert data[:2] == b"PK"
    assert Document(io.BytesIO(data)).core_properties.title == "Changes to Privacy Notice"


# ----- the command line ------------------------------------------------------------------------
@pytest.fixture
def published(repo: NoticeRepo) -> str:
    repo.publish(dt.date(2026, 1, 1), "First version.", True, "GC", AUTHOR)
    notice = repo.load()
    notice.set_body("retention", "We keep account data for 45 days after you close your account.")
    notice.move("children", None, 0)
    notice.add(Clause("evil", "Evil", HOSTILE))
    repo.save(notice, "Edits", AUTHOR)
    folder = str(repo.path)
    repo.close()
    return folder


def test_cli_text(published: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", published, "v1", "draft"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Comparing version 1 (effective 2026-01-01) with the draft.\n")
    assert "~ 3.1 Retention  [retention]  modified" in out
    assert "We keep account data for [-30-]{+45+} days" in out
    assert "> 1 Children (was 3)  [children]  moved" in out
    assert "+ 4 Evil  [evil]  added" in out
    assert "Suggested change notice (edit before publishing):" in out


def test_cli_json_is_stable(published: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", published, "v1", "draft", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "format",
        "from",
        "to",
        "summary",
        "clauses",
        "practices",
        "variables",
        "tables",
        "fields",
        "change_notice",
        "moves",
    }
    assert data["format"] == 1 and (data["from"], data["to"]) == ("v1", "draft")
    assert data["summary"] == {
        "unchanged": 2,
        "modified": 1,
        "added": 1,
        "removed": 0,
        "moved": 1,
        "renamed": 0,
        "variables": 0,
        "tables": 0,
        "fields": 0,
        "practices": 0,
        "changed": 3,
        "total": 3,
    }
    retention = next(c for c in data["clauses"] if c["id"] == "retention")
    assert set(retention) == {
        "id",
        "kind",
        "old_number",
        "new_number",
        "old_parent",
        "new_parent",
        "depth",
        "old_title",
        "new_title",
        "renamed",
        "moved",
        "topics",
        "title_ops",
        "body_ops",
        "rendered_ops",
        "variables_changed",
        "tables_changed",
        "old_id",
    }
    assert retention["kind"] == "modified" and ["delete", "30"] in retention["body_ops"]
    assert [c["id"] for c in data["clauses"]] == ["children", "retention", "evil"]
    assert data["change_notice"]["material"] is True
    assert main(["diff", published, "v1", "draft", "--format", "json", "--all"]) == 0
    assert len(json.loads(capsys.readouterr().out)["clauses"]) == 5


def test_cli_html_and_docx_files(published: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", published, "v1", "draft", "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    out = tmp_path / "r.html"
    assert main(["diff", published, "v1", "draft", "--format", "html", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == page
    docx = tmp_path / "r.docx"
    assert main(["diff", published, "v1", "draft", "--format", "docx", "--out", str(docx)]) == 0
    assert any(text == "30" for _, text in revision_texts(Document(str(docx)), "del"))


def test_cli_errors_are_one_sentence(published: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", published, "v1", "draft", "--format", "docx"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("notice-studio: A Word redline is a file; add --out PATH") and "Traceback" not in err
    assert main(["diff", published, "v9", "draft"]) == 1
    err = capsys.readouterr().err
    assert "'v9'" in err and err.count("\n") == 1


def test_redline_shows_words_as_readers_see_them_not_markdown_marks() -> None:
    from notice_studio.core.export.redline import redline_html
    from notice_studio.core.notice.model import Clause, Notice

    old = Notice(title="N")
    old.add(Clause("keep", "Keeping", "We consider:\n\n- **legal claims:** until 30 days pass;\n- **your choices.**"))
    new = Notice(title="N")
    new.add(Clause("keep", "Keeping", "We consider:\n\n- **legal claims:** until 45 days pass;\n- **your choices.**"))
    page = redline_html(old, new, old_label="v1", new_label="draft")
    assert "**" not in page
    assert "\u2022" not in page
    assert (
        "<ul><li><strong>legal claims:</strong> until" in page
        and "<li><strong>your choices.</strong></li></ul>" in page
    )
    import re

    assert re.search(r"<del>.*?30.*?</del>", page) and re.search(r"<ins>.*?45.*?</ins>", page)


def test_word_redline_has_no_markdown_marks_either(tmp_path) -> None:
    import docx

    from notice_studio.core.export.redline_docx import redline_docx
    from notice_studio.core.notice.model import Clause, Notice

    old = Notice(title="N")
    old.add(Clause("keep", "Keeping", "- **legal claims:** until 30 days pass;"))
    new = Notice(title="N")
    new.add(Clause("keep", "Keeping", "- **legal claims:** until 45 days pass;"))
    redline_docx(old, new, tmp_path / "r.docx", old_label="v1", new_label="draft")
    document = docx.Document(str(tmp_path / "r.docx"))
    assert resolved_paragraphs(document, accept=True)[-1] == "legal claims: until 45 days pass;"
    assert resolved_paragraphs(document, accept=False)[-1] == "legal claims: until 30 days pass;"
    item = [p for p in document.paragraphs if p.style.name == "List Bullet"][-1]
    assert item.runs[0].bold and "**" not in item.text

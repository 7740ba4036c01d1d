"""Fuzzing the import: random bytes and random notice-like text never crash it.

Each input ends either in an outline (which builds into a valid notice) or in ImportProblem,
whose message is one plain sentence. For plain text, no word of the input is lost.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notice_studio.core.importer import (
    ImportProblem,
    build_notice,
    merge,
    outline_from_document,
    read_bytes,
    split,
)
from notice_studio.core.notice.notice_format import notice_files

# NOTICE_STUDIO_FUZZ_EXAMPLES=5000 for a longer hunt on a developer machine.
EXAMPLES = int(os.environ.get("NOTICE_STUDIO_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def import_or_refuse(data: bytes, fmt: str):
    try:
        outline = outline_from_document(read_bytes(data, f"fuzz.{fmt}", fmt))
    except ImportProblem as exc:
        message = str(exc)
        assert message.endswith(".") and "\n" not in message and "Traceback" not in message
        return None
    assert outline.sections
    assert outline.sections[0].level == 1
    assert all(s.title.strip() for s in outline.sections)
    # levels 1 to 3, none more than one below the section before it
    levels = [s.level for s in outline.sections]
    assert all(1 <= b <= min(3, a + 1) for a, b in zip([0, *levels], levels, strict=False))
    notice = build_notice(outline)
    files = notice_files(notice)
    assert len([p for p in files if p.startswith("clauses/")]) == len(outline.sections)
    # The tables found, made into notice tables: valid files, each embedded once where it stood.
    with_tables = build_notice(outline, tables=True)
    table_files = [p for p in notice_files(with_tables) if p.startswith("tables/")]
    assert len(table_files) == len(with_tables.tables)
    embedded = [name for clause in with_tables.all_clauses() for name in clause.tables()]
    assert sorted(embedded) == sorted(with_tables.tables)
    if len(outline.sections) > 1:
        merge(outline, 1)
    first = outline.sections[0]
    if len(first.paragraphs) > 1:
        split(outline, 0, 1)
    return outline


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["txt", "md", "html", "docx"]))
def test_random_bytes(data: bytes, fmt: str) -> None:
    import_or_refuse(data, fmt)


@FUZZ
@given(st.text(max_size=2000), st.sampled_from(["txt", "md", "html"]))
def test_random_text(text: str, fmt: str) -> None:
    import_or_refuse(text.encode("utf-8"), fmt)


# ----- notice-like text: headings of every kind, lists, junk, in random order --------------------------
_WORDS = st.sampled_from(
    [
        "we",
        "collect",
        "use",
        "share",
        "keep",
        "your",
        "personal",
        "data",
        "information",
        "rights",
        "cookies",
        "contact",
        "us",
        "security",
        "children",
        "retention",
        "who",
        "what",
        "how",
        "why",
        "the",
        "a",
        "of",
        "to",
        "and",
        "for",
        "with",
        "our",
        "Acme",
        "Ltd",
        "privacy",
        "notice",
        "policy",
        "email",
    ]
)
_PHRASE = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join)
_NUMBER = st.one_of(
    st.integers(0, 12).map(lambda n: f"{n}."),
    st.tuples(st.integers(1, 9), st.integers(1, 9)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.sampled_from(["A.", "B.", "C.", "I.", "II.", "IV.", "(a)", "(b)", "i.", "Section 3", "§ 2", "1)", "7"]),
)
_LINE = st.one_of(
    _PHRASE.map(lambda p: p.capitalize() + "."),
    _PHRASE.map(str.upper),
    _PHRASE.map(str.title),
    _PHRASE.map(lambda p: p.capitalize() + "?"),
    st.tuples(_NUMBER, _PHRASE).map(lambda t: f"{t[0]} {t[1].title()}"),
    st.tuples(_NUMBER, _PHRASE, _PHRASE).map(lambda t: f"{t[0]} {t[1].title()}. {t[2].capitalize()} more words here."),
    st.tuples(_PHRASE, _NUMBER, _PHRASE).map(lambda t: f"{t[0].capitalize()}. {t[1]} {t[2].title()}"),
    _PHRASE.map(lambda p: f"**{p.title()}.** {p} and more words follow here."),
    _PHRASE.map(lambda p: f"• {p}"),
    _PHRASE.map(lambda p: f"  - {p}"),
    st.sampled_from(
        ["", "", "", "Back to top", "Contents", "Email:", "[insert name]", "{{ org }}", "Last updated: 1 May 2024"]
    ),
)


@FUZZ
@given(st.lists(_LINE, min_size=1, max_size=60), st.sampled_from(["\n", "\r\n"]))
def test_notice_like_plain_text_keeps_every_word(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    outline = import_or_refuse(text.encode("utf-8"), "txt")
    if outline is None:
        # Refused only when there is no text, or nothing but a title line.
        assert len([ln for ln in lines if re.search(r"[A-Za-z]", ln) and ln.strip() != "Back to top"]) <= 1
        return
    words = Counter(re.findall(r"[A-Za-z0-9]+", text))
    kept = " ".join(  # the date line taken out is quoted in the report's note
        [outline.title, *outline.dropped, outline.date_line]
        + [f"{s.original_number} {s.title} {s.body}" for s in outline.sections]
    )
    missing = words - Counter(re.findall(r"[A-Za-z0-9]+", kept))
    # The only words that may go are a section called "Introduction" we made up, never the user's.
    assert not missing, missing


@FUZZ
@given(st.lists(_LINE, min_size=1, max_size=40))
def test_notice_like_markdown_and_html(lines: list[str]) -> None:
    markdown = "\n\n".join(("## " + ln if i % 5 == 0 else ln) for i, ln in enumerate(lines))
    import_or_refuse(markdown.encode("utf-8"), "md")
    html = "".join(
        f"<h{2 + i % 3}>{ln}</h{2 + i % 3}>"
        if i % 4 == 0
        else f"<li>{ln}</li>"
        if i % 4 == 1
        else f"<p>{ln}<br>{ln}</p>"
        for i, ln in enumerate(lines)
    )
    import_or_refuse(
        f"<html><body><nav>menu</nav><ul>{html}</ul><table><tr><td>{lines[0]}</td></tr></table></body></html>".encode(),
        "html",
    )


def _small_docx() -> bytes:
    d = docx.Document()
    d.add_heading("1. Who we are", level=1)
    d.add_paragraph("We are Acme Ltd, the controller.")
    d.add_paragraph("name", style="List Number")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cookie"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


_DOCX = _small_docx()


@settings(max_examples=max(EXAMPLES // 2, 10), deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_word_documents(changes: list[tuple[int, int]]) -> None:
    data = bytearray(_DOCX)
    for at, value in changes:
        data[at] = value
    import_or_refuse(bytes(data), "docx")


@settings(max_examples=max(EXAMPLES // 6, 10), deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Heading 1", "Heading 2", "Heading 3", "Normal", "List Number", "List Bullet", "Title"]),
            _LINE,
        ),
        min_size=1,
        max_size=25,
    )
)
def test_random_word_documents(paragraphs: list[tuple[str, str]]) -> None:
    d = docx.Document()
    for style, text in paragraphs:
        d.add_paragraph(text, style=style)
    out = io.BytesIO()
    d.save(out)
    import_or_refuse(out.getvalue(), "docx")


def test_two_short_lines_and_nothing_else_are_not_all_title() -> None:
    """Found by the fuzz run in CI: 'WE' over 'COOKIES' became a two-line title with no notice left."""
    outline = import_or_refuse(b"WE\nCOOKIES", "txt")
    assert outline is not None
    kept = " ".join([outline.title, *[f"{s.title} {s.body}" for s in outline.sections]])
    assert "WE" in kept and "COOKIES" in kept


def test_short_lines_with_nothing_below_are_not_a_site_menu() -> None:
    """Found by a longer fuzz hunt: three short lines and nothing else were all dropped as a menu."""
    outline = import_or_refuse(b"WE\nWE\nWE", "txt")
    assert outline is not None


def test_a_short_text_of_repeated_lines_is_the_text_not_a_menu() -> None:
    # Found by the fuzz test above: three '[insert name]' lines looked like a site's menu and were
    # left out, and the import was refused as "only a title". Chrome surrounds a notice's text; it
    # is never all of it.
    outline = import_or_refuse("\n".join(["[insert name]"] * 3 + ["WE PRIVACY"]).encode("utf-8"), "txt")
    assert outline is not None
    kept = " ".join([outline.title, *(f"{s.title} {s.body}" for s in outline.sections)])
    assert kept.count("[insert name]") == 3 and "WE PRIVACY" in kept

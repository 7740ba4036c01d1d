"""Typed 'section N' references in an imported notice become cross-references to the section the
original numbered N, so the numbers readers see stay right (the opening text is section 1)."""

from __future__ import annotations

import re

from notice_studio.core.checks import CheckContext, run_checks
from notice_studio.core.importer import build_notice, outline_from_document, preview_report, read_bytes
from notice_studio.core.render.renderer import render

RIDING_SCHOOL = """Privacy Notice of the Fenland Riding School

We run a small riding school. Section 3 tells you how to reach us.

1. What we keep

We keep the names of riders and the lessons they book. To ask for a copy, see section 3 below.
Sections are numbered; section 2 and 3 say more, as do section 2, 3 and 7 (there is no 7).
The rules in clause 2 of our booking terms, and [section 2](https://example.org/terms#2) of them, stay as written.

2. How long we keep it

We keep lesson records for two years, as this section 2 and section 1 say, unless the law asks for
longer (section 1798.100 of the Civil Code) or Section 9 is about something we do not do.

3. Contact us

Write to the office at the stables.
"""


def riding_school():
    return outline_from_document(read_bytes(RIDING_SCHOOL.encode("utf-8"), "school.txt", "txt"))


def test_typed_section_numbers_become_cross_references() -> None:
    notice = build_notice(riding_school())
    bodies = {clause.id: clause.body for clause, _, _ in notice.walk()}
    assert bodies["introduction"].startswith("We run a small riding school. [[contact-us]] tells you")
    assert "see [[contact-us]] below" in bodies["what-we-keep"]
    # a list of numbers after one 'section' is linked whole, or left whole when one names no section
    assert "[[how-long-we-keep-it]] and [[contact-us]] say more" in bodies["what-we-keep"]
    assert "as do section 2, 3 and 7 (there is no 7)" in bodies["what-we-keep"]
    # a clause of another document, a link's own text, the section it stands in, a law's section and
    # a number no section had all stay as typed
    assert "clause 2 of our booking terms" in bodies["what-we-keep"]
    assert "[section 2](https://example.org/terms#2)" in bodies["what-we-keep"]
    assert "as this section 2 and [[what-we-keep]] say" in bodies["how-long-we-keep-it"]
    assert "section 1798.100 of the Civil Code" in bodies["how-long-we-keep-it"]
    assert "Section 9 is about" in bodies["how-long-we-keep-it"]


def test_the_published_page_shows_the_notices_own_numbers() -> None:
    notice = build_notice(riding_school())
    page = re.sub(r"<[^>]+>", "", render(notice).html)  # the text readers see
    assert "Section 4 tells you how to reach us" in page  # the original's 3 is the notice's 4
    assert "see section 4 below" in page
    findings = run_checks(notice, CheckContext()).findings
    assert not [f for f in findings if f.rule == "crossref-broken"]
    # what the import left as typed, the check still asks about: nothing else
    stale = {(f.clause_id, f.excerpt) for f in findings if f.rule == "crossref-typed-stale"}
    assert stale == {("what-we-keep", "clause 2"), ("what-we-keep", "section 2")}


def test_the_report_says_what_was_linked() -> None:
    report = preview_report(riding_school())
    [note] = [n for n in report.notes if "cross-references" in n]
    assert note.startswith("5 typed section numbers") and "'Contact us'" in note


def test_a_number_two_sections_had_stays_typed() -> None:
    # a second notice inside the first starts its numbering again: 'section 1' could be either
    text = (
        "Privacy Notice\n\n1. Who we are\n\nWe run a riding school; see section 2 for the rest.\n\n"
        "2. What we keep\n\nNames of riders.\n\nCalifornia Privacy Notice\n\nLast updated: 1 May 2025\n\n"
        "1. Your rights\n\nYou may ask for a copy, as section 1 above explains.\n\n"
        "2. Contact\n\nWrite to the office.\n"
    )
    notice = build_notice(outline_from_document(read_bytes(text.encode("utf-8"), "two.txt", "txt")))
    bodies = " ".join(clause.body for clause, _, _ in notice.walk())
    assert "as section 1 above explains" in bodies and "see section 2 for the rest" in bodies

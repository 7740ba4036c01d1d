"""Defects found importing a tester's own notices as copied text, web pages and Word files: page
headers taken for the title or a section, escaped marks in table cells, headings nested under the
wrong section, and a very long notice that took minutes to build."""

from __future__ import annotations

import time

from notice_studio.core.importer.build import build_notice
from notice_studio.core.importer.outline import ImportedOutline, ImportedSection


def test_a_notice_of_thousands_of_sections_is_built_in_linear_time() -> None:
    # 3,000 sections, each a sub-section every third: building the clause tree walked the whole
    # notice for every clause added (about 9 s here); it takes a fraction of a second now.
    sections = tuple(ImportedSection(f"Part {n % 40}", 2 if n % 3 else 1, (f"Text of part {n}.",)) for n in range(3000))
    outline = ImportedOutline("long.txt", "txt", "A long notice", sections)
    started = time.perf_counter()
    notice = build_notice(outline)
    elapsed = time.perf_counter() - started
    ids = [clause.id for clause in notice.all_clauses()]
    assert len(ids) == len(set(ids)) == 3000
    assert ids[:4] == ["part-0", "part-1", "part-2", "part-3"]
    assert [c.id for c in notice.clauses[0].children] == ["part-1", "part-2"]
    assert ids[40] == "part-0-2"
    assert elapsed < 2.0

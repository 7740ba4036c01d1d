"""Importing a 20,000-word saved web page: target <= 1 s from file to outline, notice and report.

The page is the benchmark notice (100 clauses of ~200 words, nested two deep) written as a
saved web page: h2/h3 headings, paragraphs, a bullet list and a table per section, wrapped
in the usual menus, cookie banner and footer. Prints each stage and the total next to the
target, and creating the notice project (one git commit) separately.

    .venv/bin/python benchmarks/bench_import.py      (or: python -m benchmarks.bench_import)
"""

from __future__ import annotations

import html
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import make_notice
from notice_studio.core.importer import (
    build_notice,
    create_notice,
    detect_outline,
    make_report,
    read_document,
    tag_outline,
)

TARGET_S = 1.0
CHROME_TOP = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Privacy notice | Bench Ltd</title>'
    "<script>var x = 1;</script><style>p{margin:0}</style></head><body>"
    '<a class="skip-link" href="#c">Skip to content</a>'
    '<div class="cookie-banner"><p>We use cookies.</p><button>Accept all</button></div>'
    '<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/help">Help</a></li></ul></nav></header>'
    '<div class="content" id="c"><h1>Privacy notice</h1><p>Last updated: 2 February 2025</p>'
)
CHROME_BOTTOM = '<p><a href="#top">Back to top</a></p></div><footer class="site-footer"><p>© 2025 Bench Ltd</p></footer></body></html>'


def make_page(words: int = 20000) -> str:
    notice = make_notice(clauses=100, words=words // 100, seed=7)
    parts = [CHROME_TOP]
    for clause, depth, _ in notice.walk():
        tag = "h2" if depth == 0 else "h3"
        parts.append(f"<{tag}>{html.escape(clause.title)}</{tag}>")
        paragraphs = clause.body.split("\n\n")
        for n, paragraph in enumerate(paragraphs):
            text = html.escape(paragraph)
            if n == 1:
                items = text.split(". ")
                parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            else:
                parts.append(f"<p>{text.replace('personal', '<strong>personal</strong>', 1)}</p>")
        if depth == 0:
            parts.append(
                "<table><tr><th>Cookie</th><th>Purpose</th></tr><tr><td>a_id</td><td>Sign-in</td></tr></table>"
            )
    parts.append(CHROME_BOTTOM)
    return "".join(parts)


def main() -> None:
    page = make_page()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "privacy.html"
        path.write_text(page, encoding="utf-8")
        start = time.perf_counter()
        first = tag_outline(detect_outline(read_document(path)))
        make_report(first, build_notice(first))
        cold = time.perf_counter() - start  # includes loading the library and requirements once
        stages: dict[str, list[float]] = {
            "read": [],
            "sections": [],
            "topics": [],
            "notice": [],
            "report": [],
            "total": [],
        }
        for _ in range(5):
            t0 = time.perf_counter()
            document = read_document(path)
            t1 = time.perf_counter()
            outline = detect_outline(document)
            t2 = time.perf_counter()
            outline = tag_outline(outline)
            t3 = time.perf_counter()
            notice = build_notice(outline)
            t4 = time.perf_counter()
            report = make_report(outline, notice)
            t5 = time.perf_counter()
            for name, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0), strict=True):
                stages[name].append(seconds)
        words = sum(len(s.title.split()) + s.word_count for s in outline.sections)
        print(
            f"Page: {len(page) / 1024:.0f} KB, {words} words imported into {len(outline.sections)} sections; "
            f"{len(report.findings)} findings (checks engine: {'yes' if report.checks_engine else 'no'})."
        )
        for name, values in stages.items():
            print(f"  {name:<9} median {statistics.median(values) * 1000:7.1f} ms")
        total = statistics.median(stages["total"])
        verdict = "OK" if total <= TARGET_S else "TOO SLOW"
        print(f"Import of a 20,000-word web page: {total:.3f} s (target <= {TARGET_S:.1f} s) {verdict}")
        print(
            f"First import in a fresh process (loads the clause library and requirements): {cold:.3f} s "
            f"{'OK' if cold <= TARGET_S else 'TOO SLOW'}"
        )
        start = time.perf_counter()
        create_notice(outline, Path(tmp) / "notice")
        print(f"Creating the notice project (files + first commit): {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()

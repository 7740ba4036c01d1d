"""Render benchmarks: the 300-clause notice to HTML (target <= 150 ms) and to PDF (<= 2 s).

Run: .venv/bin/python benchmarks/bench_render.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.generate import make_notice
from notice_studio.core.export.html_page import notice_page
from notice_studio.core.render.renderer import RenderCache, RenderOptions, render


def timed(func, repeat: int = 5) -> tuple[float, object]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    notice = make_notice(clauses=300, words=200, seed=0)
    words = sum(len(c.body.split()) for c in notice.all_clauses())
    options = RenderOptions()
    render(make_notice(clauses=3), options)  # import and build the parser once, as the app does at start-up
    print(f"notice: {len(notice.all_clauses())} clauses, {words} words")

    cold, rendered = timed(lambda: render(notice, options))
    print(f"render to HTML, no cache:            {cold * 1000:7.1f} ms   (target <= 150 ms)")

    page, html = timed(lambda: notice_page(render(notice, options)))
    print(f"standalone HTML page (render+nh3):   {page * 1000:7.1f} ms   ({len(html) // 1024} KiB)")

    cache = RenderCache()
    render(notice, options, cache)
    clause = notice.all_clauses()[150]
    counter = iter(range(10**6))

    def keystroke() -> object:
        clause.body += f" x{next(counter)}"
        return render(notice, options, cache)

    warm, _ = timed(keystroke, repeat=20)
    print(
        f"re-render after one keystroke:       {warm * 1000:7.1f} ms   (cache: {cache.hits} hits, {cache.misses} misses)"
    )

    from notice_studio.qt_export.pdf import ensure_gui_application, notice_pdf

    ensure_gui_application()
    pdf_time, pdf = timed(lambda: notice_pdf(rendered), repeat=3)
    print(
        f"PDF (QTextDocument + QPdfWriter):    {pdf_time * 1000:7.1f} ms   (target <= 2000 ms; {len(pdf) // 1024} KiB)"
    )

    from notice_studio.core.export.docx import notice_docx

    docx_time, _ = timed(lambda: notice_docx(rendered), repeat=3)
    print(f"DOCX (python-docx):                  {docx_time * 1000:7.1f} ms   (no target)")


if __name__ == "__main__":
    main()

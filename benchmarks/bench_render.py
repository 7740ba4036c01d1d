"""Render benchmarks: the 300-clause notice to HTML (target <= 150 ms) and to PDF (<= 2 s).

Run: .venv/bin/python benchmarks/bench_render.py
     .venv/bin/python benchmarks/bench_render.py --huge
        a 13,000-section notice instead (no PDF): render, re-render after a keystroke, Word export
        of one 1 MB clause, and creating and opening the notice on disk (measured, not a target).
     .venv/bin/python benchmarks/bench_render.py [--huge] --baseline REV
        the same figures for revision REV of this repository (or a folder) first, each code in a
        fresh process of the same run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# BENCH_RENDER_CODE: measure the code in that folder instead (set by --baseline for its child run).
sys.path.insert(0, os.environ.get("BENCH_RENDER_CODE") or str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # the notice generator comes from this tree
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.generate import make_notice
from notice_studio.core.export.html_page import notice_page
from notice_studio.core.render.renderer import RenderCache, RenderOptions, render

HERE = Path(__file__).resolve().parent.parent


def timed(func, repeat: int = 5) -> tuple[float, object]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


HUGE_CLAUSES, HUGE_WORDS = 13000, 40
LONG_CLAUSE_BYTES = 1_000_000


def main() -> None:
    if "--baseline" in sys.argv:
        _compare(sys.argv[sys.argv.index("--baseline") + 1])
    elif "--huge" in sys.argv:
        huge()
    else:
        usual()


def _compare(rev: str) -> None:
    """This script's figures for the baseline's code, then for this tree's, in fresh processes."""
    from benchmarks.baseline import baseline_code

    argv = [a for a in sys.argv[1:] if a not in ("--baseline", rev)]
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        for name, code in (("baseline " + rev, baseline_code(rev, Path(tmp) / "baseline")), ("this tree", HERE)):
            print(f"=== {name} ({code})", flush=True)
            env = {**os.environ, "BENCH_RENDER_CODE": str(code), "PYTHONPATH": str(code)}
            if subprocess.run([sys.executable, str(Path(__file__).resolve()), *argv], env=env).returncode:
                sys.exit(f"The benchmark failed on {code}.")


def huge() -> None:
    """The 13,000-section notice: the figures a very large notice gets."""
    from notice_studio.core.export.docx import notice_docx

    notice = make_notice(clauses=HUGE_CLAUSES, words=HUGE_WORDS, seed=0)
    options = RenderOptions()
    render(make_notice(clauses=3), options)
    print(
        f"notice: {len(notice.all_clauses())} clauses, {sum(len(c.body.split()) for c in notice.all_clauses())} words"
    )
    cold, _ = timed(lambda: render(notice, options), repeat=1)
    print(f"render to HTML, no cache:            {cold * 1000:9.0f} ms")
    cache = RenderCache()
    render(notice, options, cache)
    clause = notice.all_clauses()[HUGE_CLAUSES // 2]
    counter = iter(range(10**6))

    def keystroke() -> object:
        clause.body += f" x{next(counter)}"
        return render(notice, options, cache)

    warm, _ = timed(keystroke, repeat=3)
    print(f"re-render after one keystroke:       {warm * 1000:9.0f} ms")
    long_notice = make_notice(clauses=3, seed=1)
    long_notice.all_clauses()[1].body = _long_body(LONG_CLAUSE_BYTES)
    long_rendered = render(long_notice, options)
    long_time, _ = timed(lambda: notice_docx(long_rendered), repeat=1)
    print(f"DOCX of one {LONG_CLAUSE_BYTES // 1000:,} KB clause:        {long_time * 1000:9.0f} ms")
    _opening(notice)


def _long_body(size: int) -> str:
    """Paragraphs of generated text, `size` characters in all."""
    from benchmarks.generate import make_notice as make

    paragraph = "\n\n".join(c.body for c in make(clauses=20, words=200, seed=2).all_clauses())
    return "\n\n".join([paragraph] * (size // len(paragraph) + 1))[:size]


def _opening(notice) -> None:
    """Opening the notice from disk as the command line does (the draft read and parsed)."""
    from notice_studio.core.notice.store import Author, NoticeRepo
    from notice_studio.core.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="bench-render-open-") as tmp:
        start = time.perf_counter()
        NoticeRepo.create(Path(tmp) / "huge", notice, Author("Bench Counsel", "bench@example.org")).close()
        created = time.perf_counter() - start

        def opened() -> int:
            with Workspace.open(Path(tmp) / "huge") as ws:
                return len(ws.notice.all_clauses())

        open_time, count = timed(opened, repeat=1)
    print(f"create the notice on disk:           {created * 1000:9.0f} ms")
    print(f"open it ({count:,} sections read):     {open_time * 1000:9.0f} ms   (measured, not a target)")


def usual() -> None:
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

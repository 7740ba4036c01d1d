"""HTML redline speed: a 59-clause, ~10,600-word notice with every fifth clause edited.

Prints the redline's median time beside a same-run baseline (the plain HTML page of the later
version), so the figure is comparable across machines.

    .venv/bin/python benchmarks/bench_redline_html.py
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import make_notice
from notice_studio.core.diff.notices import diff_notices
from notice_studio.core.export.html_page import notice_page
from notice_studio.core.export.redline import redline_html
from notice_studio.core.render.renderer import render


def timed(func: Callable[[], object], repeat: int = 7) -> float:
    func()  # warm caches and imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    old = make_notice(59, 180, seed=3)
    new = copy.deepcopy(old)
    for k, (clause, _, _) in enumerate(list(new.walk())):
        if k % 5 == 0:
            body = clause.body.replace(" data ", " personal data ", 3)
            new.set_body(clause.id, body + "\n\nAn added **sentence**, see [the contact page](#contact).")
    words = sum(len(c.body.split()) for c, _, _ in new.walk())
    diff = diff_notices(old, new)
    redline = timed(lambda: redline_html(old, new, diff=diff))
    plain = timed(lambda: notice_page(render(new)))
    print(f"notice: 59 clauses, {words:,} words, {len(diff.changes())} changed")
    print(
        f"HTML redline: {redline * 1000:.0f} ms (baseline, the plain HTML page of the same notice: {plain * 1000:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

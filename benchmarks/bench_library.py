"""Loading the shipped clause library. Target: <= 200 ms for the whole library, cold.

Run: .venv/bin/python benchmarks/bench_library.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

TARGET_MS = 200.0

_COLD = """
import time
t0 = time.perf_counter()
from notice_studio.core.library.catalog import load_library
t1 = time.perf_counter()
library = load_library()
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f} {len(library)} {len(library.problems)}")
"""


def cold_runs(n: int = 5) -> list[tuple[float, float, int, int]]:
    """Each run in a fresh interpreter, so no parse cache helps: (import ms, load ms, clauses, problems)."""
    runs = []
    for _ in range(n):
        out = subprocess.run([sys.executable, "-c", _COLD], check=True, capture_output=True, text=True).stdout.split()
        runs.append((float(out[0]), float(out[1]), int(out[2]), int(out[3])))
    return runs


def warm_runs(n: int = 20) -> list[float]:
    """Reloading in the same process (the app's 'reload library'): unchanged files are not re-parsed."""
    from notice_studio.core.library.catalog import load_library

    load_library()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        load_library()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    runs = cold_runs()
    load = statistics.median(r[1] for r in runs)
    imports = statistics.median(r[0] for r in runs)
    clauses, problems = runs[0][2], runs[0][3]
    warm = statistics.median(warm_runs())
    verdict = "OK" if load + imports <= TARGET_MS else "TOO SLOW"
    print(f"shipped library: {clauses} clauses, {problems} problems")
    print(
        f"cold load (fresh process, median of {len(runs)}): {load:.1f} ms  + import {imports:.1f} ms  "
        f"= {load + imports:.1f} ms   target <= {TARGET_MS:.0f} ms  {verdict}"
    )
    print(f"warm reload (same process, unchanged files): {warm:.1f} ms")


if __name__ == "__main__":
    main()

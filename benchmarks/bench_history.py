"""The History dock's work on a notice with hundreds of published versions, baseline beside now,
in the same run on the same repository (real git, no Qt):

  baseline  which versions may be withdrawn asked version by version (each built the whole
            schedule again), on every refresh, after every save
  now       one schedule per refresh (withdraw_problems), and none after a save that publishes
            nothing (the dock keeps what it worked out while the versions are the same)

Run: .venv/bin/python benchmarks/bench_history.py [VERSIONS ...]   (default 50 150 310)
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.long_history import notice_with_versions
from notice_studio.core.notice.store import NoticeRepo, standing
from notice_studio.core.publishing.schedule import withdraw_problem, withdraw_problems
from notice_studio.ui.history.history_entries import timeline

PAGE = 200
RUNS = 3


def refresh(repo: NoticeRepo, problems: dict[str, str] | None, how: str) -> dict[str, str]:
    """What the dock's background refresh reads and works out; `problems` known from before or None."""
    edits = repo.edits(limit=PAGE)
    versions = repo.versions()
    latest = standing(versions)
    since = repo.edits_since(latest[-1].name) if latest else None
    today = dt.date.today()
    if problems is None:
        if how == "baseline":
            problems = {v.name: withdraw_problem(versions, v.name, today) for v in versions}
        else:
            problems = withdraw_problems(versions, today)
    timeline(edits, versions, {}, since)
    return problems


def median_seconds(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(counts: list[int]) -> None:
    print(f"{'versions':>8} {'baseline refresh':>17} {'now refresh':>12} {'now after a save':>17}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            folder = notice_with_versions(Path(tmp) / "n", count)
            with NoticeRepo.open(folder) as repo:
                known = refresh(repo, None, "now")
                assert known == refresh(repo, None, "baseline")
                baseline = median_seconds(lambda repo=repo: refresh(repo, None, "baseline"))
                now = median_seconds(lambda repo=repo: refresh(repo, None, "now"))
                saved = median_seconds(lambda repo=repo, known=known: refresh(repo, known, "now"))
        print(f"{count:>8} {baseline:>16.3f}s {now:>11.3f}s {saved:>16.3f}s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 150, 310])

"""Store benchmarks on a 300-clause notice with 5,000 prior commits.

Prints each figure beside its target and its ratio to a bare-git baseline run in the same
process, on the same repository:
  one clause edit saved and committed   median <= 15 ms, ratio to bare `git commit` <= 1.3
  newest 200 edits                      <= 30 ms
  all 5,000 edits with clauses touched  <= 1.5 x bare `git log --name-only`
  whole notice at an old version        <= 100 ms

Run: .venv/bin/python benchmarks/bench_store.py
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import make_notice
from notice_studio.core.notice.store import Author, NoticeRepo

AUTHOR = Author("Bench Person", "bench@example.com")
PRIOR_COMMITS = 5000
RUNS = 40


def fast_history(path: Path, clause_ids: list[str], commits: int) -> None:
    """Append `commits` one-clause edits with git fast-import (seconds, not minutes)."""
    rng = random.Random(1)
    head = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    lines: list[bytes] = []
    stamp = 1_700_000_000
    for i in range(commits):
        cid = rng.choice(clause_ids)
        text = f"---\ntitle: Edited {i}\n---\nRevision {i} of {cid}. " + "word " * 150 + "\n"
        data = text.encode()
        msg = f"Edited '{cid}'".encode()
        lines.append(b"commit refs/heads/main\n")
        lines.append(f"committer Bench <b@example.com> {stamp + i * 60} +0000\n".encode())
        lines.append(f"data {len(msg)}\n".encode() + msg + b"\n")
        if i == 0:
            lines.append(f"from {head}\n".encode())
        lines.append(f"M 100644 inline clauses/{cid}.md\ndata {len(data)}\n".encode() + data + b"\n")
    subprocess.run(["git", "-C", str(path), "fast-import", "--quiet", "--force"], input=b"".join(lines), check=True)
    subprocess.run(["git", "-C", str(path), "reset", "-q", "--hard", "main"], check=True)
    subprocess.run(["git", "-C", str(path), "gc", "-q"], check=True)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    notice = make_notice(300, 200)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench"
        with NoticeRepo.create(path, notice, AUTHOR):
            pass
        ids = [c.id for c in notice.all_clauses()]
        subprocess.run(
            ["git", "-C", str(path), "tag", "-a", "v1", "-m", "Version 1\n\neffective: 2024-01-01\n"], check=True
        )
        fast_history(path, ids, PRIOR_COMMITS)
        print(f"repository: {len(ids)} clauses, {PRIOR_COMMITS + 1} commits")

        with NoticeRepo.open(path, write=True) as repo:
            notice = repo.load()
            # --- one clause edit, ours vs bare git commit ---
            counter = iter(range(10**6))

            def ours() -> None:
                n = next(counter)
                notice.set_body("clause-150", f"Our edit number {n}. " + "text " * 100)
                repo.save(notice, "Edited 'Section 150'", AUTHOR)

            bare_file = path / "clauses" / "clause-151.md"

            def bare() -> None:
                n = next(counter)
                bare_file.write_text(f"---\ntitle: x\n---\nBare edit {n}.\n")
                subprocess.run(
                    [
                        "git",
                        "-C",
                        str(path),
                        "-c",
                        "maintenance.auto=false",
                        "commit",
                        "-q",
                        "-m",
                        "bare",
                        "--",
                        "clauses/clause-151.md",
                    ],
                    check=True,
                    env={
                        "GIT_AUTHOR_NAME": "b",
                        "GIT_AUTHOR_EMAIL": "b@x",
                        "GIT_COMMITTER_NAME": "b",
                        "GIT_COMMITTER_EMAIL": "b@x",
                        "PATH": "/usr/bin:/bin:/usr/local/bin",
                    },
                )

            ours_t, bare_t = [], []
            for _ in range(RUNS):  # interleave so both see the same machine state
                ours_t += timed(ours, 1)
                bare_t += timed(bare, 1)
            o, b = median_ms(ours_t), median_ms(bare_t)
            print(
                f"clause edit saved+committed: median {o:.1f} ms (target <= 15 ms); bare git commit {b:.1f} ms; ratio {o / b:.2f} (target <= 1.3)"
            )
            # sanity: the repository advanced by exactly our commits + bare commits
            # --- history ---
            h200 = median_ms(timed(lambda: repo.edits(limit=200), 15))
            print(f"newest 200 edits: median {h200:.1f} ms (target <= 30 ms)")
            all_ours = median_ms(timed(lambda: repo.edits(), 7))
            all_bare = median_ms(
                timed(
                    lambda: subprocess.run(
                        ["git", "-C", str(path), "log", "--name-only", "--format=%H %an %s"],
                        check=True,
                        capture_output=True,
                    ),
                    7,
                )
            )
            count = len(repo.edits())
            print(
                f"all {count} edits with clauses: median {all_ours:.1f} ms; bare git log --name-only {all_bare:.1f} ms; ratio {all_ours / all_bare:.2f} (target <= 1.5)"
            )
            # --- old version ---
            old = median_ms(timed(lambda: repo.notice_at("v1"), 15))
            assert len(repo.notice_at("v1").all_clauses()) == 300
            print(f"whole notice at v1 (5,000 commits ago): median {old:.1f} ms (target <= 100 ms)")


if __name__ == "__main__":
    main()

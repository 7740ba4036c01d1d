"""Importing a very large notice (13,000 sections of Markdown) from the command line: where the time
goes (reading and outlining, storing the new notice, checking it for the report) and the whole
`notice-studio import`, beside the importer at an earlier git revision measured in the same run.

    .venv/bin/python benchmarks/bench_import_store.py [--sections 13000] [--rounds 2] [--baseline REV]

Each round runs the baseline's code and this tree's in fresh processes, one after the other, on
the same generated file; medians are printed. CPU time (this process's and the git commands')
is printed beside wall time: on a shared, loaded machine the wall time mostly measures waiting
(for the disk, for the other processes). "store" is making the notice's repository (its files
and first commit, packed) until it is closed; "create+report" adds building the notice and the
import report's checks.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "we",
    "keep",
    "the",
    "details",
    "of",
    "your",
    "orders",
    "and",
    "deliveries",
    "to",
    "answer",
    "your",
    "questions",
    "about",
    "refunds",
    "and",
    "support",
    "for",
    "as",
    "long",
    "as",
    "the",
    "law",
    "asks",
    "then",
    "we",
    "delete",
    "them",
    "safely",
]


def write_notice(path: Path, sections: int) -> None:
    """A Markdown notice of `sections` short parts, a heading every fifth one level up."""
    pick = random.Random(13).choice
    with path.open("w", encoding="utf-8") as out:
        out.write("# A very long privacy notice\n\n")
        for n in range(1, sections + 1):
            out.write(f"{'##' if n % 5 == 1 else '###'} Part {n} of how we handle orders\n\n")
            out.write(" ".join(pick(WORDS) for _ in range(30)).capitalize() + ".\n\n")


def measure(source: Path, folder: Path) -> dict[str, float | str]:
    """One import, timed by stage (run in the child process, on the code PYTHONPATH names)."""
    from notice_studio.core.importer import create_notice, import_file
    from notice_studio.core.notice.store import Author, NoticeRepo

    figures: dict[str, float | str] = {}
    start = wall = time.perf_counter()
    cpu = _cpu()
    outline = import_file(source)
    figures["read_s"] = time.perf_counter() - start
    start = time.perf_counter()
    store = NoticeRepo.create  # timed alone: the notice's files, its first commit, packing, reopening

    def timed_create(*args, **kwargs):  # type: ignore[no-untyped-def]
        began, cpu = time.perf_counter(), _cpu()
        repo = store(*args, **kwargs)
        repo.close()
        figures["store_s"] = time.perf_counter() - began
        figures["store_cpu_s"] = _cpu() - cpu
        return NoticeRepo.open(repo.path)

    NoticeRepo.create = timed_create  # type: ignore[method-assign]
    create_notice(outline, folder, author=Author("Bench", "bench@example.com"))
    figures["create_s"] = time.perf_counter() - start
    figures["total_s"] = time.perf_counter() - wall
    figures["total_cpu_s"] = _cpu() - cpu
    figures["sections"] = len(outline.sections)
    import notice_studio

    figures["code"] = str(Path(notice_studio.__file__).resolve())
    return figures


def _cpu() -> float:
    """CPU time of this process and of the git commands it ran (waited for) so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def extract(rev: str, folder: str) -> None:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "notice_studio", "clause_library", "resources"],
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        sys.exit(f"No baseline: git revision {rev} was not found.")
    subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)


def child(code: str, source: Path, work: Path, n: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": code}  # the code measured comes first; this script's folder is appended
    script = (
        "import json, sys; sys.path.append(sys.argv[1]); from benchmarks.bench_import_store import measure; "
        "from pathlib import Path; print('JSON ' + json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(source), str(work / f"notice-{n}")],
        env=env,
        capture_output=True,
        text=True,
        cwd=code,
        check=False,
    )
    if out.returncode:
        sys.exit(f"The benchmark failed on {code}:\n{out.stderr}")
    figures = json.loads(next(line[5:] for line in out.stdout.splitlines() if line.startswith("JSON ")))
    if not str(figures.pop("code")).startswith(code):
        sys.exit(f"The benchmark measured the wrong code for {code}.")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=13000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", default="main", help="git revision of the baseline ('' for none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ns-import-store-") as tmp:
        work = Path(tmp)
        source = work / "long.md"
        write_notice(source, args.sections)
        codes = {"this tree": str(ROOT)}
        if args.baseline:
            (work / "baseline").mkdir()
            extract(args.baseline, str(work / "baseline"))
            codes = {f"baseline {args.baseline}": str(work / "baseline"), **codes}
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in codes}
        n = 0
        for _ in range(args.rounds):
            for name, code in codes.items():
                n += 1
                runs[name].append(child(code, source, work, n))
        print(f"{args.sections:,}-section Markdown notice, medians of {args.rounds} rounds (seconds)")
        print(
            f"{'code':<22} {'read':>6} {'store':>7} {'store CPU':>10} {'create+report':>14} {'total':>7} {'total CPU':>10}"
        )
        for name, figures in runs.items():

            def med(key: str, figures: list[dict[str, float]] = figures) -> float:
                return statistics.median(f[key] for f in figures)

            print(
                f"{name:<22} {med('read_s'):>6.1f} {med('store_s'):>7.1f} {med('store_cpu_s'):>10.1f} "
                f"{med('create_s'):>14.1f} "
                f"{med('total_s'):>7.1f} {med('total_cpu_s'):>10.1f}"
            )


if __name__ == "__main__":
    main()

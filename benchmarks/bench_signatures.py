"""What showing signatures costs the History panel's background read.

  a notice with N versions, every tag signed with a real gpg key (a temporary GNUPGHOME)
      the History read as the dock does it in its worker: edits (one page), versions, edits
      since the last version, timeline — with Workspace.version_signatures (git verify-tag for
      each signed version) and, baseline in the same run, without it
      with signatures twice: first on a newly opened notice (every tag verified), then again in the
      same workspace, as after each save (each tag is verified once while the notice is open)
      the same figures on the same notice with unsigned tags

Run: nice -n 10 .venv/bin/python benchmarks/bench_signatures.py [VERSIONS]
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the test suite's gpg keys

from gpg_support import NO_GPG, gpg_keys, sign_with  # noqa: E402
from notice_support import small_notice  # noqa: E402

from notice_studio.core.notice.store import Author, NoticeRepo  # noqa: E402
from notice_studio.core.workspace import Workspace  # noqa: E402
from notice_studio.ui.history.history_entries import timeline  # noqa: E402

AUTHOR = Author("Bench Person", "bench@example.com")
RUNS = 9


def build(folder: Path, versions: int, key: str | None) -> None:
    with NoticeRepo.create(folder, small_notice(), AUTHOR) as repo:
        if key:
            sign_with(folder, key)
        for n in range(versions):
            notice = repo.load()
            notice.set_body("security", f"We protect your data, revision {n}.")
            repo.save(notice, f"Edit {n}", AUTHOR)
            repo.publish(dt.date(2026, 1, 1) + dt.timedelta(days=n), f"Change {n}.", False, "GC", AUTHOR)


def history_read(ws: Workspace, signatures: bool) -> float:
    """The dock's background read, in seconds."""
    repo = ws.repo
    titles = {c.id: c.title for c in ws.notice.all_clauses()}
    start = time.perf_counter()
    edits = repo.edits(limit=200)
    versions = repo.versions()
    since = repo.edits_since(versions[-1].name) if versions else None
    signed = {name: s.words for name, s in ws.version_signatures().items()} if signatures else {}
    entries = timeline(edits, versions, titles, since, signatures=signed)
    took = time.perf_counter() - start
    assert sum(1 for e in entries if e.signature) == sum(1 for words in signed.values() if words)
    return took


def medians_ms(folder: Path) -> tuple[float, float, float]:
    """Without signatures (baseline); with them on a newly opened notice; with them again (after a save)."""
    runs: dict[str, list[float]] = {"without": [], "first": [], "again": []}
    for _ in range(RUNS):
        with Workspace.open(folder) as ws:
            runs["without"].append(history_read(ws, False))
            runs["first"].append(history_read(ws, True))
            runs["again"].append(history_read(ws, True))
    without, first, again = (statistics.median(runs[k]) * 1000 for k in ("without", "first", "again"))
    return without, first, again


def main() -> None:
    if NO_GPG:
        sys.exit("gpg is needed for this benchmark")
    versions = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp, gpg_keys("Bench Person <bench@example.com>") as keys:
        home, key = keys[0]
        os.environ["GNUPGHOME"] = str(home)
        signed, unsigned = Path(tmp) / "signed", Path(tmp) / "unsigned"
        build(signed, versions, key)
        build(unsigned, versions, None)
        print(f"History read, {versions} versions, median of {RUNS}:")
        for label, folder in (("signed tags", signed), ("unsigned tags", unsigned)):
            without, first, again = medians_ms(folder)
            print(
                f"  {label:14} without signatures {without:6.1f} ms   with them, notice just opened {first:6.1f} ms"
                f"   with them after a save {again:6.1f} ms"
            )


if __name__ == "__main__":
    main()

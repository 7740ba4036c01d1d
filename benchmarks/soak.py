"""Soak: many edits through autosave, with kill -9 at random moments; nothing may be lost.

    python benchmarks/soak.py [--edits 1000] [--seed 1] [--baseline-edits 200]

A worker process edits one notice the way the app does: keystrokes every 20-120 ms handed to
`AutoSaver` (idle pause 1.5 s, and now at most 1 s between commits while typing), and now and
then a structural edit (add, remove, move, a placeholder, a table) saved at once. The parent
SIGKILLs the worker and any git it runs at a random moment 0.05-3 s into its editing, then checks the folder the way a user would
find it a minute later: `git fsck --strict`, reopening it for editing, and which edit the
reopened notice holds. It prints kills, fsck failures, unopenable notices, notices in a state
no edit produced, and the typing lost per kill (edits and seconds). The baseline is the same
run with the commit deadline switched off (the old behaviour: commit only after a pause).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notice_studio.core.notice.autosave import AutoSaver  # noqa: E402
from notice_studio.core.notice.model import Clause, Notice, Table  # noqa: E402
from notice_studio.core.notice.notice_format import notice_files  # noqa: E402
from notice_studio.core.notice.store import Author, NoticeRepo  # noqa: E402

AUTHOR = Author("Soak Test", "soak@example.invalid")


def state_hash(files: dict[str, str]) -> str:
    return hashlib.sha1(json.dumps(files, sort_keys=True).encode()).hexdigest()


def first_notice() -> Notice:
    notice = Notice(title="Soak notice", organisation="Soak Ltd")
    for i in range(6):
        notice.add(Clause(f"clause-{i}", f"Clause {i}", f"Text of clause {i}."))
    return notice


# ----- the worker ---------------------------------------------------------------------------------
def worker(folder: str, start: int, seed: int, max_wait: float) -> None:
    rng = random.Random(seed)
    repo = NoticeRepo.open(folder, write=True)
    saver = AutoSaver(repo, AUTHOR, idle_seconds=1.5, max_wait_seconds=max_wait)
    notice = repo.load()
    n = start
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    while True:
        n += 1
        ids = [c.id for c in notice.all_clauses()]
        roll = rng.random()
        structural = roll < 0.04  # about one structural edit per 25 keystrokes
        if roll < 0.01 or len(ids) < 3:
            notice.add(Clause(f"added-{n}", f"Added {n}", "New text."))
        elif roll < 0.017:
            notice.remove(rng.choice(ids[1:]))
        elif roll < 0.025:
            notice.move(rng.choice(ids), None, rng.randrange(len(ids)))
        elif roll < 0.032:
            notice.set_variable("organisation.name", f"Soak {n}")
        elif roll < 0.04:
            notice.tables["cookies"] = Table(["Name", "Edit"], [["session", str(n)]])
        else:
            clause = notice.find(rng.choice(ids))
            clause.body = (clause.body + rng.choice("abcdefghij klmnop.")).lstrip()[-4000:]
        files = notice_files(notice)
        out.write(f"e {n} {state_hash(files)} {time.monotonic():.4f}\n")
        out.flush()
        saver.edited(files, message=None if not structural else f"Edit {n}")
        if structural:
            saver.flush()
        else:
            time.sleep(rng.uniform(0.02, 0.12))  # the gap between two keystrokes


# ----- the parent -----------------------------------------------------------------------------------
def fsck_ok(folder: Path) -> bool:
    done = subprocess.run(["git", "-C", str(folder), "fsck", "--strict"], capture_output=True, text=True)
    return done.returncode == 0


def age_git_locks(folder: Path) -> None:
    old = time.time() - 60
    for lock in (folder / ".git").rglob("*.lock"):
        with contextlib.suppress(FileNotFoundError):  # a git the killed process started may still finish
            os.utime(lock, (old, old))


def soak(edits: int, seed: int, max_wait: float, label: str) -> dict[str, object]:
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    folder = tmp / "notice"
    NoticeRepo.create(folder, first_notice(), AUTHOR).close()
    with NoticeRepo.open(folder) as repo:
        states = {state_hash(notice_files(repo.load())): (0, 0.0)}
    done = 0
    kills = fsck_failures = unopenable = unknown_state = 0
    lost_edits: list[int] = []
    lost_seconds: list[float] = []
    started = time.monotonic()
    while done < edits:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(folder), str(done), str(rng.randrange(1 << 30)), str(max_wait)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
        )
        typed: list[tuple[int, float]] = []
        ready = threading.Event()

        def read(stream=proc.stdout, typed=typed, ready=ready) -> None:
            for line in stream:
                if line.startswith("ready"):
                    ready.set()
                    continue
                _, n, digest, when = line.split()
                states[digest] = (int(n), float(when))
                typed.append((int(n), float(when)))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        ready.wait(60)  # the worker's start-up is not counted: kills fall while it edits
        time.sleep(rng.uniform(0.05, 3.0))
        killed_at = time.monotonic()
        os.killpg(proc.pid, signal.SIGKILL)  # the worker and any git it is running, mid-write
        proc.wait()
        reader.join()
        kills += 1
        age_git_locks(folder)  # the user reopens the notice a minute later
        if not fsck_ok(folder):
            fsck_failures += 1
        try:
            with NoticeRepo.open(folder, write=True) as repo:
                digest = state_hash(notice_files(repo.load()))
        except Exception as exc:  # noqa: BLE001 - counted and reported
            unopenable += 1
            print(f"  unopenable after kill {kills}: {exc}", file=sys.stderr)
            break
        if digest not in states:
            unknown_state += 1
            print(f"  kill {kills}: the notice is in a state no edit produced", file=sys.stderr)
            continue
        recovered, _ = states[digest]
        last = typed[-1][0] if typed else done
        lost_edits.append(max(0, last - recovered))
        first_lost = next((when for n, when in typed if n > recovered), None)
        lost_seconds.append(killed_at - first_lost if first_lost is not None else 0.0)
        done = max(done, recovered)
        if typed:
            done = max(done, recovered)
    elapsed = time.monotonic() - started
    return {
        "label": label,
        "edits": done,
        "kills": kills,
        "fsck failures": fsck_failures,
        "unopenable": unopenable,
        "unknown state": unknown_state,
        "edits lost per kill (median/max)": f"{statistics.median(lost_edits) if lost_edits else 0}/{max(lost_edits, default=0)}",
        "typing lost per kill, s (median/max)": f"{statistics.median(lost_seconds) if lost_seconds else 0:.2f}/{max(lost_seconds, default=0):.2f}",
        "total edits lost": sum(lost_edits),
        "seconds": round(elapsed, 1),
        "folder": str(folder),
    }


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline-edits", type=int, default=200, help="edits for the baseline run (0: none)")
    args = parser.parse_args()
    runs = [soak(args.edits, args.seed, 1.0, "this build: commit at least every 1 s while typing")]
    if args.baseline_edits:
        runs.append(soak(args.baseline_edits, args.seed, 3600.0, "baseline: commit only after a 1.5 s pause"))
    for run in runs:
        print(run.pop("label"))
        for key, value in run.items():
            print(f"  {key:38} {value}")
    return 0 if all(r["fsck failures"] == 0 and r["unopenable"] == 0 and r["unknown state"] == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())

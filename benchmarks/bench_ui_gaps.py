"""Does the window keep answering? A 10 ms heartbeat timer runs while the real main window (offscreen,
1366x768) opens a long notice with history, opens Compare on two versions, toggles "Changed
sections only" and drags Compare's width to and fro; the longest gap between beats in each step is
how long the window was frozen. Target: no gap over ~100 ms.

    .venv/bin/python benchmarks/bench_ui_gaps.py                 this tree
    .venv/bin/python benchmarks/bench_ui_gaps.py --baseline REV   REV's code (a commit, branch or tag
        of this repository, or a folder holding the code) beside this tree's, in one run: two rounds
        by default (--rounds N), each a fresh process per tree; the medians are printed.
    --clauses N --words N   size of the generated notice (default 120 x 200 words, about 24,000 words)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
# BENCH_UI_GAPS_CODE: measure the code in that folder instead (set by --baseline for its child runs).
sys.path.insert(0, os.environ.get("BENCH_UI_GAPS_CODE") or str(HERE))
sys.path.insert(1, str(HERE))  # the notice generator comes from this tree
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STEPS = ("open notice", "open Compare", "changed only on", "changed only off", "resize Compare")
TARGET_MS = 100.0


def _arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def build_notice(folder: Path, clauses: int, words: int) -> None:
    """A generated notice published as v1, then a third of its clauses edited and published as v2."""
    from benchmarks.generate import make_notice
    from notice_studio.core.notice.store import Author, NoticeRepo

    author = Author("Bench Counsel", "bench@example.org")
    notice = make_notice(clauses, words, seed=3)
    with NoticeRepo.create(folder, notice, author) as repo:
        repo.publish(dt.date(2026, 1, 1), "First version.", True, "Bench Counsel", author)
        draft = repo.load()
        for i, clause in enumerate(draft.all_clauses()):
            if i % 3 == 0:
                text = clause.body.split(" ")
                text[5::40] = ["revised"] * len(text[5::40])
                clause.body = " ".join(text) + "\n\nWe added this paragraph in the second version."
        repo.save(draft, "Revised a third of the sections", author)
        repo.publish(dt.date(2026, 6, 1), "Second version.", True, "Bench Counsel", author)


def measure(folder: Path) -> dict[str, float]:
    """Longest heartbeat gap (ms) in each step, in this process's code."""
    from PySide6.QtCore import QSettings, QStandardPaths, QTimer
    from PySide6.QtWidgets import QApplication

    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([])
    from notice_studio.ui.main_window import MainWindow
    from notice_studio.ui.settings import Settings

    home = Path(tempfile.mkdtemp(prefix="bench-ui-gaps-"))
    settings = Settings(QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat))
    settings.set("author/name", "Bench Counsel")
    settings.set("author/email", "bench@example.org")
    gaps: dict[str, float] = {}
    state = {"step": "", "last": time.perf_counter()}

    def beat() -> None:
        now = time.perf_counter()
        if state["step"]:
            gap = (now - state["last"]) * 1000
            gaps[state["step"]] = max(gaps.get(state["step"], 0.0), gap)
        state["last"] = now

    def step(name: str) -> None:
        state["step"], state["last"] = name, time.perf_counter()

    def pump(seconds: float, until=None) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end and not (until and until()):
            app.processEvents()
            time.sleep(0.001)

    heart = QTimer()
    heart.setInterval(10)
    heart.timeout.connect(beat)
    heart.start()
    window = MainWindow(settings)
    window.resize(1366, 768)
    window.show()
    pump(1.5, lambda: window.library is not None)
    pump(0.3)
    step("open notice")
    window.open_notice(folder)
    pump(30, lambda: window.preview.last is not None)
    pump(1.0)
    step("")
    pump(0.3)
    step("open Compare")
    compare = window.compare("v1", "v2")
    compare.resize(1366, 768)
    pump(60, lambda: compare.diff is not None)
    pump(1.5)  # the panes are filled (at once, or in slices)
    step("")
    pump(0.3)
    for name, on in (("changed only on", True), ("changed only off", False)):
        step(name)
        compare.changed_only.setChecked(on)
        pump(1.5)
        step("")
        pump(0.3)
    step("resize Compare")  # two drags: a resize event every 16 ms, then the size holds still
    for widths in (range(1366, 1000, -40), range(1000, 1366, 40)):
        for width in widths:
            compare.resize(width, 768)
            pump(0.016)
        pump(1.5)
    step("")
    compare.close()
    window.close()
    pump(0.3)
    shutil.rmtree(home, ignore_errors=True)
    return gaps


def _child(folder: Path, code: Path) -> dict[str, float]:
    """One fresh process measuring `code` on a copy of the notice."""
    with tempfile.TemporaryDirectory(prefix="bench-ui-gaps-") as tmp:
        copy = Path(tmp) / folder.name
        shutil.copytree(folder, copy)
        env = {**os.environ, "BENCH_UI_GAPS_CODE": str(code), "PYTHONPATH": str(code)}
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--measure", str(copy)],
            env=env,
            capture_output=True,
            text=True,
        )
    if out.returncode:
        sys.exit(f"The benchmark failed on {code}:\n{out.stderr}")
    line = next(line for line in out.stdout.splitlines() if line.startswith("JSON "))
    return json.loads(line[5:])


def main() -> None:
    if "--measure" in sys.argv:
        print("JSON " + json.dumps(measure(Path(sys.argv[sys.argv.index("--measure") + 1]))), flush=True)
        return
    clauses, words = _arg("--clauses", 120), _arg("--words", 200)
    codes = [HERE]
    with tempfile.TemporaryDirectory(prefix="bench-ui-gaps-") as tmp:
        if "--baseline" in sys.argv:
            from benchmarks.baseline import baseline_code

            codes.insert(0, baseline_code(sys.argv[sys.argv.index("--baseline") + 1], Path(tmp) / "baseline"))
        folder = Path(tmp) / "long-notice"
        build_notice(folder, clauses, words)
        runs: dict[Path, list[dict[str, float]]] = {code: [] for code in codes}
        for _ in range(_arg("--rounds", 2 if len(codes) > 1 else 1)):
            for code in codes:
                runs[code].append(_child(folder, code))
    print(f"{clauses} clauses x {words} words, versions v1 and v2; longest heartbeat gap in ms (target <= 100)")
    print(f"{'code':<10}" + "".join(f"{name:>18}" for name in STEPS))
    for code, figures in runs.items():
        name = "this tree" if code == HERE else "baseline"
        cells = [statistics.median(f.get(step, 0.0) for f in figures) for step in STEPS]
        print(f"{name:<10}" + "".join(f"{cell:>15.0f}{' !' if cell > TARGET_MS else '  ':>3}" for cell in cells))
    if len(codes) > 1:
        rounds = len(next(iter(runs.values())))
        print(f"baseline: {codes[0]}\nthis tree: {HERE}\n(medians over {rounds} rounds; ! = over the target)")


if __name__ == "__main__":
    main()

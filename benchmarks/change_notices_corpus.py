"""Change notices drafted for real successive versions of real policies.

    PYTHONPATH=. .venv/bin/python -m benchmarks.change_notices_corpus ../shared/corpus/policy-history.bundle

The bundle (not part of the project) holds one commit per recorded version of 24 policies. Each
version is split into clauses at its Markdown headings (id = slug of the heading), consecutive
versions of one policy are diffed and a change notice drafted. Reported, beside a same-run
baseline (the drafter as it was at BASELINE_COMMIT, when that commit is in this checkout):
  - duplicated bullets: a sentence that appears twice in one change notice;
  - empty notices for real changes: the text changed but the notice lists nothing;
  - bullets readers cannot use: "X" instead of the same "X"; Markdown, HTML, escapes or link
    addresses quoted; a figure with no unit ("now 72 (was 64)"); no detail at all;
  - versions suggested as material;
  - time per change notice (diff + drafting).
Pass --show N to print N change notices (chosen evenly) for reading by eye. The digest line is
a SHA-256 of every change notice this branch drafted; --save DIR writes them to DIR, and
--against DIR names those that differ from the ones saved there (e.g. by another branch).
--speed-baseline REV first runs the same drafting with the code of revision REV (or a folder) in
a child process, and prints its times and digest beside this branch's.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.baseline import module_at
from notice_studio.core.diff.notices import diff_notices
from notice_studio.core.notice.model import Clause, Notice, slugify

BASELINE_COMMIT = "7bcdd2b"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SAME_RE = re.compile(r'says "([^"]*)" instead of "\1"')
_MARKUP_RE = re.compile(r"\]\(|\\[\W_]|<[A-Za-z/!]|https?:|://|www\.|javascript:|\w=\w[^ ]*&|\?\w+=")
_BARE_FIGURE_RE = re.compile(r"now [\d.,]+ \(was|\(was [\d.,]+\)")


def split_markdown(text: str, title: str) -> Notice:
    """A notice with one clause per Markdown heading (nested by heading level)."""
    notice = Notice(title=title)
    stack: list[tuple[int, str]] = []
    seen: Counter[str] = Counter()
    current: Clause | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is not None:
            current.body = "\n".join(lines).strip()

    preamble = Clause("introduction", "Introduction", "")
    notice.add(preamble)
    current = preamble
    for line in text.splitlines():
        m = _HEADING.match(line)
        if not m:
            lines.append(line)
            continue
        flush()
        lines = []
        level, heading = len(m.group(1)), m.group(2).strip() or "Untitled"
        base = slugify(heading) or "section"
        cid = base
        while notice.has(cid):
            seen[base] += 1
            cid = f"{base}-{seen[base] + 1}"
        while stack and stack[-1][0] >= level:
            stack.pop()
        current = Clause(cid, heading, "")
        notice.add(current, parent_id=stack[-1][1] if stack else None)
        stack.append((level, cid))
    flush()
    return notice


def load_baseline() -> types.ModuleType | None:
    """The change-notice drafter at BASELINE_COMMIT, loaded from git, or None."""
    return module_at(BASELINE_COMMIT, "notice_studio/core/diff/changes.py", "baseline_changes")


def versions_by_policy(clone: Path) -> dict[str, list[str]]:
    """Each policy file -> its texts, oldest first."""
    out = subprocess.run(
        ["git", "-C", str(clone), "log", "--reverse", "--format=@%H", "--name-only", "main"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    commits: dict[str, list[str]] = {}
    commit = ""
    for line in out.splitlines():
        if line.startswith("@"):
            commit = line[1:]
        elif line.strip():
            commits.setdefault(line.strip(), []).append(commit)
    texts: dict[str, list[str]] = {}
    for name, shas in commits.items():
        batch = subprocess.run(
            ["git", "-C", str(clone), "cat-file", "--batch"],
            input="".join(f"{sha}:{name}\n" for sha in shas).encode(),
            check=True,
            capture_output=True,
        ).stdout
        texts[name] = _parse_batch(batch)
    return texts


def _parse_batch(data: bytes) -> list[str]:
    texts, pos = [], 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        texts.append(data[pos : pos + size].decode("utf-8", "replace"))
        pos += size + 1
    return texts


def measure(pairs: list[tuple[str, Notice, Notice]], draft: Callable[..., object]) -> dict[str, object]:
    duplicates = empty = vague = same = markup = bare_figures = material = total = 0
    times: list[float] = []
    notices: list[tuple[str, str]] = []
    dup_examples: list[str] = []
    for label, old, new in pairs:
        start = time.perf_counter()
        result = draft(diff_notices(old, new))
        times.append(time.perf_counter() - start)
        text = result.text  # type: ignore[attr-defined]
        bullets = [line for line in text.splitlines() if line.startswith("- ")]
        repeated = [b for b, n in Counter(bullets).items() if n > 1]
        if repeated:
            duplicates += 1
            dup_examples.append(f"{label}: {repeated[0][:120]}")
        if not result.items:  # type: ignore[attr-defined]
            empty += 1
        vague += sum(
            1
            for b in bullets
            if b.startswith("- We changed") and "): " not in b and '": ' not in b and "where a link leads" not in b
        )
        same += sum(1 for b in bullets if _SAME_RE.search(b))
        markup += sum(1 for b in bullets if _MARKUP_RE.search(b))
        bare_figures += sum(1 for b in bullets if _BARE_FIGURE_RE.search(b))
        material += bool(result.material)  # type: ignore[attr-defined]
        total += len(bullets)
        notices.append((label, text))
    return {
        "duplicates": duplicates,
        "empty": empty,
        "vague": vague,
        "same": same,
        "markup": markup,
        "bare_figures": bare_figures,
        "material": material,
        "bullets": total,
        "median_ms": statistics.median(times) * 1000,
        "total_s": sum(times),
        "max_ms": max(times) * 1000,
        "notices": notices,
        "dup_examples": dup_examples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", help="path to policy-history.bundle")
    parser.add_argument("--show", type=int, default=0, help="print this many change notices for reading")
    parser.add_argument("--no-baseline", action="store_true", help="measure this branch only")
    parser.add_argument("--save", type=Path, help="write this branch's change notices to this folder")
    parser.add_argument("--against", type=Path, help="compare them with those --save wrote to this folder")
    parser.add_argument("--speed-baseline", metavar="REV", help="time the code of this revision (or folder) too")
    args = parser.parse_args(argv)
    if args.speed_baseline:
        _speed_baseline(args)
    from notice_studio.core.diff.changes import draft_change_notice

    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "history"
        subprocess.run(["git", "clone", "-q", "-b", "main", args.bundle, str(clone)], check=True)
        policies = versions_by_policy(clone)
    pairs: list[tuple[str, Notice, Notice]] = []
    for name, texts in sorted(policies.items()):
        notices = [split_markdown(t, name.removesuffix(".md")) for t in texts]
        pairs += [(f"{name} {i}->{i + 1}", a, b) for i, (a, b) in enumerate(itertools.pairwise(notices), start=1)]
    real = [p for p in pairs if p[1] != p[2]]
    print(
        f"{len(policies)} policies, {sum(len(t) for t in policies.values())} versions, {len(pairs)} consecutive pairs"
    )
    print(f"{len(real)} pairs with a change to the text as split into clauses")
    rows = [("this branch", measure(real, draft_change_notice))]
    baseline = None if args.no_baseline else load_baseline()
    if baseline is not None:
        rows.append((f"baseline {BASELINE_COMMIT}", measure(real, baseline.draft_change_notice)))
    print(
        f"{'':22}{'bullets':>8}{'duplicated':>11}{'empty':>6}{'no detail':>10}{'X for X':>8}{'markup':>7}"
        f"{'no unit':>8}{'material':>9}{'median ms':>10}{'max ms':>7}{'total s':>8}"
    )
    for label, r in rows:
        print(
            f"{label:22}{r['bullets']:>8}{r['duplicates']:>11}{r['empty']:>6}{r['vague']:>10}{r['same']:>8}"
            f"{r['markup']:>7}{r['bare_figures']:>8}{r['material']:>9}"
            f"{r['median_ms']:>10.1f}{r['max_ms']:>7.0f}{r['total_s']:>8.1f}"
        )
    print("duplicated: notices with a repeated bullet; empty: notices listing nothing for a real change;")
    print("no detail: 'We changed ...' bullets that name no concrete change (figure, words, sentences or link)")
    print('X for X: \'it now says "X" instead of "X"\'; markup: bullets quoting Markdown, HTML, escapes or addresses;')
    print("no unit: a figure quoted bare ('now 72 (was 64)'); material: notices suggested as material")
    for label, r in rows:
        for example in r["dup_examples"][:5]:  # type: ignore[index]
            print(f"  {label} duplicate: {example}")
    drafted: list[tuple[str, str]] = rows[0][1]["notices"]  # type: ignore[assignment]
    print("digest of this branch's change notices: " + _digest(drafted))
    if args.save:
        _save(drafted, args.save)
    if args.against:
        _compare(drafted, args.against)
    if args.show:
        shown = rows[0][1]["notices"]
        step = max(1, len(shown) // args.show)  # type: ignore[arg-type]
        for label, text in shown[::step][: args.show]:  # type: ignore[index]
            print(f"\n=== {label}\n{text}")
    return 0


def _speed_baseline(args: argparse.Namespace) -> None:
    """Run this script on the baseline's code; its change notices are saved for --against."""
    from benchmarks.baseline import baseline_code

    args.against = args.against or Path(tempfile.mkdtemp(prefix="change-notices-baseline-"))
    with tempfile.TemporaryDirectory(prefix="change-notices-") as tmp:
        code = baseline_code(args.speed_baseline, Path(tmp) / "code")
        command = [sys.executable, __file__, args.bundle, "--no-baseline", "--save", str(args.against)]
        out = subprocess.run(command, env={**os.environ, "PYTHONPATH": str(code)}, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"The baseline run failed:\n{out.stderr}")
    print(f"--- baseline code {args.speed_baseline} (fresh process, same run; its notices in {args.against}):")
    print("\n".join(line for line in out.stdout.splitlines() if line.startswith(("this branch", "digest", "   "))))
    print("--- this branch:")


def _digest(notices: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for label, text in notices:
        digest.update(f"{label}\0{text}\0".encode())
    return digest.hexdigest()


def _file_name(number: int) -> str:
    return f"{number:05d}.txt"


def _save(notices: list[tuple[str, str]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number, (label, text) in enumerate(notices):
        (folder / _file_name(number)).write_text(f"{label}\n{text}", encoding="utf-8")


def _compare(notices: list[tuple[str, str]], folder: Path) -> None:
    saved = sorted(folder.glob("*.txt"))
    differ = [
        label
        for number, (label, text) in enumerate(notices)
        if not (folder / _file_name(number)).is_file()
        or (folder / _file_name(number)).read_text(encoding="utf-8") != f"{label}\n{text}"
    ]
    print(
        f"against {folder}: {len(notices) - len(differ)} of {len(notices)} change notices the same ({len(saved)} saved)"
    )
    for label in differ[:10]:
        print(f"  differs: {label}")


if __name__ == "__main__":
    raise SystemExit(main())

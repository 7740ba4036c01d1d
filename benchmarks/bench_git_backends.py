"""Commit one clause edit: pygit2 (libgit2, needs no git program) beside the git command line.

python benchmarks/bench_git_backends.py [N]     (needs `pip install pygit2`; not a dependency)
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import pygit2
except ImportError:
    sys.exit("pygit2 is not installed: pip install pygit2 to run this comparison")

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100


def setup(path):
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    (path / "clauses").mkdir()
    for i in range(300):
        (path / "clauses" / f"c{i}.md").write_text(f"---\ntitle: C{i}\n---\nBody {i}\n" * 5)
    subprocess.run(["git", "-C", str(path), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(path), "-c", "user.name=a", "-c", "user.email=a@x", "commit", "-qm", "init"], check=True
    )


def cli(path, n):
    times = []
    for i in range(n):
        f = path / "clauses" / "c7.md"
        f.write_text(f"edit {i}\n")
        t = time.perf_counter()
        subprocess.run(
            [
                "git",
                "-C",
                str(path),
                "-c",
                "maintenance.auto=false",
                "-c",
                "user.name=a",
                "-c",
                "user.email=a@x",
                "commit",
                "-q",
                "-m",
                f"Edited {i}",
                "--",
                "clauses/c7.md",
            ],
            check=True,
        )
        times.append(time.perf_counter() - t)
    return times


def lib(path, n):
    repo = pygit2.Repository(str(path))
    sig = pygit2.Signature("a", "a@x")
    times = []
    for i in range(n):
        f = path / "clauses" / "c7.md"
        f.write_text(f"edit {i}\n")
        t = time.perf_counter()
        index = repo.index
        index.read()
        index.add("clauses/c7.md")
        index.write()
        tree = index.write_tree()
        repo.create_commit("HEAD", sig, sig, f"Edited {i}", tree, [repo.head.target])
        times.append(time.perf_counter() - t)
    return times


if __name__ == "__main__":
    for name, fn in (("git CLI commit", cli), ("pygit2 commit", lib)):
        d = Path(tempfile.mkdtemp())
        setup(d)
        ts = fn(d, N)
        print(
            f"{name}: median {statistics.median(ts) * 1000:.1f} ms, p90 {sorted(ts)[int(N * 0.9)] * 1000:.1f} ms over {N}"
        )

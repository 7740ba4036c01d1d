"""Team-work benchmarks: sync over smart HTTP, and the clause-level merge.

  sync of one edit on a 5,000-commit, 300-clause notice against a local HTTP remote
      (git http-backend on 127.0.0.1), through Workspace.sync as the app calls it
                                                              median <= 300 ms
      baseline, same run: plain `git fetch` + `git push` of one `git commit`
      our own share: the sync's time outside the network commands (fetch, push), split into
      local git processes and Python
  merge of two drafts each changing 10% of 300 clauses (a third of them the same clauses,
      different words)                                        median <= 200 ms
      in memory (merge_notices) and the whole integration (read three versions, merge, write the
      merge commit); baseline, same run: `git merge-tree --write-tree` of the same two commits

Run: .venv/bin/python benchmarks/bench_sync.py
"""

from __future__ import annotations

import copy
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the test suite's http-backend server

from remote_support import http_server  # noqa: E402

from benchmarks.bench_store import fast_history  # noqa: E402
from benchmarks.generate import make_notice  # noqa: E402
from notice_studio.core.notice import store_remote  # noqa: E402
from notice_studio.core.notice.store import Author, NoticeRepo  # noqa: E402
from notice_studio.core.remote.merge import merge_notices  # noqa: E402
from notice_studio.core.workspace import Workspace  # noqa: E402

AUTHOR = Author("Bench Person", "bench@example.com")
OTHER = Author("Other Person", "other@example.com")
PRIOR_COMMITS = 5000
RUNS = 15
_ENV = {
    "GIT_AUTHOR_NAME": "b",
    "GIT_AUTHOR_EMAIL": "b@x",
    "GIT_COMMITTER_NAME": "b",
    "GIT_COMMITTER_EMAIL": "b@x",
}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def git(path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        ["git", "-C", str(path), "-c", "maintenance.auto=false", *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    ).stdout.strip()


class GitClock:
    """Times every git process a sync runs (network commands apart from local ones)."""

    NETWORK = ("fetch", "push", "clone")

    def __init__(self) -> None:
        self.network = self.local = 0.0
        self._run = store_remote._run

    def __enter__(self) -> GitClock:
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return self._run(*args, **kwargs)
            finally:
                spent = time.perf_counter() - start
                command = next((a for a in args[1:] if a in self.NETWORK), None)
                if command:
                    self.network += spent
                else:
                    self.local += spent

        store_remote._run = timed
        return self

    def __exit__(self, *exc: object) -> None:
        store_remote._run = self._run


def reword(body: str, rng: random.Random, start: float) -> str:
    """Change a few words in one part of the text (start: 0..1 of the way in)."""
    words = body.split(" ")
    at = int(len(words) * start)
    for i in range(at, min(at + 3, len(words))):
        words[i] = rng.choice(["promptly", "securely", "lawfully", "fairly"])
    return " ".join(words)


def bench_sync(tmp: Path) -> None:
    notice = make_notice(300, 200)
    root = tmp / "srv"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(root / "notice.git")], check=True)
    first = tmp / "first"
    with NoticeRepo.create(first, notice, AUTHOR):
        pass
    ids = [c.id for c in notice.all_clauses()]
    fast_history(first, ids, PRIOR_COMMITS)
    with http_server(root) as base:
        url = f"{base}/notice.git"
        with NoticeRepo.open(first, write=True) as repo:
            store_remote.add_remote(repo, url)
            store_remote.sync(repo, author=AUTHOR)
        yours = store_remote.clone(url, tmp / "yours")
        plain = tmp / "plain"
        git(tmp, "clone", "-q", url, str(plain))
        print(f"repository: {len(ids)} clauses, {PRIOR_COMMITS + 1} commits, served by git http-backend at {base}")

        send, receive, baseline, local, python = [], [], [], [], []
        with (
            Workspace.open(yours, write=True, author=AUTHOR) as mine,
            Workspace.open(first, write=True, author=OTHER) as other,
        ):
            for n in range(RUNS):
                mine.edit_body("clause-150", f"Edit number {n}. " + "text " * 100)
                mine.save()
                with GitClock() as clock:
                    start = time.perf_counter()
                    result = mine.sync(reload=False)  # as the app: it reloads on the window's thread
                    spent = time.perf_counter() - start
                send.append(spent)
                local.append(clock.local)
                python.append(spent - clock.local - clock.network)
                assert result.sent == 1, result
                start = time.perf_counter()
                result = other.sync(reload=False)
                receive.append(time.perf_counter() - start)
                assert result.received == 1, result
                # baseline: the same work with bare git in a plain clone
                git(plain, "pull", "-q", "--ff-only")
                (plain / "clauses" / "clause-151.md").write_text(f"---\ntitle: x\n---\nPlain edit {n}.\n")
                git(plain, "commit", "-q", "-m", "plain", "--", "clauses/clause-151.md", env=_ENV)
                start = time.perf_counter()
                git(plain, "fetch", "-q", "origin")
                git(plain, "push", "-q", "origin", "HEAD:main")
                baseline.append(time.perf_counter() - start)
                # let the notices catch up with the plain edit outside the timed part
                mine.sync()
                other.sync()
        s, r, b = median_ms(send), median_ms(receive), median_ms(baseline)
        print(
            f"sync sending one edit:   median {s:.0f} ms (target <= 300 ms); plain git fetch+push {b:.0f} ms; ratio {s / b:.2f}"
        )
        print(
            f"    our own share of it: local git {median_ms(local):.0f} ms + Python {median_ms(python):.0f} ms "
            "(the rest is fetch and push, which the baseline pays too)"
        )
        print(f"sync receiving one edit: median {r:.0f} ms (target <= 300 ms)")


def bench_merge(tmp: Path) -> None:
    rng = random.Random(7)
    base = make_notice(300, 200)
    ids = [c.id for c in base.all_clauses()]
    chosen = rng.sample(ids, 50)
    yours_ids, theirs_ids = chosen[:30], chosen[20:50]  # 30 each (10%), 10 in common
    yours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    for cid in yours_ids:
        yours.set_body(cid, reword(yours.find(cid).body, rng, 0.1))
    for cid in theirs_ids:
        theirs.set_body(cid, reword(theirs.find(cid).body, rng, 0.8))
    in_memory = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = merge_notices(base, yours, theirs)
        in_memory.append(time.perf_counter() - start)
    assert not result.conflicts, result.conflicts

    path = tmp / "merge"
    with NoticeRepo.create(path, base, AUTHOR) as repo:
        root = repo.head()
        yours_commit = repo.save(yours, "yours", AUTHOR)
        git(path, "branch", "theirs", root)
        git(path, "checkout", "-q", "theirs")
        repo._committed = {}
        theirs_commit = repo.save(theirs, "theirs", OTHER)
        git(path, "checkout", "-q", "main")
        repo._committed = {}
        repo.load()  # as every caller has: the workspace read the draft when it opened the notice
        whole, baseline = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            commit = store_remote._integrate(repo, root, str(yours_commit), str(theirs_commit), {}, AUTHOR, "bench")
            assert isinstance(commit, str)
            whole.append(time.perf_counter() - start)
            start = time.perf_counter()
            git(path, "merge-tree", "--write-tree", str(yours_commit), str(theirs_commit))
            baseline.append(time.perf_counter() - start)
    m, w, b = median_ms(in_memory), median_ms(whole), median_ms(baseline)
    print(
        f"merge, 2 x 30 of 300 clauses changed (10 both, other words): in memory {m:.0f} ms; "
        f"read + merge + write commit {w:.0f} ms (target <= 200 ms); git merge-tree {b:.0f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("GIT_CONFIG_NOSYSTEM", "1")
        bench_merge(Path(tmp))
        bench_sync(Path(tmp))


if __name__ == "__main__":
    main()

"""Building the website folder again with nothing changed, on a notice with hundreds of published
versions, baseline beside now in the same run on the same repository and folder:

  baseline  every version read from the history and rendered again (the folder's record of what
            each page was made from removed first, as builds before it kept none)
  now       pages whose digest matches the record are left as they are, unread

Run: .venv/bin/python benchmarks/bench_site.py [VERSIONS ...]   (default 50 311)
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.long_history import notice_with_versions
from notice_studio.core.export.site import MADE_FROM, MANIFEST, build_site
from notice_studio.core.notice.store import NoticeRepo


def forget_digests(site: Path) -> None:
    record = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    record.pop(MADE_FROM, None)
    (site / MANIFEST).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main(counts: list[int]) -> None:
    print(f"{'versions':>8} {'first build':>12} {'baseline again':>15} {'now again':>10}  pages made now")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            folder = notice_with_versions(Path(tmp) / "n", count)
            site = Path(tmp) / "site"
            with NoticeRepo.open(folder) as repo:
                first, _ = timed(lambda repo=repo, site=site: build_site(repo, site))
                forget_digests(site)
                baseline, full = timed(lambda repo=repo, site=site: build_site(repo, site))
                assert len(full.made) == count and not full.written
                now, result = timed(lambda repo=repo, site=site: build_site(repo, site))
                assert not result.written
        print(f"{count:>8} {first:>11.2f}s {baseline:>14.2f}s {now:>9.2f}s  {len(result.made)} of {result.versions}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 311])

"""A notice kept for years: hundreds of published versions on one repository, for the History
dock and website benchmarks. Built through the store (saves and publishes), as the app does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.generate import make_notice
from notice_studio.core.notice.store import Author, NoticeRepo

AUTHOR = Author("Bench Person", "bench@example.com")


def notice_with_versions(folder: Path, versions: int, clauses: int = 12, upcoming: int = 2) -> Path:
    """`versions` published versions, each after a one-clause edit: all in force in turn but the
    last `upcoming`, still to take effect, of which the very last is withdrawn."""
    notice = make_notice(clauses=clauses, words=80)
    today = dt.date.today()
    start = today - dt.timedelta(days=7 * (versions - upcoming) + 1)
    with NoticeRepo.create(folder, notice, AUTHOR) as repo:
        for n in range(1, versions + 1):
            clause = notice.clauses[n % len(notice.clauses)]
            notice.set_body(clause.id, clause.body + f" Revised for version {n}.")
            repo.save(notice, f"Edited '{clause.title}'", AUTHOR)
            effective = start + dt.timedelta(days=7 * n)
            repo.publish(effective, f"Version {n} revises one section.", n % 5 == 0, "Bench Approver", AUTHOR)
        if upcoming:
            repo.withdraw(f"v{versions}", "Published by mistake.", AUTHOR)
    return folder

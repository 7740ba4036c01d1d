"""A library clause written only for laws the notice does not apply (a CCPA clause in a GDPR
notice): the rule `core.library.fit` keeps, which also warns when the clause is inserted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from notice_studio.core.checks import sources
from notice_studio.core.checks.scan import Scan
from notice_studio.core.checks.types import Finding

if TYPE_CHECKING:
    from notice_studio.core.library.catalog import Library


def clauses_for_other_laws(scan: Scan, library: Library | None) -> Iterator[Finding]:
    laws = scan.notice.jurisdictions
    for info in scan.clauses:
        mismatch = sources.law_mismatch(library, info.clause, laws)
        if mismatch is None:
            continue
        yield Finding(
            "clause-law-not-applied",
            "warning",
            f"Section {info.number} {mismatch.message}",
            mismatch.fix(info.id),
            info.id,
            location="title",
            excerpt=mismatch.library_id,
            suggestion=mismatch.variants[0] if mismatch.variants else None,
            jurisdiction=mismatch.laws[0],  # the law to add if it applies (the app offers it)
            in_app=mismatch.app_fix,
        )

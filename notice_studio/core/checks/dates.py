"""The "Last updated" date: the app prints the effective date of the latest published version.

So the drafting defect "no last updated date" means the notice was never published, or the
version has no effective date; CCPA also wants the date no older than 12 months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from notice_studio.core.checks.scan import Scan
from notice_studio.core.checks.text import per_text
from notice_studio.core.checks.types import CheckContext, Finding
from notice_studio.core.importer.dates import typed_date_spans
from notice_studio.core.notice.model import Notice
from notice_studio.core.render.common import format_date


@per_text
def _date_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(typed_date_spans(text))


def typed_dates(scan: Scan) -> Iterator[Finding]:
    """A date typed into the text goes stale: the app prints the published version's date."""
    for info in scan.clauses:
        for start, end in _date_spans(info.plain):
            excerpt = info.clause.body[start:end]
            shown = " ".join(info.plain[start:end].split())  # as the reader sees it, without markup
            yield Finding(
                "last-updated-typed",
                "warning",
                f"The text states its own date ('{shown}'), which will be wrong after the next version; "
                "the app prints the 'Last updated' date of each published version itself.",
                "Remove the typed date.",
                info.id,
                start,
                end,
                "body",
                excerpt,
            )


def year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def is_stale(last: dt.date, today: dt.date) -> bool:
    """True when more than 12 months have passed since `last`."""
    return today > year_after(last)


def _months(last: dt.date, today: dt.date) -> int:
    return (today.year - last.year) * 12 + today.month - last.month - (today.day < last.day)


def last_updated(notice: Notice, ctx: CheckContext) -> Iterator[Finding]:
    published_before = ctx.published_count if ctx.published_count is not None else (1 if ctx.last_published else 0)
    last = ctx.last_published
    if ctx.published_version:
        if last is None:
            yield Finding(
                "last-updated-missing",
                "error",
                "This version has no effective date, so readers see no 'Last updated' date.",
                "Publish a new version with an effective date.",
                None,
                None,
                None,
                "notice",
            )
            return
    elif last is None:
        if published_before:
            yield Finding(
                "last-updated-missing",
                "info",
                "The latest published version has no effective date, so the live notice shows no 'Last updated' date.",
                "Publishing this draft with an effective date sets it.",
                None,
                None,
                None,
                "notice",
            )
        else:
            yield Finding(
                "last-updated-missing",
                "info",
                "The notice has not been published yet, so it has no 'Last updated' date.",
                "Publishing sets the date; it is the effective date you choose.",
                None,
                None,
                None,
                "notice",
            )
        return
    if "ccpa" not in notice.jurisdictions or last is None or not is_stale(last, ctx.today):
        return
    months = _months(last, ctx.today)
    if ctx.published_version:
        yield Finding(
            "last-updated-stale",
            "warning",
            f"The 'Last updated' date {format_date(last)} is {months} months old, and the CCPA requires the "
            "privacy policy to be updated at least once every 12 months.",
            "Review the notice and publish a new version.",
            None,
            None,
            None,
            "notice",
            last.isoformat(),
            element_id="ccpa_annual_update",
            citation="Civ. Code 1798.130(a)(5)",
            jurisdiction="ccpa",
        )
    else:
        yield Finding(
            "last-updated-stale",
            "info",
            f"The live version's 'Last updated' date {format_date(last)} is {months} months old, more than the "
            "12 months the CCPA allows.",
            "Publishing this draft refreshes the date.",
            None,
            None,
            None,
            "notice",
            last.isoformat(),
            element_id="ccpa_annual_update",
            citation="Civ. Code 1798.130(a)(5)",
            jurisdiction="ccpa",
        )

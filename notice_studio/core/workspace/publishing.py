"""The one publishing gate: what blocks, what needs acknowledging, and the drafted change notice."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notice_studio.core.checks import CheckReport, Finding
from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import Version

if TYPE_CHECKING:
    from notice_studio.core.diff.notices import NoticeDiff

FIRST_VERSION_TEXT = "This is the first published version of this notice."
REASON_RULES = frozenset({"coverage-evidence-missing"})
"""Warnings acknowledged only with a reason (recorded in the version's tag): a clause that no
longer says what a law requires may still be right, but someone must say why."""


@dataclass(frozen=True)
class ReasonNeeded:
    """A warning that is acknowledged only with a reason, and the short key that names it."""

    key: str
    """The element id ('gdpr_right_complaint_supervisory_authority'): `--acknowledge KEY=REASON`."""
    warning: str
    """The warning as the gate words it (one of PublishReview.warnings)."""
    citation: str


def reason_key(finding: Finding) -> str | None:
    """The key a reason is given under, or None when the warning needs no reason."""
    if finding.rule not in REASON_RULES or finding.severity != "warning":
        return None
    return finding.element_id or finding.key


@dataclass(frozen=True)
class PublishReview:
    """Everything a person needs before publishing the draft, the same for the app and the CLI."""

    report: CheckReport
    blocking: tuple[str, ...]
    """Errors, one sentence each: publishing is refused until they are fixed."""
    warnings: tuple[str, ...]
    """Warnings, one sentence each: each must be acknowledged to publish."""
    latest: Version | None
    """The latest published version, or None for a first version."""
    diff: NoticeDiff | None
    change_notice: str
    """The drafted change notice readers will see (the person may edit it)."""
    material: bool
    """The suggestion: True when the changes touch what is collected, why, who receives it…"""
    has_changes: bool
    needs_reason: tuple[ReasonNeeded, ...] = ()
    """Warnings (among `warnings`) that are acknowledged only with a reason."""

    @property
    def first_version(self) -> bool:
        return self.latest is None

    @property
    def can_publish(self) -> bool:
        return not self.blocking and self.has_changes


def finding_sentence(notice: Notice, finding: Finding) -> str:
    """'section 3.2: …' — a finding as one sentence that says where."""
    if not finding.clause_id:
        return finding.message
    number = notice.numbers().get(finding.clause_id, "")
    if not number or f"section {number} " in finding.message.lower() + " ":
        return finding.message  # the message already says where
    return f"section {number}: {finding.message}"


def review(notice: Notice, report: CheckReport, latest: Version | None, published: Notice | None) -> PublishReview:
    """The review of `notice` given its check report and the latest published version's notice."""
    blocking = tuple(finding_sentence(notice, f) for f in report.blocking)
    warnings = tuple(finding_sentence(notice, f) for f in report.to_acknowledge)
    needs = tuple(
        ReasonNeeded(key, finding_sentence(notice, f), f.citation or "")
        for f in report.to_acknowledge
        if (key := reason_key(f)) is not None
    )
    if latest is None or published is None:
        return PublishReview(report, blocking, warnings, None, None, FIRST_VERSION_TEXT, False, True, needs)
    from notice_studio.core.diff.changes import draft_change_notice
    from notice_studio.core.diff.notices import diff_notices

    diff = diff_notices(published, notice)
    drafted = draft_change_notice(diff)
    return PublishReview(
        report, blocking, warnings, latest, diff, drafted.text, drafted.material, diff.has_changes, needs
    )


def missing_reason(needed: tuple[ReasonNeeded, ...], reasons: Mapping[str, str]) -> str:
    """The one sentence refusing to publish while a warning that needs a reason has none ('' if all have one)."""
    for item in needed:
        if not " ".join(reasons.get(item.key, "").split()):
            about = item.citation or item.key
            return (
                f"Give a reason for acknowledging that a clause no longer says what {about} requires "
                f"('{item.key}'); the reason is recorded with the version."
            )
    return ""


def given_reasons(needed: tuple[ReasonNeeded, ...], reasons: Mapping[str, str]) -> list[tuple[str, str]]:
    """(warning, reason) for each warning that needs a reason, as the version's tag records them."""
    return [(item.warning, " ".join(reasons[item.key].split())) for item in needed if reasons.get(item.key, "").strip()]
